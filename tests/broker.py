"""A throwaway Redis server for the queue tests: Debian's ``redis-server`` in a temp folder,
listening only on a Unix socket there, its data kept in an append-only file (fsynced on
every write, as a deployment that must not lose a queued task would run it), gone at the
end. ``restart()`` stops it as an operator would and starts it again on the same data.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import redis


class RedisUnavailable(RuntimeError):
    """redis-server is missing or did not start; the message says why."""


class RedisServer:
    def __init__(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RedisUnavailable(
                "redis-server is not installed: install Debian's 'redis-server' package"
                " (make test does: scripts/sysdeps)"
            )
        self.binary = binary
        self.root = Path(tempfile.mkdtemp(prefix="intake-redis-"))
        self.socket = self.root / "redis.sock"
        self.log = self.root / "server.log"
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis+socket://{self.socket}"

    def client(self) -> redis.Redis:
        return redis.Redis(unix_socket_path=str(self.socket), socket_timeout=5)

    def start(self) -> None:
        args = [
            self.binary,
            "--port", "0",
            "--unixsocket", str(self.socket),
            "--unixsocketperm", "700",
            "--dir", str(self.root),
            "--appendonly", "yes",
            "--appendfsync", "always",
            "--save", "",
        ]  # fmt: skip
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RedisUnavailable(f"redis-server exited:\n{self.log.read_text()[-2000:]}")
            try:
                with self.client() as client:
                    if client.ping():
                        return
            except redis.exceptions.ConnectionError:
                time.sleep(0.05)
        raise RedisUnavailable(f"redis-server did not answer:\n{self.log.read_text()[-2000:]}")

    def shutdown(self) -> None:
        """Stop it (SIGTERM: it writes its append-only file and exits)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)
        self.proc = None

    def restart(self, down: float = 0.0) -> None:
        self.shutdown()
        time.sleep(down)
        self.start()

    def stop(self) -> None:
        self.shutdown()
        shutil.rmtree(self.root, ignore_errors=True)
