// Progressive enhancement: where the browser has a system share sheet, offer it
// beside the plain links. Nothing is sent anywhere until the reader picks an app.
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
