"""Geocoding: the gazetteer as a geopy geocoder.

``GazetteerGeocoder`` answers like any geopy geocoder: ``None`` when a name is
not known, a ``geopy.location.Location`` (or a list of them) otherwise, with
the gazetteer row in ``raw``. Online geopy geocoders can follow it in a chain.
"""

from __future__ import annotations

import re

from geopy.exc import GeocoderQueryError
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from . import gazetteer as gz

_WIDEN = re.compile(
    r"^(?:(?:near|around|outside|the outskirts of|outskirts of|the vicinity of)\s+)"
    r"|\s+(?:region|area|countryside|outskirts|vicinity|environs)$",
    re.IGNORECASE,
)
MAX_QUERY_CHARS = 200


class GazetteerGeocoder(Geocoder):
    """Offline geocoder over Footprint's gazetteer.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Defaults to the bundled ``data/gazetteer``.
    """

    def __init__(self, gazetteer: gz.Gazetteer | None = None):
        super().__init__()
        self.gazetteer = gazetteer if gazetteer is not None else gz.load()

    def geocode(self, query, *, exactly_one=True, timeout=None):
        """Location(s) for a place name, best first; ``None`` when none is known.

        Raises
        ------
        geopy.exc.GeocoderQueryError
            When the query is not a usable place name (empty, not text, too long).
        """
        if not isinstance(query, str):
            raise GeocoderQueryError(f"a place name must be text, got {type(query).__name__}")
        text = " ".join(query.split())
        if not gz.name_key(text):
            raise GeocoderQueryError(f"{query!r} holds no letters or digits to look up")
        if len(text) > MAX_QUERY_CHARS:
            raise GeocoderQueryError(
                f"a place name is at most {MAX_QUERY_CHARS} characters, got {len(text)}"
            )
        places = self.gazetteer.candidates(text)
        precision = None
        if not places:
            bare = _WIDEN.sub("", text).strip()
            if bare != text:
                places = self.gazetteer.candidates(bare)
                precision = 2
        if not places:
            return None
        locations = [_location(p, text, precision) for p in places]
        return locations[0] if exactly_one else locations


def _location(place: gz.Place, query: str, precision: int | None) -> Location:
    raw = place.as_dict()
    raw["query"] = query
    if precision and place.precision < precision:
        raw["precision"] = precision
        raw["radius_km"] = raw["radius_km"] or gz.NEAR_RADIUS_KM
    return Location(place.name, (place.lat, place.lon), raw)


def answer(query: str, location: Location | None) -> dict | None:
    """The JSON answer for one name (DESIGN.md), or ``None`` when not found."""
    if location is None:
        return None
    raw = location.raw
    return {
        "query": query,
        "name": raw["name"],
        "place_id": raw["place_id"],
        "lat": raw["lat"],
        "lon": raw["lon"],
        "precision": raw["precision"],
        "kind": raw["kind"],
        "country_code": raw["country_code"],
    }
