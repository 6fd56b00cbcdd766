"""The Folium map, tested by structure: layers, markers, circles, scripts, escaping."""

import json
import re

import folium
import pytest

from footprint import features as feat
from footprint import maps, store

CDN_MARKS = ("cdn.", "unpkg", "jsdelivr", "cdnjs", "code.jquery", "googleapis", "bootstrapcdn")


def feature(actor="Turkey", place_id="syr-palmyra", status="reported", precision=1, radius_km=None,
            lat=34.5624, lon=38.28402, place_name="Palmyra (Tadmur)", layer=None) -> feat.Feature:
    src = feat.Source(
        report_id="r1", title="A report", publisher="Pub", url="https://example.org/a", published="2025-06-05",
        claimant=None, excerpt="Turkish troops near Palmyra.", status=status, place="Palmyra", actor_text="Turkish",
        cue=None,
    )
    return feat.Feature(
        key=f"{actor}|{place_id}|{status}", layer=layer or actor, actor=actor, country_code="TUR", force=None,
        status=status, place_id=place_id, place_name=place_name, lat=lat, lon=lon, precision=precision,
        radius_km=radius_km, sources=[src],
    )


def children(element, kind):
    """Direct children of exactly this class (a folium Circle is also a Marker subclass)."""
    return [c for c in element._children.values() if type(c) is kind]


@pytest.fixture(scope="module")
def base_html() -> str:
    return maps.base_map().get_root().render()


@pytest.mark.parametrize("mark", CDN_MARKS)
def test_base_map_loads_nothing_from_a_cdn(base_html, mark):
    assert mark not in base_html


def test_base_map_scripts_are_served_by_the_app(base_html):
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', base_html)
    styles = re.findall(r'<link[^>]+href="([^"]+)"', base_html)
    assert scripts == ["/app/static/vendor/leaflet/leaflet.js", "/app/static/vendor/jquery/jquery.min.js",
                       "/app/static/vendor/markercluster/leaflet.markercluster.js"]
    assert styles and all(s.startswith("/app/static/") for s in styles)
    assert "/app/static/vendor/leaflet/leaflet.css" in styles


def test_base_map_structure():
    m = maps.base_map()
    [outlines] = children(m, folium.GeoJson)
    assert outlines.layer_name == "Country outlines (Natural Earth)"
    assert any(f["properties"]["name"] == "Syria" for f in outlines.data["features"])
    assert children(m, folium.TileLayer) == []
    assert m.location == list(maps.SYRIA_CENTER)


def test_tiles_only_when_asked_for():
    m = maps.base_map(tiles=True)
    [tiles] = children(m, folium.TileLayer)
    assert tiles.tiles == maps.OSM_TILES
    html = m.get_root().render()
    assert "tile.openstreetmap.org" in html
    assert not any(mark in html for mark in CDN_MARKS)


def rows(features, colors=None):
    """What the map draws for these features: one row per place (see footprint/places.js)."""
    placed = feat.places(features, list(colors or {}))
    layer_names = list(dict.fromkeys(f.layer for p in placed for f in p.features))
    found, outlines = maps.place_rows(placed, layer_names)
    keys = ("lat", "lon", "tooltip", "name", "segs", "reports", "review", "disputed", "precision", "radius",
            "outline", "kind")
    return [dict(zip(keys, r)) for r in found], outlines, layer_names


def test_one_marker_per_place_with_every_actor_and_status_there():
    features = [
        feature("Turkey", "syr-palmyra"),
        feature("Russia", "syr-palmyra", status="claimed"),
        feature("Turkey", "syr-t4", lat=34.52, lon=37.63, place_name="T4"),
        feature(None, "syr-homs", status=None, layer=feat.PLACES_LAYER, lat=34.73, lon=36.71, place_name="Homs"),
        feature(None, "syr-palmyra", status=None, layer=feat.PLACES_LAYER),  # named, but claims are here
    ]
    found, _, layer_names = rows(features, {"Turkey": "#d62728", "Russia": "#1f77b4"})
    assert layer_names == ["Turkey", "Russia"]
    by_name = {r["name"]: r for r in found}
    assert set(by_name) == {"Palmyra (Tadmur)", "T4", "Homs"}
    palmyra = by_name["Palmyra (Tadmur)"]
    assert (palmyra["lat"], palmyra["lon"]) == (34.5624, 38.28402)  # never moved off its place
    assert palmyra["segs"] == [[0, 0, 1], [1, 1, 1]]  # Turkey reported, Russia claimed, 1 report each
    assert palmyra["tooltip"] == "Palmyra (Tadmur) — Turkey: reported; Russia: claimed (1 report)"
    assert palmyra["kind"] == 0
    assert by_name["Homs"]["kind"] == 2 and by_name["Homs"]["segs"][0][0] == -1  # the grey dot


def test_tooltips_tell_two_places_of_one_name_apart():
    a = feature("Turkey", "syr-a", place_name="Tell Abyad")
    b = feature("Turkey", "syr-b", place_name="Tell Abyad", lat=36.0, lon=39.0)
    tips = [p.tooltip for p in feat.places([a, b])]
    assert len(set(tips)) == 2 and all(t.startswith("Tell Abyad — Turkey: reported") for t in tips)
    shown = feat.places([a, b])
    assert feat.clicked_place(shown, tips[1]).place_id == "syr-b"
    assert feat.clicked_place(shown, "  " + tips[0].replace(" ", "\n ")).place_id == "syr-a"
    assert feat.clicked_place(shown, "Elsewhere — Turkey: reported (1 report)") is None
    assert feat.clicked_place(shown, None) is None


