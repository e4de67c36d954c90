import { http } from './http'
import type { Account, PermissionInfo, Role, RoleCode, RoleRequest } from './types'

export async function fetchPermissions(): Promise<PermissionInfo[]> {
  return (await http.get<PermissionInfo[]>('/permissions')).data
}

export async function fetchRoles(): Promise<Role[]> {
  return (await http.get<Role[]>('/roles')).data
}

export async function createRole(request: RoleRequest): Promise<Role> {
  return (await http.post<Role>('/roles', request)).data
}

export async function updateRole(code: RoleCode, request: RoleRequest): Promise<Role> {
  return (await http.put<Role>(`/roles/${encodeURIComponent(code)}`, request)).data
}

export async function deleteRole(code: RoleCode): Promise<void> {
  await http.delete(`/roles/${encodeURIComponent(code)}`)
}

export async function fetchUsers(query: { schoolId?: number; q?: string } = {}): Promise<Account[]> {
  return (await http.get<Account[]>('/users', { params: query })).data
}

export async function setUserRoles(userId: number, roles: RoleCode[]): Promise<Account> {
  return (await http.put<Account>(`/users/${userId}/roles`, { roles })).data
}
