"""Web assets: the map is pointed at the app's own copies, and refused when it needs one that is not served."""

import folium
import folium.plugins
import pytest

from footprint import webassets
from footprint.errors import AssetError


def test_installed_assets_are_all_there():
    assert webassets.missing() == []


def test_outlines_are_geojson_around_syria():
    outlines = webassets.outlines()
    assert outlines["type"] == "FeatureCollection"
    names = {f["properties"]["name"] for f in outlines["features"]}
    assert {"Syria", "Turkey", "Iraq", "Lebanon", "Jordan", "Israel"} <= names


def test_localize_points_a_map_at_local_copies():
    m = folium.Map(tiles=None)
    assert any("cdn" in url for _, url in m.default_js)
    webassets.localize(m)
    assert m.default_js == webassets.MAP_JS
    assert m.default_css == webassets.MAP_CSS
    assert all(url.startswith(webassets.URL_PREFIX) for _, url in m.default_js + m.default_css)


def test_localize_accepts_elements_that_need_nothing_more():
    m = folium.Map(tiles=None)
    group = folium.FeatureGroup(name="Turkey").add_to(m)
    folium.Marker((34.5, 38.2), tooltip="x", popup="y").add_to(group)
    folium.Circle((34.5, 38.2), radius=25_000).add_to(group)
    webassets.localize(m)
    html = m.get_root().render()
    assert "cdn" not in html


@pytest.mark.parametrize(
    ("make", "needs"),
    [
        (lambda: folium.plugins.MarkerCluster(), "MarkerCluster needs markerclusterdefaultcss"),
        (lambda: folium.plugins.Fullscreen(), "Fullscreen needs"),
        (lambda: folium.plugins.MiniMap(), "MiniMap needs"),
    ],
)
def test_localize_refuses_an_unknown_asset(make, needs):
    m = folium.Map(tiles=None)
    make().add_to(m)
    with pytest.raises(AssetError, match=needs) as info:
        webassets.localize(m)
    assert "does not serve offline" in str(info.value)
    assert "http" in str(info.value)  # names where folium would have fetched it


def test_outlines_missing_names_the_fix(monkeypatch, tmp_path):
    webassets.outlines.cache_clear()
    monkeypatch.setattr(webassets, "OUTLINES", tmp_path / "none.geojson")
    try:
        with pytest.raises(AssetError, match="make setup"):
            webassets.outlines()
    finally:
        webassets.outlines.cache_clear()


def test_install_without_node_modules_names_the_fix(tmp_path):
    with pytest.raises(AssetError, match="npm ci --prefix web"):
        webassets.install(tmp_path / "node_modules", tmp_path / "vendor")
