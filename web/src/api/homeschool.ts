import { http } from './http'
import type { Child } from './types'

/** The signed-in parent's children. */
export async function fetchMyChildren(): Promise<Child[]> {
  return (await http.get<Child[]>('/me/children')).data
}

// ---- notices (通知), docs/homeschool.md

export type AudienceKind = 'SCHOOL' | 'GRADE' | 'CLASSES' | 'STUDENTS'

export interface Audience {
  kind: AudienceKind
  schoolId?: number
  gradeId?: number
  classIds?: number[]
  studentIds?: number[]
}

export interface NoticeTarget {
  classId: number
  gradeId: number
  name: string
}

export interface NoticeTargets {
  schoolId: number | null
  wholeSchool: boolean
  classes: NoticeTarget[]
}

/** A notice as its sender sees it, with receipt counts. */
export interface SentNotice {
  id: number
  schoolId: number
  title: string
  body: string
  confirmRequired: boolean
  audience: string
  senderName: string
  sentAt: string
  recipients: number
  read: number
  confirmed: number
}

/** A notice as one recipient sees it. */
export interface ReceivedNotice {
  id: number
  title: string
  body: string
  confirmRequired: boolean
  senderName: string
  sentAt: string
  readAt: string | null
  confirmedAt: string | null
}

export interface Receipt {
  userId: number
  name: string
  className: string | null
  readAt: string | null
  confirmedAt: string | null
  remindedAt: string | null
}

export interface Receipts {
  notice: SentNotice
  recipients: Receipt[]
}

export async function fetchNoticeTargets(): Promise<NoticeTargets> {
  return (await http.get<NoticeTargets>('/homeschool/notice-targets')).data
}

export async function sendNotice(notice: {
  title: string
  body: string
  confirmRequired: boolean
  audience: Audience
}): Promise<number> {
  return (await http.post<{ id: number }>('/homeschool/notices', notice)).data.id
}

export async function fetchSentNotices(): Promise<SentNotice[]> {
  return (await http.get<SentNotice[]>('/homeschool/notices/sent')).data
}

export async function fetchReceipts(id: number): Promise<Receipts> {
  return (await http.get<Receipts>(`/homeschool/notices/${id}/receipts`)).data
}

/** Reminds everyone who has not read (or not confirmed) yet; returns how many. */
export async function remindUnread(id: number): Promise<number> {
  return (await http.post<{ reminded: number }>(`/homeschool/notices/${id}/remind`)).data.reminded
}

export async function fetchMyNotices(before?: number): Promise<ReceivedNotice[]> {
  return (await http.get<ReceivedNotice[]>('/homeschool/notices', { params: before ? { before } : {} })).data
}

export async function fetchNotice(id: number): Promise<ReceivedNotice> {
  return (await http.get<ReceivedNotice>(`/homeschool/notices/${id}`)).data
}

export async function markNoticeRead(id: number): Promise<ReceivedNotice> {
  return (await http.post<ReceivedNotice>(`/homeschool/notices/${id}/read`)).data
}

export async function confirmNotice(id: number): Promise<ReceivedNotice> {
  return (await http.post<ReceivedNotice>(`/homeschool/notices/${id}/confirm`)).data
}

export async function fetchUnread(): Promise<{ notices: number }> {
  return (await http.get<{ notices: number }>('/homeschool/unread')).data
}

// ---- chat (家校沟通)

export interface Contact {
  kind: 'TEACHER' | 'PARENT' | 'CLASS_GROUP'
  userId: number | null
  classId: number | null
  name: string
  detail: string
}

export interface Conversation {
  id: number
  kind: 'DIRECT' | 'CLASS_GROUP'
  classId: number | null
  title: string
  otherUserId: number | null
  lastMessage: string | null
  lastAt: string | null
  unread: number
  moderator: boolean
}

export type MessageState = 'SENT' | 'DELIVERED' | 'READ'

export interface ChatMessage {
  id: number
  conversationId: number
  senderId: number
  senderName: string
  /** null once withdrawn */
  body: string | null
  withdrawn: boolean
  sentAt: string
  /** the sender's own messages in one-to-one conversations */
  state: MessageState | null
  readBy: number
}

