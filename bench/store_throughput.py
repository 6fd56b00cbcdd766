"""Store throughput: reports a second into SQLite and PostgreSQL, one writer and two at once.

    .venv/bin/python bench/store_throughput.py [--reports 263] [--repeat 3]

The first N real reports of ``bench/corpus/tune`` go into a fresh store each run, by one
writer process or by two at once (two OS processes, each ingesting its half of the reports,
disjoint, into the same store). Two paths are timed:

- full path: ``ingestion.ingest_each`` (what ``ingest_all`` and ``footprint ingest`` run) on the
  report files: read, language, extract, store;
- store only: every report read and extracted once beforehand, then ``store.ingest`` alone.

A run is timed from the moment its writers are all ready (imports, gazetteer, connection done)
to the last one finishing; the median of ``--repeat`` runs is printed. After every run the
store is counted: exactly one row a report, each report's claims and named places as extracted
beforehand, one ``ingest`` line in the log a report, no refusal and no error.

SQLite is Footprint's own setting (WAL, ``synchronous=NORMAL``: a commit does not wait for the
disk). PostgreSQL is a throw-away server of ``tests/pgserver.py`` with its durability turned
back on (fsync, synchronous commit, full-page writes: PostgreSQL's defaults), so that every
commit waits for the disk, as in production. Both keep their files on the same disk.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import multiprocessing as mp
import os
import platform
import re
import sqlite3
import statistics
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import event, func, select, text  # noqa: E402

from footprint import claims, corrections, ingestion, language, reports, store  # noqa: E402
from tests import pgserver  # noqa: E402

TUNE = ROOT / "bench" / "corpus" / "tune"
FULL, STORE = "full path", "store only"
BACKENDS = ("SQLite", "PostgreSQL")
WRITERS = (1, 2)
START_TIMEOUT_S = 120
RUN_TIMEOUT_S = 600


class DurableServer(pgserver.Server):
    """The tests' throw-away server, started without the options that turn durability off."""

    def _run(self, tool: str, *args: str) -> None:
        if tool == "pg_ctl" and "start" in args:
            at = args.index("-o") + 1
            options = re.sub(r"-c (fsync|synchronous_commit|full_page_writes)=off\s*", "", args[at])
            args = (*args[:at], options, *args[at + 1:])
        super()._run(tool, *args)


@dataclasses.dataclass(frozen=True)
class Expected:
    """What a store holding these reports must hold: claims and named places of each report."""

    claims: dict[str, int]
    places: dict[str, int]


@dataclasses.dataclass
class Run:
    seconds: float
    store_seconds: float  # inside store.ingest, summed over the writers (waiting for the lock included)
    lock_seconds: float  # of which taking the write lock, summed over the writers
    problems: list[str]


def extracted(files: list[Path]) -> list[tuple[reports.Report, claims.Extraction]]:
    """Each report read and extracted as ``ingestion.ingest_report`` does (language noted)."""
    extractor = claims.Extractor()
    out = []
    for path in files:
        report = reports.from_path(str(path))
        code = language.foreign(report.text)
        if code is not None:
            report = dataclasses.replace(report, notes={**report.notes, "language": code})
        out.append((report, corrections.read(extractor, report)))
    return out


