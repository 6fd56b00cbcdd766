"""The online geocoder against a Nominatim-like server of our own on 127.0.0.1 (no public host)."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from geopy.exc import ConfigurationError

from footprint import online, store
from footprint.errors import GeocodeError
from footprint.geocoding import GazetteerGeocoder

KHARAB_ISHK = {"place_id": 7, "osm_type": "node", "osm_id": 42, "lat": "36.53", "lon": "38.55",
               "display_name": "Kharab Ishk, Ayn al-Arab, Aleppo, Syria", "name": "Kharab Ishk",
               "class": "place", "type": "village", "addresstype": "village", "importance": 0.31}


class FakeNominatim(BaseHTTPRequestHandler):
    requests: list = []
    mode = "ok"

    def do_GET(self):  # noqa: N802
        url = urlparse(self.path)
        query = parse_qs(url.query)
        type(self).requests.append((url.path, query, self.headers.get("User-Agent")))
        if self.mode == "error":
            self.send_response(500)
            self.end_headers()
            return
        if self.mode == "slow":
            time.sleep(1.5)
        found = [KHARAB_ISHK] if "kharab" in query.get("q", [""])[0].lower() else []
        body = json.dumps(found).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    FakeNominatim.requests = []
    FakeNominatim.mode = "ok"
    srv = ThreadingHTTPServer(("127.0.0.1", 0), FakeNominatim)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv
    srv.shutdown()


@pytest.fixture
def nominatim(server, engine):
    settings = online.config(f"http://127.0.0.1:{server.server_port}")
    return online.CachedNominatim(online.OnlineConfig(settings.domain, settings.scheme, 0.0, timeout=1.0), engine)


@pytest.mark.parametrize("value, expected", [
    ("", None), ("off", None), ("public", ("nominatim.openstreetmap.org", "https", 1.0)),
    ("http://127.0.0.1:8080", ("127.0.0.1:8080", "http", 0.0)),
    ("https://geo.example.org/nominatim/", ("geo.example.org/nominatim", "https", 0.0)),
])
def test_config(value, expected):
    settings = online.config(value)
    assert (settings and (settings.domain, settings.scheme, settings.min_delay_seconds)) == expected


def test_config_is_off_by_default(monkeypatch):
    monkeypatch.delenv(online.ENV_VAR, raising=False)
    assert online.config() is None


@pytest.mark.parametrize("value", ["bogus", "ftp://host", "http://"])
def test_bad_config_is_refused(value):
    with pytest.raises(ConfigurationError, match=online.ENV_VAR):
        online.config(value)


def test_answer_parsed_and_restricted_to_syria(nominatim):
    location = nominatim.geocode("Kharab Ishk")
    assert (location.latitude, location.longitude) == (36.53, 38.55)
    expected = {"place_id": "osm-node-42", "name": "Kharab Ishk", "precision": 1,
                "kind": "village", "country_code": "SYR", "match": "online"}
    assert {k: location.raw[k] for k in expected} == expected
    path, query, agent = FakeNominatim.requests[0]
    assert path == "/search"
    assert query["countrycodes"] == ["sy"] and query["q"] == ["Kharab Ishk"]
    assert agent == online.USER_AGENT


def test_cache_holds_answers_and_misses(nominatim, engine):
    nominatim.geocode("Kharab Ishk")
    assert nominatim.geocode("Nowhere Ville") is None
    asked = len(FakeNominatim.requests)
    assert nominatim.geocode("Kharab Ishk").raw["place_id"] == "osm-node-42"
    assert nominatim.geocode("Nowhere Ville") is None
    assert len(FakeNominatim.requests) == asked == 2
    assert store.cached_answer(engine, nominatim.settings.provider, "Nowhere Ville") == []


@pytest.mark.parametrize("mode, message", [("error", "did not answer"), ("slow", "did not answer")])
def test_server_errors_and_timeouts(nominatim, engine, mode, message):
    FakeNominatim.mode = mode
    with pytest.raises(GeocodeError, match=message):
        nominatim.geocode("Kharab Ishk")
    assert store.cached_answer(engine, nominatim.settings.provider, "Kharab Ishk") is None  # not cached


def test_chain_asks_the_gazetteer_first(server, engine):
    geocoder = online.chain(engine, f"http://127.0.0.1:{server.server_port}", GazetteerGeocoder())
    assert geocoder.geocode("Palmyra").raw["place_id"] == "syr-palmyra"
    assert FakeNominatim.requests == []
    assert geocoder.geocode("Kharab Ishk Xanadu").raw["match"] == "online"  # no gazetteer name is close
    assert len(FakeNominatim.requests) == 1


def test_chain_without_configuration_is_the_gazetteer(engine, monkeypatch):
    monkeypatch.delenv(online.ENV_VAR, raising=False)
    assert isinstance(online.chain(engine), GazetteerGeocoder)


def test_public_server_is_rate_limited(engine):
    cached = online.CachedNominatim(online.config("public"), engine)
    assert cached._ask.min_delay_seconds == 1.0
    assert cached.client.domain == "nominatim.openstreetmap.org"
