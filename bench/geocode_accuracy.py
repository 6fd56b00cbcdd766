"""How right and how fast the offline geocoder is.

    .venv/bin/python bench/geocode_accuracy.py [LIST.csv ...] [--misses]

Each list is a CSV with ``query,lat,lon,tolerance_km,kind,expect_in_syria,source``
(``bench/data/geocode_eval.csv`` by default: Syrian names as reporting spells
them, written from public sources independently of the gazetteer). An answer
is right when it lies within the row's tolerance and is in Syria exactly when
the row expects it. Prints accuracy overall and by kind, the gazetteer load
time, look-ups a second (first look-up of each name, and repeated), and the
ratio against geopy's Nominatim client asking a Nominatim-like server on
127.0.0.1 (the best a networked geocoder could do: no network, instant answers).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import threading
import statistics
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from geopy.distance import geodesic

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from footprint import gazetteer  # noqa: E402
from footprint.geocoding import GazetteerGeocoder  # noqa: E402

DEFAULT_LIST = ROOT / "bench" / "data" / "geocode_eval.csv"


def judge(geocoder, row) -> tuple[bool, str]:
    location = geocoder.geocode(row["query"])
    want_syria = row["expect_in_syria"].strip().lower() == "yes"
    if location is None:
        return False, "not found"
    raw = location.raw
    in_syria = raw["country_code"] == "SYR"
    km = geodesic((float(row["lat"]), float(row["lon"])), (raw["lat"], raw["lon"])).km
    if in_syria != want_syria:
        return False, f"{raw['name']} ({raw['country_code']}) is {'in' if in_syria else 'outside'} Syria"
    if km > float(row["tolerance_km"]):
        return False, f"{raw['name']} is {km:.0f} km off (tolerance {row['tolerance_km']})"
    return True, ""


class _Nominatim(BaseHTTPRequestHandler):
    """Answers /search like Nominatim, instantly, with one fixed result."""

    body = json.dumps([{"place_id": 1, "lat": "34.5624", "lon": "38.2840", "display_name": "Palmyra, Syria",
                        "class": "place", "type": "city", "importance": 0.6,
                        "boundingbox": ["34.5", "34.6", "38.2", "38.3"]}]).encode()

    def do_GET(self):  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


def nominatim_rate(queries: list[str]) -> float:
    from geopy.geocoders import Nominatim

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Nominatim)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        client = Nominatim(domain=f"127.0.0.1:{server.server_port}", scheme="http",
                           user_agent="footprint-bench", timeout=5)
        t0 = time.perf_counter()
        for q in queries:
            client.geocode(q)
        return len(queries) / (time.perf_counter() - t0)
    finally:
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lists", nargs="*", type=Path, default=[DEFAULT_LIST])
    parser.add_argument("--misses", action="store_true", help="list every wrong answer")
    args = parser.parse_args()

    t0 = time.perf_counter()
    gaz = gazetteer.Gazetteer.from_csv()
    print(f"gazetteer: {len(gaz)} places loaded in {(time.perf_counter() - t0) * 1000:.0f} ms")

    for path in args.lists:
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        geocoder = GazetteerGeocoder(gaz)
        right, by_kind, total_kind, misses = 0, Counter(), Counter(), []
        for row in rows:
            ok, why = judge(geocoder, row)
            right += ok
            total_kind[row["kind"]] += 1
            by_kind[row["kind"]] += ok
            if not ok:
                misses.append(f"  {row['query']!r} ({row['kind']}): {why}")
        print(f"{path.name}: {right}/{len(rows)} right = {right / len(rows):.1%}")
        print("  by kind: " + ", ".join(f"{k} {by_kind[k]}/{n}" for k, n in total_kind.most_common()))
        if args.misses and misses:
            print("\n".join(misses))

        queries = [r["query"] for r in rows]
        cold_times = []
        for _ in range(5):  # a fresh geocoder each pass, so every name is seen for the first time
            cold = GazetteerGeocoder(gaz)
            t0 = time.perf_counter()
            for q in queries:
                cold.geocode(q)
            cold_times.append(time.perf_counter() - t0)
        cold_rate = len(queries) / statistics.median(cold_times)
        repeats = max(1, 50_000 // len(queries))
        t0 = time.perf_counter()
        for _ in range(repeats):
            for q in queries:
                cold.geocode(q)
        warm_rate = repeats * len(queries) / (time.perf_counter() - t0)
        remote = nominatim_rate(queries[:300])
        print(f"  speed: {cold_rate:,.0f} look-ups/s on first sight, {warm_rate:,.0f}/s repeated; "
              f"geopy Nominatim against a local server: {remote:,.0f}/s "
              f"(offline is {cold_rate / remote:,.0f}x faster first time, {warm_rate / remote:,.0f}x repeated)")


if __name__ == "__main__":
    main()
