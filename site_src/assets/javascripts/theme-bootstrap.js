// Material for MkDocs' head bootstrap, loaded as a file instead of inline so the
// site runs under `script-src 'self'`. It defines the globals the theme's other
// scripts and bundle use: the storage scope and small localStorage helpers.
// The scope comes from the <script> element's data-md-scope attribute.
(function () {
  "use strict";
  var scope = document.currentScript.getAttribute("data-md-scope") || ".";
  window.__md_scope = new URL(scope, location);
  window.__md_hash = function (value) {
    return Array.from(value).reduce(function (hash, char) {
      return (hash << 5) - hash + char.charCodeAt(0);
    }, 0);
  };
  window.__md_get = function (key, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    return JSON.parse(storage.getItem(base.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    try {
      storage.setItem(base.pathname + "." + key, JSON.stringify(value));
    } catch (error) {
      // Storage may be full or disabled; the theme works without it.
    }
  };
})();
