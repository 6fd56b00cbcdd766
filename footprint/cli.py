"""Command line: ``python -m footprint extract|geocode|ingest|review|reprocess|diff|upgrade|check|log|export``."""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import sys
from pathlib import Path

from . import features as feat
from . import reports, snapshot, store
from .errors import FootprintError


def _extract(args) -> int:
    from .claims import Extractor

    if args.file == "-":
        report = reports.from_bytes(sys.stdin.buffer.read(), "stdin.txt")
    else:
        report = reports.from_path(args.file)
    extraction = Extractor()(report)
    print(json.dumps([c.as_json() for c in extraction.claims], ensure_ascii=False, indent=2))
    return 0


def _geocode(args) -> int:
    from geopy.exc import ConfigurationError, GeocoderQueryError

    from . import online
    from .corrections import gazetteer_for
    from .geocoding import GazetteerGeocoder, answer

    try:
        settings = online.config(args.online)
    except ConfigurationError as err:
        raise FootprintError(str(err)) from err
    engine = store.connect(args.db) if (settings or args.db) else None
    offline = GazetteerGeocoder(gazetteer_for(engine)) if engine else GazetteerGeocoder()
    geocoder = online.chain(engine, args.online, offline)
    found = 0
    for name in args.names:
        try:
            locations = geocoder.geocode(name, exactly_one=False) or [None]
        except (GeocoderQueryError, FootprintError) as err:
            print(f"footprint geocode: {visible(str(err))}", file=sys.stderr)
            locations = [None]
        result = answer(name, locations[0], runners_up=locations[1:] if args.all else [])
        found += result is not None
        print(json.dumps(result, ensure_ascii=False))
    return 0 if found else 1


def _ingest(args) -> int:
    from .corrections import refresh
    from .ingestion import Summary, ingest_each
    from .language import note

    engine = store.connect(args.db)
    _report_refresh(refresh(engine))
    summary = Summary()
    targets = [t for t in args.targets if t != "-"]
    steps = ingest_each(engine, targets)
    if "-" in args.targets:  # pasted text, with the fields a person gives beside it
        steps = itertools.chain(_stdin(engine, args, len(targets)), steps)
    for done, total, outcome in steps:
        summary.add(outcome)
        count = f"[{done:>{len(str(total))}}/{total}]"
        if outcome.error:
            print(f"{count} refused  {visible(outcome.name)}: {visible(outcome.error)}", file=sys.stderr, flush=True)
        else:
            r = outcome.result
            state = "stored " if r.added else "already"
            print(f"{count} {state}  {visible(r.title or outcome.name)}: {_n(r.claims, 'claim')}, "
                  f"{_n(r.places, 'place')} named", flush=True)
            if r.added and r.language:
                print(f"{' ' * len(count)}   note: {note(r.language)}", flush=True)
            if r.added and r.repost_of:
                print(f"{' ' * len(count)}   note: the same story as report {r.repost_of}, stored before: "
                      "folded under it, no independent source", flush=True)
    if len(summary.refused) + summary.stored + summary.duplicates > 1:
        print(f"done: {summary}", file=sys.stderr)
    return 1 if summary.refused else 0


def _stdin(engine, args, others: int):
    from .ingestion import Outcome, ingest_report

    try:
        report = reports.pasted(reports.decode(sys.stdin.buffer.read(), "standard input"), title=args.title or "",
                                source=args.source or "", url=args.url or "", published=args.published or "")
        outcome = Outcome("standard input", ingest_report(engine, report))
    except FootprintError as err:
        outcome = Outcome("standard input", error=str(err))
    yield 1, others + 1, outcome


def _review(args) -> int:
    from . import review

    engine = store.connect(args.db)
    items = store.claims(engine, rejected=True, report_id=args.report)
    if args.report and not items and not any(r["report_id"] == args.report for r in store.reports(engine)):
        raise FootprintError(f"no stored report has the id {args.report}; `python -m footprint review` lists them")
    if args.action is None:
        for c in items:
            by = f" by {c.reviewer} {c.reviewed_at}" if c.reviewer else ""
            print(visible(f"{c.source.report_id}  {c.key}  [{c.review}{by}]  {c.claim.actor} at "
                          f"{c.claim.place_name}: {c.claim.status} «{c.claim.excerpt[:100]}»"))
        return 0
    wanted = [c for c in items if c.key == args.key]
    if not wanted:
        raise FootprintError(f"no claim of report {args.report} has the key {args.key!r}: list them with "
                             f"`python -m footprint review --report {args.report}`")
    item = wanted[0]
    review.decide(engine, args.report, item.key, args.action, reviewer=args.reviewer or review.default_reviewer(),
                  seen=item.decision, claim=item.claim if args.action == "accept" else None)
    print(visible(f"{review.STATE[args.action]}: {item.claim.actor} at {item.claim.place_name} ({item.claim.status})"))
    return 0


