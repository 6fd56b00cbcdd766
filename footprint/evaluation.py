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
        for name in ("gold_pairs", "found_pairs", "matched_gold", "matched_found", "status_total",
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

    def place_id(self, phrase: str) -> str | None:
        if phrase in DESCRIBED:
            return DESCRIBED[phrase]
        location = self.geocoder.geocode(phrase)
        return location.raw["place_id"] if location else None

    def same_place(self, gold_id: str | None, got_id: str) -> bool:
        if gold_id is None:
            return False
        if gold_id == got_id:
            return True
        places = self.extractor.gazetteer.places
        a, b = places.get(gold_id), places.get(got_id)
        if a is None or b is None:
            return False
        tolerance = a.radius_km if a.precision >= 2 and a.radius_km else POINT_TOLERANCE_KM
        return geodesic((a.lat, a.lon), (b.lat, b.lon)).km <= tolerance and b.precision <= max(a.precision, 2)

    def score(self, report: reports.Report, gold: list[dict]) -> Score:
        """Score one report's extraction against its annotations."""
        got: list[Claim] = self.extractor(report).claims
        name = report.filename or report.title
        s = Score()
        required = [g for g in gold if OPTIONAL_NOTE not in g.get("note", "")]
        optional = [g for g in gold if OPTIONAL_NOTE in g.get("note", "")]
        gold_pairs = {(self.country(g["country"]), self.place_id(g["place"])): g for g in required}
        optional_pairs = {(self.country(g["country"]), self.place_id(g["place"])) for g in optional}
        found: dict[tuple, list[Claim]] = defaultdict(list)
        for c in got:
            found[(c.country_code, c.place_id)].append(c)

        def matches(pair, other):
            return pair[0] == other[0] and self.same_place(pair[1], other[1])

        s.gold_pairs, s.found_pairs = len(gold_pairs), 0
        for pair, g in gold_pairs.items():
            if any(matches(pair, f) for f in found):
                s.matched_gold += 1
            else:
                s.misses.append(f"{name}: {g['country']} at {g['place']!r} ({g['status']})")
        for pair, claims in found.items():
            if any(matches(gp, pair) for gp in optional_pairs) and not any(matches(gp, pair) for gp in gold_pairs):
                continue  # an optional claim found is neither right nor wrong
            s.found_pairs += 1
            if any(matches(gp, pair) for gp in gold_pairs):
                s.matched_found += 1
            else:
                c = claims[0]
                s.false_claims.append(f"{name}: {c.actor} at {c.place!r} ({c.status}) «{c.excerpt[:90]}»")
        for g in required:
            pair = (self.country(g["country"]), self.place_id(g["place"]))
            same = [c for f, cs in found.items() if matches(pair, f) for c in cs]
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
