"""The store: reports kept once, claims and named places read back as written, where the store lives."""

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from footprint import store
from footprint.claims import Claim, Extraction, NamedPlace
from footprint.errors import FootprintError
from footprint.ingestion import ingest_all
from footprint.reports import Report

from tests.conftest import BACKENDS, backend_url


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> str:
    """Every test here runs on a SQLite file and on a PostgreSQL database."""
    return backend_url(request, tmp_path)


SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
TEXT = "Turkish troops arrived at the T4 airbase on Monday. Locals in Palmyra saw the convoy."
EXCERPT = "Turkish troops arrived at the T4 airbase on Monday."


def make_report(text: str = TEXT, **kwargs) -> Report:
    defaults = dict(title="Turks at T4", source="Example News", url="https://example.org/t4",
                    published=dt.date(2025, 4, 2), original="title: Turks at T4\n---\n" + text,
                    filename="t4.txt", notes={"note": "made up"})
    return Report(text=text, **{**defaults, **kwargs})


CLAIM = Claim(
    actor="Turkey", country_code="TUR", force=None, status="reported", claimant=None, place="T4 airbase",
    place_id="syr-t4-airbase", place_name="T4 (Tiyas) airbase", lat=34.5225, lon=37.6297, precision=1,
    excerpt=EXCERPT, start=0, end=len(EXCERPT), date="2025-04-02", cue=None, radius_km=None,
    place_start=30, place_end=40, actor_start=0, actor_end=8,
)
PLACE = NamedPlace(
    place="Palmyra", place_id="syr-palmyra", place_name="Palmyra (Tadmur)", lat=34.5624, lon=38.28402,
    precision=1, excerpt="Locals in Palmyra saw the convoy.", start=52, end=85, place_start=62, place_end=69,
)
EXTRACTION = Extraction(claims=[CLAIM], places=[PLACE])


def counts(engine) -> tuple[int, int, int]:
    with Session(engine) as session:
        return tuple(
            session.scalar(select(func.count()).select_from(table))
            for table in (store.ReportRow, store.ClaimRow, store.NamedPlaceRow)
        )


def test_new_store_is_empty(engine):
    assert counts(engine) == (0, 0, 0)
    assert store.claims(engine) == []
    assert store.named_places(engine) == []
    assert store.reports(engine) == []
    assert store.version(engine)[0] == 0  # the number of reports leads the version


def test_ingest_twice_stores_once(engine):
    report = make_report()
    empty_version = store.version(engine)
    first = store.ingest(engine, report, EXTRACTION)
    assert first == store.IngestResult(report.report_id, "Turks at T4", True, 1, 1)
    assert counts(engine) == (1, 1, 1)
    version = store.version(engine)
    assert version != empty_version and version[0] == 1
    second = store.ingest(engine, make_report(title="Another title, same text"), EXTRACTION)
    assert second == store.IngestResult(report.report_id, "Turks at T4", False, 1, 1)
    assert counts(engine) == (1, 1, 1)
    assert store.version(engine) == version


def test_claims_round_trip(engine):
    store.ingest(engine, make_report(), EXTRACTION)
    [stored] = store.claims(engine)
    assert stored.claim == CLAIM
    assert stored.source == store.SourceInfo(
        report_id=make_report().report_id, title="Turks at T4", publisher="Example News",
        url="https://example.org/t4", published="2025-04-02", story=make_report().report_id,
    )


def test_named_places_round_trip(engine):
    store.ingest(engine, make_report(), EXTRACTION)
    [stored] = store.named_places(engine)
    assert stored.place == PLACE
    assert stored.source.title == "Turks at T4"


def test_report_row_keeps_original_and_metadata(engine):
    report = make_report()
    store.ingest(engine, report, EXTRACTION)
    with Session(engine) as session:
        row = session.get(store.ReportRow, report.report_id)
        assert (row.text, row.original, row.filename) == (TEXT, report.original, "t4.txt")
        assert json.loads(row.notes) == {"note": "made up"}
        assert row.published == dt.date(2025, 4, 2)
    assert store.reports(engine) == [{
        "report_id": report.report_id, "title": "Turks at T4", "source": "Example News",
        "url": "https://example.org/t4", "published": "2025-04-02", "claims": 1,
    }]


def test_untitled_report_shows_its_filename(engine):
    store.ingest(engine, make_report(title="", published=None), EXTRACTION)
    [stored] = store.claims(engine)
    assert (stored.source.title, stored.source.published) == ("t4.txt", None)


def test_claims_ordered_by_report_date(engine):
    later = make_report(text=TEXT + " More.", published=dt.date(2025, 5, 1), url="https://example.org/t4-later")
    store.ingest(engine, later, Extraction([CLAIM], []))
    store.ingest(engine, make_report(), Extraction([CLAIM], []))
    assert [c.source.published for c in store.claims(engine)] == ["2025-04-02", "2025-05-01"]


