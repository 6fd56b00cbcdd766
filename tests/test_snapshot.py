"""The GeoJSON snapshot: RFC 7946 shape, [lon, lat] order, what the selection keeps, and reading one back."""

import dataclasses
import datetime as dt
import json

import pytest

from footprint import features as feat
from footprint import snapshot, store
from footprint.errors import SnapshotError

WHEN = dt.datetime(2025, 6, 6, 12, 30, 15, 123456, tzinfo=dt.timezone.utc)


def feature(actor="Turkey", lat=34.5624, lon=38.28402, **changes) -> feat.Feature:
    src = feat.Source(
        report_id="r1", title="Israel warns Turkey", publisher="Example News", url="https://example.org/a",
        published="2025-06-05", claimant="Israel", excerpt="Israel warned about Turkish bases near Palmyra.",
        status="warned-about", place="near Palmyra", actor_text="Turkish", cue="warned",
    )
    values = dict(
        key=f"{actor}|syr-palmyra-region|warned-about", layer=actor, actor=actor, country_code="TUR", force=None,
        status="warned-about", place_id="syr-palmyra-region", place_name="Palmyra region", lat=lat, lon=lon,
        precision=2, radius_km=25.0, sources=[src],
    )
    values.update(changes)
    return feat.Feature(**values)


def test_feature_collection_shape():
    collection = snapshot.snapshot([feature()], feat.Selection(frozenset({"Turkey"})), generated_at=WHEN)
    assert collection["type"] == "FeatureCollection"
    assert collection["generated_at"] == "2025-06-06T12:30:15+00:00"
    assert collection["filters"] == {"actors": ["Turkey"], "places_named": False, "reviewed_only": False}
    assert "GeoNames" in collection["attribution"] and "Natural Earth" in collection["attribution"]
    [f] = collection["features"]
    assert f["type"] == "Feature"
    assert f["id"] == "Turkey|syr-palmyra-region|warned-about"
    assert f["geometry"] == {"type": "Point", "coordinates": [38.28402, 34.5624]}
    props = f["properties"]
    assert {k: props[k] for k in ("actor", "country_code", "status", "place", "precision", "first_date",
                                  "last_date", "n_reports", "kind")} == {
        "actor": "Turkey", "country_code": "TUR", "status": "warned-about", "place": "Palmyra region",
        "precision": 2, "first_date": "2025-06-05", "last_date": "2025-06-05", "n_reports": 1, "kind": "claim",
    }
    assert props["sources"] == [{
        "title": "Israel warns Turkey", "publisher": "Example News", "url": "https://example.org/a",
        "published": "2025-06-05", "claimant": "Israel",
        "excerpt": "Israel warned about Turkish bases near Palmyra.", "reposts": [],
        "review": "unreviewed", "reviewer": None, "reviewed_at": None,
    }]
    assert props["review"] == "unreviewed"
    assert snapshot.validate(collection) is collection


@pytest.mark.parametrize(
    ("lat", "lon", "coordinates"),
    [
        (34.5624, 38.28402, [38.28402, 34.5624]),
        (34.123456789, 38.987654321, [38.987654, 34.123457]),
        (-33.9, 151.2, [151.2, -33.9]),
    ],
)
def test_coordinates_are_lon_lat_with_six_decimals(lat, lon, coordinates):
    collection = snapshot.snapshot([feature(lat=lat, lon=lon)], feat.Selection(frozenset({"Turkey"})))
    assert collection["features"][0]["geometry"]["coordinates"] == coordinates


def test_dumps_round_trips_through_loads():
    collection = snapshot.snapshot([feature(), feature("Russia")], feat.Selection(frozenset({"Turkey", "Russia"})))
    text = snapshot.dumps(collection)
    assert snapshot.loads(text) == collection
    assert snapshot.loads(text.encode("utf-8")) == collection


def test_non_ascii_kept_readable():
    collection = snapshot.snapshot([feature(place_name="Tall Abyaḍ")], feat.Selection(frozenset({"Turkey"})))
    assert "Tall Abyaḍ" in snapshot.dumps(collection)


@pytest.mark.parametrize(
    ("selection", "layers"),
    [
        (feat.Selection(frozenset({"Turkey", "Russia"})), ["Turkey", "Russia"]),
        (feat.Selection(frozenset({"Russia"})), ["Russia"]),
        (feat.Selection(frozenset({"Russia"}), places_named=True), ["Russia", feat.PLACES_LAYER]),
        (feat.Selection(frozenset()), []),
    ],
)
def test_snapshot_holds_only_the_selection(selection, layers):
    places = feature(actor=None, layer=feat.PLACES_LAYER, key="Places named|syr-palmyra", status=None,
                     country_code=None)
    collection = snapshot.snapshot([feature(), feature("Russia"), places], selection)
    assert [f["properties"]["layer"] for f in collection["features"]] == layers
    assert collection["filters"] == {"actors": sorted(selection.actors), "places_named": selection.places_named,
                                     "reviewed_only": False}


