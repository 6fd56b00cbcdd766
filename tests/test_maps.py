"""The Folium map, tested by structure: layers, markers, circles, scripts, escaping."""

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
    assert scripts == ["/app/static/vendor/leaflet/leaflet.js", "/app/static/vendor/jquery/jquery.min.js"]
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


def test_one_layer_per_actor_with_its_markers():
    features = [
        feature("Turkey", "syr-palmyra"),
        feature("Turkey", "syr-t4", lat=34.52, lon=37.63),
        feature("Russia", "syr-tartus", lat=34.89, lon=35.88),
        feature(None, "syr-homs", status=None, layer=feat.PLACES_LAYER, lat=34.73, lon=36.71),
    ]
    groups = maps.layer_groups(features, {"Turkey": "#d62728", "Russia": "#1f77b4"})
    assert [g.layer_name for g in groups] == ["Turkey", "Russia", feat.PLACES_LAYER]
    assert [len(children(g, folium.Marker)) for g in groups] == [2, 1, 1]
    assert all(isinstance(g, folium.FeatureGroup) for g in groups)
    locations = sorted(tuple(mk.location) for mk in children(groups[0], folium.Marker))
    assert locations == [(34.52, 37.63), (34.5624, 38.28402)]  # (lat, lon) for Folium


@pytest.mark.parametrize(
    ("precision", "radius_km", "circles"),
    [(1, None, []), (2, 25.0, [25_000.0]), (3, 140.0, [140_000.0]), (4, 250.0, []), (2, None, [])],
)
def test_uncertainty_circles(precision, radius_km, circles):
    [group] = maps.layer_groups([feature(precision=precision, radius_km=radius_km)], {"Turkey": "#d62728"})
    assert [c.options["radius"] for c in children(group, folium.Circle)] == circles
    assert len(children(group, folium.Marker)) == 1


def test_build_adds_every_layer_and_fits_syria():
    m = maps.build([feature(), feature("Russia", "syr-tartus", lat=34.89, lon=35.88)], {})
    names = [g.layer_name for g in children(m, folium.FeatureGroup)]
    assert names == ["Turkey", "Russia"]
    [fit] = [c for c in m._children.values() if type(c).__name__ == "FitBounds"]
    assert fit.bounds == maps.SYRIA_BOUNDS


def test_store_map_has_a_layer_per_actor(filled_engine):
    features = feat.claim_features(store.claims(filled_engine))
    groups = maps.layer_groups(features, {})
    expected = {name: n for name, n in feat.layers(features)}
    assert {g.layer_name: len(children(g, folium.Marker)) for g in groups} == expected


HOSTILE = "<script>alert(1)</script> `${document.cookie}` \\"


def test_report_text_is_escaped_in_the_rendered_map():
    m = maps.build([feature(place_name=HOSTILE), feature("Russia", place_name="Tartus <b>")], {})
    html = m.get_root().render()
    assert "alert(1)" in html  # the text is there...
    assert "<script>alert" not in html  # ...but never as markup
    assert "${document.cookie}" not in html  # nor as a template-literal substitution
    assert "`${" not in html
    assert "Tartus <b>" not in html


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


def test_offsets_separate_co_located_features():
    together = [feature("Turkey"), feature("Russia"), feature("Iran")]
    alone = feature("Turkey", "syr-t4", lat=34.52, lon=37.63)
    out = maps.offsets(together + [alone])
    assert len({out[f.key] for f in together}) == 3
    assert sorted(x for x, _ in (out[f.key] for f in together)) == [-21, 0, 21]
    assert out[alone.key] == (0, 0)


def test_offsets_stack_country_wide_badges():
    badges = [feature(a, "syr-airspace", precision=4, radius_km=250.0, lat=33.95, lon=39.45)
              for a in ("Israel", "Iran", "Russia")]
    out = maps.offsets(badges)
    assert sorted(out.values()) == [(0, 0), (0, 22), (0, 44)]  # downwards, away from Palmyra


def test_popup_names_actor_status_and_sources():
    html = maps.popup_html(feature(status="planned", precision=2, radius_km=25.0))
    assert "<b>Palmyra (Tadmur)</b>" in html
    assert "Turkey: <i>planned</i>" in html
    assert "1 report from 1 independent source, 1 excerpt · precision 2" in html


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
    [group] = maps.layer_groups([f], {"Turkey": "#d62728"})
    assert children(group, folium.Circle) == []
    [outline] = children(group, folium.GeoJson)
    geometry = outline.data["features"][0]["geometry"] if "features" in outline.data else outline.data["geometry"]
    assert geometry["type"] in ("Polygon", "MultiPolygon")
    ring = geometry["coordinates"][0] if geometry["type"] == "Polygon" else geometry["coordinates"][0][0]
    lon, lat = ring[0]  # GeoJSON order: [lon, lat], inside Syria
    assert 35.5 < lon < 42.5 and 32.0 < lat < 37.5
    assert len(children(group, folium.Marker)) == 1


def test_a_region_without_an_outline_keeps_its_circle():
    [group] = maps.layer_groups([feature(place_id="syr-northern-syria", precision=3, radius_km=140.0)],
                                {"Turkey": "#d62728"})
    assert [c.options["radius"] for c in children(group, folium.Circle)] == [140_000.0]
    assert children(group, folium.GeoJson) == []
