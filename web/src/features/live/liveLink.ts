// Pure helpers of the live player: playback tokens are short-lived and renewed while a class plays, so every
// request hls.js makes is re-pointed at the newest token (no reload, no gap in the picture).

const PATH_TOKEN = /\/live\/play\/([^/?#]+)\//
const QUERY_TOKEN = /([?&]token=)([^&#]*)/

/** The token of a live playback URL: `/live/play/<token>/…`, or a media server's `…?token=<token>`. */
export function tokenOf(url: string): string | null {
  const path = PATH_TOKEN.exec(url)
  if (path) return path[1]
  const query = QUERY_TOKEN.exec(url)
  return query ? decodeURIComponent(query[2]) : null
}

/** `url` with its live token replaced by `token`; URLs without one are returned as they are. */
export function withToken(url: string, token: string): string {
  if (PATH_TOKEN.test(url)) return url.replace(PATH_TOKEN, `/live/play/${token}/`)
  if (QUERY_TOKEN.test(url)) return url.replace(QUERY_TOKEN, (_m, head: string) => `${head}${encodeURIComponent(token)}`)
  return url
}

/** Milliseconds until a link expiring at `expiresAt` should be renewed: halfway there, between 5 s and 10 min. */
export function renewIn(expiresAt: string, now: number): number {
  const left = Date.parse(expiresAt) - now
  if (!Number.isFinite(left)) return 5_000
  return Math.min(600_000, Math.max(5_000, Math.floor(left / 2)))
}

/** Wait before reconnect attempt `n` (0-based): 1 s, 2 s, 4 s, … at most 10 s. */
export function reconnectDelay(attempt: number): number {
  return Math.min(10_000, 1_000 * 2 ** Math.max(0, attempt))
}

/** "08:02" in the viewer's time zone, from an ISO instant. */
export function clockTime(iso: string | null, locale: string): string {
  if (!iso) return ''
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return ''
  return at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', hour12: false })
}

/** "08:00" of "08:00:00". */
export function shortTime(localTime: string): string {
  return localTime.slice(0, 5)
}

/** "七年级1班 · 数学 · 王芳": class, subject and teacher of a timetable entry, as far as known. */
export function lessonLine(lesson: { className: string; subjectName: string; teacherName: string | null } | null): string {
  if (!lesson) return ''
  return [lesson.className, lesson.subjectName, lesson.teacherName].filter((part) => part).join(' · ')
}
