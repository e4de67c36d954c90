/** Parses "1, 2 3" into sorted distinct periods; blank means the whole day (null); anything else is invalid. */
export function parsePeriods(text: string): number[] | null | 'invalid' {
  const parts = text.split(/[\s,，、]+/).filter((p) => p.length > 0)
  if (parts.length === 0) return null
  const numbers = parts.map((p) => (/^\d{1,2}$/.test(p) ? Number(p) : NaN))
  if (numbers.some((n) => !Number.isInteger(n) || n < 1 || n > 12)) return 'invalid'
  return [...new Set(numbers)].sort((a, b) => a - b)
}

/** yyyy-mm-dd of a local date. */
export function isoDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}
