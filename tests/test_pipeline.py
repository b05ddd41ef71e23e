"""The claim protocol and the pipeline on real files, a real SQLite file and real folders."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from intake.db.models import Document, IntakeFile, LedgerState
from intake.ingest.faults import CRASH_POINTS
from intake.ingest.ledger import claim_file, recover_claims
from intake.ingest.pipeline import process_claim
from intake.ingest.stages import Context
from intake.ingest.storage import archive_path, sha256_file
from intake.ingest.verify import verify
from intake.settings import Settings
from tests.factory import make_pdf, sample_invoice


def drop(settings: Settings, src: Path, folder: str = "invoices", name: str | None = None) -> Path:
    dest = settings.watch_dir / folder / (name or src.name)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(src.read_bytes())
    return dest


def take(ctx: Context, path: Path) -> tuple[str, int | None, str | None]:
    claim = claim_file(ctx.settings, ctx.db, path)
    assert claim is not None
    outcome = process_claim(ctx, claim)
    return outcome.state, outcome.document_id, outcome.reason


def test_a_dropped_invoice_is_filed_archived_and_released(ctx: Context, invoice_pdf: Path) -> None:
    path = drop(ctx.settings, invoice_pdf, "invoices/ACME")
    state, doc_id, _ = take(ctx, path)
    assert state == LedgerState.FILED
    assert not path.exists()
    assert list(ctx.settings.processing_dir.iterdir()) == []
    with ctx.db.session() as s:
        doc = s.get(Document, doc_id)
        assert doc is not None
        assert doc.doc_type == "invoice"
        assert doc.number == "INV-2024/118"
        assert str(doc.total) == "471.00"
        assert doc.folder_hint == "invoices/ACME"
        assert [line.code for line in doc.lines] == ["AT-100", "AT-220", "AT-310"]
        row = s.scalar(select(IntakeFile).where(IntakeFile.document_id == doc_id))
        assert row is not None and row.state == "filed" and row.attempts == 1
        stored = archive_path(ctx.settings.archive_dir, doc.sha256, "pdf")
    assert sha256_file(stored) == sha256_file(invoice_pdf)
    assert not os.access(stored, os.W_OK) or os.geteuid() == 0  # read-only original
    assert verify(ctx.settings, ctx.db).ok


def test_the_same_bytes_again_are_a_duplicate_kept_not_deleted(
    ctx: Context, invoice_pdf: Path
) -> None:
    _, first, _ = take(ctx, drop(ctx.settings, invoice_pdf))
    state, doc_id, _ = take(ctx, drop(ctx.settings, invoice_pdf, "inbox", "copy of invoice.pdf"))
    assert state == LedgerState.DUPLICATE and doc_id == first
    kept = [p for p in ctx.settings.duplicates_dir.iterdir() if p.suffix == ".pdf"]
    assert len(kept) == 1 and kept[0].name.endswith("copy of invoice.pdf")
    note = json.loads(Path(str(kept[0]) + ".duplicate.json").read_text())
    assert note["duplicate_of"] == first
    with ctx.db.session() as s:
        assert s.query(Document).count() == 1
    assert verify(ctx.settings, ctx.db).ok


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF", "cannot be parsed"),
        (b"MZ\x90\x00" + b"\x00" * 100, "executable"),
        (b"<html><body>hi</body></html>", "HTML"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "SVG"),
        (b"PK\x03\x04" + b"\x00" * 50, "ZIP"),
    ],
)
def test_bad_input_is_quarantined_with_its_reason(
    ctx: Context, tmp_path: Path, content: bytes, reason: str
) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(content)
    state, _, why = take(ctx, drop(ctx.settings, bad, "inbox"))
    assert state == LedgerState.QUARANTINED
    assert why is not None and reason.lower() in why.lower()
    files = sorted(ctx.settings.quarantine_dir.iterdir())
    assert [p.name.endswith("bad.pdf") for p in files if not p.name.endswith(".json")] == [True]
    note = json.loads(next(p for p in files if p.name.endswith(".error.json")).read_text())
    assert note["reason"] == why and note["original_name"] == "bad.pdf" and note["attempts"] == 1
    assert verify(ctx.settings, ctx.db).ok


def test_a_symlink_is_quarantined_without_touching_its_target(ctx: Context, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read")
    link = ctx.settings.watch_dir / "inbox" / "link.pdf"
    link.symlink_to(secret)
    state, _, why = take(ctx, link)
    assert state == LedgerState.QUARANTINED and "symbolic link" in (why or "")
    assert secret.read_text() == "do not read"


def test_a_file_taken_by_another_process_is_not_claimed(ctx: Context, invoice_pdf: Path) -> None:
    path = drop(ctx.settings, invoice_pdf)
    path.unlink()  # what the loser of a race sees
    assert claim_file(ctx.settings, ctx.db, path) is None
    assert list(ctx.settings.processing_dir.iterdir()) == []


def test_a_file_that_keeps_failing_is_quarantined_after_max_attempts(
    ctx: Context, invoice_pdf: Path
) -> None:
    claim = claim_file(ctx.settings, ctx.db, drop(ctx.settings, invoice_pdf))
    assert claim is not None
    with ctx.db.session() as s:  # as if three earlier workers had died on it
        s.scalar(select(IntakeFile).where(IntakeFile.claim == claim.id)).attempts = 3  # type: ignore[union-attr]
    outcome = process_claim(ctx, claim)
    assert outcome.state == LedgerState.QUARANTINED and "3 times" in (outcome.reason or "")


# --- crash at every step, then restart ------------------------------------------------------

CHILD = """
import sys
from intake.db.engine import open_database
from intake.filing.wiring import Wiring
from intake.ingest.ledger import claim_file, recover_claims
from intake.ingest.owners import Owner
from intake.ingest.pipeline import process_claim
from intake.settings import Settings
from pathlib import Path

