import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import ElementPlus from 'element-plus'
import { AxiosError, AxiosHeaders } from 'axios'
import zhCN from '@/i18n/zh-CN'
import ImportForm from './ImportForm.vue'

function rejected(): AxiosError {
  const headers = new AxiosHeaders()
  return new AxiosError('422', 'ERR_BAD_REQUEST', { headers }, null, {
    status: 422,
    statusText: '',
    headers: {},
    config: { headers },
    data: {
      type: 'https://ketang.dev/problems/import-rejected',
      status: 422,
      detail: '导入被拒绝',
      errors: [{ row: 4, message: '未知班级：九年级9班', messageEn: 'Unknown class: 九年级9班' }],
    },
  })
}

function render(upload: (file: File, dryRun: boolean) => Promise<string>) {
  const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN } })
  return mount(ImportForm, {
    props: { testidPrefix: 'timetable-import', hint: '', upload },
    global: { plugins: [i18n, ElementPlus] },
    attachTo: document.body,
  })
}

async function chooseFileAndSubmit(wrapper: ReturnType<typeof render>): Promise<void> {
  const input = wrapper.get('[data-testid="timetable-import-file"]').element as HTMLInputElement
  Object.defineProperty(input, 'files', { value: [new File(['班级,星期\n'], 'tt.csv', { type: 'text/csv' })] })
  await wrapper.get('[data-testid="timetable-import-submit"]').trigger('click')
  await flushPromises()
}

describe('ImportForm', () => {
  it('shows the success message of the upload', async () => {
    const upload = vi.fn().mockResolvedValue('导入 12 条')
    const wrapper = render(upload)
    await chooseFileAndSubmit(wrapper)
    expect(upload).toHaveBeenCalledWith(expect.any(File), false)
    expect(wrapper.get('[data-testid="timetable-import-result"]').text()).toContain('导入 12 条')
    expect(wrapper.find('[data-testid="import-errors"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('lists the rejected rows of a 422 answer', async () => {
    const wrapper = render(vi.fn().mockRejectedValue(rejected()))
    await chooseFileAndSubmit(wrapper)
    expect(wrapper.find('[data-testid="timetable-import-result"]').exists()).toBe(false)
    const table = wrapper.get('[data-testid="import-errors"]')
    expect(table.text()).toContain('未知班级：九年级9班')
    expect(table.text()).toContain('4')
    wrapper.unmount()
  })

  it('asks for a file before uploading', async () => {
    const upload = vi.fn()
    const wrapper = render(upload)
    await wrapper.get('[data-testid="timetable-import-submit"]').trigger('click')
    await flushPromises()
    expect(upload).not.toHaveBeenCalled()
    expect(wrapper.get('[data-testid="timetable-import-error"]').text()).toContain('请先选择文件')
    wrapper.unmount()
  })
})
