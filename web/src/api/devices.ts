import { http } from './http'

// Types and calls of the platform's `devices` module: recorders and their live state, enrollment codes, commands,
// bookings (预约录制) and a recording classroom's schedule. Field names match the JSON of devices/web exactly
// (DevicesController, BookingsController, Views); docs/agent-protocol.md describes the agent side.

/** What an agent last reported it was doing. */
export type AgentState = 'IDLE' | 'CAPTURING' | 'UPLOADING' | 'LIVE' | 'ERROR'

export type CommandType =
  | 'START_RECORDING'
  | 'STOP_RECORDING'
  | 'EXTEND_RECORDING'
  | 'LIVE_ON'
  | 'LIVE_OFF'
  | 'APPLY_CONFIG'
  | 'REBOOT'
  | 'SHUTDOWN'
  | 'WAKE_ON_LAN'
  | 'USB_EXPORT'

export interface Health {
  cpuPercent: number
  memoryUsedBytes: number
  memoryTotalBytes: number
  diskFreeBytes: number
  diskTotalBytes: number
  temperatureC: number | null
  uptimeSeconds: number
}

export interface SourceHealth {
  role: string
  url: string
  ok: boolean
  problem: string | null
}

/** A device with what it last reported; the reported fields are null until its first heartbeat. */
export interface Device {
  id: number
  kind: 'recorder' | 'display'
  classroomId: number
  schoolId: number
  name: string
  hostname: string | null
  model: string | null
  agentVersion: string | null
  mac: string | null
  ip: string | null
  enrolledAt: string
  retiredAt: string | null
  /** Computed by the server: the last heartbeat is younger than three heartbeat intervals. */
  online: boolean
  lastSeenAt: string | null
  state: AgentState | null
  recordingId: string | null
  recordingSince: string | null
  live: boolean
  audioLevelDb: number | null
  health: Health | null
  sources: SourceHealth[]
  configVersion: string | null
  clockSkewMs: number | null
  /** When the latest thumbnail arrived; null when there is none. */
  thumbnailAt: string | null
}

/** A recording classroom (录播教室) with its recording settings and its recorder (null when none is enrolled). */
export interface RecorderRoom {
  classroomId: number
  classroomName: string
  buildingName: string
  schoolId: number
  schoolName: string
  autoRecord: boolean
  liveByDefault: boolean
  recorder: Device | null
}

export interface RecordersView {
  /** The server's clock when it answered: elapsed times are shown by it, not by the browser's clock. */
  serverTime: string
  heartbeatSeconds: number
  rooms: RecorderRoom[]
}

export interface EnrollmentCode {
  code: string
  kind: 'RECORDER' | 'DISPLAY'
  classroomId: number
  classroomName: string
  expiresAt: string
}

export type CommandState = 'PENDING' | 'DELIVERED' | 'SUCCEEDED' | 'FAILED' | 'EXPIRED'

export interface DeviceCommand {
  id: string
  deviceId: number
  type: CommandType
  args: Record<string, string>
  state: CommandState
  issuedBy: number | null
  issuedByName: string | null
  issuedAt: string
  expiresAt: string
  deliveredAt: string | null
  finishedAt: string | null
  ok: boolean | null
  message: string | null
}

export interface Booking {
  id: number
  classroomId: number
  schoolId: number
  start: string
  end: string
  title: string
  live: boolean
  createdBy: number
  createdByName: string
  createdAt: string
  cancelledAt: string | null
}

export interface BookingRequest {
  classroomId: number
  /** ISO-8601 instants. */
  start: string
  end: string
  title: string
  live: boolean
}

/** What a 409 `booking-conflict` names: another booking, or a timetable lesson the classroom records by itself. */
export interface BookingConflict {
  kind: 'booking' | 'timetable'
  uid: string
  title: string
  start: string
  end: string
}

/** One entry of a classroom's recording schedule. */
export interface ScheduleEntry {
  uid: string
  start: string
  end: string
  title: string
  live: boolean
  kind: 'TIMETABLE' | 'BOOKING'
  details: string | null
}

export async function fetchRecorders(schoolId?: number | null): Promise<RecordersView> {
  return (await http.get<RecordersView>('/devices/recorders', { params: { schoolId: schoolId ?? undefined } })).data
}

export async function issueEnrollmentCode(classroomId: number, kind: 'recorder' | 'display' = 'recorder'): Promise<EnrollmentCode> {
  return (await http.post<EnrollmentCode>('/devices/enrollment-codes', { classroomId, kind })).data
}

export async function sendCommand(deviceId: number, type: CommandType, args: Record<string, string> = {}): Promise<DeviceCommand> {
  return (await http.post<DeviceCommand>(`/devices/${deviceId}/commands`, { type, args })).data
}

export async function fetchCommands(deviceId: number): Promise<DeviceCommand[]> {
  return (await http.get<DeviceCommand[]>(`/devices/${deviceId}/commands`)).data
}

export async function retireDevice(deviceId: number): Promise<void> {
  await http.post(`/devices/${deviceId}/retire`)
}

export async function saveClassroomSettings(classroomId: number, autoRecord: boolean, liveByDefault: boolean): Promise<void> {
  await http.put(`/devices/classrooms/${classroomId}/settings`, { autoRecord, liveByDefault })
}

export async function fetchBookings(params: { schoolId?: number | null; classroomId?: number | null } = {}): Promise<Booking[]> {
  return (await http.get<Booking[]>('/devices/bookings', {
    params: { schoolId: params.schoolId ?? undefined, classroomId: params.classroomId ?? undefined },
  })).data
}

export async function createBooking(request: BookingRequest): Promise<Booking> {
  return (await http.post<Booking>('/devices/bookings', request)).data
}

export async function cancelBooking(id: number): Promise<void> {
  await http.delete(`/devices/bookings/${id}`)
}

export async function fetchClassroomSchedule(classroomId: number): Promise<ScheduleEntry[]> {
  return (await http.get<ScheduleEntry[]>(`/devices/classrooms/${classroomId}/schedule`)).data
}

/** The device's latest picture; `version` (its thumbnailAt) makes the browser fetch a new one when it changes. */
export function thumbnailUrl(deviceId: number, version: string): string {
  return `/api/v1/devices/${deviceId}/thumbnail.jpg?v=${encodeURIComponent(version)}`
}
