"""Sentences, the parts of a sentence that cues do not cross, and the day a sentence names."""

from __future__ import annotations

import datetime as dt
import re

from .patterns import Caseless

_CLAUSE_SEP = re.compile(r"[,;()—–]")

_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "gen", "brig", "col", "lt", "st", "adm", "sgt", "maj", "capt",
                  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "etc"}

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])"
                           r"|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")  # "…in the region.The Syrian Army…" (a lost space)

_SCOPE_SPLIT = re.compile(r";\s*|,\s*(?=(?:but|while|whereas|although|though)\b)|\s+(?=(?:while|whereas)\s+(?!in\b|at\b))"
                          # "…, with rebel forces taking key cities such as Homs": a subject and verb of its own
                          r"|,\s*(?=with\s+(?:[\w-]+\s+){1,3}?\w+ing\b)",
                          re.IGNORECASE)

_CONCESSIVE = re.compile(r"^\s*(?:while|although|though|whereas|even though)\b[^,]*,", re.IGNORECASE)

RELATIVE = Caseless(r",\s*(?:which|who|whose|where)\b[^,;]*")

def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; paragraphs and headlines end sentences too."""
    spans = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        for m in _SENTENCE_END.finditer(para.group()):
            before = para.group()[: m.start()].rstrip(".!?\"”’)")
            last = re.findall(r"[^\W\d_]+$", before)
            word = last[0].lower() if last else ""
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
            spans.append((start, para.start() + m.start()))
            start = para.start() + m.end()
        spans.append((start, para.end()))
    return [(s, e) for s, e in spans if text[s:e].strip()]

def scopes(sentence: str) -> list[tuple[int, int]]:
    """Parts of a sentence whose cues do not reach each other (offsets within it)."""
    cuts = [0]
    m = _CONCESSIVE.match(sentence)
    if m:
        cuts.append(m.end())
    cuts += [m.end() for m in _SCOPE_SPLIT.finditer(sentence) if m.end() > cuts[-1]]
    cuts = sorted(set(cuts)) + [len(sentence)]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]

def clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The comma-delimited stretch around a span, plus a relative clause hanging from it."""
    left = max((m.end() for m in _CLAUSE_SEP.finditer(sentence, 0, start)), default=0)
    nxt = _CLAUSE_SEP.search(sentence, end)
    right = nxt.start() if nxt else len(sentence)
    rel = RELATIVE.match(sentence, right)
    if rel:
        right = rel.end()
    return left, right

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")

_DAY_RE = re.compile(
    r"\b(?:on\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|\b(?P<d1>\d{1,2})\s+(?P<m1>january|february|march|april|may|june|july|august|september|october|november"
    r"|december)(?:\s+(?P<y1>\d{4}))?\b"
    r"|\b(?P<m2>january|february|march|april|may|june|july|august|september|october|november|december)\s+"
    r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>\d{4}))?\b"
    r"|\b(?P<rel>yesterday|today|tonight|last night)\b",
    re.IGNORECASE,
)

_ISO_DATE = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)(?!\d)")


def first_full_date(text: str) -> dt.date | None:
    """The first date written out with its year ("June 5, 2025", "5 June 2025", "2025-06-05") in
    ``text``, or ``None``."""
    found = []
    iso = _ISO_DATE.search(text)
    if iso:
        found.append((iso.start(), (int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))))
    for m in _DAY_RE.finditer(text):
        year = m.group("y1") or m.group("y2")
        if year:
            month = _MONTHS.index((m.group("m1") or m.group("m2")).lower()) + 1
            found.append((m.start(), (int(year), month, int(m.group("d1") or m.group("d2")))))
            break
    for _, (y, mo, d) in sorted(found):
        try:
            return dt.date(y, mo, d)
        except ValueError:
            continue
    return None


def claim_date(sentence: str, published: dt.date | None) -> dt.date | None:
    """The day a sentence puts its event on, read against the report's date.

    "on Wednesday" in a report of Thursday 5 June 2025 is 4 June 2025; "February
    11" is the last 11 February on or before publication; "yesterday" the day
    before. A sentence without such words, or a report without a date, gives
    the report's date.
    """
    if published is None:
        return None
    m = _DAY_RE.search(sentence)
    if not m:
        return published
    if m.group("wd"):
        back = (published.weekday() - _WEEKDAYS.index(m.group("wd").lower())) % 7
        return published - dt.timedelta(days=back)
    if m.group("rel"):
        word = m.group("rel").lower()
        return published - dt.timedelta(days=1) if word in ("yesterday", "last night") else published
    day = int(m.group("d1") or m.group("d2"))
    month = _MONTHS.index((m.group("m1") or m.group("m2")).lower()) + 1
    year = m.group("y1") or m.group("y2")
    try:
        when = dt.date(int(year) if year else published.year, month, day)
    except ValueError:
        return published
    if not year and when > published:
        when = when.replace(year=published.year - 1)
    return when
