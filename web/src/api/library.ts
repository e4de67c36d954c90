import { http } from './http'

// Types and calls of the platform's `library` module (lessons, search, playback, spaces, playlists, stats).
// Field names match the JSON of library/web/LessonsController, LessonView and SpacesController exactly.

export type Visibility = 'PRIVATE' | 'SCHOOL' | 'DISTRICT' | 'PUBLIC'
export const VISIBILITIES: readonly Visibility[] = ['PRIVATE', 'SCHOOL', 'DISTRICT', 'PUBLIC']

/** PROCESSING until the lowest rendition is out (PLAYABLE), READY with every rendition; REJECTED/FAILED carry a reason. */
export type LessonStatus = 'PROCESSING' | 'PLAYABLE' | 'READY' | 'REJECTED' | 'FAILED'

export type LessonSource = 'UPLOAD' | 'RECORDING'

export interface Ref {
  id: number
  name: string
}

export interface LessonTeacher {
  staffId: number | null
  userId: number | null
  name: string | null
}

export interface Reason {
  zh: string | null
  en: string | null
}

/** A lesson (课例) as the API shows it. */
export interface Lesson {
  id: number
  title: string
  description: string
  schoolId: number
  schoolName: string
  grade: Ref | null
  schoolClass: Ref | null
  subject: Ref | null
  teacher: LessonTeacher | null
  chapter: string | null
  tags: string[]
  /** ISO date "2025-03-14". */
  recordedOn: string
  period: number | null
  durationSeconds: number | null
  visibility: Visibility
  status: LessonStatus
  /** Why it was rejected or failed; only for its owners and managers. */
  reason: Reason | null
  downloadable: boolean
  source: LessonSource
  poster: boolean
  renditions: number[]
  views: number
  createdAt: string
  mine: boolean
  editable: boolean
  /** Only on GET /lessons/{id}. */
  favourite: boolean | null
  resumeAt: number | null
  /**
   * ASSUMPTION: the media asset id, so the upload page can show percent and ETA from
   * GET /media/assets/{id}. Not in LessonView yet; without it the page shows the lesson status only.
   */
  assetId?: number | null
}

export function isWatchable(status: LessonStatus): boolean {
  return status === 'PLAYABLE' || status === 'READY'
}

export type LessonSort = 'newest' | 'views'

export interface LessonFilter {
  schoolId?: number
  gradeId?: number
  subjectId?: number
  teacherId?: number
  /** ISO dates. */
  from?: string
  to?: string
}

export interface LessonQuery extends LessonFilter {
  sort?: LessonSort
  page?: number
  size?: number
}

export interface LessonPage {
  items: Lesson[]
  total: number
  page: number
  size: number
}

export interface MatrixCell {
  gradeId: number
  subjectId: number
  count: number
}

/** Grade × subject counts of the lessons the viewer may see (颗粒度). */
export interface LessonMatrix {
  grades: Ref[]
  subjects: Ref[]
  cells: MatrixCell[]
}

export interface FacetValue {
  id: number
  name: string
  count: number
}

export type FacetName = 'school' | 'grade' | 'subject'

export interface SearchHit {
  lesson: Lesson
  /** HTML: the text escaped, the query's words in `<mark>`; sanitise before rendering. */
  titleHtml: string
  descriptionHtml: string
}

export interface SearchResult {
  hits: SearchHit[]
  total: number
  page: number
  size: number
  facets: Partial<Record<FacetName, FacetValue[]>>
  tookMillis: number
}

export interface SearchQuery extends LessonFilter {
  q: string
  page?: number
  size?: number
}

/** Signed playback links for the viewer; asking counts a view. */
export interface Playback {
  hlsUrl: string
  posterUrl: string | null
  spriteVttUrl: string | null
  downloadUrl: string | null
  resumeAt: number | null
}

export interface LessonEdit {
  title: string
  description: string | null
  classId: number | null
  subjectId: number | null
  teacherStaffId: number | null
  chapter: string | null
  tags: string[]
  recordedOn: string
  period: number | null
  visibility: Visibility
  downloadable: boolean
}

export interface ProgressReport {
  positionSeconds: number
  /** Seconds watched since the last report (0–3600). */
  watchedSeconds: number
}

export interface SpaceOwner {
  id: number
  displayName: string
}

export interface PlaylistSummary {
  id: number
  title: string
  description: string
  shared: boolean
  lessons: number
  updatedAt: string
}

export interface Playlist {
  id: number
  owner: SpaceOwner
  title: string
  description: string
  shared: boolean
  lessons: Lesson[]
  mine: boolean
}

export interface PlaylistRequest {
  title: string
  description: string | null
  shared: boolean
}

export interface HistoryEntry {
  lesson: Lesson
  positionSeconds: number
  at: string
}

/** A personal space (网络空间人人通); `history` only in one's own space. */
export interface Space {
  user: SpaceOwner
  lessons: Lesson[]
  favourites: Lesson[]
  playlists: PlaylistSummary[]
  history: HistoryEntry[] | null
}

export interface LessonTotal {
  lessonId: number
  title: string
  schoolId: number
  views: number
  uniqueViewers: number
  watchSeconds: number
}

