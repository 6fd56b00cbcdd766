"""Features: stored claims merged per (actor, place, status), and the selection that filters them."""

import dataclasses

import pytest

from footprint import features as feat
from footprint import store
from footprint.claims import Claim, NamedPlace

EXCERPT = "Israel warned about Turkish bases near Palmyra."


def claim(**changes) -> Claim:
    base = Claim(
        actor="Turkey", country_code="TUR", force=None, status="warned-about", claimant="Israel",
        place="near Palmyra", place_id="syr-palmyra-region", place_name="Palmyra region", lat=34.5624,
        lon=38.28402, precision=2, excerpt=EXCERPT, start=100, end=100 + len(EXCERPT), date=None, cue="warned",
        radius_km=25.0, place_start=100 + EXCERPT.index("near"), place_end=100 + EXCERPT.index("."),
        actor_start=100 + EXCERPT.index("Turkish"), actor_end=100 + EXCERPT.index(" bases"),
        cue_start=107, cue_end=113,
    )
    return dataclasses.replace(base, **changes)


def source(report_id: str, published: str | None) -> store.SourceInfo:
    return store.SourceInfo(report_id, f"Report {report_id}", "Publisher", f"https://example.org/{report_id}",
                            published)


def stored(c: Claim, report_id: str = "r1", published: str | None = "2025-06-05") -> store.StoredClaim:
    return store.StoredClaim(c, source(report_id, published))


def test_same_actor_place_status_from_two_reports_is_one_feature():
    features = feat.claim_features([
        stored(claim(), "r1", "2025-06-05"),
        stored(claim(excerpt="Turkey plans bases near Palmyra, Israel warned.", place="Palmyra", precision=1,
                     radius_km=None), "r2", "2025-04-01"),
    ])
    [f] = features
    assert f.key == "Turkey|syr-palmyra-region|warned-about"
    assert (f.layer, f.actor, f.country_code, f.status) == ("Turkey", "Turkey", "TUR", "warned-about")
    assert len(f.sources) == 2 and f.n_reports == 2
    assert [s.report_id for s in f.sources] == ["r1", "r2"]
    assert (f.first_date, f.last_date) == ("2025-04-01", "2025-06-05")
    assert (f.precision, f.radius_km) == (1, None)  # the most precise claim wins
    assert f.tooltip == "Palmyra region — Turkey, warned-about (2 reports)"


@pytest.mark.parametrize(
    ("second", "n_features"),
    [
        (claim(), 1),  # the same claim twice in one report: one feature, one report
        (claim(status="planned"), 2),
        (claim(actor="Russia", country_code="RUS"), 2),
        (claim(place_id="syr-palmyra", place_name="Palmyra (Tadmur)"), 2),
    ],
)
def test_features_split_by_actor_place_status(second, n_features):
    features = feat.claim_features([stored(claim()), stored(second)])
    assert len(features) == n_features
    assert sum(len(f.sources) for f in features) == 2


def test_source_keeps_claimant_excerpt_and_spans():
    [f] = feat.claim_features([stored(claim(date="2025-06-04"))])
    [s] = f.sources
    assert (s.claimant, s.excerpt, s.published) == ("Israel", EXCERPT, "2025-06-04")  # the claim's date first
    assert s.actor_text == "Turkish"
    assert EXCERPT[slice(*s.place_span)] == "near Palmyra"
    assert EXCERPT[slice(*s.cue_span)] == "warned"
    assert (s.url, s.title, s.publisher) == ("https://example.org/r1", "Report r1", "Publisher")


def test_absent_spans_stay_absent():
    [f] = feat.claim_features([stored(claim(cue=None, cue_start=-1, cue_end=-1, actor_start=-1, actor_end=-1))])
    [s] = f.sources
    assert (s.cue_span, s.actor_span, s.actor_text) == ((-1, -1), (-1, -1), "Turkey")


def test_undated_feature():
    [f] = feat.claim_features([stored(claim(), published=None)])
    assert (f.dates, f.first_date, f.last_date) == ([], None, None)


def named(place_id: str, excerpt: str) -> NamedPlace:
    return NamedPlace("Palmyra", place_id, "Palmyra (Tadmur)", 34.5624, 38.28402, 1, excerpt, 0, len(excerpt), 0, 7)


def test_place_features_one_per_place_without_repeats():
    items = [
        store.StoredPlace(named("syr-palmyra", "Palmyra was quiet."), source("r1", "2025-01-01")),
        store.StoredPlace(named("syr-palmyra", "Palmyra was quiet."), source("r1", "2025-01-01")),
        store.StoredPlace(named("syr-palmyra", "Palmyra again."), source("r2", "2025-02-01")),
        store.StoredPlace(named("syr-homs", "Homs too."), source("r2", "2025-02-01")),
    ]
    features = feat.place_features(items)
    assert [(f.place_id, len(f.sources), f.n_reports) for f in features] == [("syr-palmyra", 2, 2), ("syr-homs", 1, 1)]
    palmyra = features[0]
    assert (palmyra.layer, palmyra.actor, palmyra.status) == (feat.PLACES_LAYER, None, None)
    assert palmyra.tooltip == "Palmyra (Tadmur) — named in 2 reports"


