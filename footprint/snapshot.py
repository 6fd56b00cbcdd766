"""GeoJSON snapshot (RFC 7946) of exactly the features on screen.

This is the one place where (lat, lon) becomes [lon, lat].
"""

from __future__ import annotations

import datetime as dt
import json
import math
import reprlib
from collections.abc import Iterable

from .errors import SnapshotError
from .excerpts import safe_url
from .features import PLACES_LAYER, Feature, Selection, select_features

ATTRIBUTION = (
    "Place coordinates: Footprint gazetteer (GeoNames, CC BY 4.0; data from Who's On First, CC0, "
    "https://whosonfirst.org/docs/licenses/, its GeoNames-derived fields CC BY 4.0; and public sources "
    "named per place in data/gazetteer); governorate and district outlines: Who's On First (CC0); "
    "country outlines: Natural Earth (public domain)."
)
_DECIMALS = 6


def feature_geojson(feature: Feature) -> dict:
    props = {
        "layer": feature.layer,
        "kind": "place-named" if feature.layer == PLACES_LAYER else "claim",
        "actor": feature.actor,
        "country_code": feature.country_code,
        "force": feature.force,
        "status": feature.status,
        "place": feature.place_name,
        "place_id": feature.place_id,
        "precision": feature.precision,
        "radius_km": feature.radius_km,
        "approximate": feature.approximate,
        "first_date": feature.first_date,
        "last_date": feature.last_date,
        "n_reports": feature.n_reports,
        "n_independent_sources": feature.n_publishers,
        "review": feature.review if feature.actor else None,
        "disputed": bool(feature.disputed_with),
        "disputed_with": list(feature.disputed_with),
        "sources": [
            # addresses again through safe_url: a store from an older Footprint may hold others
            {"title": s.title, "publisher": s.publisher, "url": safe_url(s.url) or "", "published": s.published,
             "claimant": s.claimant, "excerpt": s.excerpt,
             "reposts": [{"title": t, "publisher": p, "url": safe_url(u) or "", "published": d}
                         for t, p, u, d in s.reposts]}
            | ({"review": s.review, "reviewer": s.reviewer, "reviewed_at": s.reviewed_at} if feature.actor else {})
            for s in feature.sources
        ],
    }
    return {
        "type": "Feature",
        "id": feature.key,
        "geometry": {
            "type": "Point",
            "coordinates": [round(feature.lon, _DECIMALS), round(feature.lat, _DECIMALS)],
        },
        "properties": props,
    }


def snapshot(features: Iterable[Feature], selection: Selection, *, generated_at: dt.datetime | None = None,
             narrowed_by: dict[str, str] | None = None) -> dict:
    """The FeatureCollection of ``features`` as filtered by ``selection``; ``narrowed_by`` records
    the other filters the features went through (as the page's query parameters)."""
    generated_at = generated_at or dt.datetime.now(dt.timezone.utc)
    chosen = select_features(features, selection)
    return {
        "type": "FeatureCollection",
        "generated_at": generated_at.isoformat(timespec="seconds"),
        "filters": {"actors": sorted(selection.actors), "places_named": selection.places_named,
                    "reviewed_only": selection.reviewed_only, **(narrowed_by or {})},
        "attribution": ATTRIBUTION,
        "features": [feature_geojson(f) for f in chosen],
    }


def dumps(collection: dict) -> str:
    return json.dumps(collection, ensure_ascii=False, indent=1)


def filename(day: dt.date | None = None) -> str:
    return f"footprint-snapshot-{(day or dt.date.today()).isoformat()}.geojson"


