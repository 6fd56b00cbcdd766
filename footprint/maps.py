"""The Folium map: one layer per foreign actor, a marker shape per status.

Nothing here calls Streamlit. ``base_map`` is the part that does not change
when layers are switched (outlines, optional tiles); ``layer_groups`` builds
the switchable layers, so the page can swap them without redrawing the map.
Every piece of text that came from a report is HTML-escaped here.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable

import folium

from . import gazetteer, webassets
from .features import PLACES_LAYER, Feature

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
    """Syria over offline country outlines; OpenStreetMap tiles only when asked for."""
    # keyboard=False: Leaflet's keyboard handler focuses the map on mousedown, which scrolls a
    # map taller than the window and swallows that first click on a marker.
    m = folium.Map(location=SYRIA_CENTER, zoom_start=6, tiles=None, control_scale=True,
                   prefer_canvas=False, max_bounds=False, keyboard=False)
    folium.GeoJson(
        webassets.outlines(),
        name="Country outlines (Natural Earth)",
        style_function=_outline_style,
        interactive=False,
        control=False,
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


def offsets(features: Iterable[Feature]) -> dict[str, tuple[int, int]]:
    """Pixel offsets that keep markers at the same point side by side (their latlng stays true)."""
    at: dict[tuple[float, float], list[Feature]] = defaultdict(list)
    for f in features:
        at[(round(f.lat, 4), round(f.lon, 4))].append(f)
    out = {}
    for group in at.values():
        wide = 120 if any(f.precision == 4 for f in group) else _ICON + 3
        n = len(group)
        for i, f in enumerate(sorted(group, key=lambda f: f.key)):
            if f.precision == 4:
                out[f.key] = (0, 22 * i)  # country-wide badges stack downwards, away from Palmyra
            else:
                out[f.key] = (int((i - (n - 1) / 2) * wide), 0)
    return out


def popup_html(feature: Feature) -> str:
    e = js_safe
    n, k, x = feature.n_reports, feature.n_publishers, len(feature.sources)
    counts = (f"{n} report{'s' if n != 1 else ''} from {k} independent source{'s' if k != 1 else ''}, "
              f"{x} excerpt{'s' if x != 1 else ''}")
    if feature.actor is None:
        return f'<div class="fp-popup"><b>{e(feature.place_name)}</b><br>named: {e(counts)}</div>'
    force = f" ({e(feature.force)})" if feature.force and feature.force != feature.actor else ""
    return (
        f'<div class="fp-popup"><b>{e(feature.place_name)}</b><br>'
        f"{e(feature.actor)}{force}: <i>{e(feature.status or '')}</i><br>"
        f"{e(counts)} · precision {feature.precision}"
        + ("<br><b>disputed</b>: another source says otherwise" if feature.disputed_with else "") + "</div>"
    )


_CHECKS = {"accepted": '<span class="fp-check" title="accepted by a reviewer">✓</span>',
           "edited": '<span class="fp-check fp-edited" title="corrected or added by a reviewer">✎</span>',
           "partly reviewed": '<span class="fp-check fp-partly" title="partly reviewed">✓</span>'}


_DISPUTED = '<span class="fp-disputed" title="disputed: another source denies it">!</span>'


def _icon(feature: Feature, color: str, offset: tuple[int, int]) -> folium.DivIcon:
    e = lambda s: js_safe(s or "")  # noqa: E731
    review = feature.review if feature.actor else "unreviewed"
    data = (f'data-layer="{e(feature.layer)}" data-status="{e(feature.status or "named")}" '
            f'data-place="{e(feature.place_name)}" data-review="{e(review)}"'
            + (' data-disputed="1"' if feature.disputed_with else ""))
    check = _CHECKS.get(review, "") + (_DISPUTED if feature.disputed_with else "")
    if feature.precision == 4 and feature.actor:
        label = f"{feature.actor}: {feature.status} (country-wide)"
        inner = (f'<div class="fp-marker fp-badge" {data} style="border-color:{e(color)}">'
                 f'{status_svg(feature.status, color, 12)} {e(label)}{check}</div>')
        # The badge starts just east of its point and stacks south-east, over the empty desert
        # towards Iraq, so that it hides no marker of a place.
        return folium.DivIcon(html=inner, icon_size=(210, 20),
                              icon_anchor=(-6 - offset[0], 10 - offset[1]), class_name="fp-icon")
    status = feature.status or "named"
    inner = f'<div class="fp-marker" {data}>{status_svg(status, color)}{check}</div>'
    half = _ICON // 2
    return folium.DivIcon(html=inner, icon_size=(_ICON, _ICON),
                          icon_anchor=(half - offset[0], half - offset[1]), class_name="fp-icon")


def layer_group(name: str, features: list[Feature], color: str,
                offsets_px: dict[str, tuple[int, int]]) -> folium.FeatureGroup:
    """One actor's layer (or the grey "Places named" layer) with its markers and uncertainty."""
    group = folium.FeatureGroup(name=name, show=True)
    shapes = gazetteer.outlines()
    for f in features:
        outline = shapes.get(f.place_id) if f.actor and f.precision == 3 else None
        if outline is not None:  # a governorate, district or the buffer zone: its own shape, not a circle
            folium.GeoJson(
                {"type": "Feature", "geometry": outline, "properties": {}},
                style_function=lambda _, c=color: {"color": c, "weight": 1.5, "dashArray": "6 4",
                                                   "fillColor": c, "fillOpacity": 0.05},
                interactive=False, control=False,
            ).add_to(group)
        elif f.actor and f.precision in (2, 3) and f.radius_km:
            folium.Circle(
                location=(f.lat, f.lon), radius=f.radius_km * 1000, color=color, weight=1.5,
                dash_array="6 4", fill=True, fill_color=color, fill_opacity=0.10 if f.precision == 2 else 0.05,
                interactive=False,
            ).add_to(group)
        folium.Marker(
            location=(f.lat, f.lon),
            icon=_icon(f, color, offsets_px.get(f.key, (0, 0))),
            tooltip=folium.Tooltip(js_safe(f.tooltip)),
            popup=folium.Popup(popup_html(f), max_width=280),
        ).add_to(group)
    webassets.localize(group)
    return group


