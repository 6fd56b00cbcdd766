"""A report: its metadata, its original text, and the cleaned text claims point into.

Reports arrive as pasted text, as files in the header format of the bundled
samples (``title:``/``source:``/``url:``/``published:`` lines, then ``---``),
or as HTML. Cleaning drops the clutter news pages carry (advertisement and
audio-player lines, comment forms, "Latest News" blocks with unrelated
stories) so that a teaser about Gaza never becomes a claim.
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .errors import IngestError


#: Largest report file or text accepted, in bytes (2 MB as Streamlit counts them, the limit the upload
#: widget advertises: ``server.maxUploadSize`` in ``.streamlit/config.toml``); a longer text is almost
#: surely not one report. A fetched web page may be larger (``fetching.MAX_BYTES``).
MAX_REPORT_BYTES = 2 * 2**20
SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")
HEADER_KEYS = ("title", "source", "url", "published", "based-on", "note")

# A line that is page furniture on its own.
_JUNK_LINE = re.compile(
    r"""^\s*(?:
        -?\s*advertisement\s*-?
      | getting\ your\ .*audio\ player\ ready.*
      | listen\ to\ (?:this\ )?article.*
      | leave\ a\ reply | leave\ a\ comment | post\ a\ comment
      | please\ enter\ your\ (?:comment|name|email)(?:\ (?:address\ )?here)?!?
      | save\ my\ name,\ email.*
      | must\ read | share(?:\ this)?(?:\ article)?:? | tweet | print | email
      | (?:share\ on\ )?(?:facebook|twitter|whatsapp|telegram|linkedin|x)
      | read\ (?:also|more):?.* | also\ read:?.* | see\ also:.*
      | sign\ up\ for\ .*newsletter.* | subscribe(?:\ now)?
      | click\ here\ to\ .*
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# A heading after which the page lists other stories: the rest is dropped.
_TAIL_HEADING = re.compile(
    r"""^\s*(?:latest\ news|more\ articles\ like\ this|related\ (?:articles|news|stories|posts)
      |more\ from\ .*|most\ (?:read|popular)|you\ may\ also\ like|recommended(?:\ for\ you)?
      |trending(?:\ now)?|popular\ posts|editor'?s\ picks|more\ stories|top\ stories)\s*:?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)

#: A letter of any script: a text without one is no article.
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Report:
    """One report, cleaned.

    ``text`` is the cleaned text; claim offsets point into it. ``original``
    is what was given, kept so extraction can be re-run.
    """

    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    published: dt.date | None = None
    original: str = ""
    filename: str = ""
    notes: dict[str, str] = field(default_factory=dict)
    #: the bytes as they came (a file, a fetched page, a PDF); empty when only text was given
    raw: bytes = b""

    @property
    def report_id(self) -> str:
        """Stable identity: the same cleaned text is the same report."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]

    @property
    def label(self) -> str:
        return self.title or self.filename or self.text[:60]


def parse_date(value: str | None) -> dt.date | None:
    """An ISO date (``2025-06-05``) or ``None`` for empty/unknown values."""
    value = (value or "").strip()
    if not value or value.lower() == "unknown":
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def decode(data: bytes, name: str = "report", limit: int = MAX_REPORT_BYTES, charset: str | None = None) -> str:
    """Bytes to text, refusing what is empty, too large (over ``limit`` bytes) or not text;
    ``charset`` is the one a server named, tried first. UTF-8 is read, UTF-16 and UTF-32 when a
    byte-order mark names them, else Windows-1252.

    Raises
    ------
    IngestError
        For bytes that are empty, too many, binary, or text in an encoding that cannot be told
        (UTF-16 without its byte-order mark; Arabic or Cyrillic in a Windows code page).
    """
    if len(data) > limit:
        raise IngestError(
            f"{name} is {len(data) / 2**20:.1f} MB; one report is at most "
            f"{limit / 2**20:g} MB: split it or upload the article alone"
        )
    text = _wide_text(data, name)
    if text is None:
        text = _narrow_text(data, name, charset)
    if not text.strip():
        raise IngestError(f"{name} is empty: paste or upload the text of a report")
    return text


#: Characters no text holds (tabs, line and page breaks aside).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
#: The byte-order marks of the wide Unicode encodings ("Unicode" in Windows Notepad is UTF-16).
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
              (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_SAVE_AS_UTF8 = "save it as UTF-8 and try again"


def _binary(name: str) -> IngestError:
    return IngestError(f"{name} looks binary, not text: expected a .txt, .html or .md file")


def _controlled(text: str) -> bool:
    """Whether more than one character in twenty of decoded text is a control character (a few
    stray ones, such as a terminal's escape codes in a title, are text to show escaped)."""
    return len(_CONTROL.findall(text, 0, 8192)) > len(text[:8192]) / 20


def _wide_text(data: bytes, name: str) -> str | None:
    """The text of UTF-16 or UTF-32 bytes that begin with a byte-order mark, else ``None``."""
    encoding = next((enc for bom, enc in _WIDE_BOMS if data.startswith(bom)), None)
    if encoding is None:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise IngestError(f"{name} is damaged {encoding.upper()} text ({err.reason} at byte {err.start}): "
                          f"{_SAVE_AS_UTF8}") from err
    if _controlled(text):
        raise _binary(name)
    return text


def _utf16_without_bom(head: bytes) -> bool:
    """Whether nine bytes in ten of one parity are at most 6 and of the other above it: the high and
    low bytes of Latin, Cyrillic, Hebrew or Arabic letters in UTF-16 (binary files have no such rhythm)."""
    even, odd = head[0::2], head[1::2]
    return len(head) >= 8 and any(
        sum(b <= 6 for b in high) >= 0.9 * len(high) and sum(b > 6 for b in low) >= 0.9 * len(low)
        for high, low in ((even, odd), (odd, even)))


def _narrow_text(data: bytes, name: str, charset: str | None) -> str:
    """The text of bytes in the server's ``charset``, UTF-8 or Windows-1252, refusing binary bytes
    and text that an encoding it is not in would turn to gibberish."""
    head = data[:8192]
    if _utf16_without_bom(head):
        raise IngestError(f"{name} is UTF-16 text without a byte-order mark, whose byte order Footprint does not "
                          f"guess: {_SAVE_AS_UTF8}")
    if b"\x00" in head:
        raise _binary(name)
    for encoding in ([charset] if charset else []) + ["utf-8-sig", "cp1252"]:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _controlled(text):
            raise _binary(name)
        letters = [c for c in text[:8192] if c.isalpha()]
        if encoding == "cp1252" and sum(not c.isascii() for c in letters) > len(letters) / 2:
            # Arabic in Windows-1256 or ISO 8859-6, Cyrillic in Windows-1251: "ÃÝÇÏÊ ãÕÇÏÑ"
            raise IngestError(f"{name} is not UTF-8, and read as Windows-1252 it is mostly accented letters "
                              f"({' '.join(text[:24].split())!r}…): it is in another encoding, such as Windows-1256 "
                              f"(Arabic) or Windows-1251 (Cyrillic); {_SAVE_AS_UTF8}")
        return text
    raise IngestError(f"{name} is not readable text (neither UTF-8 nor Windows-1252): {_SAVE_AS_UTF8}")


def split_header(raw: str) -> tuple[dict[str, str], str]:
    """Split the ``key: value`` header (ended by a ``---`` line) from the body.

    Text without such a header comes back whole, with an empty header.
    """
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    header: dict[str, str] = {}
    for i, line in enumerate(lines[:20]):
        if line.strip() == "---":
            if header:
                return header, "\n".join(lines[i + 1 :])
            break
        key, sep, value = line.partition(":")
        if not sep or key.strip().lower() not in HEADER_KEYS:
            break
        header[key.strip().lower()] = value.strip()
    return {}, "\n".join(lines)


def clean_text(body: str, title: str = "") -> str:
    """Drop page furniture, keep the article's paragraphs.

    Paragraphs come back separated by a blank line. A paragraph repeated later
    (a standfirst the page prints again as the first paragraph) and a line that
    only repeats the title are kept once.
    """
    kept: list[str] = []
    for line in body.replace("\r\n", "\n").split("\n"):
        stripped = " ".join(line.split())
        if not stripped:
            continue
        if _TAIL_HEADING.match(stripped):
            break
        if _JUNK_LINE.match(stripped):
            continue
        kept.append(stripped)
    title_key = _key(title)
    keys = [_key(para) for para in kept]
    out: list[str] = []
    for i, (para, key) in enumerate(zip(kept, keys)):
        if title_key and key == title_key and i < 3 and out:
            continue  # the page repeats the headline under its date line
        if i < 10 and len(key) > 40 and any(later.startswith(key) for later in keys[i + 1 :]):
            continue  # a standfirst printed again in full below
        out.append(para)
    return "\n\n".join(out)


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def from_text(raw: str, *, filename: str = "", title: str = "", url: str = "") -> Report:
    """A report from pasted text, with or without the sample header."""
    header, body = split_header(raw)
    title = header.get("title") or title
    text = clean_text(body, title)
    if not text.strip():
        raise IngestError(
            f"{filename or 'the text'} has no article text left once page clutter is removed"
        )
    if not _LETTER.search(text):  # "<<<>>>" from a broken page, a column of figures: no article
        raise IngestError(f"{filename or 'the text'} has no words, only {text[:40]!r}: give the text of an article")
    notes = {k: v for k, v in header.items() if k in ("based-on", "note")}
    return Report(
        text=text,
        title=title,
        source=header.get("source", ""),
        url=_clean_url(header.get("url", "")) or _clean_url(url),
        published=parse_date(header.get("published")),
        original=raw,
        filename=filename,
        notes=notes,
    )


def from_html(html: str, *, filename: str = "", url: str = "") -> Report:
    """A report from an HTML page: trafilatura finds the article and its metadata."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, url=url or None)
    if not text or not text.strip():
        raise IngestError(
            f"{filename or url or 'the page'} has no article text that could be found in its HTML"
        )
    meta = trafilatura.extract_metadata(html, default_url=url or None)
    title = (meta.title if meta else "") or ""
    report = from_text(text, filename=filename, title=title, url=url)
    return Report(
        text=report.text,
        title=title,
        source=(meta.sitename if meta else "") or "",
        url=_clean_url(meta.url if meta and meta.url else "") or _clean_url(url or ""),
        published=parse_date(meta.date if meta else None),
        original=html,
        filename=filename,
    )


def from_bytes(data: bytes, filename: str) -> Report:
    """A report from an uploaded or local file, chosen by its suffix; it keeps the bytes."""
    suffix = Path(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise IngestError(f"expected a .txt, .html, .md or .pdf file, got {filename}")
    if suffix == ".pdf":
        return dataclasses.replace(from_pdf(data, filename), raw=data)
    raw = decode(data, filename)
    if suffix in (".html", ".htm") or (suffix != ".md" and _looks_like_html(raw)):
        return dataclasses.replace(from_html(raw, filename=filename), raw=data)
    return dataclasses.replace(from_text(raw, filename=filename), raw=data)


def from_pdf(data: bytes, filename: str) -> Report:
    """A report from a PDF's text layer (pypdf), its title from the document's metadata.

    Raises
    ------
    IngestError
        For a file that is empty, too large, not a PDF, encrypted, or has no text (a scan).
    """
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not data.strip():
        raise IngestError(f"{filename} is empty: upload the report itself")
    if len(data) > MAX_REPORT_BYTES:
        decode(data, filename)  # refuses with the size in its message
    if not data.lstrip().startswith(b"%PDF"):
        raise IngestError(f"{filename} is not a PDF (it does not start with %PDF)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise IngestError(f"{filename} is an encrypted PDF: save an unprotected copy and upload that")
        pages = [page.extract_text() or "" for page in reader.pages]
        meta_title = (reader.metadata.title if reader.metadata else None) or ""
    except (PdfReadError, ValueError, KeyError, TypeError, RecursionError) as err:
        raise IngestError(f"{filename} is a damaged PDF that cannot be read ({err})") from err
    text = "\n\n".join(_unwrap(p) for p in pages if p.strip())
    if not text:
        raise IngestError(f"{filename} has no text layer (a scanned PDF?): Footprint reads the text of a PDF, not images")
    return from_text(text, filename=filename, title=" ".join(str(meta_title).split()))


def _unwrap(page: str) -> str:
    """A PDF page's lines joined back into paragraphs: a line that does not end a sentence runs on
    into the next ("…entered the village of Tal" / "Rifaat on Monday."), a word hyphenated at a
    line's end is joined again; a blank line, or a line ending a sentence, ends the paragraph."""
    out: list[str] = []
    for line in (line.strip() for line in page.splitlines()):
        if not line:
            if out and out[-1]:
                out.append("")
            continue
        if out and out[-1] and not out[-1].endswith((".", "!", "?", ":", "\"", "”", "’")):
            joined = out[-1][:-1] + line if re.search(r"[a-z]-$", out[-1]) else out[-1] + " " + line
            out[-1] = joined
        else:
            out.append(line)
    return "\n".join(p for p in out if p)


def pasted(text: str, *, title: str = "", source: str = "", url: str = "", published: str = "") -> Report:
    """A report pasted into the app, with the fields typed beside it: they win over the text's
    own header; with no date typed or in a header, the date written out near the top of the text
    is taken (``notes["date"] = "guessed"``).

    Raises
    ------
    IngestError
        For empty or unusable text, a URL that is not http(s), or a date that is not YYYY-MM-DD.
    """
    try:
        data = text.encode("utf-8")
        for value in (title, source, url, published):
            value.encode("utf-8")
    except UnicodeEncodeError as err:  # half of a UTF-16 pair, which no text stored or shown can hold
        raise IngestError(f"what was pasted holds a broken character ({err.object[err.start:err.end]!r}): "
                          f"copy it from the source again") from err
    url, title, source = url.strip(), " ".join(title.split()), " ".join(source.split())
    report = from_text(decode(data, "the pasted text"), title=title)
    if url and not _clean_url(url):
        raise IngestError(f"a source URL starts with http:// or https://, got {url!r}")
    changes: dict = {k: v for k, v in (("title", title), ("source", source), ("url", url)) if v}
    if published.strip():
        day = parse_date(published.strip())
        if day is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published.strip()):
            raise IngestError(f"a date is written YYYY-MM-DD, got {published.strip()!r}")
        changes["published"] = day
    elif report.published is None and (day := guess_date(report.text)) is not None:
        changes.update(published=day, notes={**report.notes, "date": "guessed"})
    return dataclasses.replace(report, raw=data, **changes)


def guess_date(text: str) -> dt.date | None:
    """A report's date from its first lines (a dateline, a byline), when it writes one out in full."""
    from .sentences import first_full_date

    return first_full_date(text[:600])


def from_path(path: str | Path) -> Report:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise IngestError(f"cannot read {path}: {err.strerror or err}") from err
    return from_bytes(data, path.name)


def _looks_like_html(raw: str) -> bool:
    head = raw[:2000].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</p>" in raw.lower())


def _clean_url(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else ""


#: Query parameters that track the reader, not name the page.
_TRACKING = re.compile(r"^(?:utm_\w*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|ocid|cmpid|"
                       r"ref|ref_src|refsrc|smid|soc_src|soc_trk|taid|traffic_source|at_medium|at_campaign|"
                       r"__twitter_impression|_ga|spm|share|src)$", re.IGNORECASE)


def canonical_url(url: str) -> str:
    """The address that names a page: scheme and host in lower case, no default port, no fragment,
    no tracking parameters ("?utm_source=rss"), no trailing slash on the path; "" for no http(s) URL."""
    try:
        parts = urlsplit((url or "").strip())
        port = parts.port
    except ValueError:
        return ""
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return ""
    host = parts.hostname.lower()
    host = f"[{host}]" if ":" in host else host
    if port and port != {"http": 80, "https": 443}[scheme]:
        host = f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    return urlunsplit((scheme, host, parts.path.rstrip("/") or "/", query, ""))
