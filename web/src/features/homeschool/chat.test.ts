import { describe, expect, it } from 'vitest'
import type { ChatMessage } from '@/api/homeschool'
import { applyState, applyWithdrawn, mayWithdraw, mergeMessages } from './chat'

const msg = (id: number, senderId: number, state: ChatMessage['state'] = 'SENT', sentAt = '2026-11-24T05:00:00Z'): ChatMessage => ({
  id,
  conversationId: 1,
  senderId,
  senderName: 'x',
  body: `m${id}`,
  withdrawn: false,
  sentAt,
  state,
  readBy: 0,
})

describe('chat', () => {
  it('merges pages and live messages in order without duplicates', () => {
    const merged = mergeMessages([msg(3, 1), msg(1, 1)], [msg(2, 2, null), msg(3, 1, 'READ')])
    expect(merged.map((m) => m.id)).toEqual([1, 2, 3])
    expect(merged[2].state).toBe('READ')
  })

  it('moves my messages forward to delivered and read, never back', () => {
    const list = [msg(1, 7, 'READ'), msg(2, 7), msg(3, 7), msg(4, 9, null)]
    const next = applyState(list, 7, 3, 2)
    expect(next.map((m) => m.state)).toEqual(['READ', 'READ', 'DELIVERED', null])
    expect(applyState(next, 7, 0, 0)[1].state).toBe('READ')
  })

  it('keeps a withdrawn message in its place without its text', () => {
    const next = applyWithdrawn([msg(1, 7), msg(2, 7)], 2)
    expect(next).toHaveLength(2)
    expect(next[1]).toMatchObject({ withdrawn: true, body: null })
  })

  it('lets the sender withdraw for two minutes and the moderator always', () => {
    const sent = Date.parse('2026-11-24T05:00:00Z')
    expect(mayWithdraw(msg(1, 7), 7, false, sent + 60_000)).toBe(true)
    expect(mayWithdraw(msg(1, 7), 7, false, sent + 180_000)).toBe(false)
    expect(mayWithdraw(msg(1, 7), 8, false, sent)).toBe(false)
    expect(mayWithdraw(msg(1, 7), 8, true, sent + 10_000_000)).toBe(true)
  })
})
