import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { AxiosError, AxiosHeaders } from 'axios'
import type { Me } from '@/api/types'
import { useSessionStore } from './session'

vi.mock('@/api/auth', () => ({
  fetchMe: vi.fn(),
  login: vi.fn(),
  logout: vi.fn(),
}))

const auth = await import('@/api/auth')

const principal: Me = {
  id: 7,
  username: 'principal1',
  displayName: '李校长',
  schoolId: 1,
  schoolName: '第一中学',
  roles: ['PRINCIPAL'],
  permissions: ['ORGANIZATION_VIEW', 'AUDIT_VIEW'],
  mustChangePassword: false,
}

function unauthenticated(): AxiosError {
  const headers = new AxiosHeaders()
  return new AxiosError('401', 'ERR_BAD_REQUEST', { headers }, null, {
    status: 401,
    statusText: 'Unauthorized',
    headers: {},
    config: { headers },
    data: { type: 'https://ketang.dev/problems/unauthenticated', status: 401 },
  })
}

describe('session store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.mocked(auth.fetchMe).mockReset()
    vi.mocked(auth.login).mockReset()
  })

  it('grants only the permissions the server listed', async () => {
    vi.mocked(auth.fetchMe).mockResolvedValue(principal)
    const session = useSessionStore()
    await session.load()
    expect(session.can('AUDIT_VIEW')).toBe(true)
    expect(session.can('ROLES_MANAGE')).toBe(false)
    expect(session.hasRole('PRINCIPAL')).toBe(true)
    expect(session.hasRole('TEACHER')).toBe(false)
  })

  it('grants nothing when nobody is signed in', async () => {
    vi.mocked(auth.fetchMe).mockRejectedValue(unauthenticated())
    const session = useSessionStore()
    expect(await session.load()).toBeNull()
    expect(session.loaded).toBe(true)
    expect(session.can('ORGANIZATION_VIEW')).toBe(false)
  })

  it('keeps the user from the login answer and forgets them on logout', async () => {
    vi.mocked(auth.login).mockResolvedValue({ token: 'ignored', expiresAt: '2026-11-25T00:00:00Z', user: principal })
    const session = useSessionStore()
    await session.login('principal1', 'ketang2026')
    expect(auth.login).toHaveBeenCalledWith({ username: 'principal1', password: 'ketang2026' })
    expect(session.me?.displayName).toBe('李校长')
    await session.logout()
    expect(session.signedIn).toBe(false)
    expect(session.can('AUDIT_VIEW')).toBe(false)
  })

  it('asks the server only once', async () => {
    vi.mocked(auth.fetchMe).mockResolvedValue(principal)
    const session = useSessionStore()
    await session.load()
    await session.load()
    expect(auth.fetchMe).toHaveBeenCalledTimes(1)
  })
})
