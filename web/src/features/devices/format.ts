import type { Lang } from '@/api/problem'

/** "11月25日 周三 19:00–20:30" / "Wed 25 Nov 19:00–20:30": a span on the browser's clock, the day said once. */
export function formatSpan(start: string, end: string, lang: Lang): string {
  const from = new Date(start)
  const to = new Date(end)
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return `${start}–${end}`
  const locale = lang === 'en' ? 'en-GB' : 'zh-CN'
  const day = from.toLocaleDateString(locale, { month: 'short', day: 'numeric', weekday: 'short' })
  const time = (d: Date) => d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', hour12: false })
  const sameDay = from.toDateString() === to.toDateString()
  const until = sameDay ? time(to) : `${to.toLocaleDateString(locale, { month: 'short', day: 'numeric' })} ${time(to)}`
  return `${day} ${time(from)}–${until}`
}
