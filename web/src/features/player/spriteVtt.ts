/** One thumbnail of the seek preview: a region of a sprite image shown for a span of the video. */
export interface SpriteCue {
  start: number
  end: number
  /** Absolute URL of the sprite image. */
  url: string
  x: number
  y: number
  w: number
  h: number
}

/** "01:02:03.500", "02:03.500" or "02:03" → seconds; NaN when malformed. */
export function parseVttTime(text: string): number {
  const match = /^(?:(\d+):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$/.exec(text.trim())
  if (!match) return Number.NaN
  const [, h, m, s, ms] = match
  return Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s) + (ms ? Number(ms.padEnd(3, '0')) / 1000 : 0)
}

/**
 * Parses a seek-preview WebVTT file whose cue payloads are `image.jpg#xywh=x,y,w,h`. Image URLs are resolved
 * against the VTT's own URL, so the signed token in its path carries over. Cues without `#xywh=` are skipped.
 */
export function parseSpriteVtt(text: string, vttUrl: string): SpriteCue[] {
  const cues: SpriteCue[] = []
  const blocks = text.replace(/\r\n?/g, '\n').split(/\n{2,}/)
  const base = new URL(vttUrl, typeof location === 'undefined' ? 'http://localhost/' : location.href)
  for (const block of blocks) {
    const lines = block.split('\n').filter((l) => l.trim() !== '')
    const timing = lines.findIndex((l) => l.includes('-->'))
    if (timing < 0) continue
    const [from, rest] = lines[timing].split('-->')
    const start = parseVttTime(from)
    const end = parseVttTime(rest.trim().split(/\s+/)[0])
    const payload = lines[timing + 1]?.trim()
    if (!payload || Number.isNaN(start) || Number.isNaN(end)) continue
    const hash = payload.indexOf('#xywh=')
    if (hash < 0) continue
    const numbers = payload.slice(hash + 6).split(',').map(Number)
    if (numbers.length !== 4 || numbers.some((n) => !Number.isFinite(n))) continue
    const [x, y, w, h] = numbers
    cues.push({ start, end, url: new URL(payload.slice(0, hash), base).href, x, y, w, h })
  }
  return cues
}

/** The cue shown at `time`, by binary search over cues sorted by start; the last one past the end. */
export function cueAt(cues: readonly SpriteCue[], time: number): SpriteCue | null {
  if (cues.length === 0) return null
  let lo = 0
  let hi = cues.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (cues[mid].start <= time) lo = mid
    else hi = mid - 1
  }
  return cues[lo]
}
