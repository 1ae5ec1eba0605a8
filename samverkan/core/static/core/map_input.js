// The map input: picking a point or drawing a route on a map, as a progressive enhancement of
// typed fields. The fields stay the source of truth and the path without JavaScript: the map
// only writes into them (latitude and longitude inputs, or a textarea of "lat, lon" lines) and
// follows what is typed. Everything comes from data- attributes of components/map_input.html;
// the named places from a JSON data block. The base map comes from core/base_map.js.
(function () {
  "use strict";
  var SWEDEN = [62, 15];
  var DIGITS = 6;

  function byId(id) {
    return id ? document.getElementById(id) : null;
  }

  function number(text) {
    var value = parseFloat(String(text || "").trim().replace(",", "."));
    return isFinite(value) ? value : null;
  }

  function routeOf(text) {
    var points = [];
    String(text || "").split(/\r?\n/).forEach(function (line) {
      var parts = line.trim().split(/[,;\s]+/).filter(Boolean);
      if (parts.length === 2) {
        var lat = number(parts[0]);
        var lon = number(parts[1]);
        if (lat !== null && lon !== null) {
          points.push([lat, lon]);
        }
      }
    });
    return points;
  }

  function setUp(box) {
    var element = box.querySelector("[data-map]");
    // The script may be on the page twice (two map inputs): each map is built once.
    if (!element || typeof L === "undefined" || box.getAttribute("data-started")) {
      return;
    }
    box.setAttribute("data-started", "1");
    var mode = box.getAttribute("data-mode") || "point";
    var latitude = byId(box.getAttribute("data-latitude"));
    var longitude = byId(box.getAttribute("data-longitude"));
    var route = byId(box.getAttribute("data-route"));
    var select = byId(box.getAttribute("data-place-select"));
    var placeValue = box.getAttribute("data-place-value") || "id";
    var placeSetsPoint = box.getAttribute("data-place-sets-point") === "1";
    var pointsAllowed = box.getAttribute("data-points") !== "0";
    var status = box.querySelector("[data-map-status]");
    var text = function (name) {
      return box.getAttribute("data-label-" + name) || "";
    };
    if (mode === "point" && !(latitude && longitude) && !select) {
      return;
    }
    if (mode === "route" && !route) {
      return;
    }
    box.hidden = false;

    var map = L.map(element, { keyboard: true, zoomControl: true }).setView(SWEDEN, 5);
    window.samverkanBaseMap(map, box);
    var marker = null;
    var line = L.polyline([], { color: "#005a9c", weight: 4, interactive: false });
    var vertices = L.layerGroup();
    if (mode === "route") {
      line.addTo(map);
      vertices.addTo(map);
    }
    var placesById = {};

    function say(message) {
      if (status) {
        status.textContent = message;
      }
    }

    function fixed(value) {
      return value.toFixed(DIGITS);
    }

    function showPoint(lat, lon, pan) {
      if (lat === null || lon === null) {
        if (marker) {
          map.removeLayer(marker);
          marker = null;
        }
        return;
      }
      if (!marker) {
        marker = L.circleMarker([lat, lon], {
          radius: 9, color: "#b00020", weight: 3, fillColor: "#b00020", fillOpacity: 0.4,
          interactive: false,
        }).addTo(map);
      } else {
        marker.setLatLng([lat, lon]);
      }
      if (pan) {
        map.panTo([lat, lon]);
      }
    }

    function writePoint(lat, lon) {
      latitude.value = fixed(lat);
      longitude.value = fixed(lon);
      var details = latitude.closest("details");
      if (details) {
        details.open = true;
      }
      latitude.dispatchEvent(new Event("change", { bubbles: true }));
      showPoint(lat, lon, false);
      say(text("set") + " " + fixed(lat) + ", " + fixed(lon));
    }

    function showRoute(fit) {
      var points = routeOf(route.value);
      line.setLatLngs(points);
      vertices.clearLayers();
      points.forEach(function (point) {
        L.circleMarker(point, { radius: 5, color: "#005a9c", weight: 2, fillOpacity: 0.8, interactive: false })
          .addTo(vertices);
      });
      if (fit && points.length) {
        map.fitBounds(line.getBounds(), { maxZoom: 16, padding: [20, 20] });
      }
      return points;
    }

    function routeLines() {
      return route.value.split(/\r?\n/).filter(function (item) { return item.trim(); });
    }

    function addVertex(lat, lon) {
      var lines = routeLines();
      lines.push(fixed(lat) + ", " + fixed(lon));
      route.value = lines.join("\n");
      var points = showRoute(false);
      say(text("added").replace("{count}", String(points.length)));
    }

    // A tap on a named place: with a list of places beside the map, it chooses the place (and,
    // where the form asks for it, the point tapped too); without one, it is a tap on the map.
    function tapPlace(feature, latlng) {
      if (!select) {
        pick(latlng);
        return;
      }
      var props = feature.properties || {};
      select.value = String(placeValue === "name" ? props.name : props.id);
      var message = text("place") + " " + props.name + ".";
      if (placeSetsPoint && latitude && longitude) {
        writePoint(latlng.lat, latlng.lng);
        message += " " + (status ? status.textContent : "");
      }
      say(message);
    }

    var places = L.geoJSON(null, {
      style: function () {
        return { color: "#1b1b1b", weight: 2, fillOpacity: 0.05, dashArray: "4 3" };
      },
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, { radius: 7, color: "#1b1b1b", weight: 2, fillOpacity: 0.1 });
      },
      onEachFeature: function (feature, layer) {
        placesById[String(feature.properties.id)] = { feature: feature, layer: layer };
        layer.bindTooltip(feature.properties.name);
        layer.on("click", function (event) {
          L.DomEvent.stopPropagation(event);
          tapPlace(feature, event.latlng);
        });
      },
    }).addTo(map);

    var source = byId(box.getAttribute("data-places"));
    if (source) {
      try {
        places.addData(JSON.parse(source.textContent));
      } catch (error) {
        // A broken data block leaves the map without places; the select still lists them.
      }
    }

    // A line to find one's way by (a walk's route for its findings): shown, never picked.
    var backdrop = null;
    var backdropSource = byId(box.getAttribute("data-backdrop"));
    if (backdropSource) {
      try {
        backdrop = L.geoJSON(JSON.parse(backdropSource.textContent), {
          style: function () {
            return { color: "#005a9c", weight: 3, dashArray: "6 4", interactive: false };
          },
        }).addTo(map);
      } catch (error) {
        backdrop = null;
      }
    }

    // The first view: what is already filled in, else the backdrop, else the named places,
    // else Sweden.
    var start = null;
    if (mode === "point" && latitude && longitude) {
      var lat0 = number(latitude.value);
      var lon0 = number(longitude.value);
      if (lat0 !== null && lon0 !== null) {
        start = [lat0, lon0];
        showPoint(lat0, lon0, false);
      }
    }
    if (start) {
      map.setView(start, 16);
    } else if (mode === "route" && showRoute(true).length) {
      // fitted to the route
    } else if (backdrop && backdrop.getLayers().length) {
      map.fitBounds(backdrop.getBounds(), { maxZoom: 16, padding: [20, 20] });
    } else if (places.getLayers().length) {
      map.fitBounds(places.getBounds(), { maxZoom: 15, padding: [20, 20] });
    }

    // With the council's address register: a tapped point is named by its nearest address,
    // said aloud and written into the address field unless the user typed one there.
    var addressUrl = box.getAttribute("data-address-url");
    var addressField = byId("id_address");
    function nameNearest(lat, lon) {
      if (!addressUrl || typeof fetch === "undefined") {
        return;
      }
      fetch(addressUrl + "?lat=" + fixed(lat) + "&lon=" + fixed(lon), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (answer) {
          var nearest = answer && answer.nearest;
          if (!nearest) {
            return;
          }
          if (addressField && (!addressField.value || addressField.getAttribute("data-filled") === "1")) {
            addressField.value = nearest.label;
            addressField.setAttribute("data-filled", "1");
          }
          say((status ? status.textContent + " " : "") + text("nearest") + " " + nearest.label + ".");
        })
        .catch(function () { /* the point stands without a name */ });
    }

    // A match chosen in the address finder: the point, the map and the address field follow.
    box.samverkanChoose = function (found) {
      if (latitude && longitude) {
        writePoint(found.latitude, found.longitude);
      }
      map.setView([found.latitude, found.longitude], Math.max(map.getZoom(), 17));
      if (addressField) {
        addressField.value = found.label;
        addressField.setAttribute("data-filled", "1");
      }
    };

    function pick(latlng) {
      if (mode === "route") {
        addVertex(latlng.lat, latlng.lng);
      } else if (pointsAllowed && latitude && longitude) {
        writePoint(latlng.lat, latlng.lng);
        nameNearest(latlng.lat, latlng.lng);
      } else {
        say(text("places-only"));
      }
    }

    map.on("click", function (event) {
      pick(event.latlng);
    });
    // The keyboard's click: with the map focused, Enter picks the middle of the map (the cross).
    element.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target === element) {
        event.preventDefault();
        pick(map.getCenter());
      }
    });

    if (mode === "point" && latitude && longitude) {
      var follow = function () {
        showPoint(number(latitude.value), number(longitude.value), true);
      };
      latitude.addEventListener("input", follow);
      longitude.addEventListener("input", follow);
    }
    if (mode === "route") {
      route.addEventListener("input", function () {
        showRoute(false);
      });
      var undo = box.querySelector("[data-map-undo]");
      var clear = box.querySelector("[data-map-clear]");
      if (undo) {
        undo.addEventListener("click", function () {
          var lines = routeLines();
          lines.pop();
          route.value = lines.join("\n");
          var points = showRoute(false);
          say(text("undone").replace("{count}", String(points.length)));
        });
      }
      if (clear) {
        clear.addEventListener("click", function () {
          route.value = "";
          showRoute(false);
          say(text("cleared"));
        });
      }
    }
    if (select) {
      select.addEventListener("change", function () {
        var entry = placesById[String(select.value)];
        if (!entry && placeValue === "name") {
          Object.keys(placesById).forEach(function (key) {
            if (placesById[key].feature.properties.name === select.value) {
              entry = placesById[key];
            }
          });
        }
        if (!entry) {
          return;
        }
        var bounds = entry.layer.getBounds ? entry.layer.getBounds() : null;
        if (bounds) {
          map.fitBounds(bounds, { maxZoom: 16, padding: [20, 20] });
        } else {
          map.setView(entry.layer.getLatLng(), 16);
        }
        // A place chosen in the list gives the point only where the form asks for it, and only
        // a place that is a point: a polygon's middle would claim a precision nobody gave.
        var point = entry.feature.properties.point;
        var isPoint = entry.feature.geometry && entry.feature.geometry.type === "Point";
        if (placeSetsPoint && isPoint && point && latitude && longitude) {
          writePoint(point[0], point[1]);
        }
      });
    }

    var locate = box.querySelector("[data-map-locate]");
    if (locate && "geolocation" in navigator && latitude && longitude) {
      locate.hidden = false;
      locate.addEventListener("click", function () {
        say(text("locating"));
        navigator.geolocation.getCurrentPosition(
          function (position) {
            writePoint(position.coords.latitude, position.coords.longitude);
            map.setView([position.coords.latitude, position.coords.longitude], 17);
            say(text("located"));
          },
          function () {
            say(text("failed"));
          },
          { enableHighAccuracy: true, timeout: 15000 }
        );
      });
    }
    box.setAttribute("data-ready", "1");
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-map-input]"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }

  // The address finder (incidents/address_finder.html): the matches as the user types, and a
  // chosen match sets the point without reloading; without JavaScript it is a plain search.
  function setUpFinder(form) {
    var input = form.querySelector("input[type=search]");
    var list = form.querySelector("datalist");
    var finderStatus = form.querySelector("[data-finder-status]");
    var url = form.getAttribute("data-url");
    var box = document.getElementById(form.getAttribute("data-map"));
    box = box ? box.closest("[data-map-input]") : null;
    if (!input || !list || !url || typeof fetch === "undefined" || form.getAttribute("data-started")) {
      return;
    }
    form.setAttribute("data-started", "1");
    var matches = {};
    var timer = null;
    function choose(found) {
      if (box && box.samverkanChoose) {
        box.samverkanChoose(found);
      } else {
        var lat = byId("id_latitude");
        var lon = byId("id_longitude");
        var address = byId("id_address");
        if (lat && lon) {
          lat.value = found.latitude.toFixed(6);
          lon.value = found.longitude.toFixed(6);
        }
        if (address) {
          address.value = found.label;
        }
      }
      if (finderStatus) {
        finderStatus.textContent = found.label;
      }
    }
    input.addEventListener("input", function () {
      var typed = input.value;
      if (matches[typed]) {
        choose(matches[typed]);
        return;
      }
      clearTimeout(timer);
      if (typed.trim().length < 2) {
        return;
      }
      timer = setTimeout(function () {
        fetch(url + "?q=" + encodeURIComponent(typed), { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (answer) {
            list.textContent = "";
            matches = {};
            (answer.results || []).forEach(function (found) {
              matches[found.label] = found;
              var option = document.createElement("option");
              option.value = found.label;
              list.appendChild(option);
            });
            if (finderStatus) {
              finderStatus.textContent = String((answer.results || []).length);
            }
          })
          .catch(function () { /* the plain search still works */ });
      }, 200);
    });
    form.addEventListener("submit", function (event) {
      if (matches[input.value]) {
        event.preventDefault();
        choose(matches[input.value]);
      }
    });
  }

  document.querySelectorAll("[data-address-finder]").forEach(setUpFinder);
})();
