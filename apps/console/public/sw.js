/* Kefu console service worker: the app shell for the installed desktop app, and
   desktop notifications. index.html is network-first (a new release shows at once,
   the cached copy opens the app offline); Vite's hashed assets are cache-first (their
   names change with their content). /api and /socket.io are never touched. */

const SHELL_CACHE = 'kefu-console-shell-v1';
const ASSETS_CACHE = 'kefu-console-assets-v1';
const SCOPE = new URL(self.registration.scope).pathname; // "/console/"
const INDEX = `${SCOPE}index.html`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll([SCOPE, `${SCOPE}manifest.webmanifest`]))
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  const keep = new Set([SHELL_CACHE, ASSETS_CACHE]);
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('kefu-console-') && !keep.has(n)).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

function isShellRequest(request, url) {
  return request.mode === 'navigate' || url.pathname === SCOPE || url.pathname === INDEX;
}

/** Drops the hashed assets the current index.html no longer names (earlier releases'); lazy chunks come back on use. */
async function pruneAssets(html) {
  const current = new Set([...html.matchAll(/assets\/[\w.-]+/g)].map((m) => `${SCOPE}${m[0]}`));
  if (current.size === 0) return;
  const cache = await caches.open(ASSETS_CACHE);
  for (const request of await cache.keys()) {
    if (!current.has(new URL(request.url).pathname)) await cache.delete(request);
  }
}

async function networkFirst(event) {
  const { request } = event;
  const cache = await caches.open(SHELL_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) {
      await cache.put(SCOPE, response.clone());
      event.waitUntil(
        response
          .clone()
          .text()
          .then(pruneAssets)
          .catch(() => undefined),
      );
    }
    return response;
  } catch (err) {
    const cached = await cache.match(SCOPE);
    if (cached) return cached;
    throw err;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(ASSETS_CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // Only the console's own files: the API, the socket and other origins go straight to the network.
  if (url.origin !== self.location.origin || !url.pathname.startsWith(SCOPE)) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/socket.io/')) return;
  if (isShellRequest(request, url)) {
    event.respondWith(networkFirst(event));
  } else if (url.pathname.startsWith(`${SCOPE}assets/`)) {
    event.respondWith(cacheFirst(request));
  }
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const conversationId = event.notification.data?.conversationId ?? null;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const client = windows.find((c) => new URL(c.url).pathname.startsWith(SCOPE));
      if (client) {
        await client.focus();
        client.postMessage({ type: 'kefu:open-conversation', conversationId });
        return;
      }
      await self.clients.openWindow(conversationId ? `${SCOPE}#/c/${encodeURIComponent(conversationId)}` : SCOPE);
    })(),
  );
});
