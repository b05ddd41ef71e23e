"""A throwaway Redis server for the queue tests and benchmark: Debian's ``redis-server`` in
a temp folder, listening only on a Unix socket there, its data kept in an append-only file
(fsynced on every write, as a deployment that must not lose a queued task would run it),
gone at the end. ``restart()`` stops it as an operator would and starts it again on the
same data. Also: ``intake`` commands in their own process groups (:class:`Process`), and the
settings that put ``intake run`` and ``intake worker`` on a broker (:func:`queue_env`).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import redis

from tests.live import INTAKE


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


class Process:
    """An ``intake`` command in its own process group, its output kept line by line."""

    def __init__(self, args: list[str], env: dict[str, str], cwd: Path) -> None:
        self.args = args
        self.proc = subprocess.Popen(
            [INTAKE, *args],
            env={**os.environ, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            cwd=cwd,
            start_new_session=True,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line)

    @property
    def log(self) -> str:
        return "".join(self.lines)

    def settled(self) -> int:
        return sum(" settled " in line for line in list(self.lines))

    def wait_for(self, text: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.log:
            assert self.proc.poll() is None, f"{self.args} ended:\n{self.log}"
            assert time.monotonic() < deadline, f"no {text!r} from {self.args}:\n{self.log}"
            time.sleep(0.1)

    def kill(self) -> None:
        """SIGKILL to the whole process group: the machine is gone."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)
        self._close()

    def _close(self) -> None:
        self._reader.join(timeout=10)
        if self.proc.stdout is not None:
            self.proc.stdout.close()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.kill()
                return
        self._close()


def queue_env(root: Path, database_url: str, broker: RedisServer) -> dict[str, str]:
    return {
        "INTAKE_DATABASE_URL": database_url,
        "INTAKE_BROKER_URL": broker.url,
        "INTAKE_DATA_DIR": str(root / "data"),
        "INTAKE_WATCH_DIR": str(root / "watch"),
        "INTAKE_INDEX_DIR": str(root / "web-index"),
        "INTAKE_PORT": "0",
        "INTAKE_SETTLE_SECONDS": "0.3",
        "INTAKE_RESCAN_SECONDS": "2",
        "INTAKE_QUEUE_VISIBILITY_TIMEOUT": "12",
        "INTAKE_OCR_PROCESSES": "1",
        "INTAKE_LOG_LEVEL": "INFO",
    }
