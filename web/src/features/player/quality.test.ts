import { describe, expect, it } from 'vitest'
import { autoLabel, qualityOptions } from './quality'

describe('quality levels', () => {
  it('lists automatic first, then the renditions highest first', () => {
    const options = qualityOptions(
      [
        { height: 360, bitrate: 800_000 },
        { height: 1080, bitrate: 5_000_000 },
        { height: 720, bitrate: 2_800_000 },
      ],
      '自动',
    )
    expect(options).toEqual([
      { value: -1, label: '自动' },
      { value: 1, label: '1080p' },
      { value: 2, label: '720p' },
      { value: 0, label: '360p' },
    ])
  })

  it('tells renditions of the same height apart by bitrate', () => {
    const labels = qualityOptions(
      [
        { height: 720, bitrate: 1_500_000 },
        { height: 720, bitrate: 3_000_000 },
        { height: 0, bitrate: 96_000 },
      ],
      'Auto',
    ).map((o) => o.label)
    expect(labels).toEqual(['Auto', '720p · 3.0 Mbps', '720p · 1.5 Mbps', '96 kbps'])
  })

  it('names the rendition automatic mode is playing', () => {
    expect(autoLabel('Auto', { height: 480, bitrate: 1 })).toBe('Auto (480p)')
    expect(autoLabel('Auto', undefined)).toBe('Auto')
  })
})
