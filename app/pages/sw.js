// Wijkplein's service worker, served as /sw.js by app/pages/offline.py, which fills in CONFIG.
//
// - Pages: network first, for the public pages of ALLOWED only. A copy is kept when the answer
//   is a 200 that the server did not mark private or no-store (it marks every page of a
//   logged-in person "private, no-store" and every page asked for with a session cookie
//   "private": app/core/caching.py). Offline, the kept copy is shown, else the offline page.
//   Other pages (personal ones, a logged-in person's) are never kept nor read from the cache.
// - Static files with a hashed name: cache first (they never change).
// - Versions: CONFIG.version is a hash of the static build and of this file, so a deploy
//   changes these bytes; the new worker takes over at once and deletes the old caches (the
//   pages kept are carried over into the new cache).
"use strict";

const CONFIG = "__CONFIG__";
// Handlers of other parts (web push), from the same origin.
importScripts(...CONFIG.imports);
const PREFIX = "wijkplein-";
const PAGES = `${PREFIX}pages-${CONFIG.version}`;
const STATIC = `${PREFIX}static-${CONFIG.version}`;
const OFFLINE = CONFIG.offline;
const MAX_PAGES = 60;
const ALLOWED = [
  /^\/$/,
  /^\/agenda$/,
  /^\/agenda\/\d+(-[^/]*)?$/,
  /^\/kaart$/,
  /^\/kaart\/\d+(-[^/]*)?$/,
  /^\/kaart\/plek\/\d+$/,
];
// Scripts the map page loads under a content-addressed name, kept like static files.
const IMMUTABLE = [/^\/static\/dist\//, /^\/kaart\/kaart-[0-9a-f]+\.js$/];
// A hashed static name: "css/wijkplein.3f2a9c1d0b7e.css" → "css/wijkplein.css".
const HASHED = /^\/static\/dist\/(.+)\.[0-9a-f]{12}(\.[^./]+)$/;

function isAllowedPage(url) {
  return url.origin === self.location.origin && ALLOWED.some((rule) => rule.test(url.pathname));
}

// The key a page is kept under: the address without "bron" (the home screen's start_url).
function pageKey(url) {
  const key = new URL(url.href);
  key.searchParams.delete("bron");
  key.hash = "";
  return key.href;
}

function mayKeep(response) {
  if (!response || response.status !== 200 || response.type !== "basic" || response.redirected) {
    return false;
  }
  const control = (response.headers.get("Cache-Control") || "").toLowerCase();
  return !/\b(private|no-store)\b/.test(control);
}

async function keepPage(key, response) {
  const cache = await caches.open(PAGES);
  await cache.put(key, response);
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_PAGES))) {
    await cache.delete(old);
  }
}

async function offlinePage() {
  const cache = await caches.open(STATIC);
  return (
    (await cache.match(OFFLINE)) ||
    new Response("Offline", { status: 503, headers: { "Content-Type": "text/plain" } })
  );
}

async function fetchOfflinePage(lang) {
  const url = lang ? `${OFFLINE}?lang=${encodeURIComponent(lang)}` : OFFLINE;
  // Without cookies: the offline page is the same for everyone, never a logged-in page.
  const response = await fetch(url, { credentials: "omit", cache: "no-store" });
  if (response.ok) {
    const cache = await caches.open(STATIC);
    await cache.put(OFFLINE, response);
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(STATIC);
      await cache.addAll(CONFIG.precache);
      await fetchOfflinePage(null);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      const pages = await caches.open(PAGES);
      for (const name of names) {
        if (!name.startsWith(PREFIX) || name === PAGES || name === STATIC) {
          continue;
        }
        if (name.startsWith(`${PREFIX}pages-`)) {
          // Carry the pages a person saw over to the new version.
          const old = await caches.open(name);
          for (const request of await old.keys()) {
            if (!(await pages.match(request))) {
              await pages.put(request, await old.match(request));
            }
          }
        }
        await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

async function handlePage(request, url) {
  const key = pageKey(url);
  try {
    const response = await fetch(request);
    if (mayKeep(response)) {
      await keepPage(key, response.clone());
    }
    return response;
  } catch (error) {
    const cache = await caches.open(PAGES);
    return (await cache.match(key, { ignoreVary: true })) || offlinePage();
  }
}

async function handleOtherPage(request) {
  try {
    return await fetch(request);
  } catch (error) {
    return offlinePage();
  }
}

async function handleStatic(request, url) {
  const cache = await caches.open(STATIC);
  const kept = await cache.match(request, { ignoreVary: true });
  if (kept) {
    return kept;
  }
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    // A page kept under an older version names an older file: offer the current one.
    const match = HASHED.exec(url.pathname);
    const current = match && CONFIG.assets[match[1] + match[2]];
    const fallback = current && (await cache.match(current, { ignoreVary: true }));
    if (fallback) {
      return fallback;
    }
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(
      isAllowedPage(url) ? handlePage(request, url) : handleOtherPage(request),
    );
  } else if (IMMUTABLE.some((rule) => rule.test(url.pathname))) {
    event.respondWith(handleStatic(request, url));
  }
});

// A page tells the language it is in, and its address when this worker did not see it load.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "page") {
    return;
  }
  event.waitUntil(
    (async () => {
      if (data.url) {
        const url = new URL(data.url);
        if (isAllowedPage(url)) {
          const response = await fetch(url.href, { credentials: "same-origin" });
          if (mayKeep(response)) {
            await keepPage(pageKey(url), response);
          }
        }
      }
      const kept = await (await caches.open(STATIC)).match(OFFLINE);
      const keptLang = kept && kept.headers.get("Content-Language");
      if (data.lang && keptLang !== data.lang) {
        await fetchOfflinePage(data.lang);
      }
    })().catch(() => {}),
  );
});
