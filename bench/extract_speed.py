"""Extraction speed on ~5 KB reports, and recall of annotated Syrian places, against geotext.

    .venv/bin/python bench/extract_speed.py [--seconds S]

Reports of about 5 KB are made by joining the bundled samples (and the
development set when present). Speed is reports a second on one core for
Footprint's whole extraction and for geotext (which only finds city and
country names with GeoNames data). Recall: of the places annotated in the gold
files, the share each finds (Footprint: any place it names; geotext: a city
it names that Footprint's gazetteer puts within the annotation's tolerance).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from footprint import reports  # noqa: E402
from footprint.claims import Extractor  # noqa: E402
from footprint.evaluation import Evaluator, annotated, read_gold  # noqa: E402

SETS = [(ROOT / "data" / "samples", ROOT / "tests" / "data" / "gold"),
        (ROOT / "bench" / "devset", ROOT / "bench" / "devset" / "gold")]
TARGET_BYTES = 5_000


def five_kb_reports(texts: list[str]) -> list[reports.Report]:
    """Paragraphs of the given reports, in order, cut into reports of just over 5 KB."""
    out, chunk, size = [], [], 0
    for para in (p for text in texts * 3 for p in text.split("\n\n")):
        chunk.append(para)
        size += len(para.encode()) + 2
        if size >= TARGET_BYTES:
            out.append(reports.Report(text="\n\n".join(chunk), title="bench", published=None))
            chunk, size = [], 0
    return out


def rate(fn, items, seconds: float, rounds: int = 5) -> float:
    """Items a second: the median of ``rounds`` timed runs of ``seconds`` / ``rounds`` each."""
    rates = []
    for _ in range(rounds):
        n, t0 = 0, time.perf_counter()
        while time.perf_counter() - t0 < seconds / rounds:
            for item in items:
                fn(item)
            n += len(items)
        rates.append(n / (time.perf_counter() - t0))
    return statistics.median(rates)


def main() -> None:
    from geotext import GeoText

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="time to run each extractor (median of 5 runs)")
    args = parser.parse_args()
    pairs = [p for rd, gd in SETS if rd.is_dir() for p in annotated(rd, gd)]
    loaded = [(reports.from_path(r), read_gold(g) if g else []) for r, g in pairs]
    batch = five_kb_reports([r.text for r, _ in loaded])
    extractor = Extractor()
    size = sum(len(r.text.encode()) for r in batch) / len(batch)
    ours = rate(extractor, batch, args.seconds)
    theirs = rate(lambda r: GeoText(r.text), batch, args.seconds)
    print(f"{len(batch)} reports of {size / 1000:.1f} KB on average")
    print(f"speed: Footprint {ours:,.0f} reports/s, geotext {theirs:,.0f} reports/s "
          f"(Footprint takes {theirs / ours:.1f}x geotext's time, doing claims as well as places)")

    evaluator = Evaluator(extractor)
    places = extractor.gazetteer.places
    total = found_ours = found_theirs = 0
    for report, gold in loaded:
        named = {p.place_id for p in extractor(report).places} | {c.place_id for c in extractor(report).claims}
        cities = [evaluator.place_id(c) for c in GeoText(report.text).cities]
        for g in {(g["place"]) for g in gold}:
            gold_id = evaluator.place_id(g)
            if gold_id is None:
                continue
            total += 1
            spot = evaluator.gold_spot({"place": g})
            found_ours += any(evaluator.same_place(spot, places[p]) for p in named if p in places)
            found_theirs += any(p and evaluator.same_place(spot, places[p]) for p in cities)
    print(f"recall of annotated places ({total}): Footprint {found_ours / total:.0%}, "
          f"geotext {found_theirs / total:.0%} (ratio {found_ours / max(found_theirs, 1):.1f}x)")


if __name__ == "__main__":
    main()
