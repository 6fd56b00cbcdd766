"""The store: reports (with their original text), claims and named places, in SQL.

SQLAlchemy over a SQLite file by default (``footprint.db`` in the working
folder); any SQLAlchemy URL through ``--db`` or ``FOOTPRINT_DATABASE_URL``.
Functions take an engine; nothing connects on import.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import (
    Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String, Text, create_engine, delete, event,
    func, insert, inspect, select, text, update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from . import reposts
from .claims import Claim, Extraction, NamedPlace
from .errors import FootprintError
from .reports import Report, canonical_url

ENV_VAR = "FOOTPRINT_DATABASE_URL"
#: What was stored, refused, deleted, edited and reviewed, as it happens (also kept in ``events``)
_LOGGER = logging.getLogger("footprint.events")
DEFAULT_FILE = "footprint.db"


_HAS_URL_KEY = text("url_key != ''")


class Base(DeclarativeBase):
    pass


class ReportRow(Base):
    __tablename__ = "reports"
    report_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(Text, default="")
    #: ``reports.canonical_url(url)``: the same page under tracking parameters is the same report
    url_key: Mapped[str] = mapped_column(String(400), default="", server_default="")
    published: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    filename: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="{}")
    text: Mapped[str] = mapped_column(Text)
    original: Mapped[str] = mapped_column(Text)
    #: the bytes as they came (file, page, PDF), when there were bytes
    raw: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    #: the report this one is a copy of (``reposts``): the same story, another outlet or edition
    repost_of: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime)
    #: the extraction that made its claims (``corrections.target``): a re-extraction cut short
    #: goes on with the reports not yet at the current one
    extracted_with: Mapped[str] = mapped_column(String(64), default="", server_default="")

    __table_args__ = (Index("uq_reports_url_key", "url_key", unique=True, sqlite_where=_HAS_URL_KEY,
                            postgresql_where=_HAS_URL_KEY),)


class BandRow(Base):
    """One LSH band of a report's MinHash signature (``reposts.bands``): how copies are found."""

    __tablename__ = "report_bands"
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.report_id", ondelete="CASCADE"), primary_key=True)
    band: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


class _FromReport:
    """Columns of every row that quotes a sentence of a stored report."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.report_id", ondelete="CASCADE"), index=True)
    excerpt: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class ClaimRow(_FromReport, Base):
    __tablename__ = "claims"
    actor: Mapped[str] = mapped_column(String(80), index=True)
    country_code: Mapped[str] = mapped_column(String(3))
    force: Mapped[str | None] = mapped_column(String(120), nullable=True)
    status: Mapped[str] = mapped_column(String(20))
    claimant: Mapped[str | None] = mapped_column(Text, nullable=True)
    place: Mapped[str] = mapped_column(Text)
    place_id: Mapped[str] = mapped_column(String(64), index=True)
    place_name: Mapped[str] = mapped_column(Text)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    precision: Mapped[int] = mapped_column(Integer)
    radius_km: Mapped[float | None] = mapped_column(Float, nullable=True)
    date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    cue: Mapped[str | None] = mapped_column(Text, nullable=True)
    place_start: Mapped[int] = mapped_column(Integer, default=-1)
    place_end: Mapped[int] = mapped_column(Integer, default=-1)
    actor_start: Mapped[int] = mapped_column(Integer, default=-1)
    actor_end: Mapped[int] = mapped_column(Integer, default=-1)
    cue_start: Mapped[int] = mapped_column(Integer, default=-1)
    cue_end: Mapped[int] = mapped_column(Integer, default=-1)
    review_state: Mapped[str] = mapped_column(String(12), default="unreviewed")
    approximate: Mapped[bool] = mapped_column(Boolean, default=False)


class NamedPlaceRow(_FromReport, Base):
    __tablename__ = "named_places"
    place: Mapped[str] = mapped_column(Text)
    place_id: Mapped[str] = mapped_column(String(64), index=True)
    place_name: Mapped[str] = mapped_column(Text)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    precision: Mapped[int] = mapped_column(Integer)
    place_start: Mapped[int] = mapped_column(Integer)
    place_end: Mapped[int] = mapped_column(Integer)


class UnresolvedRow(_FromReport, Base):
    """A name in place position that no gazetteer entry held when the report was read."""

    __tablename__ = "unresolved_names"
    name: Mapped[str] = mapped_column(Text)
    name_start: Mapped[int] = mapped_column(Integer)
    name_end: Mapped[int] = mapped_column(Integer)


class CorrectionRow(Base):
    """A person's decision about a place name: it is this gazetteer place, or it is here."""

    __tablename__ = "place_corrections"
    name_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    place_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    precision: Mapped[int] = mapped_column(Integer, default=1)
    kind: Mapped[str] = mapped_column(String(32), default="other")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class GeocodeCacheRow(Base):
    """An online geocoder's answer, kept so that no name is asked twice."""

    __tablename__ = "geocode_cache"
    provider: Mapped[str] = mapped_column(String(200), primary_key=True)
    query: Mapped[str] = mapped_column(String(400), primary_key=True)
    answer: Mapped[str] = mapped_column(Text)  # JSON list of raw answers, [] when none
    fetched_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ReviewRow(Base):
    """A person's decision about one claim of one report: accept, reject, edit, add or reset.

    Decisions are kept apart from the extracted claims, keyed by the claim's identity
    (``review.claim_key``), so that reading the reports again keeps them. The latest decision
    for a key holds; ``previous`` is the decision its reviewer saw, so that a decision made on a
    stale view is refused instead of silently overwriting another's.
    """

    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.report_id", ondelete="CASCADE"), index=True)
    claim_key: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(12))
    claim: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON of the claim as it now stands
    reviewer: Mapped[str] = mapped_column(String(120))
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime)
    previous: Mapped[int | None] = mapped_column(Integer, nullable=True)