@pytest.mark.parametrize(
    ("precision", "radius_km", "radius", "kind"),
    [(1, None, 0.0, 0), (2, 25.0, 25.0, 0), (3, 140.0, 140.0, 0), (4, 250.0, 0.0, 1), (2, None, 0.0, 0)],
)
def test_uncertainty_is_drawn_around_the_place(precision, radius_km, radius, kind):
    [row], _, _ = rows([feature(precision=precision, radius_km=radius_km)], {"Turkey": "#d62728"})
    assert (row["radius"], row["kind"], row["precision"]) == (radius, kind, precision)


def test_build_draws_the_places_and_fits_syria():
    m = maps.build([feature(), feature("Russia", "syr-tartus", lat=34.89, lon=35.88, place_name="Tartus")], {})
    [group] = children(m, folium.FeatureGroup)
    [layer] = children(group, maps.PlaceLayer)
    payload = json.loads(layer.payload)
    assert [p[3] for p in payload["places"]] == ["Palmyra (Tadmur)", "Tartus"]
    assert [name for name, _ in payload["layers"]] == ["Turkey", "Russia"]
    [fit] = [c for c in m._children.values() if type(c).__name__ == "FitBounds"]
    assert fit.bounds == maps.SYRIA_BOUNDS
    html = m.get_root().render()
    assert "L.markerClusterGroup(" in html and "/app/static/vendor/markercluster/MarkerCluster.css" in html


def test_the_map_grows_with_places_not_claims():
    """A thousand claims at one place draw one marker: the map's size follows the places."""
    many = [feature("Turkey", "syr-palmyra", status=s) for s in ("reported", "claimed", "planned")]
    for f in many:
        f.sources = f.sources * 300
    small = len(maps.build(many[:1], {}).get_root().render())
    big = len(maps.build(many, {}).get_root().render())
    assert big - small < 200


def test_store_map_has_every_place_once(filled_engine):
    features = feat.claim_features(store.claims(filled_engine))
    found, _, layer_names = rows(features)
    assert sorted(r["name"] for r in found) == sorted({f.place_name for f in features})
    drawn = {(layer_names[s[0]], s[1]) for r in found for s in r["segs"]}
    assert len(drawn) == len({(f.layer, f.status) for f in features})


HOSTILE = "<script>alert(1)</script> `${document.cookie}` \\"


def test_report_text_is_inert_in_the_rendered_map():
    """Strangers' names travel as JSON strings with no "<", ">" or "&" of their own (so nothing can
    close the script), and places.js writes every one of them through its esc()."""
    m = maps.build([feature(place_name=HOSTILE), feature("Russia", "syr-tartus", place_name="Tartus <b>", lat=34.9, lon=35.9)], {})
    html = m.get_root().render()
    assert "alert(1)" in html  # the text is there...
    assert "<script>alert" not in html  # ...but never as markup
    assert "Tartus <b>" not in html and "Tartus \\u003cb\\u003e" in html
    script = html[html.index("(function (DATA, GROUP)"):]
    for use in ("p[2]", "p[3]"):  # the tooltip and the name, only ever through esc()
        assert not re.search(rf"[+(]\s*{re.escape(use)}\s*[+)]", script.replace(f"esc({use})", "")), use


def test_script_json_cannot_close_a_script():
    text = maps.script_json({"a": "</script><b>&amp;\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><b>&amp;\u2028"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Palmyra", "Palmyra"),
        ("<b>", "&lt;b&gt;"),
        ('a "quoted" name', "a &quot;quoted&quot; name"),
        ("`x` ${y} \\z", "&#96;x&#96; &#36;{y} &#92;z"),
    ],
)
def test_js_safe(text, expected):
    assert maps.js_safe(text) == expected


@pytest.mark.parametrize("status", ["reported", "claimed", "planned", "warned-about", "denied", "withdrawn",
                                    "struck", "named"])
def test_status_svg_shape_per_status(status):
    svg = maps.status_svg(status, "#123456")
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "#123456" in svg
    assert svg != maps.status_svg("reported", "#123456") or status == "reported"


def test_legend_lists_actors_and_statuses():
    html = maps.legend_html([("Turkey", 6), ("<Evil>", 1)], {"Turkey": "#d62728"})
    assert "Turkey" in html and "&lt;Evil&gt;" in html and "<Evil>" not in html
    assert all(status in html for status in maps.STATUS_MEANING)


@pytest.mark.parametrize("place_id", ["syr-quneitra-governorate", "syr-golan-buffer-zone", "wof-1108779073"])
def test_governorates_districts_and_the_buffer_zone_are_drawn_as_their_outline(place_id):
    f = feature(place_id=place_id, precision=3, radius_km=30.0, lat=33.05, lon=35.9)
    [row], outlines, _ = rows([f], {"Turkey": "#d62728"})
    assert row["outline"] == place_id and row["radius"] == 0.0
    geometry = outlines[place_id]
    assert geometry["type"] in ("Polygon", "MultiPolygon")
    ring = geometry["coordinates"][0] if geometry["type"] == "Polygon" else geometry["coordinates"][0][0]
    lon, lat = ring[0]  # GeoJSON order: [lon, lat], inside Syria
    assert 35.5 < lon < 42.5 and 32.0 < lat < 37.5


def test_a_region_without_an_outline_keeps_its_circle():
    [row], outlines, _ = rows([feature(place_id="syr-northern-syria", precision=3, radius_km=140.0)])
    assert (row["outline"], row["radius"], outlines) == (None, 140.0, {})


def test_tiles_travel_with_the_places_so_switching_them_keeps_the_map():
    placed = feat.places([feature()])
    assert children(maps.places_group(placed, {}), folium.TileLayer) == []
    [tiles] = children(maps.places_group(placed, {}, tiles=True), folium.TileLayer)
    assert tiles.tiles == maps.OSM_TILES
