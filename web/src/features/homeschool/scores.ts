import type { ChartOption } from '@/features/library/charts'
import type { ClassStatistics, GridRow, ScoreEntry, SubjectMark } from '@/api/homeschool'

/** "语文:120, 数学:120 英语" → subjects with full marks (100 when none is given); null when a part is not understood. */
export function parseSubjects(text: string): SubjectMark[] | null {
  const parts = text.split(/[,，、;；\s]+/).map((p) => p.trim()).filter(Boolean)
  const subjects: SubjectMark[] = []
  for (const part of parts) {
    const match = /^([^:：]+)(?:[:：](\d+(?:\.\d)?))?$/.exec(part)
    if (!match) return null
    const fullMark = match[2] ? Number(match[2]) : 100
    if (fullMark <= 0 || subjects.some((s) => s.subject === match[1])) return null
    subjects.push({ subject: match[1], fullMark })
  }
  return subjects.length ? subjects : null
}

/** A grid cell as typed: a number, 缺考 for absent, or blank (cleared). */
export function cellEntry(studentId: number, subject: string, text: string): ScoreEntry | 'invalid' {
  const value = text.trim()
  if (value === '') return { studentId, subject, score: null, absent: false }
  if (value === '缺考' || value === '缺' || value.toLowerCase() === 'absent') return { studentId, subject, score: null, absent: true }
  const score = Number(value)
  return Number.isFinite(score) ? { studentId, subject, score, absent: false } : 'invalid'
}

/** The text a grid cell starts with. */
export function cellText(row: GridRow, subject: string): string {
  if (row.absent.includes(subject)) return '缺考'
  const score = row.scores[subject]
  return score === undefined ? '' : String(score)
}

/** Bars of each subject's class average and highest, as percentages of its full mark (subjects differ in full marks). */
export function subjectsChart(stats: ClassStatistics, labels: { average: string; highest: string }): ChartOption {
  const percent = (value: number | null, full: number) => (value === null ? null : Math.round((value / full) * 1000) / 10)
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: [labels.average, labels.highest] },
    grid: { left: 40, right: 16, bottom: 30, top: 40 },
    xAxis: { type: 'category', data: stats.subjects.map((s) => s.subject) },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      { name: labels.average, type: 'bar', data: stats.subjects.map((s) => percent(s.statistics.average, s.fullMark)) },
      { name: labels.highest, type: 'bar', data: stats.subjects.map((s) => percent(s.statistics.highest, s.fullMark)) },
    ],
  }
}

/** The distribution of one subject over the bands of its full mark. */
export function distributionChart(bands: string[], distribution: number[], name: string): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, bottom: 30, top: 24 },
    xAxis: { type: 'category', data: bands },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name, type: 'bar', data: distribution }],
  }
}
