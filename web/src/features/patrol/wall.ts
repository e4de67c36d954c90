import type { PatrolRoom } from '@/api/patrol'

/** The patrol wall's layouts: how many tiles at once (1×1, 2×2, 3×3, 4×4). */
export const LAYOUTS = [1, 4, 9, 16] as const
export type Layout = (typeof LAYOUTS)[number]

/** Columns of a layout. */
export function columnsOf(layout: Layout): number {
  return Math.sqrt(layout)
}

export function pageCount(total: number, layout: Layout): number {
  return Math.max(1, Math.ceil(total / layout))
}

/** The rooms on page `page` (0-based; out-of-range pages wrap around). */
export function pageOf<T>(rooms: readonly T[], layout: Layout, page: number): T[] {
  const pages = pageCount(rooms.length, layout)
  const p = ((page % pages) + pages) % pages
  return rooms.slice(p * layout, p * layout + layout)
}

/** The page after `page`, back to the first after the last. */
export function nextPage(page: number, total: number, layout: Layout): number {
  return (page + 1) % pageCount(total, layout)
}

export interface Option {
  id: number
  name: string
}

/** The filter choices the rooms offer: schools, buildings, grades and subjects (of the lessons now), by name. */
export function optionsOf(rooms: readonly PatrolRoom[]): Record<'schools' | 'buildings' | 'grades' | 'subjects', Option[]> {
  const collect = (pick: (r: PatrolRoom) => Option | null): Option[] => {
    const seen = new Map<number, Option>()
    rooms.forEach((r) => {
      const o = pick(r)
      if (o && !seen.has(o.id)) seen.set(o.id, o)
    })
    return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
  }
  return {
    schools: collect((r) => ({ id: r.schoolId, name: r.schoolName })),
    buildings: collect((r) => ({ id: r.buildingId, name: `${r.schoolName} · ${r.buildingName}` })),
    grades: collect((r) => (r.lesson ? { id: r.lesson.gradeId, name: `${r.schoolName} · ${r.lesson.gradeName}` } : null)),
    subjects: collect((r) => (r.lesson ? { id: r.lesson.subjectId, name: r.lesson.subjectName } : null)),
  }
}
