// Progressive enhancement: for online events, also show the start in the reader's own zone.
(function () {
  "use strict";
  var source = document.querySelector("time[data-local-time]");
  var target = document.querySelector("[data-local-time-target]");
  if (!source || !target || !window.Intl) { return; }
  var start = new Date(source.getAttribute("datetime"));
  if (isNaN(start.getTime())) { return; }
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var text = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
    weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit", timeZoneName: "short"
  }).format(start);
  target.textContent = (target.getAttribute("data-label") || "Your time: ") + text + (zone ? " (" + zone + ")" : "");
  target.hidden = false;
}());
