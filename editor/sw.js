// The site's service worker (written to the site root by sitebuild/editor.py, which fills in the cache
// name and the editor's asset list). Every page registers it (the docs through
// site_src/assets/javascripts/offline.js, the editor once Python is up), so a page visited once opens
// offline, with the theme's files and, once the editor was used, the editor and its Python.
//
// Two rules, the same split as nginx's Cache-Control (deploy/nginx/http.conf):
// - content-addressed files (a hash in the name, or in the Pyodide folder's name) never change: the
//   cache first, the network otherwise;
// - pages and files with fixed names (theme-*.js, the search index) change with every build: the network
//   first, so a new build shows at once, and the cached copy when offline.
// A new build of the editor has a new cache name; its install replaces the old cache.
const CACHE = "__CACHE_NAME__";
const ASSETS = ["__ASSETS__"]; // site-relative URLs of the editor's content-addressed assets
const PAGE = "editor/";
const PREFIX = "cs-editor-"; // the caches of this worker's builds (the Python snapshot has its own, see worker.js)
const CONTENT_ADDRESSED = [/^\/assets\/pyodide-[0-9a-f]{12}\//, /[.-][0-9a-f]{8,}\.[A-Za-z0-9.]+$/];

const here = (path) => new URL(path, self.location).href;
const sameOrigin = (url) => new URL(url).origin === self.location.origin;
const isEditor = (url) => new URL(url).pathname === new URL(here(PAGE)).pathname || new URL(url).pathname === new URL(here(PAGE + "index.html")).pathname;
const contentAddressed = (url) => CONTENT_ADDRESSED.some((pattern) => pattern.test(new URL(url).pathname));
/** The key a page is kept under: its address without query or fragment (?stack= and #s= are the editor's state). */
const pageKey = (url) => { const key = new URL(url); key.search = ""; key.hash = ""; return key.href; };
const cacheable = (response) => response.status === 200 && response.type === "basic";

/** Did a cache of an earlier build hold the editor? Then this build's editor is precached as well. */
async function editorWasUsed() {
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && name !== CACHE && (await (await caches.open(name)).match(here(PAGE)))) return true;
  }
  return false;
}

/** Make sure each URL is in this build's cache; return those that could not be fetched. */
async function keep(urls) {
  const cache = await caches.open(CACHE);
  const missing = [];
  for (const url of [...new Set(urls)]) {
    if (await cache.match(url)) continue;
    try {
      await cache.add(url);
    } catch {
      missing.push(url);
    }
  }
  return missing;
}

const editorUrls = () => [here(PAGE), ...ASSETS.map(here)];

self.addEventListener("install", (event) => {
  // The editor's files are megabytes (the Python runtime): fetched only for someone who uses the editor,
  // never on a visit to the docs alone.
  event.waitUntil(editorWasUsed().then((used) => (used ? keep(editorUrls()) : [])).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

// A page lists what it loaded before this worker controlled it (the page itself, the theme's CSS and
// JS); the editor page also brings in the editor's assets. The answer says when all of it is kept, so
// a page (or a test) knows the next offline visit will find everything.
self.addEventListener("message", (event) => {
  const { type, urls } = event.data || {};
  if (type !== "cache" || !Array.isArray(urls)) return;
  const own = urls.filter((url) => typeof url === "string" && sameOrigin(url));
  const wanted = own.map((url) => (contentAddressed(url) ? url : pageKey(url)));
  if (own.some(isEditor)) wanted.push(...editorUrls());
  event.waitUntil(keep(wanted).then((missing) => event.source?.postMessage({ type: "cached", page: own[0] ?? null, kept: wanted.length - missing.length, missing })));
});

// A hit found ignoring the query carries the cached URL, and a script's URL becomes its location: the
// generator's worker reads the runtime and archive from its own query (worker.js). A response built
// here has no URL of its own, so the browser uses the one requested, as the network would.
function asRequested(hit, request) {
  if (hit.url === request.url) return hit;
  return new Response(hit.body, { status: hit.status, statusText: hit.statusText, headers: hit.headers });
}

function store(event, key, response) {
  if (!cacheable(response)) return;
  const copy = response.clone();
  event.waitUntil(caches.open(CACHE).then((cache) => cache.put(key, copy)));
}

async function networkFirst(event, key) {
  try {
    const response = await fetch(event.request);
    store(event, key, response);
    return response;
  } catch (error) {
    const hit = (await caches.match(key)) || (await caches.match(key, { ignoreSearch: true }));
    if (hit) return event.request.mode === "navigate" ? hit : asRequested(hit, event.request);
    throw error;
  }
}

async function cacheFirst(event) {
  const hit = await caches.match(event.request, { ignoreSearch: true });
  if (hit) return asRequested(hit, event.request);
  const response = await fetch(event.request);
  store(event, event.request.url, response);
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !sameOrigin(request.url) || request.headers.has("range")) return;
  if (request.mode === "navigate") event.respondWith(networkFirst(event, pageKey(request.url)));
  else if (contentAddressed(request.url)) event.respondWith(cacheFirst(event));
  else event.respondWith(networkFirst(event, request.url));
});
