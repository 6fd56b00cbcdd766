"""Migrations create and upgrade the store on SQLite and PostgreSQL alike; the app and the CLI
upgrade an older store themselves, or say the command that does."""

import datetime as dt
import threading

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from footprint import store
from footprint.cli import main
from footprint.errors import FootprintError
from tests.conftest import BACKENDS, backend_url


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> str:
    return backend_url(request, tmp_path)


def test_the_newest_migration_is_the_schema_footprint_expects():
    scripts = ScriptDirectory(str(store.MIGRATIONS))
    assert scripts.get_current_head() == store.SCHEMA
    assert [s.revision for s in reversed(list(scripts.walk_revisions()))] == list(store.REVISIONS)


def test_the_migrated_schema_is_the_models(engine):
    """Every table, column, type and index the code declares is what the migrations made."""
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), store.Base.metadata)
    assert [d for d in diffs if not (isinstance(d, tuple) and d[0] == "remove_table" and
                                     d[1].name == "alembic_version")] == []


def _old_store(url: str) -> None:
    """A store at schema 0001 holding two reports of the same address (two ingests at once
    could store both then)."""
    engine = create_engine(store.database_url(url))
    store.migrate(engine, "0001")
    with engine.begin() as conn:
        for n, title in enumerate(["First", "Second"]):
            conn.execute(text(
                "INSERT INTO reports (report_id, title, source, url, url_key, filename, notes, text, original, "
                "ingested_at) VALUES (:id, :title, 'Agency', 'https://a.example/x', 'https://a.example/x', '', '{}', "
                ":t, :t, :at)"), {"id": f"r{n}", "title": title, "t": f"{title} report text.",
                                   "at": dt.datetime(2025, 1, 1 + n)})
    engine.dispose()


def test_an_older_store_is_upgraded_on_opening_and_keeps_its_reports(db_url):
    _old_store(db_url)
    engine = store.connect(db_url)
    assert store.revision(engine) == store.SCHEMA
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT report_id, url_key, extracted_with FROM reports ORDER BY report_id")).all()
    assert [tuple(r) for r in rows] == [("r0", "https://a.example/x", ""), ("r1", "", "")]  # the oldest keeps the key
    assert store.find_url(engine, "https://a.example/x").report_id == "r0"


def test_with_auto_upgrade_off_the_message_gives_the_command(db_url, monkeypatch, capsys):
    _old_store(db_url)
    monkeypatch.setenv(store.AUTO_UPGRADE_ENV, "0")
    with pytest.raises(FootprintError) as refused:
        store.connect(db_url)
    shown = store.shown_url(db_url)
    assert f"has schema 0001, this Footprint needs schema {store.SCHEMA}" in str(refused.value)
    assert f"run `python -m footprint upgrade --db '{shown}'`" in str(refused.value)
    assert main(["check", "--db", db_url]) == 1
    assert "python -m footprint upgrade" in capsys.readouterr().err
    assert main(["upgrade", "--db", db_url]) == 0
    assert f"from schema 0001 to {store.SCHEMA}" in capsys.readouterr().out
    assert main(["check", "--db", db_url]) == 0
    assert f"answers (schema {store.SCHEMA}): 2 reports, 0 claims" in capsys.readouterr().out


def test_a_store_from_a_newer_footprint_is_refused_untouched(engine, db_url):
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9001'"))
    with pytest.raises(FootprintError, match="has schema 9001, made by a newer Footprint"):
        store.connect(db_url)
    assert store.revision(engine) == "9001"


def test_two_instances_opening_a_new_store_at_once_create_it_once(db_url):
    start, errors, engines = threading.Barrier(3), [], []

    def open_it():
        start.wait()
        try:
            engines.append(store.connect(db_url))
        except Exception as err:  # noqa: BLE001 - the test reports whatever escaped
            errors.append(err)

    threads = [threading.Thread(target=open_it) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == [] and len(engines) == 3
    assert {store.revision(e) for e in engines} == {store.SCHEMA}


def test_a_password_in_the_url_stays_out_of_messages():
    url = "postgresql://analyst:s3cret@127.0.0.1:1/footprint"
    assert "s3cret" not in store.shown_url(url) and "analyst" in store.shown_url(url)
    with pytest.raises(FootprintError) as refused:
        store.connect(url)
    assert "s3cret" not in str(refused.value)
    assert "cannot open the store at postgresql+psycopg://analyst:***@127.0.0.1:1/footprint" in str(refused.value)
