import { describe, expect, it } from 'vitest'
import { SpeedMeter } from './speedMeter'

describe('upload speed and time left', () => {
  it('is unknown before enough samples', () => {
    const meter = new SpeedMeter()
    meter.sample(0, 0)
    expect(meter.speed()).toBe(0)
    expect(meter.secondsLeft(1000)).toBeNull()
  })

  it('averages over the window', () => {
    const meter = new SpeedMeter(5000)
    meter.sample(0, 0)
    meter.sample(1_000_000, 1000)
    meter.sample(2_000_000, 2000)
    expect(meter.speed()).toBe(1_000_000)
    expect(meter.secondsLeft(10_000_000)).toBe(8)
  })

  it('forgets samples older than the window', () => {
    const meter = new SpeedMeter(2000)
    meter.sample(0, 0)
    meter.sample(100, 1000) // slow start
    meter.sample(4_000_100, 3000)
    meter.sample(8_000_100, 5000)
    expect(meter.speed()).toBe(2_000_000)
  })

  it('starts over when the offset goes back', () => {
    const meter = new SpeedMeter()
    meter.sample(5000, 0)
    meter.sample(6000, 1000)
    meter.sample(0, 2000)
    expect(meter.speed()).toBe(0)
  })
})
