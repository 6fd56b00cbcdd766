"""The map at scale: generate stores of 1,000 and 10,000 claims and print what the map costs.

    .venv/bin/python bench/map_scale.py [--sizes 1000 10000] [--keep DIR] [--no-browser]

A generated store (``bench/generate.py``) has N claims over N/10 real Syrian places and N/2
made-up reports. For each size it prints:

- server side: reading the claims and building the features (cached by the page after its first
  run), a run of the Map page in Streamlit's AppTest with the cache warm (what every click,
  filter or layer change costs the server), and the pieces of it;
- what the browser is sent for the map: the base map and the swapped layer of places, in bytes;
- the GeoJSON snapshot of every claim (made only when its button is pressed);
- the same for the naive map, one ``folium.Marker`` per claim, as ratios;
- in Chromium (``streamlit run`` on the store, Debian's Chromium through Playwright): from
  opening the page to the first marker painted, and from unticking a layer to the map redrawn
  without it; and the app server's peak memory (VmHWM) over the whole visit.

Targets (issue 9): page build < 1 s, first marker < 3 s, a change back on screen < 1 s, map
< 1 MB, snapshot < 1 s, app peak < 500 MB.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import folium  # noqa: E402
from streamlit_folium import _get_feature_group_string, _get_map_string  # noqa: E402

from bench.generate import generate  # noqa: E402
from footprint import actors, maps, snapshot, store  # noqa: E402
from footprint import features as feat  # noqa: E402


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def naive_map(claims) -> folium.Map:
    m = maps.base_map()
    for c in claims:
        folium.Marker(location=(c.claim.lat, c.claim.lon), tooltip=maps.js_safe(f"{c.claim.actor} {c.claim.status}"),
                      popup=folium.Popup(maps.js_safe(c.claim.excerpt), max_width=280)).add_to(m)
    return m


def sent_bytes(features, colors) -> tuple[int, float]:
    """Bytes of the map as streamlit-folium sends it (base map script + the layer of places), and
    the seconds it took to make them."""
    def make():
        m = maps.base_map()
        group = maps.places_group(feat.places(features, list(colors)), colors)
        return len(_get_map_string(m)) + len(_get_feature_group_string(group, map=m, idx=0))

    return timed(make)


def page_run(url: str) -> tuple[float, float]:
    """Seconds for the Map page's first run (cache cold) and for a later run (cache warm), in AppTest."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["FOOTPRINT_DATABASE_URL"] = url
    st.cache_resource.clear()  # the engine and the features of the store measured before
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "pages" / "0_Map.py"), default_timeout=300)
    _, cold = timed(at.run)
    if at.exception:
        raise SystemExit(f"the Map page failed: {at.exception[0].message}")
    layer = next(c for c in at.sidebar.checkbox if c.key.startswith("layer:"))
    layer.uncheck()
    _, warm = timed(at.run)
    return cold, warm


def browser(url: str, folder: Path) -> dict:
    """First marker painted and a layer change redrawn, in Chromium; the server's peak memory."""
    from playwright.sync_api import expect, sync_playwright

    from tests.browser import CLUSTER, MARKER, launch_chromium, map_frame, serve, wait_for_app_idle

    out = {}
    with serve(url, folder) as app, sync_playwright() as p:
        chromium = launch_chromium(p)
        page = chromium.new_page(viewport={"width": 1400, "height": 900})
        t0 = time.perf_counter()
        page.goto(app.url)
        expect(map_frame(page).locator(f"{MARKER}, {CLUSTER}").first).to_be_visible(timeout=180_000)
        out["first_marker_s"] = time.perf_counter() - t0
        wait_for_app_idle(page, timeout=180_000)
        out["settled_s"] = time.perf_counter() - t0
        # a second visit: the server has imported its modules and cached the store's features
        again = chromium.new_page(viewport={"width": 1400, "height": 900})
        t0 = time.perf_counter()
        again.goto(app.url)
        expect(map_frame(again).locator(f"{MARKER}, {CLUSTER}").first).to_be_visible(timeout=180_000)
        out["second_visit_s"] = time.perf_counter() - t0
        again.close()
        layer = page.locator('[data-testid="stSidebar"] label').filter(has_text="Turkey (").first
        shown = map_frame(page).locator(f'{MARKER}[data-pairs*="|Turkey:"], {CLUSTER}[data-pairs*="|Turkey:"]')
        expect(shown.first).to_be_visible()
        t0 = time.perf_counter()
        layer.click()
        expect(shown).to_have_count(0, timeout=180_000)
        expect(map_frame(page).locator(f"{MARKER}, {CLUSTER}").first).to_be_visible()
        out["layer_change_s"] = time.perf_counter() - t0
        chromium.close()
        pid = _server_pid(app.port)
        out["server_peak_mb"] = _peak_mb(pid) if pid else float("nan")
    return out


