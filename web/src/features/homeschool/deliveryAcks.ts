import { acknowledge } from '@/api/homeschool'
import type { NotificationChannel } from './notificationChannel'

let installedOn: NotificationChannel | null = null

/**
 * Tells the server a message reached this device (the sender's "已送达"), whatever page is open. Installed
 * once per channel; reading (已读) is acknowledged by the chat page itself.
 */
export function installDeliveryAcks(channel: NotificationChannel, me: () => number | undefined): void {
  if (installedOn === channel) return
  installedOn = channel
  channel.on((m) => {
    if (m.type === 'message' && m.message.senderId !== me()) {
      void acknowledge(m.message.conversationId, 'delivered', m.message.id).catch(() => undefined)
    }
  })
}
