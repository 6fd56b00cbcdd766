"""Ingestion: from files, folders, URLs or pasted text to stored claims.

Each report is read and checked whole before anything is stored, so a bad
report leaves the store as it was.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from sqlalchemy.engine import Engine

from . import corrections, fetching, language, reports, store
from .claims import Extractor
from .errors import FootprintError, IngestError
from .review import default_reviewer

_LOGGER = logging.getLogger("footprint.events")
SAMPLES_DIR = Path(__file__).resolve().parent.parent / "data" / "samples"


@dataclass(frozen=True)
class Outcome:
    """What happened to one input: stored, already there, or refused with a reason."""

    name: str
    result: store.IngestResult | None = None
    error: str | None = None


def fetch(url: str, timeout: float = fetching.DEADLINE_S) -> reports.Report:
    """Download one page (``fetching.fetch``: a total deadline of ``timeout`` seconds, a size cap,
    public addresses only unless allowed) and read it as a report."""
    return page_report(fetching.fetch(url, deadline_s=timeout), url)


def page_report(page: fetching.Page, asked: str) -> reports.Report:
    """A fetched page as a report: HTML through trafilatura, anything else as text."""
    if page.content_type == "application/pdf" or page.data[:5] == b"%PDF-":
        report = reports.from_pdf(page.data, asked)
        return dataclasses.replace(report, url=page.url, raw=page.data)
    text = reports.decode(page.data, page.url, limit=fetching.MAX_BYTES, charset=page.charset)
    if page.content_type in ("text/html", "application/xhtml+xml") or reports._looks_like_html(text):
        return dataclasses.replace(reports.from_html(text, filename=asked, url=page.url), raw=page.data)
    if len(page.data) > reports.MAX_REPORT_BYTES:
        text = reports.decode(page.data, page.url, charset=page.charset)  # the text limit, with its message
    return dataclasses.replace(reports.from_text(text, filename=asked, url=page.url), raw=page.data)


@dataclass(frozen=True)
class FeedItem:
    url: str
    title: str
    published: dt.date | None


_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
                         "text/xml", "application/feed+json"})


def feed_items(page: fetching.Page) -> list[FeedItem] | None:
    """The items of an RSS or Atom feed (feedparser, reading the bytes already fetched), newest
    first as the feed lists them; ``None`` when the page is no feed."""
    head = page.data[:2000].lstrip().lower()
    if page.content_type not in _FEED_TYPES and not (
            head.startswith(b"<?xml") or head.startswith(b"<rss") or head.startswith(b"<feed")):
        return None
    import feedparser

    parsed = feedparser.parse(page.data, response_headers={"content-location": page.url})
    if not parsed.get("version") and not parsed.entries:
        return None
    items = []
    for entry in parsed.entries:
        link = urljoin(page.url, entry.get("link") or "")
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        items.append(FeedItem(link, " ".join((entry.get("title") or "").split()),
                              dt.date(*when[:3]) if when else None))
    return items


def expand(targets: Iterable[str]) -> Iterator[str]:
    """Paths, folders (their report files, sorted, README aside) and URLs, in order."""
    for target in targets:
        path = Path(target)
        if not path.is_dir():
            yield target
            continue
        files = [str(p) for p in sorted(path.iterdir())
                 if p.is_file() and p.suffix.lower() in reports.SUFFIXES and p.stem.lower() != "readme"]
        if not files:
            raise IngestError(f"{target} holds no .txt, .html, .md or .pdf files")
        yield from files


def load(target: str) -> reports.Report:
    if target.startswith(("http://", "https://")):
        return fetch(target)
    return reports.from_path(target)


def ingest_report(engine: Engine, report: reports.Report, extractor: Extractor | None = None, *,
                  who: str = "", target: str | None = None) -> store.IngestResult:
    """Extract (with the store's place corrections) and store one report; a report not in English
    is stored with its language noted, its places and no claims (``corrections.read``). ``who``
    goes in the log (the OS user when not given); ``target`` names the extraction (taken before
    the extractor was made, so that a correction saved meanwhile has the report read again)."""
    target = target or corrections.target(engine)
    extractor = extractor or corrections.extractor_for(engine)
    code = language.foreign(report.text)
    if code is not None:
        report = dataclasses.replace(report, notes={**report.notes, "language": code})
    extraction = corrections.read(extractor, report)
    return store.ingest(engine, report, extraction, who=who or default_reviewer(), extracted_with=target)


def refused(engine: Engine, name: str, reason: str, who: str = "") -> None:
    """Log an input that was refused (the store is otherwise left as it was); a store that cannot
    take even that is left alone, the refusal itself being what the person is shown."""
    try:
        store.log_event(engine, who or default_reviewer(), "refuse", None, input=name[:500], reason=reason[:500])
    except FootprintError as err:
        _LOGGER.warning("could not log a refusal of %r: %s", name[:200], err)


@dataclass(frozen=True)
class _Task:
    """One input to ingest: a file, a URL (its page already fetched when it was looked at to see
    whether it is a feed), or a feed's item; or a refusal found while listing."""

    name: str
    error: str | None = None
    page: fetching.Page | None = None
    item: FeedItem | None = None


def _is_url(target: str) -> bool:
    return target.strip().lower().startswith(("http://", "https://"))


def _plan(engine: Engine, targets: Iterable[str]) -> Iterator[_Task]:
    """Folders become their files, a feed its items (those already stored are skipped unfetched)."""
    for target in targets:
        if not _is_url(target):
            try:
                yield from (_Task(name) for name in expand([target]))
            except IngestError as err:
                yield _Task(target, error=str(err))
            continue
        if store.find_url(engine, target) is not None:
            yield _Task(target)  # already stored: nothing to fetch
            continue
        try:
            page = fetching.fetch(target)
        except IngestError as err:
            yield _Task(target, error=str(err))
            continue
        items = feed_items(page)
        if items is None:
            yield _Task(target, page=page)
        elif not items:
            yield _Task(target, error=f"{target} is a feed with no items")
        else:
            yield from (_Task(item.url, item=item) if reports.canonical_url(item.url)
                        else _Task(item.url or target, error=f"an item of {target} has no http(s) link")
                        for item in items)


def _ingest_task(engine: Engine, task: _Task, extractor: Extractor, who: str, target: str) -> store.IngestResult:
    if task.page is None and task.item is None and not _is_url(task.name):
        return ingest_report(engine, load(task.name), extractor, who=who, target=target)
    known = store.find_url(engine, task.page.url if task.page else task.name)
    if known is not None:
        return known
    page = task.page or fetching.fetch(task.name)
    if task.page is None and (known := store.find_url(engine, page.url)) is not None:
        return known  # the item's link redirected to a page already stored
    report = page_report(page, task.name)
    if task.item is not None:  # what the feed says of its item fills what the page left out
        report = dataclasses.replace(report, title=report.title or task.item.title,
                                     published=report.published or task.item.published)
    return ingest_report(engine, report, extractor, who=who, target=target)


def ingest_each(engine: Engine, targets: Iterable[str], extractor: Extractor | None = None, *, who: str = "",
                ) -> Iterator[tuple[int, int, Outcome]]:
    """(done, total, outcome) for every input, as each is ingested; one failing does not stop the
    others (it is logged as refused). Folders and feeds are listed first, so ``total`` is known
    from the start. A URL or a feed's item already stored (tracking parameters aside) is not
    fetched again."""
    who = who or default_reviewer()
    target = corrections.target(engine)
    extractor = extractor or corrections.extractor_for(engine)
    tasks = list(_plan(engine, targets))
    for done, task in enumerate(tasks, 1):
        if task.error is not None:
            outcome = Outcome(task.name, error=task.error)
        else:
            try:
                outcome = Outcome(task.name, _ingest_task(engine, task, extractor, who, target))
            except IngestError as err:
                outcome = Outcome(task.name, error=str(err))
        if outcome.error is not None:
            refused(engine, outcome.name, outcome.error, who)
        yield done, len(tasks), outcome


def ingest_all(engine: Engine, targets: Iterable[str], extractor: Extractor | None = None, *,
               who: str = "") -> list[Outcome]:
    """Ingest every target; one failing does not stop the others."""
    return [outcome for _, _, outcome in ingest_each(engine, targets, extractor, who=who)]


@dataclass
class Summary:
    """How a batch went: stored, already there, refused (with each reason)."""

    stored: int = 0
    duplicates: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        if outcome.error is not None:
            self.refused.append((outcome.name, outcome.error))
        elif outcome.result.added:
            self.stored += 1
        else:
            self.duplicates += 1

    def __str__(self) -> str:
        return (f"{self.stored} stored, {self.duplicates} already in the store, "
                f"{len(self.refused)} refused")
