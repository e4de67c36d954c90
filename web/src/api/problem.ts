import { isAxiosError } from 'axios'

/** A row the server rejected in an import file (422 `import-rejected`). */
export interface ImportRowError {
  row: number
  message: string
  messageEn?: string
}

/** A field the server rejected (400 `validation`). */
export interface FieldError {
  field: string
  message: string
}

/** An RFC 9457 problem detail as the Ketang server sends it; extra fields depend on `type`. */
export interface Problem {
  type: string
  title?: string
  status: number
  detail?: string
  detailEn?: string
  retryAfterSeconds?: number
  errors?: Array<ImportRowError | FieldError>
}

export type Lang = 'zh-CN' | 'en'

const PROBLEM_BASE = 'https://ketang.dev/problems/'

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The problem detail carried by a failed request, or null when the answer was not one (network error, HTML). */
export function problemOf(error: unknown): Problem | null {
  if (!isAxiosError(error) || !error.response) return null
  const data: unknown = error.response.data
  if (!isRecord(data) || typeof data.type !== 'string') return null
  return {
    ...(data as Partial<Problem>),
    type: data.type,
    status: typeof data.status === 'number' ? data.status : error.response.status,
  }
}

/** The short slug of a problem type, e.g. `bad-credentials`. */
export function problemSlug(problem: Problem): string {
  return problem.type.startsWith(PROBLEM_BASE) ? problem.type.slice(PROBLEM_BASE.length) : problem.type
}

/** The row errors of a rejected import (422 `import-rejected`), empty for any other failure. */
export function importErrorsOf(error: unknown): ImportRowError[] {
  const problem = problemOf(error)
  if (!problem || problem.status !== 422 || !Array.isArray(problem.errors)) return []
  return problem.errors.filter((e): e is ImportRowError => isRecord(e) && typeof e.row === 'number')
}

/** The message of an import row error in the chosen language. */
export function rowMessage(error: ImportRowError, lang: Lang): string {
  return lang === 'en' && error.messageEn ? error.messageEn : error.message
}

/**
 * The human message for a failed request in the chosen language: the server's `detail` (Chinese) or
 * `detailEn` (English), falling back to the other language, then the title, then `fallback`.
 */
export function errorMessage(error: unknown, lang: Lang, fallback: string): string {
  const problem = problemOf(error)
  if (problem) {
    const preferred = lang === 'en' ? problem.detailEn : problem.detail
    const other = lang === 'en' ? problem.detail : problem.detailEn
    const message = preferred || other || problem.title
    if (message) return message
  }
  return fallback
}
