// Event map: Leaflet with a local Natural Earth basemap (no tiles, no network beyond this server).
(function () {
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") { return; }
  var events = [];
  try { events = JSON.parse(document.getElementById("map-events").textContent || "[]"); } catch (e) { events = []; }
  var map = L.map(el, { worldCopyJump: true, attributionControl: true, zoomSnap: 0.5 });
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution("Natural Earth");
  var markers = L.featureGroup();
  events.forEach(function (e) {
    if (e.lat === null || e.lon === null || e.lat === undefined) { return; }
    var r = 7 + Math.min(12, Math.sqrt(e.fatalities || 0));
    var m = L.circleMarker([e.lat, e.lon], { radius: r, color: "#7a1f0f", weight: 2, fillColor: "#d9542b", fillOpacity: 0.75, className: "event-marker" });
    var div = document.createElement("div");
    div.textContent = e.label + (e.fatalities !== null && e.fatalities !== undefined ? " (" + e.fatalities + " fatalities)" : "");
    if (e.story_id) {
      var a = document.createElement("a"); a.href = "/stories/" + encodeURIComponent(e.story_id); a.textContent = " story";
      div.appendChild(a);
    }
    m.bindPopup(div);
    m.bindTooltip(e.label);
    markers.addLayer(m);
  });
  var fit = function () {
    if (markers.getLayers().length) {
      map.fitBounds(markers.getBounds().pad(0.5), { maxZoom: 7 });
    } else { map.setView([20, 10], 2); }
  };
  fit();
  var url = el.getAttribute("data-basemap");
  fetch(url).then(function (r) { return r.json(); }).then(function (topo) {
    var land = topojson.feature(topo, topo.objects.countries);
    var borders = topojson.mesh(topo, topo.objects.countries, function (a, b) { return a !== b; });
    L.geoJSON(land, { style: { color: "#b9b3a5", weight: 0, fillColor: "#efeadf", fillOpacity: 1 },
      onEachFeature: function (f, layer) { if (f.properties && f.properties.name) { layer.bindTooltip(f.properties.name, { sticky: true }); } }
    }).addTo(map).bringToBack();
    L.geoJSON(borders, { style: { color: "#8d8472", weight: 1, fill: false }, interactive: false }).addTo(map);
    markers.addTo(map);
    el.setAttribute("data-ready", "1");
  }).catch(function () {
    markers.addTo(map);
    el.setAttribute("data-ready", "no-basemap");
  });
})();
