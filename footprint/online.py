"""Online geocoding, off unless a person turns it on: Nominatim, public or self-hosted.

``FOOTPRINT_NOMINATIM`` (or ``--online`` on the command line) turns it on:
``public`` for nominatim.openstreetmap.org, asked at most once a second as its
usage policy requires, or the URL of a server of your own
(``http://127.0.0.1:8080``), asked without delay. Every answer, empty ones
included, is cached in the store, so that no name is asked twice. The
gazetteer always answers first (``GeocoderChain``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import urlparse

from geopy.exc import ConfigurationError, GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from sqlalchemy.engine import Engine

from . import __version__, store
from .errors import GeocodeError
from .geocoding import check_query

ENV_VAR = "FOOTPRINT_NOMINATIM"
PUBLIC_DOMAIN = "nominatim.openstreetmap.org"
USER_AGENT = f"Footprint/{__version__} (open-source map of reported foreign military presence in Syria)"
# OSM address types → precision (DESIGN.md): a point, an area around it, a region, the country.
_PRECISION = {
    "country": 4, "state": 3, "region": 3, "province": 3, "state_district": 3, "county": 2,
    "municipality": 2, "district": 2, "city": 1, "town": 1, "village": 1, "hamlet": 1, "suburb": 1,
    "neighbourhood": 1, "quarter": 1, "aeroway": 1, "military": 1, "isolated_dwelling": 1,
}


@dataclass(frozen=True)
class OnlineConfig:
    domain: str
    scheme: str
    min_delay_seconds: float
    timeout: float = 10.0

    @property
    def provider(self) -> str:
        return f"nominatim:{self.scheme}://{self.domain}"


def config(value: str | None = None) -> OnlineConfig | None:
    """The online geocoder's settings from ``value`` (default: ``FOOTPRINT_NOMINATIM``); ``None`` when off.

    Raises
    ------
    geopy.exc.ConfigurationError
        When the value is neither ``public``, ``off`` nor an http(s) URL.
    """
    value = (os.environ.get(ENV_VAR, "") if value is None else value).strip()
    if value.lower() in ("", "off", "0", "no", "false"):
        return None
    if value.lower() == "public":
        return OnlineConfig(PUBLIC_DOMAIN, "https", min_delay_seconds=1.0)
    url = urlparse(value)
    if url.scheme not in ("http", "https") or not url.netloc:
        raise ConfigurationError(
            f"{ENV_VAR} must be 'public', 'off' or the URL of a Nominatim server (http://host:port), got {value!r}"
        )
    return OnlineConfig(url.netloc + url.path.rstrip("/"), url.scheme, min_delay_seconds=0.0)


def parse(raw: dict) -> dict:
    """One Nominatim result as Footprint's geocode answer fields (pure: no I/O)."""
    kind = raw.get("addresstype") or raw.get("type") or raw.get("class") or "other"
    return {
        "place_id": f"osm-{raw.get('osm_type', 'x')}-{raw.get('osm_id', raw.get('place_id', ''))}",
        "name": (raw.get("name") or raw.get("display_name", "").split(",")[0]).strip(),
        "display_name": raw.get("display_name", ""),
        "kind": kind,
        "country_code": "SYR",  # asked with countrycodes=sy
        "admin1": "",
        "lat": round(float(raw["lat"]), 6),
        "lon": round(float(raw["lon"]), 6),
        "precision": _PRECISION.get(kind, 1),
        "radius_km": None,
        "population": None,
        "source": "OpenStreetMap via Nominatim (ODbL)",
        "match": "online",
        "score": round(float(raw.get("importance") or 0.5) * 100, 1),
    }


class CachedNominatim(Geocoder):
    """Nominatim restricted to Syria, rate-limited, its answers cached in the store."""

    def __init__(self, settings: OnlineConfig, engine: Engine, *, client: Nominatim | None = None):
        super().__init__()
        self.settings = settings
        self.engine = engine
        self.client = client or Nominatim(domain=settings.domain, scheme=settings.scheme,
                                          user_agent=USER_AGENT, timeout=settings.timeout)
        self._ask = RateLimiter(self.client.geocode, min_delay_seconds=settings.min_delay_seconds,
                                max_retries=0, swallow_exceptions=False)

    def geocode(self, query, *, exactly_one=True, timeout=None):
        text = check_query(query)
        answers = store.cached_answer(self.engine, self.settings.provider, text)
        if answers is None:
            try:
                found = self._ask(text, exactly_one=False, country_codes="sy", limit=5) or []
            except (GeopyError, ValueError) as err:
                raise GeocodeError(
                    f"the online geocoder at {self.settings.domain} did not answer for {text!r}: {err}"
                ) from err
            answers = [dict(parse(loc.raw), query=text) for loc in found]
            store.cache_answer(self.engine, self.settings.provider, text, answers)
        if not answers:
            return None
        locations = [Location(a["name"], (a["lat"], a["lon"]), a) for a in answers]
        return locations[0] if exactly_one else locations


class GeocoderChain(Geocoder):
    """Asks each geocoder in turn; the first answer wins."""

    def __init__(self, geocoders: list[Geocoder]):
        super().__init__()
        self.geocoders = geocoders

    def geocode(self, query, *, exactly_one=True, timeout=None):
        for geocoder in self.geocoders:
            found = geocoder.geocode(query, exactly_one=exactly_one)
            if found:
                return found
        return None


def chain(engine: Engine | None, value: str | None = None, gazetteer_geocoder: Geocoder | None = None) -> Geocoder:
    """The gazetteer, followed by the online geocoder when one is configured."""
    from .geocoding import GazetteerGeocoder

    offline = gazetteer_geocoder or GazetteerGeocoder()
    settings = config(value)
    if settings is None or engine is None:
        return offline
    return GeocoderChain([offline, CachedNominatim(settings, engine)])

