import type { ChatMessage, MessageState } from '@/api/homeschool'

/** Merges messages into a conversation's list: by id, oldest first, newer copies win. */
export function mergeMessages(list: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const byId = new Map(list.map((m) => [m.id, m]))
  for (const m of incoming) byId.set(m.id, m)
  return [...byId.values()].sort((a, b) => a.id - b.id)
}

/** Applies the other side's delivered/read pointers to the sender's own messages (one-to-one). */
export function applyState(list: ChatMessage[], me: number, deliveredUpTo: number, readUpTo: number): ChatMessage[] {
  const rank: Record<MessageState, number> = { SENT: 0, DELIVERED: 1, READ: 2 }
  return list.map((m) => {
    if (m.senderId !== me || m.state === null) return m
    const next: MessageState = m.id <= readUpTo ? 'READ' : m.id <= deliveredUpTo ? 'DELIVERED' : 'SENT'
    return rank[next] > rank[m.state] ? { ...m, state: next } : m
  })
}

/** Marks a message withdrawn: it keeps its place, its text goes. */
export function applyWithdrawn(list: ChatMessage[], id: number): ChatMessage[] {
  return list.map((m) => (m.id === id ? { ...m, withdrawn: true, body: null } : m))
}

/** Whether the viewer may still withdraw this message (own and young enough, or the group's moderator). */
export function mayWithdraw(m: ChatMessage, me: number, moderator: boolean, now: number, withinMs = 120_000): boolean {
  if (m.withdrawn) return false
  if (moderator) return true
  return m.senderId === me && now - new Date(m.sentAt).getTime() < withinMs
}
