import { describe, expect, it } from 'vitest'
import { childStanding, localDateTime, tomorrowMorning } from './homework'

describe('homework', () => {
  const now = new Date(2026, 10, 24, 20, 30)

  it('is due tomorrow at eight by default', () => {
    expect(localDateTime(tomorrowMorning(now))).toBe('2026-11-25T08:00')
  })

  it('stands as the family sees it', () => {
    const due = new Date(2026, 10, 25, 8, 0).toISOString()
    const past = new Date(2026, 10, 24, 8, 0).toISOString()
    expect(childStanding({ state: null, late: false, dueAt: due }, now)).toBe('TODO')
    expect(childStanding({ state: null, late: false, dueAt: past }, now)).toBe('MISSING')
    expect(childStanding({ state: 'SUBMITTED', late: true, dueAt: past }, now)).toBe('LATE')
    expect(childStanding({ state: 'SUBMITTED', late: false, dueAt: due }, now)).toBe('SUBMITTED')
    expect(childStanding({ state: 'RETURNED', late: false, dueAt: due }, now)).toBe('RETURNED')
    expect(childStanding({ state: 'REVIEWED', late: true, dueAt: past }, now)).toBe('REVIEWED')
  })
})
