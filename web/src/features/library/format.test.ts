import { describe, expect, it } from 'vitest'
import { formatBytes, formatCount, formatDuration, formatSpeed, percentOf } from './format'

describe('durations', () => {
  it('shows minutes and seconds under an hour', () => {
    expect(formatDuration(0)).toBe('0:00')
    expect(formatDuration(65)).toBe('1:05')
    expect(formatDuration(2699.9)).toBe('44:59')
  })

  it('shows hours with padded minutes', () => {
    expect(formatDuration(3725)).toBe('1:02:05')
  })

  it('shows a placeholder when unknown', () => {
    expect(formatDuration(null)).toBe('--:--')
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('--:--')
  })
})

describe('sizes and speeds', () => {
  it('uses binary units', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(1536)).toBe('1.5 KB')
    expect(formatBytes(3 * 1024 * 1024 * 1024)).toBe('3.0 GB')
  })

  it('formats a rate per second', () => {
    expect(formatSpeed(2.5 * 1024 * 1024)).toBe('2.5 MB/s')
  })
})

describe('percent', () => {
  it('rounds down and stays within 0–100', () => {
    expect(percentOf(999, 1000)).toBe(99)
    expect(percentOf(1000, 1000)).toBe(100)
    expect(percentOf(5, 0)).toBe(0)
  })

  it('shortens large counts per language', () => {
    expect(formatCount(9999, 'zh-CN')).toBe('9999')
    expect(formatCount(12345, 'zh-CN')).toBe('1.2万')
    expect(formatCount(12345, 'en')).toBe('12.3k')
  })
})
