"""Map features: stored claims merged into one feature per (actor, place, status).

The map, the sidebar and the snapshot all draw from the same list of
features, filtered by the same ``Selection``, so that the snapshot holds
exactly what the map shows.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field

from .reports import parse_date
from .store import StoredClaim, StoredPlace

PLACES_LAYER = "Places named"
#: Review states of a source that a person vouched for.
VOUCHED = frozenset({"accepted", "edited", "added"})


@dataclass(frozen=True)
class Source:
    """One report's support for a feature: the sentence, and whose word it is."""

    report_id: str
    title: str
    publisher: str
    url: str
    published: str | None
    claimant: str | None
    excerpt: str
    status: str
    place: str
    actor_text: str
    cue: str | None
    # offsets of the highlighted words inside ``excerpt``; (-1, -1) when absent
    place_span: tuple[int, int] = (-1, -1)
    actor_span: tuple[int, int] = (-1, -1)
    cue_span: tuple[int, int] = (-1, -1)
    #: unreviewed, accepted, edited, added (or rejected, on the Reports page only)
    review: str = "unreviewed"
    reviewer: str | None = None
    reviewed_at: str | None = None
    #: the story the report tells (its own id, or the report it reposts)
    story: str = ""
    #: other reports telling the same story, folded under this one: (title, publisher, url, published)
    reposts: tuple[tuple[str, str, str, str | None], ...] = ()
    repost_ids: tuple[str, ...] = ()
    #: the claim's identity for review decisions, and the decision it stands by (``StoredClaim``)
    claim_key: str = ""
    decision: int | None = None


@dataclass
class Feature:
    """What one marker stands for. ``lat``/``lon`` in WGS84 degrees."""

    key: str
    layer: str
    actor: str | None
    country_code: str | None
    force: str | None
    status: str | None
    place_id: str
    place_name: str
    lat: float
    lon: float
    precision: int
    radius_km: float | None
    sources: list[Source] = field(default_factory=list)
    #: A village the gazetteer lacks, drawn at the area the report puts it in.
    approximate: bool = False
    #: keys of the features that contradict this one (a presence and its denial; ``mark_disputes``)
    disputed_with: list[str] = field(default_factory=list)

    @property
    def dates(self) -> list[str]:
        return sorted({s.published for s in self.sources if s.published})

    @property
    def first_date(self) -> str | None:
        return self.dates[0] if self.dates else None

    @property
    def last_date(self) -> str | None:
        return self.dates[-1] if self.dates else None

    @property
    def review(self) -> str:
        """"accepted" when a person accepted every source as it was extracted, "edited" when a
        person vouched for every source and corrected or added one, "partly reviewed" when some
        sources are vouched for, "unreviewed" when none is."""
        vouched = [s.review for s in self.sources if s.review in VOUCHED]
        if not vouched:
            return "unreviewed"
        if len(vouched) < len(self.sources):
            return "partly reviewed"
        return "accepted" if all(r == "accepted" for r in vouched) else "edited"

    @property
    def n_reports(self) -> int:
        """Reports behind the feature, reposts included."""
        return len({s.report_id for s in self.sources} | {r for s in self.sources for r in s.repost_ids})

    @property
    def n_publishers(self) -> int:
        """Independent sources: distinct publishers of distinct stories (a repost of a story adds
        none; a report without a publisher counts alone)."""
        return len({(s.publisher or "").strip().lower() or s.report_id for s in self.sources})

    @property
    def tooltip(self) -> str:
        """The text under the pointer; also how a click is traced back to this feature."""
        n = self.n_reports
        reports_ = f"{n} report{'s' if n != 1 else ''}"
        if self.actor is None:
            return f"{self.place_name} — named in {reports_}"
        return f"{self.place_name} — {self.actor}, {self.status} ({reports_})"


@dataclass(frozen=True)
class Selection:
    """What is switched on: actor layers, and whether the "Places named" layer shows."""

    actors: frozenset[str]
    places_named: bool = False
    #: only claims a person accepted, edited or added
    reviewed_only: bool = False

    def keeps(self, feature: Feature) -> bool:
        if feature.layer == PLACES_LAYER:
            return self.places_named
        return feature.actor in self.actors and (not self.reviewed_only or feature.review != "unreviewed")


def _span(start: int, end: int, base: int) -> tuple[int, int]:
    return (start - base, end - base) if start >= 0 else (-1, -1)


