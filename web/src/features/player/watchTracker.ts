/**
 * Counts the seconds actually watched from the video's `timeupdate` positions: only small forward steps count
 * (a seek is not watching), and faster playback counts the video time, as the server's statistics expect.
 */
export class WatchTracker {
  private last: number | null = null
  private watched = 0

  /** Called on every `timeupdate` while playing. */
  tick(position: number): void {
    if (this.last !== null) {
      const step = position - this.last
      if (step > 0 && step < 3) this.watched += step
    }
    this.last = position
  }

  /** After a pause or seek: the next tick starts a new run. */
  interrupt(): void {
    this.last = null
  }

  /** The whole seconds watched since the last call (at most 3600, the server's limit); the rest is kept. */
  take(): number {
    const whole = Math.min(3600, Math.floor(this.watched))
    this.watched -= whole
    return whole
  }
}

/** Where to start: the saved position unless it is near the end (then from the start). */
export function startPosition(resumeAt: number | null, duration: number | null): number {
  if (!resumeAt || resumeAt < 5) return 0
  if (duration && resumeAt > duration - 10) return 0
  return resumeAt
}