def _diff(args) -> int:
    from . import diff

    try:
        start, end = (dt.date.fromisoformat(d) for d in (args.date_from, args.date_to))
    except ValueError as err:
        raise FootprintError(f"dates are written YYYY-MM-DD ({err})") from err
    found = diff.changes(store.claims(store.connect(args.db)), start, end)
    if args.output:
        Path(args.output).write_text(json.dumps(diff.geojson(found, start, end), ensure_ascii=False, indent=1),
                                     encoding="utf-8")
    for change in found:
        print(visible(change.summary))
    print(f"{_n(len(found), 'change')} between {min(start, end)} and {max(start, end)}"
          + (f"; GeoJSON in {args.output}" if args.output else ""), file=sys.stderr)
    return 0


def visible(text: str) -> str:
    """A stranger's string for the terminal: control characters (escape codes, carriage returns,
    bidirectional overrides) shown as escapes instead of acting on the screen."""
    return "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in str(text))


def _reextract(args) -> int:
    from .corrections import reapply
    from .review import default_reviewer

    engine = store.connect(args.db)
    store.mark_all_stale(engine)  # on demand: every report, whatever read it

    def progress(done: int, total: int) -> None:
        if total > 50:
            print(f"  {done}/{total} reports read again", file=sys.stderr, flush=True)

    claims = reapply(engine, progress=progress)
    n_reports = len(store.reports(engine))
    store.log_event(engine, default_reviewer(), "reextract", None, reports=n_reports, claims=claims)
    print(f"read {_n(n_reports, 'stored report')} again: {_n(claims, 'claim')}")
    return 0


def _upgrade(args) -> int:
    before, engine = store.upgrade_store(args.db)
    engine.dispose()
    where = visible(store.shown_url(args.db))
    if before == store.SCHEMA:
        print(f"the store at {where} is at schema {store.SCHEMA} already")
    else:
        print(f"upgraded the store at {where} from {f'schema {before}' if before else 'no schema'} to {store.SCHEMA}")
    return 0


def _check(args) -> int:
    """Exit 0 when the store answers and is at this Footprint's schema; 1 with the reason else."""
    try:
        health = store.health(store.connect(args.db, upgrade=False))
    except FootprintError as err:
        print(f"footprint check: {visible(str(err))}", file=sys.stderr)
        return 1
    print(visible(f"ok: the store at {store.shown_url(args.db)} answers (schema {health['schema']}): "
                  f"{_n(health['reports'], 'report')}, {_n(health['claims'], 'claim')}; last logged change "
                  f"{health['last_event'] or 'none'}"))
    return 0


def _log(args) -> int:
    for e in store.events(store.connect(args.db), limit=args.limit, action=args.action):
        print(visible(f"{e['at']}  {e['who']}  {e['action']}  {e['report_id'] or '-'}  {store.described(e['detail'])}"))
    return 0


def _report_refresh(claims: int | None) -> None:
    if claims is not None:
        print(f"extraction has changed since the store was filled: read its reports again ({_n(claims, 'claim')})",
              file=sys.stderr)


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _export(args) -> int:
    engine = store.connect(args.db)
    features = feat.claim_features(store.claims(engine))
    actors = {f.actor for f in features if f.actor}
    if args.actor:
        unknown = set(args.actor) - actors
        if unknown:
            raise FootprintError(f"no claims for {', '.join(sorted(unknown))}; known: {', '.join(sorted(actors))}")
        actors = set(args.actor)
    if args.places_named:
        features += feat.place_features(store.named_places(engine))
    selection = feat.Selection(frozenset(actors), places_named=args.places_named)
    text = snapshot.dumps(snapshot.snapshot(features, selection))
    if args.output and args.output != "-":
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        print(text)
    return 0


