// Progressive enhancement: the service worker keeps the pages a reader opened for
// reading offline (alliance/core/offline.py). Browsers without it lose nothing.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!("serviceWorker" in navigator) || !script) { return; }
  var url = script.getAttribute("data-service-worker");
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(url, { scope: "/" }).catch(function () {
      /* Without the worker the site works as before. */
    });
  });
}());
