"""The review queue's quarantine actions: retry goes back through the claim protocol (and
nothing is lost on the way), discard keeps the file; and the intake status page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from intake.db.models import AuditEntry, IntakeFile, LedgerState
from intake.documents.review import discard_quarantined, retry_quarantined
from intake.errors import Conflict
from intake.index.store import SearchIndex
from intake.ingest.ledger import claim_file, recover_claims
from intake.ingest.pipeline import process_claim, quarantine
from intake.ingest.stages import Context
from intake.ingest.storage import stored_location
from intake.ingest.verify import verify
from tests.factory import make_pdf, sample_invoice
from tests.webtools import csrf, login, quarantine_bytes

BROKEN = b"%PDF-1.7\n no structure at all \n%%EOF\n"


def row(ctx: Context, ledger_id: int) -> IntakeFile:
    with ctx.db.session() as s:
        found = s.get(IntakeFile, ledger_id)
        assert found is not None
        return found


@pytest.fixture
def wrongly_quarantined(ctx: Context, tmp_path: Path) -> int:
    """A good invoice that was quarantined (as after a transient failure that gave up)."""
    dest = ctx.settings.watch_dir / "invoices" / "ACME" / "good.pdf"
    dest.parent.mkdir(parents=True, exist_ok=True)
    make_pdf(dest, sample_invoice(number="RETRY-1"))
    claim = claim_file(ctx.settings, ctx.db, dest)
    assert claim is not None
    quarantine(ctx, claim, "gave up after 3 attempts: database is locked")
    with ctx.db.session() as s:
        return s.scalars(select(IntakeFile.id).where(IntakeFile.claim == claim.id)).one()


def test_retry_files_a_quarantined_file_through_the_claim_protocol(
    ctx: Context, wrongly_quarantined: int
) -> None:
    stored = stored_location(ctx.settings.data_dir, row(ctx, wrongly_quarantined).stored_path or "")
    assert stored.is_file() and stored.with_name(stored.name + ".error.json").is_file()
    claim = retry_quarantined(ctx.settings, ctx.db, wrongly_quarantined, user="ed")
    assert claim.path.is_file() and not stored.exists()
    assert claim.path.parent.parent == ctx.settings.processing_dir
    assert claim.folder_hint == "invoices/ACME" and claim.original_name == "good.pdf"
    moved = row(ctx, wrongly_quarantined)
    assert (moved.state, moved.claim, moved.attempts) == (LedgerState.PROCESSING, claim.id, 0)
    outcome = process_claim(ctx, claim)
    assert outcome.state == LedgerState.FILED
    filed = row(ctx, wrongly_quarantined)
    assert filed.state == LedgerState.FILED and filed.document_id == outcome.document_id
    SearchIndex(ctx.settings.index_dir).sync(ctx.db)
    assert verify(ctx.settings, ctx.db, index=SearchIndex(ctx.settings.index_dir)).ok
    with pytest.raises(Conflict):
        retry_quarantined(ctx.settings, ctx.db, wrongly_quarantined, user="ed")


def test_a_retry_interrupted_before_the_ledger_moved_is_resumed_on_start(
    ctx: Context, wrongly_quarantined: int
) -> None:
    from intake.ingest.ledger import reclaim

    r = row(ctx, wrongly_quarantined)
    claim = reclaim(
        ctx.settings,
        ledger_id=r.id,
        path=stored_location(ctx.settings.data_dir, r.stored_path or ""),
        original_name=r.original_name,
        source_path=r.source_path,
        folder_hint=r.folder_hint,
        owner="0" * 32,  # a process that died here: the row still says quarantined
    )
    assert json.loads((claim.folder / "claim.json").read_text())["ledger_id"] == r.id
    resumed = recover_claims(ctx.settings, ctx.db, owner="1" * 32)
    assert [c.id for c in resumed] == [claim.id]
    with ctx.db.session() as s:
        assert s.scalars(select(IntakeFile)).all() == [s.get(IntakeFile, r.id)]  # no new row
    assert process_claim(ctx, resumed[0]).state == LedgerState.FILED


def test_a_file_that_is_still_bad_is_quarantined_again(ctx: Context) -> None:
    ledger_id = quarantine_bytes(ctx, "broken.pdf", BROKEN)
    claim = retry_quarantined(ctx.settings, ctx.db, ledger_id, user="ed")
    assert process_claim(ctx, claim).state == LedgerState.QUARANTINED
    again = row(ctx, ledger_id)
    assert (
        again.state == LedgerState.QUARANTINED
        and stored_location(ctx.settings.data_dir, again.stored_path or "").is_file()
    )
    assert verify(ctx.settings, ctx.db).ok


def test_discard_keeps_the_file(ctx: Context) -> None:
    ledger_id = quarantine_bytes(ctx, "broken.pdf", BROKEN)
    stored = stored_location(ctx.settings.data_dir, row(ctx, ledger_id).stored_path or "")
    discard_quarantined(ctx.db, ledger_id, user="ed")
    assert row(ctx, ledger_id).state == LedgerState.DISCARDED and stored.read_bytes() == BROKEN
    with pytest.raises(Conflict):
        retry_quarantined(ctx.settings, ctx.db, ledger_id, user="ed")
    with ctx.db.session() as s:
        entry = s.scalars(select(AuditEntry)).one()
        assert (entry.action, entry.entity, entry.entity_id) == (
            "discard",
            "intake_file",
            ledger_id,
        )


def test_review_page_lists_quarantined_files_with_reason_and_actions(
    app: Flask, ctx: Context, wrongly_quarantined: int
) -> None:
    broken = quarantine_bytes(ctx, "<b>bad<\\b>.pdf", BROKEN)
    viewer, editor = app.test_client(), app.test_client()
    login(viewer, "vera")
    login(editor, "ed")
    page = viewer.get("/review").get_data(as_text=True)
    assert "database is locked" in page and "&lt;b&gt;bad&lt;\\b&gt;.pdf" in page
    assert f"/review/quarantined/{broken}/retry" not in page  # viewers see no actions
    page = editor.get("/review").get_data(as_text=True)
    assert f"/review/quarantined/{broken}/retry" in page
    token = csrf(editor, "/review")
    r = editor.post(f"/review/quarantined/{broken}/discard", data={"csrf_token": token})
    assert r.status_code == 302
    r = editor.post(f"/review/quarantined/{wrongly_quarantined}/retry", data={"csrf_token": token})
    assert r.status_code == 302 and r.headers["Location"].endswith("/intake")
    page = editor.get("/intake").get_data(as_text=True)
    assert "claimed again" in page and "processing" in page
    r = editor.post(f"/review/quarantined/{broken}/retry", data={"csrf_token": token})
    assert r.status_code == 409 and "not quarantined" in r.get_data(as_text=True)


def test_intake_status_lists_recent_files_and_polls_as_json(
    app: Flask, ctx: Context, wrongly_quarantined: int
) -> None:
    client = app.test_client()
    login(client)
    page = client.get("/intake").get_data(as_text=True)
    assert "good.pdf" in page and "invoices/ACME/good.pdf" in page and "status.js" in page
    data = client.get("/intake/status.json").get_json()
    assert data["counts"]["quarantined"] == 1
    assert data["files"][0]["original_name"] == "good.pdf"
    assert data["files"][0]["state"] == "quarantined"
