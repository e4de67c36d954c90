import { describe, expect, it } from 'vitest'
import { cellEntry, cellText, parseSubjects, subjectsChart } from './scores'

describe('scores', () => {
  it('reads the subjects of an exam as teachers type them', () => {
    expect(parseSubjects('语文:120, 数学：120 英语')).toEqual([
      { subject: '语文', fullMark: 120 },
      { subject: '数学', fullMark: 120 },
      { subject: '英语', fullMark: 100 },
    ])
    expect(parseSubjects('语文:abc')).toBeNull()
    expect(parseSubjects('语文,语文')).toBeNull()
    expect(parseSubjects('  ')).toBeNull()
  })

  it('turns grid cells into entries: scores, absent, cleared', () => {
    expect(cellEntry(1, '数学', ' 98.5 ')).toEqual({ studentId: 1, subject: '数学', score: 98.5, absent: false })
    expect(cellEntry(1, '数学', '缺考')).toEqual({ studentId: 1, subject: '数学', score: null, absent: true })
    expect(cellEntry(1, '数学', '')).toEqual({ studentId: 1, subject: '数学', score: null, absent: false })
    expect(cellEntry(1, '数学', '九十')).toBe('invalid')
    const row = { studentId: 1, studentNo: '1', name: '张', scores: { 数学: 90 }, absent: ['语文'], total: 90, rank: 1 }
    expect(cellText(row, '数学')).toBe('90')
    expect(cellText(row, '语文')).toBe('缺考')
    expect(cellText(row, '英语')).toBe('')
  })

  it('charts subjects as percentages of their full marks', () => {
    const stats = {
      exam: {} as never,
      classId: 1,
      bands: [],
      ranking: [],
      subjects: [{ subject: '语文', fullMark: 120, statistics: { count: 2, average: 90, highest: 108, lowest: 72, passRate: 50, excellentRate: 50, distribution: [] } }],
    }
    const option = subjectsChart(stats, { average: '平均', highest: '最高' }) as { series: Array<{ data: Array<number | null> }> }
    expect(option.series[0].data).toEqual([75])
    expect(option.series[1].data).toEqual([90])
  })
})
