"""Ingestion throughput: a folder of 1,000 report files, and 200 pages over HTTP, into a fresh
SQLite store, with the share of the time each stage takes.

    .venv/bin/python bench/ingest_speed.py [--files 1000] [--pages 200]

The files are made from the real reports of ``bench/corpus`` (the first half of one report and
the second half of another, so that each is a story of its own, ~3 KB). Stages: reading (file
or fetch over HTTP from a server of this script's own on 127.0.0.1), language identification,
extraction, storing (which includes looking for reposts), and the rest (listing, bookkeeping).
"""

from __future__ import annotations

import argparse
import http.server
import os
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from footprint import corrections, fetching, ingestion, language, reports, store  # noqa: E402

CORPUS = [ROOT / "bench" / "corpus" / "tune", ROOT / "bench" / "corpus" / "locked"]


def texts() -> list[str]:
    out = []
    for folder in CORPUS:
        for path in sorted(folder.glob("*.txt")):
            out.append(reports.split_header(path.read_text(encoding="utf-8"))[1].strip())
    return out


def made_up(n: int) -> list[str]:
    """``n`` distinct report texts: the first half of one real report, the second of another."""
    pool = texts()
    out = []
    for i in range(n):
        a, b = pool[i % len(pool)], pool[(i * 7 + 3 + (i // len(pool)) * 11) % len(pool)]
        out.append(f"title: bench report {i}\n---\n" + a[: len(a) // 2] + "\n\n" + b[len(b) // 2 :])
    return out


class Timer:
    """Wraps module functions to add up the time spent in each stage."""

    def __init__(self):
        self.spent: dict[str, float] = defaultdict(float)
        self._undo = []

    def wrap(self, module, name: str, stage: str) -> None:
        original = getattr(module, name)

        def timed(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.spent[stage] += time.perf_counter() - t0

        setattr(module, name, timed)
        self._undo.append((module, name, original))

    def restore(self) -> None:
        for module, name, original in reversed(self._undo):
            setattr(module, name, original)
        self._undo.clear()


def run(targets: list[str], db: Path) -> tuple[float, dict[str, float], object, list]:
    engine = store.connect(f"sqlite:///{db}")
    timer = Timer()
    timer.wrap(reports, "from_path", "reading files")
    timer.wrap(fetching, "fetch", "fetching over HTTP")
    timer.wrap(ingestion, "page_report", "reading pages")
    timer.wrap(language, "foreign", "language")
    timer.wrap(corrections, "read", "extraction")
    timer.wrap(store, "ingest", "storing")
    try:
        t0 = time.perf_counter()
        outcomes = ingestion.ingest_all(engine, targets)
        total = time.perf_counter() - t0
    finally:
        timer.restore()
    return total, dict(timer.spent), engine, outcomes


def report(label: str, n: int, total: float, spent: dict[str, float], outcomes) -> None:
    refused = [o for o in outcomes if o.error]
    reposted = sum(1 for o in outcomes if o.result and o.result.repost_of)
    print(f"{label}: {n} inputs in {total:.1f} s = {n / total:.1f} reports/s "
          f"({len(refused)} refused, {reposted} stored as reposts)")
    rest = total - sum(spent.values())
    for stage, seconds in sorted(spent.items(), key=lambda kv: -kv[1]) + [("the rest", rest)]:
        print(f"  {stage:<20} {seconds:7.2f} s  {100 * seconds / total:5.1f}%")
    if refused:
        print(f"  first refusal: {refused[0].name}: {refused[0].error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args()
    bodies = made_up(args.files)
    with tempfile.TemporaryDirectory(prefix="footprint-bench-") as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        for i, body in enumerate(bodies):
            (folder / f"report-{i:04d}.txt").write_text(body, encoding="utf-8")
        store.connect(f"sqlite:///{Path(tmp) / 'warm.db'}")  # imports and the gazetteer, not timed
        ingestion.ingest_all(store.connect(f"sqlite:///{Path(tmp) / 'warm.db'}"), [str(folder / "report-0000.txt")])
        total, spent, engine, outcomes = run([str(folder)], Path(tmp) / "folder.db")
        report(f"folder of {args.files} files", len(outcomes), total, spent, outcomes)
        size = (Path(tmp) / "folder.db").stat().st_size
        print(f"  store: {len(store.reports(engine))} reports, {len(store.claims(engine))} claims, "
              f"{size / 2**20:.1f} MB on disk")

        pages = {f"/r{i}": f"<html><head><title>bench page {i}</title></head><body><article>"
                 + "".join(f"<p>{p}</p>" for p in body.split("\n---\n", 1)[1].split("\n\n")) + "</article></body></html>"
                 for i, body in enumerate(made_up(args.pages))}

        class Pages(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802
                body = pages.get(self.path, "").encode()
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *a):
                pass

        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Pages)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        os.environ[fetching.ALLOW_ENV] = "127.0.0.1"
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        try:
            total, spent, _, outcomes = run([base + p for p in pages], Path(tmp) / "pages.db")
        finally:
            httpd.shutdown()
        report(f"{args.pages} pages over HTTP (127.0.0.1)", len(outcomes), total, spent, outcomes)


if __name__ == "__main__":
    main()
