// Hide an announcement the reader dismissed (Material's inline script, as a file for `script-src 'self'`).
(function () {
  "use strict";
  var element = document.querySelector("[data-md-component=announce]");
  if (!element) return;
  var content = element.querySelector(".md-typeset");
  if (window.__md_hash(content.innerHTML) === window.__md_get("__announce")) element.hidden = true;
})();
