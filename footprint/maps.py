"""The Folium map: one layer per foreign actor, a marker shape per status.

Nothing here calls Streamlit. ``base_map`` is the part that does not change
when layers are switched (outlines, optional tiles); ``layer_groups`` builds
the switchable layers, so the page can swap them without redrawing the map.
Every piece of text that came from a report is HTML-escaped here.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import folium
from branca.element import MacroElement
from jinja2 import Template

from . import gazetteer, webassets
from .features import PLACES_LAYER, Feature, Place, places

SYRIA_CENTER = (35.0, 38.5)  # lat, lon
SYRIA_BOUNDS = [(32.3, 35.6), (37.4, 42.4)]  # [(south, west), (north, east)]
PLACES_COLOR = "#6b6b6b"
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "&copy; OpenStreetMap contributors"

_SHAPES = {
    "reported": '<circle cx="9" cy="9" r="6.5" fill="{c}" stroke="#fff" stroke-width="1.5"/>',
    "claimed": '<circle cx="9" cy="9" r="6" fill="#fff" stroke="{c}" stroke-width="3"/>',
    "planned": '<polygon points="9,1.5 16.5,9 9,16.5 1.5,9" fill="#fff" stroke="{c}" stroke-width="2.5" '
               'stroke-dasharray="3 2"/>',
    "warned-about": '<polygon points="9,1.5 16.8,15.5 1.2,15.5" fill="{c}" stroke="#fff" stroke-width="1.2"/>'
                    '<rect x="8.1" y="6.5" width="1.8" height="5" fill="#fff"/>'
                    '<rect x="8.1" y="12.5" width="1.8" height="1.8" fill="#fff"/>',
    "denied": '<circle cx="9" cy="9" r="6.5" fill="#fff" stroke="{c}" stroke-width="2"/>'
              '<path d="M5,5 L13,13 M13,5 L5,13" stroke="{c}" stroke-width="2.2"/>',
    "withdrawn": '<rect x="2.5" y="2.5" width="13" height="13" fill="#fff" stroke="{c}" stroke-width="2.5"/>'
                 '<path d="M5.5,9 H12.5 M9.5,6 L12.5,9 L9.5,12" stroke="{c}" stroke-width="1.8" fill="none"/>',
    "struck": '<polygon points="9,0.5 11.2,6.3 17.5,6.5 12.5,10.4 14.3,16.8 9,13 3.7,16.8 5.5,10.4 0.5,6.5 6.8,6.3" '
              'fill="{c}" stroke="#fff" stroke-width="1"/>',
    "named": '<circle cx="9" cy="9" r="4" fill="{c}" stroke="#fff" stroke-width="1.2"/>',
}
STATUS_MEANING = {
    "reported": "stated as fact",
    "claimed": "attributed, alleged, reportedly",
    "planned": "intended, negotiated, under construction",
    "warned-about": "a third party warns against it",
    "denied": "denied by the actor or another party",
    "withdrawn": "forces left, base handed over",
    "struck": "the actor struck there",
}
_ICON = 18  # px


def js_safe(text: str) -> str:
    """HTML-escaped text that is also inert inside the JS template literals folium writes."""
    return html.escape(text, quote=True).replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


def status_svg(status: str, color: str, size: int = _ICON) -> str:
    """An inline SVG of the marker shape for a status (also used by the legend)."""
    shape = _SHAPES.get(status, _SHAPES["reported"]).format(c=html.escape(color, quote=True))
    return f'<svg width="{size}" height="{size}" viewBox="0 0 18 18" aria-hidden="true">{shape}</svg>'


def base_map(*, tiles: bool = False) -> folium.Map:
    """Syria over offline country outlines, in a pane under the tiles' (so that tiles, when asked
    for, cover them); OpenStreetMap tiles only when asked for."""
    # keyboard=False: Leaflet's keyboard handler focuses the map on mousedown, which scrolls a
    # map taller than the window and swallows that first click on a marker.
    m = folium.Map(location=SYRIA_CENTER, zoom_start=6, tiles=None, control_scale=True,
                   prefer_canvas=False, max_bounds=False, keyboard=False)
    # Without tiles Leaflet knows no zoom range, and the clusters need one.
    m.options.update(minZoom=4, maxZoom=17)
    folium.map.CustomPane("fp-outlines", z_index=150, pointer_events=False).add_to(m)
    folium.GeoJson(
        webassets.outlines(),
        name="Country outlines (Natural Earth)",
        style_function=_outline_style,
        interactive=False,
        control=False,
        pane="fp-outlines",
    ).add_to(m)
    if tiles:
        folium.TileLayer(OSM_TILES, attr=OSM_ATTRIBUTION, name="OpenStreetMap", control=False).add_to(m)
    m.fit_bounds(SYRIA_BOUNDS)
    webassets.localize(m)
    return m


def _outline_style(feature: dict) -> dict:
    syria = feature["properties"].get("name") == "Syria"
    return {
        "color": "#444" if syria else "#999",
        "weight": 2 if syria else 0.8,
        "fillColor": "#f4efe4" if syria else "#e9eef2",
        "fillOpacity": 1.0,
    }


#: Places closer than this (pixels, at the map's zoom) gather into one cluster, so that no marker
#: covers another: every marker stays clickable at every zoom.
CLUSTER_RADIUS_PX = 30
_PLACES_JS = (Path(__file__).with_name("places.js")).read_text(encoding="utf-8")
_REVIEW_MARKS = {"accepted": '<span class="fp-check" title="accepted by a reviewer">✓</span>',
                 "edited": '<span class="fp-check fp-edited" title="corrected or added by a reviewer">✎</span>',
                 "partly reviewed": '<span class="fp-check fp-partly" title="partly reviewed">✓</span>'}
_DISPUTED = '<span class="fp-disputed" title="disputed: another source denies it">!</span>'


def script_json(value) -> str:
    """JSON that is inert inside an HTML <script> and a JavaScript source: no "<", ">", "&" or
    line separators appear as themselves."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                       ("\u2029", "\\u2029")):
        text = text.replace(char, code)
    return text


