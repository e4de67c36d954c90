/** What the player knows of one HLS rendition (a subset of hls.js `Level`). */
export interface LevelInfo {
  height: number
  width?: number
  bitrate: number
}

export interface QualityOption {
  /** The hls.js level index; -1 for automatic. */
  value: number
  label: string
}

export const AUTO_LEVEL = -1

function mbps(bitrate: number): string {
  return bitrate >= 1_000_000 ? `${(bitrate / 1_000_000).toFixed(1)} Mbps` : `${Math.round(bitrate / 1000)} kbps`
}

/**
 * The quality menu: automatic first, then the renditions highest first, labelled by height ("720p"); two
 * renditions of the same height are told apart by bitrate, and one without a height is labelled by bitrate.
 */
export function qualityOptions(levels: readonly LevelInfo[], autoLabel: string): QualityOption[] {
  const heights = new Map<number, number>()
  for (const level of levels) heights.set(level.height, (heights.get(level.height) ?? 0) + 1)
  const options = levels.map((level, index) => {
    let label: string
    if (!level.height) label = mbps(level.bitrate)
    else if ((heights.get(level.height) ?? 0) > 1) label = `${level.height}p · ${mbps(level.bitrate)}`
    else label = `${level.height}p`
    return { value: index, label, height: level.height, bitrate: level.bitrate }
  })
  options.sort((a, b) => b.height - a.height || b.bitrate - a.bitrate)
  return [{ value: AUTO_LEVEL, label: autoLabel }, ...options.map(({ value, label }) => ({ value, label }))]
}

/** "Auto (480p)": the automatic choice with the rendition playing now. */
export function autoLabel(base: string, current: LevelInfo | undefined): string {
  return current && current.height ? `${base} (${current.height}p)` : base
}

export const SPEEDS: readonly number[] = [0.75, 1, 1.25, 1.5, 2]