def _writer(url: str, mode: str, part: list, ready, results) -> None:
    """One writer process (forked: it inherits the reports, their extractions and the gazetteer).

    It puts (start, end, stored, found already stored, seconds in store.ingest, seconds taking the
    write lock, errors) on ``results``. An error does not stop it, unless it escapes
    ``ingest_each``, which then ends the writer's run as it would end a ``footprint ingest``."""
    try:
        engine = store.connect(url)
        extractor = corrections.extractor_for(engine) if mode == FULL else None
        spent = [0.0]
        ingest = store.ingest

        def timed(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return ingest(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - t0

        store.ingest = timed  # ingestion calls store.ingest through the module
        waited = [0.0]  # in the statement taking the write lock: SQLite's BEGIN IMMEDIATE, PostgreSQL's advisory lock

        @event.listens_for(engine, "before_cursor_execute")
        def before(conn, cursor, statement, *_):
            conn.info["bench_t0"] = time.perf_counter()

        @event.listens_for(engine, "after_cursor_execute")
        def after(conn, cursor, statement, *_):
            if statement.startswith("BEGIN IMMEDIATE") or "pg_advisory_xact_lock(" in statement:
                waited[0] += time.perf_counter() - conn.info["bench_t0"]

        ready.wait(START_TIMEOUT_S)
    except Exception:  # noqa: BLE001 - the parent prints it rather than waiting forever
        results.put(("failed", traceback.format_exc()))
        return
    t0 = time.perf_counter()
    results_of = Counter()
    errors = []
    try:
        if mode == FULL:
            for _, _, outcome in ingestion.ingest_each(engine, [str(p) for p in part], extractor, who="bench"):
                if outcome.error is not None:
                    errors.append(f"{Path(outcome.name).name}: {outcome.error}")
                else:
                    results_of[outcome.result.added] += 1
        else:
            for report, extraction in part:
                try:
                    results_of[store.ingest(engine, report, extraction, who="bench", extracted_with="bench").added] += 1
                except Exception as err:  # noqa: BLE001 - counted and shown, the run goes on
                    errors.append(f"{report.filename}: {type(err).__name__}: {err}")
    except Exception as err:  # noqa: BLE001 - the writer stopped; the check shows what was lost
        errors.append(f"a writer stopped after {sum(results_of.values())} of {len(part)} reports: "
                      f"{type(err).__name__}: {err}")
    results.put((t0, time.perf_counter(), results_of[True], results_of[False], spent[0], waited[0], errors))


def run(url: str, mode: str, writers: int, items: list, expected: Expected) -> Run:
    """One timed run on a fresh store at ``url``; ``items`` are files or (report, extraction)."""
    store.connect(url).dispose()  # the schema, made before the clock starts
    ctx = mp.get_context("fork")
    ready, results = ctx.Barrier(writers), ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(url, mode, items[i::writers], ready, results))
             for i in range(writers)]
    try:
        for p in procs:
            p.start()
        outs = [results.get(timeout=RUN_TIMEOUT_S) for _ in procs]
    finally:
        for p in procs:
            p.join(5)
            if p.is_alive():
                p.kill()
    failed = [o[1] for o in outs if o[0] == "failed"]
    if failed:
        raise RuntimeError(f"a writer failed:\n{failed[0]}")
    problems = [e for o in outs for e in o[6]]
    if already := sum(o[3] for o in outs):
        problems.append(f"{already} reports found already stored")
    problems += check(url, expected)
    return Run(max(o[1] for o in outs) - min(o[0] for o in outs), sum(o[4] for o in outs), sum(o[5] for o in outs),
               problems)


def check(url: str, expected: Expected) -> list[str]:
    """What differs between the store and what it must hold (nothing: an empty list)."""
    engine = store.connect(url)
    try:
        with engine.connect() as conn:
            stored = conn.execute(select(store.ReportRow.report_id)).scalars().all()
            per = {table: dict(conn.execute(select(table.report_id, func.count()).group_by(table.report_id)).all())
                   for table in (store.ClaimRow, store.NamedPlaceRow)}
            log = dict(conn.execute(select(store.EventRow.action, func.count()).group_by(store.EventRow.action)).all())
    finally:
        engine.dispose()
    problems = []
    if sorted(stored) != sorted(expected.claims):
        problems.append(f"{len(stored)} reports stored ({len(set(stored) - set(expected.claims))} unexpected, "
                        f"{len(set(expected.claims) - set(stored))} missing), {len(expected.claims)} expected")
    for name, table, want in (("claims", store.ClaimRow, expected.claims),
                              ("named places", store.NamedPlaceRow, expected.places)):
        got = per[table]
        wrong = [r for r in want if got.get(r, 0) != want[r]]
        if wrong or sum(got.values()) != sum(want.values()):
            problems.append(f"{sum(got.values())} {name} stored, {sum(want.values())} expected "
                            f"({len(wrong)} reports differ)")
    if log.get("ingest", 0) != len(expected.claims) or set(log) - {"ingest"}:
        problems.append(f"log: {dict(log)}, expected {{'ingest': {len(expected.claims)}}}")
    return problems