def place_rows(places: list[Place], layer_names: list[str]) -> tuple[list[list], dict[str, dict]]:
    """The compact rows ``places.js`` draws (see its comment), and the outlines they refer to."""
    from .cues import STATUSES

    index = {name: i for i, name in enumerate(layer_names)}
    status_index = {s: i for i, s in enumerate(STATUSES)}
    shapes = gazetteer.outlines()
    rows, outlines = [], {}
    for p in places:
        if p.features:
            segs = [[index.get(f.layer, 0), status_index.get(f.status, 0), f.n_reports] for f in p.features]
        else:
            segs = [[-1, len(STATUSES), p.n_reports]]  # only named: the grey dot
        kind = 2 if not p.features else 1 if p.precision == 4 else 0
        outline_key, radius = None, 0.0
        if p.features and kind == 0:
            wide = [f for f in p.features if f.precision in (2, 3)]
            if any(f.precision == 3 for f in wide) and p.place_id in shapes:
                outline_key = p.place_id
                outlines[p.place_id] = shapes[p.place_id]
            elif wide:
                radius = max(f.radius_km or 0.0 for f in wide)
        rows.append([round(p.lat, 5), round(p.lon, 5), p.tooltip, p.name, segs, p.n_reports,
                     p.review if p.features else "unreviewed", 1 if p.disputed else 0, p.precision,
                     round(radius, 1), outline_key, kind])
    return rows, outlines


