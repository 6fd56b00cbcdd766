"""The gazetteer: normal forms of names, finding places in text, and loading the CSV files."""

import csv

import pytest

from footprint import gazetteer as gz
from footprint.errors import GeocodeError


def place(place_id, name, names, kind="town", precision=1, radius_km=None, country_code="SYR", lat=35.0, lon=38.0,
          population=None, admin1=""):
    return gz.Place(
        place_id=place_id, name=name, names=tuple(names.split("|")), kind=kind, country_code=country_code,
        admin1=admin1, lat=lat, lon=lon, precision=precision, radius_km=radius_km, population=population,
        source="test",
    )


ROWS = [
    place("syr-palmyra", "Palmyra (Tadmur)", "Palmyra|Tadmur|Tadmor", kind="city", lat=34.5624, lon=38.28402),
    place("syr-palmyra-airport", "Palmyra airport", "Palmyra airport|Palmyra military airport", kind="airbase"),
    place("syr-al-tanf", "Al-Tanf garrison", "Al-Tanf|Tanf|Al-Tanf base", kind="military-base"),
    place("syr-northern-syria", "Northern Syria", "Northern Syria|Syria's northern region|north Syria",
          kind="region", precision=3, radius_km=140),
    place("syr-syria", "Syria", "Syria|Syrian territory", kind="country", precision=4, radius_km=250),
    place("syr-airspace", "Syrian airspace", "Syrian airspace|skies over Syria", kind="airspace", precision=4,
          radius_km=250),
    place("syr-al-bab", "al-Bab", "al-Bab|Al Bab", kind="city"),
    place("syr-bab-al-hawa", "Bab al-Hawa crossing", "Bab al-Hawa|Bab al-Hawa crossing", kind="border-crossing"),
    place("syr-t4", "T4 airbase", "T4|T4 airbase|Tiyas airbase", kind="airbase"),
    place("syr-homs", "Homs", "Homs|Hims", kind="city", population=775404, admin1="Homs"),
    place("syr-homs-governorate", "Homs governorate", "Homs governorate|Homs province", kind="governorate",
          precision=3, radius_km=120),
    place("aze-baku", "Baku", "Baku", kind="city", country_code="AZE", lat=40.38, lon=49.89),
    # GeoNames rows: a twin of a curated row (same name, < 8 km) only adds its spellings to it;
    # a namesake far away stays a place of its own, ranked after the bigger curated one
    place("gn-1", "Ḥimṣ", "Ḥimṣ|Hims al-Qadima", kind="town", lat=35.0, lon=38.01),
    place("gn-2", "Homs", "Homs", kind="town", lat=36.2, lon=40.1, population=500, admin1="Raqqa"),
]


@pytest.fixture(scope="module")
def small() -> gz.Gazetteer:
    return gz.Gazetteer(ROWS)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Tadmur", "TADMUR"),
        ("al-Tanf", "Tanf"),
        ("Al-Tanf", "AL TANF"),
        ("Syria's northern region", "Syria’s northern region"),
        ("Syria's northern region", "Syria northern region"),
        ("the Palmyra region", "Palmyra region"),
        ("Deir ez-Zur", "Dayr az-Zur"),
        ("Deir al-Zour", "Dayr ez-Zur"),
        ("Ain Issa", "Ayn Issa"),
        ("Ḥamāh", "Hamah"),
        ("‘Arīqah", "Ariqah"),
        ("Kırıkhan", "Kirikhan"),
        ("Raqqa", "Raqqah"),
        ("Khmeimim", "Hmeimim"),
    ],
)
def test_name_key_folds_spellings_together(a, b):
    assert gz.name_key(a) == gz.name_key(b) != ""


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Palmyra", "Homs"),
        ("al-Bab", "Bab al-Hawa"),
        ("Tal Abyad", "Tal Tamr"),
        ("Hama", "Homs"),
    ],
)
def test_name_key_keeps_different_places_apart(a, b):
    assert gz.name_key(a) != gz.name_key(b)


@pytest.mark.parametrize("name", ["", "---", "  ", "al-", "the of"])
def test_name_key_of_nothing_is_empty(name):
    assert gz.name_key(name) == ""


