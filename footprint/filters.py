"""Filters over the map's features, applied alike to the map, the excerpt list, the tables and the
snapshot, and written into the page's address so that a view is a link.

A filter narrows features (status, precision, review, independent sources, disputed) and the
sources behind them (dates, publishers, words); a feature left with no source leaves the map.
Empty fields filter nothing. ``to_params``/``from_params`` turn filters into query parameters and
back; bad values in a shared link are dropped, never an error.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .cues import STATUSES
from .features import PLACES_LAYER, Feature
from .reports import parse_date

REVIEWS = ("unreviewed", "partly reviewed", "accepted", "edited")


@dataclass(frozen=True)
class Filters:
    statuses: frozenset[str] = frozenset()  # empty: every status
    date_from: dt.date | None = None
    date_to: dt.date | None = None  # also the "as of" date: what was reported up to then
    publishers: frozenset[str] = frozenset()  # empty: every publisher
    reviews: frozenset[str] = frozenset()  # empty: every review state
    min_sources: int = 1
    precisions: frozenset[int] = frozenset()  # empty: every precision
    text: str = ""
    disputed_only: bool = False

    @property
    def active(self) -> bool:
        return self != Filters()

    def keeps_source(self, source) -> bool:
        day = parse_date(source.published)
        if (self.date_from or self.date_to) and day is None:
            return False  # an undated source cannot be placed in a date range
        if self.date_from and day < self.date_from or self.date_to and day > self.date_to:
            return False
        if self.publishers and (source.publisher or "") not in self.publishers:
            return False
        return True

    def keeps_feature(self, f: Feature) -> bool:
        if f.layer == PLACES_LAYER:
            return not (self.statuses or self.reviews or self.disputed_only or self.min_sources > 1)
        if self.statuses and f.status not in self.statuses:
            return False
        if self.precisions and f.precision not in self.precisions:
            return False
        if self.reviews and f.review not in self.reviews:
            return False
        if f.n_publishers < self.min_sources:
            return False
        if self.disputed_only and not f.disputed_with:
            return False
        if self.text:
            words = self.text.lower()
            haystack = " ".join([f.place_name, *(s.excerpt for s in f.sources), *(s.place for s in f.sources)]).lower()
            if words not in haystack:
                return False
        return True


def apply(features: Iterable[Feature], filters: Filters) -> list[Feature]:
    """The features the filters keep, each with the sources they keep."""
    if not filters.active:
        return list(features)
    out = []
    for f in features:
        sources = [s for s in f.sources if filters.keeps_source(s)]
        if not sources:
            continue
        kept = f if len(sources) == len(f.sources) else dataclasses.replace(f, sources=sources)
        if filters.keeps_feature(kept):
            out.append(kept)
    return out


# -- the address bar --------------------------------------------------------------------------------

def to_params(filters: Filters, actors: Iterable[str] | None = None, place: str | None = None) -> dict[str, str]:
    """Query parameters for the filters (only those set), the actor layers shown when not all
    are, and the clicked place."""
    p: dict[str, str] = {}
    if filters.statuses:
        p["status"] = ",".join(s for s in STATUSES if s in filters.statuses)
    if filters.date_from:
        p["from"] = filters.date_from.isoformat()
    if filters.date_to:
        p["to"] = filters.date_to.isoformat()
    if filters.publishers:
        p["source"] = "|".join(sorted(filters.publishers))
    if filters.reviews:
        p["review"] = ",".join(r for r in REVIEWS if r in filters.reviews)
    if filters.min_sources > 1:
        p["min_sources"] = str(filters.min_sources)
    if filters.precisions:
        p["precision"] = ",".join(str(n) for n in sorted(filters.precisions))
    if filters.text:
        p["q"] = filters.text
    if filters.disputed_only:
        p["disputed"] = "1"
    if actors is not None:
        p["actors"] = "|".join(sorted(actors))
    if place:
        p["place"] = place
    return p


def from_params(params: Mapping[str, str]) -> tuple[Filters, frozenset[str] | None, str | None]:
    """Filters, the actor layers (``None``: all) and the clicked place from query parameters;
    what cannot be read is left out."""
    def listed(name: str, allowed: Iterable[str], sep: str = ",") -> frozenset[str]:
        allowed = set(allowed)
        return frozenset(v for v in str(params.get(name, "")).split(sep) if v in allowed)

    def day(name: str) -> dt.date | None:
        return parse_date(str(params.get(name, ""))[:10])

    try:
        min_sources = max(1, min(int(params.get("min_sources", 1)), 99))
    except (TypeError, ValueError):
        min_sources = 1
    precisions = frozenset(int(v) for v in str(params.get("precision", "")).split(",") if v in ("1", "2", "3", "4"))
    publishers = frozenset(v for v in str(params.get("source", "")).split("|") if v.strip())
    filters = Filters(
        statuses=listed("status", STATUSES), date_from=day("from"), date_to=day("to"), publishers=publishers,
        reviews=listed("review", REVIEWS), min_sources=min_sources, precisions=precisions,
        text=" ".join(str(params.get("q", "")).split())[:200].rstrip(), disputed_only=params.get("disputed") == "1",
    )
    actors = frozenset(a for a in str(params["actors"]).split("|") if a) if "actors" in params else None
    place = str(params.get("place", "")) or None
    return filters, actors, place
