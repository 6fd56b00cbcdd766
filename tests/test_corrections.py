"""Place corrections: unresolved names are kept, a correction moves every claim with that name, and stays."""

import pytest
from streamlit.testing.v1 import AppTest

from footprint import corrections, pageparts, reports, store
from footprint import features as feat
from footprint.claims import Extractor
from footprint.errors import GeocodeError
from footprint.ingestion import ingest_report

from .conftest import BACKENDS, ROOT, backend_url

PAGE = str(ROOT / "pages" / "3_Place_names.py")
REPORT = ("title: Drawdown\npublished: 2025-03-01\n---\n"
          "US forces withdrew from the Fooville airbase on Monday, a monitor reported.\n\n"
          "Residents said US troops had left the Fooville airbase in a long convoy.")


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> str:
    """Corrections re-read the store: every test here runs on SQLite and on PostgreSQL."""
    return backend_url(request, tmp_path)


@pytest.fixture
def fooville(engine):
    ingest_report(engine, reports.from_text(REPORT))
    return engine


def _claim_places(engine):
    return sorted({(c.claim.actor, c.claim.place_id, c.claim.lat, c.claim.lon) for c in store.claims(engine)})


def test_unknown_name_in_a_claim_sentence_is_kept_for_review(fooville):
    assert store.claims(fooville) == []
    [item] = corrections.to_review(fooville)
    assert (item.name, item.reason, item.count) == ("Fooville", "unresolved", 2)
    assert "withdrew from the Fooville airbase" in item.excerpts[0]


@pytest.mark.parametrize("sentence, names", [
    ("Turkish troops entered the village of Zor Maghar near Jarablus.", ["Zor Maghar"]),
    ("Russian forces deployed to the Fooville airbase.", ["Fooville"]),
    ("According to people in Moscow, Europe and the Middle East, Russian forces stay at Tartus.", []),
    ("Aid reached the village of Zor Maghar on Monday.", []),  # no foreign force: nothing to resolve
])
def test_unresolved_names(sentence, names):
    assert [u.name for u in Extractor()(reports.from_text(sentence)).unresolved] == names


def test_typed_coordinates_make_the_claim(fooville):
    n = corrections.correct(fooville, "Fooville", lat=36.5, lon=40.9)
    assert n == 2  # one claim per sentence; on the map they are one feature
    assert _claim_places(fooville) == [("United States", "user-fooville", 36.5, 40.9)]
    assert corrections.to_review(fooville) == []


def test_choosing_a_place_moves_every_claim_and_survives_reingestion(fooville):
    corrections.correct(fooville, "Fooville", lat=36.5, lon=40.9)
    corrections.correct(fooville, "Fooville", place_id="syr-qasrak")
    qasrak = store.claims(fooville)[0].claim
    assert _claim_places(fooville) == [("United States", "syr-qasrak", qasrak.lat, qasrak.lon)]
    assert len(store.claims(fooville)) == 2  # one claim per sentence, both moved
    again = ingest_report(fooville, reports.from_text(REPORT))
    assert (again.added, again.claims) == (False, 2)
    # a new report with the same name is read with the correction too
    ingest_report(fooville, reports.from_text("Russian troops were seen at the Fooville airbase."))
    assert {c.claim.place_id for c in store.claims(fooville)} == {"syr-qasrak"}


def test_undo_removes_the_claims_again(fooville):
    corrections.correct(fooville, "Fooville", place_id="syr-qasrak")
    corrections.undo(fooville, store.corrections(fooville)[0].name_key)
    assert store.claims(fooville) == []


def test_a_person_settles_namesakes(engine):
    ingest_report(engine, reports.from_text("Israeli troops were deployed near Hader on Sunday."))
    before = store.claims(engine)[0].claim.place_id
    ambiguous = [i for i in corrections.to_review(engine) if i.reason == "ambiguous"]
    assert [i.name for i in ambiguous] == ["Hader"]
    other = next(pid for pid, _label, _score in ambiguous[0].candidates if pid != before)
    corrections.correct(engine, "Hader", place_id=other)
    assert store.claims(engine)[0].claim.place_id == other
    assert [i for i in corrections.to_review(engine) if i.reason == "ambiguous"] == []


