"""The command line: extract, geocode, ingest, export; what goes to stdout, stderr, and the exit code."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from footprint import cli, snapshot, store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
SEED = SAMPLES / "2025-06-05-israel-warns-turkey-palmyra.txt"


def run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def python_m(*argv, stdin: bytes | None = None, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "footprint", *map(str, argv)], cwd=ROOT, input=stdin, capture_output=True,
        timeout=60, env=env,
    )


def report_count(url: str) -> int:
    engine = store.connect(url)
    try:
        return len(store.reports(engine))
    finally:
        engine.dispose()


def _seed_claims(claims):
    return {(c["actor"], c["place_id"], c["status"], c["claimant"]) for c in claims}


def test_extract_file(capsys):
    code, out, err = run(capsys, "extract", SEED)
    assert code == 0 and err == ""
    claims = json.loads(out)
    assert isinstance(claims, list) and claims
    assert ("Turkey", "syr-palmyra-region", "warned-about", "Israel") in _seed_claims(claims)
    assert ("Turkey", "syr-northern-syria", "reported", None) in _seed_claims(claims)
    assert not any(c["place_id"] in ("aze-baku", "pse-gaza-strip") for c in claims)
    palmyra = next(c for c in claims if c["place_id"] == "syr-palmyra-region")
    assert set(palmyra) >= {"actor", "country_code", "force", "status", "claimant", "place", "place_id", "place_name",
                            "lat", "lon", "precision", "excerpt", "start", "end", "date"}
    assert (palmyra["country_code"], palmyra["precision"], palmyra["date"]) == ("TUR", 2, "2025-06-05")


def test_extract_stores_nothing(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(store.ENV_VAR, raising=False)
    assert run(capsys, "extract", SEED)[0] == 0
    assert not (tmp_path / store.DEFAULT_FILE).exists()


def test_extract_from_stdin():
    result = python_m("extract", "-", stdin=SEED.read_bytes())
    assert result.returncode == 0, result.stderr
    from_stdin = json.loads(result.stdout)
    assert ("Turkey", "syr-palmyra-region", "warned-about", "Israel") in _seed_claims(from_stdin)


def test_extract_of_text_without_claims(capsys, tmp_path):
    quiet = tmp_path / "quiet.txt"
    quiet.write_text("The weather in Aleppo was mild on Sunday.", encoding="utf-8")
    code, out, _ = run(capsys, "extract", quiet)
    assert (code, json.loads(out)) == (0, [])


def test_geocode_names_one_line_each(capsys):
    code, out, _ = run(capsys, "geocode", "Palmyra", "Tadmur", "nowhere-xyz")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 3
    first, second, last = (json.loads(line) for line in lines)
    assert first["place_id"] == second["place_id"] == "syr-palmyra"
    assert (first["query"], second["query"]) == ("Palmyra", "Tadmur")
    assert lines[2] == "null" and last is None


def test_geocode_all_lists_runners_up(capsys):
    code, out, _ = run(capsys, "geocode", "--all", "Hader", "Palmyra")
    assert code == 0
    hader, palmyra = (json.loads(line) for line in out.splitlines())
    assert hader["place_id"] == "syr-hader"
    assert [r["place_id"] for r in hader["runners_up"]] == ["gn-170137"]
    assert "runners_up" not in palmyra  # no namesake, nothing to list


@pytest.mark.parametrize(
    ("names", "stderr"),
    [
        (["nowhere-xyz"], ""),
        (["nowhere-xyz", "atlantis-abc"], ""),
        (["   "], "holds no letters or digits"),
    ],
)
def test_geocode_nothing_found_exits_1(capsys, names, stderr):
    code, out, err = run(capsys, "geocode", *names)
    assert code == 1
    assert out.splitlines() == ["null"] * len(names)
    assert stderr in err


def test_ingest_then_export(capsys, tmp_path, db_url):
    code, out, err = run(capsys, "ingest", SEED, "--db", db_url)
    assert code == 0, err
    assert out.startswith("[1/1] stored ") and "Israel Warns Turkey" in out
    code, out, _ = run(capsys, "ingest", SEED, "--db", db_url)
    assert code == 0 and out.startswith("[1/1] already")
    target = tmp_path / "snap.geojson"
    code, out, err = run(capsys, "export", "-o", target, "--db", db_url)
    assert code == 0 and f"wrote {target}" in err
    collection = snapshot.loads(target.read_text(encoding="utf-8"))
    assert collection["features"]
    assert "Turkey" in collection["filters"]["actors"]
    assert {f["properties"]["actor"] for f in collection["features"]} == set(collection["filters"]["actors"])


@pytest.mark.parametrize(
    ("options", "actors", "places"),
    [
        (["--actor", "Turkey"], {"Turkey"}, False),
        (["--actor", "Turkey", "--actor", "Israel"], {"Turkey", "Israel"}, False),
        (["--actor", "Turkey", "--places-named"], {"Turkey", None}, True),
    ],
)
def test_export_filters(capsys, filled_engine, db_url, options, actors, places):
    code, out, _ = run(capsys, "export", "--db", db_url, *options)
    assert code == 0
    collection = snapshot.loads(out)
    assert {f["properties"]["actor"] for f in collection["features"]} == actors
    assert collection["filters"]["places_named"] is places


def test_export_of_an_unknown_actor_fails(capsys, filled_engine, db_url):
    code, out, err = run(capsys, "export", "--db", db_url, "--actor", "Narnia")
    assert code == 2 and out == ""
    assert "no claims for Narnia" in err and "Turkey" in err


def test_ingest_of_a_missing_file_leaves_the_store(capsys, filled_engine, db_url, tmp_path):
    before = report_count(db_url)
    missing = tmp_path / "missing.txt"
    code, out, err = run(capsys, "ingest", missing, "--db", db_url)
    assert code != 0
    assert f"[1/1] refused  {missing}" in err and "cannot read" in err
    assert out == ""
    assert report_count(db_url) == before


def test_folder_ingest_counts_each_outcome_as_it_comes_and_sums_up(capsys, tmp_path, db_url):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEED.read_bytes())
    (folder / "b.txt").write_bytes(SEED.read_bytes())  # the same story again
    (folder / "c.txt").write_text("   \n")  # empty
    code, out, err = run(capsys, "ingest", folder, "--db", db_url)
    assert code == 1  # something was refused
    assert out.splitlines()[0].startswith("[1/3] stored ") and out.splitlines()[1].startswith("[2/3] already ")
    assert err.splitlines()[0].startswith(f"[3/3] refused  {folder / 'c.txt'}: ") and "is empty" in err
    assert err.splitlines()[-1] == "done: 1 stored, 1 already in the store, 1 refused"
    assert report_count(db_url) == 1


def test_a_title_cannot_drive_the_terminal(capsys, tmp_path, db_url):
    """Escape codes in a stranger's title are printed as escapes, not acted on."""
    report = tmp_path / "r.txt"
    report.write_text("title: Strike\x1b[2J\x1b]0;owned\x07 on \u202eKobani\n---\n"
                      "Turkish drones struck Kobani on Monday, the SDF said.\n", encoding="utf-8")
    code, out, err = run(capsys, "ingest", report, "--db", db_url)
    assert code == 0, err
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "Strike\\x1b[2J\\x1b]0;owned\\x07 on \\u202eKobani" in out


