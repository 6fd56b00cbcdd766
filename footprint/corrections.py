"""Place corrections: what a person decides about a place name, applied everywhere.

A correction says that a name is a gazetteer place ("Kharab Ishk" is the
Lafarge base), or where a place the gazetteer lacks lies (coordinates typed
in). Corrections live in the store, extend the gazetteer the extractor reads
with, and every stored report is read again when one changes, so that a
correction reaches every claim with that name and survives re-ingestion.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine

from . import gazetteer as gz
from . import store
from .claims import Extraction, Extractor
from .errors import GeocodeError

USER_SOURCE = "correction entered in Footprint"


@dataclass(frozen=True)
class NameToReview:
    """A place name that needs a person: unresolved, or shared by several places."""

    name: str
    reason: str  # "unresolved" or "ambiguous"
    count: int
    excerpts: tuple[str, ...]
    current: str | None  # place id the name resolves to now, if any
    candidates: tuple[tuple[str, str, float], ...]  # (place_id, label, score), best first


def gazetteer_for(engine: Engine, base: gz.Gazetteer | None = None) -> gz.Gazetteer:
    """The gazetteer with the store's corrections applied."""
    base = base if base is not None else gz.load()
    fixes = store.corrections(engine)
    if not fixes:
        return base
    g = base.copy()
    for fix in fixes:
        if fix.place_id:
            place = g.places.get(fix.place_id)
            if place is None:
                continue  # the place left the gazetteer; the correction waits to be redone
            g.add(place, extra_names=(fix.name,))
        else:
            g.add(user_place(fix))
    g.prefer(fixes)
    return g


def user_place(fix: store.CorrectionRow) -> gz.Place:
    slug = re.sub(r"[^a-z0-9]+", "-", gz.exact_key(fix.name)).strip("-") or "place"
    return gz.Place(
        place_id=f"user-{slug}", name=fix.name, names=(fix.name,), kind=fix.kind or "other",
        country_code="SYR", admin1="", lat=float(fix.lat), lon=float(fix.lon), precision=fix.precision,
        radius_km=gz.NEAR_RADIUS_KM if fix.precision == 2 else None, population=None, source=USER_SOURCE,
    )


def extractor_for(engine: Engine) -> Extractor:
    return Extractor(gazetteer_for(engine))


def correct(engine: Engine, name: str, *, place_id: str | None = None, lat: float | None = None,
            lon: float | None = None, precision: int = 1, kind: str = "other",
            gazetteer: gz.Gazetteer | None = None) -> int:
    """Store a correction and read every report again; return how many claims the store now holds.

    Raises
    ------
    GeocodeError
        When the name is empty, the place id unknown, or the coordinates unusable.
    """
    key = gz.name_key(name or "")
    if not key:
        raise GeocodeError("a correction needs the place name it is about")
    base = gazetteer if gazetteer is not None else gz.load()
    if place_id:
        if place_id not in base.places:
            raise GeocodeError(f"no gazetteer place has the id {place_id!r}")
        lat = lon = None
    else:
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise GeocodeError(f"give a gazetteer place or latitude and longitude in degrees, got {lat}, {lon}")
        if not (32.0 <= lat <= 37.6 and 35.4 <= lon <= 42.6):
            raise GeocodeError(f"{lat:.4f}, {lon:.4f} is outside Syria: check the order (latitude first)")
        if precision not in (1, 2):
            raise GeocodeError("typed coordinates are a point (precision 1) or an area around it (2)")
    store.save_correction(engine, store.CorrectionRow(
        name_key=key, name=" ".join(name.split()), place_id=place_id, lat=lat, lon=lon, precision=precision,
        kind=kind, created_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
    ))
    return reapply(engine, base)


def undo(engine: Engine, name_key: str, gazetteer: gz.Gazetteer | None = None) -> int:
    store.delete_correction(engine, name_key)
    return reapply(engine, gazetteer)


def read(extractor: Extractor, report) -> Extraction:
    """What ``extractor`` finds in a report: in a report whose notes give another language than
    English, the places it names but no claims (the extractor reads English)."""
    extraction = extractor(report)
    if report.notes.get("language", "en") != "en":
        return Extraction([], extraction.places, extraction.unresolved)
    return extraction


