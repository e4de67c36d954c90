import type { Grade, Subject, Timetable, TimetableEntry, Weekday } from '@/api/types'

/** What the upload form starts with; every field stays editable, blanks are classified by the server. */
export interface Prefill {
  subjectId: number | null
  gradeId: number | null
  classId: number | null
  period: number | null
  /** ISO date of the lesson. */
  recordedOn: string
  /** The timetable entry it came from, to tell the user. */
  entry: TimetableEntry | null
}

function isoDate(date: Date): string {
  const m = String(date.getMonth() + 1).padStart(2, '0')
  const d = String(date.getDate()).padStart(2, '0')
  return `${date.getFullYear()}-${m}-${d}`
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number)
  return h * 60 + (m || 0)
}

/**
 * The lesson the teacher most likely just recorded: today's timetable entry whose period started last before
 * `now` (a teacher usually uploads right after class). Only a suggestion for the form — the server classifies
 * uploads from the timetable itself and has the last word.
 */
export function suggestFromTimetable(timetable: Timetable | null, now: Date): TimetableEntry | null {
  if (!timetable) return null
  const weekday = (((now.getDay() + 6) % 7) + 1) as Weekday
  const nowMinutes = now.getHours() * 60 + now.getMinutes()
  const starts = new Map(timetable.periods.map((p) => [p.no, p.start ? minutes(p.start) : null]))
  let best: TimetableEntry | null = null
  let bestStart = -1
  for (const entry of timetable.entries) {
    if (entry.weekday !== weekday) continue
    const start = starts.get(entry.period)
    if (start == null || start > nowMinutes) continue
    if (start > bestStart) {
      best = entry
      bestStart = start
    }
  }
  return best
}

/** Turns a timetable entry (names) into the form's ids using the school's grades and subjects. */
export function prefillFrom(entry: TimetableEntry | null, grades: readonly Grade[], subjects: readonly Subject[], now: Date): Prefill {
  const empty: Prefill = { subjectId: null, gradeId: null, classId: null, period: null, recordedOn: isoDate(now), entry: null }
  if (!entry) return empty
  const subject = subjects.find((s) => s.name === entry.subject)
  let gradeId: number | null = null
  let classId: number | null = null
  for (const grade of grades) {
    const schoolClass = grade.classes.find((c) => c.fullName === entry.classFullName)
    if (schoolClass) {
      gradeId = grade.id
      classId = schoolClass.id
      break
    }
  }
  return { subjectId: subject?.id ?? null, gradeId, classId, period: entry.period, recordedOn: isoDate(now), entry }
}
