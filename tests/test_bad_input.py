"""Bad input at the door: each file, pasted text or snapshot is refused with a message that names
it and says what to do, and the store is left as it was (the refusal goes to the log); text in
Arabic, right to left or mixed with English, is stored as the text it is.

The message of each refusal of a single report is tested in ``test_reports.py`` and of a snapshot
in ``test_import.py``; here the inputs go through ``ingestion`` into a store."""

import json
import random
import re

import pytest

from footprint import features, ingestion, reports, snapshot, store
from footprint.errors import IngestError, SnapshotError

ENGLISH = "Turkish troops entered the village of Tal Rifaat on Monday, according to local sources."
ARABIC = "أفادت مصادر بأن القوات التركية وصلت إلى قاعدة التيفور الجوية قرب تدمر في ريف حمص."
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00" + bytes(2000)

#: (file name, bytes, what the refusal says): nothing of these is stored.
BAD_FILES = [
    ("empty.txt", b"", r"^empty\.txt is empty"),
    ("blank.txt", " \n\t\r\n\u3000\u00a0 ".encode(), r"^blank\.txt is empty"),
    ("huge.txt", b"x" * (20 * 2**20), r"^huge\.txt is 20\.0 MB; one report is at most 2 MB"),
    ("picture.txt", PNG, r"^picture\.txt looks binary, not text"),
    ("noise.txt", random.Random(7).randbytes(4096), r"^noise\.txt looks binary, not text"),
    ("utf16.txt", ENGLISH.encode("utf-16-le"),
     r"^utf16\.txt is UTF-16 text without a byte-order mark.*save it as UTF-8"),
    ("arabic-utf16.txt", ARABIC.encode("utf-16-be"), r"^arabic-utf16\.txt is UTF-16 text without a byte-order mark"),
    ("arabic-1256.txt", ARABIC.encode("cp1256"), r"^arabic-1256\.txt is not UTF-8.*Windows-1256 \(Arabic\).*UTF-8"),
    ("arabic-8859-6.txt", ARABIC.encode("iso8859-6"), r"^arabic-8859-6\.txt is not UTF-8.*Windows-1256"),
    ("broken.html", b"<html><body><div><<<>>></b></i><p><script>alert(1)</scr", r"^broken\.html has no words"),
    ("figures.txt", b"2025-06-05\n\n12 345 678", r"^figures\.txt has no words"),
]


def contents(engine) -> tuple[list, list]:
    """What the store holds: its reports and their claims (not ``store.version``, which a refusal's log line moves)."""
    return store.reports(engine), store.claims(engine)


def test_bad_files_are_refused_each_with_its_reason_and_the_store_is_left_as_it_was(filled_engine, tmp_path):
    before = contents(filled_engine)
    paths = []
    for name, data, _ in BAD_FILES:
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    outcomes = ingestion.ingest_all(filled_engine, paths)
    for (name, _, message), outcome in zip(BAD_FILES, outcomes, strict=True):
        assert outcome.result is None and re.search(message, outcome.error or ""), (name, outcome.error)
    assert contents(filled_engine) == before
    logged = store.events(filled_engine, limit=len(BAD_FILES), action="refuse")
    assert [json.loads(e["detail"])["reason"] for e in reversed(logged)] == [o.error[:500] for o in outcomes]


