"""Hostile reports in Chromium: titles, sources, addresses and sentences carrying Markdown images and
links, emphasis, `<script>`, `onerror` and `javascript:` are shown as the characters they are on
every page, run nothing and fetch nothing.

A server of its own, on a store of its own: three reports ingested the real way (pasted text, a file
in the samples' header format, and the Reports page's Paste text form), each of which still makes
claims, so that its words reach the map's markers, popups and sidebar cards. On every page, in
every frame (the map is a component in an iframe): the flag the payloads would set stays unset, no
element the payloads would make exists, and no request leaves the app's own address.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect  # a missing browser stack fails the suite, never skips it

from footprint import reports, store
from footprint.errors import IngestError
from footprint.ingestion import ingest_all, ingest_report
from tests.browser import (
    CHROMIUM, MARKER, browser_page, map_frame, open_place, places_on_map, serve, sidebar, wait_for_app_idle,
)

pytestmark = pytest.mark.browser

WAIT_MS = 20_000
ATTACKER = "203.0.113.9"  # TEST-NET-3: documentation only, nothing answers there
IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "<script>window.__pwned=2</script>"
MD_IMAGE = f"![x](http://{ATTACKER}/track.png)"
MD_LINK = "[click](javascript:window.__pwned=3)"
MARKUP = "**bold** :red[crimson] $x^2$"
HOSTILE_URL = f'http://{ATTACKER}/"><script>window.__pwned=4</script>'
JS_URL = "javascript:window.__pwned=5"
FORM_URL = f"http://{ATTACKER}/'onmouseover='window.__pwned=6"

# Two sentences that make claims (Turkey at the T4 airbase; Russia at a village the gazetteer lacks,
# drawn near Qamishli), the payloads written into them.
T4 = f"Turkish troops are deployed at the T4 airbase near Palmyra {IMG} {SCRIPT} {MD_IMAGE} {MD_LINK} {MARKUP}."
VILLAGE = f"Russian forces were deployed in Tal O'Zzyzx, a village near Qamishli {SCRIPT}."
VILLAGE_PLACE = "Tal O'Zzyzx (approximate: in Qamishli)"
PASTED_TITLE, PASTED_SOURCE = f"Troops at T4 {IMG} {MD_IMAGE}", f"Wire {SCRIPT} {MD_LINK}"
# A file in the header format, a month later: Turkey has left (a change), its javascript: address dropped.
LEFT = f"Turkish forces left the T4 airbase near Palmyra {MD_IMAGE} {MD_LINK}."
FILE_TITLE, FILE_SOURCE = f"**Withdrawal** {SCRIPT} {IMG} {MD_IMAGE}", f"{MD_LINK} <b>wire</b>"
# Pasted into the app's own form.
FORM_TEXT = f"Iranian forces were deployed at the Shayrat airbase {IMG} {MD_IMAGE} {MARKUP}."
FORM_TITLE, FORM_SOURCE = f"Form {IMG} {MD_LINK}", f"{SCRIPT} **agency**"

# What the Markdown and HTML above would make if they were read as such: an element holding only
# one of these words (a link "click", emphasis "bold"…).
RENDERED_WORDS = ["click", "bold", "crimson", "Withdrawal", "wire", "agency"]

# Every element of a document that a payload would have made: a handler or a javascript: address,
# an image or other fetching element pointing at the attacker, a script holding a payload, a word
# of Markdown emphasis, link or coloured text as an element of its own, an image of the payloads
# (its handler stripped or not), KaTeX.
FIND_RENDERED = """([attacker, words]) => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    for (const a of el.attributes) {
      const name = a.name.toLowerCase(), value = a.value;
      if (name.startsWith('on') && value.includes('__pwned')) bad.push(`<${tag} ${name}="${value}">`);
      if (name === 'value') continue;  // what is typed in a field
      if (/^\\s*javascript:/i.test(value)) bad.push(`<${tag} ${name}="${value}">`);
      if (tag !== 'a' && value.includes(attacker)) bad.push(`<${tag} ${name}="${value}">`);
    }
    if (tag === 'script' && el.textContent.trim().startsWith('window.__pwned')) bad.push(`<script>${el.textContent}`);
    if (words.includes(el.textContent.trim()) && !el.matches('input, textarea')) bad.push(`<${tag}>${el.textContent}`);
    if (tag === 'img' && (el.getAttribute('alt') === 'x' || el.getAttribute('src') === 'x')) bad.push(el.outerHTML);
    if (el.classList.contains('katex')) bad.push(`<${tag} class="katex">`);
  }
  return bad;
}"""


def hostile_store(directory: Path) -> str:
    """A new SQLite store in ``directory`` holding the hostile reports, ingested the real ways; its URL."""
    url = f"sqlite:///{directory / 'footprint-hostile.db'}"
    engine = store.connect(url)
    try:
        pasted = reports.pasted(f"DAMASCUS, 5 June 2025\n\n{T4}\n\n{VILLAGE}\n", title=PASTED_TITLE,
                                source=PASTED_SOURCE, url=HOSTILE_URL, published="2025-06-05")
        assert ingest_report(engine, pasted).claims == 2
        path = directory / "hostile-withdrawal.txt"
        path.write_text(f"title: {FILE_TITLE}\nsource: {FILE_SOURCE}\nurl: {JS_URL}\npublished: 2025-07-01\n---\n"
                        f"{LEFT}\n", encoding="utf-8")
        [outcome] = ingest_all(engine, [str(path)])
        assert outcome.error is None and outcome.result.claims == 1, outcome
    finally:
        engine.dispose()
    return url


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's Chromium is not at {CHROMIUM}: run 'make chromium' (as root)")
    tmp = tmp_path_factory.mktemp("hostile")
    with serve(hostile_store(tmp), tmp) as running:
        yield running


@pytest.fixture(scope="module")
def requests_seen() -> list[str]:
    return []


@pytest.fixture(scope="module")
def context(hostile, requests_seen):
    with browser_page(WAIT_MS) as first:
        ctx = first.context
        # the context sees the requests of every page and of every frame inside them
        ctx.on("request", lambda request: requests_seen.append(request.url))
        first.close()
        yield ctx


@pytest.fixture
def page(context, requests_seen):
    """A new page; the requests logged are this test's own."""
    requests_seen.clear()
    pg = context.new_page()
    pg.on("websocket", lambda ws: requests_seen.append(ws.url))
    yield pg
    pg.close()


