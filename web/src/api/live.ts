import { http } from './http'

// Types and calls of the platform's `live` module (docs/live.md). Field names match the JSON of
// live/web/LiveChannelsController exactly.

/** LIVE: the playlist keeps coming; ENDED: the last session is over; IDLE: never live. */
export type ChannelState = 'LIVE' | 'ENDED' | 'IDLE'

/** What the timetable says is taught in the classroom (now, or during an ended session). */
export interface LiveLesson {
  classId: number
  className: string
  gradeName: string
  subjectId: number
  subjectName: string
  teacherName: string | null
  period: number
  /** "08:00:00" */
  startsAt: string
  endsAt: string
  /** "2026-11-23" */
  date: string
}

/** A classroom's live channel as one viewer sees it. */
export interface Channel {
  classroomId: number
  classroomName: string
  buildingName: string
  schoolId: number
  schoolName: string
  state: ChannelState
  /** ISO instant: when the current (or last) session began. */
  since: string | null
  /** ISO instant: when the last session ended (ENDED). */
  endedAt: string | null
  /** An open class (公开课): everyone signed in may watch. */
  openClass: boolean
  lesson: LiveLesson | null
  /** The library lesson an ended session became ("回看"), once it exists. */
  lessonId: number | null
  /** Whether this viewer may change the open-class mark. */
  manageable: boolean
}

/** A signed, expiring playlist URL (renew it before `expiresAt`). */
export interface LivePlayback {
  url: string
  expiresAt: string
}

/** GET /live/channels: the channels live now that the viewer may see. */
export async function fetchLiveChannels(): Promise<Channel[]> {
  return (await http.get<Channel[]>('/live/channels')).data
}

/** GET /live/channels/{id}: 404 when the classroom has no channel the viewer may see. */
export async function fetchChannel(classroomId: number): Promise<Channel> {
  return (await http.get<Channel>(`/live/channels/${classroomId}`)).data
}

/** GET /live/channels/{id}/playback: 409 `not-live` when the channel is not live. */
export async function fetchLivePlayback(classroomId: number): Promise<LivePlayback> {
  return (await http.get<LivePlayback>(`/live/channels/${classroomId}/playback`)).data
}

/** PUT /live/channels/{id}: mark or unmark an open class (the school's DEVICE_CONTROL or LESSON_MANAGE). */
export async function setOpenClass(classroomId: number, openClass: boolean): Promise<Channel> {
  return (await http.put<Channel>(`/live/channels/${classroomId}`, { openClass })).data
}