@pytest.mark.parametrize("url", [
    "https://example.org/t4?utm_source=rss&utm_medium=feed", "HTTPS://Example.org:443/t4/#comments",
    "https://example.org/t4?fbclid=abc",
])
def test_the_same_page_under_tracking_parameters_is_stored_once(engine, url):
    first = store.ingest(engine, make_report(), EXTRACTION)
    again = store.ingest(engine, make_report(text=TEXT + " Updated at 10:40.", url=url), EXTRACTION)
    assert first.added and not again.added and again.report_id == first.report_id
    assert store.find_url(engine, url).report_id == first.report_id
    assert store.find_url(engine, "https://example.org/t4?page=2") is None  # a query that names another page


def test_failing_ingest_leaves_store_unchanged(engine):
    store.ingest(engine, make_report(), EXTRACTION)
    before = counts(engine)
    broken = Extraction(claims=[CLAIM, Claim(**{**CLAIM.as_json(), "place_id": None})], places=[PLACE])
    with pytest.raises((SQLAlchemyError, FootprintError)):
        store.ingest(engine, make_report(text="Another report about T4 and its convoy.", url="https://example.org/b"),
                     broken)
    assert counts(engine) == before


def test_refused_report_leaves_store_unchanged(filled_engine, tmp_path):
    before = counts(filled_engine)
    assert before[0] == len(list(SAMPLES.glob("*.txt")))
    bad = tmp_path / "clutter.txt"
    bad.write_text("- Advertisement -\nLEAVE A REPLY\n", encoding="utf-8")
    [outcome] = ingest_all(filled_engine, [str(bad)])
    assert outcome.result is None and "no article text" in outcome.error
    assert counts(filled_engine) == before


def test_filled_store_ingests_samples_once(filled_engine):
    before = counts(filled_engine)
    again = ingest_all(filled_engine, [str(SAMPLES)])
    assert [o.result.added for o in again] == [False] * before[0]
    assert counts(filled_engine) == before


# -- where the store lives -----------------------------------------------------------------------


def test_database_url_argument_wins(monkeypatch):
    monkeypatch.setenv(store.ENV_VAR, "sqlite:///from-env.db")
    assert store.database_url("sqlite:///given.db") == "sqlite:///given.db"


def test_database_url_from_environment(monkeypatch):
    monkeypatch.setenv(store.ENV_VAR, "sqlite:///from-env.db")
    assert store.database_url() == "sqlite:///from-env.db"


def test_database_url_default_is_a_file_in_the_working_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(store.ENV_VAR, raising=False)
    monkeypatch.chdir(tmp_path)
    assert store.database_url() == f"sqlite:///{tmp_path / 'footprint.db'}"
    engine = store.connect()
    try:
        assert (tmp_path / "footprint.db").is_file()
        assert counts(engine) == (0, 0, 0)
    finally:
        engine.dispose()


@pytest.mark.parametrize("url", ["nosuchdialect://x", "not a url at all", "sqlite:////nonexistent-dir/x/y.db"])
def test_unusable_store_url(url):
    with pytest.raises(FootprintError, match="cannot open the store at"):
        store.connect(url)


def test_a_store_made_before_migrations_is_adopted_and_upgraded(tmp_path):
    """A SQLite file written by a Footprint from before migrations (no alembic_version, claims
    without ``approximate``, reports without ``url_key``) opens, gains what it lacks with its
    defaults, is upgraded to the current schema, and keeps its claims."""
    import sqlite3

    path = tmp_path / "old.db"
    engine = store.connect(f"sqlite:///{path}")
    store.ingest(engine, make_report(), EXTRACTION)
    engine.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE alembic_version")
        conn.execute("ALTER TABLE claims DROP COLUMN approximate")
        conn.execute("DROP INDEX uq_reports_url_key")
        conn.execute("ALTER TABLE reports DROP COLUMN url_key")
        conn.execute("ALTER TABLE reports DROP COLUMN extracted_with")
        assert "approximate" not in [r[1] for r in conn.execute("PRAGMA table_info(claims)")]
    reopened = store.connect(f"sqlite:///{path}")
    assert store.revision(reopened) == store.SCHEMA
    [kept] = store.claims(reopened)
    assert kept.claim == CLAIM and kept.claim.approximate is False
    assert store.find_url(reopened, "https://example.org/t4?utm_source=x").report_id == kept.source.report_id
    approximate = dataclasses.replace(CLAIM, approximate=True, start=52, end=85)
    store.ingest(reopened, make_report(text=TEXT + " Again.", url="https://example.org/again"),
                 Extraction(claims=[approximate], places=[]))
    assert sorted(c.claim.approximate for c in store.claims(reopened)) == [False, True]


def test_a_report_keeps_its_original_bytes(engine):
    raw = b"\xef\xbb\xbftitle: Turks at T4\n---\n" + TEXT.encode()
    store.ingest(engine, dataclasses.replace(make_report(), raw=raw), EXTRACTION)
    [kept] = store.stored_reports(engine)
    assert kept.raw == raw
