"""Generated stores for measuring the map at scale: N claims over N/10 real Syrian places and N/2
made-up reports (two claims each, dates through 2025, eight actors, every status; half the claims
pile up on a few places, as real reporting does).

    .venv/bin/python bench/generate.py 10000 /tmp/generated-10000.db

Used by ``bench/map_scale.py`` and by the browser test of a crowded map.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from footprint import actors, store  # noqa: E402
from footprint import gazetteer as gz  # noqa: E402
from footprint.claims import Claim, Extraction  # noqa: E402
from footprint.corrections import FINGERPRINT_KEY, fingerprint  # noqa: E402
from footprint.corrections import target as extraction_target  # noqa: E402
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
    # Reporting piles up on a few places (Tartus, Palmyra, Khmeimim...): half the claims fall on a
    # place drawn by Zipf's law, half on any place, so that nearly every place has some.
    weights = [1 / (rank + 1) for rank in range(len(places))]
    lexicon = actors.load()
    url = f"sqlite:///{path}"
    engine = store.connect(url)
    # stamped as read by today's extractor, so that the app does not read the made-up texts again
    store.set_meta(engine, FINGERPRINT_KEY, fingerprint())
    goal = extraction_target(engine)
    per_report = 2
    for r in range(n_claims // per_report):
        day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        sentences = [f"Report {r}: " + " ".join(rng.choice(WORDS) for _ in range(18)) + "." for _ in range(per_report)]
        text = " ".join(sentences)
        claims, at = [], 0
        for s in sentences:
            place = rng.choices(places, weights)[0] if rng.random() < 0.5 else rng.choice(places)
            actor = rng.choice(ACTORS)
            a = lexicon.actors.get(actor)
            claims.append(Claim(actor=actor, country_code=a.country_code if a else "XXX", force=None,
                                status=rng.choice(STATUSES), claimant=rng.choice([None, "SANA", "SOHR", "local sources"]),
                                place=place.name, place_id=place.place_id, place_name=place.name, lat=place.lat,
                                lon=place.lon, precision=1, excerpt=s, start=at, end=at + len(s), date=day))
            at += len(s) + 1
        report = Report(text=text, title=f"Generated report {r}", source=f"Outlet {r % 40}",
                        url=f"https://example.org/generated/{r}", published=dt.date.fromisoformat(day))
        store.ingest(engine, report, Extraction(claims, []), who="bench/generate.py", extracted_with=goal)
    engine.dispose()
    return url


if __name__ == "__main__":
    n, target = int(sys.argv[1]), Path(sys.argv[2])
    target.unlink(missing_ok=True)
    print(generate(target, n))
