"""Who can reach the app, and how monitoring sees it: it listens on this machine only unless
told otherwise, ``/health`` says whether its store answers, several instances share one
PostgreSQL store, and what the store records reaches the server's log."""

import json
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from footprint import store
from tests.browser import eventually, filled_store, serve
from tests.conftest import ROOT, SEED


def get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def listening(port: int) -> set[str]:
    """The local addresses of the sockets listening on ``port`` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def test_by_default_the_app_listens_on_this_machine_only_and_says_it_is_healthy(tmp_path):
    with serve(filled_store(tmp_path), tmp_path, address=None) as app:  # the address left to .streamlit/config.toml
        assert listening(app.port) == {"0100007F"}  # 127.0.0.1, and no other interface
        status, body = get(f"{app.url}/health")
    assert status == 200
    assert (body["status"], body["store"], body["schema"], body["reports"]) == ("ok", "answers", store.SCHEMA, 8)


def test_health_says_503_with_the_reason_when_the_store_does_not_answer(tmp_path):
    from tests.pgserver import free_port

    with serve(f"postgresql://analyst:s3cret@127.0.0.1:{free_port()}/footprint", tmp_path) as app:
        status, body = get(f"{app.url}/health")
    assert status == 503 and body["status"] == "error"
    assert body["store"].startswith("cannot open the store at postgresql+psycopg://analyst:***@127.0.0.1")
    assert "s3cret" not in json.dumps(body)


def test_two_instances_share_one_postgresql_store(postgres, tmp_path):
    """The README's team set-up: every instance gets the same FOOTPRINT_DATABASE_URL."""
    url = postgres.database("team")
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    with serve(url, one) as first, serve(url, two) as second:
        # as they start, the first makes the schema in the new database, the other finds it made
        assert eventually(lambda: [get(f"{a.url}/health")[1].get("reports") for a in (first, second)],
                          [0, 0]) == [0, 0]
        added = subprocess.run([sys.executable, "-m", "footprint", "ingest", "--db", url, str(SEED)], cwd=ROOT,
                               capture_output=True, text=True, timeout=120)
        assert added.returncode == 0, added.stderr
        bodies = [get(f"{a.url}/health")[1] for a in (first, second)]
    assert [(b["status"], b["reports"]) for b in bodies] == [("ok", 1), ("ok", 1)]
    assert bodies[0]["claims"] == bodies[1]["claims"] > 0


def test_what_the_app_stores_reaches_the_server_log(tmp_path):
    """An ingest through a page is written to the server's standard error, one line, for a
    team's log collector."""
    from tests.browser import browser_page, paste_report

    with serve(filled_store(tmp_path), tmp_path) as app, browser_page() as page:
        paste_report(page, app.url, "Convoy at T4")
    log = (tmp_path / "streamlit.err").read_text()
    [line] = [line for line in log.splitlines() if " ingest " in line]
    assert " footprint: app user (no name given) ingest " in line and '"title": "Convoy at T4"' in line


def test_a_store_that_cannot_be_used_is_said_plainly_on_every_page(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from footprint import pageparts
    from tests.pgserver import free_port

    pageparts.engine.clear()
    monkeypatch.setenv(store.ENV_VAR, f"postgresql://analyst:s3cret@127.0.0.1:{free_port()}/footprint")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    [error] = at.error
    assert error.value.startswith("Footprint cannot use its store: `cannot open the store at postgresql+psycopg://"
                                  "analyst:***@127.0.0.1")
    assert "s3cret" not in error.value
    old = tmp_path / "old.db"
    store.connect(f"sqlite:///{old}").dispose()
    import sqlite3

    with sqlite3.connect(old) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
    monkeypatch.setenv(store.ENV_VAR, f"sqlite:///{old}")
    monkeypatch.setenv(store.AUTO_UPGRADE_ENV, "0")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert f"has schema 0001, this Footprint needs schema {store.SCHEMA}" in at.error[0].value
    assert f"run `python -m footprint upgrade --db 'sqlite:///{old}'`" in at.error[0].value
    pageparts.engine.clear()


def test_the_server_opens_its_store_as_it_starts_not_when_the_first_visitor_comes(tmp_path):
    """A store whose reports need reading again is read at start, before anyone opens a page."""
    import time

    from footprint import corrections

    url = filled_store(tmp_path)
    engine = store.connect(url)
    store.mark_all_stale(engine)
    assert store.stale_count(engine, corrections.target(engine)) == 8
    with serve(url, tmp_path):
        deadline = time.monotonic() + 60
        while store.stale_count(engine, corrections.target(engine)) and time.monotonic() < deadline:
            time.sleep(0.2)
    assert store.stale_count(engine, corrections.target(engine)) == 0
    engine.dispose()