export interface SchoolTotal {
  schoolId: number
  schoolName: string
  views: number
  uniqueViewers: number
  watchSeconds: number
}

/** Statistics: `days[i]` goes with `views[i]`, `viewers[i]` and `watchSeconds[i]`. */
export interface StatsReport {
  days: string[]
  views: number[]
  viewers: number[]
  watchSeconds: number[]
  totalViews: number
  uniqueViewers: number
  totalWatchSeconds: number
  topLessons: LessonTotal[]
  schools: SchoolTotal[]
}

export interface StatsQuery {
  schoolId?: number
  from?: string
  to?: string
}

// ---- lessons ----

export async function fetchLessons(query: LessonQuery): Promise<LessonPage> {
  return (await http.get<LessonPage>('/lessons', { params: query })).data
}

export async function fetchMatrix(schoolId?: number): Promise<LessonMatrix> {
  return (await http.get<LessonMatrix>('/lessons/matrix', { params: { schoolId } })).data
}

export async function searchLessons(query: SearchQuery): Promise<SearchResult> {
  return (await http.get<SearchResult>('/lessons/search', { params: query })).data
}

export async function fetchLesson(id: number): Promise<Lesson> {
  return (await http.get<Lesson>(`/lessons/${id}`)).data
}

/**
 * ASSUMPTION: the lesson made from an upload, `GET /lessons/by-upload/{uploadId}`; 404 until the library has
 * taken the upload in. The library keeps `upload_id` per lesson but has no such endpoint yet.
 */
export async function fetchLessonOfUpload(uploadId: string): Promise<Lesson> {
  return (await http.get<Lesson>(`/lessons/by-upload/${encodeURIComponent(uploadId)}`)).data
}

export async function updateLesson(id: number, edit: LessonEdit): Promise<Lesson> {
  return (await http.put<Lesson>(`/lessons/${id}`, edit)).data
}

export async function deleteLesson(id: number): Promise<void> {
  await http.delete(`/lessons/${id}`)
}

export async function setFavourite(id: number, favourite: boolean): Promise<void> {
  if (favourite) await http.put(`/lessons/${id}/favourite`)
  else await http.delete(`/lessons/${id}/favourite`)
}

/** 409 `not-playable` while the lesson is still processing. */
export async function fetchPlayback(id: number): Promise<Playback> {
  return (await http.get<Playback>(`/lessons/${id}/playback`)).data
}

export async function reportProgress(id: number, report: ProgressReport): Promise<void> {
  await http.post(`/lessons/${id}/progress`, report)
}

/**
 * The same report when the page is being left: `fetch` with `keepalive` outlives the page and, unlike
 * `sendBeacon`, can carry the CSRF header.
 */
export function reportProgressOnLeave(id: number, report: ProgressReport, xsrfToken: string | null): void {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  if (xsrfToken) headers['X-XSRF-TOKEN'] = xsrfToken
  void fetch(`/api/v1/lessons/${id}/progress`, {
    method: 'POST',
    body: JSON.stringify(report),
    headers,
    credentials: 'include',
    keepalive: true,
  }).catch(() => undefined)
}

export async function fetchStats(query: StatsQuery): Promise<StatsReport> {
  return (await http.get<StatsReport>('/lessons/stats', { params: query })).data
}

// ---- spaces and playlists ----

export async function fetchMySpace(): Promise<Space> {
  return (await http.get<Space>('/me/space')).data
}

export async function fetchSpace(userId: number): Promise<Space> {
  return (await http.get<Space>(`/spaces/${userId}`)).data
}

export async function fetchPlaylist(id: number): Promise<Playlist> {
  return (await http.get<Playlist>(`/playlists/${id}`)).data
}

export async function createPlaylist(request: PlaylistRequest): Promise<Playlist> {
  return (await http.post<Playlist>('/playlists', request)).data
}

export async function updatePlaylist(id: number, request: PlaylistRequest): Promise<Playlist> {
  return (await http.put<Playlist>(`/playlists/${id}`, request)).data
}

export async function deletePlaylist(id: number): Promise<void> {
  await http.delete(`/playlists/${id}`)
}

export async function addToPlaylist(id: number, lessonId: number): Promise<Playlist> {
  return (await http.put<Playlist>(`/playlists/${id}/lessons/${lessonId}`)).data
}

export async function removeFromPlaylist(id: number, lessonId: number): Promise<Playlist> {
  return (await http.delete<Playlist>(`/playlists/${id}/lessons/${lessonId}`)).data
}

/** The list must name exactly the playlist's lessons (409 otherwise). */
export async function reorderPlaylist(id: number, lessonIds: number[]): Promise<Playlist> {
  return (await http.put<Playlist>(`/playlists/${id}/order`, { lessonIds })).data
}

/**
 * ASSUMPTION: the poster of a lesson card, `GET /api/v1/lessons/{id}/poster` (an image or a redirect to the
 * signed poster). LessonView only says whether there is one (`poster`); the signed URL comes with playback,
 * which counts a view, so cards cannot use it.
 */
export function lessonPosterUrl(lesson: Pick<Lesson, 'id' | 'poster'>): string | null {
  return lesson.poster ? `/api/v1/lessons/${lesson.id}/poster` : null
}
