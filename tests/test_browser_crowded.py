"""A crowded map in Chromium (issue 9): a generated store of 400 claims over 40 places.

Every place is on the map exactly once, each marker and cluster sits inside Syria's outline, and
each can be clicked where it is drawn (nothing covers it) at the first view and after zooming in;
a clicked place's sources fill the sidebar twenty at a time.
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect  # a missing browser stack fails the suite, never skips it
from shapely.geometry import Point, shape
from shapely.ops import unary_union

from bench.generate import generate
from footprint import gazetteer, store, webassets
from footprint import features as feat
from tests.browser import (
    CLUSTER, MARKER, browser_page, map_frame, map_zoom, places_on_map, serve, sidebar, wait_for_app_idle,
)

pytestmark = pytest.mark.browser

WAIT_MS = 30_000
N_CLAIMS = 400

# For each marker and cluster in view: where its centre falls on the map (lat, lon), and whether
# the element the browser finds at that point is this one (not covered by another).
PROBE = """els => els.map(el => {
  const box = el.getBoundingClientRect(), pane = document.getElementById('map_div').getBoundingClientRect();
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  const inView = x > pane.left && x < pane.right && y > pane.top && y < pane.bottom;
  const at = window.map.containerPointToLatLng([x - pane.left, y - pane.top]);
  const hit = document.elementFromPoint(x, y);
  return {name: el.dataset.place || el.dataset.places, inView: inView, lat: at.lat, lon: at.lng,
          clickable: !!hit && (el === hit || el.contains(hit))};
})"""


@pytest.fixture(scope="module")
def crowded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crowded")
    url = generate(folder / "crowded.db", N_CLAIMS)
    engine = store.connect(url)
    try:
        places = {p.name for p in feat.places(feat.claim_features(store.claims(engine)))}
    finally:
        engine.dispose()
    with serve(url, Path(folder)) as app:
        yield app, places


@pytest.fixture(scope="module")
def syria():
    """Syria's outline: Natural Earth's (which leaves out the occupied Golan) with the gazetteer's
    fourteen governorates (which hold it); simplified to 0.01°, so a village on the border or on
    an island just off the coast may fall a little outside it."""
    country = next(f for f in webassets.outlines()["features"] if f["properties"]["name"] == "Syria")
    governorates = [shape(g) for pid, g in gazetteer.outlines().items() if pid.endswith("-governorate")]
    return unary_union([shape(country["geometry"]), *governorates]).buffer(0.05)


@pytest.fixture
def page():
    with browser_page(WAIT_MS) as pg:
        yield pg


def probe(page) -> list[dict]:
    return map_frame(page).locator(f"{MARKER}, {CLUSTER}").evaluate_all(PROBE)


def drawn(page) -> tuple[int, int]:
    """(markers, places in clusters) once the clusters' animation is over (two readings agree)."""
    def read():
        frame = map_frame(page)
        counts = frame.locator(CLUSTER).evaluate_all("els => els.map(e => +e.dataset.count)")
        return frame.locator(MARKER).count(), sum(counts)

    last = read()
    for _ in range(40):
        page.wait_for_timeout(250)
        now = read()
        if now == last:
            return now
        last = now
    raise AssertionError(f"the map kept changing: {last}")


def test_every_place_is_drawn_once_inside_syria_and_clickable_at_each_zoom(crowded, syria, page):
    app, places = crowded
    assert len(places) == N_CLAIMS // 10
    page.goto(app.url)
    expect(map_frame(page).locator(f"{MARKER}, {CLUSTER}").first).to_be_visible()
    wait_for_app_idle(page)
    assert sum(drawn(page)) == len(places)  # none twice
    assert places_on_map(page) == places

    zooms = [map_zoom(page)]
    for zoom_in in range(3):
        drawn(page)
        found = [m for m in probe(page) if m["inView"]]
        assert found, f"nothing in view after zooming in {zoom_in} times"
        # a marker sits on its place (a cluster sits at the mean of its places, which a concave
        # border may leave outside: its places are drawn, and checked, once zoomed in)
        outside = [m["name"] for m in found if not m["name"].startswith("|")
                   and not syria.contains(Point(m["lon"], m["lat"]))]
        assert not outside, f"drawn outside Syria: {outside}"
        covered = [m["name"] for m in found if not m["clickable"]]
        assert not covered, f"covered by another marker after zooming in {zoom_in} times: {covered}"
        clusters = map_frame(page).locator(CLUSTER)
        seen = clusters.evaluate_all(PROBE)
        in_view = [i for i, c in enumerate(seen) if c["inView"]]
        if not in_view:
            break
        biggest = max(in_view, key=lambda i: seen[i]["name"].count("|"))
        clusters.nth(biggest).click()  # zooms in to its places
        drawn(page)  # the zoom and the clusters' animation over
        zooms.append(map_zoom(page))
    assert len(zooms) >= 2 and zooms == sorted(zooms) and zooms[-1] > zooms[0], zooms


def test_a_clicked_place_lists_its_sources_twenty_at_a_time(crowded, page):
    app, _ = crowded
    engine = store.connect(app.db_url)
    try:
        placed = feat.places(feat.claim_features(store.claims(engine)))
    finally:
        engine.dispose()
    sources = {p.name: sum(len(f.sources) for f in p.features) for p in placed}
    page.goto(app.url)
    expect(map_frame(page).locator(MARKER).first).to_be_visible()
    wait_for_app_idle(page)
    drawn(page)
    names = map_frame(page).locator(MARKER).evaluate_all("els => els.map(e => e.dataset.place)")
    name = max((n for n in names if names.count(n) == 1), key=sources.get)
    map_frame(page).locator(f'{MARKER}[data-place="{name}"]').click()
    side = sidebar(page)
    expect(side.get_by_text("Sources for this place")).to_be_visible()
    wait_for_app_idle(page)
    cards = side.locator(".st-key-place-sources div.fp-card")  # (not those quoting a dispute below)
    expect(cards).to_have_count(min(20, sources[name]))
    more = side.get_by_role("button", name="more")
    if sources[name] > 20:
        expect(side.get_by_text(f"Showing 20 of {sources[name]}.")).to_be_visible()
        more.click()
        wait_for_app_idle(page)
        expect(cards).to_have_count(min(40, sources[name]))
    else:
        expect(more).to_have_count(0)
