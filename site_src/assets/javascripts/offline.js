// Registers the site's service worker (sw.js at the site root, see editor/sw.js) from every page of the
// docs, so a page visited once opens offline with the theme's files. The page that registers it was
// loaded before the worker could see its requests, so it hands over what it loaded; the worker keeps
// pages it serves from then on by itself.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !("serviceWorker" in navigator)) return;
  var worker = new URL(script.getAttribute("data-sw"), location.href).href;
  addEventListener("load", function () {
    // The editor registers the worker itself once Python is up, so that caching never slows its start.
    if (document.getElementById("cs-editor")) return;
    navigator.serviceWorker.register(worker).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      var loaded = performance.getEntriesByType("resource").map(function (entry) { return entry.name; });
      var urls = [location.origin + location.pathname].concat(loaded.filter(function (name) { return name.indexOf(location.origin + "/") === 0; }));
      if (registration.active) registration.active.postMessage({ type: "cache", urls: urls });
    }).catch(function () {
      // No service worker here (an insecure origin, a host that serves no sw.js): the site works online as before.
    });
  });
})();
