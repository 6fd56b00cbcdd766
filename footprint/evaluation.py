"""Scoring extraction against hand annotations.

Annotations are JSON lines as in ``shared/samples/gold``: one claim a line with
``report``, ``country`` (the actor), ``place`` (as written), ``status``,
``claimant`` and ``excerpt``. An extracted claim matches an annotated one when
the actor's country is the same and the place is the same gazetteer entry, or
lies within the annotated place's tolerance (its radius for an area, else
``POINT_TOLERANCE_KM``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from geopy.distance import geodesic
from rapidfuzz import fuzz

from . import actors as actors_mod
from . import gazetteer as gz
from . import reports
from .claims import Claim, Extractor
from .geocoding import GazetteerGeocoder

POINT_TOLERANCE_KM = 15.0
OPTIONAL_NOTE = "may reasonably leave it out"
#: Gold phrases that describe rather than name a place, and the entry a reader means.
DESCRIBED = {"northern region close to the Turkish border": "syr-northern-syria"}


@dataclass
class Score:
    """Counts for one report or for all; the ratios are properties."""

    gold_pairs: int = 0
    #: annotation lines, optional ones included: a report with none is a negative
    annotated: int = 0
    found_pairs: int = 0
    matched_gold: int = 0
    matched_found: int = 0
    status_total: int = 0
    status_right: int = 0
    claimant_total: int = 0
    claimant_right: int = 0
    misses: list[str] = field(default_factory=list)
    false_claims: list[str] = field(default_factory=list)
    wrong_status: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        for name in ("gold_pairs", "annotated", "found_pairs", "matched_gold", "matched_found", "status_total",
                     "status_right", "claimant_total", "claimant_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses
        self.false_claims += other.false_claims
        self.wrong_status += other.wrong_status

    @property
    def precision(self) -> float:
        return self.matched_found / self.found_pairs if self.found_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold_pairs if self.gold_pairs else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def status_accuracy(self) -> float:
        return self.status_right / self.status_total if self.status_total else 1.0

    @property
    def claimant_accuracy(self) -> float:
        return self.claimant_right / self.claimant_total if self.claimant_total else 1.0


def read_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


class Evaluator:
    def __init__(self, extractor: Extractor | None = None):
        self.extractor = extractor or Extractor()
        self.geocoder = GazetteerGeocoder(self.extractor.gazetteer)
        self.lexicon = actors_mod.load()

    def country(self, actor: str) -> str:
        found = self.lexicon.actors.get(actor)
        if found:
            return found.country_code
        mentions = self.lexicon.find(actor)
        return mentions[0].actor.country_code if mentions else actor

    def place_id(self, phrase: str, context: frozenset[str] = frozenset()) -> str | None:
        """The gazetteer entry an annotated place phrase means; among namesakes, the one in the
        governorates (``context``) of the report's other annotated places."""
        if phrase in DESCRIBED:
            return DESCRIBED[phrase]
        location = self.geocoder.geocode(phrase, context=context)
        # a spelling merely close to a hamlet somewhere else is no reading of the annotator's place
        if location is None:
            return None
        place = self.extractor.gazetteer.places[location.raw["place_id"]]
        if location.raw["match"] == "fuzzy" and place.kind == "village" and place.framed:
            return None
        # a hamlet of another governorate than the report's places, with no namesake among them,
        # is not what the annotator meant either (the report's "Tel al-Ahmar" is in Quneitra)
        if place.framed and context and place.admin1 not in context:
            return None
        return location.raw["place_id"]

    def context(self, gold: list[dict]) -> frozenset[str]:
        """Governorates of a report's annotated places that are not hamlets (whose namesakes they settle)."""
        places = self.extractor.gazetteer.places
        found = (places.get(self.place_id(g["place"]) or "") for g in gold)
        return frozenset(p.admin1 for p in found if p is not None and not p.framed and p.in_syria and p.admin1)

    def gold_spot(self, g: dict, context: frozenset[str] = frozenset()) -> "Spot":
        """Where an annotation puts its claim: its own coordinates when it gives them (the gazetteer
        may lack the village, or know a namesake), else the gazetteer's reading of its place."""
        place_id = self.place_id(g["place"], context)
        place = self.extractor.gazetteer.places.get(place_id) if place_id else None
        if int(g.get("precision") or 1) >= 3 and place is not None and place.kind in gz.SETTLEMENT_KINDS:
            # "As-Suwayda", "northern Hasakah" annotated as a region is the governorate the city names
            place = self.extractor.gazetteer.governorate(place.admin1) or place
            place_id = place.place_id
        if g.get("lat") is None or g.get("lon") is None:
            return Spot(g["place"], place_id, place.lat if place else None, place.lon if place else None,
                        place.precision if place else int(g.get("precision") or 1),
                        place.radius_km if place else None)
        precision = int(g.get("precision") or 1)
        spot = Spot(g["place"], None, float(g["lat"]), float(g["lon"]), precision, None)
        if place is not None and geodesic((place.lat, place.lon), (spot.lat, spot.lon)).km <= spot.tolerance_km:
            spot = Spot(g["place"], place_id, spot.lat, spot.lon, precision, place.radius_km)
        return spot

    def same_place(self, gold: "Spot", claim: Claim) -> bool:
        """Whether an extracted claim's place is the annotated one: the same gazetteer entry, or a
        place no broader than the annotation within its tolerance, or, for a claim placed at an
        area because its village is unknown, that village by name."""
        if gold.place_id is not None and gold.place_id == claim.place_id:
            return True
        same_name = fuzz.token_set_ratio(gz.exact_key(gold.text), gz.exact_key(getattr(claim, "place", ""))) >= 90
        if getattr(claim, "approximate", False):
            return same_name and (
                gold.lat is None or claim.radius_km is None
                or geodesic((claim.lat, claim.lon), (gold.lat, gold.lon)).km <= claim.radius_km + POINT_TOLERANCE_KM)
        if gold.lat is None:
            return gold.place_id is None and same_name  # a place nobody could locate: the same name is all there is
        near = geodesic((gold.lat, gold.lon), (claim.lat, claim.lon)).km <= gold.tolerance_km
        return near and claim.precision <= max(gold.precision, 2)

    def score(self, report: reports.Report, gold: list[dict]) -> Score:
        """Score one report's extraction against its annotations."""
        got: list[Claim] = self.extractor(report).claims
        name = report.filename or report.title
        s = Score(annotated=len(gold))
        required = [g for g in gold if OPTIONAL_NOTE not in (g.get("note") or "")]
        optional = [g for g in gold if OPTIONAL_NOTE in (g.get("note") or "")]

        context = self.context(gold)

        def pair(g):
            spot = self.gold_spot(g, context)
            return self.country(g["country"]), spot

        required_pairs = [(g, *pair(g)) for g in required]
        gold_pairs: dict[tuple, dict] = {}
        for g, country, spot in required_pairs:  # one pair per (country, place): several statuses are one pair
            gold_pairs.setdefault((country, spot.key), (country, spot, g))
        optional_pairs = [pair(g) for g in optional]
        found: dict[tuple, list[Claim]] = defaultdict(list)
        for c in got:
            found[(c.country_code, c.place_id, c.place if getattr(c, "approximate", False) else "")].append(c)

        def matches(gp, claims):
            return gp[0] == claims[0].country_code and self.same_place(gp[1], claims[0])

        s.gold_pairs, s.found_pairs = len(gold_pairs), 0
        for country, spot, g in gold_pairs.values():
            if any(matches((country, spot), cs) for cs in found.values()):
                s.matched_gold += 1
            else:
                s.misses.append(f"{name}: {g['country']} at {g['place']!r} ({g['status']})")
        for claims in found.values():
            right = any(matches((c, sp), claims) for c, sp, _ in gold_pairs.values())
            if not right and any(matches(gp, claims) for gp in optional_pairs):
                continue  # an optional claim found is neither right nor wrong
            s.found_pairs += 1
            if right:
                s.matched_found += 1
            else:
                c = claims[0]
                s.false_claims.append(f"{name}: {c.actor} at {c.place!r} ({c.status}) «{c.excerpt[:90]}»")
        for g, country, spot in required_pairs:
            same = [c for cs in found.values() if matches((country, spot), cs) for c in cs]
            if not same:
                continue
            s.status_total += 1
            right = [c for c in same if c.status == g["status"]]
            if right:
                s.status_right += 1
                s.claimant_total += 1
                s.claimant_right += any(_same_claimant(g.get("claimant"), c.claimant) for c in right)
            else:
                s.wrong_status.append(f"{name}: {g['country']} at {g['place']!r}: annotated {g['status']}, "
                                      f"extracted {sorted({c.status for c in same})}")
        return s