def open_page(page, hostile, path: str = "") -> None:
    page.goto(f"{hostile.url}/{path}")
    wait_for_app_idle(page)


def check_inert(page, hostile, requests_seen: list[str]) -> int:
    """In every frame of the page: the payloads' flag unset and nothing they would make; and no
    request but to the app's own address. How many frames were looked into."""
    page.wait_for_timeout(200)  # an image's onerror fires once its request has failed
    frames = page.frames
    for frame in frames:
        assert frame.evaluate("() => typeof window.__pwned") == "undefined", f"a payload ran in {frame.url}"
        made = frame.evaluate(FIND_RENDERED, [ATTACKER, RENDERED_WORDS])
        assert not made, f"rendered in {frame.url}:\n" + "\n".join(made)
    own = (f"http://127.0.0.1:{hostile.port}/", f"ws://127.0.0.1:{hostile.port}/")
    assert requests_seen, "no request was logged"
    elsewhere = sorted({url for url in requests_seen if not url.startswith(own)})
    assert not elsewhere, "requests that left the app:\n" + "\n".join(elsewhere)
    return len(frames)


def test_a_javascript_address_is_refused_or_dropped(hostile):
    """Typed beside pasted text, a javascript: address is refused with its reason; in a file's
    header it is dropped and the report stored without one. The hostile http address is kept."""
    with pytest.raises(IngestError, match=re.escape(f"got {JS_URL!r}")):
        reports.pasted(T4, title=PASTED_TITLE, url=JS_URL)
    engine = store.connect(hostile.db_url)
    try:
        stored = {r["title"]: r for r in store.reports(engine)}
    finally:
        engine.dispose()
    assert stored[FILE_TITLE]["url"] == "" and stored[FILE_TITLE]["source"] == FILE_SOURCE
    assert stored[PASTED_TITLE]["url"] == HOSTILE_URL and stored[PASTED_TITLE]["source"] == PASTED_SOURCE


def test_the_paste_form_shows_a_refusal_and_a_success_as_written(page, hostile, requests_seen):
    open_page(page, hostile, "Reports")
    page.get_by_role("tab", name="Add reports").click()
    form = page.locator("[data-testid='stForm']").first
    form.get_by_role("textbox", name="Title (optional)").fill(FORM_TITLE)
    form.get_by_role("textbox", name="Source (optional)").fill(FORM_SOURCE)
    form.get_by_role("textbox", name="Source URL (optional)").fill(JS_URL)
    form.get_by_role("textbox", name="Published (optional, YYYY-MM-DD)").fill("2025-06-20")
    form.get_by_role("textbox", name="Report text").fill(FORM_TEXT)
    form.get_by_role("button", name="Add this report").click()
    refusal = page.locator("[data-testid='stAlert']").filter(has_text="http:// or https://")
    expect(refusal).to_contain_text(f"got {JS_URL!r}")
    check_inert(page, hostile, requests_seen)

    form.get_by_role("textbox", name="Source URL (optional)").fill(FORM_URL)
    form.get_by_role("button", name="Add this report").click()
    stored = page.locator("[data-testid='stAlert']").filter(has_text="Stored")
    expect(stored).to_contain_text(f"Stored {FORM_TITLE}: 1 claims")
    expect(refusal).to_have_count(0)
    check_inert(page, hostile, requests_seen)


