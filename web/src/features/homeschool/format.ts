/** "11-24 09:05" for today's year, "2025-11-24 09:05" otherwise (the phone's own time zone). */
export function shortTime(iso: string, now: Date = new Date()): string {
  const d = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  const day = `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
  return d.getFullYear() === now.getFullYear() ? day : `${d.getFullYear()}-${day}`
}

/** The badge text for an unread count: nothing for 0, "99+" beyond 99. */
export function badge(count: number): string | undefined {
  if (count <= 0) return undefined
  return count > 99 ? '99+' : String(count)
}
