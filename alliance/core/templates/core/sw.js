// The site's service worker (alliance/core/offline.py explains the rules). It keeps the
// pages a reader opened and a few fetched at install, and shows the site's own offline
// page for the rest. Only same-origin GET requests are handled; a POST always goes to
// the network and its answer is never kept.
"use strict";

const CONFIG = {{ config|safe }};
const PAGES = "pages-" + CONFIG.version;
const ASSETS = "assets-" + CONFIG.version;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(PAGES)
      // One page that fails to load must not stop the others (or the install).
      .then((cache) => Promise.all(CONFIG.precache.map((url) => cache.add(url).catch(() => null))))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names.filter((name) => name !== PAGES && name !== ASSETS).map((name) => caches.delete(name))
      ))
      .then(() => self.clients.claim())
  );
});

function language(url) {
  const first = url.pathname.split("/")[1];
  return Object.prototype.hasOwnProperty.call(CONFIG.offline, first) ? first : CONFIG.default_language;
}

function mayKeepAddress(url) {
  if (url.search) { return false; }
  const path = url.pathname;
  if (CONFIG.never.prefixes.some((prefix) => path.startsWith(prefix))) { return false; }
  if (CONFIG.never.parts.some((part) => path.includes(part))) { return false; }
  const rest = path.split("/").slice(2).join("/");
  return !CONFIG.never.after_language.some((prefix) => rest.startsWith(prefix));
}

function mayKeepAnswer(response) {
  const control = (response.headers.get("Cache-Control") || "").toLowerCase();
  return response.ok && response.type === "basic" && !response.redirected
    && !control.includes("private") && !control.includes("no-store")
    && (response.headers.get("Content-Type") || "").startsWith("text/html");
}

async function trim(cache) {
  const keys = await cache.keys();
  const kept = new Set([...CONFIG.precache, ...Object.values(CONFIG.offline)]
    .map((url) => new URL(url, self.location.origin).href));
  const opened = keys.filter((request) => !kept.has(request.url));
  // Cache keys come back in the order they were added: the oldest go first.
  await Promise.all(opened.slice(0, Math.max(0, opened.length - CONFIG.kept_pages))
    .map((request) => cache.delete(request)));
}

async function page(request) {
  const url = new URL(request.url);
  const cache = await caches.open(PAGES);
  try {
    const response = await fetch(request);
    if (mayKeepAddress(url) && mayKeepAnswer(response)) {
      await cache.delete(request);
      await cache.put(request, response.clone());
      trim(cache);
    }
    return response;
  } catch (error) {
    const kept = mayKeepAddress(url) ? await cache.match(request, { ignoreVary: true }) : null;
    return kept || (await cache.match(CONFIG.offline[language(url)])) || Response.error();
  }
}

async function asset(request) {
  // The stylesheet was fetched at install with the pages; look in every cache.
  const kept = await caches.match(request);
  if (kept) { return kept; }
  const response = await fetch(request);
  if (response.ok && response.type === "basic") {
    const cache = await caches.open(ASSETS);
    cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) { return; }
  if (request.mode === "navigate") {
    event.respondWith(page(request));
  } else if (url.pathname.startsWith(CONFIG.static_prefix)) {
    // Static files have hashed names: a name never changes its content.
    event.respondWith(asset(request));
  }
});
