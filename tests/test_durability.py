"""No lost work: a killed ingest or re-extraction leaves every report whole, two ingests at once
store each report once, and two reviewers deciding at once are told of each other. Real
processes, a real SIGKILL, on a SQLite file and on a PostgreSQL server."""

import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from footprint import corrections, review, store
from footprint.ingestion import ingest_all
from tests.conftest import BACKENDS, ROOT, SAMPLES, backend_url

TUNE = sorted((ROOT / "bench" / "corpus" / "tune").glob("*.txt"))
TABLES = (store.ReportRow, store.ClaimRow, store.NamedPlaceRow, store.UnresolvedRow, store.BandRow)


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> str:
    return backend_url(request, tmp_path)


def contents(engine) -> dict:
    """Rows a table, and each report's claims, places and bands."""
    with Session(engine) as session:
        rows = {t.__tablename__: session.scalar(select(func.count()).select_from(t)) for t in TABLES}
        per_report = {t.__tablename__: dict(session.execute(select(t.report_id, func.count()).group_by(t.report_id)).all())
                      for t in TABLES[1:]}
    return {"rows": rows, "per_report": per_report}


def orphans(engine) -> int:
    """Rows that quote a report the store does not hold."""
    with Session(engine) as session:
        return sum(session.scalar(select(func.count()).select_from(t).where(
            ~t.report_id.in_(select(store.ReportRow.report_id)))) for t in TABLES[1:])


def run_until_marker(tmp_path, *args) -> subprocess.Popen:
    """Start ``tests.interrupted`` and wait until it sits inside its transaction."""
    marker = tmp_path / "inside-the-transaction"
    proc = subprocess.Popen([sys.executable, "-m", "tests.interrupted", args[0], args[1], str(marker), *args[2:]],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while not marker.exists():
        if proc.poll() is not None:
            pytest.fail(f"the process ended before writing: {proc.stdout.read().decode(errors='replace')}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("the process never reached its transaction")
        time.sleep(0.05)
    return proc


def kill(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL


def test_an_ingest_killed_halfway_leaves_the_store_as_it_was(filled_engine, db_url, tmp_path):
    before, log_before = contents(filled_engine), store.events(filled_engine)
    proc = run_until_marker(tmp_path, "ingest", db_url, str(TUNE[0]))
    with Session(filled_engine) as session:  # the claims are written, not committed: nobody else sees them
        assert session.scalar(select(func.count()).select_from(store.ReportRow)) == before["rows"]["reports"]
    kill(proc)
    assert contents(filled_engine) == before
    assert store.events(filled_engine) == log_before
    assert orphans(filled_engine) == 0
    if filled_engine.dialect.name == "sqlite":
        with filled_engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    [again] = ingest_all(filled_engine, [str(TUNE[0])])  # the lock was let go: the same report goes in whole
    assert again.result.added and again.result.claims > 0
    after = contents(filled_engine)
    assert after["rows"]["reports"] == before["rows"]["reports"] + 1
    assert after["per_report"]["claims"][again.result.report_id] == again.result.claims


def test_two_ingests_at_once_store_each_report_once(engine, db_url, tmp_path):
    files = [str(p) for p in sorted(SAMPLES.glob("*.txt"))] + [str(p) for p in TUNE[:16]]
    reference = store.connect(f"sqlite:///{tmp_path / 'one-by-one.db'}")
    ingest_all(reference, files)
    procs = [subprocess.Popen([sys.executable, "-m", "footprint", "ingest", "--db", db_url, *order],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for order in (files, files[::-1])]  # the two meet in the middle, then each finds the other's
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    stored = sum(out.count("] stored ") for out, _ in outputs)
    already = sum(out.count("] already ") for out, _ in outputs)
    assert stored == contents(reference)["rows"]["reports"]
    assert stored + already == 2 * len(files)
    assert contents(engine)["rows"] == contents(reference)["rows"]
    assert contents(engine)["per_report"]["claims"] == contents(reference)["per_report"]["claims"]
    assert len(store.events(engine, action="ingest")) == stored
    reference.dispose()


def test_two_reviewers_at_once_one_decision_lands_the_other_is_told(filled_engine):
    item = store.claims(filled_engine)[0]
    start, results = threading.Barrier(2), {}

    def decide(who, action):
        start.wait()
        try:
            results[who] = review.decide(filled_engine, item.source.report_id, item.key, action, reviewer=who,
                                         seen=item.decision, claim=item.claim)
        except review.ReviewError as err:
            results[who] = err

    threads = [threading.Thread(target=decide, args=args) for args in (("Rana", "accept"), ("Omar", "reject"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    [winner] = [who for who, r in results.items() if isinstance(r, int)]
    [loser] = [who for who, r in results.items() if isinstance(r, review.ReviewError)]
    assert f"{winner} already decided on this claim" in str(results[loser])
    [now] = [c for c in store.claims(filled_engine, rejected=True) if c.key == item.key]
    assert (now.reviewer, now.decision) == (winner, results[winner])
    assert [e["who"] for e in store.events(filled_engine, action="review")] == [winner]
    # seen the first decision, the second lands after it, in order
    later = review.decide(filled_engine, item.source.report_id, item.key, "reset", reviewer=loser, seen=now.decision)
    assert later > results[winner]


def test_a_reextraction_killed_halfway_leaves_every_report_whole_and_resumes(filled_engine, db_url, tmp_path,
                                                                              monkeypatch):
    from tests.interrupted import NEWER

    before = contents(filled_engine)
    total = before["rows"]["reports"]
    kill(run_until_marker(tmp_path, "reextract", db_url))
    # the first batch was read again, the second is as it was: no report lost its claims
    assert contents(filled_engine) == before
    assert orphans(filled_engine) == 0
    monkeypatch.setattr(corrections, "fingerprint", lambda: NEWER)
    assert store.stale_count(filled_engine, corrections.target(filled_engine)) == total - 3
    seen = []
    claims = corrections.reapply(
        filled_engine, batch=3, progress=lambda done, of: seen.append((done, of)))
    assert seen[-1] == (total - 3, total - 3)  # it went on with the rest, not from the start
    assert claims == before["rows"]["claims"]
    assert contents(filled_engine) == before
    assert store.stale_count(filled_engine, corrections.target(filled_engine)) == 0
    assert corrections.refresh(filled_engine) is None
