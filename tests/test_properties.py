"""Properties that hold for any input, however hostile (hypothesis draws it): nothing but a
``FootprintError`` escapes the cleaning of reports, the extraction of claims, the import of a
snapshot or the reading of filters from a link; and what comes out keeps its promises: a claim's
excerpt is the report's own text, an overlay's points lie on the globe, a link's filters read back
the same.

Examples are few per test (``max_examples``) so that the file runs in well under a minute."""

import datetime as dt
import json
import math
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from footprint import features, filters, reports, snapshot
from footprint.claims import STATUSES, Extractor
from footprint.errors import FootprintError
from footprint.store import SourceInfo, StoredClaim, StoredPlace

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"

#: Pieces of pages and files that have broken parsers before: headers, tags, entities, byte-order
#: marks, control and bidirectional characters, and a sentence the extractor reads.
FRAGMENTS = [
    "title: ", "url: javascript:alert(1)", "url: https://example.org/a", "published: 2025-13-40", "\n---\n", "\n\n",
    "<html>", "<!doctype html>", "<body>", "<p>", "</p>", "<script>alert(1)</script>", "<![CDATA[", "<!--",
    "<?xml version='1.0' encoding='utf-16'?>", '<meta charset="windows-1256">',
    '<link rel="canonical" href="javascript:x">',
    "&#0;", "&#xD800;", "&amp", "\x00", "\x0c", "\x1b[2J", "\ufeff", "\u202e", "\u200f", "\r", "\t",
    "Advertisement", "Latest News", "Turkish troops entered the village of Tal Rifaat on Monday. ",
    "Israeli jets struck the T4 airbase near Palmyra, the SDF said. ", "قوات تركية في تدمر", "Российские войска",
]
#: Text as a person might paste it or a file hold it: hostile pieces among arbitrary characters.
TEXTS = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=12).map("".join)
#: The same, without the unpaired surrogates that no decoded file holds.
DECODED = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(st.characters(exclude_categories=["Cs"]),
                                                                  max_size=20)), max_size=12).map("".join)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "cp1256", "iso8859-6",
             "cp1251"]
#: Bytes a file might hold: anything at all, or a text in one of many encodings.
FILE_BYTES = st.one_of(
    st.binary(max_size=3000),
    st.builds(lambda text, encoding: text.encode(encoding, errors="replace"), DECODED, st.sampled_from(ENCODINGS)),
)
NAMES = st.sampled_from(["report.txt", "page.html", "page.HTM", "notes.md", "scan.pdf", "report.exe", "report",
                         "تقرير.txt"])


def http_or_nothing(url: str | None) -> bool:
    return not url or url.startswith(("http://", "https://"))


def escapes_only_as_footprint_error(call, *args, **kwargs):
    """What ``call`` returns, or ``None`` when it refuses with a FootprintError (any other error fails the test)."""
    try:
        return call(*args, **kwargs)
    except FootprintError as err:
        assert str(err), "a refusal says why"
        return None


# -- (a) cleaning: bytes and text to a report ------------------------------------------------------


def assert_clean(report: reports.Report) -> None:
    """A report as cleaning promises it: paragraphs of words on one line each, one blank line
    between them, and an http(s) address or none."""
    paragraphs = report.text.split("\n\n")
    assert all(p and p == " ".join(p.split()) for p in paragraphs), report.text
    assert http_or_nothing(report.url)
    assert len(report.report_id) == 16


@settings(deadline=None, max_examples=400)
@given(FILE_BYTES, NAMES)
def test_any_file_is_read_or_refused(data, name):
    report = escapes_only_as_footprint_error(reports.from_bytes, data, name)
    if report is not None:
        assert_clean(report)
        assert report.raw == data and report.filename == name


@settings(deadline=None, max_examples=200)
@given(st.binary(max_size=3000), st.one_of(st.none(), st.sampled_from(["utf-8", "utf-16", "windows-1256", "nonsense"])))
def test_any_bytes_decode_to_text_or_are_refused(data, charset):
    text = escapes_only_as_footprint_error(reports.decode, data, "page", charset=charset)
    assert text is None or text.strip()


@settings(deadline=None, max_examples=300)
@given(DECODED, st.text(max_size=30), st.sampled_from(["", "https://example.org/x", "javascript:alert(1)", "data:,x"]))
@example("Turkish troops in Afrin.", "", "javascript:alert(1)")  # was kept as the report's address
def test_any_text_is_cleaned_or_refused(raw, title, url):
    report = escapes_only_as_footprint_error(reports.from_text, raw, title=title, url=url)
    if report is not None:
        assert_clean(report)
        assert report.original == raw


@settings(deadline=None, max_examples=150)
@given(TEXTS, st.sampled_from(["", "https://example.org/x", "javascript:alert(1)"]))
def test_any_html_is_read_or_refused(html, url):
    report = escapes_only_as_footprint_error(reports.from_html, html, filename="page.html", url=url)
    if report is not None:
        assert_clean(report)