def test_extract_of_a_missing_file_fails(capsys, tmp_path):
    code, out, err = run(capsys, "extract", tmp_path / "missing.txt")
    assert code == 2 and out == ""
    assert err.startswith("footprint extract: cannot read")


@pytest.mark.parametrize("command", [[], ["extract"], ["geocode"], ["ingest"], ["frobnicate"]])
def test_bad_usage_exits_2(capsys, command):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(command)
    assert exit_info.value.code == 2
    assert "usage: python -m footprint" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("command", "words"),
    [
        ([], ["extract", "geocode", "ingest", "export"]),
        (["extract"], ["standard input"]),
        (["geocode"], ["NAME"]),
        (["ingest"], ["--db", "PATH|URL"]),
        (["export"], ["--db", "--output", "--actor", "--places-named"]),
    ],
)
def test_help(capsys, command, words):
    with pytest.raises(SystemExit) as exit_info:
        cli.main([*command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: python -m footprint")
    assert all(word in out for word in words)


def test_python_m_footprint_uses_the_environment_store(tmp_path):
    url = f"sqlite:///{tmp_path / 'env.db'}"
    env = {"PATH": "/usr/bin:/bin", store.ENV_VAR: url}
    result = python_m("ingest", SEED, env=env)
    assert result.returncode == 0, result.stderr
    assert report_count(url) == 1
    result = python_m("geocode", "nowhere-xyz", env=env)
    assert (result.returncode, result.stdout) == (1, b"null\n")


def test_ingest_says_when_a_report_is_not_in_english(capsys, tmp_path, db_url):
    report = tmp_path / "ar.txt"
    report.write_text("توغلت قوة إسرائيلية صباح اليوم في قرية الرفيد بريف القنيطرة الجنوبي، وفق مصادر محلية.",
                      encoding="utf-8")
    code, out, err = run(capsys, "ingest", report, "--db", db_url)
    assert code == 0, err
    assert "0 claims" in out and "note: This report reads as Arabic" in out


# -- pasted text and review on the command line ----------------------------------------------------

DATELINED = b"DAMASCUS, 5 June 2025 - Turkish troops entered the village of Tal Rifaat on Monday, local sources said.\n"


def test_ingest_from_standard_input_with_its_fields(db_url):
    done = python_m("ingest", "-", "--title", "Typed title", "--source", "Wire", "--url", "https://example.org/t",
                    "--db", db_url, stdin=DATELINED)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().startswith("[1/1] stored   Typed title: 1 claim")
    engine = store.connect(db_url)
    [row] = store.reports(engine)
    assert (row["title"], row["source"], row["url"], row["published"]) == (
        "Typed title", "Wire", "https://example.org/t", "2025-06-05")


def test_review_lists_accepts_and_survives_reprocess(capsys, db_url):
    assert python_m("ingest", "-", "--db", db_url, stdin=DATELINED).returncode == 0
    code, out, _ = run(capsys, "review", "--db", db_url)
    [line] = out.splitlines()
    report_id, key = line.split("  ")[:2]
    assert "[unreviewed]" in line and key == "Turkey|syr-tal-rifaat|claimed|0:103"
    code, out, err = run(capsys, "review", "reject", key, "--report", report_id, "--as", "Omar", "--db", db_url)
    assert code == 0 and out == "rejected: Turkey at Tal Rifaat (claimed)\n"
    code, out, err = run(capsys, "reprocess", "--db", db_url)
    assert code == 0
    code, out, _ = run(capsys, "review", "--report", report_id, "--db", db_url)
    assert "[rejected by Omar " in out
    assert store.claims(store.connect(db_url)) == []  # off the map


def test_review_of_an_unknown_key_says_how_to_list(capsys, db_url):
    assert python_m("ingest", "-", "--db", db_url, stdin=DATELINED).returncode == 0
    report_id = store.reports(store.connect(db_url))[0]["report_id"]
    code, out, err = run(capsys, "review", "accept", "nothing|here", "--report", report_id, "--db", db_url)
    assert code == 2 and f"footprint review --report {report_id}" in err