def validate(collection: object) -> dict:
    """Check that a parsed object is a snapshot-shaped FeatureCollection; return it.

    Raises
    ------
    SnapshotError
        Naming the first problem found.
    """
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise SnapshotError("not a GeoJSON FeatureCollection (its 'type' must be 'FeatureCollection')")
    features = collection.get("features")
    if not isinstance(features, list):
        raise SnapshotError("a FeatureCollection needs a 'features' list")
    for i, f in enumerate(features):
        geom = f.get("geometry") if isinstance(f, dict) else None
        coords = geom.get("coordinates") if isinstance(geom, dict) else None
        if not (isinstance(f, dict) and f.get("type") == "Feature" and isinstance(geom, dict)
                and geom.get("type") == "Point" and isinstance(coords, list) and len(coords) == 2):
            raise SnapshotError(f"feature {i} is not a Feature with a Point geometry")
        lon, lat = coords
        # the range is compared first: a JSON integer of hundreds of digits is no float, and NaN is in no range
        if not (all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in coords)
                and -180 <= lon <= 180 and -90 <= lat <= 90 and math.isfinite(lon) and math.isfinite(lat)):
            raise SnapshotError(f"feature {i} has coordinates out of range: {reprlib.repr(coords)}")
        if not isinstance(f.get("properties"), dict):
            raise SnapshotError(f"feature {i} has no properties object")
    return collection


#: Largest snapshot file read back (bytes) and most features in it.
MAX_IMPORT_BYTES = 20 * 2**20
MAX_IMPORT_FEATURES = 50_000
_TEXT_FIELDS = ("layer", "actor", "status", "place", "place_id")
_SOURCE_FIELDS = ("title", "publisher", "url", "published", "claimant", "excerpt")


def loads(text: str | bytes) -> dict:
    """Parse and validate a snapshot, with a clear error for broken GeoJSON."""
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as err:
        raise SnapshotError(f"not valid JSON: {err}") from err
    except RecursionError as err:
        raise SnapshotError("nested too deeply to be a snapshot") from err
    return validate(data)


def imported(data: bytes, name: str = "the file") -> dict:
    """A snapshot someone gives back to the app (their own or a colleague's), checked whole: at
    most ``MAX_IMPORT_BYTES`` and ``MAX_IMPORT_FEATURES``, point features with finite coordinates
    in range, text fields that are text, sources that are lists of objects. Only what the overlay
    shows is kept, every string as plain text; an ``http(s)`` URL or none.

    Raises
    ------
    SnapshotError
        Naming the file and the first problem found.
    """
    if len(data) > MAX_IMPORT_BYTES:
        raise SnapshotError(f"{name} is {len(data) / 2**20:.0f} MB; a snapshot to overlay is at most "
                            f"{MAX_IMPORT_BYTES // 2**20} MB: export a filtered view instead")
    try:
        collection = loads(data)
        if len(collection["features"]) > MAX_IMPORT_FEATURES:
            raise SnapshotError(f"it holds {len(collection['features'])} features; at most {MAX_IMPORT_FEATURES}")
        features = []
        for i, f in enumerate(collection["features"]):
            props = f["properties"]
            for field in _TEXT_FIELDS:
                if props.get(field) is not None and not isinstance(props[field], str):
                    raise SnapshotError(f"feature {i}: '{field}' must be text, not {type(props[field]).__name__}")
            sources = props.get("sources", [])
            if not isinstance(sources, list) or not all(isinstance(x, dict) for x in sources):
                raise SnapshotError(f"feature {i}: 'sources' must be a list of objects")
            lon, lat = f["geometry"]["coordinates"]
            features.append({
                "lat": float(lat), "lon": float(lon),
                **{k: str(props[k])[:500] if props.get(k) is not None else None for k in _TEXT_FIELDS},
                "sources": [{k: (str(x[k])[:2000] if x.get(k) is not None else None) for k in _SOURCE_FIELDS}
                            | {"url": safe_url(x.get("url") if isinstance(x.get("url"), str) else None)}
                            for x in sources[:200]],
            })
    except SnapshotError as err:
        raise SnapshotError(f"{name} cannot be overlaid: {err}") from err
    return {"generated_at": str(collection.get("generated_at") or "")[:40], "features": features}

