"""Footprint as `make run` serves it: the app (`app.py`) and, beside it, ``/health``, which says
whether the app is up and its store answers (200, or 503 with the reason), for a team's
monitoring. Start it with `streamlit run serve.py` and the usual `--server.*` options.

At start it imports what the pages need and reads the store's features into their caches, so the
first visitor does not wait for it.

What the store is asked to record (ingests, refusals, edits, deletions, reviews) also goes to
the server's standard error, one line each, for a team's log collector.
"""

import logging
import threading
from contextlib import asynccontextmanager

import anyio.to_thread
import streamlit as st
from starlette.responses import JSONResponse
from starlette.routing import Route

from footprint import health


async def healthcheck(_request):
    status, body = await anyio.to_thread.run_sync(health.probe)
    return JSONResponse(body, status_code=status, headers={"Cache-Control": "no-store"})


_events = logging.getLogger("footprint.events")
if not _events.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(asctime)s footprint: %(message)s"))
    _events.addHandler(_handler)
    _events.setLevel(logging.INFO)


def _quiet_bare_mode() -> None:
    """Streamlit warns, once a call, that caches used outside a page run have no page: expected here."""
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)


def _warm() -> None:
    """Open the store (upgrading or re-reading it if need be) and read its features into the
    pages' caches, so that the first visitor does not wait for it."""
    from footprint import pageparts, store
    from footprint.errors import FootprintError

    _quiet_bare_mode()
    try:
        engine = pageparts.engine()
        pageparts.load_features(store.database_url(), store.version(engine))
    except FootprintError as err:  # the pages will say it to whoever opens them
        logging.getLogger("footprint").warning("the store could not be opened at start: %s", err)


@asynccontextmanager
async def lifespan(_app):
    # what every page imports, before the server says it is ready (about 0.7 s); the store in
    # the background, as re-reading a large one can take minutes
    # (not streamlit_folium: a component declared before the runtime is up is never served)
    _quiet_bare_mode()
    import folium  # noqa: F401
    import pandas  # noqa: F401

    from footprint import maps, pageparts  # noqa: F401

    threading.Thread(target=_warm, name="footprint-warm", daemon=True).start()
    yield


app = st.App("app.py", routes=[Route("/health", healthcheck)], lifespan=lifespan)
