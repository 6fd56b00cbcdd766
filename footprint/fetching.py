"""Fetching a page a person asked for, and nothing else: a total deadline, a size cap, checked
addresses and redirects.

A URL typed into the app or the command line is a stranger's address. So a fetch

* ends at a **total deadline** (``DEADLINE_S``, for the whole exchange, not per read: a server
  that trickles a byte every few seconds is cut off when the time is up);
* stops at a **size cap** (``MAX_BYTES``) whatever the server announces;
* follows at most ``MAX_REDIRECTS`` redirects, and only to ``http``/``https`` addresses;
* refuses a host that resolves to a **loopback, private, link-local, reserved or multicast**
  address, or to one of this machine's own addresses, unless ``FOOTPRINT_ALLOW_PRIVATE_URLS``
  allows it: ``1`` allows every such address, a comma-separated list of addresses or networks
  (``127.0.0.1``, ``10.20.0.0/16``) allows those only. Every hop is checked, and the connection
  goes to the address that was checked (a second DNS answer cannot swap it);
* refuses a content type that is no text (images, archives, audio, video…).

Proxy variables are not used: the fetch goes straight to the checked address.
"""

from __future__ import annotations

import concurrent.futures
import http.client
import ipaddress
import os
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from . import __version__
from .errors import IngestError

ALLOW_ENV = "FOOTPRINT_ALLOW_PRIVATE_URLS"
DEADLINE_S = 20.0
MAX_BYTES = 10 * 2**20
MAX_REDIRECTS = 5
USER_AGENT = f"Footprint/{__version__} (open-source map of reported foreign military presence in Syria)"
#: Content types read as reports (the body is sniffed for ``application/octet-stream``).
TEXT_TYPES = frozenset({
    "text/html", "application/xhtml+xml", "text/plain", "text/markdown", "text/x-markdown",
    "application/octet-stream", "application/rss+xml", "application/atom+xml", "application/rdf+xml",
    "application/xml", "text/xml", "application/feed+json", "application/pdf",
})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class Page:
    """What a fetch brought back: the final address (after redirects), its content type, the
    charset the server named (or ``None``) and the body's bytes."""

    url: str
    content_type: str
    charset: str | None
    data: bytes


def allowed_networks(value: str | None = None) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network] | None:
    """The non-public networks a setting opens: ``None`` for all of them ("1"), else a list
    (empty when the setting is off).

    Raises
    ------
    IngestError
        When an entry is neither an address nor a network.
    """
    value = (os.environ.get(ALLOW_ENV, "") if value is None else value).strip()
    if value.lower() in ("1", "true", "yes", "all"):
        return None
    if value.lower() in ("", "0", "false", "no", "off"):
        return []
    networks = []
    for part in (p.strip() for p in value.split(",")):
        if not part:
            continue
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError as err:
            raise IngestError(f"{ALLOW_ENV} holds {part!r}, which is neither an IP address nor a network "
                              f"(expected 1, or a list such as 127.0.0.1,10.20.0.0/16)") from err
    return networks


@lru_cache(maxsize=1)
def own_addresses() -> frozenset[_Address]:
    """Addresses of this machine's interfaces that its name resolves to, and the ones it would
    send from (found by connecting a UDP socket, which sends nothing)."""
    found: set[_Address] = set()
    for name in {socket.gethostname(), socket.getfqdn()}:
        try:
            for *_, sockaddr in socket.getaddrinfo(name, None):
                found.add(ipaddress.ip_address(sockaddr[0].split("%")[0]))
        except OSError:
            pass
    for family, probe in ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1")):
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as s:
                s.connect((probe, 9))
                found.add(ipaddress.ip_address(s.getsockname()[0].split("%")[0]))
        except OSError:
            pass
    return frozenset(found)