export async function fetchContacts(): Promise<Contact[]> {
  return (await http.get<Contact[]>('/homeschool/contacts')).data
}

export async function fetchConversations(): Promise<Conversation[]> {
  return (await http.get<Conversation[]>('/homeschool/conversations')).data
}

export async function fetchConversation(id: number): Promise<Conversation> {
  return (await http.get<Conversation>(`/homeschool/conversations/${id}`)).data
}

export async function fetchUnreadMessages(): Promise<number> {
  return (await http.get<{ messages: number }>('/homeschool/conversations/unread')).data.messages
}

/** Opens the one-to-one conversation with a contact (or the class group) and returns its id. */
export async function openConversation(contact: Contact): Promise<number> {
  const response =
    contact.kind === 'CLASS_GROUP'
      ? await http.post<{ id: number }>(`/homeschool/conversations/class/${contact.classId}`)
      : await http.post<{ id: number }>('/homeschool/conversations/direct', { userId: contact.userId })
  return response.data.id
}

/** A page of history, newest first. */
export async function fetchMessages(conversationId: number, before?: number): Promise<ChatMessage[]> {
  return (await http.get<ChatMessage[]>(`/homeschool/conversations/${conversationId}/messages`, { params: before ? { before } : {} })).data
}

export async function sendMessage(conversationId: number, body: string): Promise<ChatMessage> {
  return (await http.post<ChatMessage>(`/homeschool/conversations/${conversationId}/messages`, { body })).data
}

export async function acknowledge(conversationId: number, what: 'delivered' | 'read', upTo: number): Promise<void> {
  await http.post(`/homeschool/conversations/${conversationId}/${what}`, { upTo })
}

export async function withdrawMessage(id: number): Promise<void> {
  await http.delete(`/homeschool/messages/${id}`)
}

// ---- leave requests (请假)

export type LeaveKind = 'SICK' | 'PERSONAL' | 'OTHER'
export type LeaveState = 'PENDING' | 'APPROVED' | 'REJECTED'

export interface Leave {
  id: number
  classId: number
  studentId: number
  studentName: string
  requesterName: string
  kind: LeaveKind
  fromDate: string
  toDate: string
  /** null = whole days */
  periods: number[] | null
  reason: string
  state: LeaveState
  deciderName: string | null
  decidedAt: string | null
  decisionNote: string | null
  createdAt: string
}

export interface AttendanceMark {
  studentId: number
  studentName: string
  date: string
  /** 0 = the whole day (no timetable that day) */
  period: number
  status: 'LEAVE'
  leaveId: number | null
}

export async function requestLeave(leave: {
  studentId: number
  kind: LeaveKind
  fromDate: string
  toDate: string
  periods: number[] | null
  reason: string
}): Promise<number> {
  return (await http.post<{ id: number }>('/homeschool/leave', leave)).data.id
}

/** The caller's own requests, or a class's (teachers) with `classId`. */
export async function fetchLeave(classId?: number): Promise<Leave[]> {
  return (await http.get<Leave[]>('/homeschool/leave', { params: classId ? { classId } : {} })).data
}

export async function decideLeave(id: number, approve: boolean, note?: string): Promise<Leave> {
  return (await http.post<Leave>(`/homeschool/leave/${id}/${approve ? 'approve' : 'reject'}`, { note: note ?? null })).data
}

export async function fetchAttendance(params: { classId?: number; studentId?: number; from: string; to: string }): Promise<AttendanceMark[]> {
  return (await http.get<AttendanceMark[]>('/homeschool/attendance', { params })).data
}

// ---- attachments and homework (作业), docs/homeschool.md

export type AttachmentKind = 'IMAGE' | 'AUDIO' | 'VIDEO' | 'PDF'

export interface Attachment {
  id: number
  kind: AttachmentKind
  contentType: string
  filename: string
  size: number
}

/** Where an attachment is served (access-checked by the server: only who sees its homework, submission or post). */
export function attachmentUrl(id: number): string {
  return `/api/v1/homeschool/attachments/${id}`
}

export type SubmissionState = 'SUBMITTED' | 'RETURNED' | 'REVIEWED'
export type Standing = 'SUBMITTED' | 'LATE' | 'MISSING' | 'RETURNED' | 'REVIEWED'

