// Progressive enhancements of every page; without them the site works the same.
//
// 1. The service worker keeps the pages a reader opened for reading offline
//    (alliance/core/offline.py). Browsers without it lose nothing.
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

// 2. Where the browser has a system share sheet, offer it beside the plain share links
//    (core/includes/share.html). Nothing is sent anywhere until the reader picks an app.
(function () {
  "use strict";
  if (typeof navigator.share !== "function") { return; }
  document.querySelectorAll("[data-share-url]").forEach(function (block) {
    var item = block.querySelector("[data-share-native]");
    if (!item) { return; }
    item.hidden = false;
    item.querySelector("button").addEventListener("click", function () {
      navigator.share({
        title: block.getAttribute("data-share-title"),
        url: block.getAttribute("data-share-url")
      }).catch(function () { /* the reader closed the sheet */ });
    });
  });
}());
