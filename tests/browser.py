"""Helpers for driving the real app in a browser: a filled store, a served app, a Chromium.

Shared by ``tests/test_browser.py`` and ``bench/screenshot.py`` so that there is
one way to start the app (``streamlit run serve.py``, as ``make run`` does, on a free local port, ready
once ``/_stcore/health`` answers "ok") and one way to launch Chromium.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
CHROMIUM = "/usr/bin/chromium"
# Headless as root needs --no-sandbox; without the networking flags Chromium keeps
# calling Google hosts it cannot reach, which would also pollute the request log.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
MARKER = "div.fp-marker"
CLUSTER = "div.fp-cluster"
START_TIMEOUT_S = 45.0


class AppStartError(RuntimeError):
    """The app did not come up; the message carries the server's stderr."""


@dataclass(frozen=True)
class App:
    """A running app: where to reach it and which store it serves."""

    url: str
    port: int
    db_url: str


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port on ``host`` that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def filled_store(directory: Path) -> str:
    """A new SQLite store in ``directory`` holding the bundled sample reports; its URL."""
    from footprint import store
    from footprint.ingestion import ingest_all

    url = f"sqlite:///{Path(directory) / 'footprint-browser.db'}"
    engine = store.connect(url)
    try:
        outcomes = ingest_all(engine, [str(SAMPLES)])
    finally:
        engine.dispose()
    errors = [f"{o.name}: {o.error}" for o in outcomes if o.error]
    if errors or not outcomes:
        raise AppStartError(f"ingesting {SAMPLES} failed: {errors or 'no reports found'}")
    return url


def _missing_assets() -> list[Path]:
    from footprint import webassets

    return webassets.missing()


def _read(path: Path, limit: int = 4000) -> str:
    text = path.read_text(errors="replace") if path.exists() else ""
    return text[-limit:] or "(empty)"


def wait_healthy(url: str, proc: subprocess.Popen, stderr_path: Path, timeout: float = START_TIMEOUT_S) -> None:
    """Poll ``url``/_stcore/health until it answers "ok"; raise AppStartError otherwise."""
    health = f"{url}/_stcore/health"
    deadline = time.monotonic() + timeout
    last = "no answer yet"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AppStartError(f"streamlit exited with code {proc.returncode} before {health} answered; "
                                f"stderr:\n{_read(stderr_path)}")
        try:
            with urllib.request.urlopen(health, timeout=2) as resp:
                body = resp.read().decode(errors="replace").strip()
            if body == "ok":
                return
            last = f"answered {body!r}"
        except (urllib.error.URLError, ConnectionError, TimeoutError) as err:
            last = str(err)
        time.sleep(0.2)
    raise AppStartError(f"{health} did not answer 'ok' within {timeout:.0f} s (last: {last}); "
                        f"stderr:\n{_read(stderr_path)}")


def stop(proc: subprocess.Popen, grace: float = 10.0) -> None:
    """Terminate the server, and kill it if it does not go within ``grace`` seconds."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=grace)


@contextmanager
def serve(db_url: str, log_dir: Path, *, port: int | None = None, address: str | None = "127.0.0.1",
          env: dict[str, str] | None = None) -> Iterator[App]:
    """Run ``streamlit run serve.py`` (the app with its ``/health``) on ``db_url`` at 127.0.0.1
    until the block ends.

    The server's stdout and stderr go to files in ``log_dir`` (a pipe nobody reads
    could fill up and stall it); stderr is quoted when the app fails to start. ``address=None``
    leaves the listening address to the project's configuration; ``env`` adds to its environment.
    """
    missing = _missing_assets()
    if missing:
        raise AppStartError(f"the map's web assets are not installed ({missing[0]} is missing): run 'make setup'")
    port = port or free_port()
    env = {**{k: v for k, v in os.environ.items() if k != "FOOTPRINT_TILES"},  # tiles off: no outside requests
           **(env or {}), "FOOTPRINT_DATABASE_URL": db_url}
    log_dir = Path(log_dir)
    out_path, err_path = log_dir / "streamlit.out", log_dir / "streamlit.err"
    cmd = [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.port", str(port),
           *(["--server.address", address] if address else []),
           "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, proc, err_path)
        yield App(url=url, port=port, db_url=db_url)
    finally:
        stop(proc)


@contextmanager
def sample_app() -> Iterator[App]:
    """The app serving a fresh store of the bundled samples, in a temporary directory."""
    with tempfile.TemporaryDirectory(prefix="footprint-browser-") as tmp:
        with serve(filled_store(Path(tmp)), Path(tmp)) as app:
            yield app


def launch_chromium(playwright, **kwargs):
    """Debian's Chromium, headless, with the flags it needs here."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, **kwargs)


@contextmanager
def browser_page(wait_ms: float = 20_000, **context):
    """A page in a fresh headless Chromium (1400 × 1000), closed after the block."""
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = launch_chromium(p)
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, **context)
        ctx.set_default_timeout(wait_ms)
        expect.set_options(timeout=wait_ms)
        try:
            yield ctx.new_page()
        finally:
            browser.close()