def test_store_snapshot_without_turkey(filled_engine):
    features = feat.claim_features(store.claims(filled_engine))
    actors = {f.actor for f in features}
    assert "Turkey" in actors
    everything = snapshot.snapshot(features, feat.Selection(frozenset(actors)))
    without = snapshot.snapshot(features, feat.Selection(frozenset(actors - {"Turkey"})))
    assert any(f["properties"]["actor"] == "Turkey" for f in everything["features"])
    assert not any(f["properties"]["actor"] == "Turkey" for f in without["features"])
    n_turkey = sum(1 for f in features if f.actor == "Turkey")
    assert len(everything["features"]) - len(without["features"]) == n_turkey
    for f in everything["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert 32.3 <= lat <= 37.4 and 35.6 <= lon <= 42.5
        assert all(len(repr(v).split(".")[-1]) <= 6 for v in (lon, lat))


def test_store_snapshot_places_palmyra_at_lon_lat(filled_engine):
    features = feat.claim_features(store.claims(filled_engine))
    collection = snapshot.snapshot(features, feat.Selection(frozenset({"Turkey"})))
    palmyra = next(f for f in collection["features"] if f["properties"]["place_id"] == "syr-palmyra-region")
    lon, lat = palmyra["geometry"]["coordinates"]
    assert lon == pytest.approx(38.28, abs=0.01)
    assert lat == pytest.approx(34.56, abs=0.01)
    assert palmyra["properties"]["sources"][0]["claimant"] == "Israel"


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (dt.date(2025, 6, 5), "footprint-snapshot-2025-06-05.geojson"),
        (dt.date(2024, 12, 31), "footprint-snapshot-2024-12-31.geojson"),
    ],
)
def test_filename(day, name):
    assert snapshot.filename(day) == name


def test_filename_defaults_to_today():
    assert snapshot.filename() == f"footprint-snapshot-{dt.date.today().isoformat()}.geojson"


def _collection(coordinates=None, **feature_changes) -> str:
    f = {"type": "Feature", "geometry": {"type": "Point", "coordinates": coordinates or [38.28, 34.56]},
         "properties": {}}
    f.update(feature_changes)
    return json.dumps({"type": "FeatureCollection", "features": [f]})


def test_loads_accepts_a_minimal_collection():
    assert snapshot.loads(_collection())["features"][0]["geometry"]["coordinates"] == [38.28, 34.56]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not valid JSON"),
        ("", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not valid JSON"),
        ("[]", "not a GeoJSON FeatureCollection"),
        ('"FeatureCollection"', "not a GeoJSON FeatureCollection"),
        ('{"type": "Feature"}', "not a GeoJSON FeatureCollection"),
        ('{"type": "FeatureCollection"}', "needs a 'features' list"),
        ('{"type": "FeatureCollection", "features": {}}', "needs a 'features' list"),
        ('{"type": "FeatureCollection", "features": [1]}', "feature 0 is not a Feature"),
        (_collection(type="Polygon"), "feature 0 is not a Feature"),
        (_collection(geometry={"type": "LineString", "coordinates": [[1, 2], [3, 4]]}), "not a Feature with a Point"),
        (_collection([38.28]), "not a Feature with a Point"),
        (_collection([38.28, 34.56, 100.0]), "not a Feature with a Point"),
        (_collection([200.0, 34.56]), "out of range"),
        (_collection([38.28, 95.0]), "out of range"),
        (_collection(["38.28", "34.56"]), "out of range"),
        (_collection([True, False]), "out of range"),
        ('{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point",'
         ' "coordinates": [NaN, 1]}, "properties": {}}]}', "out of range"),
        (_collection(properties=None), "feature 0 has no properties"),
    ],
)
def test_loads_refuses_broken_snapshots(text, message):
    with pytest.raises(SnapshotError, match=message):
        snapshot.loads(text)


def test_snapshot_marks_approximate_features():
    chosen = feat.Selection(frozenset({"Israel"}))
    exact = feat.Feature("k1", "Israel", "Israel", "ISR", None, "reported", "syr-quneitra-governorate",
                         "Quneitra Governorate", 33.05, 35.9, 3, 30.0)
    rough = dataclasses.replace(exact, key="k2", place_name="Saida al-Hanout (approximate: in Quneitra Governorate)",
                                approximate=True)
    props = [f["properties"] for f in snapshot.snapshot([exact, rough], chosen)["features"]]
    assert [(p["place"], p["approximate"]) for p in props] == [
        ("Quneitra Governorate", False), ("Saida al-Hanout (approximate: in Quneitra Governorate)", True)]


def test_an_address_that_is_not_http_never_reaches_the_snapshot(filled_engine):
    """A store from an older Footprint may hold a javascript: address: the snapshot leaves it out."""
    from sqlalchemy import update

    with filled_engine.begin() as conn:
        conn.execute(update(store.ReportRow).values(url="javascript:alert(1)"))
    text = snapshot.dumps(snapshot.snapshot(feat.claim_features(store.claims(filled_engine)),
                                            feat.Selection(frozenset({"Turkey", "Israel", "Russia"}))))
    assert "javascript:" not in text
    assert '"url": ""' in text
