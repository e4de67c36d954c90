import { ref } from 'vue'

/** Whether the user asked to change their password (from the user menu); one dialog serves the whole app. */
export const passwordDialogRequested = ref(false)

export function openPasswordDialog(): void {
  passwordDialogRequested.value = true
}
