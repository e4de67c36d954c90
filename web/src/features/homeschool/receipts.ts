import type { Receipt } from '@/api/homeschool'

/** Applies a live receipt to the list shown to the sender (the row of that parent, by user id). */
export function applyReceipt(list: Receipt[], update: Pick<Receipt, 'userId' | 'readAt' | 'confirmedAt'>): Receipt[] {
  return list.map((r) => (r.userId === update.userId ? { ...r, readAt: update.readAt, confirmedAt: update.confirmedAt } : r))
}

/** Unread first (they need the reminder), then by class and name. */
export function sortReceipts(list: Receipt[], confirmRequired: boolean): Receipt[] {
  const pending = (r: Receipt) => (confirmRequired ? !r.confirmedAt : !r.readAt)
  return [...list].sort(
    (a, b) =>
      Number(pending(b)) - Number(pending(a)) ||
      (a.className ?? '').localeCompare(b.className ?? '') ||
      a.name.localeCompare(b.name),
  )
}