@dataclass
class Place:
    """What one map marker stands for: every shown feature at one place (a village the gazetteer
    lacks is a place of its own, drawn where the report puts it)."""

    key: str
    place_id: str
    name: str
    lat: float
    lon: float
    #: the actors' features here, in layer order then status order; empty for a place only named
    features: list[Feature] = field(default_factory=list)
    #: the grey "Places named" feature, when that layer shows and no claim is here
    named: Feature | None = None
    tooltip: str = ""

    @property
    def precision(self) -> int:
        """The finest precision of the features here (1 a named place … 4 country-wide)."""
        return min((f.precision for f in self.all), default=1)

    @property
    def all(self) -> list[Feature]:
        return self.features or ([self.named] if self.named else [])

    @property
    def n_reports(self) -> int:
        return len({s.report_id for f in self.all for s in f.sources}
                   | {r for f in self.all for s in f.sources for r in s.repost_ids})

    @property
    def review(self) -> str:
        """accepted / edited / partly reviewed / unreviewed, over every feature here (as ``Feature.review``)."""
        states = {f.review for f in self.features}
        if not states or states == {"unreviewed"}:
            return "unreviewed"
        if states <= {"accepted"}:
            return "accepted"
        if states <= {"accepted", "edited"}:
            return "edited"
        return "partly reviewed"

    @property
    def disputed(self) -> bool:
        return any(f.disputed_with for f in self.features)


def places(features: Iterable[Feature], layer_order: list[str] | None = None) -> list[Place]:
    """The shown features gathered into one ``Place`` per marker. A place only named (grey layer)
    gets a marker only where no actor's claim is shown. Each place's tooltip is unique: it is also
    how a click on the map is traced back to the place."""
    from .cues import STATUSES

    order = {name: i for i, name in enumerate(layer_order or [])}
    status_rank = {s: i for i, s in enumerate(STATUSES)}
    by_key: dict[str, Place] = {}
    for f in features:
        key = f.place_id + (f"~{f.place_name}" if f.approximate else "")
        place = by_key.get(key)
        if place is None:
            place = by_key[key] = Place(key=key, place_id=f.place_id, name=f.place_name, lat=f.lat, lon=f.lon)
        if f.actor is None:
            place.named = f
        else:
            place.features.append(f)
    out = []
    for place in by_key.values():
        if place.features:
            place.named = None
            place.features.sort(key=lambda f: (order.get(f.layer, len(order)), f.layer,
                                               status_rank.get(f.status, 99)))
        place.tooltip = _place_tooltip(place)
        out.append(place)
    seen: dict[str, int] = {}
    for place in out:
        seen[place.tooltip] = seen.get(place.tooltip, 0) + 1
    for place in out:
        if seen[place.tooltip] > 1:  # two places of one name: the gazetteer's id tells them apart
            place.tooltip = f"{place.tooltip} [{place.key}]"
    return out


def _place_tooltip(place: Place) -> str:
    n = place.n_reports
    reports_ = f"{n} report{'s' if n != 1 else ''}"
    if not place.features:
        return f"{place.name} — named in {reports_}"
    by_actor: dict[str, list[str]] = {}
    for f in place.features:
        by_actor.setdefault(f.actor, []).append(f.status or "")
    said = "; ".join(f"{actor}: {', '.join(statuses)}" for actor, statuses in by_actor.items())
    return f"{place.name} — {said} ({reports_})"


def clicked_place(shown: Iterable[Place], tooltip: str | None) -> Place | None:
    """The place whose tooltip text the map reported as clicked, if it is still shown."""
    if not tooltip:
        return None
    wanted = " ".join(tooltip.split())
    return next((p for p in shown if " ".join(p.tooltip.split()) == wanted), None)


def feature_key(c) -> str:
    """The feature a claim belongs to: actor, place and status (a village placed at its
    governorate is a feature of its own, not the governorate's)."""
    return "|".join((c.actor, c.place_id, c.status) + ((f"~{c.place}",) if c.approximate else ()))


def claim_features(stored: Iterable[StoredClaim]) -> list[Feature]:
    """One feature per (actor, place, status), sources in report order."""
    features: dict[tuple, Feature] = {}
    for item in stored:
        c, src = item.claim, item.source
        key = feature_key(c)
        feature = features.get(key)
        if feature is None:
            feature = features[key] = Feature(
                key=key, layer=c.actor, actor=c.actor, country_code=c.country_code, force=c.force,
                status=c.status, place_id=c.place_id, place_name=c.place_name, lat=c.lat, lon=c.lon,
                precision=c.precision, radius_km=c.radius_km, approximate=c.approximate,
            )
        elif c.precision < feature.precision:
            feature.precision, feature.radius_km = c.precision, c.radius_km
        feature.sources.append(Source(
            report_id=src.report_id, title=src.title, publisher=src.publisher, url=src.url,
            published=c.date or src.published, claimant=c.claimant, excerpt=c.excerpt, status=c.status,
            place=c.place, actor_text=c.excerpt[c.actor_start - c.start : c.actor_end - c.start]
            if c.actor_start >= 0 else c.actor, cue=c.cue,
            place_span=_span(c.place_start, c.place_end, c.start),
            actor_span=_span(c.actor_start, c.actor_end, c.start),
            cue_span=_span(c.cue_start, c.cue_end, c.start),
            review=item.review, reviewer=item.reviewer, reviewed_at=item.reviewed_at, story=src.story,
            claim_key=item.key, decision=item.decision,
        ))
    for feature in features.values():
        feature.sources = fold(feature.sources)
    out = list(features.values())
    mark_disputes(out)
    return out


