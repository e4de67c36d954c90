import { describe, expect, it } from 'vitest'
import { badge, shortTime } from './format'

describe('home-school formatting', () => {
  it('shows no badge for nothing unread and caps it at 99+', () => {
    expect(badge(0)).toBeUndefined()
    expect(badge(3)).toBe('3')
    expect(badge(120)).toBe('99+')
  })

  it('leaves out the year of this year', () => {
    const now = new Date(2026, 10, 24, 12, 0)
    expect(shortTime(new Date(2026, 10, 24, 9, 5).toISOString(), now)).toBe('11-24 09:05')
    expect(shortTime(new Date(2025, 0, 2, 18, 30).toISOString(), now)).toBe('2025-01-02 18:30')
  })
})