def fdatasync_ms(folder: Path, n: int = 100) -> float:
    """Median milliseconds of writing 8 KB at the end of a file and waiting for the disk: what a
    durable commit waits for at the least."""
    path = folder / "fdatasync.probe"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    spent = []
    try:
        for i in range(n):
            os.pwrite(fd, b"x" * 8192, i * 8192)
            t0 = time.perf_counter()
            os.fdatasync(fd)
            spent.append(time.perf_counter() - t0)
    finally:
        os.close(fd)
        path.unlink()
    return 1000 * statistics.median(spent)


def machine(tmp: Path, pg_url: str) -> list[str]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "?")
    mounts = [line.split() for line in Path("/proc/mounts").read_text().splitlines()]
    disk = max((m for m in mounts if str(tmp.resolve()).startswith(m[1])), key=lambda m: len(m[1]))
    sqlite_engine = store.connect(f"sqlite:///{tmp / 'facts.db'}")
    pg = store.connect(pg_url)
    try:
        with sqlite_engine.connect() as conn:
            journal = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
            sync = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}[conn.exec_driver_sql("PRAGMA synchronous").scalar()]
        with pg.connect() as conn:
            settings = {name: conn.execute(text(f"SHOW {name}")).scalar()
                        for name in ("server_version", "fsync", "synchronous_commit", "full_page_writes",
                                     "wal_sync_method")}
    finally:
        sqlite_engine.dispose()
        pg.dispose()
    if settings["fsync"] != "on" or settings["synchronous_commit"] != "on":
        raise RuntimeError(f"the PostgreSQL server is not durable: {settings}")
    return [
        f"machine: {len(os.sched_getaffinity(0))} cores usable ({os.cpu_count()} in all), {cpu}, "
        f"Python {platform.python_version()}; files on {disk[2]} ({disk[0]}), fdatasync of 8 KB "
        f"{fdatasync_ms(tmp):.2f} ms (median of 100)",
        f"SQLite {sqlite3.sqlite_version}: journal_mode={journal}, synchronous={sync}",
        f"PostgreSQL {settings['server_version']}: fsync={settings['fsync']}, "
        f"synchronous_commit={settings['synchronous_commit']}, full_page_writes={settings['full_page_writes']}, "
        f"wal_sync_method={settings['wal_sync_method']}",
    ]


def details(n: int, times: dict[tuple, list[Run]]) -> list[str]:
    """Each configuration's run times, its store time and lock waits, and the check of its stores."""
    lines = ["seconds of each run; a report's time in store.ingest and, of it, taking the write lock (medians, "
             "summed over the writers); the store's check"]
    failures = []
    for (backend, mode, writers), runs in times.items():
        name = f"{backend} {mode}, {writers} writer{'s' * (writers > 1)}"
        problems = list(dict.fromkeys(" ".join(p.split())[:240] for r in runs for p in r.problems))
        failures += [f"  {name}: {p}" for p in problems[:5]] + [f"  {name}: ... {len(problems) - 5} more"] * (
            len(problems) > 5)
        lines.append(f"  {name:<33}{''.join(f'{r.seconds:7.2f}' for r in runs)}   store "
                     f"{1000 * statistics.median(r.store_seconds for r in runs) / n:5.1f} ms, lock "
                     f"{1000 * statistics.median(r.lock_seconds for r in runs) / n:5.1f} ms   "
                     f"{'FAILED' if problems else 'ok'}")
    if failures:
        return lines + ["CHECK FAILED: the store did not hold exactly what was ingested, or a writer met an error:",
                        *failures]
    return lines + [f"check ok after all {sum(map(len, times.values()))} runs: every report stored once, each with "
                    "the claims and named places extracted beforehand, one ingest in the log a report; no error, "
                    "no refusal, no report found already stored"]


