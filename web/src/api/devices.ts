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

// ---- the control centre (集控): inventory, health history, alerts, power, bulk actions, plans, config profiles ----

export type ConfigStatus = 'NONE' | 'PENDING' | 'APPLIED' | 'FAILED'

/** What a recorder should run (the profile version last sent) and what it reports it runs. */
export interface DeviceConfig {
  deviceId: number
  profileId: number | null
  profileName: string | null
  expectedVersion: string | null
  reportedVersion: string | null
  status: ConfigStatus
  commandId: string | null
  message: string | null
}

/** One device of the inventory (设备台账); status fields are null until its first heartbeat. */
export interface InventoryRow {
  id: number
  kind: 'recorder' | 'display'
  name: string
  classroomId: number
  classroomName: string
  buildingId: number | null
  buildingName: string | null
  schoolId: number
  schoolName: string
  hostname: string | null
  model: string | null
  agentVersion: string | null
  mac: string | null
  ip: string | null
  netmask: number | null
  enrolledAt: string
  retiredAt: string | null
  online: boolean
  lastSeenAt: string | null
  state: AgentState | null
  live: boolean
  audioLevelDb: number | null
  cpuPercent: number | null
  memoryPercent: number | null
  diskFreePercent: number | null
  temperatureC: number | null
  thumbnailAt: string | null
  config: DeviceConfig
}

export interface HealthSample {
  at: string
  cpuPercent: number
  memoryUsedBytes: number
  memoryTotalBytes: number
  diskFreeBytes: number
  diskTotalBytes: number
  temperatureC: number | null
}

export interface DeviceAlert {
  id: number
  deviceId: number | null
  classroomId: number | null
  schoolId: number
  source: 'AGENT' | 'PLATFORM'
  kind: string
  message: string
  at: string
  receivedAt: string
  acknowledgedBy: number | null
  acknowledgedByName: string | null
  acknowledgedAt: string | null
  resolvedAt: string | null
}

export type PowerAction = 'ON' | 'OFF' | 'REBOOT'

export interface PowerResult {
  deviceId: number
  action: PowerAction
  ok: boolean
  message: string
  commandId: string | null
  directTo: string | null
  relayDeviceId: number | null
}

export type BulkAction =
  | 'POWER_ON'
  | 'SHUTDOWN'
  | 'REBOOT'
  | 'START_RECORDING'
  | 'STOP_RECORDING'
  | 'EXTEND_RECORDING'
  | 'LIVE_ON'
  | 'LIVE_OFF'

export interface BatchItem {
  deviceId: number
  deviceName: string | null
  accepted: boolean
  commandId: string | null
  state: CommandState | null
  ok: boolean | null
  message: string | null
}

export interface Batch {
  id: number
  action: BulkAction
  args: Record<string, string>
  issuedByName: string | null
  issuedAt: string
  planId: number | null
  items: BatchItem[]
}

/** One remote action of the action log: who, what, which device (and for whom, for a relayed wake), when, result. */
export interface DeviceAction {
  id: string
  type: CommandType
  args: Record<string, string>
  deviceId: number
  deviceName: string | null
  targetDeviceId: number | null
  targetName: string | null
  schoolId: number
  issuedByName: string | null
  issuedAt: string
  state: CommandState
  ok: boolean | null
  message: string | null
  finishedAt: string | null
  batchId: number | null
}

export interface PowerPlan {
  id: number
  schoolId: number
  buildingId: number | null
  name: string
  /** "07:30:00" or null. */
  onTime: string | null
  offTime: string | null
  schoolDaysOnly: boolean
  enabled: boolean
  updatedAt: string
}

export interface PowerPlanRequest {
  schoolId: number
  buildingId: number | null
  name: string
  onTime: string | null
  offTime: string | null
  schoolDaysOnly: boolean
  enabled: boolean
}

export interface PowerPlanRun {
  planId: number
  date: string
  action: 'ON' | 'OFF'
  ranAt: string
  batchId: number | null
  summary: string
}

export interface TrackingSettings {
  enabled: boolean
  region: { x: number; y: number; width: number; height: number } | null
  sensitivity: number | null
  zoom: number | null
}

