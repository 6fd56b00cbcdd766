"""Snapshot import: a colleague's GeoJSON read back as an overlay, and hostile files refused whole."""

import json

import pytest

from footprint import snapshot
from footprint.errors import SnapshotError


def collection(*features):
    return {"type": "FeatureCollection", "features": list(features)}


def point(lon=38.28, lat=34.56, **props):
    base = {"layer": "Turkey", "actor": "Turkey", "status": "warned-about", "place": "Palmyra region",
            "place_id": "syr-palmyra-region",
            "sources": [{"title": "<b>T</b>", "publisher": "Wire", "url": "javascript:alert(1)", "published": None,
                         "claimant": "Israel", "excerpt": "Israel warned about Turkish bases near Palmyra."}]}
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": {**base, **props}}


def test_a_snapshot_is_read_back_keeping_only_what_the_overlay_shows():
    got = snapshot.imported(json.dumps(collection(point())).encode(), "colleague.geojson")
    [f] = got["features"]
    assert (f["actor"], f["status"], f["lat"], f["lon"]) == ("Turkey", "warned-about", 34.56, 38.28)
    assert f["sources"][0]["url"] is None  # only http(s) addresses are kept
    assert f["sources"][0]["title"] == "<b>T</b>"  # kept as text; the map escapes it


@pytest.mark.parametrize(("data", "message"), [
    (b"", "not valid JSON"),
    (b"\x89PNG\r\n\x1a\n", "not valid JSON"),
    (json.dumps({"type": "Feature"}).encode(), "not a GeoJSON FeatureCollection"),
    (json.dumps(collection(point(lon=1e308 * 10))).encode(), "not valid JSON|coordinates out of range"),
    (json.dumps(collection(point(lon=500))).encode(), "coordinates out of range"),
    (json.dumps(collection(point(actor=["Turkey"]))).encode(), "'actor' must be text, not list"),
    (json.dumps(collection(point(sources="many"))).encode(), "'sources' must be a list of objects"),
    (json.dumps(collection({"type": "Feature", "geometry": {"type": "Polygon", "coordinates": []},
                            "properties": {}})).encode(), "not a Feature with a Point geometry"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply|not valid JSON"),
])
def test_hostile_files_are_refused_whole(data, message):
    with pytest.raises(SnapshotError, match=message) as info:
        snapshot.imported(data, "their.geojson")
    assert str(info.value).startswith("their.geojson cannot be overlaid") or "MB" in str(info.value)


def test_a_100_mb_file_is_refused_before_it_is_parsed():
    big = b" " * (100 * 2**20)
    with pytest.raises(SnapshotError, match="their.geojson is 100 MB; a snapshot to overlay is at most 20 MB"):
        snapshot.imported(big, "their.geojson")


def test_too_many_features_are_refused():
    many = json.dumps(collection(*[point()] * (snapshot.MAX_IMPORT_FEATURES + 1))).encode()
    with pytest.raises(SnapshotError, match="at most 50000"):
        snapshot.imported(many, "x")


def test_the_overlay_shows_strangers_text_as_text():
    from footprint import maps

    hostile = point(place="<img src=x onerror=alert(1)>", actor="`${document.cookie}`")
    overlay = snapshot.imported(json.dumps(collection(hostile)).encode(), "x")
    m = maps.base_map()
    maps.overlay_group(overlay).add_to(m)
    html = m.get_root().render()
    assert "onerror=alert(1)" in html.replace("&lt;", "<").replace("&gt;", ">") or "onerror" in html
    assert "<img src=x" not in html and "${document.cookie}" not in html
