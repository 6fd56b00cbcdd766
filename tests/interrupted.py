"""An ingest or a re-extraction that stops dead halfway through writing, for the tests that kill
it: ``python -m tests.interrupted ingest|reextract URL MARKER [FILE...]``.

It runs Footprint's own code, except that once it has written some rows inside a transaction
(not committed), it writes MARKER and sleeps, so that the test can SIGKILL it right there.
``reextract`` reads the store again in batches of three, as if extraction had changed, and
stops inside its second batch.
"""

import sys
import time
from pathlib import Path

from footprint import corrections, store
from footprint.ingestion import ingest_all

NEWER = "a-newer-extractor"


def main(mode: str, url: str, marker: str, *files: str) -> None:
    real = store._add_extraction
    calls = []

    def stall(session, report_id, extraction):
        real(session, report_id, extraction)
        calls.append(report_id)
        if mode == "ingest" or len(calls) > 3:  # reextract: the first batch of three is committed
            session.flush()  # the rows are in the database, uncommitted
            Path(marker).write_text(report_id)
            time.sleep(600)

    store._add_extraction = stall
    engine = store.connect(url)
    if mode == "ingest":
        ingest_all(engine, list(files))
    else:
        corrections.fingerprint = lambda: NEWER
        corrections.reapply(engine, batch=3)


if __name__ == "__main__":
    main(*sys.argv[1:])
