import type { Me, Permission } from '@/api/types'

/**
 * Who may open which page. These decide only what the web app shows; the server checks every request
 * again and is the judge (a hidden page is a courtesy, not a protection).
 */

/** Permissions that make someone an administrator: they land in the admin console. */
export const ADMIN_PERMISSIONS: readonly Permission[] = ['ORGANIZATION_MANAGE', 'PEOPLE_MANAGE', 'ROLES_MANAGE', 'AUDIT_VIEW']

/** The part of the signed-in user the decisions look at. */
export type Viewer = Pick<Me, 'roles' | 'permissions'>

/** What a route asks of the viewer (vue-router `meta`). */
export interface RouteAccess {
  /** Open without signing in (the login page). */
  public?: boolean
  /** The permission this page needs. */
  permission?: Permission
  /** Any one of these permissions opens the page (used by the admin layout). */
  anyPermission?: readonly Permission[]
}

export type AdminPageName =
  | 'schools'
  | 'people'
  | 'classrooms'
  | 'timetable'
  | 'recorders'
  | 'control'
  | 'roles'
  | 'audit'
  | 'upload'
  | 'stats'
  | 'signage'
  | 'rubrics'

/** The pages of the admin console in menu order, each with the permission it needs. */
export const ADMIN_PAGES: ReadonlyArray<{ name: AdminPageName; path: string; permission: Permission }> = [
  { name: 'schools', path: '/admin/schools', permission: 'ORGANIZATION_VIEW' },
  { name: 'people', path: '/admin/people', permission: 'PEOPLE_VIEW' },
  { name: 'classrooms', path: '/admin/classrooms', permission: 'ORGANIZATION_VIEW' },
  { name: 'timetable', path: '/admin/timetable', permission: 'TIMETABLE_VIEW' },
  { name: 'recorders', path: '/admin/recorders', permission: 'DEVICE_VIEW' },
  { name: 'control', path: '/admin/control', permission: 'DEVICE_VIEW' },
  { name: 'roles', path: '/admin/roles', permission: 'ROLES_MANAGE' },
  { name: 'audit', path: '/admin/audit', permission: 'AUDIT_VIEW' },
  { name: 'upload', path: '/admin/upload', permission: 'LESSON_UPLOAD' },
  { name: 'stats', path: '/admin/stats', permission: 'LESSON_MANAGE' },
  { name: 'signage', path: '/admin/signage', permission: 'SIGNAGE_MANAGE' },
  { name: 'rubrics', path: '/admin/rubrics', permission: 'RUBRIC_MANAGE' },
]

export type PortalPageName =
  | 'home'
  | 'library'
  | 'live'
  | 'patrol'
  | 'observation'
  | 'upload'
  | 'contests'
  | 'contestSubmit'
  | 'judging'
  | 'showcase'
  | 'notices'
  | 'homework'
  | 'scores'
  | 'messages'
  | 'space'

/** The portal's navigation, each with the permission it needs (none: everyone signed in). */
export const PORTAL_PAGES: ReadonlyArray<{ name: PortalPageName; path: string; permission?: Permission }> = [
  { name: 'home', path: '/portal' },
  { name: 'library', path: '/portal/library', permission: 'LESSON_VIEW' },
  // everyone signed in: parents watch open classes (公开课) too; the server decides which channels each one sees
  { name: 'live', path: '/portal/live' },
  { name: 'patrol', path: '/portal/patrol', permission: 'PATROL' },
  { name: 'observation', path: '/portal/observation', permission: 'OBSERVE' },
  { name: 'upload', path: '/portal/upload', permission: 'LESSON_UPLOAD' },
  { name: 'contests', path: '/portal/contests', permission: 'CONTEST_MANAGE' },
  { name: 'contestSubmit', path: '/portal/contests/submit', permission: 'LESSON_UPLOAD' },
  { name: 'judging', path: '/portal/judging', permission: 'CONTEST_JUDGE' },
  // everyone signed in: the server shows each contest's awarded lessons to its chosen audience (district or public)
  { name: 'showcase', path: '/portal/showcase' },
  { name: 'notices', path: '/portal/notices', permission: 'HOMESCHOOL_TEACH' },
  { name: 'homework', path: '/portal/homework', permission: 'HOMESCHOOL_TEACH' },
  { name: 'scores', path: '/portal/scores', permission: 'HOMESCHOOL_TEACH' },
  // chat with parents happens in the phone app, which teachers open on the PC too
  { name: 'messages', path: '/m?tab=messages', permission: 'HOMESCHOOL_TEACH' },
  { name: 'space', path: '/portal/space' },
]

/** The portal pages this viewer may open, in menu order. */
export function portalPagesFor(viewer: Viewer): typeof PORTAL_PAGES {
  return PORTAL_PAGES.filter((page) => !page.permission || has(viewer, page.permission))
}

export const LOGIN_PATH = '/login'
export const FORBIDDEN_PATH = '/forbidden'

function has(viewer: Viewer, permission: Permission): boolean {
  return viewer.permissions.includes(permission)
}

export function isAdmin(viewer: Viewer): boolean {
  return ADMIN_PERMISSIONS.some((p) => has(viewer, p))
}

/**
 * Permissions that open the admin console: the administrators', plus lesson management (a custom role that
 * only manages lessons reaches the statistics there, but still lands in the portal after signing in) and
 * device viewing (a supervisor reaches the recorders page the same way).
 */
export const CONSOLE_PERMISSIONS: readonly Permission[] = [...ADMIN_PERMISSIONS, 'LESSON_MANAGE', 'DEVICE_VIEW', 'SIGNAGE_MANAGE']

export function mayUseConsole(viewer: Viewer): boolean {
  return CONSOLE_PERMISSIONS.some((p) => has(viewer, p))
}

/** Where a user lands after signing in: admins in the console, parents on the phone app, everyone else in the portal. */
export function homeFor(viewer: Viewer): string {
  if (isAdmin(viewer)) return '/admin'
  if (viewer.roles.includes('PARENT')) return '/m'
  return '/portal'
}

/** The admin pages this viewer may open, in menu order. */
export function adminPagesFor(viewer: Viewer): typeof ADMIN_PAGES {
  return ADMIN_PAGES.filter((page) => has(viewer, page.permission))
}

export function mayOpen(access: RouteAccess, viewer: Viewer): boolean {
  if (access.permission && !has(viewer, access.permission)) return false
  if (access.anyPermission && !access.anyPermission.some((p) => has(viewer, p))) return false
  return true
}

export interface Target {
  path: string
  fullPath: string
  /** The `meta` of every matched route record, outermost first. */
  access: readonly RouteAccess[]
}

export type Decision = true | { path: string; query?: Record<string, string> }

/** The router guard's decision: go on (true) or go elsewhere. */
export function decide(target: Target, viewer: Viewer | null): Decision {
  const isPublic = target.access.some((a) => a.public)
  if (!viewer) {
    if (isPublic) return true
    return target.fullPath === '/' ? { path: LOGIN_PATH } : { path: LOGIN_PATH, query: { redirect: target.fullPath } }
  }
  if (target.path === LOGIN_PATH || target.path === '/') return { path: homeFor(viewer) }
  if (!target.access.every((a) => mayOpen(a, viewer))) return { path: FORBIDDEN_PATH }
  if (target.path === '/admin' || target.path === '/admin/') {
    const first = adminPagesFor(viewer)[0]
    return { path: first ? first.path : FORBIDDEN_PATH }
  }
  return true
}

/** A redirect target from the login page's query, only when it stays inside this app. */
export function safeRedirect(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return null
  if (value.startsWith(LOGIN_PATH)) return null
  return value
}