def test_layers_most_features_first():
    features = feat.claim_features([
        stored(claim(actor="Russia", country_code="RUS")),
        stored(claim(status="planned")),
        stored(claim()),
        stored(claim(actor="Iran", country_code="IRN")),
    ])
    assert feat.layers(features) == [("Turkey", 2), ("Iran", 1), ("Russia", 1)]


ALL = feat.claim_features([
    stored(claim()), stored(claim(actor="Russia", country_code="RUS")), stored(claim(actor="Iran", country_code="IRN")),
]) + feat.place_features([store.StoredPlace(named("syr-palmyra", "Palmyra."), source("r1", None))])


@pytest.mark.parametrize(
    ("selection", "layers"),
    [
        (feat.Selection(frozenset({"Turkey", "Russia", "Iran"})), ["Turkey", "Russia", "Iran"]),
        (feat.Selection(frozenset({"Russia", "Iran"})), ["Russia", "Iran"]),
        (feat.Selection(frozenset({"Turkey"}), places_named=True), ["Turkey", feat.PLACES_LAYER]),
        (feat.Selection(frozenset(), places_named=True), [feat.PLACES_LAYER]),
        (feat.Selection(frozenset()), []),
        (feat.Selection(frozenset({"Nobody"})), []),
    ],
)
def test_selection(selection, layers):
    assert [f.layer for f in feat.select_features(ALL, selection)] == layers


def test_clicked_finds_the_feature_by_tooltip():
    shown = feat.select_features(ALL, feat.Selection(frozenset({"Turkey", "Russia"})))
    russia = shown[1]
    assert feat.clicked(shown, russia.tooltip) is russia
    assert feat.clicked(shown, "  " + russia.tooltip.replace(" ", "\n  ") + " ") is russia
    iran = next(f for f in ALL if f.actor == "Iran")
    assert feat.clicked(shown, iran.tooltip) is None  # switched off
    assert feat.clicked(shown, None) is None
    assert feat.clicked(shown, "") is None


def test_filled_store_loses_no_claim_in_merging(filled_engine):
    claims = store.claims(filled_engine)
    features = feat.claim_features(claims)
    keys = [f.key for f in features]
    assert len(keys) == len(set(keys))
    assert len(features) < len(claims)
    assert sum(len(f.sources) for f in features) == len(claims)
    assert {(c.claim.actor, c.claim.place_id, c.claim.status) for c in claims} == {
        (f.actor, f.place_id, f.status) for f in features
    }


def test_an_approximate_village_is_a_feature_of_its_own_beside_its_governorate():
    governorate = claim(place="Quneitra countryside", place_id="syr-quneitra-governorate",
                        place_name="Quneitra Governorate", precision=3, radius_km=30.0, status="reported")
    village = dataclasses.replace(governorate, place="Saida al-Hanout", approximate=True,
                                  place_name="Saida al-Hanout (approximate: in Quneitra Governorate)")
    other = dataclasses.replace(village, place="Rasm al-Rawadi",
                                place_name="Rasm al-Rawadi (approximate: in Quneitra Governorate)")
    features = feat.claim_features([stored(governorate), stored(village), stored(other)])
    assert [(f.place_name, f.approximate) for f in features] == [
        ("Quneitra Governorate", False),
        ("Saida al-Hanout (approximate: in Quneitra Governorate)", True),
        ("Rasm al-Rawadi (approximate: in Quneitra Governorate)", True),
    ]
    assert len({f.key for f in features}) == 3


def test_history_of_a_place_is_oldest_first_undated_last():
    from footprint.features import Feature, Source, history

    def s(day, status):
        return Source(report_id=day or "x", title="t", publisher="Wire", url="", published=day, claimant=None,
                      excerpt=f"{status} {day}", status=status, place="Afrin", actor_text="Turkish", cue=None)

    def f(actor, status, *sources, place_id="syr-afrin"):
        return Feature(key=f"{actor}|{place_id}|{status}", layer=actor, actor=actor, country_code="TUR", force=None,
                       status=status, place_id=place_id, place_name="Afrin", lat=36.5, lon=36.8, precision=1,
                       radius_km=None, sources=list(sources))

    fs = [f("Turkey", "reported", s("2025-03-01", "reported"), s(None, "reported")),
          f("Turkey", "planned", s("2025-01-10", "planned")), f("Russia", "withdrawn", s("2025-02-01", "withdrawn")),
          f("Israel", "struck", s("2025-01-01", "struck"), place_id="syr-tartus")]
    assert [(r["date"], r["actor"], r["status"]) for r in history(fs, "syr-afrin")] == [
        ("2025-01-10", "Turkey", "planned"), ("2025-02-01", "Russia", "withdrawn"),
        ("2025-03-01", "Turkey", "reported"), ("", "Turkey", "reported")]
