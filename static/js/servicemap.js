/* Social map: markers from the GeoJSON API, "near me", and picking a point on the form's map.
   Popups are built with textContent: no service text is ever parsed as HTML. */
(function () {
  "use strict";

  var mapBox = document.getElementById("wp-map");
  var script = document.getElementById("servicemap-js");

  function leafletObject(name) {
    return name && window[name] ? window[name] : null;
  }

  // Category colours for dots whose colour is not in the stylesheet (categories added later).
  Array.prototype.forEach.call(document.querySelectorAll("[data-colour]"), function (el) {
    var colour = el.getAttribute("data-colour");
    var dot = el.classList.contains("wp-smap-dot") ? el : el.querySelector(".wp-smap-dot");
    if (dot && /^#[0-9a-fA-F]{6}$/.test(colour)) { dot.style.backgroundColor = colour; }
  });

  function popupFor(props) {
    var box = document.createElement("div");
    box.className = "wp-smap-popup";
    var link = document.createElement("a");
    link.href = props.url;
    link.textContent = props.name;
    box.appendChild(link);
    var org = document.createElement("div");
    org.textContent = props.organisation;
    box.appendChild(org);
    var address = document.createElement("div");
    address.textContent = props.address;
    box.appendChild(address);
    if (props.open_now && script) {
      var open = document.createElement("strong");
      open.textContent = script.getAttribute("data-open") || "";
      box.appendChild(open);
    }
    return box;
  }

  // Markers of the visible area only (?bbox=), fetched again when the map moves; the box is
  // widened to a 0.02° grid, so that neighbours ask for the same URL (kept by the server).
  var GRID = 0.02;
  function boxOf(map) {
    var b = map.getBounds();
    function down(v) { return (Math.floor(v / GRID) * GRID).toFixed(2); }
    function up(v) { return (Math.ceil(v / GRID) * GRID).toFixed(2); }
    return [down(Math.max(b.getWest(), -180)), down(Math.max(b.getSouth(), -90)),
            up(Math.min(b.getEast(), 180)), up(Math.min(b.getNorth(), 90))].join(",");
  }

  function loadMarkers(map, cluster, url) {
    var shown = {};
    var asked = {};
    var first = true;
    function load() {
      var box = boxOf(map);
      if (asked[box]) { return; }
      asked[box] = true;
      var withBox = url + (url.indexOf("?") < 0 ? "?" : "&") + "bbox=" + box;
      loadBox(map, cluster, withBox, shown, first);
      first = false;
    }
    load();
    map.on("moveend", load);
  }

  function loadBox(map, cluster, url, shown, fit) {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
      .then(function (response) { return response.ok ? response.json() : { features: [] }; })
      .then(function (data) {
        var bounds = [];
        data.features.forEach(function (feature) {
          if (shown[feature.id]) { return; }
          shown[feature.id] = true;
          var c = feature.geometry.coordinates;
          var colour = /^#[0-9a-fA-F]{6}$/.test(feature.properties.colour) ? feature.properties.colour : "#4b5563";
          var icon = L.divIcon({ className: "", html: "", iconSize: [20, 20] });
          var marker = L.marker([c[1], c[0]], { icon: icon, title: feature.properties.name, alt: feature.properties.name, keyboard: true });
          marker.on("add", function () {
            var el = marker.getElement();
            if (el) {
              el.classList.add("wp-smap-marker");
              el.style.backgroundColor = colour;
            }
          });
          marker.bindPopup(function () { return popupFor(feature.properties); });
          cluster.addLayer(marker);
          bounds.push([c[1], c[0]]);
        });
        if (!fit) { return; }
        if (bounds.length > 1 && bounds.length < 500) { map.fitBounds(bounds, { padding: [24, 24], maxZoom: 17 }); }
        else if (bounds.length === 1) { map.setView(bounds[0], 17); }
      })
      .catch(function () { /* the list beside the map shows the same services */ });
  }

  function setupPicker(map) {
    var lat = document.getElementById("latitude");
    var lon = document.getElementById("longitude");
    if (!lat || !lon) { return; }
    var marker = null;
    function place(latlng) {
      if (marker) { marker.setLatLng(latlng); } else { marker = L.marker(latlng).addTo(map); }
    }
    if (lat.value && lon.value) { place([parseFloat(lat.value), parseFloat(lon.value)]); }
    map.on("click", function (event) {
      lat.value = event.latlng.lat.toFixed(6);
      lon.value = event.latlng.lng.toFixed(6);
      place(event.latlng);
    });
  }

  // Leaflet blanks a tile it drops (to stop its download) with a data: GIF, which the CSP
  // (img-src 'self') refuses and reports on every zoom. Blank it with the same 1×1 GIF served
  // from our own origin; these are Leaflet 1.9's own methods with that one address changed.
  function blankTilesFromOurOrigin(emptyUrl) {
    var tiles = L.TileLayer.prototype;
    var grid = L.GridLayer.prototype;
    tiles._removeTile = function (key) {
      var tile = this._tiles[key];
      if (!tile) { return; }
      tile.el.setAttribute("src", emptyUrl);
      return grid._removeTile.call(this, key);
    };
    tiles._tileReady = function (coords, err, tile) {
      if (!this._map || (tile && tile.getAttribute("src") === emptyUrl)) { return; }
      return grid._tileReady.call(this, coords, err, tile);
    };
    tiles._abortLoading = function () {
      for (var key in this._tiles) {
        if (this._tiles[key].coords.z !== this._tileZoom) {
          var tile = this._tiles[key].el;
          tile.onload = L.Util.falseFn;
          tile.onerror = L.Util.falseFn;
          if (!tile.complete) {
            tile.src = emptyUrl;
            var coords = this._tiles[key].coords;
            L.DomUtil.remove(tile);
            delete this._tiles[key];
            this.fire("tileabort", { tile: tile, coords: coords });
          }
        }
      }
    };
  }

  // The shell from folium is the same on every page; this page's view and boundary are ours.
  function showView(map) {
    var centre = (mapBox.getAttribute("data-centre") || "").split(",").map(parseFloat);
    var zoom = parseInt(mapBox.getAttribute("data-zoom"), 10) || 15;
    if (centre.length === 2 && !isNaN(centre[0]) && !isNaN(centre[1])) { map.setView(centre, zoom); }
    var boundary = mapBox.getAttribute("data-boundary");
    if (boundary) {
      L.geoJSON({ type: "Feature", properties: {}, geometry: JSON.parse(boundary) }, {
        style: function () { return { color: "#1d4ed8", weight: 2, fillOpacity: 0.04 }; }
      }).addTo(map);
    }
  }

  var map = null;
  var started = false;
  // On /kaart the map shows from 60rem or in the map view: known without asking the browser to
  // lay the page out first (getClientRects() would, in the middle of the page's first load).
  var smapPage = mapBox && mapBox.closest ? mapBox.closest(".wp-smap-page") : null;
  var wide = window.matchMedia ? window.matchMedia("(min-width: 60rem)") : null;
  function shown() {
    if (smapPage) { return smapPage.getAttribute("data-view") === "kaart" || Boolean(wide && wide.matches); }
    return mapBox.getClientRects().length > 0;
  }
  // A map hidden behind the list (a phone) has no size yet: its view and its markers (which
  // depend on the visible area) wait until it is shown.
  function startMap() {
    if (!map) { return; }
    map.invalidateSize();
    if (started || !shown()) { return; }
    started = true;
    var cluster = leafletObject(mapBox.getAttribute("data-cluster"));
    showView(map);
    if (cluster && mapBox.getAttribute("data-markers")) {
      loadMarkers(map, cluster, mapBox.getAttribute("data-markers"));
    }
    if (mapBox.getAttribute("data-pick")) { setupPicker(map); }
  }

  // Leaflet, once it is there: the map's own page loads it with the page; /kaart's list view
  // leaves it out (templates/servicemap/_map.html) and it is loaded here, in order, the first
  // time the map is to be seen, with the map's stylesheets switched on for every width.
  var waiting = null;
  function withLeaflet(then) {
    if (window.L && leafletObject(mapBox.getAttribute("data-map"))) { then(); return; }
    if (waiting) { waiting.push(then); return; }
    waiting = [then];
    Array.prototype.forEach.call(document.querySelectorAll("link[data-map-css]"), function (link) {
      link.media = "all";
    });
    var last = null;
    (mapBox.getAttribute("data-scripts") || "").split(" ").forEach(function (url) {
      if (!url) { return; }
      last = document.createElement("script");
      last.src = url;
      last.async = false;  // run in the order given: Leaflet, MarkerCluster, the map
      document.head.appendChild(last);
    });
    if (!last) { waiting = null; return; }
    last.addEventListener("load", function () {
      var queued = waiting;
      waiting = null;
      queued.forEach(function (fn) { fn(); });
    });
  }

  function setUpMap() {
    if (map || !window.L) { return; }
    if (mapBox.getAttribute("data-empty-tile")) { blankTilesFromOurOrigin(mapBox.getAttribute("data-empty-tile")); }
    map = leafletObject(mapBox.getAttribute("data-map"));
  }

  // The map may have been laid out while hidden or resized: let Leaflet measure again.
  function mapMayShow() {
    if (map) { startMap(); return; }
    if (!shown()) { return; }
    withLeaflet(function () { setUpMap(); startMap(); });
  }

  if (mapBox) {
    mapMayShow();
    window.addEventListener("hashchange", mapMayShow);
    if (wide && wide.addEventListener) { wide.addEventListener("change", mapMayShow); }
  }

  // The list/map switch of a phone: the same links as without JavaScript, switched in place.
  var page = document.querySelector(".wp-smap-page");
  if (page) {
    var filters = page.querySelector(".wp-smap-filters");
    var nav = page.querySelector(".wp-smap-views");
    var links = page.querySelectorAll("[data-view-link]");
    var setView = function (view) {
      page.setAttribute("data-view", view);
      Array.prototype.forEach.call(links, function (other) {
        if (other.getAttribute("data-view-link") === view) { other.setAttribute("aria-current", "page"); }
        else { other.removeAttribute("aria-current"); }
      });
      var kept = filters && filters.querySelector("input[name=weergave]");
      if (view === "kaart" && filters && !kept) {
        kept = document.createElement("input");
        kept.type = "hidden";
        kept.name = "weergave";
        kept.value = "kaart";
        filters.appendChild(kept);
      } else if (view !== "kaart" && kept) {
        kept.parentNode.removeChild(kept);
      }
      if (view === "kaart") {
        mapMayShow();
        // Bring the whole map into sight, with the switch above it to go back.
        var box = mapBox && mapBox.getBoundingClientRect();
        if (box && box.bottom > window.innerHeight) { nav.scrollIntoView({ block: "start" }); }
      }
    };
    // An address that points at the map (/kaart#kaart, as links did before the switch) opens it.
    var toMap = function () {
      if (window.location.hash === "#kaart" && page.getAttribute("data-view") !== "kaart") { setView("kaart"); }
    };
    toMap();
    window.addEventListener("hashchange", toMap);
    Array.prototype.forEach.call(links, function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        setView(link.getAttribute("data-view-link"));
        if (window.history && history.replaceState) {
          history.replaceState(null, "", link.pathname + link.search);
        }
      });
    });
  }

  // "Near me": only when asked; the position goes into the query string, never stored.
  var near = document.querySelector(".wp-smap-near");
  if (near && "geolocation" in navigator) {
    near.hidden = false;
    near.addEventListener("click", function () {
      var form = near.form;
      var status = form.querySelector(".wp-smap-near-status");
      navigator.geolocation.getCurrentPosition(function (position) {
        ["lat", "lon"].forEach(function (name) {
          var input = form.querySelector("input[name=" + name + "]");
          if (!input) {
            input = document.createElement("input");
            input.type = "hidden";
            input.name = name;
            form.appendChild(input);
          }
          input.value = (name === "lat" ? position.coords.latitude : position.coords.longitude).toFixed(5);
        });
        form.submit();
      }, function () {
        if (status) { status.textContent = near.getAttribute("data-denied"); }
      }, { timeout: 10000, maximumAge: 60000 });
    });
  }
}());
