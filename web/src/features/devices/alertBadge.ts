import { ref } from 'vue'
import { fetchOpenAlertCount } from '@/api/devices'

/** How many device alerts in reach nobody acknowledged yet: the console menu's badge, shared by every page. */
export const openAlerts = ref(0)

/** Asks the platform again; a failure leaves the last count (the badge is a hint, the alert log is the truth). */
export async function refreshOpenAlerts(): Promise<void> {
  try {
    openAlerts.value = await fetchOpenAlertCount()
  } catch {
    // keep the last count
  }
}
