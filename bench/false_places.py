"""What the whole gazetteer adds to the places found in the development set, and what it takes away.

    .venv/bin/python bench/false_places.py [REPORT_DIR ...]

Runs the gazetteer's place finder over every report twice: with the curated and GeoNames
rows only (the gazetteer before Who's On First), then with every file. Prints each place
that one finds and the other does not, so that a person can judge whether ten thousand
village names brought false places in. Default: the development set (the bundled samples and
bench/devset).
"""

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from footprint import gazetteer as gz  # noqa: E402
from footprint import reports  # noqa: E402
from footprint.sentences import sentences  # noqa: E402

DEFAULT_DIRS = [ROOT / "data" / "samples", ROOT / "bench" / "devset"]


def mentions(gazetteer: gz.Gazetteer, text: str) -> set[tuple[int, str, str]]:
    out = set()
    for start, end in sentences(text):
        for m in gazetteer.find(text[start:end]):
            out.add((start + m.start, m.text, m.place.place_id))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path, default=DEFAULT_DIRS)
    args = parser.parse_args()
    files = sorted(gz.DATA_DIR.glob("*.csv"))
    before = gz.Gazetteer.from_csv([f for f in files if f.name != "wof_syria.csv"])
    after = gz.Gazetteer.from_csv(files)
    print(f"gazetteer: {len(before)} places before, {len(after)} with Who's On First")
    added = removed = changed = total = 0
    for folder in args.dirs:
        for path in sorted(folder.glob("*.txt")):
            text = reports.from_path(path).text
            old, new = mentions(before, text), mentions(after, text)
            total += len(new)
            old_at = {(s, t): p for s, t, p in old}
            new_at = {(s, t): p for s, t, p in new}
            for (s, t), p in sorted(new_at.items()):
                if (s, t) not in old_at:
                    added += 1
                    print(f"  + {path.name}: {t!r} -> {after.places[p].name} ({p})")
                elif old_at[(s, t)] != p:
                    changed += 1
                    print(f"  ~ {path.name}: {t!r} -> {after.places[p].name} ({p}), was {old_at[(s, t)]}")
            for (s, t), p in sorted(old_at.items()):
                if (s, t) not in new_at:
                    removed += 1
                    print(f"  - {path.name}: {t!r} ({p}) no longer found")
    print(f"{total} place mentions with the whole gazetteer: {added} new, {changed} read as another place, "
          f"{removed} lost")


if __name__ == "__main__":
    main()