def test_the_map_its_popups_and_its_sidebar(page, hostile, requests_seen):
    open_page(page, hostile)
    expect(map_frame(page).locator(MARKER).first).to_be_visible()
    wait_for_app_idle(page)
    assert {"Tiyas (T4) Airbase", VILLAGE_PLACE} <= places_on_map(page)
    cards = sidebar(page).locator("div.fp-card")
    for text in (T4, VILLAGE, PASTED_TITLE, PASTED_SOURCE, LEFT, FILE_TITLE, FILE_SOURCE):
        expect(cards.filter(has_text=text).first).to_be_visible()
    assert check_inert(page, hostile, requests_seen) >= 2, "the map's iframe was looked into"
    assert any(url.endswith("/leaflet/leaflet.js") for url in requests_seen), "the map iframe's requests are logged"

    open_place(page, VILLAGE_PLACE).click()
    popup = map_frame(page).locator(".leaflet-popup-content")
    expect(popup.filter(has_text=VILLAGE_PLACE)).to_be_visible()
    expect(sidebar(page).get_by_text("Sources for this place")).to_be_visible()
    wait_for_app_idle(page)
    expect(sidebar(page).locator("div.fp-card").filter(has_text=VILLAGE)).to_have_count(1)
    check_inert(page, hostile, requests_seen)

    sidebar(page).get_by_role("button", name="Show all excerpts on the map").click()
    wait_for_app_idle(page)
    open_place(page, "Tiyas", layer="Turkey").click()
    expect(popup.filter(has_text="Tiyas (T4) Airbase")).to_be_visible()
    side = sidebar(page)
    expect(side.get_by_text("Sources for this place")).to_be_visible()
    wait_for_app_idle(page)
    open_place(page, "Tiyas", layer="Turkey").hover()
    expect(map_frame(page).locator(".leaflet-tooltip", has_text="Tiyas (T4) Airbase — Turkey")).to_be_visible()
    reported = side.locator("div.fp-card").filter(has_text=T4)
    expect(reported).to_have_count(1)
    # the hostile http address is the heading's link, whole; the dropped javascript: one is no link
    expect(reported.locator(".fp-card-title a")).to_have_attribute("href", HOSTILE_URL)
    expect(reported.locator(".fp-card-title")).to_have_text(PASTED_TITLE)
    expect(reported.locator(".fp-card-meta")).to_contain_text(PASTED_SOURCE)
    left = side.locator("div.fp-card").filter(has_text=LEFT)
    expect(left).to_have_count(1)
    expect(left.locator(".fp-card-title")).to_have_text(FILE_TITLE)
    expect(left.locator("a")).to_have_count(0)
    check_inert(page, hostile, requests_seen)


def open_report(page, search: str) -> None:
    box = page.get_by_role("textbox", name="Search titles, sources and text")
    box.fill(search)
    box.press("Enter")
    wait_for_app_idle(page)


def test_the_reports_page_shows_a_report_as_written(page, hostile, requests_seen):
    open_page(page, hostile, "Reports")
    open_report(page, "Troops at T4")
    main = page.locator("[data-testid='stMain']")
    expect(main.get_by_role("combobox", name="Open a report")).to_have_value(
        f"{PASTED_TITLE} — {PASTED_SOURCE}, 2025-06-05")
    expect(main.locator("[data-testid='stText']")).to_have_text(PASTED_TITLE)
    expect(main.locator("[data-testid='stCaptionContainer']").filter(has_text=HOSTILE_URL)).to_contain_text(PASTED_SOURCE)
    text = main.locator("div.fp-excerpt")
    expect(text).to_contain_text(T4)
    expect(text).to_contain_text(VILLAGE)
    expect(main.locator("blockquote.fp-excerpt").filter(has_text=T4)).to_have_count(1)
    check_inert(page, hostile, requests_seen)

    open_report(page, "Withdrawal")
    expect(main.locator("[data-testid='stText']")).to_have_text(FILE_TITLE)
    expect(main.locator("[data-testid='stCaptionContainer']").filter(has_text="2025-07-01")).to_contain_text(FILE_SOURCE)
    expect(main.locator("div.fp-excerpt").first).to_contain_text(LEFT)
    check_inert(page, hostile, requests_seen)


def test_the_place_names_page_quotes_the_sentences_as_written(page, hostile, requests_seen):
    open_page(page, hostile, "Place_names")
    village = page.locator("[data-testid='stExpander']").filter(has_text="Tal O'Zzyzx — not in the gazetteer")
    expect(village).to_have_count(1)
    expect(village.locator("blockquote.fp-excerpt")).to_have_text(VILLAGE)
    check_inert(page, hostile, requests_seen)


@pytest.mark.parametrize(("path", "shown"), [
    ("Claims", re.compile(r"\d+ claims from \d+ reports")),
    ("Summaries", "Most-cited sources"),
    ("Change", re.compile(r"[1-9]\d* changes between 2025-06-05 and ")),
])
def test_the_tables_and_the_change_map_hold_no_payload(page, hostile, requests_seen, path, shown):
    """These pages show report text in tables (drawn on a canvas) and the change map's tooltips."""
    open_page(page, hostile, path)
    expect(page.get_by_text(shown).first).to_be_visible()
    expect(page.locator("[data-testid='stDataFrame']").first).to_be_visible()
    if path == "Change":
        changes = map_frame(page).locator("path.leaflet-interactive")
        expect(changes.first).to_be_visible()
        changes.first.hover()
        expect(map_frame(page).locator(".leaflet-tooltip")).to_contain_text(" at ")
    assert check_inert(page, hostile, requests_seen) >= (2 if path == "Change" else 1)