def table(n: int, repeat: int, rate: dict, failed: set) -> list[str]:
    """The compact table: reports a second and the two ratios; ``*`` marks a figure whose store
    failed its check (it lost reports or met errors, and may look fast for it)."""
    def cell(key: tuple, width: int) -> str:
        return f"{rate[key]:{width - 1}.1f}{'*' if key in failed else ' '}"

    lines = [f"{'reports a second (median of ' + str(repeat) + ', ' + str(n) + ' reports)':<44}"
             f"{'SQLite':>9} {'PostgreSQL':>12} {'PG/SQLite':>10}"]
    for mode in (FULL, STORE):
        for writers in WRITERS:
            s, p = ("SQLite", mode, writers), ("PostgreSQL", mode, writers)
            lines.append(f"{mode + ', ' + str(writers) + ' writer' + 's' * (writers > 1):<44}"
                         f"{cell(s, 10)}{cell(p, 13)}{rate[p] / rate[s]:10.2f}")
        s, p = (rate[(b, mode, 2)] / rate[(b, mode, 1)] for b in BACKENDS)
        lines.append(f"{'  two writers / one writer':<44}{s:9.2f} {p:12.2f}")
    if failed:
        lines.append("* the store failed its check in this configuration: see above")
    return lines


def measure(server: DurableServer, tmp: Path, files: list[Path], items: list, expected: Expected,
            repeat: int) -> dict[tuple, list[Run]]:
    """Every configuration ``repeat`` times, interleaved so that a slow spell spreads over all."""
    times: dict[tuple, list[Run]] = {}
    numbers = itertools.count(1)
    for _ in range(repeat):
        for backend in BACKENDS:
            for mode in (FULL, STORE):
                for writers in WRITERS:
                    url = (f"sqlite:///{tmp / f'run{next(numbers)}.db'}" if backend == "SQLite"
                           else server.database("bench"))
                    times.setdefault((backend, mode, writers), []).append(
                        run(url, mode, writers, files if mode == FULL else items, expected))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    files = sorted(TUNE.glob("*.txt"))
    parser.add_argument("--reports", type=int, default=len(files), help=f"how many (at most {len(files)})")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not 2 <= args.reports <= len(files) or args.repeat < 1:
        parser.error(f"--reports runs from 2 to {len(files)}, --repeat from 1")
    files = files[:args.reports]

    t0 = time.perf_counter()
    items = extracted(files)  # also loads the gazetteer, which the writers inherit
    prepared = time.perf_counter() - t0
    expected = Expected({r.report_id: len(e.claims) for r, e in items}, {r.report_id: len(e.places) for r, e in items})
    if len(expected.claims) != len(files) or len({reports.canonical_url(r.url) for r, _ in items}) != len(files):
        raise SystemExit("the reports chosen are not distinct (same text or same address): counts would not add up")
    print(f"{len(files)} reports of {TUNE.relative_to(ROOT)}: {sum(expected.claims.values())} claims, "
          f"{sum(expected.places.values())} named places when extracted")

    load = os.getloadavg()
    server = DurableServer()
    try:
        with tempfile.TemporaryDirectory(prefix="footprint-bench-") as folder:
            tmp = Path(folder)
            t0 = time.perf_counter()
            import datasketch  # noqa: F401 - what reposts.bands imports on its first call, under the write lock
            imported = time.perf_counter() - t0
            warm = store.connect(f"sqlite:///{tmp / 'warm.db'}")  # the ORM set up before the writers fork
            store.ingest(warm, *items[0], who="bench", extracted_with="bench")
            warm.dispose()
            print(f"not timed below, paid once a process: reading and extracting the reports once "
                  f"{prepared:.1f} s (gazetteer and language loads included); importing datasketch "
                  f"{imported:.1f} s (reposts.bands does it on a process's first ingest, holding the write lock)")
            for line in machine(tmp, server.database("facts")):
                print(line)
            times = measure(server, tmp, files, items, expected, args.repeat)
    finally:
        server.stop()

    print(f"load average (1 min) before / after the runs: {load[0]:.2f} / {os.getloadavg()[0]:.2f} on "
          f"{len(os.sched_getaffinity(0))} cores (anything else running skews the figures)")
    print()
    for line in details(len(files), times):
        print(line)
    rate = {key: len(files) / statistics.median(r.seconds for r in runs) for key, runs in times.items()}
    print()
    failed = {key for key, runs in times.items() if any(r.problems for r in runs)}
    for line in table(len(files), args.repeat, rate, failed):
        print(line)
    shares = [f"{b} {100 * rate[(b, FULL, 1)] / rate[(b, STORE, 1)]:.0f}%" for b in BACKENDS]
    print(f"the store's share of the full path's time, one writer: {', '.join(shares)}")


if __name__ == "__main__":
    main()
