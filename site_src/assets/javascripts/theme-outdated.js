// Show the outdated-version banner when the version selector said so
// (Material's inline script, as a file for `script-src 'self'`).
(function () {
  "use strict";
  var element = document.querySelector("[data-md-component=outdated]");
  var base = new URL(document.currentScript.getAttribute("data-md-base"), location);
  if (window.__md_get("__outdated", sessionStorage, base) === true && element) element.hidden = false;
})();
