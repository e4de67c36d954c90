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
  /** An uploaded file (VIDEO or IMAGE) rather than an address. */
  uploaded: boolean
  uploadState: 'AWAITING' | 'PROCESSING' | 'READY' | 'REJECTED' | 'FAILED' | null
  /** Media processing progress of an uploaded video, 0–100. */
  percent: number | null
  uploadError: string | null
}

export type ContentRequest = Omit<SignageContent, 'id' | 'schoolId' | 'uploaded' | 'uploadState' | 'percent' | 'uploadError'> & {
  schoolId?: number | null
  /** The file comes next as a resumable upload (`signageUploadMetadata`). */
  upload?: boolean
}

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
  /** The playlist it plays (then `contentIds` are the playlist's). */
  playlistId: number | null
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

export async function updateContent(id: number, request: ContentRequest): Promise<SignageContent> {
  return (await http.put<SignageContent>(`/signage/contents/${id}`, request)).data
}

/** The tus `Upload-Metadata` of a signage file: ingest hands the finished file to the signage module. */
export function signageUploadMetadata(file: Pick<File, 'name' | 'type'>, contentId: number): Record<string, string> {
  return { filename: file.name, filetype: file.type || 'application/octet-stream', purpose: 'signage', contentId: String(contentId) }
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

export async function updateSchedule(id: number, request: ScheduleRequest): Promise<SignageSchedule> {
  return (await http.put<SignageSchedule>(`/signage/schedules/${id}`, request)).data
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
export function targetsText(t: { schools?: number[]; grades?: number[]; classes?: number[]; displays?: number[]; tags?: string[]; groups?: number[] }): string {
  return [
    ...(t.schools ?? []).map((id) => `school:${id}`),
    ...(t.grades ?? []).map((id) => `grade:${id}`),
    ...(t.classes ?? []).map((id) => `class:${id}`),
    ...(t.displays ?? []).map((id) => `display:${id}`),
    ...(t.tags ?? []).map((tag) => tag.trim()).filter(Boolean).map((tag) => `tag:${tag}`),
    ...(t.groups ?? []).map((id) => `group:${id}`),
  ].join(',')
}

/** The pickers' choice back from the server's text (for editing a schedule). */
export function parseTargets(text: string): { grades: number[]; classes: number[]; displays: number[]; tags: string[]; groups: number[] } {
  const out = { grades: [] as number[], classes: [] as number[], displays: [] as number[], tags: [] as string[], groups: [] as number[] }
  for (const part of text.split(',')) {
    const colon = part.indexOf(':')
    if (colon < 1) continue
    const kind = part.slice(0, colon).trim()
    const value = part.slice(colon + 1).trim()
    if (kind === 'grade') out.grades.push(Number(value))
    else if (kind === 'class') out.classes.push(Number(value))
    else if (kind === 'display') out.displays.push(Number(value))
    else if (kind === 'tag') out.tags.push(value)
    else if (kind === 'group' && /^\d+$/.test(value)) out.groups.push(Number(value))
    else if (kind === 'group') out.tags.push(value)
  }
  return out
}

// ---- playlists

export interface PlaylistEntry {
  contentId: number
  /** 0 = the content's own duration */
  seconds: number
}

export interface SignagePlaylist {
  id: number
  schoolId: number | null
  name: string
  entries: PlaylistEntry[]
  totalSeconds: number
  /** Schedules that play it. */
  usedBy: number
}

export interface PlaylistRequest {
  schoolId?: number | null
  name: string
  entries: PlaylistEntry[]
}

export async function fetchPlaylists(schoolId?: number | null): Promise<SignagePlaylist[]> {
  return (await http.get<SignagePlaylist[]>('/signage/playlists', { params: { schoolId: schoolId ?? undefined } })).data
}

export async function savePlaylist(id: number | null, request: PlaylistRequest): Promise<SignagePlaylist> {
  return id === null
    ? (await http.post<SignagePlaylist>('/signage/playlists', request)).data
    : (await http.put<SignagePlaylist>(`/signage/playlists/${id}`, request)).data
}

export async function deletePlaylist(id: number): Promise<void> {
  await http.delete(`/signage/playlists/${id}`)
}

// ---- display groups

export interface DisplayGroup {
  id: number
  schoolId: number
  name: string
  deviceIds: number[]
}

export async function fetchGroups(schoolId?: number | null): Promise<DisplayGroup[]> {
  return (await http.get<DisplayGroup[]>('/signage/groups', { params: { schoolId: schoolId ?? undefined } })).data
}

export async function saveGroup(id: number | null, request: { schoolId?: number | null; name: string; deviceIds: number[] }): Promise<DisplayGroup> {
  return id === null
    ? (await http.post<DisplayGroup>('/signage/groups', request)).data
    : (await http.put<DisplayGroup>(`/signage/groups/${id}`, request)).data
}

export async function deleteGroup(id: number): Promise<void> {
  await http.delete(`/signage/groups/${id}`)
}

// ---- proof of play

export interface PlayTotal {
  id: number
  name: string
  /** Plays that ran (outcome PLAYED). */
  count: number
  seconds: number
  first: string | null
  last: string | null
}

export interface ProofRow {
  deviceId: number
  classroomName: string
  contentId: number | null
  title: string
  startedAt: string
  endedAt: string | null
  outcome: 'PLAYED' | 'SKIPPED' | 'ERROR'
  detail: string | null
}

export interface ProofOfPlay {
  from: string
  to: string
  byScreen: PlayTotal[]
  byItem: PlayTotal[]
  plays: ProofRow[]
  truncated: boolean
}

export interface ProofQuery {
  schoolId?: number | null
  from?: string | null
  to?: string | null
  deviceId?: number | null
  contentId?: number | null
}

function proofParams(q: ProofQuery): Record<string, string | number> {
  const params: Record<string, string | number> = {}
  for (const [key, value] of Object.entries(q)) if (value !== null && value !== undefined && value !== '') params[key] = value
  return params
}

export async function fetchProofOfPlay(q: ProofQuery): Promise<ProofOfPlay> {
  return (await http.get<ProofOfPlay>('/signage/proof-of-play', { params: proofParams(q) })).data
}

/** Where the browser downloads the same plays as CSV (same sign-in cookie). */
export function proofOfPlayCsvUrl(q: ProofQuery): string {
  const query = new URLSearchParams(Object.entries(proofParams(q)).map(([k, v]) => [k, String(v)])).toString()
  return `/api/v1/signage/proof-of-play.csv${query ? `?${query}` : ''}`
}
