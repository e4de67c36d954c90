import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { Permission } from '@/api/types'
import { routes } from './index'
import { ADMIN_PAGES, adminPagesFor, portalPagesFor, decide, homeFor, safeRedirect, type RouteAccess, type Viewer } from './access'

// Permissions as the server's built-in roles grant them (BuiltInRole.java), trimmed to what matters here.
const districtAdmin: Viewer = {
  roles: ['DISTRICT_ADMIN'],
  permissions: ['ORGANIZATION_VIEW', 'ORGANIZATION_MANAGE', 'PEOPLE_VIEW', 'PEOPLE_MANAGE', 'TIMETABLE_VIEW', 'TIMETABLE_MANAGE', 'ROLES_MANAGE', 'AUDIT_VIEW'],
}
const schoolAdmin: Viewer = {
  roles: ['SCHOOL_ADMIN'],
  permissions: ['ORGANIZATION_VIEW', 'ORGANIZATION_MANAGE', 'PEOPLE_VIEW', 'PEOPLE_MANAGE', 'TIMETABLE_VIEW', 'TIMETABLE_MANAGE', 'AUDIT_VIEW'],
}
const teacher: Viewer = { roles: ['TEACHER'], permissions: ['ORGANIZATION_VIEW', 'PEOPLE_VIEW', 'TIMETABLE_VIEW', 'LESSON_VIEW', 'LESSON_UPLOAD'] }
const lessonManager: Viewer = { roles: ['DISTRICT_ADMIN'], permissions: ['ORGANIZATION_MANAGE', 'LESSON_VIEW', 'LESSON_UPLOAD', 'LESSON_MANAGE'] }
const student: Viewer = { roles: ['STUDENT'], permissions: ['TIMETABLE_VIEW', 'LESSON_VIEW', 'HOMESCHOOL_USE'] }
const parent: Viewer = { roles: ['PARENT'], permissions: ['HOMESCHOOL_USE'] }
const auditorOnly: Viewer = { roles: ['AUDITOR'], permissions: ['AUDIT_VIEW'] }
const supervisor: Viewer = { roles: ['SUPERVISOR'], permissions: ['ORGANIZATION_VIEW', 'TIMETABLE_VIEW', 'LESSON_VIEW', 'DEVICE_VIEW', 'PATROL'] }

/** The access rules of the real route table for a path, as vue-router would match them. */
function accessOf(path: string): RouteAccess[] {
  const segments = path.split('/').filter(Boolean)
  const top = routes.find((r) => r.path === `/${segments[0] ?? ''}`)
  if (!top) return []
  const access: RouteAccess[] = [top.meta ?? {}]
  if (segments[1]) {
    const child = top.children?.find((c) => c.path === segments[1])
    if (child) access.push(child.meta ?? {})
  }
  return access
}

function go(path: string, viewer: Viewer | null) {
  return decide({ path, fullPath: path, access: accessOf(path) }, viewer)
}

describe('landing page after sign-in', () => {
  it('sends administrators to the admin console', () => {
    expect(homeFor(districtAdmin)).toBe('/admin')
    expect(homeFor(schoolAdmin)).toBe('/admin')
    expect(homeFor(auditorOnly)).toBe('/admin')
  })

  it('sends parents to the phone app', () => {
    expect(homeFor(parent)).toBe('/m')
  })

  it('sends teachers and students to the portal', () => {
    expect(homeFor(teacher)).toBe('/portal')
    expect(homeFor(student)).toBe('/portal')
  })

  it('opens the root at the home of the signed-in user', () => {
    expect(go('/', parent)).toEqual({ path: '/m' })
    expect(go('/', teacher)).toEqual({ path: '/portal' })
  })

  it('sends a signed-in user away from the login page', () => {
    expect(go('/login', districtAdmin)).toEqual({ path: '/admin' })
  })
})

describe('signed out', () => {
  it('may open the login page', () => {
    expect(go('/login', null)).toBe(true)
  })

  it('is sent to the login page with the page they wanted', () => {
    expect(go('/admin/timetable', null)).toEqual({ path: '/login', query: { redirect: '/admin/timetable' } })
    expect(go('/m', null)).toEqual({ path: '/login', query: { redirect: '/m' } })
  })

  it('goes to the plain login page from the root', () => {
    expect(go('/', null)).toEqual({ path: '/login' })
  })
})

