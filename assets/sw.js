// The service worker: after a first visit the page loads, decodes, verifies, signs and generates
// keys offline. This file is a template: scripts/build-sw.mjs (a Trunk post_build hook) writes it
// to dist/sw.js with the line below replaced by the build's file list and a version (a hash of
// every built file's name and contents, and of this file). A new build therefore has a new cache
// name, installs a complete copy of itself, and deletes the caches of older builds.
const BUILD = { version: "dev", files: [], hashed: [] };

// The folder this copy of the app is served from (e.g. https://host/tools/jwt/): caches are named
// after it, so two copies under different paths of one origin keep their own.
const SCOPE = self.registration.scope;
const PREFIX = "jwt-debugger " + new URL(SCOPE).pathname + " ";
const CACHE = PREFIX + BUILD.version;
const INDEX = new URL("index.html", SCOPE).href;
const PRECACHED = new Set(BUILD.files.map((file) => new URL(file, SCOPE).href));
// Files whose name carries a hash of their contents (Trunk's `name-<16 hex>.ext`): a cached
// copy is always right.
const HASHED = new Set(BUILD.hashed.map((file) => new URL(file, SCOPE).href));

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // Hashed files may come from the HTTP cache (the page just loaded them); the others are
      // revalidated, so the copy is this build's. addAll stores all or nothing.
      await cache.addAll(
        BUILD.files.map((file) => {
          const url = new URL(file, SCOPE).href;
          return new Request(url, { cache: HASHED.has(url) ? "default" : "no-cache" });
        }),
      );
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  // Only this app's own GETs: another origin's requests (there are none: the page's CSP forbids
  // them) and any POST go to the network untouched and are never stored.
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(SCOPE)) return;
  if (request.headers.has("range")) return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(request));
    return;
  }
  // The app never uses query strings; anything that does is left to the network.
  if (url.search) return;
  const key = url.origin + url.pathname;
  if (HASHED.has(key)) event.respondWith(cacheFirst(event, request, key));
  else if (PRECACHED.has(key)) event.respondWith(networkFirst(request, key));
  // Anything else of ours (the known-secrets list, fetched only for HS tokens): stored when first
  // fetched, so the search works offline after one use.
  else event.respondWith(cacheFirst(event, request, key));
});

// Pages: the network first, so an online visitor always gets the newest build; offline (or when
// the server fails) the cached index.html of the build this worker installed.
const navigate = (request) => networkFirst(request, INDEX);

// Files with a fixed name (the worker's loader and bundle, the manifest, the icons): the network
// first, as if there were no service worker, and this build's copy when offline.
async function networkFirst(request, key) {
  try {
    const response = await fetch(request);
    if (response.status < 500) return response;
    return (await cached(key)) ?? response;
  } catch (error) {
    const fallback = await cached(key);
    if (fallback) return fallback;
    throw error;
  }
}

async function cacheFirst(event, request, key) {
  const hit = await cached(key);
  if (hit) return hit;
  const response = await fetch(request);
  const cacheControl = response.headers.get("cache-control") ?? "";
  if (response.ok && response.type === "basic" && !cacheControl.includes("no-store")) {
    const copy = response.clone();
    event.waitUntil(store(key, copy));
  }
  return response;
}

// Neither reading nor storing may create this build's cache: once a newer build has deleted it,
// this worker's last few fetches must not bring it back.
async function cached(key) {
  return caches.match(key, { cacheName: CACHE });
}

async function store(key, response) {
  if (await caches.has(CACHE)) await (await caches.open(CACHE)).put(key, response);
}
