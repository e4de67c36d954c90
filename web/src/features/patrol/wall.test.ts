import { describe, expect, it } from 'vitest'
import type { PatrolRoom } from '@/api/patrol'
import { columnsOf, nextPage, optionsOf, pageCount, pageOf } from './wall'

const room = (id: number, school: number, subject?: [number, string]): PatrolRoom => ({
  classroomId: id,
  classroomName: `录播教室${id}`,
  buildingId: school * 10,
  buildingName: '综合楼',
  schoolId: school,
  schoolName: school === 1 ? '第一中学' : '实验中学',
  live: true,
  liveSince: null,
  lesson: subject
    ? { classId: id, className: '七年级1班', gradeId: school * 100, gradeName: '七年级', subjectId: subject[0], subjectName: subject[1],
        teacherStaffId: null, teacherName: null, period: 1, startsAt: '08:00:00', endsAt: '08:40:00', date: '2026-11-24' }
    : null,
})

describe('patrol wall pages', () => {
  it('splits rooms into pages of the layout and wraps around', () => {
    const rooms = Array.from({ length: 10 }, (_, i) => i)
    expect(pageCount(10, 4)).toBe(3)
    expect(pageOf(rooms, 4, 0)).toEqual([0, 1, 2, 3])
    expect(pageOf(rooms, 4, 2)).toEqual([8, 9])
    expect(pageOf(rooms, 4, 3)).toEqual([0, 1, 2, 3])
    expect(nextPage(2, 10, 4)).toBe(0)
    expect(nextPage(0, 10, 4)).toBe(1)
    expect(pageCount(0, 9)).toBe(1)
    expect(columnsOf(16)).toBe(4)
  })

  it('offers each school, building, grade and subject once', () => {
    const options = optionsOf([room(1, 1, [2, '数学']), room(2, 1, [2, '数学']), room(3, 2, [1, '语文']), room(4, 2)])
    expect(options.schools.map((o) => o.id).sort()).toEqual([1, 2])
    expect(options.subjects.map((o) => o.name).sort()).toEqual(['数学', '语文'].sort())
    expect(options.grades).toHaveLength(2)
    expect(options.buildings).toHaveLength(2)
  })
})
