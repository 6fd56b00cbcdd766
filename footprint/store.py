"""The store: reports (with their original text), claims and named places, in SQL.

SQLAlchemy over a SQLite file by default (``footprint.db`` in the working
folder); any SQLAlchemy URL through ``--db`` or ``FOOTPRINT_DATABASE_URL``.
Functions take an engine; nothing connects on import.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import (
    Date, DateTime, Float, ForeignKey, Integer, String, Text, create_engine, func, select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from .claims import Claim, Extraction, NamedPlace
from .errors import FootprintError
from .reports import Report

ENV_VAR = "FOOTPRINT_DATABASE_URL"
DEFAULT_FILE = "footprint.db"


class Base(DeclarativeBase):
    pass


class ReportRow(Base):
    __tablename__ = "reports"
    report_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    filename: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="{}")
    text: Mapped[str] = mapped_column(Text)
    original: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ClaimRow(Base):
    __tablename__ = "claims"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.report_id", ondelete="CASCADE"), index=True)
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
    excerpt: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    cue: Mapped[str | None] = mapped_column(Text, nullable=True)
    place_start: Mapped[int] = mapped_column(Integer, default=-1)
    place_end: Mapped[int] = mapped_column(Integer, default=-1)
    actor_start: Mapped[int] = mapped_column(Integer, default=-1)
    actor_end: Mapped[int] = mapped_column(Integer, default=-1)
    cue_start: Mapped[int] = mapped_column(Integer, default=-1)
    cue_end: Mapped[int] = mapped_column(Integer, default=-1)
    review_state: Mapped[str] = mapped_column(String(12), default="unreviewed")


class NamedPlaceRow(Base):
    __tablename__ = "named_places"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.report_id", ondelete="CASCADE"), index=True)
    place: Mapped[str] = mapped_column(Text)
    place_id: Mapped[str] = mapped_column(String(64), index=True)
    place_name: Mapped[str] = mapped_column(Text)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    precision: Mapped[int] = mapped_column(Integer)
    excerpt: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    place_start: Mapped[int] = mapped_column(Integer)
    place_end: Mapped[int] = mapped_column(Integer)


@dataclass(frozen=True)
class SourceInfo:
    """What the map and the snapshot show of the report behind a claim."""

    report_id: str
    title: str
    publisher: str
    url: str
    published: str | None


@dataclass(frozen=True)
class StoredClaim:
    claim: Claim
    source: SourceInfo


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


def database_url(url: str | None = None) -> str:
    """The store's URL: the argument, else ``FOOTPRINT_DATABASE_URL``, else ./footprint.db."""
    url = url or os.environ.get(ENV_VAR)
    if url:
        return url
    return f"sqlite:///{Path.cwd() / DEFAULT_FILE}"


def connect(url: str | None = None) -> Engine:
    """An engine with the schema in place."""
    resolved = database_url(url)
    try:
        engine = create_engine(resolved)
        Base.metadata.create_all(engine)
    except (SQLAlchemyError, ValueError) as err:
        raise FootprintError(f"cannot open the store at {resolved}: {err}") from err
    return engine


def ingest(engine: Engine, report: Report, extraction: Extraction) -> IngestResult:
    """Store a report with its claims, once: the same cleaned text is not stored again."""
    with Session(engine) as session, session.begin():
        existing = session.get(ReportRow, report.report_id)
        if existing is not None:
            n_claims = session.scalar(select(func.count()).where(ClaimRow.report_id == report.report_id))
            n_places = session.scalar(select(func.count()).where(NamedPlaceRow.report_id == report.report_id))
            return IngestResult(report.report_id, existing.title, False, n_claims or 0, n_places or 0)
        session.add(ReportRow(
            report_id=report.report_id, title=report.title, source=report.source, url=report.url,
            published=report.published, filename=report.filename, notes=json.dumps(report.notes),
            text=report.text, original=report.original or report.text,
            ingested_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
        ))
        session.flush()
        session.add_all(ClaimRow(report_id=report.report_id, **c.as_json()) for c in extraction.claims)
        session.add_all(NamedPlaceRow(report_id=report.report_id, **vars(p)) for p in extraction.places)
    return IngestResult(report.report_id, report.title, True, len(extraction.claims), len(extraction.places))


def _source(row: ReportRow) -> SourceInfo:
    return SourceInfo(
        report_id=row.report_id, title=row.title or row.filename, publisher=row.source, url=row.url,
        published=row.published.isoformat() if row.published else None,
    )


_CLAIM_FIELDS = [f for f in Claim.__dataclass_fields__]
_PLACE_FIELDS = [f for f in NamedPlace.__dataclass_fields__]


def claims(engine: Engine) -> list[StoredClaim]:
    """Every stored claim with the report it came from, oldest report first."""
    with Session(engine) as session:
        rows = session.execute(
            select(ClaimRow, ReportRow).join(ReportRow).order_by(ReportRow.published, ClaimRow.id)
        ).all()
        return [
            StoredClaim(Claim(**{f: getattr(c, f) for f in _CLAIM_FIELDS}), _source(r)) for c, r in rows
        ]


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


def version(engine: Engine) -> tuple[int, str]:
    """Changes whenever reports are added: (number of reports, latest ingestion time)."""
    with Session(engine) as session:
        n, latest = session.execute(select(func.count(), func.max(ReportRow.ingested_at))).one()
        return int(n or 0), str(latest or "")
