"""The map at scale: generate stores of 1,000 and 10,000 claims and print what the map costs.

    .venv/bin/python bench/map_scale.py [--sizes 1000 10000] [--keep DIR]

A generated store has N claims over N/10 places (real Syrian places of the gazetteer) and N/2
reports (distinct made-up texts of a few sentences, dates through 2025, eight actors, every
status). For each size it prints, server side: reading the claims and building the features,
drawing the map (Folium, rendered to HTML) and its size, the GeoJSON snapshot, and the process's
peak memory; and the same for the naive map, one ``folium.Marker`` per claim, as ratios. Browser
timings (first marker painted, a filter back on screen) are not measured here yet.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import folium  # noqa: E402

from footprint import actors, maps, snapshot, store  # noqa: E402
from footprint import features as feat  # noqa: E402
from footprint import gazetteer as gz  # noqa: E402
from footprint.claims import Claim, Extraction  # noqa: E402
from footprint.cues import STATUSES  # noqa: E402
from footprint.reports import Report  # noqa: E402

ACTORS = ["Turkey", "Israel", "Russia", "Iran", "United States", "Hezbollah", "Jordan", "Iraqi militias"]
WORDS = ("convoy patrol checkpoint base airfield village road crossing outpost drones strike troops forces "
         "withdrawal reinforcements officials residents sources monitor agency ministry statement").split()


def generate(path: Path, n_claims: int, seed: int = 20261201) -> str:
    """A SQLite store at ``path`` with ``n_claims`` claims; returns its URL."""
    rng = random.Random(seed)
    g = gz.load()
    pool = [p for p in g.places.values() if p.in_syria and p.precision == 1]
    places = rng.sample(pool, max(1, n_claims // 10))
    lexicon = actors.load()
    url = f"sqlite:///{path}"
    engine = store.connect(url)
    per_report = 2
    for r in range(n_claims // per_report):
        day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        sentences = [f"Report {r}: " + " ".join(rng.choice(WORDS) for _ in range(18)) + "." for _ in range(per_report)]
        text = " ".join(sentences)
        claims, at = [], 0
        for s in sentences:
            place, actor = rng.choice(places), rng.choice(ACTORS)
            a = lexicon.actors.get(actor)
            claims.append(Claim(actor=actor, country_code=a.country_code if a else "XXX", force=None,
                                status=rng.choice(STATUSES), claimant=rng.choice([None, "SANA", "SOHR", "local sources"]),
                                place=place.name, place_id=place.place_id, place_name=place.name, lat=place.lat,
                                lon=place.lon, precision=1, excerpt=s, start=at, end=at + len(s), date=day))
            at += len(s) + 1
        report = Report(text=text, title=f"Generated report {r}", source=f"Outlet {r % 40}",
                        url=f"https://example.org/generated/{r}", published=__import__("datetime").date.fromisoformat(day))
        store.ingest(engine, report, Extraction(claims, []))
    engine.dispose()
    return url


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def naive_map(claims) -> folium.Map:
    m = maps.base_map()
    for c in claims:
        folium.Marker(location=(c.claim.lat, c.claim.lon), tooltip=maps.js_safe(f"{c.claim.actor} {c.claim.status}"),
                      popup=folium.Popup(maps.js_safe(c.claim.excerpt), max_width=280)).add_to(m)
    return m


def measure(url: str, n: int) -> dict:
    engine = store.connect(url)
    claims, t_read = timed(lambda: store.claims(engine))
    features, t_feat = timed(lambda: feat.claim_features(claims))
    colors = {name: actors.load().color(name) for name, _ in feat.layers(features)}
    html, t_map = timed(lambda: maps.build(features, colors).get_root().render())
    sel = feat.Selection(frozenset(colors))
    snap, t_snap = timed(lambda: snapshot.dumps(snapshot.snapshot(features, sel)))
    naive, t_naive = timed(lambda: naive_map(claims).get_root().render())
    return {"claims": len(claims), "features": len(features), "read": t_read, "features_s": t_feat,
            "map_s": t_map, "map_bytes": len(html.encode()), "snapshot_s": t_snap, "snapshot_bytes": len(snap.encode()),
            "naive_s": t_naive, "naive_bytes": len(naive.encode()),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--keep", type=Path, help="keep the generated stores in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="footprint-scale-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for n in args.sizes:
            path = folder / f"generated-{n}.db"
            path.unlink(missing_ok=True)
            url, t_gen = timed(lambda: generate(path, n))
            r = measure(url, n)
            print(f"{n:,} claims over {n // 10:,} places and {n // 2:,} reports (generated in {t_gen:.1f} s; "
                  f"{r['features']:,} map features)")
            build = r["read"] + r["features_s"] + r["map_s"]
            print(f"  page build (read {r['read']:.2f} s + features {r['features_s']:.2f} s + map {r['map_s']:.2f} s)"
                  f" = {build:.2f} s   [target < 1 s]")
            print(f"  map HTML {r['map_bytes'] / 2**20:.2f} MB   [target < 1 MB]; "
                  f"naive one-marker-per-claim map: {r['naive_s']:.2f} s, {r['naive_bytes'] / 2**20:.2f} MB "
                  f"(ours takes {r['map_s'] / r['naive_s']:.2f}x its time, {r['map_bytes'] / r['naive_bytes']:.2f}x "
                  f"its bytes)")
            print(f"  snapshot {r['snapshot_s']:.2f} s, {r['snapshot_bytes'] / 2**20:.2f} MB   [target < 1 s]; "
                  f"peak memory of this process so far {r['peak_mb']:.0f} MB   [target < 500 MB]")


if __name__ == "__main__":
    main()
