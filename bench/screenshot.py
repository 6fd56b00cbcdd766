"""Screenshot of the app on the bundled sample reports, for the README.

Starts the app the way the browser tests do (a fresh store of data/samples,
``streamlit run`` on a free local port), clicks the Palmyra marker so that the
sidebar quotes its report, and saves a 1400x900 screenshot.

    .venv/bin/python bench/screenshot.py [--out docs/map.png]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from tests.browser import (  # noqa: E402
    MARKER, launch_chromium, map_frame, sample_app, show_palmyra_sources, wait_for_app_idle,
)

VIEWPORT = {"width": 1400, "height": 900}
WAIT_MS = 30_000


def screenshot(out: Path) -> Path:
    """Serve the samples, show the Palmyra excerpt, write a PNG to ``out``; return its path."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with sample_app() as app, sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            page = browser.new_page(viewport=VIEWPORT)
            page.set_default_timeout(WAIT_MS)
            page.goto(app.url)
            expect(map_frame(page).locator(MARKER).first).to_be_visible(timeout=WAIT_MS)
            wait_for_app_idle(page)
            card = show_palmyra_sources(page, timeout=WAIT_MS)
            wait_for_app_idle(page)
            card.scroll_into_view_if_needed()  # scrolls the sidebar, not the map
            # Move the pointer off the map so the marker's tooltip does not cover its neighbours.
            page.mouse.move(VIEWPORT["width"] - 10, 10)
            expect(map_frame(page).locator(".leaflet-tooltip")).to_have_count(0, timeout=WAIT_MS)
            page.evaluate("document.fonts.ready")
            page.screenshot(path=str(out))
        finally:
            browser.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "map.png",
                        help="where to write the PNG (default: docs/map.png)")
    args = parser.parse_args(argv)
    print(screenshot(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