export interface ProfileSettings {
  resolution: string | null
  videoKbps: number | null
  tracking: TrackingSettings | null
  storageQuotaGb: number | null
  uploadWindow: string | null
}

export interface ConfigProfile {
  id: number
  schoolId: number | null
  name: string
  version: number
  versionLabel: string
  settings: ProfileSettings
  updatedAt: string
}

export type AssignmentScope = 'SCHOOL' | 'BUILDING' | 'DEVICE'

export interface ConfigAssignment {
  id: number
  profileId: number
  scope: AssignmentScope
  targetId: number
  schoolId: number
  assignedAt: string
}

export async function fetchInventory(params: { schoolId?: number | null; retired?: boolean } = {}): Promise<InventoryRow[]> {
  return (await http.get<InventoryRow[]>('/devices/inventory', {
    params: { schoolId: params.schoolId ?? undefined, retired: params.retired ?? false },
  })).data
}

export async function fetchHealth(deviceId: number, hours = 24): Promise<HealthSample[]> {
  return (await http.get<HealthSample[]>(`/devices/${deviceId}/health`, { params: { hours } })).data
}

export async function fetchAlerts(params: { schoolId?: number | null; open?: boolean } = {}): Promise<DeviceAlert[]> {
  return (await http.get<DeviceAlert[]>('/devices/alerts', {
    params: { schoolId: params.schoolId ?? undefined, open: params.open ?? false },
  })).data
}

export async function fetchOpenAlertCount(): Promise<number> {
  return (await http.get<{ count: number }>('/devices/alerts/open-count')).data.count
}

export async function acknowledgeAlert(id: number): Promise<DeviceAlert> {
  return (await http.post<DeviceAlert>(`/devices/alerts/${id}/acknowledge`)).data
}

export async function power(deviceId: number, action: PowerAction, via?: 'AUTO' | 'PLATFORM' | 'RELAY'): Promise<PowerResult> {
  return (await http.post<PowerResult>(`/devices/${deviceId}/power`, { action, via })).data
}

export async function runBulk(action: BulkAction, deviceIds: number[], args: Record<string, string> = {}): Promise<Batch> {
  return (await http.post<Batch>('/devices/bulk', { action, deviceIds, args })).data
}

export async function fetchBatch(id: number): Promise<Batch> {
  return (await http.get<Batch>(`/devices/bulk/${id}`)).data
}

export async function fetchActions(schoolId?: number | null): Promise<DeviceAction[]> {
  return (await http.get<DeviceAction[]>('/devices/actions', { params: { schoolId: schoolId ?? undefined } })).data
}

export async function fetchPowerPlans(): Promise<PowerPlan[]> {
  return (await http.get<PowerPlan[]>('/devices/power-plans')).data
}

export async function savePowerPlan(request: PowerPlanRequest, id?: number): Promise<PowerPlan> {
  return id == null
    ? (await http.post<PowerPlan>('/devices/power-plans', request)).data
    : (await http.put<PowerPlan>(`/devices/power-plans/${id}`, request)).data
}

export async function fetchPowerPlanRuns(id: number): Promise<PowerPlanRun[]> {
  return (await http.get<PowerPlanRun[]>(`/devices/power-plans/${id}/runs`)).data
}

export async function fetchProfiles(): Promise<ConfigProfile[]> {
  return (await http.get<ConfigProfile[]>('/devices/config-profiles')).data
}

export async function saveProfile(schoolId: number | null, name: string, settings: ProfileSettings, id?: number): Promise<ConfigProfile> {
  return id == null
    ? (await http.post<ConfigProfile>('/devices/config-profiles', { schoolId, name, settings })).data
    : (await http.put<ConfigProfile>(`/devices/config-profiles/${id}`, { name, settings })).data
}

export async function assignProfile(profileId: number, scope: AssignmentScope, targetId: number, schoolId: number): Promise<ConfigAssignment> {
  return (await http.post<ConfigAssignment>(`/devices/config-profiles/${profileId}/assignments`, { scope, targetId, schoolId })).data
}

export async function fetchAssignments(): Promise<ConfigAssignment[]> {
  return (await http.get<ConfigAssignment[]>('/devices/config-assignments')).data
}

export async function unassignProfile(id: number): Promise<void> {
  await http.delete(`/devices/config-assignments/${id}`)
}