class EventRow(Base):
    """The log of what people did to the store: deletions and edits of reports (reviews have
    their own table, ``reviews``)."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    who: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40))
    report_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    detail: Mapped[str] = mapped_column(Text, default="")


class MetaRow(Base):
    """Small facts about the store itself, such as which extraction produced its claims."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


@dataclass(frozen=True)
class SourceInfo:
    """What the map and the snapshot show of the report behind a claim."""

    report_id: str
    title: str
    publisher: str
    url: str
    published: str | None
    #: the story it tells: its own id, or the id of the report it is a repost of
    story: str = ""


@dataclass(frozen=True)
class StoredClaim:
    """A claim with its report and its review: ``review`` is unreviewed, accepted, edited, added
    or rejected; ``decision`` the id of the decision that made it so (``None`` when unreviewed);
    ``key`` the claim's identity for decisions."""

    claim: Claim
    source: SourceInfo
    review: str = "unreviewed"
    reviewer: str | None = None
    reviewed_at: str | None = None
    decision: int | None = None
    key: str = ""


@dataclass(frozen=True)
class StoredPlace:
    place: NamedPlace
    source: SourceInfo


@dataclass(frozen=True)
class IngestResult:
    report_id: str
    title: str
    added: bool
    claims: int
    places: int
    #: ISO 639-1 code of a report that is not in English (then no claims were extracted)
    language: str | None = None
    #: the report this one repeats (the same story), when it is a repost
    repost_of: str | None = None


def database_url(url: str | None = None) -> str:
    """The store's URL: the argument, else ``FOOTPRINT_DATABASE_URL``, else ./footprint.db.

    A PostgreSQL URL without a driver (``postgresql://`` or ``postgres://``, as PostgreSQL's own
    tools write them) is read through psycopg 3, the driver Footprint installs."""
    url = (url or os.environ.get(ENV_VAR) or "").strip()
    if not url:
        return f"sqlite:///{Path.cwd() / DEFAULT_FILE}"
    for bare in ("postgresql://", "postgres://"):
        if url.startswith(bare):
            return "postgresql+psycopg://" + url[len(bare):]
    return url


def shown_url(url: str | None = None) -> str:
    """The store's URL with any password hidden, for messages and logs."""
    from sqlalchemy.engine import make_url

    resolved = database_url(url)
    try:
        return make_url(resolved).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unreadable URL is shown by its scheme alone
        return resolved.split(":", 1)[0] + ":…"


MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: Every schema revision this Footprint knows, oldest first (``migrations/versions``).
REVISIONS = tuple(sorted(p.name[:4] for p in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py")))
#: The schema this Footprint reads and writes.
SCHEMA = REVISIONS[-1]
AUTO_UPGRADE_ENV = "FOOTPRINT_AUTO_UPGRADE"
#: The execution option that makes a transaction a writer's (``writing``).
_WRITE = "footprint_write"
#: PostgreSQL advisory lock held by every Footprint writer, so that writes come one at a time
_LOCK_KEY = 0x466F6F74
LOCK_WAIT_S = 60


def connect(url: str | None = None, *, upgrade: bool | None = None) -> Engine:
    """An engine on the store, its schema brought up to ``SCHEMA``.

    A store at an older schema (or made before migrations, or new and empty) is upgraded in
    place, in one transaction, unless ``upgrade`` is False or ``FOOTPRINT_AUTO_UPGRADE=0``: then
    the error gives the command to run.

    Raises
    ------
    FootprintError
        When the store cannot be reached, is newer than this Footprint, or needs an upgrade that
        is not allowed.
    """
    if upgrade is None:
        upgrade = os.environ.get(AUTO_UPGRADE_ENV, "1").strip().lower() not in ("0", "no", "off", "false")
    return _open(url, upgrade)[0]


def upgrade_store(url: str | None = None) -> tuple[str | None, Engine]:
    """Bring the store up to ``SCHEMA``; the revision it had (``None``: new, or from before
    migrations) and the engine."""
    engine, before = _open(url, True)
    return before, engine


def _open(url: str | None, upgrade: bool) -> tuple[Engine, str | None]:
    resolved = database_url(url)
    engine = None
    try:
        engine = create_engine(resolved, **_engine_options(resolved))
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
        current = revision(engine)
        if current != SCHEMA:
            if current is not None and current not in REVISIONS:
                raise FootprintError(
                    f"the store at {shown_url(url)} has schema {current}, made by a newer Footprint than this one "
                    f"(which knows up to {SCHEMA}): update Footprint to use it")
            if not upgrade:
                with engine.connect() as conn:
                    empty = not inspect(conn).get_table_names()
                state = "is new and empty" if empty else f"has schema {current or 'from before migrations'}"
                raise FootprintError(
                    f"the store at {shown_url(url)} {state}, this Footprint needs schema {SCHEMA}: "
                    f"{'' if empty else 'back it up, then '}run `python -m footprint upgrade --db '{shown_url(url)}'`")
            migrate(engine)
            _fill_url_keys(engine)
            _fill_bands(engine)
    except (SQLAlchemyError, ValueError, ImportError, FootprintError) as err:
        if engine is not None:
            engine.dispose()  # its pool holds no connection anyone will use
        if isinstance(err, FootprintError):
            raise
        raise FootprintError(f"cannot open the store at {shown_url(url)}: {_reason(err)}") from err
    return engine, current


def _engine_options(url: str) -> dict:
    if url.startswith("postgresql"):
        # a server that restarted or dropped an idle connection is met with a fresh one; a server
        # that does not answer is given up on after 10 s instead of hanging the page
        return {"pool_pre_ping": True, "connect_args": {"connect_timeout": 10}}
    return {}


def _reason(err: Exception) -> str:
    """The driver's own words, without SQLAlchemy's statement dump and help link."""
    orig = getattr(err, "orig", None)
    return " ".join(str(orig if orig is not None else err).split())[:300]


def revision(engine: Engine) -> str | None:
    """The store's schema revision; ``None`` for an empty store or one made before migrations."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine, target: str = "head") -> None:
    """Run the migrations up to ``target`` in one transaction, holding the write lock (so that
    two instances starting at once on one store upgrade it once)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # Alembic keeps the running migration in module globals: one at a time in a process
    with _MIGRATING, engine.connect() as conn:
        conn.execution_options(**{_WRITE: True})  # SQLite: BEGIN IMMEDIATE (see ``_sqlite_begin``)
        config.attributes["connection"] = conn
        command.upgrade(config, target)
        if conn.in_transaction():
            conn.commit()


_MIGRATING = threading.Lock()


@contextmanager
def writing(engine: Engine) -> Iterator[Session]:
    """A session in one write transaction that holds the store's write lock until it commits:
    Footprint's writes come one at a time, so what a writer checked (is this report stored? is
    this the latest decision?) still holds when it writes. Reading and extraction happen
    outside, so two ingests still extract side by side.

    SQLite takes its lock with ``BEGIN IMMEDIATE`` and waits up to 30 s for it; PostgreSQL takes
    an advisory lock and waits up to ``LOCK_WAIT_S``.

    Raises
    ------
    FootprintError
        When the lock is not had in time or the store cannot be written.
    """
    try:
        with Session(engine.execution_options(**{_WRITE: True})) as session, session.begin():
            if engine.dialect.name == "postgresql":  # one round trip: the wait's limit, then the lock
                session.execute(text("SELECT set_config('lock_timeout', :wait, true), pg_advisory_xact_lock(:key)"),
                                {"wait": f"{LOCK_WAIT_S}s", "key": _LOCK_KEY})
            yield session
    except OperationalError as err:
        raise FootprintError(f"the store could not be written, nothing was changed: {_reason(err)}") from err


def _sqlite_begin(conn) -> None:
    """Every transaction begins here (``_sqlite_pragmas`` turns the driver's own BEGIN off): a
    writer's with IMMEDIATE, which takes the write lock at once, so that it never finds, halfway,
    that another writer changed what it read (SQLite would then refuse it at once, whatever the
    busy timeout)."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """SQLite enforces foreign keys (and their cascades) only when asked, connection by connection;
    a write-ahead log lets readers (the app) and a writer (an ingest) work at once, and with it
    ``synchronous=NORMAL`` commits without waiting for the disk each time, still never leaving
    the file half-written (a power cut may lose the last commits, a crash of Footprint none)."""
    dbapi_connection.isolation_level = None  # transactions begin in ``_sqlite_begin``
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")  # wait for another writer rather than fail at once
    if cursor.execute("PRAGMA journal_mode").fetchone()[0] not in ("wal", "memory"):
        # switching a new file to WAL needs it to itself, and does not wait on its own
        for _ in range(600):
            try:
                cursor.execute("PRAGMA journal_mode=WAL")
                break
            except sqlite3.OperationalError as err:
                if "locked" not in str(err):
                    raise
                time.sleep(0.05)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _fill_url_keys(engine: Engine) -> None:
    """Give the reports of an older store their ``url_key``; a later copy of a stored address
    keeps none (the key is unique)."""
    with writing(engine) as session:
        taken = set(session.scalars(select(ReportRow.url_key).where(ReportRow.url_key != "")))
        for row in session.scalars(select(ReportRow).where(ReportRow.url_key == "", ReportRow.url != "")
                                   .order_by(ReportRow.ingested_at)):
            key = canonical_url(row.url)[:400]
            if key and key not in taken:
                row.url_key = key
                taken.add(key)


def find_url(engine: Engine, url: str) -> IngestResult | None:
    """The stored report at this address (tracking parameters and fragments aside), if any."""
    key = canonical_url(url)[:400]
    if not key:
        return None
    with Session(engine) as session:
        row = session.scalars(select(ReportRow).where(ReportRow.url_key == key).limit(1)).first()
        return _existing(session, row) if row is not None else None


def _existing(session: Session, row: ReportRow) -> IngestResult:
    n_claims = session.scalar(select(func.count()).where(ClaimRow.report_id == row.report_id))
    n_places = session.scalar(select(func.count()).where(NamedPlaceRow.report_id == row.report_id))
    return IngestResult(row.report_id, row.title, False, n_claims or 0, n_places or 0,
                        json.loads(row.notes or "{}").get("language"), row.repost_of)


def ingest(engine: Engine, report: Report, extraction: Extraction, *, who: str = "",
           extracted_with: str = "") -> IngestResult:
    """Store a report with its claims, once, in one transaction (a kill halfway leaves the store as
    it was): the same cleaned text, or a report from the same address (``reports.canonical_url``),
    is not stored again, even by two ingests at once. The log records who stored it."""
    url_key = canonical_url(report.url)[:400]
    keys = reposts.bands(report.text)  # before taking the lock: other writers need not wait for it
    try:
        with writing(engine) as session:
            existing = _stored(session, report.report_id, url_key)
            if existing is not None:
                return existing
            original = _original(session, report.text, keys)
            session.add(ReportRow(
                report_id=report.report_id, title=report.title, source=report.source, url=report.url,
                url_key=url_key, published=report.published, filename=report.filename,
                notes=json.dumps(report.notes), text=report.text, original=report.original or report.text,
                raw=report.raw or None, repost_of=original, ingested_at=_now(), extracted_with=extracted_with,
            ))
            session.flush()
            session.execute(insert(BandRow), [{"report_id": report.report_id, "band": k} for k in dict.fromkeys(keys)])
            _add_extraction(session, report.report_id, extraction)
            _log(session, who, "ingest", report.report_id, title=report.title or report.filename, url=report.url,
                 claims=len(extraction.claims), repost_of=original)
    except IntegrityError:
        # another writer outside Footprint's lock stored it between the check and the insert
        with Session(engine) as session:
            existing = _stored(session, report.report_id, url_key)
            if existing is None:
                raise
            return existing
    return IngestResult(report.report_id, report.title, True, len(extraction.claims), len(extraction.places),
                        report.notes.get("language"), original)


def _stored(session: Session, report_id: str, url_key: str) -> IngestResult | None:
    """The stored report with this id or, failing that, this address (one query for both)."""
    same = ReportRow.report_id == report_id
    rows = session.scalars(select(ReportRow).where(same | (ReportRow.url_key == url_key) if url_key else same)
                           .order_by(same.desc()).limit(1)).all()
    return _existing(session, rows[0]) if rows else None


def _log(session: Session, who: str, action: str, report_id: str | None = None, **detail) -> None:
    """One line of the log, in the transaction of what it records."""
    who = " ".join((who or "").split())[:120] or "unknown"
    session.add(EventRow(at=_now(), who=who, action=action, report_id=report_id,
                         detail=json.dumps(detail, ensure_ascii=False, default=str)))
    _LOGGER.info("%s %s %s %s", who, action, report_id or "-", json.dumps(detail, ensure_ascii=True, default=str))


def log_event(engine: Engine, who: str, action: str, report_id: str | None = None, **detail) -> None:
    """Record something done that changed no report (a refused input, a re-extraction)."""
    with writing(engine) as session:
        _log(session, who, action, report_id, **detail)


def _original(session: Session, text: str, keys: list[str]) -> str | None:
    """The stored report whose story ``text`` tells again (the first of them, if it is itself a
    repost), or ``None``."""
    candidates = session.scalars(select(BandRow.report_id).where(BandRow.band.in_(keys)).distinct()).all()
    best, best_score = None, reposts.THRESHOLD
    if not candidates:
        return None
    mine = reposts.shingles(text)
    for row in session.scalars(select(ReportRow).where(ReportRow.report_id.in_(candidates))
                               .order_by(ReportRow.ingested_at)):
        score = reposts.similarity(mine, row.text)
        if score >= best_score:
            best, best_score = row, score
    return (best.repost_of or best.report_id) if best is not None else None


def _fill_bands(engine: Engine) -> None:
    """Give the reports of an older store their bands."""
    with writing(engine) as session:
        missing = session.scalars(select(ReportRow).where(
            ~ReportRow.report_id.in_(select(BandRow.report_id).distinct()))).all()
        for row in missing:
            session.add_all(BandRow(report_id=row.report_id, band=k) for k in dict.fromkeys(reposts.bands(row.text)))


def _add_extraction(session: Session, report_id: str, extraction: Extraction) -> None:
    """The rows of one report's extraction, each table in one statement (executemany)."""
    for table, rows in ((ClaimRow, [c.as_json() for c in extraction.claims]),
                        (NamedPlaceRow, [dict(vars(p)) for p in extraction.places]),
                        (UnresolvedRow, [dict(vars(u)) for u in extraction.unresolved])):
        if rows:
            session.execute(insert(table), [{"report_id": report_id, **row} for row in rows])


def stored_reports(engine: Engine) -> list[Report]:
    """Every stored report as a ``Report`` (cleaned text, so that offsets stay put)."""
    with Session(engine) as session:
        return [_as_report(r) for r in session.scalars(select(ReportRow).order_by(ReportRow.ingested_at))]


def replace_extractions(engine: Engine, extractions: dict[str, Extraction], extracted_with: str = "") -> None:
    """Swap the claims, named places and unresolved names of these reports, all at once, and
    note which extraction made them; a report deleted meanwhile is left out."""
    with writing(engine) as session:
        ids = list(session.scalars(select(ReportRow.report_id).where(ReportRow.report_id.in_(list(extractions)))))
        for table in (ClaimRow, NamedPlaceRow, UnresolvedRow):
            session.execute(delete(table).where(table.report_id.in_(ids)))
        for report_id in ids:
            _add_extraction(session, report_id, extractions[report_id])
        session.execute(update(ReportRow).where(ReportRow.report_id.in_(ids)).values(extracted_with=extracted_with))


def stale_reports(engine: Engine, target: str, limit: int) -> list[Report]:
    """Up to ``limit`` stored reports whose claims another extraction than ``target`` made,
    oldest first."""
    with Session(engine) as session:
        rows = session.scalars(select(ReportRow).where(ReportRow.extracted_with != target)
                               .order_by(ReportRow.ingested_at, ReportRow.report_id).limit(limit))
        return [_as_report(r) for r in rows]


def mark_all_stale(engine: Engine) -> None:
    """Have every report read again by the next ``corrections.reapply`` (as asked on demand)."""
    with writing(engine) as session:
        session.execute(update(ReportRow).values(extracted_with=""))


def stale_count(engine: Engine, target: str) -> int:
    with Session(engine) as session:
        return int(session.scalar(select(func.count()).where(ReportRow.extracted_with != target)) or 0)


def _as_report(r: ReportRow) -> Report:
    return Report(text=r.text, title=r.title, source=r.source, url=r.url, published=r.published,
                  original=r.original, filename=r.filename, notes=json.loads(r.notes or "{}"), raw=r.raw or b"")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def delete_report(engine: Engine, report_id: str, who: str) -> str:
    """Delete a report with its claims, places, names and review decisions, in one transaction,
    and log it; returns its title.

    Raises
    ------
    FootprintError
        When no such report is stored.
    """
    with writing(engine) as session:
        row = session.get(ReportRow, report_id)
        if row is None:
            raise FootprintError("that report is no longer in the store")
        title = row.title or row.filename
        n_claims = session.scalar(select(func.count()).where(ClaimRow.report_id == report_id)) or 0
        for table in (ClaimRow, NamedPlaceRow, UnresolvedRow, ReviewRow, BandRow):
            session.execute(delete(table).where(table.report_id == report_id))
        # its reposts now tell their story on their own: the first of them becomes the original
        copies = session.scalars(select(ReportRow).where(ReportRow.repost_of == report_id)
                                 .order_by(ReportRow.ingested_at)).all()
        for copy in copies:
            copy.repost_of = copies[0].report_id if copy is not copies[0] else None
        session.delete(row)
        _log(session, who, "delete report", report_id, title=title, url=row.url, claims=n_claims)
    return title


def update_report(engine: Engine, report_id: str, who: str, *, title: str | None = None,
                  published: dt.date | None | str = "unchanged") -> None:
    """Retitle a report or set its date (``None`` for unknown), and log it.

    Raises
    ------
    FootprintError
        When no such report is stored, or the new title is empty.
    """
    with writing(engine) as session:
        row = session.get(ReportRow, report_id)
        if row is None:
            raise FootprintError("that report is no longer in the store")
        changes = {}
        if title is not None:
            title = " ".join(title.split())
            if not title:
                raise FootprintError("a report's title cannot be empty")
            if title != row.title:
                changes["title"] = [row.title, title]
                row.title = title
        if published != "unchanged" and published != row.published:
            changes["published"] = [row.published.isoformat() if row.published else None,
                                    published.isoformat() if published else None]
            row.published = published
        if changes:
            _log(session, who, "edit report", report_id, **changes)


def events(engine: Engine, *, limit: int = 0, action: str | None = None) -> list[dict]:
    """The log, newest first: ``limit`` lines at most (0 for all), of one ``action`` if given."""
    query = select(EventRow).order_by(EventRow.id.desc())
    if action:
        query = query.where(EventRow.action == action)
    if limit > 0:
        query = query.limit(limit)
    with Session(engine) as session:
        return [{"at": e.at.replace(microsecond=0).isoformat(sep=" "), "who": e.who, "action": e.action,
                 "report_id": e.report_id, "detail": e.detail}
                for e in session.scalars(query)]


def described(detail: str) -> str:
    """A log line's details as words ("title: …; claims: 7"), from the JSON they are kept in;
    empty fields left out."""
    try:
        fields = json.loads(detail or "{}")
    except ValueError:
        return detail
    if not isinstance(fields, dict):
        return detail
    return "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in fields.items() if v not in (None, ""))


def health(engine: Engine) -> dict:
    """What monitoring wants to know: the store answers, at which schema, holding how much.

    Raises
    ------
    FootprintError
        When the store does not answer.
    """
    try:
        with Session(engine) as session:
            n_reports = session.scalar(select(func.count()).select_from(ReportRow))
            n_claims = session.scalar(select(func.count()).select_from(ClaimRow))
            last = session.scalar(select(func.max(EventRow.at)))
        return {"schema": revision(engine), "reports": int(n_reports or 0), "claims": int(n_claims or 0),
                "last_event": last.replace(microsecond=0).isoformat(sep=" ") if last else None}
    except SQLAlchemyError as err:
        raise FootprintError(f"the store at {engine.url.render_as_string(hide_password=True)} does not answer: "
                             f"{_reason(err)}") from err


def unresolved(engine: Engine) -> list[tuple[str, str, str]]:
    """(name, excerpt, report title) of every unresolved name, in report order."""
    with Session(engine) as session:
        rows = session.execute(
            select(UnresolvedRow.name, UnresolvedRow.excerpt, ReportRow.title).join(ReportRow)
            .order_by(ReportRow.ingested_at, UnresolvedRow.id)
        ).all()
        return [tuple(r) for r in rows]


def corrections(engine: Engine) -> list[CorrectionRow]:
    with Session(engine, expire_on_commit=False) as session:
        return list(session.scalars(select(CorrectionRow).order_by(CorrectionRow.created_at)))


def save_correction(engine: Engine, row: CorrectionRow) -> None:
    """Store (or replace) the correction for one name."""
    with writing(engine) as session:
        session.merge(row)


def delete_correction(engine: Engine, name_key: str) -> None:
    with writing(engine) as session:
        row = session.get(CorrectionRow, name_key)
        if row is not None:
            session.delete(row)


def cached_answer(engine: Engine, provider: str, query: str) -> list[dict] | None:
    """The cached answer list for a query (``[]`` when the provider knew nothing), or ``None``."""
    with Session(engine) as session:
        row = session.get(GeocodeCacheRow, (provider, query))
        return None if row is None else json.loads(row.answer)


def cache_answer(engine: Engine, provider: str, query: str, answers: list[dict]) -> None:
    with writing(engine) as session:
        session.merge(GeocodeCacheRow(
            provider=provider, query=query, answer=json.dumps(answers),
            fetched_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
        ))


def _source(row: ReportRow) -> SourceInfo:
    return SourceInfo(
        report_id=row.report_id, title=row.title or row.filename, publisher=row.source, url=row.url,
        published=row.published.isoformat() if row.published else None, story=row.repost_of or row.report_id,
    )


_CLAIM_FIELDS = [f for f in Claim.__dataclass_fields__]
_SOURCE_COLUMNS = (ReportRow.report_id, ReportRow.title, ReportRow.filename, ReportRow.source, ReportRow.url,
                   ReportRow.published, ReportRow.repost_of)


def _source_of(report_id, title, filename, source, url, published, repost_of) -> SourceInfo:
    return SourceInfo(report_id=report_id, title=title or filename, publisher=source, url=url,
                      published=published.isoformat() if published else None, story=repost_of or report_id)
_PLACE_FIELDS = [f for f in NamedPlace.__dataclass_fields__]


def claims(engine: Engine, *, rejected: bool = False, report_id: str | None = None) -> list[StoredClaim]:
    """Every stored claim with the report it came from and its review, oldest report first.

    Decisions apply: an edited claim stands as edited, an added one is there, an accepted or
    edited claim the extractor no longer makes is kept (a person vouched for it), and a rejected
    one is left out unless ``rejected``. ``report_id`` limits the list to one report.
    """
    from .review import apply

    with Session(engine) as session:
        # plain rows of the columns needed, not ORM objects of whole reports (their text and bytes)
        query = (select(*[getattr(ClaimRow, f) for f in _CLAIM_FIELDS], *_SOURCE_COLUMNS)
                 .join(ReportRow).order_by(ReportRow.published, ClaimRow.id))
        decisions = select(ReviewRow, *_SOURCE_COLUMNS).join(ReportRow).order_by(ReviewRow.id)
        if report_id is not None:
            query = query.where(ClaimRow.report_id == report_id)
            decisions = decisions.where(ReviewRow.report_id == report_id)
        n = len(_CLAIM_FIELDS)
        extracted = [(Claim(*row[:n]), _source_of(*row[n:])) for row in session.execute(query)]
        made = [(row[0], _source_of(*row[1:])) for row in session.execute(decisions)]
    return [c for c in apply(extracted, made) if rejected or c.review != "rejected"]


def claim_count(engine: Engine) -> int:
    """Extracted claims stored (review decisions aside)."""
    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(ClaimRow)) or 0)


