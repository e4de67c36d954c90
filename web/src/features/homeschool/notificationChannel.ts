/**
 * The one notification channel of the signed-in user (`/ws/notifications`, JSON messages). The browser sends
 * the session cookie with the handshake; the server checks it and the page's origin. The channel reconnects
 * by itself (growing pauses, reset once connected) and calls `onReconnect` listeners, so that pages fetch what
 * arrived while offline: the server keeps nothing for a closed channel, the database has it all.
 */

export type ChannelMessage =
  | { type: 'notice'; notice: { id: number; title: string; senderName: string; confirmRequired: boolean; sentAt: string } }
  | { type: 'reminder'; notice: { id: number; title: string; senderName: string; confirmRequired: boolean } }
  | {
      type: 'receipt'
      noticeId: number
      receipt: { userId: number; name: string; readAt: string | null; confirmedAt: string | null }
      read: number
      confirmed: number
      recipients: number
    }
  | { type: 'message'; message: import('@/api/homeschool').ChatMessage; alert: boolean }
  | { type: 'chat-state'; conversationId: number; userId: number; deliveredUpTo: number; readUpTo: number }
  | { type: 'withdrawn'; conversationId: number; messageId: number }
  | { type: 'leave'; leaveId: number; state: 'PENDING' | 'APPROVED' | 'REJECTED'; studentName: string }
  | {
      type: 'leave-approved'
      leaveId: number
      studentName: string
      classId: number
      fromDate: string
      toDate: string
      periods: number[]
    }
  | { type: 'homework'; homework: { id: number; title: string; teacherName: string; subject: string; dueAt: string } }
  | { type: 'homework-submitted'; homeworkId: number; submissionId: number; studentName: string; classId: number }
  | {
      type: 'homework-reviewed'
      homeworkId: number
      submissionId: number
      studentName: string
      state: 'SUBMITTED' | 'RETURNED' | 'REVIEWED'
      grade: string
    }
  | { type: 'scores'; examId: number; name: string }
  | { type: 'lesson-recommended'; lessonId: number; title: string; recommenderName: string }
  | { type: 'pong' }

type Listener = (message: ChannelMessage) => void

/** Pause before reconnect attempt `attempt` (0-based): 1 s, 2 s, 4 s … up to 30 s. */
export function reconnectDelay(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt))
}

/** `ws://` or `wss://` URL of the channel for a page at `location`. */
export function channelUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/notifications`
}

/** Parses one message; anything else (bad JSON, unknown shape) is `null`. */
export function parseMessage(data: unknown): ChannelMessage | null {
  if (typeof data !== 'string') return null
  try {
    const value = JSON.parse(data) as { type?: unknown }
    return value && typeof value.type === 'string' ? (value as ChannelMessage) : null
  } catch {
    return null
  }
}

export interface SocketLike {
  onopen: ((ev: unknown) => void) | null
  onmessage: ((ev: { data: unknown }) => void) | null
  onclose: ((ev: unknown) => void) | null
  close(): void
}

export class NotificationChannel {
  private socket: SocketLike | null = null
  private attempt = 0
  private timer: ReturnType<typeof setTimeout> | null = null
  private stopped = true
  private everOpened = false
  private readonly listeners = new Set<Listener>()
  private readonly reconnectListeners = new Set<() => void>()

  constructor(
    private readonly open: () => SocketLike,
    private readonly schedule: (fn: () => void, ms: number) => ReturnType<typeof setTimeout> = setTimeout,
  ) {}

  start(): void {
    if (!this.stopped) return
    this.stopped = false
    this.connect()
  }

  stop(): void {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.socket?.close()
    this.socket = null
  }

  /** Listens to every message; returns the function that stops listening. */
  on(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Called after the channel came back (not on the first connection): fetch what was missed. */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener)
    return () => this.reconnectListeners.delete(listener)
  }

  private connect(): void {
    let socket: SocketLike
    try {
      socket = this.open()
    } catch {
      this.retry()
      return
    }
    this.socket = socket
    socket.onopen = () => {
      this.attempt = 0
      if (this.everOpened) this.reconnectListeners.forEach((l) => l())
      this.everOpened = true
    }
    socket.onmessage = (event) => {
      const message = parseMessage(event.data)
      if (message) this.listeners.forEach((l) => l(message))
    }
    socket.onclose = () => {
      if (this.socket === socket) this.socket = null
      this.retry()
    }
  }

  private retry(): void {
    if (this.stopped) return
    const delay = reconnectDelay(this.attempt++)
    this.timer = this.schedule(() => {
      this.timer = null
      if (!this.stopped) this.connect()
    }, delay)
  }
}

let shared: NotificationChannel | null = null

/** The page's channel (one per tab), started on first use. */
export function notificationChannel(): NotificationChannel {
  if (!shared) {
    shared = new NotificationChannel(() => new WebSocket(channelUrl(window.location)) as unknown as SocketLike)
  }
  shared.start()
  return shared
}

/** Closes the channel (on sign-out). */
export function closeNotificationChannel(): void {
  shared?.stop()
  shared = null
}