settings = Settings(data_dir=sys.argv[1], watch_dir=sys.argv[2], crash_at=sys.argv[3],
                    memory_limit_mb=0)
db = open_database(settings.db_url)
ctx = Wiring.default().context(settings, db)
owner = Owner.create(settings.locks_dir)
for claim in recover_claims(settings, db, owner=owner.id):
    process_claim(ctx, claim)
for path in sorted(Path(sys.argv[2]).rglob("*.pdf")):
    claim = claim_file(settings, db, path, owner=owner.id)
    if claim is not None:
        process_claim(ctx, claim)
"""


def run_child(settings: Settings, crash_at: str) -> int:
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(settings.data_dir), str(settings.watch_dir), crash_at],
        capture_output=True,
        timeout=120,
        check=False,
    )
    return proc.returncode


@pytest.mark.parametrize("step", CRASH_POINTS)
def test_a_kill_at_any_step_loses_nothing_and_files_nothing_twice(
    ctx: Context, tmp_path: Path, step: str
) -> None:
    a = make_pdf(tmp_path / "a.pdf", sample_invoice(number="A-1"))
    b = make_pdf(tmp_path / "b.pdf", sample_invoice(number="B-2"))
    drop(ctx.settings, a)
    drop(ctx.settings, b)
    drop(ctx.settings, a, name="c-copy-of-a.pdf")  # a duplicate: settled aside
    broken = tmp_path / "d-broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n garbage \n%%EOF\n")  # quarantined
    drop(ctx.settings, broken)
    assert run_child(ctx.settings, step) == -9  # killed at that step
    assert run_child(ctx.settings, "") == 0  # restart: recovers, then takes the rest
    with ctx.db.session() as s:
        numbers = sorted(d.number or "" for d in s.scalars(select(Document)))
        states = {r.original_name: r.state for r in s.scalars(select(IntakeFile))}
    assert numbers == ["A-1", "B-2"]
    assert states == {  # not "duplicate" of itself after a crash, one row per file
        "a.pdf": "filed",
        "b.pdf": "filed",
        "c-copy-of-a.pdf": "duplicate",
        "d-broken.pdf": "quarantined",
    }
    assert [p.name[-15:] for p in ctx.settings.duplicates_dir.glob("*.pdf")] == ["c-copy-of-a.pdf"]
    assert [p.name[-12:] for p in ctx.settings.quarantine_dir.glob("*.pdf")] == ["d-broken.pdf"]
    assert list((ctx.settings.watch_dir / "invoices").glob("*.pdf")) == []
    report = verify(ctx.settings, ctx.db)
    assert report.ok, report.problems


def test_recover_removes_a_claim_that_never_got_its_file(ctx: Context) -> None:
    leftover = ctx.settings.processing_dir / ("0" * 32)
    leftover.mkdir()
    (leftover / "claim.json").write_text("{}")
    assert recover_claims(ctx.settings, ctx.db, owner="1" * 32) == []
    assert not leftover.exists()


def test_a_claim_folder_being_made_is_left_to_its_maker(ctx: Context, invoice_pdf: Path) -> None:
    """Another service starting up meets a claim folder not yet holding its note: it must
    not take it for an abandoned claim (the maker is about to write into it). A claim folder
    appears under its name only with its note inside; a staging folder left by a crash is
    removed once stale."""
    me, gone = "1" * 32, "2" * 32
    making = ctx.settings.processing_dir / f".new-{me}-{'a' * 32}"  # by a living maker
    making.mkdir()
    left = ctx.settings.processing_dir / f".new-{gone}-{'b' * 32}"  # its maker is dead
    left.mkdir()
    unknown = ctx.settings.processing_dir / f".new-none-{'c' * 32}"  # no maker: by its age
    unknown.mkdir()
    stale = ctx.settings.processing_dir / f".new-none-{'d' * 32}"
    stale.mkdir()
    os.utime(stale, (1, 1))
    assert recover_claims(ctx.settings, ctx.db, owner=me) == []
    assert making.is_dir() and unknown.is_dir() and not left.exists() and not stale.exists()
    claim = claim_file(ctx.settings, ctx.db, drop(ctx.settings, invoice_pdf))
    assert claim is not None
    names = {p.name for p in ctx.settings.processing_dir.iterdir()}
    assert names == {claim.id, making.name, unknown.name}
    assert (claim.folder / "claim.json").is_file()


def test_a_vendor_inserted_by_another_worker_meanwhile_does_not_fail_the_document(
    ctx: Context, invoice_pdf: Path
) -> None:
    """Two workers filing two documents of one new vendor: the second insert of the vendor
    loses the race and must take the winner's row, not quarantine its document."""
    import sqlite3

    from sqlalchemy import event

    from intake.db.models import Vendor
    from intake.db.persist import vendor_key

    raced = []

    def other_worker_first(conn, cursor, statement, params, context, executemany):  # noqa: ANN001
        if statement.lstrip().upper().startswith("INSERT INTO VENDORS") and not raced:
            raced.append(params)
            other = sqlite3.connect(ctx.db.engine.url.database, timeout=30)
            key = vendor_key("ACME Tools GmbH")
            other.execute(
                "INSERT INTO vendors (name, key, created_at) VALUES (?, ?, '2026-01-01')",
                ("ACME Tools (other worker)", key),
            )
            other.commit()
            other.close()

    event.listen(ctx.db.engine, "before_cursor_execute", other_worker_first)
    try:
        state, doc_id, reason = take(ctx, drop(ctx.settings, invoice_pdf))
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", other_worker_first)
    assert raced, "the race was not provoked: the vendor was never inserted"
    assert (state, reason) == (LedgerState.FILED, None)
    with ctx.db.session() as s:
        doc = s.get(Document, doc_id)
        assert doc is not None and doc.vendor is not None
        assert doc.vendor.name == "ACME Tools (other worker)"
        assert len(s.scalars(select(Vendor)).all()) == 1


