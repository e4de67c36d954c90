// Service worker of the classroom display (/display): keeps the player page and its assets in the Cache API so that
// the screen comes back after a reboot while the network is down, and answers media the page cached ahead of time.
// Only the display page is in its scope; other pages of the web app are untouched.
const SHELL = 'ketang-display-shell-v1'
const MEDIA = 'ketang-signage-media-v1'

// The page and the assets it names (scripts, styles, preloaded chunks): the first visit loaded them before this
// worker existed, so they are fetched once more here.
async function cacheShell() {
  const cache = await caches.open(SHELL)
  const page = await fetch('/display', { cache: 'no-store' })
  const html = await page.clone().text()
  await cache.put('/display', page)
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1])
  await cache.addAll(assets)
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().catch(() => undefined).then(() => self.skipWaiting()))
})

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim())
})

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin === self.location.origin && url.pathname.startsWith('/api/')) return
  if (request.mode === 'navigate' && url.pathname.startsWith('/display')) {
    // the page: fresh when online, the cached copy when not
    event.respondWith(
      fetch(request)
        .then((response) => {
          const copy = response.clone()
          if (response.ok) caches.open(SHELL).then((cache) => cache.put('/display', copy))
          return response
        })
        .catch(() => caches.match('/display', { cacheName: SHELL }).then((r) => r || Response.error())),
    )
    return
  }
  if (url.origin === self.location.origin && url.pathname.startsWith('/assets/')) {
    // hashed build assets never change: cache first
    event.respondWith(
      caches.match(request, { cacheName: SHELL }).then(
        (hit) =>
          hit ||
          fetch(request).then((response) => {
            const copy = response.clone()
            if (response.ok) caches.open(SHELL).then((cache) => cache.put(request, copy))
            return response
          }),
      ),
    )
    return
  }
  if (!request.headers.has('range')) {
    event.respondWith(caches.match(request, { cacheName: MEDIA }).then((hit) => hit || fetch(request)))
  }
})
