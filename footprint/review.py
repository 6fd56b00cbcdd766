"""Review: a person signs off each claim — accepts it, rejects it, edits it, or adds one the
extractor missed.

Decisions live in their own table (``store.ReviewRow``), keyed by the claim's identity
(``claim_key``: actor, place, status and the sentence's span in the cleaned text), not in the
claims, which are replaced whenever reports are read again. So a decision survives
``python -m footprint reextract``, the automatic re-read after the extractor changes, and
place corrections. Every decision is stored with its time and reviewer and never overwritten:
the latest one for a claim holds, and one made on a stale view (another person decided
meanwhile) is refused with a message naming the other decision.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
import json
import uuid
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from . import gazetteer as gz
from .claims import Claim
from .cues import STATUSES
from .errors import FootprintError

ACTIONS = ("accept", "reject", "edit", "add", "reset")
#: What each action leaves the claim as.
STATE = {"accept": "accepted", "reject": "rejected", "edit": "edited", "add": "added", "reset": "unreviewed"}
MAX_REVIEWER = 120


class ReviewError(FootprintError, ValueError):
    """A decision that cannot be stored: a stale view, an unknown claim or a bad edit."""


def claim_key(claim: Claim) -> str:
    """What identifies an extracted claim across re-extractions: actor, place, status, sentence."""
    key = f"{claim.actor}|{claim.place_id}|{claim.status}|{claim.start}:{claim.end}"
    return key + (f"|~{claim.place}" if claim.approximate else "")


def default_reviewer() -> str:
    """The OS user, for decisions made on the command line."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def apply(extracted: Iterable[tuple[Claim, object]], decisions: Iterable[tuple[object, object]]) -> list:
    """The stored claims as decided: ``extracted`` is (claim, source) in order, ``decisions``
    (ReviewRow, source) oldest first. Returns ``store.StoredClaim``s, rejected ones included."""
    from .store import StoredClaim

    latest: dict[tuple[str, str], object] = {}
    sources: dict[str, object] = {}
    for row, source in decisions:
        latest[(row.report_id, row.claim_key)] = row
        sources[row.report_id] = source
    out, seen = [], set()
    for claim, source in extracted:
        key = claim_key(claim)
        row = latest.get((source.report_id, key))
        seen.add((source.report_id, key))
        if row is None or row.action == "reset":
            out.append(StoredClaim(claim, source, key=key, decision=row.id if row else None))
            continue
        if row.action == "edit" and row.claim:
            claim = Claim(**json.loads(row.claim))
        out.append(_decided(claim, source, row, key))
    for (report_id, key), row in latest.items():
        if (report_id, key) in seen or row.action not in ("accept", "edit", "add") or not row.claim:
            continue  # a person vouched for a claim the extractor no longer makes, or added one
        out.append(_decided(Claim(**json.loads(row.claim)), sources[report_id], row, key))
    return out


def _decided(claim, source, row, key):
    from .store import StoredClaim

    return StoredClaim(claim, source, review=STATE[row.action], reviewer=row.reviewer,
                       reviewed_at=row.decided_at.replace(microsecond=0).isoformat(sep=" "),
                       decision=row.id, key=key)


def decide(engine: Engine, report_id: str, key: str, action: str, *, reviewer: str,
           seen: int | None, claim: Claim | None = None) -> int:
    """Store one decision about the claim ``key`` of a report; returns the decision's id.

    ``seen`` is the decision the reviewer was looking at (``StoredClaim.decision``; ``None``
    for an unreviewed claim). ``claim`` is the claim as it now stands (for accept, edit, add).

    Raises
    ------
    ReviewError
        When another decision was made since ``seen`` (naming who and when), the reviewer
        name is empty, or the action is unknown.
    """
    from .store import ReportRow, ReviewRow, _log, writing

    if action not in ACTIONS:
        raise ReviewError(f"unknown review action {action!r}; expected one of {', '.join(ACTIONS)}")
    reviewer = " ".join((reviewer or "").split())[:MAX_REVIEWER]
    if not reviewer:
        raise ReviewError("give your name as reviewer first: every decision is stored with it")
    with writing(engine) as session:  # one decision at a time: the check below still holds when it lands
        if session.get(ReportRow, report_id) is None:
            raise ReviewError("that report is no longer in the store")
        last = session.scalar(select(ReviewRow).where(ReviewRow.report_id == report_id, ReviewRow.claim_key == key)
                              .order_by(ReviewRow.id.desc()).limit(1))
        if last is None and seen is not None:
            raise ReviewError("the decision you were looking at is gone: reload and decide again")
        if (last.id if last else None) != seen:
            when = last.decided_at.replace(microsecond=0).isoformat(sep=" ")
            raise ReviewError(f"{last.reviewer} already decided on this claim ({STATE[last.action]}, {when} UTC) "
                              "while you were looking: reload to see it, then decide again")
        row = ReviewRow(report_id=report_id, claim_key=key, action=action,
                        claim=json.dumps(claim.as_json(), ensure_ascii=False) if claim is not None else None,
                        reviewer=reviewer, decided_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
                        previous=seen)
        session.add(row)
        session.flush()
        _log(session, reviewer, "review", report_id, claim=key, decision=STATE[action], previous=seen)
        return row.id