@pytest.mark.parametrize("kwargs, message", [
    ({"name": "", "lat": 35.0, "lon": 38.0}, "needs the place name"),
    ({"name": "Fooville", "place_id": "syr-nowhere"}, "no gazetteer place has the id"),
    ({"name": "Fooville"}, "latitude and longitude"),
    ({"name": "Fooville", "lat": 95.0, "lon": 38.0}, "latitude and longitude"),
    ({"name": "Fooville", "lat": 38.5, "lon": 35.0}, "outside Syria"),
    ({"name": "Fooville", "lat": 35.0, "lon": 38.0, "precision": 3}, "precision 1"),
])
def test_bad_corrections_are_refused_and_change_nothing(fooville, kwargs, message):
    kwargs = dict(kwargs)  # the same dict serves each backend's run
    name = kwargs.pop("name")
    with pytest.raises(GeocodeError, match=message):
        corrections.correct(fooville, name, **kwargs)
    assert store.corrections(fooville) == []


def test_place_names_page_correction_moves_the_claim_on_the_map(fooville, db_url, monkeypatch):
    """AppTest: type coordinates for Fooville on the page; the map's features now hold the claim there."""
    monkeypatch.setenv(store.ENV_VAR, db_url)
    pageparts.engine.clear()
    pageparts.load_features.clear()
    at = AppTest.from_file(PAGE, default_timeout=30).run()
    assert not at.exception
    assert "Fooville" in at.expander[0].label
    at.number_input(key="lat-0").set_value(36.25)
    at.number_input(key="lon-0").set_value(40.75)
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert store.corrections(fooville)[0].name == "Fooville"
    claims_now, _ = pageparts.load_features(store.database_url(), store.version(fooville))
    assert [(f.actor, f.place_id, f.lat, f.lon) for f in claims_now] == \
        [("United States", "user-fooville", 36.25, 40.75)]
    at.run()
    assert any("Fooville" in m.value for m in at.markdown)  # listed under "Corrections made"

    map_page = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert not map_page.exception
    assert [c.label for c in map_page.sidebar.checkbox] == ["United States (1)"]
    pageparts.engine.clear()
    pageparts.load_features.clear()


def test_gazetteer_for_leaves_the_shared_gazetteer_alone(fooville):
    from footprint import gazetteer as gz

    corrections.correct(fooville, "Fooville", lat=36.5, lon=40.9)
    assert gz.load().candidates("Fooville") == []
    assert [p.place_id for p in corrections.gazetteer_for(fooville).candidates("Fooville")] == ["user-fooville"]


def test_features_follow_the_corrected_claims(fooville):
    corrections.correct(fooville, "Fooville", place_id="syr-qasrak")
    [feature] = feat.claim_features(store.claims(fooville))
    assert (feature.place_id, feature.status, feature.n_reports) == ("syr-qasrak", "withdrawn", 1)


def test_stored_reports_are_read_again_when_extraction_changes(fooville, monkeypatch):
    """A store filled by an older extractor is brought up to date, once, and only then."""
    assert corrections.refresh(fooville) is None or store.claims(fooville) == []
    assert corrections.refresh(fooville) is None  # nothing changed since
    store.save_correction(fooville, store.CorrectionRow(  # as if saved by an older version, never applied
        name_key="fooville", name="Fooville", place_id="syr-qasrak", lat=None, lon=None, precision=1,
        kind="other", created_at=__import__("datetime").datetime(2025, 1, 1)))
    assert store.claims(fooville) == []
    monkeypatch.setattr(corrections, "fingerprint", lambda: "a-newer-extractor")
    assert corrections.refresh(fooville) == 2
    assert {c.claim.place_id for c in store.claims(fooville)} == {"syr-qasrak"}
    assert corrections.refresh(fooville) is None


def test_cli_reextract_reads_every_report_again(fooville, db_url, capsys):
    from footprint.cli import main

    store.save_correction(fooville, store.CorrectionRow(
        name_key="fooville", name="Fooville", place_id="syr-qasrak", lat=None, lon=None, precision=1,
        kind="other", created_at=__import__("datetime").datetime(2025, 1, 1)))
    assert main(["reextract", "--db", db_url]) == 0
    assert "read 1 stored report again: 2 claims" in capsys.readouterr().out
    assert len(store.claims(fooville)) == 2


def test_villages_placed_approximately_are_listed_for_correction():
    text = "Israeli forces advanced into Saida al-Hanout in the Quneitra countryside on Friday."
    extraction = Extractor()(reports.from_text(text))
    assert [c.approximate for c in extraction.claims] == [True]
    assert [u.name for u in extraction.unresolved] == ["Saida al-Hanout"]
