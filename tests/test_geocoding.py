"""The gazetteer as a geopy geocoder."""

import pytest
from geopy.exc import GeocoderQueryError
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from footprint import gazetteer as gz
from footprint import geocoding
from footprint.geocoding import GazetteerGeocoder


@pytest.fixture(scope="module")
def geocoder() -> GazetteerGeocoder:
    return GazetteerGeocoder()


def test_is_a_geopy_geocoder(geocoder):
    assert isinstance(geocoder, Geocoder)


def test_location_carries_the_place_record(geocoder):
    location = geocoder.geocode("Palmyra")
    assert isinstance(location, Location)
    assert location.address == "Palmyra (Tadmur)"
    assert (location.latitude, location.longitude) == pytest.approx((34.5624, 38.284), abs=1e-3)
    assert location.raw["place_id"] == "syr-palmyra"
    assert location.raw["precision"] == 1
    assert location.raw["query"] == "Palmyra"
    assert location.raw["country_code"] == "SYR"


@pytest.mark.parametrize(
    ("query", "place_id", "precision", "country_code"),
    [
        ("Palmyra", "syr-palmyra", 1, "SYR"),
        ("Tadmur", "syr-palmyra", 1, "SYR"),
        ("Tadmor", "syr-palmyra", 1, "SYR"),
        ("  palmyra  ", "syr-palmyra", 1, "SYR"),
        ("near Palmyra", "syr-palmyra-region", 2, "SYR"),
        ("Palmyra region", "syr-palmyra-region", 2, "SYR"),
        ("al-Tanf", "syr-al-tanf", 1, "SYR"),
        ("Al-Tanf", "syr-al-tanf", 1, "SYR"),
        ("northern Syria", "syr-northern-syria", 3, "SYR"),
        ("Syrian airspace", "syr-airspace", 4, "SYR"),
        ("Syria", "syr-syria", 4, "SYR"),
        ("Baku", "aze-baku", 1, "AZE"),
        ("Gaza", "pse-gaza-strip", 3, "PSE"),
        ("Ankara", "tur-ankara", 1, "TUR"),
    ],
)
def test_geocode(geocoder, query, place_id, precision, country_code):
    raw = geocoder.geocode(query).raw
    assert (raw["place_id"], raw["precision"], raw["country_code"]) == (place_id, precision, country_code)


@pytest.mark.parametrize("query", ["Qusayr", "Tartus", "Hmeimim", "T4 airbase", "Mount Hermon"])
def test_sample_places_are_in_syria(geocoder, query):
    location = geocoder.geocode(query)
    assert location.raw["country_code"] == "SYR"
    assert 32.3 <= location.latitude <= 37.4 and 35.6 <= location.longitude <= 42.5


def test_near_a_site_widens_to_precision_2():
    """Without a "X region" row, "near X" keeps the place and widens it to ~25 km."""
    from footprint import gazetteer as gz

    only = gz.Place("syr-x", "Xtown", ("Xtown",), "town", "SYR", "", 35.0, 38.0, 1, None, None, "test")
    location = GazetteerGeocoder(gz.Gazetteer([only])).geocode("near Xtown")
    assert (location.raw["place_id"], location.raw["precision"], location.raw["radius_km"]) == ("syr-x", 2, 25.0)


@pytest.mark.parametrize("query", ["nowhere-xyz", "Atlantis", "Paris Texas"])
def test_unknown_is_none(geocoder, query):
    assert geocoder.geocode(query) is None


def test_exactly_one_false_gives_a_list(geocoder):
    locations = geocoder.geocode("Homs", exactly_one=False)
    assert isinstance(locations, list) and locations
    assert all(isinstance(loc, Location) for loc in locations)
    assert locations[0].raw["place_id"] == geocoder.geocode("Homs").raw["place_id"]
    assert geocoder.geocode("nowhere-xyz", exactly_one=False) is None


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "no letters or digits"),
        ("   ", "no letters or digits"),
        ("---", "no letters or digits"),
        (None, "must be text, got NoneType"),
        (42, "must be text, got int"),
        (["Palmyra"], "must be text, got list"),
        ("Palmyra " * 63, "at most 200 characters"),
        ("x" * 500, "at most 200 characters, got 500"),
    ],
)
def test_unusable_queries(geocoder, query, message):
    with pytest.raises(GeocoderQueryError, match=message):
        geocoder.geocode(query)


