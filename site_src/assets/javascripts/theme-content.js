// Select content tabs before the page paints (Material's inline content script,
// as a file for `script-src 'self'`): the tab named in the URL fragment and,
// with the content.tabs.link feature, the tabs the reader picked last time.
(function () {
  "use strict";
  if (document.currentScript.hasAttribute("data-md-tabs-link")) {
    var tabs = window.__md_get("__tabs");
    if (Array.isArray(tabs)) {
      document.querySelectorAll(".tabbed-set").forEach(function (set) {
        var labels = set.querySelector(".tabbed-labels");
        var done = false;
        tabs.forEach(function (tab) {
          if (done) return;
          Array.from(labels.getElementsByTagName("label")).forEach(function (label) {
            if (!done && label.innerText.trim() === tab) {
              document.getElementById(label.htmlFor).checked = true;
              done = true;
            }
          });
        });
      });
    }
  }
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