#: Statuses that put a force somewhere, which a denial contradicts.
PRESENCE = frozenset({"reported", "claimed"})
#: How far apart (days) a presence and its denial may be dated and still be about the same time.
DISPUTE_WINDOW_DAYS = 45


def mark_disputes(features: list[Feature]) -> None:
    """Set ``disputed_with`` on every feature that a source puts at a place (reported, claimed)
    while another source denies it (same actor, same place, dates within ``DISPUTE_WINDOW_DAYS``
    of each other, or undated): both sides carry the other's key. "Another source" is another
    report, or another claimant in the same report."""
    by_place: dict[tuple, list[Feature]] = {}
    for f in features:
        if f.actor is not None:
            by_place.setdefault((f.actor, f.place_id, f.place_name if f.approximate else ""), []).append(f)
    for group in by_place.values():
        present = [f for f in group if f.status in PRESENCE]
        denied = [f for f in group if f.status == "denied"]
        for p in present:
            for d in denied:
                if any(_contradict(a, b) for a in p.sources for b in d.sources):
                    p.disputed_with.append(d.key)
                    d.disputed_with.append(p.key)


def _contradict(a: Source, b: Source) -> bool:
    if a.report_id == b.report_id and (a.claimant or "") == (b.claimant or ""):
        return False  # one voice does not dispute itself
    day_a, day_b = parse_date(a.published), parse_date(b.published)
    if day_a is None or day_b is None:
        return True
    return abs((day_a - day_b).days) <= DISPUTE_WINDOW_DAYS


def fold(sources: list[Source]) -> list[Source]:
    """Sources with reposts folded under the first report of their story: the copies' sentences
    leave the list, and their reports are listed on the source they repeat."""
    first: dict[str, str] = {}  # story -> the report kept for it
    kept: list[Source] = []
    copies: dict[str, dict[str, tuple]] = {}  # kept report -> its reposts by report id
    for s in sources:
        story = s.story or s.report_id
        keeper = first.setdefault(story, s.report_id)
        if keeper == s.report_id:
            kept.append(s)
        else:
            copies.setdefault(keeper, {})[s.report_id] = (s.title, s.publisher, s.url, s.published)
    if not copies:
        return kept
    out, given = [], set()
    for s in kept:
        extra = copies.get(s.report_id, {}) if s.report_id not in given else {}
        given.add(s.report_id)
        out.append(dataclasses.replace(s, reposts=tuple(extra.values()), repost_ids=tuple(extra)) if extra else s)
    return out


def place_features(stored: Iterable[StoredPlace]) -> list[Feature]:
    """One grey feature per named place, with every sentence that names it."""
    features: dict[str, Feature] = {}
    for item in stored:
        p, src = item.place, item.source
        feature = features.get(p.place_id)
        if feature is None:
            feature = features[p.place_id] = Feature(
                key=f"{PLACES_LAYER}|{p.place_id}", layer=PLACES_LAYER, actor=None, country_code=None, force=None,
                status=None, place_id=p.place_id, place_name=p.place_name, lat=p.lat, lon=p.lon,
                precision=p.precision, radius_km=None,
            )
        if any(s.report_id == src.report_id and s.excerpt == p.excerpt for s in feature.sources):
            continue
        feature.sources.append(Source(
            report_id=src.report_id, title=src.title, publisher=src.publisher, url=src.url,
            published=src.published, claimant=None, excerpt=p.excerpt, status="named", place=p.place,
            actor_text="", cue=None, place_span=_span(p.place_start, p.place_end, p.start),
        ))
    return list(features.values())


def history(features: Iterable[Feature], place_id: str) -> list[dict]:
    """Every claim at a place, oldest first (undated last): date, actor, status, publisher, excerpt."""
    rows = [{"date": s.published or "", "actor": f.actor, "status": s.status, "publisher": s.publisher or "",
             "excerpt": s.excerpt}
            for f in features if f.actor is not None and f.place_id == place_id for s in f.sources]
    return sorted(rows, key=lambda r: (r["date"] == "", r["date"]))


def layers(features: Iterable[Feature]) -> list[tuple[str, int]]:
    """(actor layer, number of features) in a stable order: most features first, then by name."""
    counts: dict[str, int] = {}
    for f in features:
        if f.layer != PLACES_LAYER:
            counts[f.layer] = counts.get(f.layer, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def select_features(features: Iterable[Feature], selection: Selection) -> list[Feature]:
    """The features the selection keeps; with ``reviewed_only``, each with its vouched sources only."""
    kept = [f for f in features if selection.keeps(f)]
    if not selection.reviewed_only:
        return kept
    return [f if f.layer == PLACES_LAYER or f.review in ("accepted", "edited") else
            dataclasses.replace(f, sources=[s for s in f.sources if s.review in VOUCHED]) for f in kept]


def clicked(features: Iterable[Feature], tooltip: str | None) -> Feature | None:
    """The feature whose tooltip text the map reported as clicked, if it is still shown."""
    if not tooltip:
        return None
    wanted = " ".join(tooltip.split())
    return next((f for f in features if " ".join(f.tooltip.split()) == wanted), None)