@pytest.mark.parametrize(("fields", "message"), [
    ({"text": ""}, "^the pasted text is empty"),
    ({"text": " \u3000\u00a0\n\t "}, "^the pasted text is empty"),
    ({"text": "Turkish troops were seen. " * (20 * 2**20 // 26)}, r"^the pasted text is 20\.0 MB"),
    ({"text": "Turkish troops \ud800 in Afrin."}, r"^what was pasted holds a broken character \('\\ud800'\)"),
    ({"text": ENGLISH, "url": "javascript:alert(1)"}, "^a source URL starts with http:// or https://"),
    ({"text": ENGLISH, "url": "JavaScript:alert(1)//https://example.org"}, "^a source URL starts with http"),
])
def test_bad_pasted_text_is_refused_before_the_store(filled_engine, fields, message):
    before = contents(filled_engine)
    with pytest.raises(IngestError, match=message):
        ingestion.ingest_report(filled_engine, reports.pasted(**fields))
    assert contents(filled_engine) == before


#: (file name, text, its encoding, the language noted or None for English, whether claims are read): all stored.
GOOD_FILES = [
    ("arabic.txt", ARABIC, "utf-8", "ar", False),
    ("arabic-notepad.txt", ARABIC.replace("تدمر", "حماة"), "utf-16", "ar", False),  # UTF-16 with its byte-order mark
    ("english-notepad.txt", ENGLISH.replace("Monday", "Tuesday"), "utf-16", None, True),
    ("right-to-left.txt", f"\u202b{ARABIC.replace('حمص', 'دمشق')}\u202c\n\n\u200f{ARABIC}\u200f", "utf-8", "ar",
     False),
    ("english-quoting-arabic.txt", "Turkish troops entered Tal Rifaat (تل رفعت) on Monday, according to local sources, "
                                   "and set up a checkpoint near the town.", "utf-8", None, True),
    ("arabic-quoting-english.txt", "قال مصدر محلي إن القوات التركية (Turkish forces) دخلت بلدة تل رفعت (Tal Rifaat) "
                                   "يوم الاثنين وأقامت حاجزا قرب البلدة.", "utf-8", "ar", False),
    ("malformed-article.html", "<html><head><title>Convoy leaves Qamishli</title><body><article><p>A Russian convoy "
                               "left the Qamishli airport on Sunday, residents said.<p><b><i>Russian officials did "
                               "not comment.</article></div></span></html></html><<>", "utf-8", None, True),
]


def test_reports_in_arabic_right_to_left_or_mixed_are_stored_as_they_are(engine, tmp_path):
    paths = []
    for name, text, encoding, _, _ in GOOD_FILES:
        (tmp_path / name).write_bytes(text.encode(encoding))
        paths.append(str(tmp_path / name))
    outcomes = ingestion.ingest_all(engine, paths)
    stored = {r.report_id: r for r in store.stored_reports(engine)}
    for (name, text, encoding, code, with_claims), outcome in zip(GOOD_FILES, outcomes, strict=True):
        assert outcome.error is None and outcome.result.added, (name, outcome.error)
        assert (outcome.result.language, outcome.result.claims > 0) == (code, with_claims), name
        report = stored[outcome.result.report_id]
        assert report.notes.get("language") == code and report.raw == text.encode(encoding), name
        if name.endswith(".txt"):  # cleaning only spaces the words again
            assert report.text.split() == text.split(), name


def test_a_javascript_address_in_a_file_or_page_is_dropped_neither_stored_nor_exported(engine, tmp_path):
    header = tmp_path / "header.txt"
    header.write_text(f"title: Tal Rifaat\nurl: javascript:alert(1)\n---\n{ENGLISH}\n", encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text('<html><head><title>Qamishli</title><link rel="canonical" href="javascript:alert(1)">'
                    '<meta property="og:url" content="javascript:alert(2)"></head><body><article><p>A Russian convoy '
                    "left the Qamishli airport on Sunday, residents told reporters.</p></article></body></html>",
                    encoding="utf-8")
    outcomes = ingestion.ingest_all(engine, [str(header), str(page)])
    assert all(o.error is None and o.result.claims > 0 for o in outcomes), [o.error for o in outcomes]
    assert [r["url"] for r in store.reports(engine)] == ["", ""]
    shown = features.claim_features(store.claims(engine))
    exported = snapshot.dumps(snapshot.snapshot(shown, features.Selection(frozenset(f.actor for f in shown))))
    assert "javascript" not in exported.lower() and len(json.loads(exported)["features"]) == len(shown)


# -- snapshots given back to the app: nothing is stored, a bad one is refused whole ---------------------


def feature_json(coordinates: str = "[38.28, 34.56]", properties: str = '{"actor": "Turkey"}') -> bytes:
    return (f'{{"type": "Feature", "geometry": {{"type": "Point", "coordinates": {coordinates}}}, '
            f'"properties": {properties}}}').encode()


def collection_json(*features: bytes) -> bytes:
    return b'{"type": "FeatureCollection", "features": [' + b", ".join(features) + b"]}"


@pytest.mark.parametrize(("data", "message"), [
    (collection_json(feature_json(f"[1{'0' * 400}, 34.56]")),
     r"feature 0 has coordinates out of range: \[100+\.\.\.0+, 34\.56\]"),
    (collection_json(feature_json(f"[38.28, -{'9' * 4000}]")), "feature 0 has coordinates out of range"),
    (collection_json(feature_json("[NaN, 34.56]")), r"coordinates out of range: \[nan, 34\.56\]"),
    (collection_json(feature_json("[38.28, -Infinity]")), "coordinates out of range"),
    (collection_json(feature_json('["38.28", "34.56"]')), "coordinates out of range"),
    (collection_json(feature_json("[true, false]")), "coordinates out of range"),
    (collection_json(feature_json("[38.28, 34.56, 100]")), "feature 0 is not a Feature with a Point geometry"),
    (collection_json(b'"a feature"'), "feature 0 is not a Feature with a Point geometry"),
    (collection_json(feature_json(properties="[1, 2]")), "feature 0 has no properties object"),
    (collection_json(feature_json(properties='{"place": 7}')), "feature 0: 'place' must be text, not int"),
    (collection_json(feature_json(properties='{"sources": ["a", "b"]}')), "'sources' must be a list of objects"),
    (b'{"type": "FeatureCollection", "features": {"0": {}}}', "a FeatureCollection needs a 'features' list"),
    (b'{"a": ' * 100_000 + b"1" + b"}" * 100_000, "nested too deeply"),
    (collection_json(feature_json(properties='{"sources": [{"title": ' + "[" * 100_000 + "]" * 100_000 + "}]}")),
     "nested too deeply"),
])
def test_hostile_snapshots_are_refused_whole_with_the_first_problem(data, message):
    with pytest.raises(SnapshotError, match=message) as refused:
        snapshot.imported(data, "their.geojson")
    assert str(refused.value).startswith("their.geojson cannot be overlaid: ")
