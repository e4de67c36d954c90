import { http } from './http'

// Types and calls of the platform's `patrol` module (docs/patrol.md). Field names match
// patrol/web/PatrolController's JSON exactly.

/** What the timetable says is taught in a room now (or in the period a note is about). */
export interface PatrolLesson {
  classId: number
  className: string
  gradeId: number
  gradeName: string
  subjectId: number
  subjectName: string
  teacherStaffId: number | null
  teacherName: string | null
  period: number
  startsAt: string
  endsAt: string
  date: string
}

/** A recording classroom on the patrol wall. */
export interface PatrolRoom {
  classroomId: number
  classroomName: string
  buildingId: number
  buildingName: string
  schoolId: number
  schoolName: string
  live: boolean
  liveSince: string | null
  lesson: PatrolLesson | null
}

export interface PatrolFilter {
  schoolId?: number
  buildingId?: number
  gradeId?: number
  subjectId?: number
  teachingNow?: boolean
  /** Only rooms on the air (default true). */
  live?: boolean
}

export interface PatrolNote {
  id: number
  schoolId: number
  classroomId: number
  classroomName: string
  date: string
  period: number | null
  className: string | null
  subjectName: string | null
  teacherStaffId: number | null
  teacherName: string | null
  score: number | null
  note: string
  authorId: number
  authorName: string
  createdAt: string
}

export interface NoteRequest {
  classroomId: number
  /** With `period`: a lesson of an earlier day; without: the lesson now. */
  date?: string
  period?: number
  score?: number | null
  note?: string
}

export type ReportBy = 'school' | 'teacher'

export interface ReportRow {
  id: number
  name: string
  schoolId: number
  notes: number
  scored: number
  average: number | null
  lowest: number | null
  highest: number | null
}

export async function fetchPatrolRooms(filter: PatrolFilter): Promise<PatrolRoom[]> {
  return (await http.get<PatrolRoom[]>('/patrol/rooms', { params: filter })).data
}

export async function addPatrolNote(request: NoteRequest): Promise<PatrolNote> {
  return (await http.post<PatrolNote>('/patrol/notes', request)).data
}

export async function fetchPatrolNotes(from: string, to: string, schoolId?: number): Promise<PatrolNote[]> {
  return (await http.get<PatrolNote[]>('/patrol/notes', { params: { from, to, schoolId } })).data
}

export async function fetchPatrolReport(by: ReportBy, from: string, to: string, schoolId?: number): Promise<ReportRow[]> {
  return (await http.get<ReportRow[]>(`/patrol/reports/${by}`, { params: { from, to, schoolId } })).data
}

/** Where the browser downloads the report as CSV. */
export function patrolReportCsvUrl(by: ReportBy, from: string, to: string, schoolId?: number): string {
  const query = new URLSearchParams({ from, to })
  if (schoolId != null) query.set('schoolId', String(schoolId))
  return `/api/v1/patrol/reports/${by}/csv?${query.toString()}`
}