@settings(deadline=None, max_examples=300)
@given(TEXTS, st.text(max_size=30), st.text(max_size=30),
       st.one_of(st.text(max_size=30), st.sampled_from(["https://example.org/x", "javascript:alert(1)", " HTTP://x "])),
       st.one_of(st.text(max_size=12), st.dates().map(dt.date.isoformat)))
@example("Turkish troops \ud800 in Afrin.", "", "", "", "")  # half a UTF-16 pair: was a UnicodeEncodeError
def test_any_pasted_report_is_taken_or_refused(text, title, source, url, published):
    report = escapes_only_as_footprint_error(reports.pasted, text, title=title, source=source, url=url,
                                             published=published)
    if report is not None:
        assert_clean(report)
        assert report.raw == text.encode("utf-8")


# -- (b) extraction -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


#: Words of the bundled samples, in any order and spacing: sentences the extractor works hard on.
SAMPLE_WORDS = sorted({w for path in SAMPLES.glob("*.txt") for w in path.read_text(encoding="utf-8").split()})
SPACINGS = [" ", " ", "  ", ", ", "\n", "\n\n", "\t"]
WORD_SALAD = st.lists(st.tuples(st.sampled_from(SAMPLE_WORDS), st.sampled_from(SPACINGS)), min_size=1, max_size=60).map(
    lambda pairs: "".join(word + space for word, space in pairs))


def assert_claims_point_into(report: reports.Report, extraction) -> None:
    """Every claim and named place quotes the report's own text at its offsets, its words inside
    its excerpt, at a point on the globe."""
    text = report.text
    for c in extraction.claims:
        assert c.excerpt == text[c.start:c.end] and c.excerpt.strip()
        for start, end in ((c.place_start, c.place_end), (c.actor_start, c.actor_end), (c.cue_start, c.cue_end)):
            assert (start, end) == (-1, -1) or c.start <= start < end <= c.end
        assert c.status in STATUSES
        assert math.isfinite(c.lat) and -90 <= c.lat <= 90 and math.isfinite(c.lon) and -180 <= c.lon <= 180
    for p in extraction.places:
        assert p.excerpt == text[p.start:p.end] and p.start <= p.place_start < p.place_end <= p.end


@settings(deadline=None, max_examples=300)
@given(st.one_of(st.text(min_size=1), WORD_SALAD), st.one_of(st.none(), st.dates()))
@example("tROOP:Hezbollah  A0 VILLAGE", None)  # a name spaced twice: was a ValueError (substring not found)
def test_any_report_text_gives_claims_that_quote_it(extractor, text, published):
    report = reports.Report(text=text, published=published)
    extraction = escapes_only_as_footprint_error(extractor, report)
    if extraction is not None:
        assert_claims_point_into(report, extraction)


@settings(deadline=None, max_examples=300)
@given(st.one_of(WORD_SALAD, DECODED))
def test_any_cleaned_report_gives_claims_that_quote_it(extractor, raw):
    report = escapes_only_as_footprint_error(reports.from_text, raw)
    if report is not None:
        assert_claims_point_into(report, extractor(report))


# -- (c) snapshot import ---------------------------------------------------------------------------

KEYS = st.one_of(st.sampled_from(["type", "features", "geometry", "coordinates", "properties", "sources", "url",
                                  "actor", "layer", "status", "place", "place_id", "generated_at", "title", "excerpt"]),
                 st.text(max_size=4))
NUMBERS = st.one_of(st.integers(min_value=-10**400, max_value=10**400), st.floats(), st.booleans(), st.none())
SCALARS = st.one_of(NUMBERS, st.text(max_size=8),
                    st.sampled_from(["Feature", "FeatureCollection", "Point", "javascript:alert(1)"]))
#: Anything JSON holds, nested.
JSONISH = st.recursive(
    SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)),
    max_leaves=25)
#: Features that are nearly right: the point's coordinates or the properties are anything at all.
NEAR_FEATURES = st.fixed_dictionaries({
    "type": st.just("Feature"),
    "geometry": st.fixed_dictionaries({"type": st.just("Point"),
                                       "coordinates": st.one_of(st.lists(NUMBERS, min_size=2, max_size=2), JSONISH)}),
    "properties": st.one_of(st.dictionaries(KEYS, JSONISH, max_size=5), JSONISH),
})
COLLECTIONS = st.fixed_dictionaries({"type": st.just("FeatureCollection"),
                                     "features": st.lists(st.one_of(NEAR_FEATURES, JSONISH), max_size=4)},
                                    optional={"generated_at": JSONISH})