def reapply(engine: Engine, gazetteer: gz.Gazetteer | None = None, *, batch: int = 50,
            progress: Callable[[int, int], None] | None = None) -> int:
    """Read the stored reports again with the corrected gazetteer; return the number of claims.

    Reports go in batches of ``batch``, each batch swapped in one transaction and marked with
    the extraction that read it (``target``): a re-extraction cut short (a kill, a crash) leaves
    every report whole, old or new, and the next one goes on with those not yet read.
    ``progress(done, total)`` hears of each batch.
    """
    goal = target(engine)
    extractor = Extractor(gazetteer_for(engine, gazetteer))
    total, done = store.stale_count(engine, goal), 0
    while todo := store.stale_reports(engine, goal, batch):
        store.replace_extractions(engine, {r.report_id: read(extractor, r) for r in todo}, extracted_with=goal)
        done += len(todo)
        if progress is not None:
            progress(min(done, total), total)
    store.set_meta(engine, FINGERPRINT_KEY, fingerprint())
    return store.claim_count(engine)


FINGERPRINT_KEY = "extraction"
_PACKAGE = Path(__file__).resolve().parent


@functools.cache
def fingerprint() -> str:
    """What extraction depends on (its code, the gazetteer, the actor lexicon), as one hash."""
    digest = hashlib.sha256()
    files = sorted(_PACKAGE.glob("*.py")) + sorted((_PACKAGE.parent / "data").glob("**/*.csv")) \
        + sorted((_PACKAGE.parent / "data").glob("*.json"))
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def target(engine: Engine) -> str:
    """The extraction every stored report should have been read with: this code and data
    (``fingerprint``) and the store's place corrections."""
    digest = hashlib.sha256()
    for fix in store.corrections(engine):
        digest.update(repr((fix.name_key, fix.place_id, fix.lat, fix.lon, fix.precision, fix.kind)).encode())
    return f"{fingerprint()}-{digest.hexdigest()[:16]}"


def refresh(engine: Engine) -> int | None:
    """Read again the stored reports that another extraction read: all of them when extraction
    has changed since, the rest of them when a re-extraction was cut short.

    Returns the number of claims after a re-read, or ``None`` when nothing had changed.
    Reports are kept with their text, so an improved extractor or gazetteer reaches
    every report already stored, not only new ones.
    """
    if store.stale_count(engine, target(engine)) == 0:
        if store.get_meta(engine, FINGERPRINT_KEY) != fingerprint():
            store.set_meta(engine, FINGERPRINT_KEY, fingerprint())
        return None
    return reapply(engine)


def to_review(engine: Engine, gazetteer: gz.Gazetteer | None = None) -> list[NameToReview]:
    """Unresolved names first (most often met first), then names several places share."""
    g = gazetteer_for(engine, gazetteer)
    from .geocoding import GazetteerGeocoder

    geocoder = GazetteerGeocoder(g)
    excerpts: dict[str, list[str]] = defaultdict(list)
    names: dict[str, str] = {}
    for name, excerpt, _title in store.unresolved(engine):
        key = gz.name_key(name)
        names.setdefault(key, name)
        excerpts[key].append(excerpt)
    fixed = {c.name_key for c in store.corrections(engine)}
    out = []
    for key, name in names.items():
        if key in fixed:
            continue
        found = geocoder.geocode(name, exactly_one=False) or []
        cands = tuple((loc.raw["place_id"], _label(g.places[loc.raw["place_id"]]), loc.raw["score"]) for loc in found)
        out.append(NameToReview(name, "unresolved", len(excerpts[key]), tuple(dict.fromkeys(excerpts[key])),
                                None, cands))
    out.sort(key=lambda n: -n.count)
    counts = Counter()
    shown: dict[str, tuple[str, str, list[str]]] = {}
    for item in store.named_places(engine):
        p = item.place
        key = gz.name_key(p.place)
        if key in fixed or len(g.candidates(p.place)) < 2:
            continue
        counts[key] += 1
        shown.setdefault(key, (p.place, p.place_id, []))[2].append(p.excerpt)
    for key, (name, current, exc) in shown.items():
        cands = tuple((pl.place_id, _label(pl), 100.0) for pl in gz.rank(g.candidates(name)))
        out.append(NameToReview(name, "ambiguous", counts[key], tuple(dict.fromkeys(exc)), current, cands))
    return out


def _label(place: gz.Place) -> str:
    where = place.admin1 or place.country_code
    return f"{place.name} ({place.kind}, {where}; {place.lat:.4f}, {place.lon:.4f})"
