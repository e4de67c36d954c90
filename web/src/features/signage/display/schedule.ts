/**
 * What the display plays at an instant, from what the server resolved: its timeline of schedules (already
 * lesson-aware and prioritised by the server) with the pushes under way on top — an emergency push before a forced
 * one, the newer before the older. Times are the server's epoch milliseconds (see `clock.ts`).
 */

export interface Item {
  id: number
  kind: 'VIDEO' | 'IMAGE' | 'NOTICE' | 'LESSON' | 'LIVE' | 'WEB'
  title: string
  url: string | null
  hls: string | null
  body: string | null
  layout: 'FULL' | 'TICKER'
  durationSeconds: number
  cacheable: boolean
  available: boolean
}

export interface SlotView {
  startMs: number
  endMs: number
  level: string
  source: string
  sourceId: number
  anchorMs: number
  items: number[]
}

export interface PushView {
  id: number
  level: 'EMERGENCY' | 'FORCED'
  startMs: number
  endMs: number | null
  items: number[]
}

export interface DisplayInfo {
  deviceId: number
  name: string
  classroomName: string
  schoolName: string
  className: string | null
}

export interface DisplayState {
  serverTimeMs: number
  display: DisplayInfo
  slots: SlotView[]
  pushes: PushView[]
  items: Record<string, Item>
}

/** The item playing now, where it started and where the screen is in it. */
export interface NowPlaying {
  /** Identifies this play of this item: a change of key starts the item afresh. */
  key: string
  level: string
  source: string
  sourceId: number
  item: Item
  /** When this play of the item began (or would have, for a screen that joins late). */
  itemStartMs: number
  /** When it ends: its duration or the end of the slot, whichever is first. */
  itemEndMs: number
  offsetMs: number
  ticker: Item[]
}

interface Claim {
  level: string
  source: string
  sourceId: number
  anchorMs: number
  endMs: number | null
  items: number[]
}

function activeClaim(state: DisplayState, now: number): Claim | null {
  const pushes = state.pushes
    .filter((p) => p.startMs <= now && (p.endMs === null || now < p.endMs))
    .sort((a, b) => (a.level === b.level ? b.id - a.id : a.level === 'EMERGENCY' ? -1 : 1))
  const push = pushes[0]
  if (push) {
    return { level: push.level, source: 'push', sourceId: push.id, anchorMs: push.startMs, endMs: push.endMs, items: push.items }
  }
  const slot = state.slots.find((s) => s.startMs <= now && now < s.endMs)
  return slot ? { level: slot.level, source: slot.source, sourceId: slot.sourceId, anchorMs: slot.anchorMs, endMs: slot.endMs, items: slot.items } : null
}

/**
 * What plays at `now`. Items that are unavailable or known to be broken (`skip`) are left out, so the playlist
 * closes up around them; the playlist repeats from the claim's anchor, so every screen with the same schedule is
 * on the same item at the same time.
 */
export function nowPlaying(state: DisplayState, now: number, skip: ReadonlySet<number> = new Set()): NowPlaying | null {
  const claim = activeClaim(state, now)
  if (!claim) return null
  const all = claim.items.map((id) => state.items[String(id)]).filter((i): i is Item => !!i && i.available && !skip.has(i.id))
  const ticker = all.filter((i) => i.layout === 'TICKER')
  const main = all.filter((i) => i.layout !== 'TICKER')
  if (main.length === 0) {
    return null
  }
  const cycle = main.reduce((sum, i) => sum + Math.max(1, i.durationSeconds) * 1000, 0)
  const elapsed = Math.max(0, now - claim.anchorMs)
  const round = Math.floor(elapsed / cycle)
  let at = elapsed - round * cycle
  let index = 0
  while (at >= Math.max(1, main[index].durationSeconds) * 1000) {
    at -= Math.max(1, main[index].durationSeconds) * 1000
    index++
  }
  const item = main[index]
  const itemStartMs = now - at
  const naturalEnd = itemStartMs + Math.max(1, item.durationSeconds) * 1000
  const itemEndMs = claim.endMs === null ? naturalEnd : Math.min(naturalEnd, claim.endMs)
  return {
    key: `${claim.source}:${claim.sourceId}:${round}:${index}:${item.id}`,
    level: claim.level,
    source: claim.source,
    sourceId: claim.sourceId,
    item,
    itemStartMs,
    itemEndMs,
    offsetMs: at,
    ticker,
  }
}

/** The files worth caching ahead: every cacheable item of the timeline and the pushes. */
export function mediaToCache(state: DisplayState): string[] {
  const urls = new Set<string>()
  for (const item of Object.values(state.items)) {
    if (item.cacheable && item.url) urls.add(item.url)
  }
  return [...urls]
}

/** The server's clock offset from round trips: the sample with the shortest round trip is the most exact. */
export function clockOffset(samples: ReadonlyArray<{ sentMs: number; receivedMs: number; serverMs: number }>): number {
  const best = [...samples].sort((a, b) => a.receivedMs - a.sentMs - (b.receivedMs - b.sentMs))[0]
  if (!best) return 0
  return Math.round(best.serverMs - (best.sentMs + best.receivedMs) / 2)
}
