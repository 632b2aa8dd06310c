// The editor's service worker (written to the site root by sitebuild/editor.py, which fills in the
// cache name and the asset list). A second visit starts from this cache and works offline; a new
// build has a new cache name, so its install replaces the old cache.
const CACHE = "__CACHE_NAME__";
const ASSETS = ["__ASSETS__"]; // site-relative URLs of the editor's content-addressed assets
const PAGE = "editor/";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll([PAGE, ...ASSETS].map((path) => new URL(path, self.location).href))).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith("cs-editor-") && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

// The page lists what it loaded (theme CSS and JS, fonts-free icons); keep those too.
self.addEventListener("message", (event) => {
  const { type, urls } = event.data || {};
  if (type !== "cache" || !Array.isArray(urls)) return;
  const own = urls.filter((url) => new URL(url).origin === self.location.origin);
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(own.map((url) => cache.match(url).then((hit) => hit || cache.add(url).catch(() => undefined))))));
});

// A hit found ignoring the query carries the cached URL, and a script's URL becomes its location: the
// generator's worker reads the runtime and archive from its own query (worker.js). A response built
// here has no URL of its own, so the browser uses the one requested, as the network would.
function asRequested(hit, request) {
  if (hit.url === request.url) return hit;
  return new Response(hit.body, { status: hit.status, statusText: hit.statusText, headers: hit.headers });
}

const isEditor = (url) => /\/editor\/(index\.html)?$/.test(new URL(url).pathname);

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Pages: the network first, so a new build shows at once; the cached page when offline.
    event.respondWith(
      fetch(request).then(
        (response) => {
          if (response.ok && new URL(request.url).pathname.endsWith("/" + PAGE) && isEditor(request.url)) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(new URL(PAGE, self.location).href, copy));
          }
          return response;
        },
        () => caches.match(request, { ignoreSearch: true }).then((hit) => hit || (isEditor(request.url) ? caches.match(new URL(PAGE, self.location).href) : Response.error())),
      ),
    );
    return;
  }
  // Everything else the editor uses is content-addressed: the cache first, the network otherwise.
  event.respondWith(caches.match(request, { ignoreSearch: true }).then((hit) => (hit ? asRequested(hit, request) : fetch(request))));
});