def new_key() -> str:
    """The key of a claim a person adds (no extracted claim has one like it)."""
    return f"added|{uuid.uuid4().hex}"


def edited(claim: Claim, gazetteer: gz.Gazetteer, *, actor: str | None = None, country_code: str | None = None,
           place_id: str | None = None, status: str | None = None, claimant: str | None = None,
           date: str | None = None) -> Claim:
    """``claim`` with the fields a reviewer changed; a new place takes the gazetteer's coordinates
    and precision, and no longer highlights the words of the old one.

    Raises
    ------
    ReviewError
        For an unknown status or place id, or a date that is not YYYY-MM-DD.
    """
    changes: dict = {}
    if actor is not None and actor != claim.actor:
        changes.update(actor=actor, country_code=country_code or claim.country_code, force=None,
                       actor_start=-1, actor_end=-1)
    if status is not None and status != claim.status:
        if status not in STATUSES:
            raise ReviewError(f"unknown status {status!r}; expected one of {', '.join(STATUSES)}")
        changes.update(status=status, cue=None, cue_start=-1, cue_end=-1)
    if place_id is not None and place_id != claim.place_id:
        place = gazetteer.places.get(place_id)
        if place is None:
            raise ReviewError(f"no gazetteer place has the id {place_id!r}")
        changes.update(place=place.name, place_id=place.place_id, place_name=place.name, lat=place.lat,
                       lon=place.lon, precision=place.precision, radius_km=place.radius_km,
                       place_start=-1, place_end=-1, approximate=False)
    if claimant is not None:
        changes["claimant"] = " ".join(claimant.split()) or None
    if date is not None:
        date = date.strip() or None
        if date is not None:
            try:
                dt.date.fromisoformat(date)
            except ValueError as err:
                raise ReviewError(f"a date is written YYYY-MM-DD, got {date!r}") from err
        changes["date"] = date
    return dataclasses.replace(claim, **changes)


def added(report_text: str, start: int, end: int, gazetteer: gz.Gazetteer, *, actor: str, country_code: str,
          place_id: str, status: str, claimant: str | None = None, date: str | None = None) -> Claim:
    """A claim a person adds: the sentence ``report_text[start:end]`` puts ``actor`` at ``place_id``."""
    place = gazetteer.places.get(place_id)
    if place is None:
        raise ReviewError(f"no gazetteer place has the id {place_id!r}")
    if not (0 <= start < end <= len(report_text)):
        raise ReviewError("choose the sentence of the report that makes the claim")
    excerpt = report_text[start:end]
    low = excerpt.lower()
    # where the sentence names the place (any of its names, longest first), to highlight it
    at, written = next(((low.find(n.lower()), excerpt[low.find(n.lower()):][:len(n)])
                        for n in sorted({place.name, *place.names}, key=len, reverse=True)
                        if n and low.find(n.lower()) >= 0), (-1, place.name))
    base = Claim(actor=actor, country_code=country_code, force=None, status="reported", claimant=None,
                 place=written, place_id=place.place_id, place_name=place.name, lat=place.lat, lon=place.lon,
                 precision=place.precision, excerpt=excerpt, start=start, end=end, date=None,
                 radius_km=place.radius_km, place_start=start + at if at >= 0 else -1,
                 place_end=start + at + len(written) if at >= 0 else -1)
    return edited(base, gazetteer, status=status, claimant=claimant or "", date=date or "")


def progress(engine: Engine) -> dict[str, tuple[int, int]]:
    """(claims a person decided on, claims) per report id, rejected ones counted as decided."""
    from .store import claims

    out: dict[str, list[int]] = {}
    for c in claims(engine, rejected=True):
        done_total = out.setdefault(c.source.report_id, [0, 0])
        done_total[0] += c.review != "unreviewed"
        done_total[1] += 1
    return {k: (a, b) for k, (a, b) in out.items()}


def decisions_count(engine: Engine) -> int:
    from .store import ReviewRow

    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(ReviewRow)) or 0)
