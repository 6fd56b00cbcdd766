"""Reports: header parsing, cleaning of page clutter, HTML, and refusing what is not a report."""

import datetime as dt
from pathlib import Path

import pytest

from footprint import reports
from footprint.errors import IngestError

SEED = Path(__file__).resolve().parent.parent / "data" / "samples" / "2025-06-05-israel-warns-turkey-palmyra.txt"

ARTICLE_HTML = """<!doctype html>
<html><head>
<title>Turkish troops arrive at T4 airbase | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2025-04-02">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news menu</a></li></ul></nav>
<header><h1>Turkish troops arrive at T4 airbase</h1></header>
<article>
<p>Turkish military engineers arrived at the T4 airbase in Homs countryside on Tuesday to survey
the runway, according to two sources familiar with the visit.</p>
<p>The sources said Ankara plans to deploy air defence systems at the base within weeks, a move
that Israeli officials have described as a red line.</p>
<p>Turkey has not commented on the reports, which follow weeks of talks between Ankara and the
new government in Damascus about a defence pact.</p>
</article>
<footer><p>Copyright 2025 Example News. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"""

ARABIC = "أفادت مصادر بأن القوات التركية وصلت إلى قاعدة التيفور الجوية قرب تدمر في ريف حمص."


@pytest.fixture(scope="module")
def seed() -> reports.Report:
    return reports.from_path(SEED)


# -- header --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-06-05", dt.date(2025, 6, 5)),
        ("  2024-12-13  ", dt.date(2024, 12, 13)),
        ("2025-04-02T10:30:00Z", dt.date(2025, 4, 2)),
        ("unknown", None),
        ("Unknown", None),
        ("", None),
        (None, None),
        ("June 5, 2025", None),
        ("2025-13-40", None),
    ],
)
def test_parse_date(value, expected):
    assert reports.parse_date(value) == expected


def test_seed_header_is_metadata(seed):
    assert seed.title == "Israel Warns Turkey Against Military Expansion in Syria During Talks in Azerbaijan"
    assert seed.source == "unknown news site (the article cites The Jerusalem Post)"
    assert seed.url == ""  # "url: unknown" is not an address
    assert seed.published == dt.date(2025, 6, 5)
    assert seed.filename == SEED.name
    assert seed.original.startswith("title: Israel Warns Turkey")
    assert "title:" not in seed.text and "published:" not in seed.text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "title: A\nsource: B\nurl: https://example.org/a\npublished: 2025-01-02\n---\nBody text here.",
            ("A", "B", "https://example.org/a", dt.date(2025, 1, 2)),
        ),
        ("title: A\npublished: unknown\n---\nBody text here.", ("A", "", "", None)),
        ("title: A\nurl: ftp://example.org/a\n---\nBody text here.", ("A", "", "", None)),
        ("title: A\nnote: likely 2025\n---\nBody text here.", ("A", "", "", None)),
    ],
)
def test_header_fields(raw, expected):
    report = reports.from_text(raw)
    assert (report.title, report.source, report.url, report.published) == expected
    assert report.text == "Body text here."


def test_header_notes_kept_apart_from_text():
    report = reports.from_text("title: A\nbased-on: a rewrite\nnote: dates guessed\n---\nBody text here.")
    assert report.notes == {"based-on": "a rewrite", "note": "dates guessed"}
    assert report.text == "Body text here."


# -- cleaning the seed report --------------------------------------------------------------------


@pytest.mark.parametrize(
    "clutter",
    [
        "Advertisement",
        "Trinity Audio",
        "LEAVE A REPLY",
        "Please enter your comment",
        "Must Read",
        "Latest News",
        "Gaza",
        "Three IDF Soldiers Killed",
        "More Articles Like This",
    ],
)
def test_seed_clutter_removed(seed, clutter):
    assert clutter.lower() not in seed.text.lower()


def test_seed_standfirst_kept_once(seed):
    standfirst = "the Israeli delegation issued a stern warning concerning Turkey’s alleged intention"
    assert seed.text.count(standfirst) == 1


def test_seed_title_not_repeated_after_date_line(seed):
    assert seed.text.startswith("Thursday, June 5, 2025\n\nIsraeli and Turkish representatives met in Baku")
    assert seed.title not in seed.text