DESIGN_KEYS = {"query", "name", "place_id", "lat", "lon", "precision", "kind", "country_code"}


def test_answer_has_the_design_keys(geocoder):
    result = geocoding.answer("Tadmur", geocoder.geocode("Tadmur"))
    assert set(result) >= DESIGN_KEYS
    assert set(result) - DESIGN_KEYS <= {"match", "score", "runners_up"}
    assert result["query"] == "Tadmur"
    assert result["name"] == "Palmyra (Tadmur)"
    assert (result["lat"], result["lon"]) == pytest.approx((34.5624, 38.284), abs=1e-3)
    assert (result["kind"], result["precision"]) == ("city", 1)


def test_answer_for_not_found_is_none():
    assert geocoding.answer("nowhere-xyz", None) is None


@pytest.mark.parametrize(
    ("query", "place_id", "match", "score"),
    [
        ("Palmyra", "syr-palmyra", "exact", 100.0),
        ("T-4 military airport", "syr-t4-airbase", "generic", 90.0),
        ("Hama province", "syr-hama-governorate", "exact", 100.0),
        ("the city of Homs", "syr-homs", "generic", 90.0),
    ],
)
def test_how_a_name_matched(geocoder, query, place_id, match, score):
    raw = geocoder.geocode(query).raw
    assert (raw["place_id"], raw["match"], raw["score"]) == (place_id, match, score)


@pytest.mark.parametrize(
    ("query", "place_id", "match"),
    [
        ("Qamishlii", "syr-qamishli", "spelling"),  # doubled letters fold together
        ("Latakkia", "syr-latakia", "spelling"),
        ("Damascos", "syr-damascus", "fuzzy"),
    ],
)
def test_misspellings(geocoder, query, place_id, match):
    raw = geocoder.geocode(query).raw
    assert (raw["place_id"], raw["match"]) == (place_id, match)
    assert gz.SKELETON_MIN_RATIO <= raw["score"] < 100.0  # same consonants, or a close spelling


@pytest.mark.parametrize("query", ["Zzyzx", "Homz"])
def test_distant_or_short_misspellings_are_not_answered(geocoder, query):
    assert geocoder.geocode(query) is None


@pytest.mark.parametrize(
    ("query", "best", "runner_up"),
    [
        ("Hader", "syr-hader", "gn-170137"),  # the Quneitra village before al-Hadir near Aleppo
        ("Sinjar", "gn-164094", "irq-sinjar"),  # a Syrian namesake before the Iraqi town
    ],
)
def test_namesakes_and_runners_up(geocoder, query, best, runner_up):
    locations = geocoder.geocode(query, exactly_one=False)
    ids = [loc.raw["place_id"] for loc in locations]
    assert ids[:2] == [best, runner_up]
    # the whole gazetteer's hamlets of the same name come last: they are places only in a place frame
    assert all(geocoder.gazetteer.places[i].framed for i in ids[2:])
    assert locations[0].raw["runners_up"] == ids[1:]
    result = geocoding.answer(query, locations[0], runners_up=locations[1:])
    assert [r["place_id"] for r in result["runners_up"]] == ids[1:]


def test_context_chooses_among_namesakes(geocoder):
    aleppo = geocoder.geocode("Hader", context=["Aleppo"])
    assert aleppo.raw["place_id"] == "gn-170137"
    assert geocoder.geocode("Hader", context=["Quneitra"]).raw["place_id"] == "syr-hader"


@pytest.mark.parametrize(("query", "admin1"), [
    ("كودنا", "Quneitra"),              # Kodana, in Arabic script
    ("القنيطرة", "Quneitra"),           # the governorate's city
    ("Samdaniyah al Gharbiyah", "Quneitra"),  # a village only Who's On First knows
])
def test_whole_gazetteer_names_geocode_arabic_included(geocoder, query, admin1):
    location = geocoder.geocode(query)
    assert location is not None and location.raw["admin1"] == admin1
    assert 32.3 < location.latitude < 37.4 and 35.6 < location.longitude < 42.5
