import { describe, expect, it } from 'vitest'
import { toMatrixTable } from './matrix'

describe('grade × subject matrix', () => {
  it('fills missing cells with zero and adds totals', () => {
    const table = toMatrixTable({
      grades: [
        { id: 1, name: '七年级' },
        { id: 2, name: '八年级' },
      ],
      subjects: [
        { id: 10, name: '语文' },
        { id: 11, name: '数学' },
      ],
      cells: [
        { gradeId: 1, subjectId: 11, count: 4 },
        { gradeId: 2, subjectId: 10, count: 2 },
        { gradeId: 2, subjectId: 11, count: 1 },
      ],
    })
    expect(table.rows.map((r) => r.counts)).toEqual([
      [0, 4],
      [2, 1],
    ])
    expect(table.rows.map((r) => r.total)).toEqual([4, 3])
    expect(table.subjectTotals).toEqual([2, 5])
    expect(table.total).toBe(7)
  })
})
