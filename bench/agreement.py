"""How far two annotators of the same reports agree, scored exactly as extraction is scored.

    .venv/bin/python bench/agreement.py REPORT_DIR GOLD_A GOLD_B

Annotator B's lines stand in for extracted claims and A's are the reference: the pair
precision, recall and F1 and the status agreement printed are what a perfect reader who
annotates like B would score against A. They bound what any extractor can be expected to
score against one annotator, since B is no less right than A. Lines B marks optional count
neither way, as A's do.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from footprint import gazetteer as gz  # noqa: E402
from footprint.claims import Extractor  # noqa: E402
from footprint.evaluation import OPTIONAL_NOTE, Evaluator, annotated, evaluate, read_gold  # noqa: E402


@dataclass
class _Line:
    """One of annotator B's lines, shaped as the harness reads an extracted claim."""

    actor: str
    country_code: str
    place: str
    place_id: str
    lat: float | None
    lon: float | None
    precision: int
    radius_km: float | None
    status: str
    claimant: str | None
    excerpt: str
    approximate: bool


@dataclass
class _Read:
    claims: list


class AnnotatorB:
    """Stands where the extractor stands: returns annotator B's required lines for each report."""

    def __init__(self, gold_dir: Path, gazetteer: gz.Gazetteer):
        self.gold_dir = gold_dir
        self.gazetteer = gazetteer
        self.evaluator: Evaluator | None = None

    def __call__(self, report) -> _Read:
        path = self.gold_dir / (Path(report.filename).stem + ".jsonl")
        lines = read_gold(path) if path.exists() else []
        out = []
        for g in lines:
            if OPTIONAL_NOTE in (g.get("note") or ""):
                continue
            spot = self.evaluator.gold_spot(g)
            known = spot.place_id is not None
            out.append(_Line(
                actor=g["country"], country_code=self.evaluator.country(g["country"]), place=g["place"],
                place_id=spot.place_id if known else "name:" + gz.exact_key(g["place"]),
                lat=spot.lat if spot.lat is not None else 0.0, lon=spot.lon if spot.lon is not None else 0.0,
                precision=spot.precision, radius_km=spot.radius_km, status=g["status"], claimant=g.get("claimant"),
                excerpt=g.get("excerpt", ""), approximate=not known,
            ))
        return _Read(out)


def main() -> None:
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    report_dir, gold_a, gold_b = map(Path, sys.argv[1:])
    b = AnnotatorB(gold_b, Extractor().gazetteer)
    evaluator = Evaluator(b)  # type: ignore[arg-type]
    b.evaluator = evaluator
    pairs = [(r, g) for r, g in annotated(report_dir, gold_a) if (gold_b / (r.stem + ".jsonl")).exists()]
    total, _ = evaluate(pairs, evaluator)
    print(f"{len(pairs)} reports annotated twice; B scored against A:")
    print(f"pairs: P {total.precision:.2f} R {total.recall:.2f} F1 {total.f1:.2f} "
          f"({total.matched_gold}/{total.gold_pairs} of A's found, {total.matched_found}/{total.found_pairs} of B's in A)")
    print(f"status agreement on shared pairs: {total.status_accuracy:.2f} ({total.status_right}/{total.status_total})")


if __name__ == "__main__":
    main()
