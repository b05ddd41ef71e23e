"""The export page through Flask's test client: editors only, CSRF, batches by id."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from intake.export.rules import set_rule
from intake.export.xero import HEADER as XERO_HEADER
from intake.ingest.stages import Context
from intake.users import add_user
from tests.export_fixtures import add_invoice
from tests.test_web import PASSWORD, csrf, file_pdf, login
from web import create_app


@pytest.fixture
def app(ctx: Context) -> Iterator[Flask]:
    add_user(ctx.db, "vera", "viewer", PASSWORD)
    add_user(ctx.db, "ed", "editor", PASSWORD)
    app = create_app({"TESTING": True}, settings=ctx.settings)
    yield app
    app.extensions["intake"]["db"].dispose()


def editor(app: Flask) -> tuple[FlaskClient, str]:
    client = app.test_client()
    login(client, "ed")
    return client, csrf(client, "/export/")


def test_a_viewer_cannot_export(app: Flask, ctx: Context) -> None:
    add_invoice(ctx.db)
    set_rule(ctx.db, vendor="Acme Tools GmbH", account="5000", tax_code="T", user="t")
    client = app.test_client()
    login(client, "vera")
    token = csrf(client, "/")  # a valid token: the refusal is about the role
    assert client.get("/export/").status_code == 403
    r = client.post("/export/", data={"format": "csv", "csrf_token": token})
    assert r.status_code == 403
    assert client.post("/export/rules", data={"category": "x", "account": "1",
                                              "csrf_token": token}).status_code == 403  # fmt: skip
    assert client.get("/export/batches/1").status_code == 403
    ed, ed_token = editor(app)  # nothing was exported by the viewer's attempt
    page = ed.post("/export/", data={"format": "csv", "csrf_token": ed_token})
    assert "Export batch 1:" in page.get_data(as_text=True)


def test_an_editor_exports_a_filed_pdf_and_downloads_it(
    app: Flask, ctx: Context, invoice_pdf: Path
) -> None:
    doc_id = file_pdf(ctx, invoice_pdf)  # through the real pipeline
    client, token = editor(app)
    assert client.post("/export/", data={"format": "xero"}).status_code == 400  # no CSRF
    assert client.get("/export/batches/1").status_code == 404  # nothing was made

    page = client.post("/export/", data={"format": "xero", "csrf_token": token})
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Nothing to export as xero" in text
    assert f"/documents/{doc_id}" in text and "no account code" in text  # listed, not exported

    vendor_id = re.search(r'<option value="(\d+)">Acme Tools GmbH</option>', text)
    assert vendor_id, "the vendor is offered for a rule"
    r = client.post("/export/rules", data={"vendor_id": vendor_id.group(1), "account": "5000",
                                           "tax_code": "20% (VAT on Expenses)",
                                           "csrf_token": token})  # fmt: skip
    assert r.status_code == 302
    assert "5000" in client.get("/export/").get_data(as_text=True)

    page = client.post("/export/", data={"format": "xero", "csrf_token": token})
    text = page.get_data(as_text=True)
    assert "Export batch 1: 1 document as xero" in text
    with client.get("/export/batches/1") as r:
        assert r.status_code == 200
        assert r.headers["Content-Disposition"].startswith("attachment")
        assert "intake-export-1-xero.csv" in r.headers["Content-Disposition"]
        data = r.data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert tuple(rows[0]) == XERO_HEADER
    assert {row[0] for row in rows[1:]} == {"Acme Tools GmbH"}
    assert {row[13] for row in rows[1:]} == {"471.00"}  # Total, as filed

    again = client.post("/export/", data={"format": "xero", "csrf_token": token})
    assert "Nothing to export as xero" in again.get_data(as_text=True)
    repeat = client.post("/export/", data={"again": "1", "csrf_token": token})
    assert "Export batch 2: 1 document as xero" in repeat.get_data(as_text=True)
    assert client.get("/export/batches/2").data == data
    assert client.get("/export/batches/99").status_code == 404
    assert client.get("/export/batches/..%2f1").status_code == 404


def test_rule_values_and_errors_are_escaped(app: Flask, ctx: Context) -> None:
    add_invoice(ctx.db, vendor="<script>alert(1)</script> Ltd")
    client, token = editor(app)
    r = client.post("/export/rules", data={"category": "<b>Tools</b>", "account": "<i>1</i>",
                                           "csrf_token": token})  # fmt: skip
    assert r.status_code == 302
    page = client.get("/export/").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    assert "<i>1</i>" not in page and "&lt;i&gt;1&lt;/i&gt;" in page
    bad = client.post("/export/", data={"format": "nope", "csrf_token": token})
    assert bad.status_code == 400 and "choose a format" in bad.get_data(as_text=True)
    bad = client.post("/export/rules", data={"category": "x", "country": "Germany",
                                             "csrf_token": token})  # fmt: skip
    assert bad.status_code == 400 and "belong to a vendor" in bad.get_data(as_text=True)


def test_the_api_exports_with_a_token_once_and_serves_the_batch_file(
    app: Flask, ctx: Context
) -> None:
    from intake.users import issue_token

    add_invoice(ctx.db)
    set_rule(ctx.db, vendor="Acme Tools GmbH", account="5000", tax_code="T", user="t")
    client = app.test_client()
    viewer = {"Authorization": f"Bearer {issue_token(ctx.db, 'vera')}"}
    assert client.post("/api/exports", json={"format": "xero"}, headers=viewer).status_code == 403
    auth = {"Authorization": f"Bearer {issue_token(ctx.db, 'ed')}"}
    assert client.post("/api/exports", json={"format": "nope"}, headers=auth).status_code == 400

    r = client.post("/api/exports", json={"format": "xero"}, headers=auth)  # no CSRF token
    assert r.status_code == 201, r.get_json()
    made = r.get_json()
    assert made["format"] == "xero" and len(made["document_ids"]) == 1
    assert "Set-Cookie" not in r.headers  # a script gets no session
    file = client.get(made["download"], headers=auth)
    assert file.status_code == 200
    rows = list(csv.reader(io.StringIO(file.get_data(as_text=True))))
    assert rows[0] == list(XERO_HEADER) and len(rows) >= 2

    again = client.post("/api/exports", json={"format": "xero"}, headers=auth)
    assert again.status_code == 200 and again.get_json()["batch_id"] is None  # each once
    listed = client.get("/api/exports", headers=auth).get_json()["batches"]
    assert [b["id"] for b in listed] == [made["batch_id"]]
    body = {"format": "xero", "again": made["batch_id"]}
    repeat = client.post("/api/exports", json=body, headers=auth)
    assert repeat.status_code == 201
    # The document names format as required: a JSON request without it is refused.
    bare = client.post("/api/exports", json={"again": made["batch_id"]}, headers=auth)
    assert bare.status_code == 400
    assert client.get(repeat.get_json()["download"], headers=auth).data == file.data


def test_an_api_export_riding_on_a_browser_session_needs_the_csrf_token(
    app: Flask, ctx: Context
) -> None:
    add_invoice(ctx.db)
    set_rule(ctx.db, vendor="Acme Tools GmbH", account="5000", tax_code="T", user="t")
    client, token = editor(app)
    assert client.post("/api/exports", json={"format": "csv"}).status_code == 400
    r = client.post("/api/exports", json={"format": "csv"}, headers={"X-CSRFToken": token})
    assert r.status_code == 201


def test_what_was_changed_to_fit_the_target_is_shown(app: Flask, ctx: Context) -> None:
    from intake.users import issue_token

    add_invoice(ctx.db, number="INV-2024/000118-CORRECTED-B")  # over QBO's 21 characters
    add_invoice(ctx.db, number="INV-2024/000119-CORRECTED-B")
    set_rule(ctx.db, vendor="Acme Tools GmbH", account="5000", tax_code="20%", user="t")
    auth = {"Authorization": f"Bearer {issue_token(ctx.db, 'ed')}"}
    made = app.test_client().post("/api/exports", json={"format": "qbo", "since": "2024-03-14"},
                                  headers=auth).get_json()  # fmt: skip
    (warned, _) = made["warned"]
    assert "21 characters" in warned["reasons"][0]
    client, token = editor(app)
    add_invoice(ctx.db, number="INV-2024/000120-CORRECTED-B")
    page = client.post("/export/", data={"format": "qbo", "csrf_token": token})
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "Changed to fit qbo" in body and "000120-CORRECTED-B" in body
