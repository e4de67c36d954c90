import { http } from './http'
import type { Rubric } from './observation'

// Types and calls of the platform's `contests` module (docs/contests.md). Field names match
// contests/web/ContestsController, SubmissionsController, JudgingController and ShowcaseController exactly.

export type Audience = 'DISTRICT' | 'PUBLIC'
export type RoundState = 'OPEN' | 'JUDGING' | 'PUBLISHED'
export type Award = 'FIRST' | 'SECOND' | 'THIRD'
export const AWARDS: readonly Award[] = ['FIRST', 'SECOND', 'THIRD']
export type AttachmentKind = 'DESIGN' | 'SLIDES' | 'OTHER'

export interface Round {
  id: number
  position: number
  name: string
  state: RoundState
  publishedAt: string | null
}

export interface Contest {
  id: number
  name: string
  description: string
  /** The organising school; null for the district. */
  organiserSchoolId: number | null
  rubricId: number
  blind: boolean
  entriesPerTeacher: number
  judgesPerEntry: number
  dropExtremes: boolean
  submitOpensAt: string
  submitClosesAt: string
  showcase: Audience
  schoolIds: number[]
  subjectIds: number[]
  grades: string[]
  rounds: Round[]
  createdAt: string
}

export interface ContestRequest {
  name: string
  description: string
  organiserSchoolId: number | null
  rubricId: number
  blind: boolean
  entriesPerTeacher: number
  judgesPerEntry: number
  dropExtremes: boolean
  submitOpensAt: string
  submitClosesAt: string
  showcase: Audience
  schoolIds: number[]
  subjectIds: number[]
  grades: string[]
  rounds: string[]
}

export interface Judge {
  subjectId: number
  subjectName: string
  userId: number
  username: string
  displayName: string
  schoolId: number | null
}

export interface AttachmentView {
  id: number
  kind: AttachmentKind
  filename: string
  size: number
}

export interface AssignmentView {
  id: number
  judgeUserId: number
  judgeName: string
  assignedAt: string
  scoredAt: string | null
  submittedAt: string | null
  total: number | null
}

export interface EntryView {
  id: number
  code: string
  submissionId: number
  lessonId: number
  title: string
  teacherName: string
  schoolName: string
  schoolId: number
  subjectId: number
  subjectName: string
  gradeName: string | null
  award: Award | null
  awardByHand: boolean
  promoted: boolean
  assignments: AssignmentView[]
  attachments: AttachmentView[]
}

export interface JudgeProgress {
  userId: number
  displayName: string
  schoolId: number | null
  assigned: number
  scored: number
  handedIn: number
}

export interface ResultLine {
  rank: number
  average: number | null
  scorecards: number
  entry: EntryView
}

export interface SubjectResults {
  subjectId: number
  subjectName: string
  lines: ResultLine[]
}

export interface OpenContest {
  id: number
  name: string
  description: string
  submitOpensAt: string
  submitClosesAt: string
  entriesPerTeacher: number
  subjectIds: number[]
  grades: string[]
  rubricId: number
}

export interface SubmissionView {
  id: number
  contestId: number
  contestName: string
  lessonId: number
  title: string
  subjectName: string
  gradeName: string | null
  submittedAt: string
  attachments: AttachmentView[]
  rounds: Array<{ roundName: string; state: RoundState; award: Award | null }>
}

/** A judge's task; teacher and school are null in a blind contest. */
export interface Task {
  assignmentId: number
  code: string
  contestId: number
  contestName: string
  roundName: string
  roundState: RoundState
  title: string
  subjectName: string
  gradeName: string | null
  teacherName: string | null
  schoolName: string | null
  blind: boolean
  total: number | null
  submittedAt: string | null
}

export interface JudgeComment {
  id: number
  offsetMs: number
  body: string
  published: boolean
  createdAt: string
}

export interface Sheet {
  task: Task
  durationSeconds: number | null
  rubric: Rubric
  /** Criterion id → score. */
  scores: Record<string, number>
  comments: JudgeComment[]
  attachments: AttachmentView[]
  canScore: boolean
}

export interface Shown {
  entryId: number
  contestId: number
  contestName: string
  roundName: string
  publishedAt: string | null
  award: Award
  rank: number
  average: number | null
  lessonId: number
  title: string
  teacherName: string
  schoolName: string
  subjectId: number
  subjectName: string
  gradeName: string | null
  comments: Array<{ offsetMs: number; body: string }>
}

const base = '/contests'

