"""A throwaway PostgreSQL cluster for the tests: initdb into a temp folder, a server that
listens only on a Unix socket in that folder, one fresh database per test, gone at the end.

initdb and the server refuse to run as root; under root (as in CI) they run as the
``postgres`` system user that Debian's package creates (or ``nobody``), which owns the
cluster's folder. The server's programs are found on PATH or where Debian keeps them
(``/usr/lib/postgresql/<version>/bin``).
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import psycopg

_counter = itertools.count(1)


class PostgresUnavailable(RuntimeError):
    """The cluster could not be set up; the message says why and what to install."""


def find_bin_dir() -> Path:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if not candidates:
        raise PostgresUnavailable(
            "PostgreSQL's pg_ctl is neither on PATH nor in /usr/lib/postgresql/*/bin: "
            "install Debian's 'postgresql' package (make test does: scripts/sysdeps)"
        )
    best = max(candidates, key=lambda p: int(p.parent.parent.name.split(".")[0]))
    return best.parent


def _server_user() -> pwd.struct_passwd | None:
    """The unprivileged user the server runs as when we are root; None to run as we are."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise PostgresUnavailable("running as root, and there is no 'postgres' or 'nobody' user")


class Cluster:
    """One PostgreSQL server in a temp folder. ``start()``, ``new_database()``, ``stop()``."""

    def __init__(self) -> None:
        self.bin = find_bin_dir()
        self.user = _server_user()
        # Not under pytest's tmp_path: its parents are private to us, and the server user
        # must reach the folder. A short path also keeps the socket name within its limit.
        self.root = Path(tempfile.mkdtemp(prefix="intake-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root / "sock"
        self.log = self.root / "server.log"
        self.superuser = "intake"
        self.running = False
        self.options = ""

    def _run(self, *args: str) -> None:
        kwargs: dict[str, Any] = {}
        if self.user is not None:
            kwargs = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}
        result = subprocess.run(
            [str(self.bin / args[0]), *args[1:]],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            cwd=self.root,
            env={**os.environ, "LC_ALL": "C", "TZ": "UTC"},
            **kwargs,
        )
        if result.returncode != 0:
            log = self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""
            raise PostgresUnavailable(
                f"{' '.join(args[:2])} failed ({result.returncode}):\n"
                f"{result.stdout}{result.stderr}{log}"
            )

    def start(self) -> None:
        self.socket_dir.mkdir()
        if self.user is not None:
            for path in (self.root, self.socket_dir):
                os.chown(path, self.user.pw_uid, self.user.pw_gid)
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            self.superuser,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        options = " ".join(
            [
                "-c listen_addresses=''",
                f"-c unix_socket_directories={self.socket_dir}",
                "-c fsync=off",  # a throwaway cluster: speed over durability
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
                "-c max_connections=200",
                # The service runs in UTC here; a server zone far from it shows any column
                # that mixes up local and UTC times.
                "-c timezone=Pacific/Auckland",
            ]
        )
        self.options = options
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")
        self.running = True

    def outage(self, seconds: float) -> None:
        """The server goes away (every connection dropped) and comes back ``seconds``
        later, on the same data."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        time.sleep(seconds)
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", self.options, "-w", "start"
        )

    def _admin(self) -> psycopg.Connection[Any]:
        return psycopg.connect(
            host=str(self.socket_dir), user=self.superuser, dbname="postgres", autocommit=True
        )

    def new_database(self) -> str:
        """Create an empty database; returns its SQLAlchemy URL."""
        name = f"intake_{os.getpid()}_{next(_counter)}"
        with self._admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://{self.superuser}@/{name}?host={self.socket_dir}"

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1].split("?", 1)[0]
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self.running:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
            self.running = False
        shutil.rmtree(self.root, ignore_errors=True)
