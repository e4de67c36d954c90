import { describe, expect, it } from 'vitest'
import { AxiosError, AxiosHeaders } from 'axios'
import type { Device } from '@/api/devices'
import { agentCommandLine, audioMeter, bookingConflictOf, diskUse, displayOf, elapsed, instantOf, isRecording, serverNow } from './recorders'

function device(over: Partial<Device> = {}): Device {
  return {
    id: 1, kind: 'recorder', classroomId: 2, schoolId: 1, name: '录播教室1 录播主机', hostname: 'box', model: null,
    agentVersion: '0.2.0', mac: null, ip: null, enrolledAt: '2026-11-24T00:00:00Z', retiredAt: null, online: true,
    lastSeenAt: '2026-11-24T01:00:00Z', state: 'IDLE', recordingId: null, recordingSince: null, live: false,
    audioLevelDb: null, health: null, sources: [], configVersion: null, clockSkewMs: 0, thumbnailAt: null, ...over,
  }
}

function problem(status: number, data: unknown): AxiosError {
  const headers = new AxiosHeaders()
  return new AxiosError('failed', 'ERR_BAD_REQUEST', { headers }, null, { status, statusText: '', headers, config: { headers }, data })
}

describe('what a recorder shows', () => {
  it('is offline when it stopped beating, whatever it last said', () => {
    expect(displayOf(device({ online: false, state: 'CAPTURING' }))).toBe('offline')
    expect(displayOf(device({ state: null }))).toBe('offline')
    expect(displayOf(null)).toBe('none')
  })

  it('tells recording, live, uploading and error apart', () => {
    expect(displayOf(device({ state: 'CAPTURING' }))).toBe('recording')
    expect(displayOf(device({ state: 'CAPTURING', live: true }))).toBe('live')
    expect(displayOf(device({ state: 'LIVE' }))).toBe('live')
    expect(displayOf(device({ state: 'UPLOADING' }))).toBe('uploading')
    expect(displayOf(device({ state: 'ERROR' }))).toBe('error')
    expect(displayOf(device())).toBe('idle')
  })

  it('offers to stop only while a recording runs', () => {
    expect(isRecording(device({ state: 'CAPTURING', recordingId: 'r-1' }))).toBe(true)
    expect(isRecording(device({ state: 'LIVE', live: true, recordingId: 'r-1' }))).toBe(true)
    expect(isRecording(device({ state: 'UPLOADING' }))).toBe(false)
    expect(isRecording(device({ state: 'CAPTURING', online: false }))).toBe(false)
  })
})

describe('elapsed recording time', () => {
  it('counts by the server clock, moved on by the time since its answer', () => {
    const now = serverNow('2026-11-24T08:10:00Z', 1_000_000, 1_065_000)
    expect(elapsed('2026-11-24T08:00:00Z', now)).toBe('0:11:05')
  })

  it('is empty without a start and never negative', () => {
    expect(elapsed(null, 0)).toBe('')
    expect(elapsed('2026-11-24T08:00:00Z', Date.parse('2026-11-24T07:59:00Z'))).toBe('0:00:00')
    expect(elapsed('2026-11-24T06:00:00Z', Date.parse('2026-11-24T08:05:09Z'))).toBe('2:05:09')
  })
})

describe('meters', () => {
  it('maps -60…0 dBFS onto the audio meter', () => {
    expect(audioMeter(null)).toEqual({ percent: 0, level: 'silent' })
    expect(audioMeter(-60).percent).toBe(0)
    expect(audioMeter(-23.5)).toEqual({ percent: 61, level: 'good' })
    expect(audioMeter(-6).level).toBe('loud')
    expect(audioMeter(0)).toEqual({ percent: 100, level: 'clipping' })
    expect(audioMeter(-90).percent).toBe(0)
  })

  it('shows disk use and warns below the 10 % reserve', () => {
    const health = { cpuPercent: 0, memoryUsedBytes: 0, memoryTotalBytes: 1, diskFreeBytes: 200, diskTotalBytes: 1000, temperatureC: null, uptimeSeconds: 0 }
    expect(diskUse(health)).toEqual({ usedPercent: 80, low: false })
    expect(diskUse({ ...health, diskFreeBytes: 50 })).toEqual({ usedPercent: 95, low: true })
    expect(diskUse(null)).toBeNull()
    expect(diskUse({ ...health, diskTotalBytes: 0 })).toBeNull()
  })
})

describe('enrolling and booking', () => {
  it('builds the command line typed on the box', () => {
    expect(agentCommandLine('https://ketang.example.edu.cn', '7KQ4-M2XP'))
      .toBe('java -jar ketang-recorder.jar --platform https://ketang.example.edu.cn --code 7KQ4-M2XP --data ./recorder-data')
  })

  it('reads the clashing booking or lesson out of a 409', () => {
    const conflict = { kind: 'timetable', uid: 'tt-3-20261125-2', title: '七年级1班 数学 第2节 王芳', start: '2026-11-25T00:55:00Z', end: '2026-11-25T01:40:00Z' }
    const error = problem(409, { type: 'https://ketang.dev/problems/booking-conflict', status: 409, detail: '冲突', conflict })
    expect(bookingConflictOf(error)).toEqual(conflict)
    expect(bookingConflictOf(problem(400, { type: 'https://ketang.dev/problems/validation', status: 400 }))).toBeNull()
    expect(bookingConflictOf(new Error('network'))).toBeNull()
  })

  it('turns a date and a time into an instant on the browser clock', () => {
    expect(instantOf('2026-11-25', '19:00')).toBe(new Date(2026, 10, 25, 19, 0).toISOString())
    expect(instantOf('2026-11-25', '')).toBeNull()
    expect(instantOf('', '19:00')).toBeNull()
  })
})
