import { http } from './http'

// Types and calls of the platform's `observation` module and its rubrics (docs/patrol.md). Field names match
// observation/web/ObservationController and RubricsController exactly.

export interface Criterion {
  id: number
  name: string
  description: string
  weight: number
  maxScore: number
}

export interface Rubric {
  id: number
  familyId: number
  version: number
  name: string
  description: string
  criteria: Criterion[]
  /** Some scorecard used it: a revision makes a new version. */
  used: boolean
  retired: boolean
  createdAt: string
}

export interface RubricRequest {
  name: string
  description: string
  criteria: Array<Omit<Criterion, 'id'>>
}

export interface ObservationComment {
  id: number
  observedId: number
  authorId: number
  authorName: string
  /** Milliseconds from the start of the lesson's timeline. */
  offsetMs: number
  body: string
  createdAt: string
}

export interface Scorecard {
  id: number
  observedId: number
  rubricId: number
  observerId: number
  observerName: string
  /** Criterion id → score. */
  scores: Record<string, number>
  /** Weighted, out of 100. */
  total: number
  updatedAt: string
}

export interface Observation {
  id: number
  schoolId: number
  classroomId: number | null
  lessonId: number | null
  live: boolean
  timeZero: string | null
  date: string
  period: number | null
  title: string
  className: string | null
  subjectName: string | null
  teacherName: string | null
  canComment: boolean
  comments: ObservationComment[]
  scorecards: Scorecard[]
  average: number | null
}

export interface TeacherTotals {
  teacherStaffId: number | null
  teacherName: string
  schoolId: number
  lessons: number
  scorecards: number
  average: number | null
}

export async function fetchRubrics(all = false): Promise<Rubric[]> {
  return (await http.get<Rubric[]>('/rubrics', { params: { all } })).data
}

export async function defineRubric(request: RubricRequest): Promise<Rubric> {
  return (await http.post<Rubric>('/rubrics', request)).data
}

export async function reviseRubric(id: number, request: RubricRequest): Promise<Rubric> {
  return (await http.put<Rubric>(`/rubrics/${id}`, request)).data
}

export async function retireRubric(id: number): Promise<void> {
  await http.delete(`/rubrics/${id}`)
}

/** Opens the observation of a classroom's live class (409 not-live) or of a library lesson. */
export async function openObservation(kind: 'live' | 'lessons', id: number): Promise<Observation> {
  return (await http.post<Observation>(`/observation/${kind}/${id}`)).data
}

export async function fetchObservation(id: number): Promise<Observation> {
  return (await http.get<Observation>(`/observation/${id}`)).data
}

/** A comment at the player's time (`offsetMs`) or, live, now less the player's delay (`latencyMs`). */
export async function postComment(
  id: number,
  body: string,
  at: { offsetMs?: number; latencyMs?: number },
): Promise<ObservationComment> {
  return (await http.post<ObservationComment>(`/observation/${id}/comments`, { body, ...at })).data
}

export async function saveScorecard(
  id: number,
  rubricId: number,
  scores: Array<{ criterionId: number; score: number }>,
): Promise<Scorecard> {
  return (await http.put<Scorecard>(`/observation/${id}/scorecard`, { rubricId, scores })).data
}

/** An observed lesson with its totals (the observation module's `LessonTotals`). */
export interface LessonTotals {
  lesson: {
    id: number
    lessonId: number | null
    classroomId: number | null
    date: string
    periodNo: number | null
    title: string
    className: string | null
    subjectName: string | null
    teacherName: string | null
  }
  scorecards: number
  comments: number
  average: number | null
}

export async function fetchLessonTotals(from: string, to: string): Promise<LessonTotals[]> {
  return (await http.get<LessonTotals[]>('/observation/reports/lessons', { params: { from, to } })).data
}

export async function fetchTeacherTotals(from: string, to: string): Promise<TeacherTotals[]> {
  return (await http.get<TeacherTotals[]>('/observation/reports/teachers', { params: { from, to } })).data
}

/** The event stream of an observation (`comment`, `scores`, `recorded`); the browser reconnects by itself. */
export function observationEvents(id: number): EventSource {
  return new EventSource(`/api/v1/observation/${id}/events`, { withCredentials: true })
}

/** "01:05" / "1:02:03" for a time on the lesson's timeline. */
export function timecode(offsetMs: number): string {
  const total = Math.max(0, Math.floor(offsetMs / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const two = (n: number) => String(n).padStart(2, '0')
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`
}

/** The subjects a researcher (教研员) observes. */
export async function fetchResearcherSubjects(userId: number): Promise<number[]> {
  return (await http.get<number[]>(`/observation/researchers/${userId}/subjects`)).data
}

export async function setResearcherSubjects(userId: number, subjectIds: number[]): Promise<number[]> {
  return (await http.put<number[]>(`/observation/researchers/${userId}/subjects`, { subjectIds })).data
}