def refusal(address: _Address, networks) -> str | None:
    """Why ``address`` may not be fetched from under the allowed ``networks``, or ``None``."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if networks is None or any(address.version == n.version and address in n for n in networks):
        return None
    for test, what in ((lambda a: a.is_loopback, "this machine (loopback)"),
                       (lambda a: a.is_link_local, "a link-local address"),
                       (lambda a: a.is_multicast, "a multicast address"),
                       (lambda a: a.is_unspecified, "an unspecified address"),
                       (lambda a: a.is_private or a.is_reserved or not a.is_global, "a private network"),
                       (lambda a: a in own_addresses(), "this machine")):
        if test(address):
            return what
    return None


def fetch(url: str, *, deadline_s: float = DEADLINE_S, max_bytes: int = MAX_BYTES,
          allow: str | None = None, accept: str = "text/html, text/plain;q=0.9, */*;q=0.5") -> Page:
    """GET ``url`` under the rules in this module's docstring.

    Raises
    ------
    IngestError
        With a message that names the address and says what to do, for every refusal and failure.
    """
    networks = allowed_networks(allow)
    ends = time.monotonic() + deadline_s
    current = url.strip()
    for _ in range(MAX_REDIRECTS + 1):
        status, reason, headers, data = _get(current, ends, deadline_s, max_bytes, networks, accept)
        if status in _REDIRECTS and headers.get("Location"):
            target = urljoin(current, headers["Location"].strip())
            if urlsplit(target).scheme.lower() not in ("http", "https"):
                raise IngestError(f"{url} redirected to {target}, which is not an http:// or https:// address; "
                                  "Footprint follows redirects to web pages only")
            current = target
            continue
        if status >= 400:
            raise IngestError(f"{current} answered HTTP {status} ({reason}): check the address")
        if status >= 300:
            raise IngestError(f"{current} answered HTTP {status} ({reason}) without a page to go to")
        ctype = (headers.get_content_type() or "application/octet-stream").lower()
        if ctype not in TEXT_TYPES:
            raise IngestError(f"{current} is {ctype}, not a web page or text: Footprint reads HTML pages, "
                              "plain text and feeds")
        return Page(current, ctype, headers.get_content_charset(), data)
    raise IngestError(f"{url} redirected more than {MAX_REDIRECTS} times: give the article's own address")


def _get(url: str, ends: float, deadline_s: float, max_bytes: int, networks, accept: str):
    """One request and its response, or an IngestError; ``ends`` is the monotonic deadline."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise IngestError(f"expected an http:// or https:// address, got {url!r}")
    try:
        host, port = parts.hostname, parts.port or (443 if scheme == "https" else 80)
    except ValueError as err:
        raise IngestError(f"{url} is not a valid address: {err}") from err
    if not host:
        raise IngestError(f"{url} names no host")
    address = _resolve(url, host, port, ends, deadline_s, networks)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    sock = None
    timer = None
    late = threading.Event()
    try:
        sock = socket.create_connection((str(address), port), timeout=_left(ends, url, deadline_s))
        if scheme == "https":
            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
        # the watchdog: whatever the server does, the socket is shut when the time is up
        timer = threading.Timer(_left(ends, url, deadline_s), _shut, (sock, late))
        timer.daemon = True
        timer.start()
        conn = http.client.HTTPConnection(host, port)
        conn.sock = sock
        conn.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        default_port = 443 if scheme == "https" else 80
        conn.putheader("Host", host if port == default_port else f"{host}:{port}")
        conn.putheader("User-Agent", USER_AGENT)
        conn.putheader("Accept", accept)
        conn.putheader("Accept-Encoding", "identity")
        conn.putheader("Connection", "close")
        conn.endheaders()
        response = conn.getresponse()
        length = response.getheader("Content-Length")
        if length and length.strip().isdigit() and int(length) > max_bytes:
            raise IngestError(_too_large(url, max_bytes))
        chunks, size = [], 0
        if response.status not in _REDIRECTS:
            while True:
                chunk = response.read1(65536)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise IngestError(_too_large(url, max_bytes))
                chunks.append(chunk)
        if late.is_set():  # the watchdog shut the socket: what came is only part of the page
            raise IngestError(_late(url, deadline_s))
        return response.status, response.reason, response.headers, b"".join(chunks)
    except IngestError:
        raise
    except (OSError, http.client.HTTPException, ValueError) as err:
        if late.is_set() or time.monotonic() >= ends:
            raise IngestError(_late(url, deadline_s)) from err
        if isinstance(err, ssl.SSLError):
            raise IngestError(f"could not fetch {url}: its secure connection failed ({err.reason or err})") from err
        raise IngestError(f"could not fetch {url}: {getattr(err, 'strerror', None) or err}") from err
    finally:
        if timer is not None:
            timer.cancel()
        if sock is not None:
            sock.close()


def _resolve(url, host, port, ends, deadline_s, networks) -> _Address:
    """The address to connect to: every address the name resolves to must be allowed."""
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        found = [literal]
    else:
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
        try:
            infos = pool.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM).result(
                timeout=_left(ends, url, deadline_s))
        except concurrent.futures.TimeoutError as err:
            raise IngestError(_late(url, deadline_s)) from err
        except OSError as err:
            raise IngestError(f"could not fetch {url}: the name {host} could not be resolved "
                              f"({getattr(err, 'strerror', None) or err})") from err
        finally:
            pool.shutdown(wait=False)
        found = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    for address in found:
        why = refusal(address, networks)
        if why is not None:
            raise IngestError(f"{url} leads to {why} ({address}); Footprint fetches public web pages only. "
                              f"To allow it, set {ALLOW_ENV}={address} (or 1 for every private address)")
    return found[0]


def _left(ends: float, url: str, deadline_s: float) -> float:
    left = ends - time.monotonic()
    if left <= 0:
        raise IngestError(_late(url, deadline_s))
    return left


def _shut(sock: socket.socket, late: threading.Event) -> None:
    late.set()
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _late(url: str, deadline_s: float) -> str:
    return f"{url} did not send its page within {deadline_s:g} s; nothing was stored. Try again later"


def _too_large(url: str, max_bytes: int) -> str:
    return f"{url} sends more than {max_bytes / 2**20:g} MB; a report page is smaller: give the article's own address"
