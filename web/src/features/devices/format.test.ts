import { describe, expect, it } from 'vitest'
import { formatSpan } from './format'

describe('a time span', () => {
  it('says the day once when start and end fall on it', () => {
    const start = new Date(2026, 10, 25, 19, 0).toISOString()
    const end = new Date(2026, 10, 25, 20, 30).toISOString()
    const zh = formatSpan(start, end, 'zh-CN')
    expect(zh).toContain('19:00–20:30')
    expect(zh).toContain('25')
    expect(formatSpan(start, end, 'en')).toContain('19:00–20:30')
  })

  it('names the second day when the span runs past midnight', () => {
    const start = new Date(2026, 10, 25, 23, 0).toISOString()
    const end = new Date(2026, 10, 26, 1, 0).toISOString()
    expect(formatSpan(start, end, 'en')).toMatch(/23:00–26 Nov 01:00$/)
  })

  it('shows what it got when the times are not times', () => {
    expect(formatSpan('soon', 'later', 'en')).toBe('soon–later')
  })
})
