"""Footprint as `make run` serves it: the app (`app.py`) and, beside it, ``/health``, which says
whether the app is up and its store answers (200, or 503 with the reason), for a team's
monitoring. Start it with `streamlit run serve.py` and the usual `--server.*` options.

What the store is asked to record (ingests, refusals, edits, deletions, reviews) also goes to
the server's standard error, one line each, for a team's log collector.
"""

import logging

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

app = st.App("app.py", routes=[Route("/health", healthcheck)])
