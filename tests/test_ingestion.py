"""Ingestion: folders, local URLs (a tiny http.server on 127.0.0.1), and one bad input not stopping the rest."""

import socket
from pathlib import Path

import pytest

from footprint import ingestion, reports, store
from footprint.errors import IngestError

from .httpserve import QuietHandler, serving

pytestmark = pytest.mark.usefixtures("allow_loopback")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
SEED = SAMPLES / "2025-06-05-israel-warns-turkey-palmyra.txt"

PAGE = b"""<!doctype html><html><head><title>Russian convoy leaves Qamishli airport | Local Wire</title>
<meta property="og:site_name" content="Local Wire"></head><body>
<nav><a href="/">Home</a> <a href="/about">About us and our team</a></nav>
<article><h1>Russian convoy leaves Qamishli airport</h1>
<p>A Russian military convoy left the Qamishli airport on Sunday morning, residents told reporters, in what
appeared to be a partial withdrawal of the forces stationed there since 2019.</p>
<p>Russian officials did not comment on the movement, which came a week after talks in Damascus on the future
of Moscow's bases in the country.</p></article>
<footer>Copyright Local Wire. All rights reserved.</footer></body></html>"""

def article(title: str, body: str) -> bytes:
    return (f"<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{body}</p></article></body></html>").encode()


STORY_A = article("Turkish drones hit villages near Kobani",
                  "Turkish drones struck two villages south of Kobani on Tuesday, the SDF said, in the third such "
                  "attack this week near the Tishreen dam, according to local sources.")
STORY_B = article("Israeli patrol enters Jubata al-Khashab",
                  "An Israeli patrol entered Jubata al-Khashab in the Quneitra countryside on Monday and set up a "
                  "checkpoint, the state news agency SANA reported, before pulling back in the evening.")
RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Local Wire</title><link>/</link>
<item><title>Turkish drones hit villages near Kobani</title><link>/a?utm_source=rss#top</link>
<pubDate>Tue, 03 Jun 2025 08:00:00 GMT</pubDate></item>
<item><title>A story that is gone</title><link>/gone</link></item>
<item><title>Israeli patrol enters Jubata</title><link>/b</link><pubDate>Mon, 02 Jun 2025 08:00:00 GMT</pubDate></item>
</channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<entry><title>Israeli patrol enters Jubata</title><link href="/b"/><updated>2025-06-02T08:00:00Z</updated></entry>
<entry><title>Gone again</title><link href="/gone"/><updated>2025-06-01T08:00:00Z</updated></entry>
</feed>"""
SEEN: list[str] = []  # every path the server was asked for

ROUTES = {
    "/a": (200, "text/html; charset=utf-8", STORY_A),
    "/b": (200, "text/html; charset=utf-8", STORY_B),
    "/feed.rss": (200, "application/rss+xml", RSS),
    "/feed.atom": (200, "application/atom+xml", ATOM),
    "/report.txt": (200, "text/plain; charset=utf-8", SEED.read_bytes()),
    "/page": (200, "text/html; charset=utf-8", PAGE),
    "/untyped": (200, "application/octet-stream", PAGE),
    "/empty.txt": (200, "text/plain", b""),
}


class Handler(QuietHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        SEEN.append(self.path)
        status, ctype, body = ROUTES.get(self.path.split("?")[0], (404, "text/plain", b"not here"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    with serving(Handler) as url:
        yield url



@pytest.fixture
def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- folders -------------------------------------------------------------------------------------


def test_expand_folder_skips_readme_and_other_files(tmp_path):
    for name in ("b.txt", "a.md", "README.md", "c.html", "notes.pdf", "d.exe"):
        (tmp_path / name).write_text("x")
    (tmp_path / "sub.txt").mkdir()
    expanded = list(ingestion.expand([str(tmp_path)]))
    assert [Path(p).name for p in expanded] == ["a.md", "b.txt", "c.html", "notes.pdf"]


def test_expand_keeps_files_and_urls_in_order(tmp_path):
    targets = [str(SEED), "https://example.org/a", str(tmp_path / "missing.txt")]
    assert list(ingestion.expand(targets)) == targets


@pytest.mark.parametrize("files", [[], ["notes.doc"], ["README.md"], ["readme.MD", "x.csv"]])
def test_folder_without_reports_is_refused(tmp_path, files):
    for name in files:
        (tmp_path / name).write_text("x")
    with pytest.raises(IngestError, match=f"{tmp_path} holds no .txt, .html, .md or .pdf files"):
        list(ingestion.expand([str(tmp_path)]))


def test_sample_folder_ingests_every_sample(engine):
    outcomes = ingestion.ingest_all(engine, [str(SAMPLES)])
    assert [Path(o.name).name for o in outcomes] == sorted(p.name for p in SAMPLES.glob("*.txt"))
    assert all(o.error is None and o.result.added for o in outcomes)
    assert len(store.reports(engine)) == len(outcomes)


def test_one_bad_target_does_not_stop_the_others(engine, tmp_path):
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    bad = tmp_path / "bad.exe"
    bad.write_text("x")
    outcomes = ingestion.ingest_all(engine, [str(bad), str(SEED), str(empty_dir)])
    assert [o.error is None for o in outcomes] == [False, True, False]
    assert "got bad.exe" in outcomes[0].error
    assert "holds no .txt" in outcomes[2].error
    assert len(store.reports(engine)) == 1


# -- URLs ----------------------------------------------------------------------------------------


def test_fetch_plain_text_report(server):
    report = ingestion.fetch(f"{server}/report.txt")
    assert report.title.startswith("Israel Warns Turkey")
    assert report.url == f"{server}/report.txt"  # the header says "unknown": the address is kept
    assert report.filename == f"{server}/report.txt"
    assert "Advertisement" not in report.text


@pytest.mark.parametrize("path", ["/page", "/untyped"])
def test_fetch_html_page(server, path):
    report = ingestion.fetch(server + path)
    assert report.title == "Russian convoy leaves Qamishli airport"
    assert "A Russian military convoy left the Qamishli airport on Sunday morning" in report.text
    assert report.text.count("Russian convoy leaves Qamishli airport") <= 1
    assert "About us" not in report.text and "Copyright" not in report.text
    assert report.original == PAGE.decode()


def test_url_ingest_stores_the_report(server, engine):
    [outcome] = ingestion.ingest_all(engine, [f"{server}/report.txt"])
    assert outcome.error is None and outcome.result.added and outcome.result.claims > 0
    assert store.reports(engine)[0]["url"] == f"{server}/report.txt"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/nothing-here", "answered HTTP 404"),
        ("/empty.txt", "is empty"),
    ],
)
def test_fetch_errors_name_the_url(server, path, message):
    url = server + path
    with pytest.raises(IngestError, match=message) as info:
        ingestion.fetch(url)
    assert url in str(info.value)


def test_fetch_from_a_port_nobody_listens_on(closed_port):
    url = f"http://127.0.0.1:{closed_port}/report.txt"
    with pytest.raises(IngestError, match=f"could not fetch {url}") as info:
        ingestion.fetch(url, timeout=5)
    assert "refused" in str(info.value).lower()


def test_failed_url_leaves_the_store_unchanged(server, engine, closed_port):
    outcomes = ingestion.ingest_all(engine, [f"{server}/missing", f"http://127.0.0.1:{closed_port}/x"])
    assert [o.result for o in outcomes] == [None, None]
    assert "HTTP 404" in outcomes[0].error
    assert store.reports(engine) == []


# -- feeds ---------------------------------------------------------------------------------------


def test_an_rss_feed_ingests_its_items_and_reports_the_dead_one(server, engine):
    outcomes = ingestion.ingest_all(engine, [f"{server}/feed.rss"])
    assert [(o.name.replace(server, ""), o.error is None) for o in outcomes] == [
        ("/a?utm_source=rss#top", True), ("/gone", False), ("/b", True)]
    assert "answered HTTP 404" in outcomes[1].error
    stored = {r["title"]: r for r in store.reports(engine)}
    assert set(stored) == {"Turkish drones hit villages near Kobani", "Israeli patrol enters Jubata al-Khashab"}
    assert outcomes[0].result.claims > 0


def test_a_feed_skips_what_is_stored_without_fetching_it_again(server, engine):
    ingestion.ingest_all(engine, [f"{server}/feed.rss"])
    SEEN.clear()
    outcomes = ingestion.ingest_all(engine, [f"{server}/feed.atom"])
    assert [(o.name.replace(server, ""), o.result.added if o.result else o.error[:40]) for o in outcomes] == [
        ("/b", False), ("/gone", f"{server}/gone answered HTTP 404 (Not Found)"[:40])]
    assert SEEN == ["/feed.atom", "/gone"], "the stored item was not fetched again"
    assert len(store.reports(engine)) == 2


def test_a_page_fetched_again_under_tracking_parameters_is_not_stored_twice(server, engine):
    [first] = ingestion.ingest_all(engine, [f"{server}/a"])
    [again] = ingestion.ingest_all(engine, [f"{server}/a?utm_medium=social&fbclid=x#comments"])
    assert first.result.added and not again.result.added and again.result.report_id == first.result.report_id


def test_a_feed_item_takes_the_feeds_date_when_the_page_has_none(server, engine):
    ingestion.ingest_all(engine, [f"{server}/feed.rss"])
    dates = {r["title"]: r["published"] for r in store.reports(engine)}
    assert dates["Turkish drones hit villages near Kobani"] == "2025-06-03"


@pytest.mark.parametrize(("url", "canonical"), [
    ("https://Example.org:443/a/b/?utm_source=x&id=7#frag", "https://example.org/a/b?id=7"),
    ("http://example.org:8080/", "http://example.org:8080/"),
    ("http://[::1]:9/x", "http://[::1]:9/x"),
    ("javascript:alert(1)", ""), ("file:///etc/passwd", ""), ("", ""),
])
def test_canonical_url(url, canonical):
    assert reports.canonical_url(url) == canonical
