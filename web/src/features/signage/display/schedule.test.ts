import { describe, expect, it } from 'vitest'
import { clockOffset, nowPlaying, type DisplayState, type Item } from './schedule'

function item(id: number, durationSeconds: number, extra: Partial<Item> = {}): Item {
  return { id, kind: 'NOTICE', title: `#${id}`, url: null, hls: null, body: 'x', layout: 'FULL', durationSeconds, cacheable: false, available: true, ...extra }
}

const state: DisplayState = {
  serverTimeMs: 0,
  display: { deviceId: 1, name: 'd', classroomName: '201教室', schoolName: '第一中学', className: '八年级1班' },
  slots: [
    { startMs: 10_000, endMs: 100_000, level: 'SCHEDULED', source: 'schedule', sourceId: 5, anchorMs: 10_000, items: [1, 2, 3] },
  ],
  pushes: [],
  items: { 1: item(1, 10), 2: item(2, 20), 3: item(3, 5, { layout: 'TICKER' }) },
}

describe('nowPlaying', () => {
  it('plays nothing outside every slot', () => {
    expect(nowPlaying(state, 5_000)).toBeNull()
  })

  it('steps through the playlist from the anchor and loops', () => {
    expect(nowPlaying(state, 10_000)?.item.id).toBe(1)
    expect(nowPlaying(state, 19_999)?.item.id).toBe(1)
    const second = nowPlaying(state, 25_000)!
    expect(second.item.id).toBe(2)
    expect(second.itemStartMs).toBe(20_000)
    expect(second.offsetMs).toBe(5_000)
    expect(nowPlaying(state, 41_000)?.item.id).toBe(1)
    expect(nowPlaying(state, 41_000)?.key).not.toBe(nowPlaying(state, 11_000)?.key)
  })

  it('shows ticker notices beside the main items, not instead of them', () => {
    const now = nowPlaying(state, 12_000)!
    expect(now.ticker.map((i) => i.id)).toEqual([3])
  })

  it('skips unavailable and broken items', () => {
    expect(nowPlaying(state, 12_000, new Set([1]))?.item.id).toBe(2)
    const broken = { ...state, items: { ...state.items, 2: item(2, 20, { available: false }) } }
    expect(nowPlaying(broken, 25_000)?.item.id).toBe(1)
  })

  it('lets an emergency push beat a forced one and both beat the timeline until they end', () => {
    const pushed: DisplayState = {
      ...state,
      pushes: [
        { id: 7, level: 'FORCED', startMs: 30_000, endMs: null, items: [1] },
        { id: 8, level: 'EMERGENCY', startMs: 40_000, endMs: 50_000, items: [2] },
      ],
    }
    expect(nowPlaying(pushed, 35_000)?.source).toBe('push')
    expect(nowPlaying(pushed, 35_000)?.sourceId).toBe(7)
    expect(nowPlaying(pushed, 45_000)?.sourceId).toBe(8)
    expect(nowPlaying(pushed, 55_000)?.sourceId).toBe(7)
  })

  it('cuts the last item at the end of its slot', () => {
    expect(nowPlaying(state, 95_000)?.itemEndMs).toBe(100_000)
  })
})

describe('clockOffset', () => {
  it('trusts the quickest round trip', () => {
    expect(clockOffset([
      { sentMs: 0, receivedMs: 400, serverMs: 5_000 },
      { sentMs: 1_000, receivedMs: 1_020, serverMs: 6_510 },
    ])).toBe(5_500)
  })
})