def test_seed_keeps_article_paragraphs(seed):
    paragraphs = seed.text.split("\n\n")
    assert paragraphs[-1].startswith("The Baku meeting highlights growing efforts")
    assert "Syria’s Palmyra region." in seed.text
    assert all(p == p.strip() and p for p in paragraphs)


def test_report_id_is_stable_for_the_same_text(seed):
    again = reports.from_path(SEED)
    assert again.report_id == seed.report_id
    assert len(seed.report_id) == 16
    pasted = reports.from_text(SEED.read_text(encoding="utf-8"))
    assert pasted.report_id == seed.report_id
    other = reports.from_text(SEED.read_text(encoding="utf-8").replace("Thursday, June 5", "Friday, June 6"))
    assert other.report_id != seed.report_id


# -- clean_text on small inputs ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "title", "expected"),
    [
        ("First line.\n\n\n   Second   line.  ", "", "First line.\n\nSecond line."),
        ("- Advertisement -\nText one.\nShare this article\nText two.", "", "Text one.\n\nText two."),
        ("Text one.\nRelated articles\nOther story about Gaza.", "", "Text one."),
        ("Monday\nThe Title\nText one.", "The Title", "Monday\n\nText one."),
        ("The Title\nText one.", "The Title", "The Title\n\nText one."),
        (
            "Turkey is said to plan a base at the T4 airbase near Palmyra soon\n"
            "Other paragraph.\n"
            "Turkey is said to plan a base at the T4 airbase near Palmyra soon, sources said.",
            "",
            "Other paragraph.\n\nTurkey is said to plan a base at the T4 airbase near Palmyra soon, sources said.",
        ),
    ],
)
def test_clean_text(body, title, expected):
    assert reports.clean_text(body, title) == expected


def test_clean_text_keeps_every_paragraph_of_a_long_report():
    """A 250 KB report keeps its 3,000 paragraphs (bench/throughput.py prints how fast this is)."""
    lines = [f"Paragraph {i} says that convoys moved between towns in the north of the country." for i in range(3000)]
    body = "\n".join(lines)
    assert len(body.encode()) < reports.MAX_REPORT_BYTES / 5
    cleaned = reports.clean_text(body)
    assert cleaned.count("\n\n") == 2999
    assert cleaned.split("\n\n")[-1] == lines[-1]


# -- pasted text, other languages, HTML ----------------------------------------------------------


def test_plain_pasted_text_without_header():
    raw = "Russian troops left the Qamishli airport on Monday.\n\nThe move was confirmed by locals."
    report = reports.from_text(raw, title="Pasted", url="https://example.org/r")
    assert report.text == raw
    assert (report.title, report.url, report.source, report.published) == ("Pasted", "https://example.org/r", "", None)
    assert report.original == raw


def test_text_with_colon_in_first_line_is_not_a_header():
    raw = "Update: Turkish forces reached Manbij.\nMore text follows."
    report = reports.from_text(raw)
    assert report.title == ""
    assert report.text.startswith("Update: Turkish forces reached Manbij.")


def test_arabic_text_is_accepted():
    report = reports.from_bytes(ARABIC.encode("utf-8"), "تقرير.txt")
    assert report.text == ARABIC
    assert report.label == "تقرير.txt"


def test_windows_1252_text_is_decoded():
    report = reports.from_bytes("Café owners in Afrin said Turkish troops stayed.".encode("cp1252"), "r.txt")
    assert report.text == "Café owners in Afrin said Turkish troops stayed."


def test_html_article_extracted_without_page_clutter():
    report = reports.from_html(ARTICLE_HTML, filename="page.html")
    assert report.title == "Turkish troops arrive at T4 airbase"
    assert report.source == "Example News"
    assert report.published == dt.date(2025, 4, 2)
    assert report.text.startswith("Turkish military engineers arrived at the T4 airbase")
    assert report.text.count("\n\n") == 2
    for clutter in ("Home", "World news menu", "Copyright", "Privacy policy"):
        assert clutter not in report.text
    assert report.original == ARTICLE_HTML


@pytest.mark.parametrize("filename", ["page.html", "page.HTM", "page.txt"])
def test_html_chosen_by_suffix_or_content(filename):
    report = reports.from_bytes(ARTICLE_HTML.encode("utf-8"), filename)
    assert "<p>" not in report.text
    assert report.title == "Turkish troops arrive at T4 airbase"


