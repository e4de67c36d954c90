// Formatting of durations, sizes and rates shared by the library, upload, player and space pages.

/** "12:34" or "1:02:05" for a duration in seconds; "--:--" when unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return '--:--'
  const total = Math.floor(seconds)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m)
  return h > 0 ? `${h}:${mm}:${String(s).padStart(2, '0')}` : `${mm}:${String(s).padStart(2, '0')}`
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const

/** "1.5 MB" (binary multiples, one decimal from KB up). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—'
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${UNITS[unit]}`
}

/** "2.3 MB/s". */
export function formatSpeed(bytesPerSecond: number): string {
  return `${formatBytes(Math.round(bytesPerSecond))}/s`
}

/** Whole percent 0–100 of done/total; 0 when total is 0. */
export function percentOf(done: number, total: number): number {
  if (total <= 0) return 0
  return Math.min(100, Math.max(0, Math.floor((done / total) * 100)))
}

/** A large count as "1.2万" (zh) or "12.3k" (en); plain below 10,000. */
export function formatCount(n: number, lang: 'zh-CN' | 'en'): string {
  if (n < 10000) return String(n)
  return lang === 'en' ? `${(n / 1000).toFixed(1)}k` : `${(n / 10000).toFixed(1)}万`
}
