"""Shared fixtures: a real SQLite file per test, filled by ingesting the bundled samples."""

from pathlib import Path

import pytest

from footprint import store
from footprint.ingestion import ingest_all

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
SEED = SAMPLES / "2025-06-05-israel-warns-turkey-palmyra.txt"


@pytest.fixture
def allow_loopback(monkeypatch):
    """Servers of the tests' own listen on 127.0.0.1, which a fetch refuses unless allowed: allow
    that address, and only it."""
    monkeypatch.setenv("FOOTPRINT_ALLOW_PRIVATE_URLS", "127.0.0.1")


#: The stores the store tests run against: a SQLite file, and a database on a real PostgreSQL
#: server that the test run starts (``tests.pgserver``).
BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres():
    """A throw-away PostgreSQL server on 127.0.0.1 for the whole test run."""
    from tests.pgserver import Server

    try:
        server = Server()
    except RuntimeError as err:
        pytest.fail(str(err))
    yield server
    server.stop()


def backend_url(request, tmp_path) -> str:
    """A new, empty store of the kind ``request.param`` names (one of ``BACKENDS``)."""
    if request.param == "postgresql":
        return request.getfixturevalue("postgres").database()
    return f"sqlite:///{tmp_path / 'footprint-test.db'}"


@pytest.fixture
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'footprint-test.db'}"


@pytest.fixture
def engine(db_url):
    eng = store.connect(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def filled_engine(engine):
    """The store after `python -m footprint ingest data/samples`."""
    outcomes = ingest_all(engine, [str(SAMPLES)])
    assert all(o.error is None for o in outcomes), [o.error for o in outcomes if o.error]
    return engine


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """The real app (`streamlit run`) on a fresh store of the samples, one per test module, for the
    browser tests; Debian's Chromium must be there."""
    from tests.browser import CHROMIUM, filled_store, serve

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's Chromium is not at {CHROMIUM}: run 'make chromium' (as root) or "
                    f"'sudo apt-get install chromium'")
    tmp = tmp_path_factory.mktemp("browser")
    with serve(filled_store(tmp), tmp) as running:
        yield running
