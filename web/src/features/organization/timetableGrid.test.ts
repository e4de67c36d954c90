import { describe, expect, it } from 'vitest'
import type { Period, TimetableEntry, Weekday } from '@/api/types'
import { toGrid } from './timetableGrid'

const periods: Period[] = [
  { no: 2, start: '08:55', end: '09:40' },
  { no: 1, start: '08:00', end: '08:45' },
]

function lesson(weekday: Weekday, period: number, subject: string): TimetableEntry {
  return { weekday, period, subject, teacher: '王芳', classroom: '录播教室1', classFullName: '七年级1班' }
}

describe('timetable grid', () => {
  it('puts each lesson in its weekday and period cell', () => {
    const grid = toGrid({ periods, entries: [lesson(1, 1, '数学'), lesson(3, 2, '语文')] })
    expect(grid.rows[0].cells[0].entries.map((e) => e.subject)).toEqual(['数学'])
    expect(grid.rows[1].cells[2].entries.map((e) => e.subject)).toEqual(['语文'])
    expect(grid.rows[1].cells[0].entries).toEqual([])
  })

  it('orders the periods and keeps their times', () => {
    const grid = toGrid({ periods, entries: [] })
    expect(grid.rows.map((r) => r.period.no)).toEqual([1, 2])
    expect(grid.rows[0].period.start).toBe('08:00')
  })

  it('shows Monday to Friday without weekend lessons', () => {
    expect(toGrid({ periods, entries: [lesson(5, 1, '英语')] }).weekdays).toEqual([1, 2, 3, 4, 5])
  })

  it('adds a weekend column only for the day that has lessons', () => {
    expect(toGrid({ periods, entries: [lesson(6, 1, '兴趣')] }).weekdays).toEqual([1, 2, 3, 4, 5, 6])
    expect(toGrid({ periods, entries: [lesson(7, 2, '补课')] }).weekdays).toEqual([1, 2, 3, 4, 5, 7])
    const saturday = toGrid({ periods, entries: [lesson(6, 1, '兴趣')] })
    expect(saturday.rows[0].cells[5]).toMatchObject({ weekday: 6, period: 1 })
    expect(saturday.rows[0].cells[5].entries[0].subject).toBe('兴趣')
  })

  it('keeps a lesson whose period the bell schedule lacks', () => {
    const grid = toGrid({ periods, entries: [lesson(2, 8, '自习')] })
    expect(grid.rows.map((r) => r.period.no)).toEqual([1, 2, 8])
    expect(grid.rows[2].period.start).toBe('')
    expect(grid.rows[2].cells[1].entries[0].subject).toBe('自习')
  })

  it('keeps both lessons of a split class in one cell', () => {
    const grid = toGrid({ periods, entries: [lesson(4, 1, '体育'), lesson(4, 1, '音乐')] })
    expect(grid.rows[0].cells[3].entries.map((e) => e.subject)).toEqual(['体育', '音乐'])
  })
})