describe('admin console', () => {
  it('is forbidden to parents', () => {
    expect(go('/admin', parent)).toEqual({ path: '/forbidden' })
    expect(go('/admin/schools', parent)).toEqual({ path: '/forbidden' })
  })

  it('is forbidden to teachers even for pages they could read', () => {
    expect(go('/admin/timetable', teacher)).toEqual({ path: '/forbidden' })
  })

  it('opens on the first page the user may use', () => {
    expect(go('/admin', districtAdmin)).toEqual({ path: '/admin/schools' })
    expect(go('/admin', auditorOnly)).toEqual({ path: '/admin/audit' })
  })

  it('forbids a page whose permission the user lacks', () => {
    expect(go('/admin/roles', schoolAdmin)).toEqual({ path: '/forbidden' })
    expect(go('/admin/schools', auditorOnly)).toEqual({ path: '/forbidden' })
  })

  it('lets the user open pages they have the permission for', () => {
    expect(go('/admin/roles', districtAdmin)).toBe(true)
    expect(go('/admin/timetable', schoolAdmin)).toBe(true)
  })

  it('shows in the menu only the pages the user may open', () => {
    expect(adminPagesFor(schoolAdmin).map((p) => p.name)).toEqual(['schools', 'people', 'classrooms', 'timetable', 'audit'])
    expect(adminPagesFor(parent)).toEqual([])
  })

  it('opens the recorders page to whoever may view devices, who still land in the portal', () => {
    expect(go('/admin/recorders', supervisor)).toBe(true)
    expect(adminPagesFor(supervisor).map((p) => p.name)).toContain('recorders')
    expect(homeFor(supervisor)).toBe('/portal')
    expect(go('/admin/recorders', teacher)).toEqual({ path: '/forbidden' })
  })

  it('declares a permission on every admin page', () => {
    const admin = routes.find((r) => r.path === '/admin')
    const declared = admin?.children?.map((c) => c.meta?.permission) ?? []
    expect(declared.length).toBe(ADMIN_PAGES.length)
    declared.forEach((p: Permission | undefined) => expect(p).toBeTruthy())
  })
})

describe('portal and phone app', () => {
  it('are open to signed-in users', () => {
    expect(go('/portal', teacher)).toBe(true)
    expect(go('/m', parent)).toBe(true)
  })
})

describe('redirect after sign-in', () => {
  it('accepts a page of this app', () => {
    expect(safeRedirect('/admin/audit?page=2')).toBe('/admin/audit?page=2')
  })

  it('refuses other sites and the login page itself', () => {
    expect(safeRedirect('https://evil.example/')).toBeNull()
    expect(safeRedirect('//evil.example/')).toBeNull()
    expect(safeRedirect('/login?redirect=/x')).toBeNull()
    expect(safeRedirect(undefined)).toBeNull()
  })
})

/** The access rules of every route record vue-router matches for a path (children with parameters included). */
const router = createRouter({ history: createMemoryHistory(), routes })
function open(path: string, viewer: Viewer | null) {
  const access = router.resolve(path).matched.map((r) => r.meta)
  return decide({ path, fullPath: path, access }, viewer)
}

describe('video library pages', () => {
  it('lets teachers browse, watch and upload', () => {
    expect(open('/portal/library', teacher)).toBe(true)
    expect(open('/portal/lessons/42', teacher)).toBe(true)
    expect(open('/portal/upload', teacher)).toBe(true)
  })

  it('lets students watch but not upload', () => {
    expect(open('/portal/lessons/42', student)).toBe(true)
    expect(open('/portal/upload', student)).toEqual({ path: '/forbidden' })
  })

  it('keeps parents out of the library but gives everyone a space', () => {
    expect(open('/portal/library', parent)).toEqual({ path: '/forbidden' })
    expect(open('/portal/space', parent)).toBe(true)
    expect(open('/portal/space/7', student)).toBe(true)
  })

  it('shows the statistics only to lesson managers', () => {
    expect(open('/admin/stats', lessonManager)).toBe(true)
    expect(open('/admin/stats', schoolAdmin)).toEqual({ path: '/forbidden' })
    expect(adminPagesFor(lessonManager).map((p) => p.name)).toEqual(['upload', 'stats'])
  })

  it('opens the console for a lesson manager without other admin rights, who still lands in the portal', () => {
    const manager: Viewer = { roles: ['LESSON_OFFICE'], permissions: ['LESSON_VIEW', 'LESSON_MANAGE'] }
    expect(homeFor(manager)).toBe('/portal')
    expect(open('/admin', manager)).toEqual({ path: '/admin/stats' })
    expect(open('/admin/stats', manager)).toBe(true)
    expect(open('/admin/schools', manager)).toEqual({ path: '/forbidden' })
  })

  it('shows in the portal menu only what the user may open', () => {
    expect(portalPagesFor(student).map((p) => p.name)).toEqual(['home', 'library', 'live', 'showcase', 'space'])
    expect(portalPagesFor(parent).map((p) => p.name)).toEqual(['home', 'live', 'showcase', 'space'])
    expect(portalPagesFor(teacher).map((p) => p.name)).toEqual(['home', 'library', 'live', 'upload', 'contestSubmit', 'showcase', 'space'])
  })
})
