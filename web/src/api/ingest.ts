import type { DetailedError, HttpRequest, UploadOptions } from 'tus-js-client'
import { http } from './http'
import type { Problem } from './problem'

// Types and helpers of the platform's `ingest` module: tus 1.0 uploads at /api/v1/uploads (docs/uploads.md).

export const UPLOADS_ENDPOINT = '/api/v1/uploads'

export type UploadState = 'RECEIVING' | 'COMPLETED' | 'REJECTED' | 'EXPIRED'

export interface UploadError {
  /** e.g. `no-video-stream`, `not-media`, `checksum-mismatch`. */
  code: string
  detail: string
  detailEn: string
}

/** One upload as GET /uploads lists it. */
export interface UploadView {
  id: string
  filename: string
  filetype: string | null
  state: UploadState
  offset: number
  length: number
  sha256: string | null
  metadata: Record<string, string>
  error: UploadError | null
  createdAt: string
  expiresAt: string | null
  ownerUserId: number
}

/** What the uploader may tell about a lesson file; blanks are left to the server's timetable classification. */
export interface LessonUploadFields {
  title?: string
  subjectId?: number | null
  gradeId?: number | null
  classId?: number | null
  /** ISO date. */
  recordedOn?: string | null
  period?: number | null
}

export async function fetchMyUploads(): Promise<UploadView[]> {
  return (await http.get<UploadView[]>('/uploads')).data
}

export async function fetchUpload(id: string): Promise<UploadView> {
  return (await http.get<UploadView>(`/uploads/${encodeURIComponent(id)}`)).data
}

/** The upload id at the end of a tus upload URL (`…/api/v1/uploads/{id}`). */
export function uploadIdOf(url: string | null): string | null {
  if (!url) return null
  const match = /\/uploads\/([^/?#]+)/.exec(url)
  return match ? decodeURIComponent(match[1]) : null
}

/** The value of a cookie, or null. */
export function readCookie(name: string, cookies: string = typeof document === 'undefined' ? '' : document.cookie): string | null {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim())
  }
  return null
}

export function xsrfToken(): string | null {
  return readCookie('XSRF-TOKEN')
}

/**
 * The `Upload-Metadata` pairs of a lesson upload. Empty fields are left out (the server then classifies from
 * the timetable); numbers become decimal strings. tus-js-client base64-encodes the values as UTF-8.
 */
export function lessonMetadata(file: Pick<File, 'name' | 'type'>, sha256: string | null, fields: LessonUploadFields): Record<string, string> {
  const metadata: Record<string, string> = { filename: file.name, filetype: file.type || 'application/octet-stream', purpose: 'lesson' }
  if (sha256) metadata.sha256 = sha256
  const title = fields.title?.trim()
  if (title) metadata.title = title
  const numbers: Array<[string, number | null | undefined]> = [
    ['subjectId', fields.subjectId],
    ['gradeId', fields.gradeId],
    ['classId', fields.classId],
    ['period', fields.period],
  ]
  for (const [key, value] of numbers) if (typeof value === 'number' && Number.isFinite(value)) metadata[key] = String(value)
  if (fields.recordedOn) metadata.recordedOn = fields.recordedOn
  return metadata
}

/** Encodes metadata as tus does (`key base64(utf-8 value)`, comma-separated); for checks and scripts. */
export function encodeTusMetadata(metadata: Record<string, string>): string {
  return Object.entries(metadata)
    .map(([key, value]) => {
      const bytes = new TextEncoder().encode(value)
      let binary = ''
      for (const b of bytes) binary += String.fromCharCode(b)
      return `${key} ${btoa(binary)}`
    })
    .join(',')
}

export interface TusCallbacks {
  onProgress: (bytesSent: number, bytesTotal: number) => void
  onSuccess: () => void
  onError: (error: Error) => void
  onUploadUrlAvailable?: () => void
}

/** 50 MiB per PATCH: a dropped connection loses little, and the server saves the offset at every chunk anyway. */
export const CHUNK_SIZE = 50 * 1024 * 1024

export const XSRF_HEADER = 'X-XSRF-TOKEN'

/**
 * The tus-js-client options of a lesson upload: the session cookie plus the CSRF header on every request,
 * fingerprints in localStorage so a reloaded page can resume, retries for network errors, 409 and 423
 * (tus-js-client's default rule).
 *
 * The CSRF header is a getter in `headers`, so each request carries the cookie's value of that moment (Spring
 * may rotate it); `onBeforeRequest` adds it only when missing. Setting it in both places would make the
 * browser send "a, a" (XMLHttpRequest appends repeated headers) and the server would refuse the token.
 */
export function tusOptions(metadata: Record<string, string>, callbacks: TusCallbacks, readToken: () => string | null = xsrfToken): UploadOptions {
  const headers: Record<string, string> = {}
  Object.defineProperty(headers, XSRF_HEADER, { enumerable: true, get: () => readToken() ?? '' })
  return {
    endpoint: UPLOADS_ENDPOINT,
    metadata,
    headers,
    chunkSize: CHUNK_SIZE,
    retryDelays: [0, 1000, 3000, 5000, 10000, 20000],
    storeFingerprintForResuming: true,
    removeFingerprintOnSuccess: true,
    onBeforeRequest: (request: HttpRequest) => {
      const token = readToken()
      if (token && !request.getHeader(XSRF_HEADER)) request.setHeader(XSRF_HEADER, token)
      const xhr: unknown = request.getUnderlyingObject()
      if (typeof XMLHttpRequest !== 'undefined' && xhr instanceof XMLHttpRequest) xhr.withCredentials = true
    },
    onProgress: callbacks.onProgress,
    onSuccess: () => callbacks.onSuccess(),
    onError: callbacks.onError,
    onUploadUrlAvailable: callbacks.onUploadUrlAvailable ?? null,
  }
}

function isDetailedError(error: Error): error is DetailedError {
  return 'originalResponse' in error
}

/** The HTTP status of a failed tus request, or null for a network error. */
export function tusStatus(error: Error): number | null {
  if (!isDetailedError(error) || !error.originalResponse) return null
  return error.originalResponse.getStatus()
}

/** The problem detail (e.g. the 422 `upload-rejected` of the final PATCH) carried by a failed tus request. */
export function tusProblem(error: Error): Problem | null {
  if (!isDetailedError(error) || !error.originalResponse) return null
  const response = error.originalResponse
  let body: unknown
  try {
    body = JSON.parse(response.getBody())
  } catch {
    return null
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null
  const data = body as Record<string, unknown>
  if (typeof data.type !== 'string') return null
  return {
    type: data.type,
    title: typeof data.title === 'string' ? data.title : undefined,
    status: typeof data.status === 'number' ? data.status : response.getStatus(),
    detail: typeof data.detail === 'string' ? data.detail : undefined,
    detailEn: typeof data.detailEn === 'string' ? data.detailEn : undefined,
  }
}