@dataclass(frozen=True)
class Spot:
    """Where an annotation puts a claim: a gazetteer entry, coordinates, or only a name."""

    text: str
    place_id: str | None
    lat: float | None
    lon: float | None
    precision: int
    radius_km: float | None

    @property
    def tolerance_km(self) -> float:
        if self.precision >= 2:
            return max(self.radius_km or 0.0, gz.NEAR_RADIUS_KM if self.precision == 2 else POINT_TOLERANCE_KM)
        return POINT_TOLERANCE_KM

    @property
    def key(self) -> tuple:
        return (self.place_id,) if self.place_id else ("name", gz.exact_key(self.text), self.lat, self.lon)


def _same_claimant(gold: str | None, got: str | None) -> bool:
    if not gold or not got:
        return not gold and not got
    return fuzz.token_set_ratio(gold.lower(), got.lower()) >= 80 or fuzz.partial_ratio(gold.lower(), got.lower()) >= 85


def evaluate(pairs: list[tuple[Path, Path | None]], evaluator: Evaluator | None = None,
             ) -> tuple[Score, dict[str, Score]]:
    """Score (report file, gold file or None for "no claim") pairs; return the total and each report's score."""
    evaluator = evaluator or Evaluator()
    total, each = Score(), {}
    for report_path, gold_path in pairs:
        report = reports.from_path(report_path)
        s = evaluator.score(report, read_gold(gold_path) if gold_path else [])
        each[report_path.name] = s
        total.add(s)
    return total, each


def annotated(report_dir: Path, gold_dir: Path) -> list[tuple[Path, Path | None]]:
    """Every report of ``report_dir`` with its gold file; a report without one has no claim."""
    out = []
    for report_path in sorted(report_dir.glob("*.txt")):
        gold_path = gold_dir / f"{report_path.stem}.jsonl"
        out.append((report_path, gold_path if gold_path.exists() else None))
    return out
