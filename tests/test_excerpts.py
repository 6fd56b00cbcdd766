"""Source cards: excerpts highlighted, every piece of report text escaped, only http(s) links."""

import dataclasses
import re

import pytest

from footprint import excerpts
from footprint import features as feat


@pytest.mark.parametrize(
    ("excerpt", "spans", "expected"),
    [
        ("Turkish troops in Palmyra.", [], "Turkish troops in Palmyra."),
        ("Turkish troops in Palmyra.", [(18, 25, "fp-place")], 'Turkish troops in <mark class="fp-place">Palmyra</mark>.'),
        (
            "Turkish troops in Palmyra.",
            [(18, 25, "fp-place"), (0, 7, "fp-actor")],
            '<mark class="fp-actor">Turkish</mark> troops in <mark class="fp-place">Palmyra</mark>.',
        ),
        ("a <b> & c", [(2, 5, "fp-cue")], 'a <mark class="fp-cue">&lt;b&gt;</mark> &amp; c'),
        ("abcdef", [(-1, -1, "fp-cue")], "abcdef"),  # absent
        ("abcdef", [(2, 99, "fp-cue")], "abcdef"),  # out of range
        ("abcdef", [(3, 3, "fp-cue")], "abcdef"),  # empty
        ("abcdef", [(4, 2, "fp-cue")], "abcdef"),  # backwards
        ("abcdef", [(0, 4, "x"), (2, 6, "y")], '<mark class="x">abcd</mark>ef'),  # overlap: the earlier wins
        ("abcdef", [(0, 6, "a\" onclick=\"x")], '<mark class="a&quot; onclick=&quot;x">abcdef</mark>'),
        # a blank line would end the HTML block in Streamlit's Markdown, and the rest be read as Markdown
        ("a\n\n![x](http://e.example/x.png)\r\nb", [(0, 1, "fp-place")],
         '<mark class="fp-place">a</mark>&#10;&#10;![x](http://e.example/x.png)&#13;&#10;b'),
    ],
)
def test_highlight(excerpt, spans, expected):
    assert excerpts.highlight(excerpt, spans) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("http://example.org/a?b=1", "http://example.org/a?b=1"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("ftp://example.org/a", None),
        ("https://", None),
        ("//example.org/a", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_url(url, expected):
    assert excerpts.safe_url(url) == expected


HOSTILE = '<script>alert("x")</script>'


def make(title="A report", url="https://example.org/a", claimant="Israel", excerpt="Turkish bases near Palmyra.",
         publisher="Example News", actor="Turkey", published="2025-06-05"):
    source = feat.Source(
        report_id="r1", title=title, publisher=publisher, url=url, published=published, claimant=claimant,
        excerpt=excerpt, status="warned-about", place="near Palmyra", actor_text="Turkish", cue=None,
    )
    if excerpt == "Turkish bases near Palmyra.":
        source = dataclasses.replace(source, place_span=(14, 26), actor_span=(0, 7))
    feature = feat.Feature(
        key="k", layer=actor or feat.PLACES_LAYER, actor=actor, country_code="TUR", force=None,
        status="warned-about" if actor else None, place_id="syr-palmyra-region", place_name="Palmyra region",
        lat=34.56, lon=38.28, precision=2, radius_km=25.0, sources=[source],
    )
    return source, feature


def test_source_card_content():
    source, feature = make()
    html = excerpts.source_card(source, feature, "#d62728")
    assert '<a href="https://example.org/a" target="_blank" rel="noopener noreferrer">A report</a>' in html
    assert "Example News · 2025-06-05" in html
    assert "<b>Turkey</b> at <b>Palmyra region</b>: <i>warned-about</i>" in html
    assert "on the word of: Israel" in html
    assert '<mark class="fp-actor">Turkish</mark> bases <mark class="fp-place">near Palmyra</mark>.' in html
    assert "border-left:4px solid #d62728" in html


def test_source_card_for_a_named_place():
    source, feature = make(actor=None, claimant=None)
    html = excerpts.source_card(source, feature, "#6b6b6b")
    assert "<b>Palmyra region</b> named" in html
    assert "on the word of" not in html


def test_source_card_without_date_or_title():
    source, feature = make(title="", published=None, claimant=None)
    html = excerpts.source_card(source, feature, "#d62728")
    assert "untitled report" in html and "date unknown" in html
    assert "on the word of" not in html


@pytest.mark.parametrize("field", ["title", "claimant", "excerpt", "publisher"])
def test_source_card_escapes_report_text(field):
    source, feature = make(**{field: HOSTILE})
    html = excerpts.source_card(source, feature, "#d62728")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(document.cookie)", "JAVASCRIPT:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "not a url"],
)
def test_source_card_links_only_http(url):
    source, feature = make(url=url)
    html = excerpts.source_card(source, feature, "#d62728")
    assert "<a " not in html
    assert "href" not in html
    assert "A report" in html


def test_source_card_escapes_quotes_in_a_link():
    source, feature = make(url='https://example.org/"onmouseover="alert(1)')
    html = excerpts.source_card(source, feature, "#d62728")
    [href] = re.findall(r'<a href="([^"]*)"', html)
    assert href == "https://example.org/&quot;onmouseover=&quot;alert(1)"


def test_source_card_escapes_a_hostile_colour():
    source, feature = make()
    html = excerpts.source_card(source, feature, '#000;"><script>x</script>')
    assert "<script>" not in html


def test_source_card_says_a_place_is_approximate():
    source, feature = make(excerpt="Forces entered <Saida al-Hanout>.")
    source = dataclasses.replace(source, place="<Saida al-Hanout>")
    plain = excerpts.source_card(source, feature, "#d62728")
    assert "approximate" not in plain
    feature.approximate = True
    html = excerpts.source_card(source, feature, "#d62728")
    assert "approximate: the gazetteer does not know &lt;Saida al-Hanout&gt;" in html
    assert "<Saida" not in html
