"""The map's filters: what each keeps, and the round trip through the page's address."""

import datetime as dt

import pytest

from footprint import filters as flt
from footprint.features import PLACES_LAYER, Feature, Source


def source(report_id="r1", publisher="Wire", published="2025-06-05", excerpt="Turkish troops entered Afrin.",
           review="unreviewed"):
    return Source(report_id=report_id, title=report_id, publisher=publisher, url="", published=published,
                  claimant=None, excerpt=excerpt, status="reported", place="Afrin", actor_text="Turkish", cue=None,
                  review=review)


def feature(key="Turkey|afrin|reported", status="reported", precision=1, sources=None, layer="Turkey", place="Afrin"):
    return Feature(key=key, layer=layer, actor=None if layer == PLACES_LAYER else layer, country_code="TUR",
                   force=None, status=status, place_id="syr-afrin", place_name=place, lat=36.5, lon=36.8,
                   precision=precision, radius_km=None, sources=sources or [source()])


def test_no_filter_keeps_everything():
    fs = [feature(), feature(key="k2", status="struck")]
    assert flt.apply(fs, flt.Filters()) == fs and not flt.Filters().active


@pytest.mark.parametrize(("filters", "kept"), [
    (flt.Filters(statuses=frozenset({"struck"})), ["struck"]),
    (flt.Filters(precisions=frozenset({3})), ["region"]),
    (flt.Filters(min_sources=2), ["two outlets"]),
    (flt.Filters(text="tishreen"), ["struck"]),
    (flt.Filters(reviews=frozenset({"accepted"})), ["two outlets"]),
    (flt.Filters(disputed_only=True), ["region"]),
])
def test_feature_filters(filters, kept):
    fs = {
        "reported": feature(),
        "struck": feature(key="k-struck", status="struck",
                          sources=[source(excerpt="Turkish drones struck near the Tishreen dam.")]),
        "region": feature(key="k-region", precision=3),  # disputed below
        "two outlets": feature(key="k-two", sources=[source("r1", "Wire", review="accepted"),
                                                     source("r2", "Daily", review="accepted")]),
    }
    fs["region"].disputed_with.append("Turkey|afrin|denied")
    assert [name for name, f in fs.items() if f in flt.apply(fs.values(), filters) or
            any(g.key == f.key for g in flt.apply(fs.values(), filters))] == kept


def test_dates_and_publishers_narrow_the_sources_and_drop_emptied_features():
    f = feature(sources=[source("r1", "Wire", "2025-06-01"), source("r2", "Daily", "2025-07-01"),
                         source("r3", "Daily", None)])
    [kept] = flt.apply([f], flt.Filters(date_to=dt.date(2025, 6, 30)))
    assert [s.report_id for s in kept.sources] == ["r1"]  # "as of" the end of June; the undated one is left out
    [kept] = flt.apply([f], flt.Filters(publishers=frozenset({"Daily"})))
    assert [s.report_id for s in kept.sources] == ["r2", "r3"]
    assert flt.apply([f], flt.Filters(date_from=dt.date(2026, 1, 1))) == []
    assert f.sources[0].report_id == "r1" and len(f.sources) == 3  # the original feature is untouched


def test_the_places_named_layer_only_answers_to_dates_sources_and_words():
    grey = feature(key="Places named|afrin", layer=PLACES_LAYER, status=None)
    assert flt.apply([grey], flt.Filters(text="afrin")) == [grey]
    assert flt.apply([grey], flt.Filters(statuses=frozenset({"struck"}))) == []


def test_the_address_round_trip():
    f = flt.Filters(statuses=frozenset({"struck", "denied"}), date_from=dt.date(2025, 1, 1),
                    date_to=dt.date(2025, 6, 30), publishers=frozenset({"Wire", "Daily News"}),
                    reviews=frozenset({"accepted"}), min_sources=2, precisions=frozenset({1, 2}),
                    text="tishreen dam", disputed_only=True)
    params = flt.to_params(f, actors={"Turkey", "Israel"}, place="Palmyra region — Turkey, warned-about (1 report)")
    assert params["status"] == "denied,struck" and params["from"] == "2025-01-01" and params["actors"] == "Israel|Turkey"
    again, actors, place = flt.from_params(params)
    assert again == f and actors == {"Turkey", "Israel"} and place.startswith("Palmyra region")
    assert flt.to_params(flt.Filters()) == {}
    assert flt.from_params({}) == (flt.Filters(), None, None)


@pytest.mark.parametrize("params", [
    {"status": "rumoured,struck", "from": "yesterday", "min_sources": "many", "precision": "0,9,2",
     "review": "<script>", "q": "x" * 500},
])
def test_a_bad_link_is_read_as_far_as_it_can_be(params):
    f, actors, place = flt.from_params(params)
    assert f.statuses == {"struck"} and f.date_from is None and f.min_sources == 1
    assert f.precisions == {2} and f.reviews == frozenset() and len(f.text) == 200
    assert actors is None and place is None