def wait_for_app_idle(page, timeout: float = 30_000) -> None:
    """Wait until Streamlit reports that no script run is under way."""
    from playwright.sync_api import expect

    expect(page.locator('[data-testid="stApp"]')).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=timeout)


def map_frame(page):
    """The Folium map's iframe, as a FrameLocator."""
    return page.frame_locator(MAP_IFRAME)


def marker(page, *, layer: str | None = None, status: str | None = None, place_contains: str | None = None):
    """Place markers on the map (outside clusters), narrowed by what is claimed there (each marker's
    data-pairs lists "|actor:status|" for every feature at its place) and a piece of data-place."""
    sel = MARKER
    if layer is not None and status is not None:
        sel += f'[data-pairs*="|{layer}:{status}|"]'
    elif layer is not None:
        sel += f'[data-pairs*="|{layer}:"]'
    elif status is not None:
        sel += f'[data-pairs*=":{status}|"]'
    if place_contains is not None:
        sel += f'[data-place*="{place_contains}"]'
    return map_frame(page).locator(sel)


CONVOY = "Turkish troops were reported at the T4 airbase on Monday, witnesses said, as a convoy arrived."


def paste_report(page, base_url: str, title: str, text: str = CONVOY) -> None:
    """Add a report through the Reports page's Paste text form, as a person would, and wait for
    the message that it was stored."""
    page.goto(f"{base_url}/Reports")
    page.get_by_role("tab", name="Add reports").click()
    form = page.locator("[data-testid='stForm']").first
    form.get_by_role("textbox", name="Title (optional)").fill(title)
    form.get_by_role("textbox", name="Report text").fill(text)
    form.get_by_role("button", name="Add this report").click()
    page.locator("[data-testid='stAlert']").filter(has_text="Stored").wait_for()


def eventually(read, wanted, timeout: float = 20.0):
    """``read()`` once it returns ``wanted``, or its last value after ``timeout`` seconds (the map's
    iframe redraws a moment after the page around it has settled)."""
    deadline = time.monotonic() + timeout
    while (value := read()) != wanted and time.monotonic() < deadline:
        time.sleep(0.2)
    return value


def pairs_on_map(page) -> set[tuple[str, str]]:
    """(actor, status) of every feature on the map: on the markers in view and in the clusters."""
    out = set()
    for value in map_frame(page).locator(f"{MARKER}, {CLUSTER}").evaluate_all("els => els.map(e => e.dataset.pairs)"):
        out |= {tuple(p.split(":", 1)) for p in value.strip("|").split("|") if p}
    return out


def places_on_map(page) -> set[str]:
    """Every place the map holds: markers in view and the places gathered in clusters."""
    frame = map_frame(page)
    names = set(frame.locator(MARKER).evaluate_all("els => els.map(e => e.dataset.place)"))
    for value in frame.locator(CLUSTER).evaluate_all("els => els.map(e => e.dataset.places)"):
        names |= {n for n in value.strip("|").split("|") if n}
    return names


def open_place(page, place_contains: str, *, layer: str | None = None, status: str | None = None):
    """A place's marker, brought into view as a person would: by clicking the clusters that hold it
    (each click zooms in) until the place has a marker of its own."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    frame = map_frame(page)
    for _ in range(12):
        found = marker(page, layer=layer, status=status, place_contains=place_contains)
        if found.count():
            expect_visible(found.first)
            return found.first
        cluster = frame.locator(f'{CLUSTER}[data-places*="|{place_contains}"]')
        if cluster.count():
            try:
                cluster.first.click(timeout=5_000)
            except PlaywrightTimeout:
                # a neighbour's marker drawn over the ring (seen once in a zoom animation): the
                # click goes to the ring itself, as Leaflet would hear it
                cluster.first.dispatch_event("click")
        time.sleep(0.4)  # the zoom animation
    raise AssertionError(f"no marker for {place_contains!r} after zooming in through its clusters")


def expect_visible(locator) -> None:
    from playwright.sync_api import expect

    expect(locator).to_be_visible()


def map_zoom(page) -> float:
    """The map's zoom level, read from Leaflet inside the iframe."""
    return map_frame(page).locator("#map_div").evaluate("el => window.map.getZoom()")


def sidebar(page):
    return page.locator('[data-testid="stSidebar"]')


def show_palmyra_sources(page, timeout: float = 30_000):
    """Click the Palmyra marker (Turkey, warned-about) and return the sidebar card that quotes it."""
    from playwright.sync_api import expect

    open_place(page, "Palmyra", layer="Turkey", status="warned-about").click()
    side = sidebar(page)
    expect(side.get_by_text("Sources for this place")).to_be_visible(timeout=timeout)
    card = side.locator("div.fp-card", has_text="stern warning concerning Turkey")
    expect(card).to_have_count(1, timeout=timeout)
    return card
