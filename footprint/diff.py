"""Change between two dates: what the reports said of each actor at each place as of one date,
against what they said as of the other.

The state of an actor at a place as of a date is the status of its latest dated claim up to that
day (a claim's own date, else its report's; undated claims cannot be placed and are left out;
rejected claims are never counted). A pair is **new** when nothing was said of it as of the first
date, **gone** when its latest word turned to a withdrawal, and **changed** when its status moved
otherwise ("reported" to "struck", "planned" to "reported"…).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .reports import parse_date
from .store import StoredClaim

GONE = frozenset({"withdrawn"})


@dataclass(frozen=True)
class Change:
    actor: str
    country_code: str
    place_id: str
    place_name: str
    lat: float
    lon: float
    precision: int
    kind: str  # new, gone, changed
    before: str | None  # status as of the first date
    after: str  # status as of the second date
    since: str  # the date of the claim that made the change
    excerpt: str
    title: str

    @property
    def summary(self) -> str:
        what = {"new": f"new: {self.after}", "gone": f"gone: {self.before} → {self.after}",
                "changed": f"{self.before} → {self.after}"}[self.kind]
        return f"{self.actor} at {self.place_name}: {what} (since {self.since})"


def day_of(item: StoredClaim) -> dt.date | None:
    """A claim's own date, else its report's; ``None`` when neither is known."""
    return parse_date(item.claim.date or item.source.published)


def _latest(claims: list[tuple[dt.date, StoredClaim]], until: dt.date) -> dict[tuple, tuple[dt.date, StoredClaim]]:
    """The latest claim up to ``until`` of each (actor, place); on one day, the later-listed wins."""
    out: dict[tuple, tuple[dt.date, StoredClaim]] = {}
    for day, item in claims:
        if day > until:
            continue
        key = (item.claim.actor, item.claim.place_id)
        if key not in out or day >= out[key][0]:
            out[key] = (day, item)
    return out


def changes(stored: Iterable[StoredClaim], date_from: dt.date, date_to: dt.date) -> list[Change]:
    """What changed between ``date_from`` and ``date_to`` (either order), newest change first."""
    if date_from > date_to:
        date_from, date_to = date_to, date_from
    dated = sorted(((d, c) for c in stored if (d := day_of(c)) is not None), key=lambda dc: dc[0])
    before, after = _latest(dated, date_from), _latest(dated, date_to)
    out = []
    for key, (day, item) in after.items():
        old = before.get(key)
        old_status = old[1].claim.status if old else None
        new_status = item.claim.status
        if old_status == new_status:
            continue
        if old_status is None:
            kind = "gone" if new_status in GONE else "new"
        else:
            kind = "gone" if new_status in GONE else "changed"
        c = item.claim
        out.append(Change(c.actor, c.country_code, c.place_id, c.place_name, c.lat, c.lon, c.precision, kind,
                          old_status, new_status, day.isoformat(), c.excerpt, item.source.title))
    return sorted(out, key=lambda ch: (ch.since, ch.actor, ch.place_name), reverse=True)


def geojson(found: list[Change], date_from: dt.date, date_to: dt.date) -> dict:
    """The changes as a GeoJSON FeatureCollection ([lon, lat])."""
    return {
        "type": "FeatureCollection",
        "from": date_from.isoformat(), "to": date_to.isoformat(),
        "features": [{
            "type": "Feature", "id": f"{c.actor}|{c.place_id}",
            "geometry": {"type": "Point", "coordinates": [round(c.lon, 6), round(c.lat, 6)]},
            "properties": {"actor": c.actor, "country_code": c.country_code, "place": c.place_name,
                           "place_id": c.place_id, "precision": c.precision, "change": c.kind, "before": c.before,
                           "after": c.after, "since": c.since, "excerpt": c.excerpt, "title": c.title},
        } for c in found],
    }