def named_places(engine: Engine) -> list[StoredPlace]:
    with Session(engine) as session:
        rows = session.execute(
            select(NamedPlaceRow, ReportRow).join(ReportRow).order_by(NamedPlaceRow.id)
        ).all()
        return [
            StoredPlace(NamedPlace(**{f: getattr(p, f) for f in _PLACE_FIELDS}), _source(r)) for p, r in rows
        ]


def reports(engine: Engine) -> list[dict]:
    """One summary row a report: what it is and how many claims it gave."""
    with Session(engine) as session:
        counts = dict(session.execute(
            select(ClaimRow.report_id, func.count()).group_by(ClaimRow.report_id)
        ).all())
        rows = session.scalars(select(ReportRow).order_by(ReportRow.ingested_at)).all()
        return [
            {"report_id": r.report_id, "title": r.title or r.filename, "source": r.source, "url": r.url,
             "published": r.published.isoformat() if r.published else None, "claims": counts.get(r.report_id, 0)}
            for r in rows
        ]


def version(engine: Engine) -> tuple:
    """Changes whenever reports are added or place corrections change what they say."""
    with Session(engine) as session:
        n, latest = session.execute(select(func.count(), func.max(ReportRow.ingested_at))).one()
        n_claims = session.scalar(select(func.count()).select_from(ClaimRow))
        n_fix, last_fix = session.execute(select(func.count(), func.max(CorrectionRow.created_at))).one()
        last_review = session.scalar(select(func.max(ReviewRow.id)))
        last_event = session.scalar(select(func.max(EventRow.id)))
        return (int(n or 0), str(latest or ""), int(n_claims or 0), int(n_fix or 0), str(last_fix or ""),
                int(last_review or 0), int(last_event or 0))


def get_meta(engine: Engine, key: str) -> str | None:
    with Session(engine) as session:
        row = session.get(MetaRow, key)
        return row.value if row else None


def set_meta(engine: Engine, key: str, value: str) -> None:
    with writing(engine) as session:
        session.merge(MetaRow(key=key, value=value))