def parser() -> argparse.ArgumentParser:
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", metavar="URL", help="SQLAlchemy URL of the store "
                    f"(default: ${store.ENV_VAR}, else sqlite:///./{store.DEFAULT_FILE})")
    p = argparse.ArgumentParser(prog="python -m footprint",
                                description="Foreign military presence in Syria, from the reports that claim it.")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("extract", help="print the claims of one report as JSON (stores nothing)")
    s.add_argument("file", help="a .txt, .html or .md report, or - for standard input")
    s.set_defaults(run=_extract)
    s = sub.add_parser("geocode", parents=[db],
                       help="print the best gazetteer match for each name, one JSON line each")
    s.add_argument("--online", metavar="public|URL", default=None,
                   help="after the gazetteer, ask Nominatim (public, or your server's URL); "
                        "default: $FOOTPRINT_NOMINATIM, else off. Answers are cached in the store.")
    s.add_argument("names", nargs="+", metavar="NAME")
    s.add_argument("--all", action="store_true", help="also list the runners-up for each name, best first")
    s.set_defaults(run=_geocode)
    s = sub.add_parser("ingest", parents=[db], help="clean, extract, geocode and store reports")
    s.add_argument("targets", nargs="+", metavar="PATH|URL|-",
                   help="report files (.txt, .html, .md, .pdf), folders of them, page or feed URLs, "
                        "or - for text on standard input")
    s.add_argument("--title", help="for -: the report's title")
    s.add_argument("--source", help="for -: the outlet that published it")
    s.add_argument("--url", help="for -: its address")
    s.add_argument("--published", metavar="YYYY-MM-DD", help="for -: its date (else a dateline near the top)")
    s.set_defaults(run=_ingest)
    s = sub.add_parser("review", parents=[db], help="list claims with their review, or accept, reject or reset one")
    s.add_argument("action", nargs="?", choices=("accept", "reject", "reset"))
    s.add_argument("key", nargs="?", help="the claim's key, as the list prints it")
    s.add_argument("--report", metavar="ID", help="the report (its id, as the list prints it)")
    s.add_argument("--as", dest="reviewer", metavar="NAME", help="reviewer name (default: the OS user)")
    s.set_defaults(run=_review)
    for name in ("reprocess", "reextract"):
        s = sub.add_parser(name, parents=[db],
                           help="read every stored report again (after changing the gazetteer, lexicon or code); "
                                "review decisions are kept")
        s.set_defaults(run=_reextract)
    s = sub.add_parser("diff", parents=[db], help="what changed between two dates: new, gone and changed claims")
    s.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD")
    s.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD")
    s.add_argument("-o", "--output", metavar="FILE", help="also write the changes as GeoJSON")
    s.set_defaults(run=_diff)
    s = sub.add_parser("upgrade", parents=[db], help="bring the store's schema up to this Footprint's "
                       "(the app and the other commands do it themselves unless FOOTPRINT_AUTO_UPGRADE=0)")
    s.set_defaults(run=_upgrade)
    s = sub.add_parser("check", parents=[db], help="say whether the store answers and is up to date "
                       "(exit 0), or why not (exit 1): for monitoring")
    s.set_defaults(run=_check)
    s = sub.add_parser("log", parents=[db], help="what was ingested, refused, edited, deleted and reviewed, "
                       "by whom and when, newest first")
    s.add_argument("--limit", type=int, default=50, metavar="N", help="at most N lines (default 50; 0 for all)")
    s.add_argument("--action", metavar="ACTION", help="only this action (ingest, refuse, review, "
                   "edit report, delete report, reextract)")
    s.set_defaults(run=_log)
    s = sub.add_parser("export", parents=[db], help="write a GeoJSON snapshot of the store")
    s.add_argument("-o", "--output", metavar="FILE", help="file to write (default: standard output)")
    s.add_argument("--actor", action="append", metavar="ACTOR", help="only this actor's layer (repeatable)")
    s.add_argument("--places-named", action="store_true", help="include the grey 'Places named' layer")
    s.set_defaults(run=_export)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "review" and args.action and not (args.key and args.report):
        parser().error("review accept|reject|reset needs the claim's KEY and --report ID")
    try:
        return args.run(args)
    except FootprintError as err:
        print(f"footprint {args.command}: {visible(str(err))}", file=sys.stderr)
        return 2
