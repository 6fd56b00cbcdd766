"""The gazetteer: Syrian places (and the often-named places around Syria), and
finding them in text.

Rows live in ``data/gazetteer/*.csv`` (see that folder's README). Names are
compared in a normal form that survives transliteration: case, diacritics,
hyphens, apostrophes and Arabic articles (al-, el-, ad-, as-…) do not matter.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import GeocodeError

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "gazetteer"
COLUMNS = (
    "place_id", "name", "names", "kind", "country_code", "admin1",
    "lat", "lon", "precision", "radius_km", "population", "source",
)
#: Kinds that describe an area rather than a site; they need no capital letter in text.
AREA_KINDS = frozenset({"region", "zone", "airspace", "governorate", "country", "water"})
#: Uncertainty radius drawn for "near X" / "the X region" (precision 2), in km.
NEAR_RADIUS_KM = 25.0

# Arabic articles and English function words that never tell two places apart.
_SKIP = frozenset({"al", "el", "ad", "as", "ar", "at", "an", "ash", "az", "the", "of"})
_NEAR_AFTER = frozenset({
    "region", "area", "countryside", "outskirts", "vicinity", "environs",
    "surroundings", "suburbs", "district", "desert",
})
_NEAR_BEFORE = re.compile(
    r"(?:\bnear|\baround|\boutside|\bclose to|\boutskirts of|\bvicinity of|\bcountryside of"
    r"|\bsurroundings of|\bwest of|\beast of|\bnorth of|\bsouth of|\bkm from|\bkilometers from)"
    r"(?:\s+the)?\s*$",
    re.IGNORECASE,
)
_ARTICLE_BEFORE = re.compile(r"\b(?:[Aa]l|[Ee]l|[Aa][dnrstz]|[Aa]sh)-$")
_TOKEN = re.compile(r"[^\W_]+(?:['’ʿʾ`][^\W_]+)*", re.UNICODE)


@dataclass(frozen=True)
class Place:
    """One gazetteer row. ``lat``/``lon`` are WGS84 degrees."""

    place_id: str
    name: str
    names: tuple[str, ...]
    kind: str
    country_code: str
    admin1: str
    lat: float
    lon: float
    precision: int
    radius_km: float | None
    population: int | None
    source: str

    @property
    def in_syria(self) -> bool:
        return self.country_code == "SYR"

    def as_dict(self) -> dict:
        return {
            "place_id": self.place_id, "name": self.name, "kind": self.kind,
            "country_code": self.country_code, "admin1": self.admin1,
            "lat": self.lat, "lon": self.lon, "precision": self.precision,
            "radius_km": self.radius_km, "population": self.population,
            "source": self.source,
        }


@dataclass(frozen=True)
class PlaceMention:
    """A gazetteer place found in a text, with character offsets into it."""

    place: Place
    start: int
    end: int
    text: str
    precision: int


def fold(token: str) -> str:
    """Case- and accent-free form of one token; a possessive 's is dropped."""
    token = re.sub(r"['’]s$", "", token)
    token = unicodedata.normalize("NFKD", token.casefold())
    token = "".join(c for c in token if not unicodedata.combining(c))
    token = token.replace("ı", "i")
    return re.sub(r"['’ʿʾ`]", "", token)


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(folded token, start, end) for every word of ``text``."""
    return [(fold(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def name_key(name: str) -> str:
    """The normal form under which a name is indexed and looked up."""
    return " ".join(t for t, _, _ in tokens(name) if t not in _SKIP)


def _row_to_place(row: dict[str, str], path: Path, line: int) -> Place:
    try:
        names = tuple(n.strip() for n in row["names"].split("|") if n.strip())
        place = Place(
            place_id=row["place_id"].strip(),
            name=row["name"].strip(),
            names=names or (row["name"].strip(),),
            kind=row["kind"].strip(),
            country_code=row["country_code"].strip().upper(),
            admin1=(row.get("admin1") or "").strip(),
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            precision=int(row["precision"]),
            radius_km=float(row["radius_km"]) if row.get("radius_km") else None,
            population=int(float(row["population"])) if row.get("population") else None,
            source=(row.get("source") or "").strip(),
        )
    except (KeyError, TypeError, ValueError) as err:
        raise GeocodeError(f"{path.name} line {line}: unusable gazetteer row ({err})") from err
    if not (-90 <= place.lat <= 90 and -180 <= place.lon <= 180):
        raise GeocodeError(f"{path.name} line {line}: {place.name} has lat/lon out of range")
    if place.precision not in (1, 2, 3, 4):
        raise GeocodeError(f"{path.name} line {line}: precision must be 1 to 4")
    return place


def read_rows(paths: Iterable[Path]) -> Iterator[Place]:
    for path in paths:
        with open(path, newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = set(COLUMNS) - set(reader.fieldnames or ())
            if missing:
                raise GeocodeError(f"{path.name} lacks columns: {', '.join(sorted(missing))}")
            for line, row in enumerate(reader, start=2):
                yield _row_to_place(row, path, line)


class Gazetteer:
    """An in-memory index of places by the normal form of each of their names."""

    def __init__(self, places: Iterable[Place]):
        self.places: dict[str, Place] = {}
        self._by_key: dict[str, list[Place]] = {}
        for place in places:
            if place.place_id in self.places:
                raise GeocodeError(f"place_id {place.place_id} appears twice in the gazetteer")
            self.places[place.place_id] = place
            for name in {place.name, *place.names}:
                key = name_key(re.sub(r"\s*\(([^)]*)\)", r" \1", name))
                plain = name_key(re.sub(r"\s*\([^)]*\)", "", name))
                for k in {key, plain}:
                    if k:
                        bucket = self._by_key.setdefault(k, [])
                        if place not in bucket:
                            bucket.append(place)
        for bucket in self._by_key.values():
            bucket.sort(key=_rank)
        # longest name (in words) starting with each word: most words start none
        self._longest: dict[str, int] = {}
        for k in self._by_key:
            first, n = k.split(" ", 1)[0], k.count(" ") + 1
            self._longest[first] = max(self._longest.get(first, 0), n)

    @classmethod
    def from_csv(cls, paths: Iterable[Path] | None = None) -> "Gazetteer":
        paths = sorted(DATA_DIR.glob("*.csv")) if paths is None else list(paths)
        if not paths:
            raise GeocodeError(f"no gazetteer files (*.csv) in {DATA_DIR}")
        return cls(read_rows(paths))

    def __len__(self) -> int:
        return len(self.places)

    def candidates(self, name: str) -> list[Place]:
        """Places with exactly this name (in normal form), best first."""
        return list(self._by_key.get(name_key(name), ()))

    def keys(self) -> Iterable[str]:
        return self._by_key.keys()

    def find(self, text: str) -> list[PlaceMention]:
        """Every gazetteer place named in ``text``, longest name first, left to right.

        A site's name must start with a capital letter or a digit, so that
        common words do not become places; areas ("northern Syria", "the buffer
        zone") need not. "near X", "the X region" widen precision to 2.
        """
        toks = [t for t in tokens(text)]
        words = [(t, s, e) for t, s, e in toks if t not in _SKIP]
        found: list[PlaceMention] = []
        i = 0
        while i < len(words):
            match = None
            longest = self._longest.get(words[i][0], 0)
            for n in range(min(longest, len(words) - i), 0, -1):
                key = " ".join(w for w, _, _ in words[i : i + n])
                bucket = self._by_key.get(key)
                if not bucket:
                    continue
                start, end = words[i][1], words[i + n - 1][2]
                place = bucket[0]
                if place.kind not in AREA_KINDS and not (text[start].isupper() or text[start].isdigit()):
                    continue
                match = (place, start, end, n)
                break
            if match is None:
                i += 1
                continue
            place, start, end, n = match
            article = _ARTICLE_BEFORE.search(text, max(0, start - 5), start)
            if article:
                start = article.start()  # keep "Al-" in "Al-Tanf" as written
            precision = place.precision
            nxt = i + n
            if nxt < len(words) and words[nxt][0] in _NEAR_AFTER and place.precision <= 2:
                end = words[nxt][2]
                precision = max(precision, 2)
                n += 1
            if place.precision == 1 and _NEAR_BEFORE.search(text[max(0, start - 30) : start]):
                precision = 2
            found.append(PlaceMention(place, start, end, text[start:end], precision))
            i += n
        return found


def _rank(place: Place) -> tuple:
    """Order among places sharing a name: Syria first, then hand-curated rows, then size."""
    return (
        place.country_code != "SYR",
        place.place_id.startswith("gn-"),
        -(place.population or 0),
        place.precision,
    )


@lru_cache(maxsize=4)
def load(directory: str | None = None) -> Gazetteer:
    """The gazetteer from a folder of CSV files (cached: it is read once per process)."""
    folder = Path(directory) if directory else DATA_DIR
    return Gazetteer.from_csv(sorted(folder.glob("*.csv")))