class PlaceLayer(MacroElement):
    """Every place of ``places`` as one marker (``places.js``), in clusters where they would
    overlap; with the dashed circle or outline of a place named only roughly."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this.code }}({{ this.payload }}, {{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, places: list[Place], colors: dict[str, str]):
        super().__init__()
        self._name = "PlaceLayer"
        from .cues import STATUSES

        layer_names = list(dict.fromkeys(f.layer for p in places for f in p.features))
        rows, outlines = place_rows(places, layer_names)
        payload = {
            "layers": [[name, colors.get(name, "#555")] for name in layer_names],
            "statuses": list(STATUSES) + ["named"],
            "shapes": _SHAPES, "grey": PLACES_COLOR, "placesLayer": PLACES_LAYER,
            "checks": _REVIEW_MARKS, "disputed": _DISPUTED, "clusterRadius": CLUSTER_RADIUS_PX,
            "places": rows, "outlines": outlines,
        }
        self.code = _PLACES_JS
        self.payload = script_json(payload)


def places_group(placed: list[Place], colors: dict[str, str], *, tiles: bool = False) -> folium.FeatureGroup:
    """The layer the page swaps on every change: the shown places (``features.places``), and
    the online tiles when asked for (kept here, not on the base map, so that switching them does
    not redraw the map and lose its zoom)."""
    group = folium.FeatureGroup(name="Places", show=True)
    if tiles:
        folium.TileLayer(OSM_TILES, attr=OSM_ATTRIBUTION, name="OpenStreetMap", control=False).add_to(group)
    PlaceLayer(placed, colors).add_to(group)
    return group


def build(features: list[Feature], colors: dict[str, str], *, tiles: bool = False) -> folium.Map:
    """A complete map with the places drawn in (for export, tests and the README screenshot)."""
    m = base_map()
    places_group(places(features, list(colors)), colors, tiles=tiles).add_to(m)
    webassets.localize(m)
    return m


def legend_html(layers: list[tuple[str, int]], colors: dict[str, str]) -> str:
    """Actor colours and status shapes, as escaped HTML for the sidebar."""
    e = html.escape
    actors_row = " ".join(
        f'<span style="white-space:nowrap"><span style="display:inline-block;width:10px;height:10px;'
        f'background:{e(colors.get(name, "#555"), quote=True)};border-radius:2px"></span> {e(name)}</span>'
        for name, _ in layers
    )
    shapes = "".join(
        f'<div class="fp-legend-row">{status_svg(status, "#333", 14)} <b>{e(status)}</b>: {e(meaning)}</div>'
        for status, meaning in STATUS_MEANING.items()
    )
    rings = ('<div class="fp-legend-row">one marker per place: its status shape when one force is claimed '
             'there in one way; otherwise a ring split by actor colour (faded: not stated as fact) with the '
             'number of reports inside. A dark ring gathers places too close to tell apart at this zoom, with their number: click it to zoom in.</div>')
    circles = ('<div class="fp-legend-row">dashed circle: “near” a place (~25 km) or a region\'s extent; '
               'dashed outline: a governorate, district or the buffer zone; '
               'rounded badge: country-wide (precision 4)</div>')
    ticks = ('<div class="fp-legend-row"><span style="display:inline-block;width:11px;height:11px;border-radius:50%;'
             'background:#1a7f37;color:#fff;font:bold 9px/11px sans-serif;text-align:center">✓</span> '
             'a reviewer accepted every source; <b>✎</b>: vouched for every source, correcting or adding '
             'some; grey ✓: some sources reviewed; <b style="color:#b42318">!</b>: disputed, one source puts '
             'the force there and another denies it</div>')
    return f'<div class="fp-legend-row">{actors_row}</div>{shapes}{rings}{circles}{ticks}'


CHANGE_COLORS = {"new": "#1a7f37", "changed": "#1f5fbf", "gone": "#b42318"}


def change_map(found, *, tiles: bool = False) -> folium.Map:
    """The changes between two dates on the base map: green new, blue changed, red gone; each
    marker's tooltip says what changed (escaped)."""
    m = base_map(tiles=tiles)
    group = folium.FeatureGroup(name="Change", show=True)
    for c in found:
        color = CHANGE_COLORS.get(c.kind, "#555")
        folium.CircleMarker(location=(c.lat, c.lon), radius=7, color="#fff", weight=1.5, fill=True,
                            fill_color=color, fill_opacity=0.9,
                            tooltip=folium.Tooltip(js_safe(c.summary))).add_to(group)
    group.add_to(m)
    return m


def overlay_group(overlay: dict) -> folium.FeatureGroup:
    """A read-only overlay of an imported snapshot: hollow dashed rings, tooltips and popups of
    escaped text, no review, no click-through to the sidebar."""
    group = folium.FeatureGroup(name="Imported snapshot", show=True)
    when = overlay.get("generated_at") or "an unknown date"
    for f in overlay["features"]:
        what = f"{f['actor']}: {f['status']}" if f.get("actor") else "place named"
        label = f"overlay ({when}): {f.get('place') or '?'} — {what}"
        lines = "".join(f"<li>{js_safe(s.get('publisher') or '?')}: {js_safe((s.get('excerpt') or '')[:300])}</li>"
                        for s in f["sources"][:5])
        folium.CircleMarker(location=(f["lat"], f["lon"]), radius=9, color="#222", weight=2, dash_array="3 3",
                            fill=False, tooltip=folium.Tooltip(js_safe(label)),
                            popup=folium.Popup(f'<div class="fp-popup"><b>{js_safe(label)}</b><ul>{lines}</ul></div>',
                                               max_width=320)).add_to(group)
    return group
