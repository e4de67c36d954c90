import { describe, expect, it } from 'vitest'
import { WatchTracker, startPosition } from './watchTracker'

describe('watch time', () => {
  it('counts steady playback', () => {
    const tracker = new WatchTracker()
    for (let t = 0; t <= 12; t += 0.25) tracker.tick(t)
    expect(tracker.take()).toBe(12)
    expect(tracker.take()).toBe(0)
  })

  it('does not count a seek', () => {
    const tracker = new WatchTracker()
    tracker.tick(0)
    tracker.tick(1)
    tracker.tick(500)
    tracker.tick(501)
    expect(tracker.take()).toBe(2)
  })

  it('keeps the fraction for the next report', () => {
    const tracker = new WatchTracker()
    tracker.tick(0)
    tracker.tick(1.5)
    expect(tracker.take()).toBe(1)
    tracker.tick(2)
    expect(tracker.take()).toBe(1)
  })

  it('starts a new run after an interruption', () => {
    const tracker = new WatchTracker()
    tracker.tick(0)
    tracker.tick(2)
    tracker.interrupt()
    tracker.tick(2.5)
    expect(tracker.take()).toBe(2)
  })
})

describe('resume position', () => {
  it('resumes where the viewer left off', () => {
    expect(startPosition(120, 2700)).toBe(120)
  })

  it('starts over near the start or the end', () => {
    expect(startPosition(null, 2700)).toBe(0)
    expect(startPosition(3, 2700)).toBe(0)
    expect(startPosition(2695, 2700)).toBe(0)
  })
})
