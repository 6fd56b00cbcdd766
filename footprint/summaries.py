"""Summaries of the stored claims, as tables (pandas) a page shows and a person downloads as CSV.

Every table counts claims a reviewer has not rejected; a claim is one actor × place × status in
one sentence of one report, so a place named by three reports counts three times in "claims"
and once in "places".
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

import pandas as pd

from . import gazetteer as gz
from .features import Feature
from .store import StoredClaim

COUNTRY_WIDE = "Syria (country-wide)"


def shown_claims(claims: Iterable[StoredClaim], shown: Iterable) -> list[StoredClaim]:
    """The claims behind the features a view shows (``features.Feature``, filtered): a claim
    stays when its feature is shown with its report among the sources kept, reposts included."""
    from .features import feature_key

    kept = set()
    for f in shown:
        for s in f.sources:
            kept.add((f.key, s.report_id))
            kept.update((f.key, r) for r in s.repost_ids)
    return [c for c in claims if (feature_key(c.claim), c.source.report_id) in kept]


def frame(claims: Iterable[StoredClaim], gazetteer: gz.Gazetteer) -> pd.DataFrame:
    """One row a claim (actor, status, place, governorate, month, publisher, report): what every
    table below counts; build it once and pass it to each."""
    rows = []
    for c in claims:
        place = gazetteer.places.get(c.claim.place_id)
        governorate = (place.admin1 or COUNTRY_WIDE) if place is not None and place.in_syria else COUNTRY_WIDE
        if place is not None and place.precision == 4:
            governorate = COUNTRY_WIDE
        day = c.claim.date or c.source.published
        rows.append({"actor": c.claim.actor, "status": c.claim.status, "place": c.claim.place_name,
                     "governorate": governorate, "month": day[:7] if day else "undated",
                     "publisher": c.source.publisher or "(unknown)", "report": c.source.report_id})
    return pd.DataFrame(rows, columns=["actor", "status", "place", "governorate", "month", "publisher", "report"])


def by_actor_and_status(df: pd.DataFrame) -> pd.DataFrame:
    """Claims per actor (rows) and status (columns), with totals."""
    if df.empty:
        return pd.DataFrame()
    table = pd.crosstab(df["actor"], df["status"], margins=True, margins_name="all")
    return table.reset_index()


def by_governorate(df: pd.DataFrame) -> pd.DataFrame:
    """Claims and distinct places per governorate, most claims first."""
    if df.empty:
        return pd.DataFrame(columns=["governorate", "claims", "places", "actors"])
    out = df.groupby("governorate").agg(claims=("place", "size"), places=("place", "nunique"),
                                        actors=("actor", lambda a: ", ".join(sorted(set(a)))))
    return out.sort_values(["claims", "places"], ascending=False).reset_index()


def over_time(df: pd.DataFrame) -> pd.DataFrame:
    """Claims per month (rows, oldest first) and actor (columns); undated claims last."""
    if df.empty:
        return pd.DataFrame()
    table = pd.crosstab(df["month"], df["actor"])
    order = sorted(m for m in table.index if m != "undated") + (["undated"] if "undated" in table.index else [])
    return table.loc[order].reset_index()


def most_cited_places(df: pd.DataFrame, top: int = 25) -> pd.DataFrame:
    """Places named in claims by the most reports."""
    if df.empty:
        return pd.DataFrame(columns=["place", "reports", "claims", "actors"])
    out = df.groupby("place").agg(reports=("report", "nunique"), claims=("report", "size"),
                                  actors=("actor", lambda a: ", ".join(sorted(set(a)))))
    return out.sort_values(["reports", "claims"], ascending=False).head(top).reset_index()


def most_cited_sources(df: pd.DataFrame, top: int = 25) -> pd.DataFrame:
    """Publishers behind the most claims."""
    if df.empty:
        return pd.DataFrame(columns=["publisher", "reports", "claims"])
    out = df.groupby("publisher").agg(reports=("report", "nunique"), claims=("report", "size"))
    return out.sort_values(["claims", "reports"], ascending=False).head(top).reset_index()


def to_csv(table: pd.DataFrame) -> bytes:
    """A table as UTF-8 CSV (with a byte-order mark, so that spreadsheets read Arabic names right).
    Cells that a spreadsheet would run as a formula (=, +, -, @ first) are quoted with a leading '."""
    safe = table.map(_cell) if not table.empty else table
    return safe.to_csv(index=False).encode("utf-8-sig")


def _cell(value):
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


CLAIM_COLUMNS = ["actor", "status", "place", "place_id", "lat", "lon", "precision", "review", "disputed",
                 "claimant", "published", "publisher", "title", "url", "excerpt"]


def features_csv(features: Iterable[Feature]) -> bytes:
    """One row per source of the given (filtered) features: the claims the map shows, as CSV."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CLAIM_COLUMNS)
    writer.writeheader()
    for f in features:
        if f.actor is None:
            continue
        for s in f.sources:
            writer.writerow({k: _cell(v) for k, v in {
                "actor": f.actor, "status": s.status, "place": f.place_name, "place_id": f.place_id,
                "lat": round(f.lat, 6), "lon": round(f.lon, 6), "precision": f.precision, "review": s.review,
                "disputed": "yes" if f.disputed_with else "", "claimant": s.claimant or "",
                "published": s.published or "", "publisher": s.publisher, "title": s.title, "url": s.url,
                "excerpt": s.excerpt}.items()})
    return out.getvalue().encode("utf-8-sig")
