import type { LessonMatrix, Ref } from '@/api/library'

export interface MatrixRow {
  grade: Ref
  counts: number[]
  total: number
}

export interface MatrixTable {
  subjects: Ref[]
  rows: MatrixRow[]
  /** Per subject, over all grades. */
  subjectTotals: number[]
  total: number
}

/** Lays the server's grade × subject counts out as a table with row and column totals (missing cells are 0). */
export function toMatrixTable(matrix: LessonMatrix): MatrixTable {
  const counts = new Map<string, number>()
  for (const cell of matrix.cells) counts.set(`${cell.gradeId}-${cell.subjectId}`, cell.count)
  const rows = matrix.grades.map((grade) => {
    const row = matrix.subjects.map((subject) => counts.get(`${grade.id}-${subject.id}`) ?? 0)
    return { grade, counts: row, total: row.reduce((a, b) => a + b, 0) }
  })
  const subjectTotals = matrix.subjects.map((_, i) => rows.reduce((sum, row) => sum + row.counts[i], 0))
  return { subjects: matrix.subjects, rows, subjectTotals, total: subjectTotals.reduce((a, b) => a + b, 0) }
}
