import { describe, expect, it } from 'vitest'
import type { Receipt } from '@/api/homeschool'
import { applyReceipt, sortReceipts } from './receipts'

const r = (userId: number, name: string, readAt: string | null, confirmedAt: string | null = null): Receipt => ({
  userId,
  name,
  className: '七年级1班',
  readAt,
  confirmedAt,
  remindedAt: null,
})

describe('receipts', () => {
  it('updates only the parent the receipt is about', () => {
    const list = [r(1, '张伟', null), r(2, '刘强', null)]
    const next = applyReceipt(list, { userId: 2, readAt: '2026-11-24T01:00:00Z', confirmedAt: null })
    expect(next.map((x) => x.readAt)).toEqual([null, '2026-11-24T01:00:00Z'])
    expect(list[1].readAt).toBeNull()
  })

  it('puts those still to read (or confirm) first', () => {
    const list = [r(1, 'A', 'x', 'y'), r(2, 'B', 'x', null), r(3, 'C', null)]
    expect(sortReceipts(list, false).map((x) => x.userId)).toEqual([3, 1, 2])
    expect(sortReceipts(list, true).map((x) => x.userId)).toEqual([2, 3, 1])
  })
})
