import { describe, expect, it } from 'vitest'
import { clockTime, lessonLine, reconnectDelay, renewIn, shortTime, tokenOf, withToken } from './liveLink'

describe('live playback links', () => {
  const url = '/live/play/live-42.7.1790000000.abc_DEF-1/index.m3u8'

  it('finds the token in the path or in a media server query', () => {
    expect(tokenOf(url)).toBe('live-42.7.1790000000.abc_DEF-1')
    expect(tokenOf('https://live.example.edu/live/42.m3u8?token=live-42.7.1.x&v=2')).toBe('live-42.7.1.x')
    expect(tokenOf('/media/play/1.2.3.x/master.m3u8')).toBeNull()
  })

  it('points segment and playlist requests at a renewed token', () => {
    expect(withToken('http://host/live/play/live-42.7.1.old/index12.ts', 'live-42.7.2.new')).toBe('http://host/live/play/live-42.7.2.new/index12.ts')
    expect(withToken(url, 'n')).toBe('/live/play/n/index.m3u8')
    expect(withToken('https://live.example.edu/live/42.m3u8?token=old&v=2', 'new')).toBe('https://live.example.edu/live/42.m3u8?token=new&v=2')
    expect(withToken('/media/play/1.2.3.x/master.m3u8', 'n')).toBe('/media/play/1.2.3.x/master.m3u8')
  })

  it('renews halfway to expiry, within bounds', () => {
    const now = Date.parse('2026-11-24T08:00:00Z')
    expect(renewIn('2026-11-24T08:10:00Z', now)).toBe(300_000)
    expect(renewIn('2026-11-24T08:00:02Z', now)).toBe(5_000)
    expect(renewIn('2026-11-24T10:00:00Z', now)).toBe(600_000)
    expect(renewIn('nonsense', now)).toBe(5_000)
  })

  it('backs off between reconnects up to ten seconds', () => {
    expect([0, 1, 2, 3, 4, 9].map(reconnectDelay)).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000])
  })

  it('shows times as a clock reads', () => {
    expect(shortTime('08:00:00')).toBe('08:00')
    expect(clockTime(null, 'zh-CN')).toBe('')
    expect(clockTime('2026-11-24T00:02:00Z', 'zh-CN')).toMatch(/^\d{2}:\d{2}$/)
  })

  it('names the lesson by class, subject and teacher', () => {
    expect(lessonLine({ className: '七年级1班', subjectName: '数学', teacherName: '王芳' })).toBe('七年级1班 · 数学 · 王芳')
    expect(lessonLine({ className: '七年级1班', subjectName: '自习', teacherName: null })).toBe('七年级1班 · 自习')
    expect(lessonLine(null)).toBe('')
  })
})
