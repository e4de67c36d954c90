/**
 * Upload speed and time left from progress samples, averaged over a sliding window so one slow or fast chunk
 * does not make the numbers jump.
 */
export class SpeedMeter {
  private samples: Array<{ at: number; bytes: number }> = []

  constructor(private readonly windowMs = 5000) {}

  /** Records that `bytes` had been sent at `at` (ms). */
  sample(bytes: number, at: number): void {
    const last = this.samples[this.samples.length - 1]
    if (last && bytes < last.bytes) this.samples = [] // restarted from an earlier offset
    this.samples.push({ at, bytes })
    while (this.samples.length > 2 && at - this.samples[0].at > this.windowMs) this.samples.shift()
  }

  /** Forgets the samples (after a pause, so the idle time does not lower the speed). */
  reset(): void {
    this.samples = []
  }

  /** Bytes per second over the window, 0 until two samples at least 200 ms apart. */
  speed(): number {
    const first = this.samples[0]
    const last = this.samples[this.samples.length - 1]
    if (!first || !last || last.at - first.at < 200) return 0
    return ((last.bytes - first.bytes) * 1000) / (last.at - first.at)
  }

  /** Seconds left for `total` bytes at the current speed, null when unknown. */
  secondsLeft(total: number): number | null {
    const last = this.samples[this.samples.length - 1]
    const speed = this.speed()
    if (!last || speed <= 0) return null
    return Math.max(0, Math.ceil((total - last.bytes) / speed))
  }
}
