/**
 * The display page's side of `/api/display/v1`: pairing, the clock, its state, the event stream (server-sent
 * events read with `fetch`, because `EventSource` cannot send the device token) and reports. No cookies, no
 * CSRF: a display signs in with its own bearer token, kept in localStorage across reboots.
 */
import type { DisplayState, PushView, Item } from './schedule'
import { clockOffset } from './schedule'

const BASE = '/api/display/v1'
export const TOKEN_KEY = 'ketang.display.token'
export const STATE_KEY = 'ketang.display.state'
export const REPORTS_KEY = 'ketang.display.reports'

export class Unauthorized extends Error {}

function headers(): Record<string, string> {
  const token = localStorage.getItem(TOKEN_KEY)
  return token ? { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } : { 'Content-Type': 'application/json' }
}

async function json<T>(response: Response): Promise<T> {
  if (response.status === 401 || response.status === 403) throw new Unauthorized(String(response.status))
  if (!response.ok) throw new Error(`HTTP ${response.status}`)
  return (await response.json()) as T
}

export interface Opened {
  code: string
  secret: string
  expiresAt: string
}

export interface PollAnswer {
  status: 'waiting' | 'paired'
  token?: string
  classroomName?: string
  schoolName?: string
}

export async function openPairing(): Promise<Opened> {
  return json(await fetch(`${BASE}/pairings`, { method: 'POST', headers: headers() }))
}

/** Null when the code expired (ask for a new one). */
export async function pollPairing(secret: string): Promise<PollAnswer | null> {
  const response = await fetch(`${BASE}/pairings/poll`, { method: 'POST', headers: headers(), body: JSON.stringify({ secret }) })
  if (response.status === 410) return null
  return json(response)
}

/** Measures the offset of the server's clock from five round trips. */
export async function measureClock(): Promise<number> {
  const samples = []
  for (let i = 0; i < 5; i++) {
    const sentMs = Date.now()
    const answer = await json<{ serverTimeMs: number }>(await fetch(`${BASE}/clock`, { cache: 'no-store' }))
    samples.push({ sentMs, receivedMs: Date.now(), serverMs: answer.serverTimeMs })
  }
  return clockOffset(samples)
}

export async function fetchState(): Promise<DisplayState> {
  return json(await fetch(`${BASE}/state`, { headers: headers(), cache: 'no-store' }))
}

export interface PlayRecord {
  contentId: number | null
  startedAtMs: number
  endedAtMs: number | null
  outcome: 'PLAYED' | 'SKIPPED' | 'ERROR'
  detail?: string
}

export interface Report {
  nowPlaying: { contentId: number | null; title: string | null; sinceMs: number | null } | null
  plays: PlayRecord[]
  errors: string[]
  clockOffsetMs: number | null
}

export async function sendReport(report: Report): Promise<void> {
  await json(await fetch(`${BASE}/reports`, { method: 'POST', headers: headers(), body: JSON.stringify(report) }))
}

export type DisplayEvent =
  | { type: 'hello'; state: DisplayState }
  | { type: 'push'; push: PushView; items: Record<string, Item> }
  | { type: 'cancel'; pushId: number }
  | { type: 'refresh' }

/**
 * Reads the event stream until it ends or fails; resolves when the stream closes (the caller reconnects).
 * The first event is always `hello` with the whole state, so a reconnect catches up on what it missed.
 */
export async function readEvents(onEvent: (e: DisplayEvent) => void, signal: AbortSignal): Promise<void> {
  const response = await fetch(`${BASE}/events`, { headers: { ...headers(), Accept: 'text/event-stream' }, cache: 'no-store', signal })
  if (response.status === 401 || response.status === 403) throw new Unauthorized(String(response.status))
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`)
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) return
    buffer += value
    let end: number
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      let name = 'message'
      const data: string[] = []
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim()
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''))
      }
      if (data.length === 0) continue
      const payload = JSON.parse(data.join('\n'))
      if (name === 'hello') onEvent({ type: 'hello', state: payload })
      else if (name === 'push') onEvent({ type: 'push', push: payload.push, items: payload.items })
      else if (name === 'cancel') onEvent({ type: 'cancel', pushId: payload.pushId })
      else if (name === 'refresh') onEvent({ type: 'refresh' })
    }
  }
}
