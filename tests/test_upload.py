"""Upload in the browser, without the browser: each uploaded file is claimed through the
same protocol as a dropped one (a claim folder, its note, a ledger row), processed by the
same pipeline, and reported as filed, duplicate or quarantined. The name the browser sends
never becomes a path; the size limit, the role and the CSRF token are checked."""

from __future__ import annotations

import io
import json
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import TestResponse, encode_multipart

from intake.db.models import AuditEntry, IntakeFile, LedgerState
from intake.ingest.ledger import recover_claims
from intake.ingest.owners import Owner
from intake.ingest.pipeline import process_claim
from intake.ingest.stages import Context
from intake.ingest.uploads import upload_name
from tests.factory import make_pdf, sample_invoice
from tests.webtools import csrf, login
from web import create_app

JUNK = b"%PDF-1.7\n no structure at all \n%%EOF\n"


def post(client: FlaskClient, files: list[tuple[bytes, str]], **form: str) -> TestResponse:
    """POST files as the page's script does. The body is encoded here, in memory: the test
    client would spool a large one to a temporary file that nobody closes."""
    values = MultiDict([("csrf_token", csrf(client, "/upload")), *form.items()])
    for content, name in files:
        values.add("files", FileStorage(io.BytesIO(content), name))
    boundary, body = encode_multipart(values)
    return client.post(
        "/upload",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
        headers={"Accept": "application/json"},
    )


def everything_under(root: Path) -> set[str]:
    return {p.name for p in root.rglob("*")}


def test_uploads_are_claimed_processed_and_reported_like_drops(
    app: Flask, ctx: Context, tmp_path: Path
) -> None:
    invoice = make_pdf(tmp_path / "a.pdf", sample_invoice(number="UP-1")).read_bytes()
    client = app.test_client()
    login(client, "ed")
    names = ["../../escape.pdf", "inbox/../../windows.pdf", "/etc/passwd", "junk.pdf"]
    r = post(client, list(zip([invoice, invoice, invoice, JUNK], names, strict=True)),
             folder="invoices")  # fmt: skip
    assert r.status_code == 200, r.get_data(as_text=True)
    answer = r.get_json()
    assert [f["original_name"] for f in answer["files"]] == [
        "escape.pdf",
        "windows.pdf",
        "passwd",
        "junk.pdf",
    ]
    assert {f["state"] for f in answer["files"]} == {"processing"}
    ids = [f["id"] for f in answer["files"]]
    # Claimed exactly as a dropped file is: a claim folder with its note, a ledger row.
    claims = sorted(p for p in ctx.settings.processing_dir.iterdir() if p.is_dir())
    assert len(claims) == 4
    notes = [json.loads((c / "claim.json").read_text()) for c in claims]
    assert sorted(n["source_path"] for n in notes) == [
        "upload/ed/escape.pdf",
        "upload/ed/junk.pdf",
        "upload/ed/passwd",
        "upload/ed/windows.pdf",
    ]
    assert {n["folder_hint"] for n in notes} == {"invoices"} and {n["owner"] for n in notes} == {
        None
    }
    # Nothing was written where the names point, nor left in the upload spool.
    assert not (tmp_path / "escape.pdf").exists() and not (tmp_path.parent / "escape.pdf").exists()
    assert "windows.pdf" not in everything_under(ctx.settings.watch_dir)
    assert list((ctx.settings.data_dir / "uploads").iterdir()) == []
    # A service adopts the claims (the app ran without workers) and processes them.
    owner = Owner.create(ctx.settings.locks_dir)
    try:
        for claim in recover_claims(ctx.settings, ctx.db, owner=owner.id):
            process_claim(ctx, claim)
    finally:
        owner.close()
    r = client.get("/upload/files.json?" + "&".join(f"id={i}" for i in ids))
    states = {f["original_name"]: f for f in r.get_json()["files"]}  # type: ignore[index]
    assert sorted(f["state"] for f in states.values()) == [
        "duplicate",
        "duplicate",
        "filed",
        "quarantined",
    ]
    assert states["junk.pdf"]["error"] and states["junk.pdf"]["document_id"] is None
    filed = [f for f in states.values() if f["state"] == "filed"]
    assert filed[0]["document_id"] is not None
    with ctx.db.session() as s:
        rows = s.scalars(select(IntakeFile).where(IntakeFile.id.in_(ids))).all()
        assert {r.folder_hint for r in rows} == {"invoices"}
        assert all(r.source_path.startswith("upload/ed/") for r in rows)
        doc_id = filed[0]["document_id"]
    page = client.get(f"/documents/{doc_id}").get_data(as_text=True)
    assert "UP-1" in page