export const fetchContests = async (): Promise<Contest[]> => (await http.get(base)).data
export const createContest = async (r: ContestRequest): Promise<Contest> => (await http.post(base, r)).data
export const updateContest = async (id: number, r: ContestRequest): Promise<Contest> => (await http.put(`${base}/${id}`, r)).data
export const fetchJudges = async (roundId: number): Promise<Judge[]> => (await http.get(`${base}/rounds/${roundId}/judges`)).data
export const setJudges = async (roundId: number, subjectId: number, usernames: string[]): Promise<Judge[]> =>
  (await http.put(`${base}/rounds/${roundId}/judges`, { subjectId, usernames })).data
export const fetchEntries = async (roundId: number): Promise<EntryView[]> => (await http.get(`${base}/rounds/${roundId}/entries`)).data
export const assignAutomatically = async (roundId: number): Promise<{ shortOfJudges: string[] }> =>
  (await http.post(`${base}/rounds/${roundId}/assign`)).data
export const assignJudge = async (entryId: number, userId: number): Promise<AssignmentView> =>
  (await http.put(`${base}/entries/${entryId}/judges/${userId}`)).data
export const reassign = async (assignmentId: number, judgeUserId: number): Promise<AssignmentView> =>
  (await http.post(`${base}/assignments/${assignmentId}/reassign`, { judgeUserId })).data
export const unassign = async (assignmentId: number): Promise<void> => void (await http.delete(`${base}/assignments/${assignmentId}`))
export const startJudging = async (roundId: number): Promise<Contest> => (await http.post(`${base}/rounds/${roundId}/start`)).data
export const fetchProgress = async (roundId: number): Promise<JudgeProgress[]> => (await http.get(`${base}/rounds/${roundId}/progress`)).data
export const fetchResults = async (roundId: number): Promise<SubjectResults[]> => (await http.get(`${base}/rounds/${roundId}/results`)).data
export const awardByRule = async (roundId: number, first: number, second: number, third: number): Promise<SubjectResults[]> =>
  (await http.post(`${base}/rounds/${roundId}/awards`, { first, second, third })).data
export const setAward = async (entryId: number, award: Award | null): Promise<EntryView> =>
  (await http.put(`${base}/entries/${entryId}/award`, { award })).data
export const publishRound = async (roundId: number): Promise<Contest> => (await http.post(`${base}/rounds/${roundId}/publish`)).data
export const promote = async (roundId: number, atLeast: Award): Promise<{ promoted: number }> =>
  (await http.post(`${base}/rounds/${roundId}/promote`, { atLeast })).data

export const fetchOpenContests = async (): Promise<OpenContest[]> => (await http.get(`${base}/open`)).data
export const submitLesson = async (contestId: number, lessonId: number, attachments: Array<{ uploadId: string; kind: AttachmentKind }>): Promise<SubmissionView> =>
  (await http.post(`${base}/${contestId}/submissions`, { lessonId, attachments })).data
export const fetchMySubmissions = async (): Promise<SubmissionView[]> => (await http.get(`${base}/submissions/mine`)).data
export const withdraw = async (id: number): Promise<void> => void (await http.delete(`${base}/submissions/${id}`))
/** A download link for the browser (outside axios, so with the full path). */
export const attachmentUrl = (id: number): string => `/api/v1/contests/attachments/${id}`

export const fetchTasks = async (): Promise<Task[]> => (await http.get('/judging')).data
export const fetchSheet = async (id: number): Promise<Sheet> => (await http.get(`/judging/${id}`)).data
export const fetchEntryPlayback = async (id: number): Promise<{ hlsUrl: string; posterUrl: string | null; spriteVttUrl: string | null }> =>
  (await http.get(`/judging/${id}/playback`)).data
export const saveScorecard = async (id: number, scores: Array<{ criterionId: number; score: number }>, handIn: boolean): Promise<{ total: number; submittedAt: string | null }> =>
  (await http.put(`/judging/${id}/scorecard`, { scores, handIn })).data
export const addJudgeComment = async (id: number, offsetMs: number, body: string, published: boolean): Promise<JudgeComment> =>
  (await http.post(`/judging/${id}/comments`, { offsetMs, body, published })).data
export const deleteJudgeComment = async (id: number, commentId: number): Promise<void> =>
  void (await http.delete(`/judging/${id}/comments/${commentId}`))

export const fetchShowcase = async (subjectId?: number, grade?: string): Promise<Shown[]> =>
  (await http.get('/showcase', { params: { subjectId, grade } })).data
