import axios, { type AxiosError } from 'axios'

/**
 * The one HTTP client of the app. The web app signs in with the session cookie; the server's CSRF
 * cookie `XSRF-TOKEN` goes back as `X-XSRF-TOKEN` (withXSRFToken so axios sends it on every request).
 */
export const http = axios.create({
  baseURL: '/api/v1',
  withCredentials: true,
  withXSRFToken: true,
  xsrfCookieName: 'XSRF-TOKEN',
  xsrfHeaderName: 'X-XSRF-TOKEN',
})

/** Where the app goes when the session ended; set by the router so the API layer stays router-free. */
let onUnauthenticated: (() => void) | null = null

export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler
}

/** Requests whose 401 is an answer, not an expired session (wrong password, not signed in yet). */
const QUIET_401 = ['/auth/login', '/auth/me', '/auth/password']

http.interceptors.response.use(undefined, (error: AxiosError) => {
  const url = error.config?.url ?? ''
  if (error.response?.status === 401 && !QUIET_401.some((path) => url.endsWith(path)) && onUnauthenticated) {
    onUnauthenticated()
  }
  return Promise.reject(error)
})
