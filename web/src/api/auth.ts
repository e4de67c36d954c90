import { http } from './http'
import type { ChangePasswordRequest, LoginRequest, LoginResponse, Me } from './types'

export async function login(request: LoginRequest): Promise<LoginResponse> {
  return (await http.post<LoginResponse>('/auth/login', request)).data
}

export async function logout(): Promise<void> {
  await http.post('/auth/logout')
}

/** The signed-in user; rejects with 401 when there is no session. Also sets the CSRF cookie. */
export async function fetchMe(): Promise<Me> {
  return (await http.get<Me>('/auth/me')).data
}

export async function changePassword(request: ChangePasswordRequest): Promise<void> {
  await http.post('/auth/password', request)
}
