"""Helpers for the web tests: filing real PDFs, logging in, CSRF tokens."""

from __future__ import annotations

import re
from pathlib import Path

from flask.testing import FlaskClient

from intake.db.models import IntakeFile
from intake.index.store import SearchIndex
from intake.ingest.ledger import claim_file
from intake.ingest.pipeline import process_claim
from intake.ingest.stages import Context

PASSWORD = "a good long password"


def file_pdf(ctx: Context, src: Path, name: str | None = None, folder: str = "inbox") -> int:
    """Drop ``src`` into a watch folder, claim and process it, and index it."""
    dest = ctx.settings.watch_dir / folder / (name or src.name)
    dest.write_bytes(src.read_bytes())
    claim = claim_file(ctx.settings, ctx.db, dest)
    assert claim is not None
    doc_id = process_claim(ctx, claim).document_id
    SearchIndex(ctx.settings.index_dir).sync(ctx.db)
    assert doc_id is not None
    return doc_id


def quarantine_bytes(ctx: Context, name: str, data: bytes) -> int:
    """Drop bytes that cannot be filed; returns the quarantined ledger row's id."""
    dest = ctx.settings.watch_dir / "inbox" / name
    dest.write_bytes(data)
    claim = claim_file(ctx.settings, ctx.db, dest)
    assert claim is not None
    outcome = process_claim(ctx, claim)
    assert outcome.state == "quarantined", outcome
    with ctx.db.session() as s:
        row = s.query(IntakeFile).filter_by(claim=claim.id).one()
        return row.id


def csrf(client: FlaskClient, url: str = "/") -> str:
    page = client.get(url).get_data(as_text=True)
    m = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert m, "no CSRF token on " + url
    return m.group(1)


def login(client: FlaskClient, name: str = "vera", password: str = PASSWORD) -> None:
    token = csrf(client, "/login")
    r = client.post("/login", data={"username": name, "password": password, "csrf_token": token})
    assert r.status_code == 302, r.get_data(as_text=True)
