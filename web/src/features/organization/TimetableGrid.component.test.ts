import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import type { Timetable } from '@/api/types'
import zhCN from '@/i18n/zh-CN'
import TimetableGrid from './TimetableGrid.vue'

const timetable: Timetable = {
  title: '七年级1班',
  term: { id: 1, name: '2026秋季学期', startDate: '2026-09-01', endDate: '2027-01-20', current: true },
  periods: [
    { no: 1, start: '08:00', end: '08:45' },
    { no: 2, start: '08:55', end: '09:40' },
  ],
  entries: [
    { weekday: 1, period: 1, subject: '数学', teacher: '王芳', classroom: '录播教室1', classFullName: '七年级1班' },
    { weekday: 5, period: 2, subject: '英语', teacher: '李明', classroom: null, classFullName: '七年级1班' },
  ],
}

function render(t: Timetable) {
  const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN } })
  return mount(TimetableGrid, { props: { timetable: t }, global: { plugins: [i18n] } })
}

describe('TimetableGrid', () => {
  it('shows subject, teacher and classroom in the cell of the lesson', () => {
    const cell = render(timetable).get('[data-testid="tt-cell-1-1"]')
    expect(cell.text()).toContain('数学')
    expect(cell.text()).toContain('王芳')
    expect(cell.text()).toContain('录播教室1')
  })

  it('labels periods with their times and weekdays in Chinese', () => {
    const wrapper = render(timetable)
    expect(wrapper.get('[data-testid="timetable-grid"] tbody tr').text()).toContain('08:00–08:45')
    expect(wrapper.get('[data-testid="tt-day-1"]').text()).toBe('周一')
  })

  it('has no weekend columns for a Monday-to-Friday week', () => {
    const wrapper = render(timetable)
    expect(wrapper.find('[data-testid="tt-day-6"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="tt-cell-6-1"]').exists()).toBe(false)
    expect(wrapper.findAll('thead th')).toHaveLength(6)
  })

  it('adds Saturday when a lesson falls on it', () => {
    const withSaturday: Timetable = {
      ...timetable,
      entries: [...timetable.entries, { weekday: 6, period: 1, subject: '兴趣', teacher: '赵', classroom: null, classFullName: '七年级1班' }],
    }
    const wrapper = render(withSaturday)
    expect(wrapper.get('[data-testid="tt-day-6"]').text()).toBe('周六')
    expect(wrapper.get('[data-testid="tt-cell-6-1"]').text()).toContain('兴趣')
  })
})
