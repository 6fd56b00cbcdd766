"""Derive ``wof_syria.csv`` and ``outlines.geojson`` from the Who's On First extract.

    .venv/bin/python data/gazetteer/derive_wof.py [SOURCE_DIR]

SOURCE_DIR (default ``../shared/data/gazetteer`` beside the project) holds
``wof_syria_places.csv`` and ``wof_syria_admin.geojson``, themselves derived from
``whosonfirst-data/whosonfirst-data-admin-sy`` at commit 2db0f03b9f9d (2024-03-05).
Who's On First's own work is CC0; its fields taken from GeoNames are CC BY 4.0.

What this does to the rows:

- localities become ``village``/``town``/``city`` rows (``wof-<id>``) at precision 1.
  A village name is only a place where the text uses it as one, so every locality
  of fewer than ``UNFRAMED_POPULATION`` people is marked ``frame=required``:
  the matcher then wants "in/at/near/into X", "the village of X", "X hill" or
  the place's governorate close by (see ``footprint.gazetteer``);
- spellings that are English words ("Sham", "Tal", "Harem"), actor words ("Turkman")
  or the names of big cities abroad ("Benghazi") are dropped, so that ordinary prose
  finds no hamlet in them;
- districts become ``district`` rows at precision 3 named "<name> district", with the
  radius of a circle of the outline's area; governorates and the UNDOF area of
  separation lend their outlines to the curated rows of ``sites.csv``;
- GeoNames' governorate spellings are mapped to the ones reporting uses (Dar`a ->
  Daraa, Days Az Zawr -> Deir ez-Zor).

The English word lists come from the PyPI package ``english-words`` (web2 and GCIDE),
needed only here, not by the app.
"""

from __future__ import annotations

import csv
import json
import math
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from footprint import gazetteer as gz  # noqa: E402  (the matcher's own normal form of names)
SOURCE = ROOT.parent / "shared" / "data" / "gazetteer"
COMMIT = "2db0f03b9f9d"
UNFRAMED_POPULATION = 15_000
#: Shorter names ("Sus", "Ras") are too often an abbreviation or a word's fragment.
MIN_LETTERS = 4
GOVERNORATES = {  # WOF (GeoNames) spelling -> (admin1 as sites.csv writes it, curated row)
    "Aleppo": ("Aleppo", "syr-aleppo-governorate"),
    "Hasaka (Al Haksa)": ("Hasakah", "syr-hasakah-governorate"),
    "Lattakia": ("Latakia", "syr-latakia-governorate"),
    "Idlib": ("Idlib", "syr-idlib-governorate"),
    "Homs (Hims)": ("Homs", "syr-homs-governorate"),
    "Hamah": ("Hama", "syr-hama-governorate"),
    "Tartus": ("Tartus", "syr-tartus-governorate"),
    "Rif Dimashq": ("Rif Dimashq", "syr-rif-dimashq-governorate"),
    "Ar Raqqah": ("Raqqa", "syr-raqqa-governorate"),
    "Days Az Zawr": ("Deir ez-Zor", "syr-deir-ez-zor-governorate"),
    "Dar`a": ("Daraa", "syr-daraa-governorate"),
    "Quneitra": ("Quneitra", "syr-quneitra-governorate"),
    "As Suwayda'": ("As-Suwayda", "syr-as-suwayda-governorate"),
    "Damascus": ("Damascus", "syr-damascus-governorate"),
}
UNDOF = ("United Nations Disengagement Observer Force", "syr-golan-buffer-zone")
LATIN = re.compile(r"[A-Za-z' `-]+")
ARABIC = re.compile(r"[\u0600-\u06ff]")
ARABIC_DISTRICT = re.compile(r"^منطق[ةه] ")  # "district of": a bare Arabic name is the town
#: District names in other languages' words ("Distretto di Afrin", "Afrin Koān", "Afrin İlçesi").
FOREIGN_DISTRICT = re.compile(r"istr|Destr|Ko.n|lçe|Markaz", re.I)
COLUMNS = ("place_id", "name", "names", "kind", "country_code", "admin1", "lat", "lon",
           "precision", "radius_km", "population", "source", "frame")


def source_note(wof_id: str) -> str:
    return f"Who's On First {wof_id} (CC0; GeoNames-derived fields CC BY 4.0) whosonfirst-data-admin-sy@{COMMIT}"


#: Peoples and faiths that reporting names as adjectives ("Kurdish-led", "Druze fighters"),
#: which the English word lists spell with a capital and so do not hold.
PEOPLES = ("Kurd", "Kurds", "Kurdish", "Arab", "Arabs", "Arabic", "Syrian", "Syrians", "Druze", "Alawite",
           "Alawites", "Sunni", "Shia", "Shiite", "Christian", "Christians", "Armenian", "Assyrian", "Circassian",
           "Bedouin", "Bedouins", "Yazidi", "Ismaili", "Turkmen", "Turkoman", "Muslim", "Islamic", "Islam")


def english_words() -> frozenset[str]:
    """English words, in the index form the matcher compares ("kurdish" -> "kurdis"): those both
    word lists hold, since web2 alone has many transliterated Arabic words (hammam, madrasah)."""
    from english_words import get_english_words_set

    both = get_english_words_set(["web2"], lower=True, alpha=True) & get_english_words_set(
        ["gcide"], lower=True, alpha=True)
    return frozenset(gz.name_key(w) for w in both)