export interface ClassCount {
  classId: number
  name: string
  students: number
  submitted: number
  late: number
  reviewed: number
  returned: number
}

export interface Assignment {
  id: number
  title: string
  body: string
  subject: string | null
  teacherName: string
  dueAt: string
  createdAt: string
  classes: ClassCount[]
  attachments: Attachment[]
}

export interface Submission {
  id: number
  homeworkId: number
  studentId: number
  studentName: string
  submitterName: string
  body: string
  state: SubmissionState
  late: boolean
  submittedAt: string
  grade: string | null
  comment: string | null
  reviewerName: string | null
  reviewedAt: string | null
  attachments: Attachment[]
}

/** A homework as a family sees it for one child. */
export interface ChildHomework {
  id: number
  title: string
  subject: string | null
  teacherName: string
  dueAt: string
  createdAt: string
  state: SubmissionState | null
  late: boolean
  grade: string | null
}

export interface StudentStanding {
  studentId: number
  studentName: string
  standing: Standing
  submission: Submission | null
}

export interface Overview {
  homework: Assignment
  classId: number
  students: StudentStanding[]
}

export async function assignHomework(homework: {
  title: string
  body: string
  subject?: string | null
  classIds: number[]
  dueAt: string
  attachments: string[]
}): Promise<number> {
  return (await http.post<{ id: number }>('/homeschool/homework', homework)).data.id
}

export async function fetchClassHomework(classId: number): Promise<Assignment[]> {
  return (await http.get<Assignment[]>('/homeschool/homework', { params: { classId } })).data
}

export async function fetchChildHomework(studentId: number): Promise<ChildHomework[]> {
  return (await http.get<ChildHomework[]>('/homeschool/homework', { params: { studentId } })).data
}

export async function fetchHomework(id: number): Promise<Assignment> {
  return (await http.get<Assignment>(`/homeschool/homework/${id}`)).data
}

export async function fetchOverview(id: number, classId: number): Promise<Overview> {
  return (await http.get<Overview>(`/homeschool/homework/${id}/overview`, { params: { classId } })).data
}

/** The child's submission, or null when there is none yet. */
export async function fetchSubmissionOf(id: number, studentId: number): Promise<Submission | null> {
  try {
    return (await http.get<Submission>(`/homeschool/homework/${id}/submissions`, { params: { studentId } })).data
  } catch (e) {
    if ((e as { response?: { status?: number } }).response?.status === 404) return null
    throw e
  }
}

export async function submitHomework(id: number, submission: { studentId: number; body: string; attachments: string[] }): Promise<Submission> {
  return (await http.post<Submission>(`/homeschool/homework/${id}/submissions`, submission)).data
}

export async function reviewSubmission(id: number, review: { action: 'REVIEW' | 'RETURN'; grade?: string; comment?: string }): Promise<Submission> {
  return (await http.post<Submission>(`/homeschool/submissions/${id}/review`, review)).data
}

// ---- scores (成绩)

export interface SubjectMark {
  subject: string
  fullMark: number
}

export type ParentStatistic = 'AVERAGE' | 'HIGHEST' | 'DISTRIBUTION'

export interface Exam {
  id: number
  name: string
  examDate: string
  creatorName: string
  subjects: SubjectMark[]
  classIds: number[]
  parentStatistics: ParentStatistic[]
  publishedAt: string | null
}

export interface GridRow {
  studentId: number
  studentNo: string
  name: string
  scores: Record<string, number>
  absent: string[]
  total: number | null
  rank: number | null
}

export interface ScoreGrid {
  exam: Exam
  classId: number
  rows: GridRow[]
}

export interface ScoreEntry {
  studentId: number
  subject: string
  score: number | null
  absent: boolean
}

export interface RowError {
  row: number
  message: string
  messageEn: string
}

export interface Statistics {
  count: number
  average: number | null
  highest: number | null
  lowest: number | null
  passRate: number | null
  excellentRate: number | null
  distribution: number[]
}

export interface ClassStatistics {
  exam: Exam
  classId: number
  bands: string[]
  subjects: Array<{ subject: string; fullMark: number; statistics: Statistics }>
  ranking: GridRow[]
}

