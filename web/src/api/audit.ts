import { http } from './http'
import type { AuditPage, AuditQuery } from './types'

/** A page of audit entries, newest first. Empty filters are left out of the query. */
export async function fetchAudit(query: AuditQuery): Promise<AuditPage> {
  const params = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== ''))
  return (await http.get<AuditPage>('/audit', { params })).data
}