@pytest.mark.parametrize(
    ("variant", "place_id"),
    [
        ("Palmyra", "syr-palmyra"),
        ("Tadmur", "syr-palmyra"),
        ("tadmor", "syr-palmyra"),
        ("Palmyra (Tadmur)", "syr-palmyra"),
        ("al-Tanf", "syr-al-tanf"),
        ("Al-Tanf", "syr-al-tanf"),
        ("Tanf", "syr-al-tanf"),
        ("Syria's northern region", "syr-northern-syria"),
        ("Homs", "syr-homs"),
    ],
)
def test_candidates_by_spelling(small, variant, place_id):
    assert small.candidates(variant)[0].place_id == place_id


def test_geonames_twin_adds_only_spellings(small):
    assert "gn-1" not in small.places
    assert [p.place_id for p in small.candidates("Hims al-Qadima")] == ["syr-homs"]
    assert small.candidates("Atlantis") == []
    assert len(small) == len(ROWS) - 1


def test_namesakes_ranked_bigger_first_then_by_context(small):
    assert [p.place_id for p in small.candidates("Homs")] == ["syr-homs", "gn-2"]
    assert [p.place_id for p in gz.rank(small.candidates("Homs"), context=["Raqqa"])] == ["gn-2", "syr-homs"]
    assert [p.place_id for p in gz.rank(small.candidates("Homs"), context=["Homs", ""])] == ["syr-homs", "gn-2"]


def test_find_picks_the_namesake_in_the_other_places_governorate():
    raqqa = place("syr-raqqa", "Raqqa", "Raqqa", kind="city", lat=35.95, lon=39.0, admin1="Raqqa")
    gazetteer = gz.Gazetteer([*ROWS, raqqa])
    assert [m.place.place_id for m in gazetteer.find("From Raqqa to Homs")] == ["syr-raqqa", "gn-2"]
    assert [m.place.place_id for m in gazetteer.find("Troops in Homs")] == ["syr-homs"]


def _found(gazetteer, text):
    return [(m.place.place_id, m.text, m.precision) for m in gazetteer.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkish forces entered Palmyra on Monday.", [("syr-palmyra", "Palmyra", 1)]),
        ("Troops were seen in Tadmur.", [("syr-palmyra", "Tadmur", 1)]),
        ("Troops were seen near Tadmur.", [("syr-palmyra", "Tadmur", 2)]),
        ("bases in the Palmyra region", [("syr-palmyra", "Palmyra region", 2)]),
        ("on the outskirts of Homs", [("syr-homs", "Homs", 2)]),
        ("the US base at al-Tanf", [("syr-al-tanf", "al-Tanf", 1)]),
        ("the US base at Al-Tanf", [("syr-al-tanf", "Al-Tanf", 1)]),
        ("the US base at Tanf", [("syr-al-tanf", "Tanf", 1)]),
        ("bases in Syria's northern region", [("syr-northern-syria", "Syria's northern region", 3)]),
        ("Turkey's footprint in north Syria", [("syr-northern-syria", "north Syria", 3)]),
        ("jets flew in syrian airspace", [("syr-airspace", "syrian airspace", 4)]),
        ("the palmyra ruins and the t4 airbase", []),
        ("a plan for the Palmyra military airport", [("syr-palmyra-airport", "Palmyra military airport", 1)]),
        ("trucks crossed at Bab al-Hawa", [("syr-bab-al-hawa", "Bab al-Hawa", 1)]),
        ("fighting near al-Bab", [("syr-al-bab", "al-Bab", 2)]),
        ("air defences at the T4 airbase", [("syr-t4", "T4 airbase", 1)]),
        ("in the Homs province countryside", [("syr-homs-governorate", "Homs province", 3)]),
        ("talks in Baku", [("aze-baku", "Baku", 1)]),
        (
            "From Homs to Palmyra and Al-Tanf",
            [("syr-homs", "Homs", 1), ("syr-palmyra", "Palmyra", 1), ("syr-al-tanf", "Al-Tanf", 1)],
        ),
        ("Nothing to see here.", []),
        ("", []),
    ],
)
def test_find(small, text, expected):
    assert _found(small, text) == expected


def test_find_offsets_point_into_the_text(small):
    text = "Israel warned about Turkey's plans near Palmyra and in Syria's northern region."
    mentions = small.find(text)
    assert [m.place.place_id for m in mentions] == ["syr-palmyra", "syr-northern-syria"]
    for m in mentions:
        assert text[m.start : m.end] == m.text


