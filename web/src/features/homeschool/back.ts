import type { RouteLocationRaw, Router } from 'vue-router'

/** Back to where the user came from, or to a tab of the phone app when the page was opened directly. */
export function backOr(router: Router, tab: 'notices' | 'messages'): void {
  if (window.history.state?.back) router.back()
  else void router.push({ path: '/m', query: { tab } })
}

/** Back to where the user came from, or to `fallback` when the page was opened directly (a link, a reload). */
export function backTo(router: Router, fallback: RouteLocationRaw): void {
  if (window.history.state?.back) router.back()
  else void router.push(fallback)
}
