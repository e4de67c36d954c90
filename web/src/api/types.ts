// Types of the foundation API (docs/api-foundation.md). Field names match the JSON exactly.

/** What a user may do; the server's `Permission` enum. */
export type Permission =
  | 'ORGANIZATION_VIEW'
  | 'ORGANIZATION_MANAGE'
  | 'PEOPLE_VIEW'
  | 'PEOPLE_MANAGE'
  | 'TIMETABLE_VIEW'
  | 'TIMETABLE_MANAGE'
  | 'ROLES_MANAGE'
  | 'AUDIT_VIEW'
  | 'LESSON_VIEW'
  | 'LESSON_UPLOAD'
  | 'LESSON_MANAGE'
  | 'DEVICE_VIEW'
  | 'DEVICE_CONTROL'
  | 'PATROL'
  | 'OBSERVE'
  | 'RUBRIC_MANAGE'
  | 'SIGNAGE_MANAGE'
  | 'HOMESCHOOL_TEACH'
  | 'HOMESCHOOL_USE'
  | 'LEAVE_APPROVE'
  | 'CONTEST_MANAGE'
  | 'CONTEST_JUDGE'
  | 'DEVICE_AGENT'

/** How far a role reaches. */
export type ScopeLevel = 'DISTRICT' | 'SCHOOL' | 'CLASSES' | 'CHILDREN' | 'SELF' | 'DEVICE'

export const SCOPE_LEVELS: readonly ScopeLevel[] = ['DISTRICT', 'SCHOOL', 'CLASSES', 'CHILDREN', 'SELF', 'DEVICE']

/** Role codes are strings: built-in ones (TEACHER, PARENT, …) plus custom roles. */
export type RoleCode = string

export interface Me {
  id: number
  username: string
  displayName: string
  schoolId: number | null
  schoolName: string | null
  roles: RoleCode[]
  permissions: Permission[]
  mustChangePassword: boolean
}

export interface LoginRequest {
  username: string
  password: string
}

export interface LoginResponse {
  token: string
  expiresAt: string
  user: Me
}

export interface ChangePasswordRequest {
  currentPassword: string
  newPassword: string
}

// ---- identity: roles, accounts ----

export interface PermissionInfo {
  code: Permission
  nameZh: string
  nameEn: string
}

export interface Role {
  code: RoleCode
  nameZh: string
  nameEn: string
  scope: ScopeLevel
  permissions: Permission[]
  builtIn: boolean
}

export interface RoleRequest {
  code: RoleCode
  nameZh: string
  nameEn: string
  scope: ScopeLevel
  permissions: Permission[]
}

export interface Account {
  id: number
  username: string
  displayName: string
  phone: string | null
  schoolId: number | null
  roles: RoleCode[]
  enabled: boolean
}

// ---- audit ----

export interface AuditEntry {
  id: number
  at: string
  actorId: number | null
  actorName: string | null
  action: string
  target: string | null
  detail: string | null
  outcome: 'SUCCESS' | 'FAILURE'
  schoolId: number | null
  ip: string | null
}

export interface AuditPage {
  items: AuditEntry[]
  total: number
}

export interface AuditQuery {
  schoolId?: number
  action?: string
  page?: number
  size?: number
}

// ---- organization ----

export interface School {
  id: number
  name: string
  code: string
}

export interface SchoolRequest {
  name: string
  code: string
}

export interface SchoolClass {
  id: number
  name: string
  fullName: string
  headTeacherId: number | null
  headTeacherName: string | null
  studentCount: number
}

export interface Grade {
  id: number
  name: string
  level: number
  classes: SchoolClass[]
}

export interface GradeRequest {
  name: string
  level: number
}

export interface ClassRequest {
  name: string
}

export interface Subject {
  id: number
  code: string
  name: string
  /** Present on GET /subjects; the structure's subject list may omit it. */
  nameEn?: string
}

export interface Term {
  id: number
  name: string
  startDate: string
  endDate: string
  current: boolean
}

export interface TermRequest {
  name: string
  startDate: string
  endDate: string
}

export interface Classroom {
  id: number
  schoolId: number
  buildingId: number
  buildingName: string
  name: string
  recording: boolean
  homeClassId: number | null
  homeClassFullName: string | null
}

export interface ClassroomRequest {
  buildingId: number
  name: string
  recording: boolean
  homeClassId: number | null
}

export interface Building {
  id: number
  name: string
  classrooms: Classroom[]
}

export interface BuildingRequest {
  name: string
}

export interface SchoolStructure {
  school: School
  grades: Grade[]
  subjects: Subject[]
  terms: Term[]
  buildings: Building[]
}

export interface Staff {
  id: number
  /** Null for staff without an account. */
  userId: number | null
  username: string | null
  name: string
  phone: string | null
  subjects: string[]
  headOf: string[]
}

export interface Guardian {
  name: string
  phone: string | null
  relation: string
}

export interface Student {
  id: number
  userId: number | null
  studentNo: string
  name: string
  classId: number
  classFullName: string
  guardians: Guardian[]
}

/** Weekday as ISO numbers: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7

export interface Period {
  no: number
  /** "08:00" */
  start: string
  end: string
}

export interface DayKind {
  name: string
  weekdays: Weekday[]
  periods: Period[]
}

export interface BellSchedule {
  /** The term the schedule belongs to; null when the school has no term yet. */
  termId: number | null
  dayKinds: DayKind[]
}

export interface TimetableEntry {
  weekday: Weekday
  period: number
  subject: string
  teacher: string | null
  classroom: string | null
  classFullName: string
}

export interface Timetable {
  title: string
  /** Null when there is no term (e.g. the empty week of a principal on /me/timetable). */
  term: Term | null
  periods: Period[]
  entries: TimetableEntry[]
}

export interface TimetableImportResult {
  imported: number
  classes: number
  dryRun?: boolean
}

/** An account the people import created, with the initial password to hand out (the user must change it). */
export interface CreatedAccount {
  row: number
  type: string
  name: string
  username: string
  initialPassword: string
}

export interface PeopleImportResult {
  imported: number
  created: { teachers: number; students: number; parents: number }
  dryRun?: boolean
  /** Sent by the server beyond the contract table; absent on older servers. */
  accounts?: CreatedAccount[]
}

export interface ClassroomNow {
  happening: boolean
  classroom: Classroom
  period: Period | null
  class: { id: number; fullName: string; gradeName: string } | null
  subject: string | null
  teacher: { id: number | null; name: string | null } | null
}

// ---- home-school ----

export interface Child {
  studentId: number
  name: string
  classFullName: string
  schoolName: string
}