def assert_overlay(overlay: dict) -> None:
    """An accepted snapshot as the overlay draws it: points on the globe, short text, http(s) links."""
    for f in overlay["features"]:
        assert math.isfinite(f["lat"]) and math.isfinite(f["lon"])
        assert -90 <= f["lat"] <= 90 and -180 <= f["lon"] <= 180
        assert all(f[k] is None or (isinstance(f[k], str) and len(f[k]) <= 500) for k in ("layer", "actor", "place"))
        assert all(http_or_nothing(s["url"]) for s in f["sources"])
    assert len(overlay["generated_at"]) <= 40


@settings(deadline=None, max_examples=400)
@given(st.one_of(st.binary(max_size=2000), st.one_of(COLLECTIONS, JSONISH).map(lambda x: json.dumps(x).encode())))
@example(b'{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point", '
         b'"coordinates": [1' + b"0" * 400 + b', 1]}, "properties": {}}]}')  # was an OverflowError
def test_any_file_is_overlaid_or_refused(data):
    overlay = escapes_only_as_footprint_error(snapshot.imported, data, "their.geojson")
    if overlay is not None:
        assert_overlay(overlay)


@settings(deadline=None, max_examples=300)
@given(st.one_of(COLLECTIONS, JSONISH))
def test_any_object_is_validated_or_refused(obj):
    accepted = escapes_only_as_footprint_error(snapshot.validate, obj)
    if accepted is not None:
        for f in accepted["features"]:
            lon, lat = f["geometry"]["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90 and math.isfinite(lon) and math.isfinite(lat)
    text = json.dumps(obj)
    assert (escapes_only_as_footprint_error(snapshot.loads, text) is None) == (accepted is None)


NESTS = {"list": (b"[", b"]"), "object": (b'{"a":', b"}")}
PLACES = [b"%s", b'{"type":"FeatureCollection","features":[],"generated_at":%s}',
          b'{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point",'
          b'"coordinates":[1,2]},"properties":{"sources":[{"title":%s}]}}]}']


@settings(deadline=None, max_examples=50)
@given(st.integers(min_value=1, max_value=200_000), st.sampled_from(sorted(NESTS)), st.sampled_from(PLACES))
def test_any_depth_of_nesting_is_overlaid_or_refused(depth, kind, where):
    opening, closing = NESTS[kind]
    data = where % (opening * depth + b"1" + closing * depth)
    overlay = escapes_only_as_footprint_error(snapshot.imported, data, "deep.geojson")
    if overlay is not None:
        assert_overlay(overlay)


# -- (d) filters from a link -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_features(extractor) -> list[features.Feature]:
    """The map's features of the bundled samples (claims and named places), as the store would give them."""
    claims, places = [], []
    for path in sorted(SAMPLES.glob("*.txt")):
        report = reports.from_path(path)
        source = SourceInfo(report.report_id, report.title, report.source, report.url,
                            report.published.isoformat() if report.published else None, report.report_id)
        extraction = extractor(report)
        claims += [StoredClaim(c, source) for c in extraction.claims]
        places += [StoredPlace(p, source) for p in extraction.places]
    return features.claim_features(claims) + features.place_features(places)


PARAM_NAMES = st.one_of(st.sampled_from(["status", "from", "to", "source", "review", "min_sources", "precision", "q",
                                         "disputed", "actors", "place"]), st.text(max_size=4))
PUBLISHERS = sorted({reports.from_path(path).source for path in SAMPLES.glob("*.txt")})
PARAM_VALUES = st.one_of(st.text(), st.sampled_from([
    "reported,struck", "denied,,withdrawn", "1", "2", "3,4", "-7", "9" * 5000, "2025-06-05", "2025-02-30", "20250605",
    "2025-W23-4", "accepted,edited", "|".join(PUBLISHERS[:2]), PUBLISHERS[-1], "Turkey|Israel", " " * 300,
    "a" * 199 + " b",
]))


@settings(deadline=None, max_examples=300)
@given(st.dictionaries(PARAM_NAMES, PARAM_VALUES, max_size=8))
@example({"q": "a" * 199 + " b"})  # cut at 200 characters on a space: read back without it
def test_any_link_gives_filters_that_read_back_the_same(sample_features, params):
    chosen, actors, place = filters.from_params(params)
    assert filters.from_params(filters.to_params(chosen, actors, place)) == (chosen, actors, place)
    kept = filters.apply(sample_features, chosen)
    assert {f.key for f in kept} <= {f.key for f in sample_features}
    assert all(chosen.keeps_feature(f) and f.sources and all(chosen.keeps_source(s) for s in f.sources) for f in kept)
    assert filters.apply(kept, chosen) == kept
    shown = features.Selection(frozenset(f.actor for f in kept if f.actor), places_named=True)
    exported = snapshot.dumps(snapshot.snapshot(kept, shown)).encode()
    assert len(snapshot.imported(exported, "mine.geojson")["features"]) == len(kept)
