import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import { createPinia, setActivePinia } from 'pinia'
import ElementPlus from 'element-plus'
import { AxiosError, AxiosHeaders } from 'axios'
import zhCN from '@/i18n/zh-CN'
import type { RecorderRoom } from '@/api/devices'
import { useSessionStore } from '@/stores/session'
import BookingsPanel from './BookingsPanel.vue'

const api = vi.hoisted(() => ({
  fetchBookings: vi.fn(),
  createBooking: vi.fn(),
  cancelBooking: vi.fn(),
}))
vi.mock('@/api/devices', () => api)

const room: RecorderRoom = {
  classroomId: 7, classroomName: '录播教室1', buildingName: '综合楼', schoolId: 1, schoolName: '第一中学',
  autoRecord: true, liveByDefault: false, recorder: null,
}

function conflict(): AxiosError {
  const headers = new AxiosHeaders()
  return new AxiosError('409', 'ERR_BAD_REQUEST', { headers }, null, {
    status: 409, statusText: '', headers: {}, config: { headers },
    data: {
      type: 'https://ketang.dev/problems/booking-conflict', status: 409,
      detail: '与课表中自动录制的课冲突：七年级1班 数学 第2节 王芳 11月25日 08:55–09:40。这节课会按课表自动录制，无需预约',
      detailEn: 'Clashes with a timetable lesson',
      conflict: { kind: 'timetable', uid: 'tt-7-20261125-2', title: '七年级1班 数学 第2节 王芳', start: '2026-11-25T00:55:00Z', end: '2026-11-25T01:40:00Z' },
    },
  })
}

function render() {
  setActivePinia(createPinia())
  const session = useSessionStore()
  session.me = {
    id: 5, username: 'sadmin1', displayName: '第一中学管理员', schoolId: 1, schoolName: '第一中学', roles: ['SCHOOL_ADMIN'],
    permissions: ['DEVICE_VIEW', 'DEVICE_CONTROL'], mustChangePassword: false,
  }
  const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN } })
  return mount(BookingsPanel, { props: { rooms: [room], schoolId: 1 }, global: { plugins: [i18n, ElementPlus] }, attachTo: document.body })
}

afterEach(() => vi.resetAllMocks())

// Element Plus mounts slowly in jsdom on a busy machine: a generous timeout, the assertions decide
describe('BookingsPanel', { timeout: 30_000 }, () => {
  it('names what a refused booking clashes with', async () => {
    api.fetchBookings.mockResolvedValue([])
    api.createBooking.mockRejectedValue(conflict())
    const wrapper = render()
    await flushPromises()
    const form = (wrapper.vm as unknown as { form: Record<string, unknown> }).form
    Object.assign(form, { date: '2026-11-25', start: '09:00', end: '09:30', title: '示范课' })

    await wrapper.get('[data-testid="booking-submit"]').trigger('click')
    await flushPromises()

    expect(api.createBooking).toHaveBeenCalledWith(expect.objectContaining({ classroomId: 7, title: '示范课', live: false }))
    const error = wrapper.get('[data-testid="booking-error"]')
    expect(error.text()).toContain('这节课会按课表自动录制')
    expect(wrapper.get('[data-testid="booking-conflict"]').text()).toContain('课表课程 “七年级1班 数学 第2节 王芳”')
    wrapper.unmount()
  })

  it('asks for the missing fields before sending anything', async () => {
    api.fetchBookings.mockResolvedValue([])
    const wrapper = render()
    await flushPromises()
    await wrapper.get('[data-testid="booking-submit"]').trigger('click')
    await flushPromises()
    expect(api.createBooking).not.toHaveBeenCalled()
    expect(wrapper.get('[data-testid="booking-error"]').text()).toContain('请填写教室、日期、开始和结束时间')
    wrapper.unmount()
  })

  it('lists upcoming bookings with a cancel button for those the user may cancel', async () => {
    api.fetchBookings.mockResolvedValue([
      { id: 3, classroomId: 7, schoolId: 1, start: '2026-11-25T11:00:00Z', end: '2026-11-25T12:00:00Z', title: '教研活动', live: true,
        createdBy: 9, createdByName: '王芳', createdAt: '2026-11-24T00:00:00Z', cancelledAt: null },
    ])
    const wrapper = render()
    await flushPromises()
    const table = wrapper.get('[data-testid="bookings-table"]')
    expect(table.text()).toContain('教研活动')
    expect(table.text()).toContain('录播教室1')
    expect(table.text()).toContain('王芳')
    expect(wrapper.find('[data-testid="booking-cancel-3"]').exists()).toBe(true)
    wrapper.unmount()
  })
})