def _server_pid(port: int) -> int | None:
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmd = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"streamlit" in b" ".join(cmd) and str(port).encode() in cmd:
                return int(entry.name)
    return None


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(url: str, folder: Path, with_browser: bool) -> dict:
    engine = store.connect(url)
    claims, t_read = timed(lambda: store.claims(engine))
    features, t_feat = timed(lambda: feat.claim_features(claims))
    colors = {name: actors.load().color(name) for name, _ in feat.layers(features)}
    placed, t_places = timed(lambda: feat.places(features, list(colors)))
    map_bytes, t_map = sent_bytes(features, colors)
    sel = feat.Selection(frozenset(colors))
    snap, t_snap = timed(lambda: snapshot.dumps(snapshot.snapshot(features, sel)))
    naive, t_naive = timed(lambda: naive_map(claims).get_root().render())
    cold, warm = page_run(url)
    engine.dispose()
    r = {"claims": len(claims), "features": len(features), "places": len(placed), "read": t_read,
         "features_s": t_feat, "places_s": t_places, "map_s": t_map, "map_bytes": map_bytes, "snapshot_s": t_snap,
         "snapshot_bytes": len(snap.encode()), "naive_s": t_naive, "naive_bytes": len(naive.encode()),
         "page_cold_s": cold, "page_warm_s": warm}
    if with_browser:
        r.update(browser(url, folder))
    return r


def report(n: int, t_gen: float, r: dict) -> None:
    print(f"{n:,} claims over {n // 10:,} places and {n // 2:,} reports (generated in {t_gen:.1f} s; "
          f"{r['features']:,} actor–place–status features at {r['places']:,} places)")
    print(f"  server: read {r['read']:.2f} s + features {r['features_s']:.2f} s, once per store change (cached);")
    print(f"  server: a run of the Map page with the cache warm {r['page_warm_s']:.2f} s   [target < 1 s]; "
          f"its first run {r['page_cold_s']:.2f} s")
    print(f"          (of which gathering places {r['places_s']:.3f} s, making the map's script {r['map_s']:.3f} s)")
    print(f"  map sent to the browser {r['map_bytes'] / 2**20:.2f} MB   [target < 1 MB]; naive one-marker-per-claim "
          f"map: {r['naive_s']:.2f} s, {r['naive_bytes'] / 2**20:.2f} MB (ours takes {r['map_s'] / r['naive_s']:.3f}x "
          f"its time, {r['map_bytes'] / r['naive_bytes']:.3f}x its bytes)")
    print(f"  snapshot {r['snapshot_s']:.2f} s, {r['snapshot_bytes'] / 2**20:.2f} MB   [target < 1 s], "
          "made when its button is pressed")
    if "first_marker_s" in r:
        print(f"  Chromium: first marker painted {r['first_marker_s']:.2f} s after opening a freshly started app, "
              f"{r['second_visit_s']:.2f} s on a second visit   [target < 3 s]; page settled {r['settled_s']:.2f} s; "
              f"a layer unticked and the map redrawn {r['layer_change_s']:.2f} s   [target < 1 s]")
        print(f"  app server peak memory {r['server_peak_mb']:.0f} MB   [target < 500 MB]")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--keep", type=Path, help="keep the generated stores in this folder (and reuse them)")
    parser.add_argument("--no-browser", action="store_true", help="server-side figures only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="footprint-scale-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        results = {}
        for n in args.sizes:
            path = folder / f"generated-{n}.db"
            if args.keep and path.exists():
                url, t_gen = f"sqlite:///{path}", 0.0
            else:
                path.unlink(missing_ok=True)
                url, t_gen = timed(lambda: generate(path, n))
            results[n] = measure(url, folder, not args.no_browser)
            report(n, t_gen, results[n])
        if len(results) > 1:
            small, big = min(results), max(results)
            a, b = results[small], results[big]
            print(f"growth from {small:,} to {big:,} claims ({big / small:.0f}x): map bytes {b['map_bytes'] / a['map_bytes']:.1f}x, "
                  f"naive map bytes {b['naive_bytes'] / a['naive_bytes']:.1f}x")


if __name__ == "__main__":
    main()