def test_the_name_kept_is_the_last_component_as_text() -> None:
    assert upload_name("C:\\Users\\ed\\..\\scan.pdf") == "scan.pdf"
    assert upload_name("../../x.pdf") == "x.pdf"
    assert upload_name("a\x00b\x1b[31m.pdf") == "ab[31m.pdf"
    assert upload_name("..") == upload_name("") == upload_name(None) == "upload"
    assert upload_name("\udcff.pdf") == "\ufffd.pdf"  # bytes that were not UTF-8


def test_the_page_form_without_script_reports_each_file(app: Flask, ctx: Context) -> None:
    client = app.test_client()
    login(client, "ed")
    page = client.get("/upload").get_data(as_text=True)
    assert 'type="file" name="files" multiple' in page and "upload.js" in page
    r = client.post(
        "/upload",
        data={
            "csrf_token": csrf(client, "/upload"),
            "files": [(io.BytesIO(JUNK), "<img src=x onerror=alert(1)>.pdf")],
        },
    )
    body = r.get_data(as_text=True)
    assert r.status_code == 200 and "&lt;img src=x onerror=alert(1)&gt;.pdf" in body
    assert "<img src=x" not in body
    assert 'class="state-processing" data-id="' in body
    # No file chosen: nothing is claimed, the page says so with a 400.
    r = client.post("/upload", data={"csrf_token": csrf(client, "/upload")})
    assert r.status_code == 400
    assert len(list(ctx.settings.processing_dir.iterdir())) == 1


def test_uploads_need_an_editor_and_the_csrf_token(app: Flask, ctx: Context) -> None:
    viewer, editor = app.test_client(), app.test_client()
    login(viewer, "vera")
    login(editor, "ed")
    assert viewer.get("/upload").status_code == 403
    files = {"files": [(io.BytesIO(JUNK), "a.pdf")]}
    r = viewer.post("/upload", data={"csrf_token": csrf(viewer), **files})
    assert r.status_code == 403
    assert editor.post("/upload", data={"files": [(io.BytesIO(JUNK), "a.pdf")]}).status_code == 400
    r = editor.post(
        "/upload", data={"csrf_token": "forged", "files": [(io.BytesIO(JUNK), "a.pdf")]}
    )
    assert r.status_code == 400
    assert viewer.get("/upload/files.json?id=1").status_code == 403
    assert list(ctx.settings.processing_dir.iterdir()) == []
    # Ids too large for the database, or not numbers at all, name no row.
    r = editor.get("/upload/files.json?id=99999999999999999999999&id=x&id=-1")
    assert r.status_code == 200 and r.get_json() == {"files": []}


def test_the_size_limit_is_the_settings_and_only_on_this_route(app: Flask, ctx: Context) -> None:
    settings = ctx.settings.model_copy(update={"max_file_mb": 2})
    limited = create_app({"TESTING": True}, settings=settings)
    try:
        client = limited.test_client()
        login(client, "ed")
        big = b"%PDF-1.7\n" + b"0" * (int(1.5 * (1 << 20)))  # over the app's 1 MiB
        r = post(client, [(big, "big.pdf")])
        assert r.status_code == 200, r.get_data(as_text=True)
        assert r.get_json()["files"][0]["state"] == "processing"
        over = b"0" * (int(2.5 * (1 << 20)))  # over max_file_mb, under the body's limit
        r = post(client, [(over, "over.pdf")])
        refused = r.get_json()["files"][0]
        assert refused["state"] == "refused" and "2 MB" in refused["error"]
        # Over the body's limit: refused before a byte of it is read.
        r = client.post(
            "/upload",
            data=b"0" * (4 << 20),
            content_type="multipart/form-data; boundary=x",
        )
        assert r.status_code == 413 and "larger than" in r.get_data(as_text=True)
        assert len(list(settings.processing_dir.iterdir())) == 1
        assert list((settings.data_dir / "uploads").iterdir()) == []
        # Every other route keeps the app's limit of 1 MiB.
        r = client.post(
            "/documents/1/fields",
            data={"csrf_token": csrf(client), "notes": "x" * (2 << 20)},
        )
        assert r.status_code == 413
        with ctx.db.session() as s:
            assert s.scalar(
                select(IntakeFile.state).where(IntakeFile.original_name == "big.pdf")
            ) == (LedgerState.PROCESSING)
            assert s.scalars(select(AuditEntry)).all() == []
    finally:
        limited.extensions["intake"]["db"].dispose()
