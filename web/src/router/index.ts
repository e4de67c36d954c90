import { createRouter, createWebHistory, type RouteComponent, type RouteRecordRaw } from 'vue-router'
import { whenUnauthenticated } from '@/api/http'
import { useSessionStore } from '@/stores/session'
import { ADMIN_PAGES, CONSOLE_PERMISSIONS, LOGIN_PATH, decide, type AdminPageName, type RouteAccess } from './access'

// Every route's meta says who may open it (see access.ts).
declare module 'vue-router' {
  interface RouteMeta extends RouteAccess {}
}

const adminPageComponents: Record<AdminPageName, () => Promise<RouteComponent>> = {
  schools: () => import('@/features/organization/SchoolsPage.vue'),
  people: () => import('@/features/organization/PeoplePage.vue'),
  classrooms: () => import('@/features/organization/ClassroomsPage.vue'),
  timetable: () => import('@/features/organization/TimetablePage.vue'),
  recorders: () => import('@/features/devices/RecordersPage.vue'),
  control: () => import('@/features/devices/ControlPage.vue'),
  roles: () => import('@/features/identity/RolesPage.vue'),
  audit: () => import('@/features/audit/AuditPage.vue'),
  upload: () => import('@/features/upload/UploadPage.vue'),
  stats: () => import('@/features/library/StatsPage.vue'),
  signage: () => import('@/features/signage/SignagePage.vue'),
  rubrics: () => import('@/features/observation/RubricsPage.vue'),
}

export const routes: RouteRecordRaw[] = [
  { path: '/', component: { render: () => null } },
  { path: LOGIN_PATH, component: () => import('@/features/login/LoginPage.vue'), meta: { public: true } },
  { path: '/forbidden', component: () => import('@/features/layout/ForbiddenPage.vue') },
  {
    path: '/admin',
    component: () => import('@/features/layout/AdminLayout.vue'),
    meta: { anyPermission: CONSOLE_PERMISSIONS },
    children: ADMIN_PAGES.map((page) => ({
      path: page.path.slice('/admin/'.length),
      name: page.name,
      component: adminPageComponents[page.name],
      meta: { permission: page.permission },
    })),
  },
  {
    path: '/portal',
    component: () => import('@/features/layout/PortalLayout.vue'),
    children: [
      { path: '', name: 'portal', component: () => import('@/features/portal/PortalHome.vue') },
      { path: 'library', name: 'library', component: () => import('@/features/library/LibraryPage.vue'), meta: { permission: 'LESSON_VIEW' } },
      { path: 'upload', name: 'portal-upload', component: () => import('@/features/upload/UploadPage.vue'), meta: { permission: 'LESSON_UPLOAD' } },
      { path: 'live', name: 'live', component: () => import('@/features/live/LivePage.vue') },
      { path: 'live/:classroomId(\\d+)', name: 'live-channel', component: () => import('@/features/live/LivePlayerPage.vue') },
      { path: 'patrol', name: 'patrol', component: () => import('@/features/patrol/PatrolWallPage.vue'), meta: { permission: 'PATROL' } },
      { path: 'observation', name: 'observation', component: () => import('@/features/observation/ObservationReportPage.vue'), meta: { permission: 'OBSERVE' } },
      { path: 'patrol/reports', name: 'patrol-reports', component: () => import('@/features/patrol/PatrolReportPage.vue'), meta: { permission: 'PATROL' } },
      { path: 'contests', name: 'contests', component: () => import('@/features/contests/ContestsPage.vue'), meta: { permission: 'CONTEST_MANAGE' } },
      { path: 'contests/submit', name: 'contest-submit', component: () => import('@/features/contests/SubmitPage.vue'), meta: { permission: 'LESSON_UPLOAD' } },
      { path: 'judging', name: 'judging', component: () => import('@/features/contests/JudgingPage.vue'), meta: { permission: 'CONTEST_JUDGE' } },
      { path: 'judging/:id(\\d+)', name: 'judge-entry', component: () => import('@/features/contests/JudgeEntryPage.vue'), meta: { permission: 'CONTEST_JUDGE' } },
      { path: 'showcase', name: 'showcase', component: () => import('@/features/contests/ShowcasePage.vue') },
      // no permission here: parents open lessons recommended to their child's class, the server decides (404 otherwise)
      { path: 'lessons/:id(\\d+)', name: 'lesson', component: () => import('@/features/player/PlayerPage.vue') },
      { path: 'notices', name: 'portal-notices', component: () => import('@/features/homeschool/NoticesPage.vue'), meta: { permission: 'HOMESCHOOL_TEACH' } },
      { path: 'homework', name: 'portal-homework', component: () => import('@/features/homeschool/HomeworkPortalPage.vue'), meta: { permission: 'HOMESCHOOL_TEACH' } },
      { path: 'scores', name: 'portal-scores', component: () => import('@/features/homeschool/ScoresPortalPage.vue'), meta: { permission: 'HOMESCHOOL_TEACH' } },
      { path: 'space', name: 'my-space', component: () => import('@/features/space/SpacePage.vue') },
      { path: 'space/:userId(\\d+)', name: 'space', component: () => import('@/features/space/SpacePage.vue') },
    ],
  },
  { path: '/m', component: () => import('@/features/homeschool/ParentHome.vue') },
  { path: '/m/notices/:id(\\d+)', component: () => import('@/features/homeschool/NoticeDetail.vue') },
  { path: '/m/homework', component: () => import('@/features/homeschool/HomeworkPage.vue') },
  { path: '/m/homework/:id(\\d+)', component: () => import('@/features/homeschool/HomeworkDetail.vue') },
  { path: '/m/learning', component: () => import('@/features/homeschool/LearningPage.vue') },
  { path: '/m/news', component: () => import('@/features/homeschool/NewsPage.vue') },
  { path: '/m/scores', component: () => import('@/features/homeschool/ScoresPage.vue') },
  { path: '/m/leave', component: () => import('@/features/homeschool/LeavePage.vue') },
  { path: '/m/chat/:id(\\d+)', component: () => import('@/features/homeschool/ChatPage.vue') },
  { path: '/:unknown(.*)*', redirect: '/' },
]

export function createAppRouter() {
  const router = createRouter({ history: createWebHistory('/'), routes })

  router.beforeEach(async (to) => {
    const session = useSessionStore()
    try {
      await session.load()
    } catch {
      // Server unreachable: treat as signed out; the login page shows the error when they try.
    }
    return decide({ path: to.path, fullPath: to.fullPath, access: to.matched.map((r) => r.meta) }, session.me)
  })

  // A request answered 401 means the session ended (timeout, signed out elsewhere).
  whenUnauthenticated(() => {
    const session = useSessionStore()
    session.forget()
    const current = router.currentRoute.value
    if (current.path !== LOGIN_PATH) {
      void router.push({ path: LOGIN_PATH, query: { redirect: current.fullPath } })
    }
  })

  return router
}
