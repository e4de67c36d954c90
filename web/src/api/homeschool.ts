import { http } from './http'
import type { Child } from './types'

/** The signed-in parent's children. */
export async function fetchMyChildren(): Promise<Child[]> {
  return (await http.get<Child[]>('/me/children')).data
}