@pytest.mark.parametrize("folder", ["inbox", "invoices"])
def test_a_text_like_no_business_document_is_filed_as_other_for_review(
    ctx: Context, tmp_path: Path, folder: str
) -> None:
    from intake.documents.review import LowConfidence

    hello = tmp_path / "hello.txt"
    hello.write_text("hello\n")
    state, doc_id, _ = take(ctx, drop(ctx.settings, hello, folder))
    assert state == LedgerState.FILED and doc_id is not None
    with ctx.db.session() as s:
        doc = s.get(Document, doc_id)
        assert doc is not None
        assert (doc.doc_type, doc.vendor_id, doc.number, doc.total) == ("other", None, None, None)
        assert doc.confidence < ctx.settings.review_confidence
        listed = LowConfidence(ctx.settings.review_confidence).items(s, limit=10)
        assert [item.document_id for item in listed] == [doc_id]


def test_a_truncated_pdf_is_quarantined_as_truncated(ctx: Context, tmp_path: Path) -> None:
    whole = make_pdf(tmp_path / "whole.pdf", sample_invoice()).read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[: len(whole) // 3])
    state, _, why = take(ctx, drop(ctx.settings, cut, "inbox"))
    assert state == LedgerState.QUARANTINED
    assert why is not None and why.startswith("the PDF is truncated")
