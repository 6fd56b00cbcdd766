"""Geocoding: the gazetteer as a geopy geocoder.

``GazetteerGeocoder`` answers like any geopy geocoder: ``None`` when a name is
not known, a ``geopy.location.Location`` (or a list of them, best first)
otherwise, with the gazetteer row in ``raw`` plus how it matched:

* ``match``: ``exact`` (the name as the gazetteer lists it), ``spelling`` (the
  same name in another transliteration), ``generic`` (after dropping words
  such as "airbase" or "province"), or ``fuzzy`` (close in spelling);
* ``score``: 0–100, how sure the match is;
* ``runners_up``: the other candidates' place ids, best first.

Among candidates a Syrian place beats a namesake abroad (Palmyra, Syria over
Palmyra, New York); within Syria one in the governorates of the report's
other places (``context``), then the larger place, wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from geopy.exc import GeocoderQueryError
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from . import gazetteer as gz

MAX_QUERY_CHARS = 200
# Words that say what kind of place a name is, not which: dropped when the full name is unknown.
_GENERIC_TAIL = re.compile(
    r"\s+(?:military\s+airport|international\s+airport|air\s*base|air\s+field|airfield|airport|base|garrison"
    r"|military\s+base|outpost|province|governorate|district|city|town|village|oil\s*field|gas\s*field|field"
    r"|crossing|border\s+crossing|dam|camp|site|sites|facility|neighbou?rhood)$",
    re.IGNORECASE,
)
_GENERIC_HEAD = re.compile(r"^(?:the\s+)?(?:city|town|village|province|governorate|area)\s+of\s+", re.IGNORECASE)
_NEAR = re.compile(
    r"^(?:the\s+)?(?:near|around|outside|outskirts\s+of|vicinity\s+of|countryside\s+of|surroundings\s+of|area\s+of)\s+"
    r"|\s+(?:region|area|countryside|outskirts|vicinity|environs|surroundings)$",
    re.IGNORECASE,
)
_SCORES = {"exact": 100.0, "spelling": 95.0, "generic": 90.0}
_QUALIFIED = re.compile(r"^(?P<name>[^,()]+?)\s*(?:,\s*|\()(?P<within>[^,()]+?)\)?$")


class GazetteerGeocoder(Geocoder):
    """Offline geocoder over Footprint's gazetteer.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Defaults to the bundled ``data/gazetteer``.
    fuzzy_cutoff : float
        Lowest spelling similarity (0–100) a fuzzy answer may have.
    """

    def __init__(self, gazetteer: gz.Gazetteer | None = None, *, fuzzy_cutoff: float = 88.0):
        super().__init__()
        self.gazetteer = gazetteer if gazetteer is not None else gz.load()
        self.fuzzy_cutoff = fuzzy_cutoff
        self._lookup = lru_cache(maxsize=50_000)(self._candidates)

    def geocode(self, query, *, exactly_one=True, timeout=None, context: Iterable[str] = ()):
        """Location(s) for a place name, best first; ``None`` when none is known.

        Parameters
        ----------
        query : str
            A place name as a report writes it.
        context : iterable of str
            Governorates (admin1) of the report's other places, to choose among namesakes.

        Raises
        ------
        geopy.exc.GeocoderQueryError
            When the query is not a usable place name (empty, not text, too long).
        """
        text = check_query(query)
        found = self._lookup(text)
        if not found:
            return None
        places, match, score, precision = found
        ranked = gz.rank(places, context)
        locations = [
            _location(p, text, match, score, precision, [q.place_id for q in ranked if q is not p])
            for p in (ranked[:1] if exactly_one else ranked)  # a village name can have dozens of namesakes
        ]
        return locations[0] if exactly_one else locations

    def _candidates(self, text: str):
        found = self._match(text)
        if found:
            return found
        hint = _QUALIFIED.match(text)  # "Tripoli, Lebanon", "Tripoli (Lebanon)"
        if hint:
            found = self._match(hint.group("name"))
            country = self._match(hint.group("within"))
            if found and country:
                codes = {p.country_code for p in country[0]}
                inside = [p for p in found[0] if p.country_code in codes]
                if inside:
                    return (inside, *found[1:])
            return found  # an unknown name in a known country is unknown, not the country
        words = text.split()
        for i in range(1, len(words)):  # "the Syrian capital Damascus" → "Damascus"
            if words[i][:1].isupper():
                found = self._match(" ".join(words[i:]), fuzzy=False)
                if found:
                    return found[0], "generic", _SCORES["generic"] - 5, found[3]
        return None

    def _match(self, text: str, *, fuzzy: bool = True):
        g = self.gazetteer
        places, exact = g.lookup(text)
        if places:
            return (exact or places), ("exact" if exact else "spelling"), _SCORES["exact" if exact else "spelling"], None
        stripped, precision = _strip(text)
        if stripped != text:
            places = g.candidates(stripped)
            if places:
                return places, "generic", _SCORES["generic"], precision
        close = g.fuzzy(stripped, cutoff=self.fuzzy_cutoff) if fuzzy else None
        if close:
            best = close[0][1]
            return [p for p, s in close if s == best], "fuzzy", best, precision
        return None


def check_query(query) -> str:
    """The query with its white space folded, or ``GeocoderQueryError`` saying why it is unusable."""
    if not isinstance(query, str):
        raise GeocoderQueryError(f"a place name must be text, got {type(query).__name__}")
    text = " ".join(query.split())
    if not any(c.isalnum() for c in text):
        raise GeocoderQueryError(f"{query!r} holds no letters or digits to look up")
    if len(text) > MAX_QUERY_CHARS:
        raise GeocoderQueryError(f"a place name is at most {MAX_QUERY_CHARS} characters, got {len(text)}")
    return text


def _strip(text: str) -> tuple[str, int | None]:
    """The name without generic words, and precision 2 when they said "near"/"region"."""
    precision = None
    stripped = _NEAR.sub("", text).strip()
    if stripped != text:
        precision = 2
    previous = None
    while previous != stripped:
        previous = stripped
        stripped = _GENERIC_HEAD.sub("", _GENERIC_TAIL.sub("", stripped)).strip()
    return (stripped or text), precision


def _location(place: gz.Place, query: str, match: str, score: float, precision: int | None,
              runners_up: list[str]) -> Location:
    raw = place.as_dict()
    raw.update(query=query, match=match, score=score, runners_up=runners_up)
    if precision and place.precision < precision:
        raw["precision"] = precision
        raw["radius_km"] = raw["radius_km"] or gz.NEAR_RADIUS_KM
    return Location(place.name, (place.lat, place.lon), raw)


def answer(query: str, location: Location | None, *, runners_up: list[Location] = ()) -> dict | None:
    """The JSON answer for one name (DESIGN.md), or ``None`` when not found."""
    if location is None:
        return None
    raw = location.raw
    out = {
        "query": query,
        "name": raw["name"],
        "place_id": raw["place_id"],
        "lat": raw["lat"],
        "lon": raw["lon"],
        "precision": raw["precision"],
        "kind": raw["kind"],
        "country_code": raw["country_code"],
    }
    if "score" in raw:
        out.update(match=raw["match"], score=raw["score"])
    if runners_up:
        out["runners_up"] = [answer(query, loc) for loc in runners_up]
    return out
