"""Is Footprint up, and does its store answer? For a team's monitoring: ``/health`` on the app
(``serve.py``) and ``python -m footprint check`` give the same answer.

The probe only reads: it never upgrades or re-reads the store (opening a page does that).
"""

from __future__ import annotations

import threading

from sqlalchemy.engine import Engine

from . import store
from .errors import FootprintError

_engine: Engine | None = None
_lock = threading.Lock()


def probe() -> tuple[int, dict]:
    """(HTTP status, JSON body): 200 with the schema and counts when the store answers and is
    current, 503 with the reason when not."""
    global _engine
    try:
        with _lock:
            if _engine is None:
                _engine = store.connect(upgrade=False)
        return 200, {"status": "ok", "store": "answers", **store.health(_engine)}
    except FootprintError as err:
        with _lock:  # opened again on the next probe: the store may have been upgraded or come back
            if _engine is not None:
                _engine.dispose()
            _engine = None
        return 503, {"status": "error", "store": str(err)}
