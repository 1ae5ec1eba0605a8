// The map of the situational picture: a progressive enhancement of the table below it.
// Hexagon counts come from the server per viewport and zoom; the named places as GeoJSON.
// The base map (the platform's own tiles, a configured service, or none) from core/base_map.js.
(function () {
  "use strict";
  var element = document.getElementById("incident-map");
  if (!element || typeof L === "undefined") {
    return;
  }
  var cellsUrl = element.getAttribute("data-cells-url");
  var placesUrl = element.getAttribute("data-places-url");
  var reports = element.getAttribute("data-label-reports") || "";
  var centre = (element.getAttribute("data-centre") || "").split(",").map(Number);
  if (centre.length !== 3 || centre.some(isNaN)) {
    centre = [62, 15, 5];
  }
  var map = L.map(element, { keyboard: true, zoomControl: true })
    .setView([centre[0], centre[1]], centre[2]);
  window.samverkanBaseMap(map, element);
  var shades = ["#dbe9f6", "#9ecae1", "#4a90c2", "#2b6ca3", "#08306b"];
  var cells = L.geoJSON(null, {
    style: function (feature) {
      var count = feature.properties.count || 1;
      var shade = shades[Math.min(shades.length - 1, Math.floor(Math.log2(count)))];
      return { color: "#08306b", weight: 1, fillColor: shade, fillOpacity: 0.6 };
    },
    onEachFeature: function (feature, layer) {
      // The count on the cell itself while the cells are few enough to read; else on hover.
      layer.bindTooltip(feature.properties.label, {
        permanent: few,
        direction: "center",
        className: few ? "cell-count" : "",
      });
      if (!few) {
        layer.setTooltipContent(feature.properties.label + " " + reports);
      }
    },
  }).addTo(map);
  var few = false;
  var FEW_CELLS = 60;
  var places = L.geoJSON(null, {
    style: function () {
      return { color: "#1b1b1b", weight: 2, fill: false, dashArray: "4 3" };
    },
    pointToLayer: function (feature, latlng) {
      return L.circleMarker(latlng, { radius: 6, color: "#1b1b1b", weight: 2, fillOpacity: 0 });
    },
    onEachFeature: function (feature, layer) {
      layer.bindTooltip(feature.properties.name, {
        permanent: true,
        direction: "top",
        className: "place-name",
      });
    },
  }).addTo(map);

  function load() {
    var bounds = map.getBounds();
    var bbox = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()]
      .map(function (v) { return v.toFixed(5); }).join(",");
    var glue = cellsUrl.indexOf("?") === -1 ? "?" : "&";
    fetch(cellsUrl + glue + "bbox=" + bbox + "&zoom=" + map.getZoom(), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data) {
          few = data.features.length <= FEW_CELLS;
          cells.clearLayers();
          cells.addData(data);
          element.setAttribute("data-resolution", data.resolution);
          element.setAttribute("data-loaded", "cells");
        }
      });
  }

  if (placesUrl) {
    fetch(placesUrl, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && data.features.length) {
          places.addData(data);
          map.fitBounds(places.getBounds(), { maxZoom: 14, padding: [20, 20] });
        } else {
          load();
        }
      });
  } else {
    load();
  }
  map.on("moveend", load);
})();
