import { describe, expect, it } from 'vitest'
import type { Batch, DeviceAlert, HealthSample } from '@/api/devices'
import { alertStatus, batchOpen, batchTally, deviceDisplay, healthChart } from './control'

describe('control centre rules', () => {
  it('shows a retired or silent device as such, whatever it last said', () => {
    expect(deviceDisplay({ retiredAt: '2026-11-01T00:00:00Z', online: true, state: 'IDLE', live: false })).toBe('retired')
    expect(deviceDisplay({ retiredAt: null, online: false, state: 'CAPTURING', live: false })).toBe('offline')
    expect(deviceDisplay({ retiredAt: null, online: true, state: 'CAPTURING', live: true })).toBe('live')
    expect(deviceDisplay({ retiredAt: null, online: true, state: 'UPLOADING', live: false })).toBe('uploading')
  })

  it('tallies a bulk action per device and keeps polling while an agent has not answered', () => {
    const batch: Batch = {
      id: 1, action: 'SHUTDOWN', args: {}, issuedByName: 'sadmin1', issuedAt: '', planId: null,
      items: [
        { deviceId: 1, deviceName: 'a', accepted: true, commandId: 'c1', state: 'SUCCEEDED', ok: true, message: null },
        { deviceId: 2, deviceName: 'b', accepted: true, commandId: 'c2', state: 'DELIVERED', ok: null, message: null },
        { deviceId: 3, deviceName: null, accepted: false, commandId: null, state: null, ok: false, message: 'no' },
        { deviceId: 4, deviceName: 'd', accepted: true, commandId: 'c4', state: 'EXPIRED', ok: false, message: 'expired' },
      ],
    }
    expect(batchTally(batch)).toEqual({ succeeded: 1, failed: 1, waiting: 1, refused: 1 })
    expect(batchOpen(batch)).toBe(true)
  })

  it('calls an alert acknowledged once a person saw it, even after it resolved', () => {
    const alert = { acknowledgedAt: null, resolvedAt: null } as DeviceAlert
    expect(alertStatus(alert)).toBe('open')
    expect(alertStatus({ ...alert, resolvedAt: '2026-11-24T08:00:00Z' })).toBe('resolved')
    expect(alertStatus({ ...alert, resolvedAt: '2026-11-24T08:00:00Z', acknowledgedAt: '2026-11-24T08:01:00Z' })).toBe('acknowledged')
  })

  it('draws memory and disk as percent used', () => {
    const sample: HealthSample = { at: '2026-11-24T08:00:00Z', cpuPercent: 12.34, memoryUsedBytes: 2, memoryTotalBytes: 8, diskFreeBytes: 1, diskTotalBytes: 4, temperatureC: 50 }
    const option = healthChart([sample], { cpu: 'CPU', memory: 'mem', disk: 'disk', temperature: 't' }) as { series: Array<{ data: unknown[] }> }
    expect(option.series[0].data[0]).toEqual([sample.at, 12.3])
    expect(option.series[1].data[0]).toEqual([sample.at, 25])
    expect(option.series[2].data[0]).toEqual([sample.at, 75])
  })
})