def test_region_word_does_not_widen_a_region(small):
    # "region" after an area of precision 3 neither widens it nor joins the mention
    assert _found(small, "the north Syria region") == [("syr-northern-syria", "north Syria", 3)]


# -- bad gazetteer data --------------------------------------------------------------------------


def test_duplicate_place_id_refused():
    with pytest.raises(GeocodeError, match="syr-palmyra appears twice"):
        gz.Gazetteer([ROWS[0], ROWS[0]])


HEADER = ",".join(gz.COLUMNS)
GOOD_ROW = "syr-x,Xtown,Xtown,town,SYR,Homs,34.5,38.2,1,,,test"


def test_csv_round_trip(tmp_path):
    path = tmp_path / "places.csv"
    path.write_text(f"{HEADER}\n{GOOD_ROW}\n", encoding="utf-8")
    gazetteer = gz.Gazetteer.from_csv([path])
    assert gazetteer.places["syr-x"] == gz.Place(
        "syr-x", "Xtown", ("Xtown",), "town", "SYR", "Homs", 34.5, 38.2, 1, None, None, "test",
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (f"{HEADER}\nsyr-x,Xtown,Xtown,town,SYR,,abc,38,1,,,test\n", "places.csv line 2: unusable gazetteer row"),
        (f"{HEADER}\n{GOOD_ROW}\nsyr-y,Y,Y,town,SYR,,95,38,1,,,test\n", "places.csv line 3: Y has lat/lon out of range"),
        (f"{HEADER}\nsyr-x,Xtown,Xtown,town,SYR,,34,38,7,,,test\n", "precision must be 1 to 4"),
        (f"{HEADER}\nsyr-x,Xtown,Xtown,town,SYR,,34,38,2,wide,,test\n", "unusable gazetteer row"),
        (f"{HEADER}\nsyr-x,Xtown\n", "places.csv line 2"),  # a truncated row
        ("place_id,name,lat,lon\nsyr-x,X,34,38\n", "places.csv lacks columns: admin1"),
        (f"{HEADER}\n{GOOD_ROW}\n{GOOD_ROW}\n", "syr-x appears twice"),
    ],
)
def test_broken_csv_refused(tmp_path, content, message):
    path = tmp_path / "places.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GeocodeError, match=message):
        gz.Gazetteer.from_csv([path])


def test_empty_folder_refused(tmp_path):
    with pytest.raises(GeocodeError, match="no gazetteer files"):
        gz.Gazetteer.from_csv([])
    with pytest.raises(GeocodeError, match="no gazetteer files"):
        gz.load(str(tmp_path))


# -- the bundled data ----------------------------------------------------------------------------


def test_bundled_place_ids_unique():
    ids = []
    for path in sorted(gz.DATA_DIR.glob("*.csv")):
        with open(path, newline="", encoding="utf-8") as fh:
            ids += [row["place_id"] for row in csv.DictReader(fh)]
    assert len(ids) == len(set(ids)) > 500
    loaded = gz.load().places
    assert set(loaded) <= set(ids)
    assert all(pid in loaded for pid in ids if not pid.startswith(gz.DERIVED_PREFIXES))


def test_bundled_syrian_places_lie_in_syria():
    outside = [
        (p.place_id, p.lat, p.lon) for p in gz.load().places.values()
        if p.in_syria and not (32.3 <= p.lat <= 37.4 and 35.6 <= p.lon <= 42.5)
    ]
    assert outside == []


@pytest.mark.parametrize(
    ("text", "place_id", "precision"),
    [
        ("Turkey's alleged intention to establish military bases in Syria's Palmyra region", "syr-palmyra-region", 2),
        ("Turkey has increased its footprint in northern Syria", "syr-northern-syria", 3),
        ("direct confrontations in Syrian airspace", "syr-airspace", 4),
        ("Russian jets at Hmeimim", "syr-khmeimim-airbase", 1),
    ],
)
def test_bundled_gazetteer_finds_seed_places(text, place_id, precision):
    found = [(m.place.place_id, m.precision) for m in gz.load().find(text)]
    assert (place_id, precision) in found


# -- the whole gazetteer: village names count only in a place frame -------------------------------

def hamlet(place_id, name, admin1="Quneitra", lat=33.1, lon=35.85):
    return gz.Place(place_id, name, (name,), "village", "SYR", admin1, lat, lon, 1, None, None, "test", framed=True)


