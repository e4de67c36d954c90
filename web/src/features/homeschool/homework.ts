import type { ChildHomework, Standing } from '@/api/homeschool'

/** `datetime-local` value (local time, minutes) of a date. */
export function localDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** Tomorrow at 08:00 local time: the usual due time of homework given today. */
export function tomorrowMorning(now: Date = new Date()): Date {
  const due = new Date(now)
  due.setDate(due.getDate() + 1)
  due.setHours(8, 0, 0, 0)
  return due
}

/** How a family's homework stands, for its tag: not handed in yet (and overdue?), handed in, returned, reviewed. */
export function childStanding(h: Pick<ChildHomework, 'state' | 'late' | 'dueAt'>, now: Date = new Date()): Standing | 'TODO' {
  if (h.state === 'REVIEWED' || h.state === 'RETURNED') return h.state
  if (h.state === 'SUBMITTED') return h.late ? 'LATE' : 'SUBMITTED'
  return new Date(h.dueAt).getTime() < now.getTime() ? 'MISSING' : 'TODO'
}

export const STANDING_TAG: Record<Standing | 'TODO', 'primary' | 'success' | 'warning' | 'danger'> = {
  TODO: 'primary',
  SUBMITTED: 'success',
  LATE: 'warning',
  MISSING: 'danger',
  RETURNED: 'warning',
  REVIEWED: 'success',
}
