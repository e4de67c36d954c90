import type { Batch, DeviceAlert, HealthSample, InventoryRow } from '@/api/devices'
import type { ChartOption } from '@/features/library/charts'
import { displayOf, type RecorderDisplay } from './recorders'

// The pure rules of the control centre (集控中心): what a device's state shows as, which devices a bulk action may
// go to, a bulk action's tally, an alert's status, and the health history as chart series.

/** What the monitoring wall shows for a device: retired and offline win over whatever it last said. */
export type DeviceDisplay = 'retired' | 'offline' | 'idle' | 'recording' | 'uploading' | 'live' | 'error'

export function deviceDisplay(row: Pick<InventoryRow, 'retiredAt' | 'online' | 'state' | 'live'>): DeviceDisplay {
  return row.retiredAt ? 'retired' : (displayOf(row) as Exclude<RecorderDisplay, 'none'>)
}

/** Element Plus tag type of a display state. */
export function displayTag(display: DeviceDisplay): 'success' | 'info' | 'warning' | 'danger' | 'primary' {
  switch (display) {
    case 'idle':
      return 'success'
    case 'recording':
    case 'live':
      return 'danger'
    case 'uploading':
      return 'primary'
    case 'error':
      return 'warning'
    default:
      return 'info'
  }
}

/** How many of a bulk action's devices succeeded, failed, wait for their agent, or were refused. */
export function batchTally(batch: Batch): { succeeded: number; failed: number; waiting: number; refused: number } {
  const tally = { succeeded: 0, failed: 0, waiting: 0, refused: 0 }
  for (const item of batch.items) {
    if (!item.accepted) tally.refused++
    else if (item.state === 'SUCCEEDED') tally.succeeded++
    else if (item.state === 'FAILED' || item.state === 'EXPIRED') tally.failed++
    else tally.waiting++
  }
  return tally
}

/** Whether a bulk action still has devices whose agent has not answered (so the result dialog keeps polling). */
export function batchOpen(batch: Batch): boolean {
  return batchTally(batch).waiting > 0
}

/** An alert as the log shows it: open (nobody acknowledged it), acknowledged, or resolved by the platform. */
export function alertStatus(alert: DeviceAlert): 'open' | 'acknowledged' | 'resolved' {
  if (alert.acknowledgedAt) return 'acknowledged'
  if (alert.resolvedAt) return 'resolved'
  return 'open'
}

/** Percent of used, rounded to one decimal; null when the total is unknown. */
function percent(used: number, total: number): number | null {
  return total > 0 ? Math.round((used / total) * 1000) / 10 : null
}

/** The health history as an ECharts option: CPU, memory and disk use in %, temperature in °C on a second axis. */
export function healthChart(samples: HealthSample[], labels: { cpu: string; memory: string; disk: string; temperature: string }): ChartOption {
  const points = (f: (s: HealthSample) => number | null) => samples.map((s) => [s.at, f(s)] as [string, number | null])
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 48, top: 36, bottom: 32 },
    xAxis: { type: 'time' },
    yAxis: [
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
      { type: 'value', axisLabel: { formatter: '{value} °C' } },
    ],
    series: [
      { name: labels.cpu, type: 'line', showSymbol: false, data: points((s) => Math.round(s.cpuPercent * 10) / 10) },
      { name: labels.memory, type: 'line', showSymbol: false, data: points((s) => percent(s.memoryUsedBytes, s.memoryTotalBytes)) },
      { name: labels.disk, type: 'line', showSymbol: false, data: points((s) => percent(s.diskTotalBytes - s.diskFreeBytes, s.diskTotalBytes)) },
      { name: labels.temperature, type: 'line', showSymbol: false, yAxisIndex: 1, data: points((s) => s.temperatureC) },
    ],
  } as ChartOption
}

/** The buildings among the inventory's devices of a school, by id, for power plans and config assignments. */
export function buildingsOf(rows: InventoryRow[], schoolId: number | null): Array<{ id: number; name: string }> {
  const seen = new Map<number, string>()
  for (const row of rows) {
    if (row.buildingId != null && (schoolId == null || row.schoolId === schoolId)) seen.set(row.buildingId, row.buildingName ?? `#${row.buildingId}`)
  }
  return [...seen.entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name))
}
