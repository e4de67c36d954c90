import type { BookingConflict, Device, Health } from '@/api/devices'
import { problemOf } from '@/api/problem'

// The pure rules of the recorders page: what a recorder's state shows as, elapsed times by the server's clock,
// the audio meter, disk use, the agent's command line, and reading a booking conflict out of a 409.

/** What the page shows for a recorder: offline wins over whatever it last said. */
export type RecorderDisplay = 'none' | 'offline' | 'idle' | 'recording' | 'uploading' | 'live' | 'error'

export function displayOf(device: Pick<Device, 'online' | 'state' | 'live'> | null): RecorderDisplay {
  if (!device) return 'none'
  if (!device.online || !device.state) return 'offline'
  switch (device.state) {
    case 'CAPTURING':
      return device.live ? 'live' : 'recording'
    case 'LIVE':
      return 'live'
    case 'UPLOADING':
      return 'uploading'
    case 'ERROR':
      return 'error'
    default:
      return device.live ? 'live' : 'idle'
  }
}

/** Whether the recorder is recording now (recording or live), so that the button offers to stop. */
export function isRecording(device: Device | null): boolean {
  const shown = displayOf(device)
  return shown === 'recording' || (shown === 'live' && device?.recordingId != null)
}

/**
 * The platform's clock now, from its last answer: `serverTime` was true when the answer arrived at the browser's
 * `receivedAt`; the browser's clock may be wrong, but it runs at the right speed.
 */
export function serverNow(serverTime: string, receivedAt: number, browserNow: number): number {
  return Date.parse(serverTime) + (browserNow - receivedAt)
}

/** "0:05:07" since `since` at `now` (ms); "" without a start. */
export function elapsed(since: string | null, now: number): string {
  if (!since) return ''
  const start = Date.parse(since)
  if (Number.isNaN(start)) return ''
  const total = Math.max(0, Math.floor((now - start) / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`
}

/** The audio meter: -60 dBFS (silence) to 0 dBFS (full scale) as 0–100 %, with a colour band. */
export function audioMeter(db: number | null): { percent: number; level: 'silent' | 'good' | 'loud' | 'clipping' } {
  if (db == null || !Number.isFinite(db)) return { percent: 0, level: 'silent' }
  const percent = Math.round(Math.min(100, Math.max(0, ((db + 60) / 60) * 100)))
  const level = db <= -50 ? 'silent' : db < -12 ? 'good' : db < -3 ? 'loud' : 'clipping'
  return { percent, level }
}

/** Disk use of the recording volume, in whole percent; low when less than 10 % is free (the agent's reserve). */
export function diskUse(health: Health | null): { usedPercent: number; low: boolean } | null {
  if (!health || health.diskTotalBytes <= 0) return null
  const free = Math.max(0, Math.min(health.diskFreeBytes, health.diskTotalBytes))
  return {
    usedPercent: Math.round(((health.diskTotalBytes - free) / health.diskTotalBytes) * 100),
    low: free / health.diskTotalBytes < 0.1,
  }
}

/**
 * What to type on the classroom box to enroll it: the recorder agent started with the platform's address and the
 * one-time code (`--platform`, `--code`; see recorder/README.md).
 */
export function agentCommandLine(origin: string, code: string): string {
  return `java -jar ketang-recorder.jar --platform ${origin} --code ${code} --data ./recorder-data`
}

/** The conflict a 409 `booking-conflict` names, or null for any other failure. */
export function bookingConflictOf(error: unknown): BookingConflict | null {
  const problem = problemOf(error)
  if (!problem || problem.status !== 409 || !problem.type.endsWith('/booking-conflict')) return null
  const conflict = (problem as unknown as Record<string, unknown>).conflict
  if (typeof conflict !== 'object' || conflict === null) return null
  const c = conflict as Record<string, unknown>
  if (typeof c.uid !== 'string' || typeof c.start !== 'string' || typeof c.end !== 'string') return null
  return {
    kind: c.kind === 'timetable' ? 'timetable' : 'booking',
    uid: c.uid,
    title: typeof c.title === 'string' ? c.title : '',
    start: c.start,
    end: c.end,
  }
}

/** An instant from a date ("2026-11-25") and a time ("19:00") on the browser's clock, as ISO-8601. */
export function instantOf(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null
  const [y, mo, d] = date.split('-').map(Number)
  const [h, mi] = time.split(':').map(Number)
  const local = new Date(y, mo - 1, d, h, mi, 0, 0)
  return Number.isNaN(local.getTime()) ? null : local.toISOString()
}