FRAMED_ROWS = [
    place("syr-quneitra", "Quneitra", "Quneitra", kind="city", admin1="Quneitra", lat=33.12, lon=35.82),
    place("syr-quneitra-governorate", "Quneitra Governorate", "Quneitra governorate|Quneitra countryside",
          kind="governorate", precision=3, radius_km=30, admin1="Quneitra"),
    place("lbn-beirut", "Beirut", "Beirut", kind="city", country_code="LBN", lat=33.89, lon=35.5),
    hamlet("wof-1", "Hadar"),
    hamlet("wof-2", "Kodneh"),
    hamlet("wof-3", "Jaba"),
    hamlet("wof-4", "Beirut", admin1="Aleppo"),  # a Syrian hamlet never outranks a capital abroad
    hamlet("wof-5", "Jaba", admin1="Hama", lat=35.2, lon=36.7),
]


@pytest.fixture(scope="module")
def with_hamlets() -> gz.Gazetteer:
    return gz.Gazetteer(FRAMED_ROWS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Israeli forces entered the village of Hadar on Friday.", ["wof-1"]),
        ("Troops advanced into Hadar at dawn.", ["wof-1"]),
        ("A patrol set up a checkpoint near Kodneh.", ["wof-2"]),
        ("Tanks were seen at Kodneh hill overnight.", ["wof-2"]),
        ("A checkpoint went up between Hadar and Kodneh.", ["wof-1", "wof-2"]),
        ("Israeli vehicles entered Hadar, Jaba and Kodneh.", ["wof-1", "wof-3", "wof-2"]),
        ("Hadar residents said the Quneitra road was closed.", ["wof-1", "syr-quneitra"]),  # its governorate named
        ("Jaba, in the Quneitra countryside, was raided.", ["wof-3", "syr-quneitra-governorate"]),
        # no frame, no governorate: a name, not a place
        ("Hadar said on Tuesday that talks would resume.", []),
        ("Kodneh, the minister's spokesman, denied it.", []),
        ("Hadar and Kodneh signed the letter.", []),
        # a capital abroad keeps its name against a Syrian hamlet of the same spelling
        ("The envoy flew to Beirut.", ["lbn-beirut"]),
    ],
)
def test_village_names_count_only_in_a_place_frame(with_hamlets, text, expected):
    assert [m.place.place_id for m in with_hamlets.find(text)] == expected


def test_framed_namesakes_take_the_governorate_of_the_text(with_hamlets):
    quneitra = with_hamlets.find("Forces entered Jaba, west of Quneitra.")
    assert [m.place.place_id for m in quneitra] == ["wof-3", "syr-quneitra"]
    # names from the whole gazetteer still geocode on their own: "Jaba" alone is a question, not running text
    assert {p.place_id for p in with_hamlets.candidates("Jaba")} == {"wof-3", "wof-5"}


def test_bundled_whole_gazetteer_rows():
    g = gz.load()
    wof = [p for p in g.places.values() if p.place_id.startswith("wof-")]
    assert len(wof) > 9_000
    assert all(p.country_code == "SYR" and p.source.startswith("Who's On First") for p in wof)
    # a reporting spelling, a GeoNames spelling and an Arabic one of one village
    assert {p.place_id for p in g.candidates("Kodneh")} & {p.place_id for p in g.candidates("كودنا")}
    districts = [p for p in wof if p.kind == "district"]
    assert len(districts) == 62 and all(p.precision == 3 and p.radius_km for p in districts)
    # English words and peoples are not hamlet names: "Kurdish" and "Sham" find no place
    assert g.find("The Kurdish-led forces and Hayat Tahrir al-Sham met in the town.") == []


def test_names_by_length_slice_exactly_the_lengths_asked_for():
    names, starts = gz._by_length(sorted(["abcde", "abcdef", "abcdefgh", "abcdefg", "xyzwv"], key=len))
    assert names[starts[5] : starts[7]] == ["abcde", "xyzwv", "abcdef"]
    assert names[starts[8] : starts[9]] == ["abcdefgh"]
    assert names[starts[6] : starts[6]] == []


def test_a_namesake_in_the_country_the_text_names_is_that_one():
    found = gz.load().find("dozens of people from Sinjar district in Nineveh province, northern Iraq")
    assert [(m.text, m.place.place_id) for m in found] == [("Sinjar district", "irq-sinjar"), ("Iraq", "irq-iraq")]
