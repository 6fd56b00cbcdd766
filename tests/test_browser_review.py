"""End to end, the review flow as a person does it in Chromium: open a report, reject a claim, edit
one, add one; the map and the downloaded snapshot follow, and reading the reports again
(`python -m footprint reextract`) keeps all three decisions.

A server of its own, on a store of its own: the decisions change what the map shows.
"""

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright  # a missing browser stack fails the suite, never skips it

from footprint import actors, diff, store
from tests.browser import (ROOT, browser_page, eventually, launch_chromium, marker, open_place, pairs_on_map, sidebar,
                           wait_for_app_idle)

pytestmark = pytest.mark.browser

WAIT_MS = 20_000
REJECTED = "Turkey at Northern Syria"
EDITED = "Turkey at Palmyra region"
FIRST_ACTOR = sorted(actors.load().actors)[0]  # what the "Add" form offers first


def claim_box(page, text: str):
    return page.locator("[class*='st-key-claim-']").filter(
        has=page.locator("b", has_text=text.split(" at ")[1])).filter(has_text=text).last


def saved(page, what: str) -> None:
    wait_for_app_idle(page)
    expect(page.locator("[data-testid='stAlert']", has_text=f"Saved: {what}.")).to_be_visible()


def download_snapshot(page, base_url: str, tmp_path: Path, name: str) -> dict:
    page.goto(base_url)
    expect(page.locator("iframe[title='streamlit_folium.st_folium']")).to_be_visible()
    wait_for_app_idle(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download GeoJSON snapshot of this map").click()
    target = tmp_path / name
    info.value.save_as(target)
    return json.loads(target.read_text(encoding="utf-8"))


def sources(snapshot: dict) -> list[tuple[dict, dict]]:
    return [(f["properties"], s) for f in snapshot["features"] for s in f["properties"]["sources"]]


def check_decisions(snapshot: dict, rejected_excerpt: str) -> None:
    got = sources(snapshot)
    assert not any(p["actor"] == "Turkey" and p["place_id"] == "syr-northern-syria" and s["excerpt"] == rejected_excerpt
                   for p, s in got), "the rejected claim left the map"
    edited = [s for p, s in got if p["actor"] == "Turkey" and s["review"] == "edited"]
    assert [(s["claimant"], s["reviewer"]) for s in edited] == [("Israeli officials", "Rana")]
    added = [(p, s) for p, s in got if s["review"] == "added"]
    assert [(p["actor"], p["place_id"], p["status"], p["review"]) for p, _ in added] == [
        (FIRST_ACTOR, "syr-tartus", "reported", "edited")]


def reports_page_as(ctx, app, reviewer: str):
    """A new page on the Reports page, the reviewer's name given."""
    ctx.set_default_timeout(WAIT_MS)
    expect.set_options(timeout=WAIT_MS)
    page = ctx.new_page()
    page.goto(f"{app.url}/Reports")
    wait_for_app_idle(page)
    name = page.get_by_role("textbox", name="Your name (reviewer)")
    name.fill(reviewer)
    name.press("Enter")
    wait_for_app_idle(page)
    return page


def test_accept_from_the_map_sidebar(app):
    """The name given on the Reports page holds for the session; a clicked marker's sources can
    be accepted where they are shown, and the marker then carries its tick."""
    with sync_playwright() as p:
        browser = launch_chromium(p)
        page = reports_page_as(browser.new_context(viewport={"width": 1400, "height": 1000}), app, "Rana")
        sidebar(page).get_by_role("link", name="Map").click()  # within the session, as a person would
        expect(marker(page).first).to_be_visible()
        wait_for_app_idle(page)
        tartus = open_place(page, "Tartus", layer="Russia")
        expect(tartus).to_have_attribute("data-review", "unreviewed")
        tartus.click()
        expect(sidebar(page).get_by_text("Sources for this place")).to_be_visible()
        wait_for_app_idle(page)
        enabled = sidebar(page).locator("button:not([disabled])", has_text="Accept")
        for _ in range(10):  # accept every source of the marker, one rerun each
            if enabled.count() == 0:
                break
            enabled.first.click()
            wait_for_app_idle(page)
        expect(enabled).to_have_count(0)
        accepted = open_place(page, "Tartus", layer="Russia")
        expect(accepted).to_have_attribute("data-review", "accepted")
        browser.close()


def test_reject_edit_and_add_then_the_map_and_reextraction_follow(app, tmp_path):
    with sync_playwright() as p:
        browser = launch_chromium(p)
        ctx = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
        page = reports_page_as(ctx, app, "Rana")
        search = page.get_by_role("textbox", name="Search titles, sources and text")
        search.fill("Israel Warns Turkey")
        search.press("Enter")
        wait_for_app_idle(page)

        # reject one claim
        box = claim_box(page, REJECTED)
        rejected_excerpt = box.locator("blockquote").inner_text().strip()
        box.get_by_role("button", name="Reject").click()
        saved(page, "rejected")
        expect(claim_box(page, REJECTED).get_by_text("rejected by Rana")).to_be_visible()

        # edit another: whose word it is
        box = claim_box(page, EDITED)
        box.get_by_text("Edit", exact=True).click()
        claimant = box.get_by_role("textbox", name="On whose word (claimant)")
        claimant.fill("Israeli officials")
        claimant.press("Enter")
        wait_for_app_idle(page)
        claim_box(page, EDITED).get_by_role("button", name="Save the edit").click()
        saved(page, "edited")

        # add one the extractor missed: the first actor offered, at Tartus
        adder = page.locator("[data-testid='stExpander']").filter(has_text="Add a claim the extractor missed")
        adder.get_by_text("Add a claim the extractor missed").click()
        place = adder.get_by_role("textbox", name="Place (type a name)")
        place.fill("Tartus")
        place.press("Enter")
        wait_for_app_idle(page)
        adder.get_by_role("button", name="Add this claim").click()
        saved(page, "added")

        first = download_snapshot(page, app.url, tmp_path, "after-review.geojson")
        check_decisions(first, rejected_excerpt)
        added = open_place(page, "Tartus", layer=FIRST_ACTOR, status="reported")
        # the place's mark: every claim there vouched for, or some (when this test runs alone)
        expect(added).to_have_attribute("data-review", re.compile("^(edited|partly reviewed)$"))

        # read every report again, as after an extractor change
        done = subprocess.run([sys.executable, "-m", "footprint", "reextract", "--db", app.db_url],
                              cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        page.reload()
        again = download_snapshot(page, app.url, tmp_path, "after-reextract.geojson")
        check_decisions(again, rejected_excerpt)
        assert len(sources(again)) == len(sources(first))
        ctx.close()
        browser.close()


# -- issue 9's views, in the browser (this module's own store) ---------------------------------------


def test_a_shared_link_opens_the_same_filtered_view(app):
    with browser_page() as page:
        page.goto(f"{app.url}/?status=withdrawn&actors=Russia%7CHezbollah%7CUnited%20States")
        expect(marker(page).first).to_be_visible()
        wait_for_app_idle(page)
        pairs = pairs_on_map(page)
        assert {status for _, status in pairs} == {"withdrawn"}
        assert {actor for actor, _ in pairs} <= {"Russia", "Hezbollah", "United States"}
        cards = sidebar(page).locator("div.fp-card")
        expect(cards.first).to_be_visible()
        assert all("withdrawn" in t for t in cards.all_inner_texts())
        assert "status=withdrawn" in page.url


def test_filtering_by_status_and_date_moves_the_map_the_list_and_the_snapshot(app, tmp_path):
    """An "as of" date from a link, a status chosen in the Filters: the markers, the excerpt cards,
    the address and the downloaded snapshot all follow."""
    from footprint import filters as flt
    from footprint import features as feat

    expected = flt.apply(feat.claim_features(store.claims(store.connect(app.db_url))),
                         flt.Filters(statuses=frozenset({"planned"}), date_to=dt.date(2024, 12, 31)))
    assert expected
    with browser_page(accept_downloads=True) as page:
        page.goto(f"{app.url}/?to=2024-12-31")
        expect(marker(page).first).to_be_visible()
        wait_for_app_idle(page)
        statuses = sidebar(page).locator("[data-testid='stMultiSelect']").filter(has_text="Statuses")
        statuses.get_by_role("button", name="Open").click()
        statuses.get_by_role("combobox").fill("planned")  # typed, as the list offers it
        page.get_by_role("option", name="planned", exact=True).click()
        page.keyboard.press("Escape")
        wait_for_app_idle(page)
        expect(page).to_have_url(re.compile(r"status=planned"))
        assert "to=2024-12-31" in page.url
        assert eventually(lambda: {status for _, status in pairs_on_map(page)}, {"planned"}) == {"planned"}
        cards = sidebar(page).locator("div.fp-card")
        expect(cards).to_have_count(min(20, sum(len(f.sources) for f in expected)))
        assert all("planned" in t for t in cards.all_inner_texts())
        with page.expect_download() as info:
            page.get_by_role("button", name="Download GeoJSON snapshot of this map").click()
        info.value.save_as(tmp_path / "filtered.geojson")
        snap = json.loads((tmp_path / "filtered.geojson").read_text(encoding="utf-8"))
        assert sorted(f["id"] for f in snap["features"]) == sorted(f.key for f in expected)
        assert all(s["published"] is not None and s["published"] <= "2024-12-31" for _, s in sources(snap))
        assert (snap["filters"]["status"], snap["filters"]["to"]) == ("planned", "2024-12-31")


def test_the_change_page_lists_a_known_change(app):
    with browser_page() as page:
        claims = store.claims(store.connect(app.db_url))
        days = sorted(d for c in claims if (d := diff.day_of(c)) is not None)
        start, end = days[0], max(days[-1], dt.date.today())
        expected = diff.changes(claims, start, end)
        assert expected
        page.goto(f"{app.url}/Change")
        wait_for_app_idle(page)
        expect(page.get_by_text(f"{len(expected)} changes between {start} and {end}.")).to_be_visible()
        expect(page.locator("[data-testid='stDataFrame']")).to_be_visible()
        frame = page.frame_locator("iframe[title='streamlit_folium.st_folium']")
        expect(frame.locator("path.leaflet-interactive")).to_have_count(len(expected))


def test_a_snapshot_can_be_overlaid(app, tmp_path):
    with browser_page(accept_downloads=True) as page:
        mine = download_snapshot(page, app.url, tmp_path, "mine.geojson")
        n = len(mine["features"])
        sidebar(page).get_by_text("Overlay a snapshot").click()
        sidebar(page).locator("input[type=file]").set_input_files(str(tmp_path / "mine.geojson"))
        expect(sidebar(page).get_by_text(f"{n} features overlaid")).to_be_visible()
        wait_for_app_idle(page)
        frame = page.frame_locator("iframe[title='streamlit_folium.st_folium']")
        expect(frame.locator("path.leaflet-interactive[stroke-dasharray='3 3']")).to_have_count(n)
