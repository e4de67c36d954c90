import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { i18n } from '@/i18n'
import SubjectMatrix from './SubjectMatrix.vue'

const matrix = {
  grades: [{ id: 1, name: '七年级' }],
  subjects: [
    { id: 10, name: '语文' },
    { id: 11, name: '数学' },
  ],
  cells: [{ gradeId: 1, subjectId: 11, count: 4 }],
}

function mountMatrix(gradeId: number | null, subjectId: number | null) {
  return mount(SubjectMatrix, { props: { matrix, gradeId, subjectId }, global: { plugins: [i18n] } })
}

describe('grade × subject matrix component', () => {
  it('shows a count per cell with a test id per grade and subject', () => {
    const wrapper = mountMatrix(null, null)
    expect(wrapper.get('[data-testid="matrix-cell-1-11"]').text()).toBe('4')
    expect(wrapper.get('[data-testid="matrix-cell-1-10"]').text()).toBe('0')
  })

  it('selects a grade and subject by clicking their cell', async () => {
    const wrapper = mountMatrix(null, null)
    await wrapper.get('[data-testid="matrix-cell-1-11"]').trigger('click')
    expect(wrapper.emitted('select')).toEqual([[1, 11]])
  })

  it('clears the filter when the selected cell is clicked again', async () => {
    const wrapper = mountMatrix(1, 11)
    expect(wrapper.get('[data-testid="matrix-cell-1-11"]').classes()).toContain('on')
    await wrapper.get('[data-testid="matrix-cell-1-11"]').trigger('click')
    expect(wrapper.emitted('select')).toEqual([[null, null]])
  })
})
