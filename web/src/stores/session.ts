import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { isAxiosError } from 'axios'
import * as auth from '@/api/auth'
import { closeNotificationChannel } from '@/features/homeschool/notificationChannel'
import type { Me, Permission, RoleCode } from '@/api/types'

/** The signed-in user as the server describes them; the server stays the judge of every request. */
export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null)
  /** Whether GET /auth/me has been asked once, so the router knows "not signed in" from "not known yet". */
  const loaded = ref(false)

  const signedIn = computed(() => me.value !== null)

  function can(permission: Permission): boolean {
    return me.value?.permissions.includes(permission) ?? false
  }

  function hasRole(code: RoleCode): boolean {
    return me.value?.roles.includes(code) ?? false
  }

  /** Loads the current user once; a 401 means "not signed in", other errors propagate. */
  async function load(force = false): Promise<Me | null> {
    if (loaded.value && !force) return me.value
    try {
      me.value = await auth.fetchMe()
    } catch (error) {
      if (!isAxiosError(error) || error.response?.status !== 401) throw error
      me.value = null
    }
    loaded.value = true
    return me.value
  }

  /** Signs in with the session cookie (the bearer token in the answer is for apps, not the web). */
  async function login(username: string, password: string): Promise<Me> {
    const answer = await auth.login({ username, password })
    me.value = answer.user
    loaded.value = true
    return answer.user
  }

  async function logout(): Promise<void> {
    try {
      await auth.logout()
    } finally {
      closeNotificationChannel()
      me.value = null
      loaded.value = true
    }
  }

  /** After a password change the server no longer asks for one. */
  function passwordChanged(): void {
    if (me.value) me.value = { ...me.value, mustChangePassword: false }
  }

  /** Forgets the user without asking the server (the session already ended there). */
  function forget(): void {
    closeNotificationChannel()
    me.value = null
    loaded.value = true
  }

  return { me, loaded, signedIn, can, hasRole, load, login, logout, passwordChanged, forget }
})

export type SessionStore = ReturnType<typeof useSessionStore>
