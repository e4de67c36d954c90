import { describe, expect, it } from 'vitest'
import type { Grade, Subject, Timetable } from '@/api/types'
import { prefillFrom, suggestFromTimetable } from './prefill'

const timetable: Timetable = {
  title: '张老师',
  term: { id: 1, name: '2025 春', startDate: '2025-02-17', endDate: '2025-07-04', current: true },
  periods: [
    { no: 1, start: '08:00', end: '08:45' },
    { no: 2, start: '08:55', end: '09:40' },
    { no: 3, start: '10:00', end: '10:45' },
  ],
  entries: [
    { weekday: 3, period: 1, subject: '数学', teacher: '张老师', classroom: null, classFullName: '七年级(1)班' },
    { weekday: 3, period: 3, subject: '数学', teacher: '张老师', classroom: null, classFullName: '七年级(2)班' },
    { weekday: 4, period: 2, subject: '数学', teacher: '张老师', classroom: null, classFullName: '七年级(1)班' },
  ],
}

const grades: Grade[] = [
  {
    id: 7,
    name: '七年级',
    level: 7,
    classes: [
      { id: 71, name: '(1)班', fullName: '七年级(1)班', headTeacherId: null, headTeacherName: null, studentCount: 40 },
      { id: 72, name: '(2)班', fullName: '七年级(2)班', headTeacherId: null, headTeacherName: null, studentCount: 40 },
    ],
  },
]
const subjects: Subject[] = [
  { id: 1, code: 'CHN', name: '语文' },
  { id: 2, code: 'MATH', name: '数学' },
]

// 2025-03-12 is a Wednesday (weekday 3)
const wednesday = (h: number, m: number) => new Date(2025, 2, 12, h, m)

describe('upload pre-fill from the timetable', () => {
  it('picks the lesson that started last before now', () => {
    expect(suggestFromTimetable(timetable, wednesday(9, 30))?.classFullName).toBe('七年级(1)班')
    expect(suggestFromTimetable(timetable, wednesday(11, 0))?.classFullName).toBe('七年级(2)班')
  })

  it('suggests nothing before the first lesson or on a free day', () => {
    expect(suggestFromTimetable(timetable, wednesday(7, 0))).toBeNull()
    expect(suggestFromTimetable(timetable, new Date(2025, 2, 15, 10, 0))).toBeNull()
  })

  it('turns names into ids', () => {
    const entry = suggestFromTimetable(timetable, wednesday(11, 0))
    expect(prefillFrom(entry, grades, subjects, wednesday(11, 0))).toMatchObject({
      subjectId: 2,
      gradeId: 7,
      classId: 72,
      period: 3,
      recordedOn: '2025-03-12',
    })
  })

  it('leaves unknown names empty', () => {
    const entry = { ...timetable.entries[0], subject: '书法', classFullName: '九年级(9)班' }
    expect(prefillFrom(entry, grades, subjects, wednesday(9, 0))).toMatchObject({ subjectId: null, gradeId: null, classId: null, period: 1 })
  })
})
