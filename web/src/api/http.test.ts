import { afterEach, describe, expect, it, vi } from 'vitest'
import { AxiosError, AxiosHeaders, type InternalAxiosRequestConfig } from 'axios'
import { http, whenUnauthenticated } from './http'

/** Answers every request with the given status, as the server would. */
function answerWith(status: number) {
  http.defaults.adapter = async (config: InternalAxiosRequestConfig) => {
    throw new AxiosError('failed', 'ERR_BAD_REQUEST', config, null, {
      status,
      statusText: '',
      headers: {},
      config,
      data: { type: 'https://ketang.dev/problems/unauthenticated', status },
    })
  }
}

describe('http client', () => {
  const original = http.defaults.adapter
  afterEach(() => {
    http.defaults.adapter = original
  })

  it('talks to /api/v1 with cookies and the CSRF header', () => {
    expect(http.defaults.baseURL).toBe('/api/v1')
    expect(http.defaults.withCredentials).toBe(true)
    expect(http.defaults.withXSRFToken).toBe(true)
    expect(http.defaults.xsrfCookieName).toBe('XSRF-TOKEN')
    expect(http.defaults.xsrfHeaderName).toBe('X-XSRF-TOKEN')
  })

  it('reports an ended session when a request is answered 401', async () => {
    const ended = vi.fn()
    whenUnauthenticated(ended)
    answerWith(401)
    await expect(http.get('/schools')).rejects.toBeInstanceOf(AxiosError)
    expect(ended).toHaveBeenCalledTimes(1)
  })

  it('leaves a wrong password to the login page', async () => {
    const ended = vi.fn()
    whenUnauthenticated(ended)
    answerWith(401)
    await expect(http.post('/auth/login', { username: 'a', password: 'b' })).rejects.toBeInstanceOf(AxiosError)
    await expect(http.get('/auth/me')).rejects.toBeInstanceOf(AxiosError)
    expect(ended).not.toHaveBeenCalled()
  })

  it('does not treat other failures as an ended session', async () => {
    const ended = vi.fn()
    whenUnauthenticated(ended)
    answerWith(403)
    await expect(http.get('/roles', { headers: new AxiosHeaders() })).rejects.toBeInstanceOf(AxiosError)
    expect(ended).not.toHaveBeenCalled()
  })
})
