"""Screenshots of the app on the bundled sample reports, for the README.

Starts the app the way the browser tests do (a fresh store of data/samples,
``streamlit run`` on a free local port), clicks the Palmyra marker so that the
sidebar quotes its report, and saves a 1400x900 screenshot; then opens the Reports
page as a reviewer, accepts the first claim of the Palmyra report, and saves that.

    .venv/bin/python bench/screenshot.py [--out docs/map.png] [--reports-out docs/reports.png]
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


def screenshot(out: Path, reports_out: Path | None = None) -> Path:
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
            if reports_out is not None:
                reports_page(page, app.url, reports_out)
        finally:
            browser.close()
    return out


def reports_page(page, url: str, out: Path) -> None:
    """The Reports page as a reviewer sees it, one claim accepted."""
    page.goto(f"{url}/Reports")
    wait_for_app_idle(page)
    name = page.get_by_role("textbox", name="Your name (reviewer)")
    name.fill("Rana")
    name.press("Enter")
    wait_for_app_idle(page)
    search = page.get_by_role("textbox", name="Search titles, sources and text")
    search.fill("Israel Warns Turkey")
    search.press("Enter")
    wait_for_app_idle(page)
    page.locator("[class*='st-key-claim-']").first.get_by_role("button", name="Accept").click()
    wait_for_app_idle(page)
    expect(page.get_by_text("Saved: accepted.")).to_be_visible(timeout=WAIT_MS)
    page.get_by_text("The report", exact=True).scroll_into_view_if_needed()
    page.mouse.move(VIEWPORT["width"] - 10, 10)
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(out))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "map.png",
                        help="where to write the PNG (default: docs/map.png)")
    parser.add_argument("--reports-out", type=Path, default=ROOT / "docs" / "reports.png",
                        help="where to write the Reports page's PNG (default: docs/reports.png)")
    args = parser.parse_args(argv)
    print(screenshot(args.out, args.reports_out))
    print(args.reports_out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
