// Footprint's place markers: one marker per place, gathered into clusters where they would cover
// each other. Filled in by footprint/maps.py (PlaceLayer): DATA is a JSON literal made there,
// GROUP the Leaflet feature group the markers go into. Every string from a report goes into the
// page through esc(), so that it stays text; colours and shapes are Footprint's own.
(function (DATA, GROUP) {
  var ESC = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;"};
  function esc(s) { return String(s).replace(/[&<>"'`]/g, function (c) { return ESC[c]; }); }
  var layers = DATA.layers, statuses = DATA.statuses;
  // statuses drawn faded in a ring: not stated as fact
  var FIRM = {"reported": 1, "struck": 1};
  function color(seg) { return seg[0] < 0 ? DATA.grey : layers[seg[0]][1]; }
  function shape(status, c, size) {
    return '<svg width="' + size + '" height="' + size + '" viewBox="0 0 18 18" aria-hidden="true">' +
      DATA.shapes[status].split("{c}").join(esc(c)) + "</svg>";
  }
  // A ring split by actor colour, one arc per (actor, status), the count of reports inside.
  function ring(segs, label, size, cluster) {
    var r = 6.5, circ = 2 * Math.PI * r, total = 0, at = 0, arcs = "";
    segs.forEach(function (s) { total += s[2]; });
    segs.forEach(function (s) {
      var len = circ * s[2] / total, faded = !FIRM[statuses[s[1]]];
      arcs += '<circle cx="9" cy="9" r="6.5" fill="none" stroke="' + esc(color(s)) + '" stroke-width="4"' +
        (faded ? ' stroke-opacity="0.45"' : "") + ' stroke-dasharray="' + len.toFixed(2) + " " +
        (circ - len).toFixed(2) + '" stroke-dashoffset="' + (-at).toFixed(2) + '" transform="rotate(-90 9 9)"/>';
      at += len;
    });
    return '<svg width="' + size + '" height="' + size + '" viewBox="0 0 18 18" aria-hidden="true">' +
      '<circle cx="9" cy="9" r="8.8" fill="' + (cluster ? "#3a3a3a" : "#fff") + '"/>' + arcs +
      (cluster ? '<circle cx="9" cy="9" r="4.2" fill="#3a3a3a"/>' : "") +
      '<text x="9" y="9" dy="0.36em" text-anchor="middle" font-size="' + (label.length > 2 ? 5 : 6.5) +
      '" font-weight="700" fill="' + (cluster ? "#fff" : "#222") + '" font-family="system-ui,sans-serif">' +
      esc(label) + "</text></svg>";
  }
  function pairs(segs) {
    return "|" + segs.map(function (s) {
      return (s[0] < 0 ? DATA.placesLayer : layers[s[0]][0]) + ":" + statuses[s[1]];
    }).join("|") + "|";
  }
  // p = [lat, lon, tooltip, name, segs [[layer, status, reports]], reports, review, disputed,
  //      precision, radius km, outline key, kind (0 place, 1 country-wide, 2 only named)]
  function icon(p) {
    var segs = p[4], review = p[6], kind = p[11];
    var marks = (DATA.checks[review] || "") + (p[7] ? DATA.disputed : "");
    var attrs = ' data-place="' + esc(p[3]) + '" data-pairs="' + esc(pairs(segs)) + '" data-review="' +
      esc(review) + '" data-precision="' + p[8] + '"' + (p[7] ? ' data-disputed="1"' : "");
    if (kind === 1) {
      var glyphs = segs.map(function (s) { return shape(statuses[s[1]], color(s), 12); }).join("");
      return L.divIcon({className: "fp-icon", iconSize: null, iconAnchor: [-6, 10],
        html: '<div class="fp-marker fp-badge"' + attrs + '>country-wide ' + glyphs + marks + "</div>"});
    }
    var size, inner;
    if (segs.length === 1) {
      size = 18;
      inner = shape(statuses[segs[0][1]], color(segs[0]), size);
    } else {
      size = Math.min(30, 22 + Math.round(Math.log(p[5]) / Math.LN2));
      inner = ring(segs, p[5] > 99 ? "99+" : String(p[5]), size);
    }
    return L.divIcon({className: "fp-icon", iconSize: [size, size], iconAnchor: [size / 2, size / 2],
      html: '<div class="fp-marker" style="width:' + size + "px;height:" + size + 'px"' + attrs + ">" +
        inner + marks + "</div>"});
  }
  function popup(p) {
    var rows = p[4].map(function (s) {
      var name = s[0] < 0 ? "named" : layers[s[0]][0];
      return '<div class="fp-popup-row">' + shape(statuses[s[1]], color(s), 12) + " " + esc(name) +
        (s[0] < 0 ? "" : ": <i>" + esc(statuses[s[1]]) + "</i>") + " · " + s[2] + " report" +
        (s[2] === 1 ? "" : "s") + "</div>";
    }).join("");
    return '<div class="fp-popup"><b>' + esc(p[3]) + "</b>" + rows +
      '<div class="fp-popup-note">precision ' + p[8] + (p[7] ? " · <b>disputed</b>: another source says otherwise" : "") +
      " · the sources are in the sidebar</div></div>";
  }
  // Clusters: a ring of the actors of the places inside, with the number of places.
  function clusterIcon(cluster) {
    var sums = {}, segs = [];
    cluster.getAllChildMarkers().forEach(function (m) {
      m.options.fpSegs.forEach(function (s) {
        var k = s[0] + ":" + s[1];
        if (!sums[k]) { sums[k] = [s[0], s[1], 0]; segs.push(sums[k]); }
        sums[k][2] += s[2];
      });
    });
    var names = cluster.getAllChildMarkers().map(function (m) { return m.options.fpName; });
    var n = cluster.getChildCount(), size = n < 10 ? 30 : n < 100 ? 36 : 42;
    var title = n + " places (" + names.slice(0, 4).join(", ") + (n > 4 ? ", …" : "") + "): click to zoom in";
    return L.divIcon({className: "fp-icon", iconSize: [size, size],
      html: '<div class="fp-cluster" title="' + esc(title) + '" data-count="' + n + '" data-places="' +
        esc("|" + names.join("|") + "|") + '" data-pairs="' + esc(pairs(segs)) + '" style="width:' + size + "px;height:" + size + 'px">' +
        ring(segs, String(n), size, true) + "</div>"});
  }
  var areas = L.featureGroup();
  var drawnOutlines = {};
  var clusters = L.markerClusterGroup({maxClusterRadius: DATA.clusterRadius, showCoverageOnHover: false,
    spiderfyOnMaxZoom: true, zoomToBoundsOnClick: true, iconCreateFunction: clusterIcon});
  DATA.places.forEach(function (p) {
    var c = color(p[4][0]);
    if (p[10] && DATA.outlines[p[10]] && !drawnOutlines[p[10]]) {
      drawnOutlines[p[10]] = true;
      L.geoJSON(DATA.outlines[p[10]], {interactive: false, style: {color: c, weight: 1.5, dashArray: "6 4",
        fillColor: c, fillOpacity: 0.05}}).addTo(areas);
    } else if (p[9] > 0) {
      L.circle([p[0], p[1]], {radius: p[9] * 1000, color: c, weight: 1.5, dashArray: "6 4", fill: true,
        fillColor: c, fillOpacity: p[8] === 2 ? 0.10 : 0.05, interactive: false}).addTo(areas);
    }
    var marker = L.marker([p[0], p[1]], {icon: icon(p), fpSegs: p[4], fpName: p[3], keyboard: false,
      zIndexOffset: p[11] === 2 ? -100 : 0});
    marker.bindTooltip(esc(p[2]));
    marker.bindPopup(popup(p), {maxWidth: 300});
    if (p[11] === 1) { marker.addTo(GROUP); } else { clusters.addLayer(marker); }
  });
  areas.addTo(GROUP);
  clusters.addTo(GROUP);
})
