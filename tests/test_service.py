"""End to end: the real service in a subprocess, a file dropped into a watched folder, found
through the web UI's search over HTTP."""

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
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.factory import make_pdf, sample_invoice

pytestmark = pytest.mark.slow


@dataclass
class Running:
    proc: subprocess.Popen[str]
    url: str
    password: str
    watch: Path
    data: Path
    lines: queue.Queue[str]


def _reader(proc: subprocess.Popen[str], out: queue.Queue[str]) -> None:
    assert proc.stdout is not None
    for line in proc.stdout:
        out.put(line)


def _wait_for(lines: queue.Queue[str], pattern: str, timeout: float = 60) -> re.Match[str]:
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


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Running]:
    env = {
        **os.environ,
        "INTAKE_DATA_DIR": str(tmp_path / "data"),
        "INTAKE_WATCH_DIR": str(tmp_path / "watch_folders"),
        "INTAKE_PORT": "0",
        "INTAKE_SETTLE_SECONDS": "0.5",
        "INTAKE_POLLING": "contracts",
        "INTAKE_POLL_INTERVAL": "0.3",
    }
    intake = shutil.which("intake", path=str(Path(sys.executable).parent)) or "intake"
    proc = subprocess.Popen(
        [intake, "run"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=tmp_path,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_reader, args=(proc, lines), daemon=True).start()
    try:
        password = _wait_for(lines, r"user: admin\s+password: (\S+)").group(1)
        url = _wait_for(lines, r"Intake is running: (http://\S+/)").group(1)
        yield Running(proc, url, password, tmp_path / "watch_folders", tmp_path / "data", lines)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


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


def _drop(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")  # written under an ignored name, then renamed
    tmp.write_bytes(src.read_bytes())
    tmp.rename(dest)


def test_a_dropped_invoice_is_found_in_the_web_search(service: Running, tmp_path: Path) -> None:
    browser = Browser(service.url)
    browser.login("admin", service.password)
    assert json.loads(browser.get("/healthz"))["status"] == "ok"

    pdf = make_pdf(tmp_path / "inv.pdf", sample_invoice(number="E2E-7781"))
    _drop(pdf, service.watch / "invoices" / "ACME" / "inv.pdf")
    broken = service.watch / "invoices" / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n garbage without structure \n%%EOF\n")
    contract = make_pdf(tmp_path / "c.pdf", sample_invoice(number="POLL-42"))
    _drop(contract, service.watch / "contracts" / "polled.pdf")  # a polled folder

    deadline = time.monotonic() + 40
    found = polled = False
    while time.monotonic() < deadline and not (found and polled):
        found = found or "E2E-7781" in browser.get("/search?q=7781")
        polled = polled or "POLL-42" in browser.get("/search?q=POLL-42")
        time.sleep(0.3)
    assert found, "the dropped invoice never showed up in search"
    assert polled, "the file in the polled folder was never filed"

    deadline = time.monotonic() + 20
    quarantined: list[Path] = []
    while time.monotonic() < deadline and not quarantined:
        quarantined = list((service.data / "quarantine").glob("*.error.json"))
        time.sleep(0.2)
    assert quarantined, "the broken file was not quarantined"
    note = json.loads(quarantined[0].read_text())
    assert note["original_name"] == "broken.pdf" and note["reason"]
    assert service.proc.poll() is None  # still running
    assert not broken.exists()
