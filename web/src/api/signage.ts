import { http } from './http'

/** Signage console (`/api/v1/signage`, docs/signage.md). Times are ISO instants; targets look like `grade:3,tag:三楼`. */

export type ContentKind = 'VIDEO' | 'IMAGE' | 'NOTICE' | 'LESSON' | 'LIVE' | 'WEB'
export type ScheduleLevel = 'SCHEDULED' | 'FORCED' | 'DEFAULT'
export type PushLevel = 'EMERGENCY' | 'FORCED'

export interface SignageDisplay {
  deviceId: number
  name: string
  classroomId: number
  classroomName: string
  schoolId: number
  tags: string[]
  online: boolean
  lastSeen: string | null
  nowPlayingId: number | null
  nowPlaying: string | null
  playingSince: string | null
  lastError: string | null
  lastErrorAt: string | null
  clockOffsetMs: number | null
}

export interface SignageContent {
  id: number
  schoolId: number | null
  kind: ContentKind
  title: string
  url: string | null
  lessonId: number | null
  classroomId: number | null
  body: string | null
  layout: 'FULL' | 'TICKER'
  durationSeconds: number
}

export type ContentRequest = Omit<SignageContent, 'id' | 'schoolId'> & { schoolId?: number | null }

export interface SignageSchedule {
  id: number
  schoolId: number | null
  name: string
  level: ScheduleLevel
  priority: number
  contentIds: number[]
  targets: string
  startDate: string
  endDate: string | null
  weekdays: number[]
  startTime: string | null
  endTime: string | null
}

export type ScheduleRequest = Omit<SignageSchedule, 'id' | 'schoolId'> & { schoolId?: number | null }

export interface SignagePush {
  id: number
  schoolId: number | null
  level: PushLevel
  contentIds: number[]
  targets: string
  startsAt: string
  endsAt: string | null
  cancelledAt: string | null
  active: boolean
  delivered: number
}

export interface PushRequest {
  schoolId?: number | null
  level: PushLevel
  contentIds: number[]
  targets: string
  minutes?: number | null
}

export interface TimelineView {
  deviceId: number
  date: string
  lessons: { no: number; start: string; end: string }[]
  slots: { start: string; end: string; level: string; source: string; sourceId: number; items: { id: number; kind: string; title: string }[] }[]
}

export async function fetchDisplays(schoolId?: number | null): Promise<SignageDisplay[]> {
  return (await http.get<SignageDisplay[]>('/signage/displays', { params: { schoolId: schoolId ?? undefined } })).data
}

export async function pairDisplay(code: string, classroomId: number, tags: string[]): Promise<{ deviceId: number; classroomName: string }> {
  return (await http.post('/signage/pairings', { code, classroomId, tags })).data
}

export async function setDisplayTags(deviceId: number, tags: string[]): Promise<void> {
  await http.put(`/signage/displays/${deviceId}/tags`, { tags })
}

export async function fetchTimeline(deviceId: number, date: string): Promise<TimelineView> {
  return (await http.get<TimelineView>(`/signage/displays/${deviceId}/timeline`, { params: { date } })).data
}

export async function fetchContents(schoolId?: number | null): Promise<SignageContent[]> {
  return (await http.get<SignageContent[]>('/signage/contents', { params: { schoolId: schoolId ?? undefined } })).data
}

export async function createContent(request: ContentRequest): Promise<SignageContent> {
  return (await http.post<SignageContent>('/signage/contents', request)).data
}

export async function deleteContent(id: number): Promise<void> {
  await http.delete(`/signage/contents/${id}`)
}

export async function fetchSchedules(schoolId?: number | null): Promise<SignageSchedule[]> {
  return (await http.get<SignageSchedule[]>('/signage/schedules', { params: { schoolId: schoolId ?? undefined } })).data
}

export async function createSchedule(request: ScheduleRequest): Promise<SignageSchedule> {
  return (await http.post<SignageSchedule>('/signage/schedules', request)).data
}

export async function deleteSchedule(id: number): Promise<void> {
  await http.delete(`/signage/schedules/${id}`)
}

export async function fetchPushes(schoolId?: number | null): Promise<SignagePush[]> {
  return (await http.get<SignagePush[]>('/signage/pushes', { params: { schoolId: schoolId ?? undefined } })).data
}

export async function sendPush(request: PushRequest): Promise<SignagePush> {
  return (await http.post<SignagePush>('/signage/pushes', request)).data
}

export async function cancelPush(id: number): Promise<SignagePush> {
  return (await http.post<SignagePush>(`/signage/pushes/${id}/cancel`)).data
}

/** Targets as the server writes them, from the pickers of the console. */
export function targetsText(t: { grades?: number[]; classes?: number[]; displays?: number[]; tags?: string[] }): string {
  return [
    ...(t.grades ?? []).map((id) => `grade:${id}`),
    ...(t.classes ?? []).map((id) => `class:${id}`),
    ...(t.displays ?? []).map((id) => `display:${id}`),
    ...(t.tags ?? []).map((tag) => tag.trim()).filter(Boolean).map((tag) => `tag:${tag}`),
  ].join(',')
}