def layer_groups(features: list[Feature], colors: dict[str, str]) -> list[folium.FeatureGroup]:
    """A FeatureGroup per layer present in ``features``: actors in the given order, places named last."""
    by_layer: dict[str, list[Feature]] = defaultdict(list)
    for f in features:
        by_layer[f.layer].append(f)
    offsets_px = offsets(features)
    groups = []
    for layer, items in by_layer.items():
        if layer == PLACES_LAYER:
            continue
        groups.append(layer_group(layer, items, colors.get(layer, "#555"), offsets_px))
    if PLACES_LAYER in by_layer:
        groups.append(layer_group(PLACES_LAYER, by_layer[PLACES_LAYER], PLACES_COLOR, offsets_px))
    return groups


def build(features: list[Feature], colors: dict[str, str], *, tiles: bool = False) -> folium.Map:
    """A complete map with every layer drawn in (for export, tests and the README screenshot)."""
    m = base_map(tiles=tiles)
    for group in layer_groups(features, colors):
        group.add_to(m)
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
    circles = ('<div class="fp-legend-row">dashed circle: “near” a place (~25 km) or a region\'s extent; '
               'dashed outline: a governorate, district or the buffer zone; '
               'rounded badge: country-wide (precision 4)</div>')
    ticks = ('<div class="fp-legend-row"><span style="display:inline-block;width:11px;height:11px;border-radius:50%;'
             'background:#1a7f37;color:#fff;font:bold 9px/11px sans-serif;text-align:center">✓</span> '
             'a reviewer accepted every source; <b>✎</b>: vouched for every source, correcting or adding '
             'some; grey ✓: some sources reviewed; <b style="color:#b42318">!</b>: disputed, one source puts '
             'the force there and another denies it</div>')
    return f'<div class="fp-legend-row">{actors_row}</div>{shapes}{circles}{ticks}'


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