def test_markdown_is_read_as_text_even_with_tags():
    raw = "# Notes\n\n<html> is mentioned here, but this is a note about Turkish forces in Afrin."
    report = reports.from_bytes(raw.encode(), "notes.md")
    assert "<html> is mentioned here" in report.text


# -- refused inputs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "report.txt", "report.txt is empty"),
        (b"   \n\t  \r\n", "report.txt", "report.txt is empty"),
        (b"title: x\x00\x01\x02binary", "report.txt", "looks binary"),
        (b"a" * (reports.MAX_REPORT_BYTES + 1), "big.txt", "big.txt is 2.0 MB; one report is at most 2 MB"),
        (b"Turkish troops in Afrin.", "report.exe", "expected a .txt, .html, .md or .pdf file, got report.exe"),
        (b"Turkish troops in Afrin.", "report", "got report"),
        (b"- Advertisement -\nLEAVE A REPLY\n", "junk.txt", "no article text left"),
        (b"title: only a header\n---\n", "hdr.txt", "no article text left"),
        (b"<html><head><title>T</title></head><body><script>var a = 1;</script></body></html>", "empty.html",
         "empty.html has no article text"),
    ],
)
def test_bad_inputs_refused(data, filename, message):
    with pytest.raises(IngestError, match=message):
        reports.from_bytes(data, filename)


def test_missing_file_refused(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(IngestError, match=f"cannot read {missing}"):
        reports.from_path(missing)


def test_ingest_error_is_a_value_error():
    with pytest.raises(ValueError):
        reports.decode(b"", "x")


# -- PDF, original bytes, pasted fields ------------------------------------------------------------

from tests.pdfmaker import make_pdf  # noqa: E402

PDF_LINES = ["DAMASCUS, 5 June 2025", "Turkish forces entered the vil-", "lage of Tal Rifaat on Monday,",
             "according to local sources.", "", "A second paragraph begins here."]


def test_a_pdf_is_read_from_its_text_layer_and_keeps_its_bytes():
    data = make_pdf(PDF_LINES, title="Turkish forces in Tal Rifaat")
    report = reports.from_bytes(data, "wire.pdf")
    assert report.title == "Turkish forces in Tal Rifaat"
    assert "Turkish forces entered the village of Tal Rifaat on Monday, according to local sources." in report.text
    assert report.raw == data


@pytest.mark.parametrize(("data", "message"), [
    (b"", "wire.pdf is empty"),
    (b"PK\x03\x04 a zip file", "wire.pdf is not a PDF"),
    (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "wire.pdf is a damaged PDF"),
    (make_pdf([]), "wire.pdf has no text layer"),
])
def test_bad_pdfs_are_refused(data, message):
    with pytest.raises(IngestError, match=message):
        reports.from_bytes(data, "wire.pdf")


def test_files_keep_their_bytes():
    data = "title: Ünïcode\n---\nTurkish troops in Afrin.".encode("utf-8")
    assert reports.from_bytes(data, "a.txt").raw == data
    html = b"<html><body><article><p>" + b"Turkish troops were seen in Afrin on Monday. " * 5 + b"</p></article></body></html>"
    assert reports.from_bytes(html, "a.html").raw == html


def test_pasted_fields_win_and_the_date_is_guessed_from_the_text():
    text = "title: From the header\nsource: Header News\n---\nDAMASCUS, 5 June 2025 (AFP) - Turkish troops were seen."
    report = reports.pasted(text, title="Typed title", source="Typed source", url="https://example.org/x")
    assert (report.title, report.source, report.url) == ("Typed title", "Typed source", "https://example.org/x")
    assert report.published == dt.date(2025, 6, 5) and report.notes["date"] == "guessed"
    typed = reports.pasted(text, published="2025-06-04")
    assert typed.published == dt.date(2025, 6, 4) and "date" not in typed.notes
    assert typed.title == "From the header" and typed.source == "Header News"
    assert reports.pasted("Turkish troops were seen.").published is None


@pytest.mark.parametrize(("fields", "message"), [
    ({"published": "5 June"}, "a date is written YYYY-MM-DD"),
    ({"url": "javascript:alert(1)"}, "a source URL starts with http:// or https://"),
])
def test_bad_pasted_fields_are_refused(fields, message):
    with pytest.raises(IngestError, match=message):
        reports.pasted("Turkish troops were seen in Afrin.", **fields)
