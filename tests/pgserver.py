"""A throw-away PostgreSQL server for the tests: Debian's server binaries, a cluster made in a
temporary folder, listening on 127.0.0.1 only, on a free port, and removed when the tests end.

PostgreSQL will not run as root: under root the server runs as the ``postgres`` user that
Debian's package creates.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

INSTALL = "apt-get install postgresql (as root), or: make postgresql"


def bindir() -> Path | None:
    """The newest Debian PostgreSQL server's bin folder (``initdb`` is not on PATH there)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name)
                   if p.parent.parent.name.isdigit() else 0)
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One running server; ``database()`` gives the URL of a new, empty database on it."""

    def __init__(self) -> None:
        bins = bindir()
        if bins is None:
            raise RuntimeError(f"PostgreSQL's server is not installed: {INSTALL}")
        self.bins = bins
        self.folder = Path(tempfile.mkdtemp(prefix="footprint-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            try:
                user = pwd.getpwnam("postgres")
            except KeyError as err:
                raise RuntimeError("running as root, the test server needs the 'postgres' user that "
                                   f"Debian's package creates: {INSTALL}") from err
            os.chown(self.folder, user.pw_uid, user.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self._names = itertools.count(1)
        self._run("initdb", "-D", str(self.data), "-U", "footprint", "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        # durability settings off: the tests kill processes, never the machine
        options = (f"-h 127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off -c synchronous_commit=off "
                   "-c full_page_writes=off -c max_connections=60")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "server.log"),
                  "-w", "-t", "60", "start")
        self.url = f"postgresql+psycopg://footprint@127.0.0.1:{self.port}"

    def _run(self, tool: str, *args: str) -> None:
        done = subprocess.run([*self.as_user, str(self.bins / tool), *args], capture_output=True, text=True,
                              timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"{tool} failed: {done.stderr or done.stdout}")

    def database(self, prefix: str = "t") -> str:
        """A new empty database; its SQLAlchemy URL."""
        import psycopg

        name = f"{prefix}_{next(self._names)}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=footprint dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"{self.url}/{name}"

    def stop(self) -> None:
        subprocess.run([*self.as_user, str(self.bins / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w",
                        "stop"], capture_output=True, timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)
