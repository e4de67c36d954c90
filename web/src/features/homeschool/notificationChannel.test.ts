import { describe, expect, it } from 'vitest'
import { NotificationChannel, channelUrl, parseMessage, reconnectDelay, type SocketLike } from './notificationChannel'

class FakeSocket implements SocketLike {
  onopen: ((ev: unknown) => void) | null = null
  onmessage: ((ev: { data: unknown }) => void) | null = null
  onclose: ((ev: unknown) => void) | null = null
  closed = false
  close(): void {
    this.closed = true
  }
}

function harness() {
  const sockets: FakeSocket[] = []
  const pending: Array<{ fn: () => void; ms: number }> = []
  const channel = new NotificationChannel(
    () => {
      const s = new FakeSocket()
      sockets.push(s)
      return s
    },
    (fn, ms) => {
      pending.push({ fn, ms })
      return 0 as unknown as ReturnType<typeof setTimeout>
    },
  )
  return { channel, sockets, pending }
}

describe('notification channel', () => {
  it('waits longer after each failed attempt, up to 30 s', () => {
    expect([0, 1, 2, 3, 10].map(reconnectDelay)).toEqual([1000, 2000, 4000, 8000, 30000])
  })

  it('uses wss on https pages', () => {
    expect(channelUrl({ protocol: 'https:', host: 'jxt.example.cn' })).toBe('wss://jxt.example.cn/ws/notifications')
    expect(channelUrl({ protocol: 'http:', host: 'localhost:8080' })).toBe('ws://localhost:8080/ws/notifications')
  })

  it('ignores what is not a message', () => {
    expect(parseMessage('not json')).toBeNull()
    expect(parseMessage('{"no":"type"}')).toBeNull()
    expect(parseMessage(42)).toBeNull()
    expect(parseMessage('{"type":"pong"}')).toEqual({ type: 'pong' })
  })

  it('hands messages to listeners and reconnects after a drop, asking pages to catch up', () => {
    const { channel, sockets, pending } = harness()
    const got: string[] = []
    let catchUps = 0
    channel.on((m) => got.push(m.type))
    channel.onReconnect(() => catchUps++)
    channel.start()
    sockets[0].onopen?.({})
    sockets[0].onmessage?.({ data: '{"type":"notice","notice":{"id":1}}' })
    expect(got).toEqual(['notice'])
    expect(catchUps).toBe(0)

    sockets[0].onclose?.({})
    expect(pending.map((p) => p.ms)).toEqual([1000])
    pending[0].fn()
    sockets[1].onclose?.({}) // the server is still away
    expect(pending[1].ms).toBe(2000)
    pending[1].fn()
    sockets[2].onopen?.({})
    expect(catchUps).toBe(1)
    sockets[2].onclose?.({})
    expect(pending[2].ms).toBe(1000) // the pause starts over once connected
  })

  it('stays closed once stopped', () => {
    const { channel, sockets, pending } = harness()
    channel.start()
    channel.stop()
    expect(sockets[0].closed).toBe(true)
    sockets[0].onclose?.({})
    expect(pending).toHaveLength(0)
  })
})
