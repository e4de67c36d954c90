import type { Period, Timetable, TimetableEntry, Weekday } from '@/api/types'

export const WORKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5]

export interface GridCell {
  weekday: Weekday
  period: number
  /** Usually one lesson; more when a class is split into groups. */
  entries: TimetableEntry[]
}

export interface GridRow {
  period: Period
  cells: GridCell[]
}

export interface TimetableGridModel {
  /** Monday to Friday, plus Saturday or Sunday only when a lesson falls on them. */
  weekdays: Weekday[]
  rows: GridRow[]
}

/**
 * Lays a timetable out as a week grid: one row per period (in order, with its times), one column per
 * weekday. Entries for a period the bell schedule does not list still get a row, without times, so no
 * lesson is silently dropped.
 */
export function toGrid(timetable: Pick<Timetable, 'periods' | 'entries'>): TimetableGridModel {
  const weekend = ([6, 7] as const).filter((day) => timetable.entries.some((e) => e.weekday === day))
  const weekdays: Weekday[] = [...WORKDAYS, ...weekend]

  const periods = new Map<number, Period>()
  for (const period of timetable.periods) periods.set(period.no, period)
  for (const entry of timetable.entries) {
    if (!periods.has(entry.period)) periods.set(entry.period, { no: entry.period, start: '', end: '' })
  }

  const byCell = new Map<string, TimetableEntry[]>()
  for (const entry of timetable.entries) {
    const key = `${entry.weekday}-${entry.period}`
    const list = byCell.get(key)
    if (list) list.push(entry)
    else byCell.set(key, [entry])
  }

  const rows = [...periods.values()]
    .sort((a, b) => a.no - b.no)
    .map((period) => ({
      period,
      cells: weekdays.map((weekday) => ({ weekday, period: period.no, entries: byCell.get(`${weekday}-${period.no}`) ?? [] })),
    }))
  return { weekdays, rows }
}
