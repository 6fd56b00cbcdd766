"""Web assets the map needs, served by the app itself so that it draws offline.

``make`` installs pinned npm packages into ``web/node_modules`` and calls
``python -m footprint.webassets`` to copy what the map loads into
``static/vendor/`` (Streamlit serves ``static/`` at ``/app/static/``), and to
cut the Natural Earth country outlines down to the region around Syria.
Folium points every script and stylesheet at a CDN; ``localize`` rewrites a
map to the local copies and refuses, in Python, any asset that has none.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import folium
from branca.element import Element

from .errors import AssetError

ROOT = Path(__file__).resolve().parent.parent
STATIC_DIR = ROOT / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
NODE_MODULES = ROOT / "web" / "node_modules"
URL_PREFIX = "/app/static/"
OUTLINES = VENDOR_DIR / "outlines" / "countries-syria-region.geojson"
#: (west, south, east, north) in degrees: Syria and its neighbours, with margin.
OUTLINE_BOUNDS = (22.0, 22.0, 62.0, 46.0)

# asset name -> (file under node_modules, file under static/vendor)
_FILES = {
    "leaflet": ("leaflet/dist/leaflet.js", "leaflet/leaflet.js"),
    "leaflet_css": ("leaflet/dist/leaflet.css", "leaflet/leaflet.css"),
    "jquery": ("jquery/dist/jquery.min.js", "jquery/jquery.min.js"),  # folium's popups build HTML with $()
    # places gather into clusters where they would cover each other
    "markerclusterjs": ("leaflet.markercluster/dist/leaflet.markercluster.js", "markercluster/leaflet.markercluster.js"),
    "markerclustercss": ("leaflet.markercluster/dist/MarkerCluster.css", "markercluster/MarkerCluster.css"),
}
_DIRS = {"leaflet/dist/images": "leaflet/images"}
#: Footprint's own stylesheet (markers by status), kept in the repository.
OWN_CSS = ("footprint_css", "footprint.css")

MAP_JS = [(name, URL_PREFIX + "vendor/" + _FILES[name][1]) for name in ("leaflet", "jquery", "markerclusterjs")]
MAP_CSS = [
    ("leaflet_css", URL_PREFIX + "vendor/" + _FILES["leaflet_css"][1]),
    ("markerclustercss", URL_PREFIX + "vendor/" + _FILES["markerclustercss"][1]),
    (OWN_CSS[0], URL_PREFIX + OWN_CSS[1]),
]
_LOCAL = dict(MAP_JS + MAP_CSS)


def missing() -> list[Path]:
    """Installed files that are not there yet (empty when ``install`` has run)."""
    wanted = [VENDOR_DIR / dest for _, dest in _FILES.values()] + [OUTLINES]
    wanted += [VENDOR_DIR / dest for dest in _DIRS.values()]
    return [p for p in wanted if not p.exists()]


def install(node_modules: Path = NODE_MODULES, vendor: Path = VENDOR_DIR) -> list[Path]:
    """Copy the map's assets out of ``node_modules`` and derive the outlines; return what was written."""
    if not node_modules.is_dir():
        raise AssetError(f"{node_modules} is missing: run `npm ci --prefix web` (make does this)")
    written = []
    for src, dest in _FILES.values():
        target = vendor / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(node_modules / src, target)
        written.append(target)
    for src, dest in _DIRS.items():
        shutil.copytree(node_modules / src, vendor / dest, dirs_exist_ok=True)
        written.append(vendor / dest)
    written.append(_derive_outlines(node_modules, vendor / OUTLINES.relative_to(VENDOR_DIR)))
    return written


def _derive_outlines(node_modules: Path, target: Path) -> Path:
    """Natural Earth 1:50m countries (world-atlas TopoJSON) → GeoJSON clipped to the region."""
    from shapely.geometry import box, mapping, shape

    topo2geo = node_modules / ".bin" / "topo2geo"
    source = node_modules / "world-atlas" / "countries-50m.json"
    result = subprocess.run(
        [str(topo2geo), "-i", str(source), "countries=-"], capture_output=True, check=True, text=True
    )
    world = json.loads(result.stdout)
    frame = box(*OUTLINE_BOUNDS)
    features = []
    for feature in world["features"]:
        geom = shape(feature["geometry"])
        if not geom.intersects(frame):
            continue
        clipped = geom.intersection(frame).simplify(0.01, preserve_topology=True)
        features.append({
            "type": "Feature",
            "properties": {"name": feature["properties"].get("name", "")},
            "geometry": _rounded(mapping(clipped)),
        })
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({
        "type": "FeatureCollection",
        "attribution": "Natural Earth 1:50m Admin 0 countries (public domain), via world-atlas 2.0.2",
        "features": features,
    }, separators=(",", ":")))
    return target


def _rounded(geometry: dict) -> dict:
    def walk(obj):
        if isinstance(obj, (list, tuple)):
            if obj and isinstance(obj[0], float):
                return [round(v, 3) for v in obj]
            return [walk(o) for o in obj]
        return obj

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


@lru_cache(maxsize=1)
def outlines() -> dict:
    """The region's country outlines as GeoJSON (read once per process)."""
    if not OUTLINES.exists():
        raise AssetError(f"{OUTLINES} is missing: run `make setup` to install the web assets")
    return json.loads(OUTLINES.read_text())


def localize(*elements: Element) -> None:
    """Point every script and stylesheet of these elements (a map, layers) at the app's own copies.

    Raises
    ------
    AssetError
        When an element of the map needs an asset Footprint does not serve:
        such a map would draw nothing offline, so it is refused here.
    """
    for element in (e for root in elements for e in _walk(root)):
        if isinstance(element, folium.Icon):
            raise AssetError("folium.Icon draws with Font Awesome and awesome-markers, which Footprint does not "
                             "serve offline: use folium.DivIcon")
        if isinstance(element, folium.Map):
            element.default_js = list(MAP_JS)
            element.default_css = list(MAP_CSS)
            continue
        for attr in ("default_js", "default_css"):
            links = getattr(element, attr, None)
            if not links:
                continue
            local = []
            for name, url in links:
                if name not in _LOCAL:
                    raise AssetError(
                        f"{type(element).__name__} needs {name} from {url}, which Footprint does not serve "
                        "offline: use another element or add the asset to footprint/webassets.py"
                    )
                local.append((name, _LOCAL[name]))
            setattr(element, attr, local)


def _walk(element: Element):
    yield element
    for child in list(getattr(element, "_children", {}).values()):
        yield from _walk(child)


if __name__ == "__main__":
    try:
        for path in install():
            print(f"installed {path.relative_to(ROOT)}")
    except (AssetError, OSError, subprocess.CalledProcessError) as err:
        print(f"web assets: {err}", file=sys.stderr)
        sys.exit(1)
