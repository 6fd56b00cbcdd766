"""Fetching a stranger's address: a total deadline, a size cap, content types, redirects and
addresses, each against a real HTTP server of the test's own on 127.0.0.1."""

import ipaddress
import socket
import time

import pytest

from footprint import fetching, ingestion
from footprint.errors import IngestError

from .httpserve import QuietHandler, serving
from .pdfmaker import make_pdf

pytestmark = pytest.mark.usefixtures("allow_loopback")

ARABIC_PAGE = """<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>قوات إسرائيلية تتوغل في ريف القنيطرة</title></head><body><article>
<h1>قوات إسرائيلية تتوغل في ريف القنيطرة</h1>
<p>توغلت قوة إسرائيلية صباح اليوم في قرية الرفيد بريف القنيطرة الجنوبي، وفق ما أفادت به مصادر محلية،
وأقامت حاجزا مؤقتا على الطريق المؤدي إلى القرية قبل أن تنسحب بعد ساعات.</p>
</article></body></html>""".encode()
PAGE = b"""<!doctype html><html><head><title>Turkish drones hit villages near Kobani</title></head><body>
<article><h1>Turkish drones hit villages near Kobani</h1><p>Turkish drones struck two villages south of
Kobani on Tuesday, the SDF said, in the third such attack this week near the Tishreen dam.</p></article>
</body></html>"""
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00" + bytes(2000)


