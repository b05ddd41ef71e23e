"""Every kind of hostile input in :mod:`tests.hostile`, dropped into the real service (``intake
run`` in a subprocess) together with good invoices: each ends quarantined with a clear
reason, or filed when its content is readable whatever its name claims, or is ignored by a
documented rule; the service stays up and files the good invoices beside them; no
symlink target is touched; the CMap canary never appears; ``intake verify`` is clean."""

from __future__ import annotations

import json
import sqlite3
import time
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.factory import make_pdf, sample_invoice
from tests.faults import Service, put, run_verify, settled
from tests.hostile import KINDS, XXE_SECRET, Filed, Ignored, Place, Quarantined

pytestmark = pytest.mark.slow


def ledger_name(name: str) -> str:
    """The name as the ledger keeps it (bytes that are not UTF-8 shown as U+FFFD)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def test_pdfminer_is_past_the_cmap_pickle_advisory() -> None:
    """CVE-2025-64512 / GHSA-wf5f-4jwr-ppcp: CMaps loaded by path as pickles; JSON only
    from 20251230 on (pdfplumber 0.11.9 pins it)."""
    assert int(version("pdfminer.six")) >= 20251230


def test_hostile_inputs_end_quarantined_filed_or_ignored_and_the_service_keeps_filing(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    root = tmp_path / "svc"
    inbox = root / "watch" / "inbox"
    inbox.mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    place = Place(inbox, outside, tmp_path / "canary-created-by-pickle")
    good = tmp_path / "good"
    good.mkdir()
    goods = [make_pdf(good / f"good-{i}.pdf", sample_invoice(number=f"GOOD-{i}")) for i in range(6)]

    service = Service(root, file_timeout="60", memory_limit_mb="1024", max_pages="500", workers="2")
    names: dict[str, str] = {}
    try:
        assert service.wait_for(r"Intake is running"), service.drain()
        put(goods[0], inbox / goods[0].name)
        for i, (kind, (make, _)) in enumerate(KINDS.items()):
            names[kind] = make(place)
            if i % 10 == 9:
                put(goods[1 + i // 10], inbox / goods[1 + i // 10].name)
        put(goods[-1], inbox / goods[-1].name)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and not settled(root, waiting_but_junk):
            assert service.proc.poll() is None, service.drain()
            time.sleep(1)
        assert service.proc.poll() is None, service.drain()  # still running
    finally:
        service.stop()
    log = service.drain()

    with sqlite3.connect(root / "data" / "intake.db") as con:
        rows = con.execute("select original_name, state, error from intake_files").fetchall()
        (leaked,) = con.execute(
            "select count(*) from documents where content like ?", (f"%{XXE_SECRET}%",)
        ).fetchone()
    assert leaked == 0, "an XML entity read a local file"
    ledger: dict[str, list[tuple[str, str | None]]] = {}
    for name, state, error in rows:
        ledger.setdefault(name, []).append((state, error))

    failures = []
    outcomes = []
    for kind, (_, expect) in KINDS.items():
        dropped = [names[kind]]
        if kind == "looping symlinks":
            dropped.append("loop-b.pdf")
        for name in dropped:
            got = ledger.get(ledger_name(name), [])
            if isinstance(expect, Ignored):
                ok = not got and (inbox / name).exists()
                outcomes.append(f"{kind}: {'ignored' if ok else got}")
            elif isinstance(expect, Filed):
                ok = [state for state, _ in got] == ["filed"]
                outcomes.append(f"{kind}: {got}")
            else:
                assert isinstance(expect, Quarantined)
                ok = (
                    len(got) == 1
                    and got[0][0] == "quarantined"
                    and all(w.lower() in (got[0][1] or "").lower() for w in expect.words)
                )
                outcomes.append(f"{kind}: {got}")
            if not ok:
                failures.append(f"{kind} ({name!r}): expected {expect}, got {got}")
    assert not failures, "\n".join(failures + ["", log[-6000:]])

    for good_file in goods:
        assert [s for s, _ in ledger[good_file.name]] == ["filed"], good_file.name
    assert not place.canary.exists(), "a pickle named by the PDF was loaded"
    assert (outside / "secret.txt").read_text() == "top secret"
    assert (outside / "elsewhere" / "inside.pdf").exists()  # a linked folder is not entered
    assert "inside.pdf" not in ledger
    notes = [json.loads(p.read_text()) for p in (root / "data" / "quarantine").glob("*.error.json")]
    unopened = ("symbolic link", "not a regular file")  # never opened, so never hashed
    assert all(n["reason"] for n in notes)
    assert all(n["sha256"] or any(w in n["reason"] for w in unopened) for n in notes), notes
    report = run_verify(root)
    assert report["exit_code"] == 0 and report["problems"] == [], report
    quarantined = sum(1 for o in outcomes if "'quarantined'" in o)
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(
            f"\nhostile kinds: {len(KINDS)} tried, {quarantined} quarantined,"
            f" {sum(1 for o in outcomes if 'filed' in o)} filed,"
            f" {sum(1 for o in outcomes if 'ignored' in o)} ignored"
        )
        for line in outcomes:
            reporter.write_line(f"  {line}")


def waiting_but_junk(watch: Path, path: Path) -> bool:
    """Anything in the drop folders but what is ignored there by rule still waits."""
    from intake.ingest.filters import ignore_reason

    return ignore_reason(path.relative_to(watch)) is None and (
        path.is_symlink() or not path.is_dir()
    )
