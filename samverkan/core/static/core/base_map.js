// The base map under every map, from the data-tiles-* attributes core's template tag
// `base_map_attributes` writes: the platform's own tiles (/tiles/), a tile service the operator
// named, or none (the map then shows the council's areas and places only). Always a metric
// scale bar. The credit line is the operator's or the archive's text, shown as text.
(function () {
  "use strict";
  function escaped(text) {
    return String(text || "").replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  window.samverkanBaseMap = function (map, element) {
    var holder = element.closest("[data-tiles-source]") || element;
    var url = holder.getAttribute("data-tiles-url");
    if (url) {
      var minZoom = parseInt(holder.getAttribute("data-tiles-min-zoom"), 10);
      var maxZoom = parseInt(holder.getAttribute("data-tiles-max-zoom"), 10);
      L.tileLayer(url, {
        minZoom: isFinite(minZoom) ? minZoom : 0,
        maxNativeZoom: isFinite(maxZoom) ? maxZoom : 19,
        maxZoom: 19,
        attribution: escaped(holder.getAttribute("data-tiles-attribution")),
      }).addTo(map);
    }
    L.control.scale({ imperial: false }).addTo(map);
  };
})();
