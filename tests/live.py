"""A real Intake service in a subprocess (``intake run``), and a small cookie-keeping HTTP
client for it: shared by the end-to-end and browser tests."""

from __future__ import annotations

import http.cookiejar
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

#: The ``intake`` console script of the environment running the tests.
INTAKE = shutil.which("intake", path=str(Path(sys.executable).parent)) or "intake"


def extract_with_packs(
    pdf: Path, vocab_dir: str, data_dir: Path, *, languages: str = ""
) -> dict[str, object]:
    """The fields ``intake extract --json`` reads from ``pdf`` with the user's packs in
    ``vocab_dir`` (INTAKE_VOCAB_DIR; empty for the shipped ones alone) and the shipped
    ``languages`` (INTAKE_VOCAB_LANGUAGES; empty for every one)."""
    env = {
        **os.environ,
        "INTAKE_VOCAB_DIR": vocab_dir,
        "INTAKE_VOCAB_LANGUAGES": languages,
        "INTAKE_DATA_DIR": str(data_dir),
    }
    out = subprocess.run(
        [INTAKE, "extract", str(pdf), "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=data_dir,
    ).stdout
    fields: dict[str, object] = json.loads(out.splitlines()[0])["fields"]
    return fields


def start_intake(env: Mapping[str, str], cwd: Path) -> subprocess.Popen[str]:
    """``intake run`` with these settings over the test's environment; output as text lines
    on stdout (stderr merged)."""
    return subprocess.Popen(
        [INTAKE, "run"],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=cwd,
    )


def stop_intake(proc: subprocess.Popen[str], timeout: float = 60) -> None:
    """Stop it as an operator would (SIGTERM), killing it only if it does not stop."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if proc.stdout is not None:
        proc.stdout.close()


@dataclass
class Running:
    proc: subprocess.Popen[str]
    url: str
    password: str
    watch: Path
    data: Path
    lines: queue.Queue[str]


def read_lines(proc: subprocess.Popen[str], out: queue.Queue[str]) -> None:
    assert proc.stdout is not None
    try:
        for line in proc.stdout:
            out.put(line)
    except (ValueError, OSError):
        # stopping the process closes its stream: a read in flight then ends the reading
        # (seen on a loaded machine, where the reader was still inside readline)
        return


def wait_for(lines: queue.Queue[str], pattern: str, timeout: float = 60) -> re.Match[str]:
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            continue
        seen.append(line)
        if m := re.search(pattern, line):
            return m
    raise AssertionError(f"no line matching {pattern!r} in:\n{''.join(seen)}")


class Browser:
    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> str:
        with self.opener.open(self.base.rstrip("/") + path, timeout=10) as r:
            return str(r.read().decode())

    def login(self, name: str, password: str) -> None:
        page = self.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert token
        data = urllib.parse.urlencode(
            {"username": name, "password": password, "csrf_token": token.group(1)}
        ).encode()
        with self.opener.open(self.base + "login", data=data, timeout=10) as r:
            assert "Log out" in r.read().decode()


def drop(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")  # written under an ignored name, then renamed
    tmp.write_bytes(src.read_bytes())
    tmp.rename(dest)
