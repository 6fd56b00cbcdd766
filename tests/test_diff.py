"""Change between two dates: new, gone and changed claims, on the command line and as GeoJSON."""

import datetime as dt
import json

import pytest

from footprint import cli, diff, store
from footprint.claims import Claim

D = dt.date


def item(actor, place, status, day, n=[0]):  # noqa: B006 (a counter, on purpose)
    n[0] += 1
    claim = Claim(actor=actor, country_code=actor[:3].upper(), force=None, status=status, claimant=None, place=place,
                  place_id=f"syr-{place.lower()}", place_name=place, lat=35.0, lon=38.0, precision=1,
                  excerpt=f"{actor} {status} {place}.", start=0, end=10, date=day)
    return store.StoredClaim(claim, store.SourceInfo(f"r{n[0]}", f"report {n[0]}", "Wire", "", day))


HISTORY = [
    item("Russia", "Qamishli", "reported", "2025-01-10"),
    item("Russia", "Qamishli", "withdrawn", "2025-03-02"),  # gone since
    item("Israel", "Quneitra", "planned", "2025-01-05"),
    item("Israel", "Quneitra", "reported", "2025-02-20"),  # changed
    item("Turkey", "Afrin", "struck", "2025-02-11"),  # new
    item("Iran", "Albukamal", "reported", "2025-01-02"),  # the same before and after
    item("Iran", "Albukamal", "reported", "2025-02-02"),
    item("United States", "Tanf", "reported", None),  # undated: left out
    item("Jordan", "Salkhad", "struck", "2025-05-01"),  # after the second date
]


def test_new_gone_and_changed():
    found = diff.changes(HISTORY, D(2025, 1, 31), D(2025, 3, 31))
    assert sorted((c.actor, c.kind, c.before, c.after, c.since) for c in found) == [
        ("Israel", "changed", "planned", "reported", "2025-02-20"),
        ("Russia", "gone", "reported", "withdrawn", "2025-03-02"),
        ("Turkey", "new", None, "struck", "2025-02-11"),
    ]
    assert [c.since for c in found] == sorted((c.since for c in found), reverse=True)  # newest first
    assert diff.changes(HISTORY, D(2025, 3, 31), D(2025, 1, 31)) == found  # either order


def test_nothing_changes_within_a_quiet_span():
    assert diff.changes(HISTORY, D(2025, 3, 10), D(2025, 4, 30)) == []


def test_the_cli_lists_the_changes_and_writes_geojson(capsys, filled_engine, db_url, tmp_path):
    target = tmp_path / "change.geojson"
    code = cli.main(["diff", "--from", "2024-12-31", "--to", "2025-12-31", "--db", db_url, "-o", str(target)])
    out, err = capsys.readouterr()
    assert code == 0
    expected = diff.changes(store.claims(filled_engine), D(2024, 12, 31), D(2025, 12, 31))
    assert out.splitlines() == [c.summary for c in expected] and expected
    collection = json.loads(target.read_text(encoding="utf-8"))
    assert len(collection["features"]) == len(expected) and collection["from"] == "2024-12-31"
    assert {f["properties"]["change"] for f in collection["features"]} <= {"new", "gone", "changed"}
    assert f"{len(expected)} changes between 2024-12-31 and 2025-12-31" in err


@pytest.mark.parametrize("bad", ["31/12/2025", "yesterday"])
def test_a_bad_date_is_refused(capsys, db_url, bad):
    assert cli.main(["diff", "--from", bad, "--to", "2025-12-31", "--db", db_url]) == 2
    assert "dates are written YYYY-MM-DD" in capsys.readouterr().err