def actor_words() -> frozenset[str]:
    """Actor names, demonyms and forces, and the peoples of Syria, in the matcher's normal form."""
    lexicon = json.loads((ROOT / "data" / "actors.json").read_text(encoding="utf-8"))
    words = {gz.name_key(w) for w in PEOPLES}
    for actor in lexicon["actors"]:
        for key in ("names", "demonyms", "metonyms", "forces"):
            words.update(gz.name_key(w) for w in actor.get(key, ()))
    return frozenset(words)


def foreign_cities() -> frozenset[str]:
    """Names of the world's big cities outside Syria (``abroad_cities.txt``, from GeoNames), in
    the matcher's normal form: a hamlet does not take Benghazi's name."""
    return gz.abroad_names()


def usable(name: str, common: frozenset[str], actors: frozenset[str]) -> bool:
    """A spelling worth indexing: in Arabic script any name; in Latin script four letters or more
    once articles are gone, and not, in the matcher's normal form, an English word or an actor's name."""
    key = gz.name_key(name)
    if ARABIC.search(name):
        return len(key) >= 2  # Arabic script never meets English prose
    if len(key.replace(" ", "")) < MIN_LETTERS or key in actors:
        return False
    return " " in key or key not in common


def distinct(names: list[str]) -> list[str]:
    """The first of each group of spellings the matcher cannot tell apart ("Şamdānīyah",
    "Samdaniyah"): the others would only make the gazetteer slower to load."""
    seen, out = set(), []
    for name in names:
        key = gz.exact_key(name)
        if key and key not in seen:
            seen.add(key)
            out.append(name)
    return out


def kind_of(row: dict) -> tuple[str, int | None]:
    placetype = row["placetype"]
    population = int(row["population"]) if row["population"] else None
    if placetype == "neighbourhood":
        return "neighbourhood", population
    if placetype == "campus":
        return "airbase", population
    if (population or 0) >= 100_000:
        return "city", population
    if (population or 0) >= 10_000 or placetype.endswith(("PPLA2", "PPLA3")):
        return "town", population
    return "village", population


def area_km2(geometry: dict) -> float:
    """Area of a (Multi)Polygon in km², on a local equirectangular projection (plenty for a radius)."""
    import shapely
    from shapely.geometry import shape

    geom = shape(geometry)
    lat0 = math.radians(geom.centroid.y)
    scale = [111.32 * math.cos(lat0), 110.57]
    return shapely.transform(geom, lambda coords: coords * scale).area


def derive(source: Path) -> tuple[list[dict], dict]:
    common, actors = english_words() | foreign_cities(), actor_words()
    admin = json.loads((source / "wof_syria_admin.geojson").read_text(encoding="utf-8"))
    radius, outlines = {}, []
    for feature in admin["features"]:
        p = feature["properties"]
        wof_id, name = str(p["wof_id"]), p["name"]
        if p["placetype"] == "region":
            place_id = UNDOF[1] if name == UNDOF[0] else GOVERNORATES[name][1]
        else:
            place_id = f"wof-{wof_id}"
            radius[wof_id] = round(math.sqrt(area_km2(feature["geometry"]) / math.pi), 1)
        outlines.append({"type": "Feature", "geometry": feature["geometry"],
                         "properties": {"place_id": place_id, "name": name, "source": source_note(wof_id)}})
    rows = []
    with open(source / "wof_syria_places.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            placetype = row["placetype"]
            if placetype == "region":
                continue  # governorates and the UNDOF area are curated rows; they take the outlines
            admin1 = GOVERNORATES[row["governorate"]][0] if row["governorate"] else ""
            display = row["name"].replace("`", "'")
            spellings = [row["name"], *row["latin_names"].split("|"), *row["arabic_names"].split("|")]
            spellings = list(dict.fromkeys(s.strip() for s in spellings if s.strip()))
            if placetype == "county":
                latin = [s for s in spellings if LATIN.fullmatch(s) and not FOREIGN_DISTRICT.search(s)]
                names = [f"{s} district" for s in latin] + [s for s in spellings if ARABIC_DISTRICT.search(s)]
                rows.append({"place_id": f"wof-{row['wof_id']}", "name": f"{display} district",
                             "names": "|".join(names), "kind": "district", "country_code": "SYR",
                             "admin1": admin1, "lat": row["lat"], "lon": row["lon"], "precision": 3,
                             "radius_km": radius[row["wof_id"]], "population": row["population"],
                             "source": source_note(row["wof_id"]), "frame": ""})
                continue
            names = distinct([s for s in spellings if usable(s, common, actors)])
            if not names:
                continue
            kind, population = kind_of(row)
            # a framed row is indexed under its names only, so a hamlet displayed as "Kurdis" is not "Kurdish"
            framed = kind != "airbase" and ((population or 0) < UNFRAMED_POPULATION or display not in names)
            rows.append({"place_id": f"wof-{row['wof_id']}", "name": display, "names": "|".join(names),
                         "kind": kind, "country_code": "SYR", "admin1": admin1,
                         "lat": row["lat"], "lon": row["lon"], "precision": 1, "radius_km": "",
                         "population": population or "", "source": source_note(row["wof_id"]),
                         "frame": "required" if framed else ""})
    collection = {"type": "FeatureCollection",
                  "attribution": "Data from Who's On First (https://whosonfirst.org/docs/licenses/), CC0; "
                                 "GeoNames-derived fields CC BY 4.0",
                  "features": outlines}
    return rows, collection


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    rows, outlines = derive(source)
    with open(HERE / "wof_syria.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    (HERE / "outlines.geojson").write_text(json.dumps(outlines, ensure_ascii=False, separators=(",", ":")),
                                           encoding="utf-8")
    print(f"wrote {len(rows)} places and {len(outlines['features'])} outlines")


if __name__ == "__main__":
    main()
