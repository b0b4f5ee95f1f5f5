// Chung Sức service worker: keeps exactly one build available offline. VERSION and ASSETS are
// written at build time by scripts/precache.mjs from the content hashes — never by hand.
const VERSION = 'dev';
const ASSETS = [];
const CACHE = `chung-suc-${VERSION}`;

self.addEventListener('install', (event) => {
  // A new version waits until the user chooses to reload (the page asks with SKIP_WAITING).
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('chung-suc-') && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // Every page of the app is index.html of this version (routes are in the hash).
      const key = req.mode === 'navigate' ? new URL('./index.html', self.registration.scope).href : req;
      const hit = await cache.match(key, { ignoreSearch: true });
      return hit || fetch(req);
    })(),
  );
});
