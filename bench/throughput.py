"""Print how fast the pipeline's pure parts run on the bundled sample reports.

    .venv/bin/python bench/throughput.py [--repeat N]

Figures, not pass/fail: gazetteer load time, geocoder look-ups a second, and
extraction throughput in reports and kilobytes a second on one core.
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from footprint import claims, gazetteer, reports  # noqa: E402
from footprint.geocoding import GazetteerGeocoder  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()

    t0 = time.perf_counter()
    gaz = gazetteer.Gazetteer.from_csv()
    load_s = time.perf_counter() - t0
    print(f"gazetteer: {len(gaz)} places loaded in {load_s * 1000:.0f} ms")

    geocoder = GazetteerGeocoder(gaz)
    names = ["Palmyra", "Tadmur", "al-Tanf", "Khmeimim air base", "northern Syria", "Syrian airspace",
             "Deir ez-Zor", "near Palmyra", "Qamishli", "nowhere-at-all"] * 2000
    t0 = time.perf_counter()
    for name in names:
        geocoder.geocode(name)
    geo_s = time.perf_counter() - t0
    print(f"geocode: {len(names) / geo_s:,.0f} look-ups/s ({len(names)} look-ups)")

    texts = [reports.from_path(p) for p in sorted((ROOT / "data" / "samples").glob("*.txt"))]
    extractor = claims.Extractor(gaz)
    size_kb = sum(len(r.text.encode()) for r in texts) / 1024
    t0 = time.perf_counter()
    n_claims = 0
    for _ in range(args.repeat):
        for r in texts:
            n_claims += len(extractor(r).claims)
    ext_s = time.perf_counter() - t0
    n = len(texts) * args.repeat
    print(f"extract: {n / ext_s:,.0f} reports/s, {size_kb * args.repeat / ext_s:,.0f} KB/s "
          f"({n} reports of {size_kb / len(texts):.1f} KB on average, {n_claims // args.repeat} claims a pass)")


if __name__ == "__main__":
    main()