class Handler(QuietHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802 (http.server's name)
        route = self.path.split("?")[0]
        if route == "/page":
            return self._send(200, "text/html; charset=utf-8", PAGE)
        if route == "/arabic":
            return self._send(200, "text/html; charset=utf-8", ARABIC_PAGE)
        if route == "/png-as-html":
            return self._send(200, "text/html", PNG)
        if route == "/wire.pdf":
            return self._send(200, "application/pdf", make_pdf(["Turkish forces entered Tal Rifaat on Monday,",
                                                                 "according to local sources."], title="Tal Rifaat"))
        if route == "/image":
            return self._send(200, "image/png", PNG)
        if route == "/big":  # 50 MB, announced
            return self._stream(50_000_000, announce=True)
        if route == "/big-unannounced":  # 50 MB, chunked, no length given
            return self._stream(50_000_000, announce=False)
        if route == "/trickle":  # a byte of the page every half second, forever
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                for _ in range(100_000):
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(0.5)
            except OSError:
                return
        if route == "/silent":  # accepts, then never answers
            time.sleep(30)
            return None
        if route.startswith("/to/"):  # /to/<where>: a redirect
            self.send_response(302)
            self.send_header("Location", self.path[len("/to/"):])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if route == "/loop":
            self.send_response(301)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        return self._send(404, "text/plain", b"not here")

    def _send(self, status, ctype, body):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _stream(self, size, announce):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        if announce:
            self.send_header("Content-Length", str(size))
        else:
            self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        block = b"Israeli forces entered the village. " * 1800
        try:
            for _ in range(size // len(block)):
                self.wfile.write(block if announce else b"%x\r\n%s\r\n" % (len(block), block))
        except OSError:
            pass


@pytest.fixture(scope="module")
def server():
    with serving(Handler) as url:
        yield url



def test_a_pdf_url_is_read_and_keeps_its_bytes(server):
    report = ingestion.fetch(f"{server}/wire.pdf")
    assert report.title == "Tal Rifaat" and report.url == f"{server}/wire.pdf"
    assert report.text == "Turkish forces entered Tal Rifaat on Monday, according to local sources."
    assert report.raw.startswith(b"%PDF-")


def test_a_fetched_page_keeps_its_bytes(server):
    assert ingestion.fetch(f"{server}/page").raw == PAGE


def test_a_page_is_fetched_with_its_type_and_charset(server):
    page = fetching.fetch(f"{server}/page")
    assert (page.url, page.content_type, page.charset, page.data) == (f"{server}/page", "text/html", "utf-8", PAGE)


def test_a_trickling_server_is_cut_off_at_the_total_deadline(server):
    started = time.monotonic()
    with pytest.raises(IngestError, match=r"did not send its page within 2 s; nothing was stored"):
        fetching.fetch(f"{server}/trickle", deadline_s=2)
    assert 1.9 <= time.monotonic() - started < 4  # each read came in time; the whole did not


def test_a_server_that_never_answers_is_cut_off(server):
    started = time.monotonic()
    with pytest.raises(IngestError, match="did not send its page within 1.5 s"):
        fetching.fetch(f"{server}/silent", deadline_s=1.5)
    assert time.monotonic() - started < 3


@pytest.mark.parametrize("path", ["/big", "/big-unannounced"])
def test_a_50_mb_body_is_refused_at_the_cap(server, path):
    started = time.monotonic()
    with pytest.raises(IngestError, match=r"sends more than 10 MB"):
        fetching.fetch(server + path)
    assert time.monotonic() - started < 10


def test_a_binary_served_as_html_is_refused_as_binary(server):
    with pytest.raises(IngestError, match="looks binary, not text"):
        ingestion.fetch(f"{server}/png-as-html")


def test_an_image_is_refused_by_its_type(server):
    with pytest.raises(IngestError, match=r"is image/png, not a web page or text"):
        fetching.fetch(f"{server}/image")


def test_a_404_names_the_address(server):
    with pytest.raises(IngestError, match=rf"{server}/gone answered HTTP 404 \(Not Found\)"):
        fetching.fetch(f"{server}/gone")


def test_redirects_are_followed_to_http(server):
    page = fetching.fetch(f"{server}/to/{server}/page")
    assert page.url == f"{server}/page" and page.data == PAGE
    assert fetching.fetch(f"{server}/to//page").url == f"{server}/page"  # a relative Location


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/x", "javascript:alert(1)"])
def test_a_redirect_off_the_web_is_refused(server, target):
    with pytest.raises(IngestError, match=r"which is not an http:// or https:// address"):
        fetching.fetch(f"{server}/to/{target}")


@pytest.mark.parametrize("target", ["http://10.1.2.3/", "http://169.254.169.254/latest/meta-data/",
                                    "http://[::1]:9/", "http://192.168.0.1/", "http://0.0.0.0:1/"])
def test_a_redirect_to_a_private_address_is_refused(server, target):
    """127.0.0.1 is allowed for the test server; the other private addresses are not."""
    with pytest.raises(IngestError, match=r"Footprint fetches public web pages only"):
        fetching.fetch(f"{server}/to/{target}", deadline_s=5)


def test_endless_redirects_stop(server):
    with pytest.raises(IngestError, match="redirected more than 5 times"):
        fetching.fetch(f"{server}/loop")


def test_loopback_is_refused_without_the_setting(server, monkeypatch):
    monkeypatch.delenv(fetching.ALLOW_ENV)
    with pytest.raises(IngestError, match=r"leads to this machine \(loopback\) \(127.0.0.1\).*"
                                          rf"{fetching.ALLOW_ENV}=127.0.0.1"):
        fetching.fetch(f"{server}/page")


def test_a_name_that_resolves_to_loopback_is_refused(server, monkeypatch):
    monkeypatch.delenv(fetching.ALLOW_ENV)
    port = server.rsplit(":", 1)[1]
    with pytest.raises(IngestError, match=r"leads to this machine"):
        fetching.fetch(f"http://localhost:{port}/page")


@pytest.mark.parametrize(("address", "why"), [
    ("127.0.0.1", "this machine (loopback)"), ("10.0.0.8", "a private network"), ("172.16.5.4", "a private network"),
    ("192.168.1.1", "a private network"), ("169.254.169.254", "a link-local address"), ("::1", "this machine (loopback)"),
    ("fe80::1", "a link-local address"), ("fd00::1", "a private network"), ("::ffff:127.0.0.1", "this machine (loopback)"),
    ("224.0.0.1", "a multicast address"), ("0.0.0.0", "an unspecified address"), ("100.64.0.1", "a private network"),
    ("8.8.8.8", None), ("2606:4700::1111", None),
])
def test_refusal_by_address(address, why):
    assert fetching.refusal(ipaddress.ip_address(address), []) == why


def test_the_setting_opens_what_it_names():
    ten = ipaddress.ip_address("10.20.3.4")
    assert fetching.refusal(ten, fetching.allowed_networks("10.20.0.0/16")) is None
    assert fetching.refusal(ten, fetching.allowed_networks("127.0.0.1")) == "a private network"
    assert fetching.refusal(ten, fetching.allowed_networks("1")) is None
    assert fetching.allowed_networks("0") == [] and fetching.allowed_networks("") == []
    with pytest.raises(IngestError, match="neither an IP address nor a network"):
        fetching.allowed_networks("intranet")


def test_this_machines_own_public_address_is_refused(monkeypatch):
    """A public address of one of the machine's own interfaces reaches its own services."""
    mine = ipaddress.ip_address("203.0.113.7")  # (a documentation address, standing in for the machine's)
    assert fetching.refusal(mine, []) == "a private network"  # documentation ranges are reserved
    public = ipaddress.ip_address("8.8.4.4")
    monkeypatch.setattr(fetching, "own_addresses", lambda: frozenset({public}))
    assert fetching.refusal(public, []) == "this machine"
    assert fetching.refusal(ipaddress.ip_address("8.8.8.8"), []) is None


def test_own_addresses_include_what_the_host_name_resolves_to():
    named = {ipaddress.ip_address(info[4][0].split("%")[0]) for info in socket.getaddrinfo(socket.gethostname(), None)}
    assert named <= fetching.own_addresses()


def test_an_arabic_page_is_read_as_the_text_it_is_and_noted(server, engine):
    report = ingestion.fetch(f"{server}/arabic")
    assert "قرية الرفيد" in report.text
    assert report.title == "قوات إسرائيلية تتوغل في ريف القنيطرة"
    result = ingestion.ingest_report(engine, report)
    assert (result.language, result.claims) == ("ar", 0) and result.places >= 2


def test_a_port_nobody_listens_on_is_refused_quickly():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(IngestError, match=f"could not fetch http://127.0.0.1:{port}/x: .*refused"):
        fetching.fetch(f"http://127.0.0.1:{port}/x", deadline_s=5)
