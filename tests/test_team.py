"""A team behind a reverse proxy, as the README sets it up: nginx (docs/team/nginx-footprint.conf,
run as written but for its ports and paths) asks for a password, passes the WebSocket through,
lets monitoring read /health without one, and tells the app who signed in."""

import base64
import hashlib
import os
import subprocess
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.browser import MARKER, browser_page, filled_store, free_port, map_frame, paste_report, serve
from tests.conftest import ROOT

NGINX = "/usr/sbin/nginx"
SITE = ROOT / "docs" / "team" / "nginx-footprint.conf"


def ssha(password: str) -> str:
    """A salted SHA-1 password line for nginx's auth_basic_user_file (RFC 2307 {SSHA})."""
    salt = os.urandom(8)
    return "{SSHA}" + base64.b64encode(hashlib.sha1(password.encode() + salt).digest() + salt).decode()


@contextmanager
def nginx(folder: Path, app_port: int) -> int:
    if not Path(NGINX).exists():
        pytest.fail(f"nginx is not at {NGINX}: run 'make nginx' (as root) or 'sudo apt-get install nginx-light'")
    port = free_port()
    (folder / "htpasswd").write_text(f"rana:{ssha('olive-tree-7')}\n")
    site = SITE.read_text()
    for old, new in (("listen 8080;", f"listen 127.0.0.1:{port};"), ("127.0.0.1:8501", f"127.0.0.1:{app_port}"),
                     ("/etc/nginx/footprint.htpasswd", str(folder / "htpasswd"))):
        assert old in site, f"{SITE} no longer holds {old!r}: update this test with it"
        site = site.replace(old, new)
    (folder / "site.conf").write_text(site)
    temp = " ".join(f"{kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi",
                                                                         "scgi"))
    (folder / "nginx.conf").write_text(
        f"{'user root;' if os.geteuid() == 0 else ''} daemon off; pid {folder / 'nginx.pid'}; "
        f"error_log {folder / 'error.log'}; events {{}} "
        f"http {{ access_log {folder / 'access.log'}; {temp} include {folder / 'site.conf'}; }}\n")
    proc = subprocess.Popen([NGINX, "-c", str(folder / "nginx.conf"), "-p", str(folder)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1).close()
                break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None:
                    pytest.fail(f"nginx did not start: {proc.stderr.read().decode(errors='replace')}")
                __import__("time").sleep(0.1)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def status(url: str, auth: tuple[str, str] | None = None) -> int:
    request = urllib.request.Request(url)
    if auth:
        request.add_header("Authorization", "Basic " + base64.b64encode(":".join(auth).encode()).decode())
    try:
        with urllib.request.urlopen(request, timeout=10) as resp:
            return resp.status
    except urllib.error.HTTPError as err:
        return err.code


def test_the_app_behind_nginx_asks_for_a_password_and_names_who_stored_what(tmp_path):
    with serve(filled_store(tmp_path), tmp_path, env={"FOOTPRINT_USER_HEADER": "X-Forwarded-User"}) as app, \
            nginx(tmp_path, app.port) as port:
        front = f"http://127.0.0.1:{port}"
        assert status(f"{front}/") == 401
        assert status(f"{front}/", ("rana", "wrong")) == 401
        assert status(f"{front}/", ("rana", "olive-tree-7")) == 200
        assert status(f"{front}/health") == 200  # monitoring needs no password
        with browser_page(http_credentials={"username": "rana", "password": "olive-tree-7"}) as page:
            page.goto(f"{front}/")
            map_frame(page).locator(MARKER).first.wait_for()  # the page and its WebSocket came through
            paste_report(page, front, "Convoy at T4")
    [line] = [line for line in (tmp_path / "streamlit.err").read_text().splitlines() if " ingest " in line]
    assert " footprint: rana ingest " in line
