"""End to end: the real service in a subprocess, a file dropped into a watched folder, found
through the web UI's search over HTTP."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.factory import make_pdf, sample_invoice
from tests.live import Browser, Running, drop

pytestmark = pytest.mark.slow


def test_a_dropped_invoice_is_found_in_the_web_search(service: Running, tmp_path: Path) -> None:
    browser = Browser(service.url)
    browser.login("admin", service.password)
    assert json.loads(browser.get("/healthz"))["status"] == "ok"

    pdf = make_pdf(tmp_path / "inv.pdf", sample_invoice(number="E2E-7781"))
    drop(pdf, service.watch / "invoices" / "ACME" / "inv.pdf")
    broken = service.watch / "invoices" / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n garbage without structure \n%%EOF\n")
    contract = make_pdf(tmp_path / "c.pdf", sample_invoice(number="POLL-42"))
    drop(contract, service.watch / "contracts" / "polled.pdf")  # a polled folder

    deadline = time.monotonic() + 40
    found = polled = False
    while time.monotonic() < deadline and not (found and polled):
        found = found or "E2E-7781" in browser.get("/search?q=7781")
        polled = polled or "POLL-42" in browser.get("/search?q=POLL-42")
        time.sleep(0.3)
    log = "".join(service.lines.queue)
    assert found, f"the dropped invoice never showed up in search:\n{log}"
    assert polled, f"the file in the polled folder was never filed:\n{log}"

    deadline = time.monotonic() + 20
    quarantined: list[Path] = []
    while time.monotonic() < deadline and not quarantined:
        quarantined = list((service.data / "quarantine").glob("*.error.json"))
        time.sleep(0.2)
    assert quarantined, "the broken file was not quarantined"
    notes = [json.loads(q.read_text()) for q in quarantined]
    log = "".join(service.lines.queue)
    assert [n["original_name"] for n in notes] == ["broken.pdf"], (notes, log)
    assert notes[0]["reason"]
    assert service.proc.poll() is None  # still running
    assert not broken.exists()