export interface ReportLine {
  subject: string
  fullMark: number
  score: number | null
  absent: boolean
  classAverage: number | null
  classHighest: number | null
  distribution: number[] | null
}

export interface ScoreReport {
  examId: number
  name: string
  examDate: string
  studentName: string
  lines: ReportLine[]
  total: number | null
  rank: number | null
  bands: string[]
}

export interface PublishedExam {
  id: number
  name: string
  examDate: string
  publishedAt: string
}

export async function createExam(exam: {
  name: string
  examDate: string
  classIds: number[]
  subjects: SubjectMark[]
  parentStatistics?: ParentStatistic[]
}): Promise<number> {
  return (await http.post<{ id: number }>('/homeschool/exams', exam)).data.id
}

export async function fetchClassExams(classId: number): Promise<Exam[]> {
  return (await http.get<Exam[]>('/homeschool/exams', { params: { classId } })).data
}

export async function fetchChildExams(studentId: number): Promise<PublishedExam[]> {
  return (await http.get<PublishedExam[]>('/homeschool/exams', { params: { studentId } })).data
}

export async function fetchScoreGrid(examId: number, classId: number): Promise<ScoreGrid> {
  return (await http.get<ScoreGrid>(`/homeschool/exams/${examId}/scores`, { params: { classId } })).data
}

export async function saveScores(examId: number, classId: number, entries: ScoreEntry[]): Promise<number> {
  return (await http.put<{ saved: number }>(`/homeschool/exams/${examId}/scores`, { entries }, { params: { classId } })).data.saved
}

export async function importScores(examId: number, classId: number, file: File): Promise<number> {
  const form = new FormData()
  form.append('file', file)
  return (await http.post<{ saved: number }>(`/homeschool/exams/${examId}/import`, form, { params: { classId } })).data.saved
}

export async function publishExam(examId: number): Promise<Exam> {
  return (await http.post<Exam>(`/homeschool/exams/${examId}/publish`)).data
}

export async function fetchStatistics(examId: number, classId: number): Promise<ClassStatistics> {
  return (await http.get<ClassStatistics>(`/homeschool/exams/${examId}/statistics`, { params: { classId } })).data
}

export async function fetchReport(examId: number, studentId: number): Promise<ScoreReport> {
  return (await http.get<ScoreReport>(`/homeschool/exams/${examId}/report`, { params: { studentId } })).data
}

/** The row errors of a refused score import or grid save (422 `scores-invalid`), or an empty list. */
export function rowErrors(error: unknown): RowError[] {
  const data = (error as { response?: { data?: { errors?: unknown } } }).response?.data
  return Array.isArray(data?.errors) ? (data.errors as RowError[]) : []
}

// ---- campus news (校园文化)

export interface NewsPost {
  id: number
  schoolId: number
  authorName: string
  title: string
  body: string
  postedAt: string
  attachments: Attachment[]
}

export async function fetchNews(before?: number): Promise<NewsPost[]> {
  return (await http.get<NewsPost[]>('/homeschool/news', { params: before ? { before } : {} })).data
}

export async function postNews(post: { title: string; body: string; attachments: string[] }): Promise<number> {
  return (await http.post<{ id: number }>('/homeschool/news', post)).data.id
}

// ---- learning (推荐学习)

export interface Recommended {
  lessonId: number
  classId: number
  title: string
  durationSeconds: number | null
  recommenderName: string
  note: string | null
  recommendedAt: string
}

export interface Watcher {
  studentId: number
  studentName: string
  watched: boolean
  seconds: number
}

export async function recommendLesson(lessonId: number, classId: number, note?: string): Promise<Recommended> {
  return (await http.post<Recommended>('/homeschool/recommendations', { lessonId, classId, note: note ?? null })).data
}

export async function fetchClassRecommendations(classId: number): Promise<Array<{ recommendation: Recommended; students: Watcher[] }>> {
  return (await http.get<Array<{ recommendation: Recommended; students: Watcher[] }>>('/homeschool/recommendations', { params: { classId } })).data
}

export async function fetchChildRecommendations(studentId: number): Promise<Recommended[]> {
  return (await http.get<Recommended[]>('/homeschool/recommendations', { params: { studentId } })).data
}
