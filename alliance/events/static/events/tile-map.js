// Progressive enhancement, only when the site configures a tile server
// (MAP_TILE_URL): draws the local actions on map tiles. Without JavaScript,
// or without a tile server, the plain map and the complete list remain.
(function () {
  "use strict";
  var data = document.getElementById("tile-map-data");
  var box = document.querySelector("[data-tile-map]");
  if (!data || !box) { return; }
  var config = JSON.parse(data.textContent);
  var zoom = 1, size = 256, tiles = 1 << zoom, world = size * tiles;

  function project(lat, lon) {
    // Web Mercator, as a fraction of the world's width and height.
    var sin = Math.sin(lat * Math.PI / 180);
    sin = Math.min(Math.max(sin, -0.9999), 0.9999);
    return {
      x: (lon + 180) / 360,
      y: 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)
    };
  }

  var pending = tiles * tiles, failed = false;
  function loaded() {
    pending -= 1;
    if (pending === 0 && !failed) {
      box.hidden = false;
      box.removeAttribute("aria-hidden");
      var plain = document.querySelector("[data-plain-map]");
      if (plain) { plain.hidden = true; }
    }
  }
  for (var ty = 0; ty < tiles; ty++) {
    for (var tx = 0; tx < tiles; tx++) {
      var img = new Image();
      img.alt = "";
      img.className = "tile";
      img.style.left = (tx * size / world * 100) + "%";
      img.style.top = (ty * size / world * 100) + "%";
      img.onload = loaded;
      img.onerror = function () { failed = true; };
      img.src = config.url.replace("{z}", zoom).replace("{x}", tx).replace("{y}", ty);
      box.appendChild(img);
    }
  }
  config.points.forEach(function (point) {
    var at = project(point.lat, point.lon);
    var marker = document.createElement("a");
    marker.className = "marker";
    marker.href = point.href;
    marker.title = point.title;
    marker.setAttribute("aria-label", point.title);
    marker.style.left = (at.x * 100) + "%";
    marker.style.top = (at.y * 100) + "%";
    box.appendChild(marker);
  });
  if (config.attribution) {
    var credit = document.createElement("p");
    credit.className = "attribution";
    credit.textContent = config.attribution;
    box.appendChild(credit);
  }
}());
