import { describe, expect, it } from 'vitest'
import { AxiosError, AxiosHeaders } from 'axios'
import { errorMessage, importErrorsOf, problemSlug, rowMessage, problemOf } from './problem'

function failed(status: number, data: unknown): AxiosError {
  const headers = new AxiosHeaders()
  return new AxiosError(`status ${status}`, 'ERR_BAD_RESPONSE', { headers }, null, {
    status,
    statusText: '',
    headers: {},
    config: { headers },
    data,
  })
}

const locked = failed(423, {
  type: 'https://ketang.dev/problems/account-locked',
  title: 'Account locked',
  status: 423,
  detail: '账号已锁定，请 14 分钟后再试',
  detailEn: 'The account is locked; try again in 14 minutes',
  retryAfterSeconds: 840,
})

describe('error messages from problem details', () => {
  it('uses the Chinese detail in Chinese', () => {
    expect(errorMessage(locked, 'zh-CN', 'x')).toBe('账号已锁定，请 14 分钟后再试')
  })

  it('uses the English detail in English', () => {
    expect(errorMessage(locked, 'en', 'x')).toBe('The account is locked; try again in 14 minutes')
  })

  it('falls back to the other language, then the title', () => {
    const onlyZh = failed(401, { type: 'https://ketang.dev/problems/bad-credentials', status: 401, detail: '用户名或密码错误' })
    expect(errorMessage(onlyZh, 'en', 'x')).toBe('用户名或密码错误')
    const onlyTitle = failed(409, { type: 'https://ketang.dev/problems/conflict', status: 409, title: 'Conflict' })
    expect(errorMessage(onlyTitle, 'zh-CN', 'x')).toBe('Conflict')
  })

  it('uses the fallback when the answer is not a problem detail', () => {
    expect(errorMessage(failed(502, '<html>Bad gateway</html>'), 'zh-CN', '请求失败')).toBe('请求失败')
    expect(errorMessage(new Error('network'), 'en', 'Request failed')).toBe('Request failed')
  })

  it('reads the slug and extra fields', () => {
    const problem = problemOf(locked)
    expect(problem && problemSlug(problem)).toBe('account-locked')
    expect(problem?.retryAfterSeconds).toBe(840)
  })
})

describe('import row errors', () => {
  const rejected = failed(422, {
    type: 'https://ketang.dev/problems/import-rejected',
    status: 422,
    detail: '导入被拒绝',
    errors: [
      { row: 3, message: '未知教师：张三', messageEn: 'Unknown teacher: 张三' },
      { row: 5, message: '节次必须是 1–12' },
    ],
  })

  it('are read from a 422 answer', () => {
    const errors = importErrorsOf(rejected)
    expect(errors.map((e) => e.row)).toEqual([3, 5])
    expect(rowMessage(errors[0], 'en')).toBe('Unknown teacher: 张三')
    expect(rowMessage(errors[1], 'en')).toBe('节次必须是 1–12')
    expect(rowMessage(errors[0], 'zh-CN')).toBe('未知教师：张三')
  })

  it('are empty for validation errors, which name fields rather than rows', () => {
    const invalid = failed(400, { type: 'https://ketang.dev/problems/validation', status: 400, errors: [{ field: 'name', message: '必填' }] })
    expect(importErrorsOf(invalid)).toEqual([])
  })
})
