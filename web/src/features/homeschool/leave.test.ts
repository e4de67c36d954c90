import { describe, expect, it } from 'vitest'
import { isoDate, parsePeriods } from './leave'

describe('leave form', () => {
  it('reads periods written in any common way', () => {
    expect(parsePeriods('')).toBeNull()
    expect(parsePeriods(' 3，1、2 2 ')).toEqual([1, 2, 3])
    expect(parsePeriods('1-2')).toBe('invalid')
    expect(parsePeriods('0')).toBe('invalid')
  })

  it('writes local dates', () => {
    expect(isoDate(new Date(2026, 0, 5))).toBe('2026-01-05')
  })
})
