import { http } from './http'
import type {
  BellSchedule,
  Building,
  BuildingRequest,
  ClassRequest,
  Classroom,
  ClassroomNow,
  ClassroomRequest,
  Grade,
  GradeRequest,
  PeopleImportResult,
  School,
  SchoolClass,
  SchoolRequest,
  SchoolStructure,
  Staff,
  Student,
  Subject,
  Term,
  TermRequest,
  Timetable,
  TimetableImportResult,
} from './types'

export async function fetchSchools(): Promise<School[]> {
  return (await http.get<School[]>('/schools')).data
}

export async function createSchool(request: SchoolRequest): Promise<School> {
  return (await http.post<School>('/schools', request)).data
}

export async function fetchStructure(schoolId: number): Promise<SchoolStructure> {
  return (await http.get<SchoolStructure>(`/schools/${schoolId}/structure`)).data
}

export async function createGrade(schoolId: number, request: GradeRequest): Promise<Grade> {
  return (await http.post<Grade>(`/schools/${schoolId}/grades`, request)).data
}

export async function createClass(gradeId: number, request: ClassRequest): Promise<SchoolClass> {
  return (await http.post<SchoolClass>(`/grades/${gradeId}/classes`, request)).data
}

export async function setHeadTeacher(classId: number, staffId: number): Promise<SchoolClass> {
  return (await http.put<SchoolClass>(`/classes/${classId}/head-teacher`, { staffId })).data
}

export async function createBuilding(schoolId: number, request: BuildingRequest): Promise<Building> {
  return (await http.post<Building>(`/schools/${schoolId}/buildings`, request)).data
}

export async function createClassroom(schoolId: number, request: ClassroomRequest): Promise<Classroom> {
  return (await http.post<Classroom>(`/schools/${schoolId}/classrooms`, request)).data
}

export async function updateClassroom(classroomId: number, request: ClassroomRequest): Promise<Classroom> {
  return (await http.put<Classroom>(`/classrooms/${classroomId}`, request)).data
}

export async function fetchSubjects(): Promise<Subject[]> {
  return (await http.get<Subject[]>('/subjects')).data
}

export async function fetchStaff(schoolId: number): Promise<Staff[]> {
  return (await http.get<Staff[]>(`/schools/${schoolId}/staff`)).data
}

export async function fetchStudents(schoolId: number, classId?: number): Promise<Student[]> {
  return (await http.get<Student[]>(`/schools/${schoolId}/students`, { params: { classId } })).data
}

export async function fetchBellSchedule(schoolId: number): Promise<BellSchedule> {
  return (await http.get<BellSchedule>(`/schools/${schoolId}/bell-schedule`)).data
}

export async function saveBellSchedule(schoolId: number, schedule: BellSchedule): Promise<BellSchedule> {
  return (await http.put<BellSchedule>(`/schools/${schoolId}/bell-schedule`, schedule)).data
}

export async function createTerm(schoolId: number, request: TermRequest): Promise<Term> {
  return (await http.post<Term>(`/schools/${schoolId}/terms`, request)).data
}

export async function fetchClassTimetable(classId: number, termId?: number): Promise<Timetable> {
  return (await http.get<Timetable>(`/classes/${classId}/timetable`, { params: { termId } })).data
}

function fileForm(file: File): FormData {
  const form = new FormData()
  form.append('file', file)
  return form
}

/** Imports a timetable file; a 422 `import-rejected` carries the row errors and nothing is written. */
export async function importTimetable(
  schoolId: number,
  file: File,
  options: { termId?: number; dryRun: boolean },
): Promise<TimetableImportResult> {
  return (
    await http.post<TimetableImportResult>(`/schools/${schoolId}/imports/timetable`, fileForm(file), {
      params: { termId: options.termId, dryRun: options.dryRun },
    })
  ).data
}

/** Imports people (teachers, students, parents); a 422 carries the row errors. */
export async function importPeople(schoolId: number, file: File, options: { dryRun: boolean }): Promise<PeopleImportResult> {
  return (
    await http.post<PeopleImportResult>(`/schools/${schoolId}/imports/people`, fileForm(file), {
      params: { dryRun: options.dryRun },
    })
  ).data
}

/** What is happening in a classroom at `at` (ISO offset date-time), now when omitted. */
export async function fetchClassroomNow(classroomId: number, at?: string): Promise<ClassroomNow> {
  return (await http.get<ClassroomNow>(`/classrooms/${classroomId}/now`, { params: { at } })).data
}

/** The signed-in teacher's or student's timetable of this week. */
export async function fetchMyTimetable(): Promise<Timetable> {
  return (await http.get<Timetable>('/me/timetable')).data
}
