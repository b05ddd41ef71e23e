"""The review page in sections: a few items of each, or one section with its filter and
pages; and the bulk actions (confirm all shown, link the selected lines to a product,
discard the selected quarantined files), which are role-checked, need the CSRF token and
leave the same audit entries as the single actions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from intake.db.models import AuditEntry, Document, IntakeFile, LedgerState, LineItem
from intake.filing.catalog import create_product
from intake.filing.catalog_import import import_catalog
from intake.ingest.stages import Context
from tests.factory import make_pdf, sample_invoice
from tests.webtools import csrf, file_pdf, login, quarantine_bytes

JUNK = b"not a pdf at all"


def items(page: str, kind: str) -> list[str]:
    """The titles of the items a section shows."""
    section = page.split(f'<section class="queue" id="{kind}">')[1].split("</section>")[0]
    return re.findall(r'<(?:strong class="filename"|a href="/documents/\d+")>([^<]+)<', section)


def audit(ctx: Context, action: str) -> list[AuditEntry]:
    with ctx.db.session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action)))


@pytest.fixture
def quarantined(ctx: Context) -> list[int]:
    return [quarantine_bytes(ctx, f"scan-{n:02d}.pdf", JUNK + bytes([n])) for n in range(30)]


@pytest.fixture
def editor(app: Flask) -> FlaskClient:
    client = app.test_client()
    login(client, "ed")
    return client


def test_sections_are_short_and_one_section_has_a_filter_and_pages(
    editor: FlaskClient, quarantined: list[int]
) -> None:
    page = editor.get("/review").get_data(as_text=True)
    assert items(page, "quarantined") == [f"scan-{n:02d}.pdf" for n in range(29, 24, -1)]
    assert 'href="/review?kind=quarantined">All 30 quarantined files, 25 a page' in page
    assert 'id="low_confidence"' in page  # every section on the overview
    page = editor.get("/review?kind=quarantined").get_data(as_text=True)
    assert len(items(page, "quarantined")) == 25 and "page 1 of 2" in page
    assert 'id="low_confidence"' not in page  # one section alone
    page = editor.get("/review?kind=quarantined&page=2").get_data(as_text=True)
    assert items(page, "quarantined") == [f"scan-{n:02d}.pdf" for n in range(4, -1, -1)]
    page = editor.get("/review?kind=quarantined&q=SCAN-1").get_data(as_text=True)
    assert items(page, "quarantined") == [f"scan-{n:02d}.pdf" for n in range(19, 9, -1)]
    assert "10 of 30 match" in page and "page 1 of" not in page
    # The filter's wildcards are text; a page past the end shows the last one.
    page = editor.get("/review?kind=quarantined&q=%25_").get_data(as_text=True)
    assert items(page, "quarantined") == [] and "Nothing matches" in page
    page = editor.get("/review?kind=quarantined&page=99999").get_data(as_text=True)
    assert "page 2 of 2" in page
    # a page number beyond any page there can be is refused, as on every page
    assert editor.get("/review?kind=quarantined&page=99999999999999999999").status_code == 400
    page = editor.get("/review?kind=nonsense&q=x").get_data(as_text=True)
    assert 'id="quarantined"' in page and 'id="low_confidence"' in page


def test_discard_selected(
    app: Flask, ctx: Context, editor: FlaskClient, quarantined: list[int]
) -> None:
    chosen = quarantined[:3]
    viewer = app.test_client()
    login(viewer, "vera")
    page = viewer.get("/review?kind=quarantined").get_data(as_text=True)
    assert 'form="bulk-quarantined"' not in page  # viewers select nothing
    data = {"id": [str(i) for i in chosen], "view_kind": "quarantined"}
    assert (
        viewer.post(
            "/review/quarantined/discard", data={**data, "csrf_token": csrf(viewer)}
        ).status_code
        == 403
    )
    assert editor.post("/review/quarantined/discard", data=data).status_code == 400
    assert audit(ctx, "discard") == []
    page = editor.get("/review?kind=quarantined").get_data(as_text=True)
    assert page.count('form="bulk-quarantined" name="id"') == 25
    r = editor.post(
        "/review/quarantined/discard",
        data={**data, "view_q": "scan", "view_page": "1", "csrf_token": csrf(editor)},
    )
    assert r.status_code == 302
    assert r.headers["Location"] == "/review?kind=quarantined&q=scan#quarantined"
    with ctx.db.session() as s:
        states = dict(s.execute(select(IntakeFile.id, IntakeFile.state)).all())
    assert [states[i] for i in chosen] == [LedgerState.DISCARDED] * 3
    assert sum(state == LedgerState.QUARANTINED for state in states.values()) == 27
    assert sorted(e.entity_id for e in audit(ctx, "discard")) == sorted(chosen)
    # Again: they are not quarantined any more, and the page says so.
    r = editor.post(
        "/review/quarantined/discard",
        data={**data, "csrf_token": csrf(editor)},
        follow_redirects=True,
    )
    assert "Discarded 0 files" in r.get_data(as_text=True)
    assert "not quarantined" in r.get_data(as_text=True)
    assert len(audit(ctx, "discard")) == 3


def test_confirm_all_shown(app: Flask, ctx: Context, editor: FlaskClient, tmp_path: Path) -> None:
    docs = []
    for n in range(3):
        pdf = make_pdf(tmp_path / f"{n}.pdf", sample_invoice(number=f"LOW-{n}"))
        docs.append(file_pdf(ctx, pdf))
    with ctx.db.session() as s:
        for doc_id in docs:
            doc = s.get(Document, doc_id)
            assert doc is not None
            doc.fields = {**doc.fields, "tax": {**doc.fields["tax"], "confidence": 0.3}}
            doc.confidence = 0.3
    page = editor.get("/review?kind=low_confidence&q=LOW-").get_data(as_text=True)
    assert "Confirm all shown as read (3)" in page
    shown = [int(d) for d in re.findall(r'name="doc" value="(\d+)"', page)]
    assert sorted(shown) == sorted(docs)
    # Only what is shown is confirmed: a filter that shows two confirms two.
    page = editor.get("/review?kind=low_confidence&q=LOW-1").get_data(as_text=True)
    form = {"doc": re.findall(r'name="doc" value="(\d+)"', page), "csrf_token": csrf(editor)}
    form.update({k: v for k, v in re.findall(r'name="(name-\d+)" value="([^"]+)"', page)})
    assert form["doc"] == [str(docs[1])]
    viewer = app.test_client()
    login(viewer, "vera")
    r = viewer.post("/review/low_confidence/confirm", data={**form, "csrf_token": csrf(viewer)})
    assert r.status_code == 403
    r = editor.post("/review/low_confidence/confirm", data=form, follow_redirects=True)
    assert "Confirmed 1 value on 1 document." in r.get_data(as_text=True)
    with ctx.db.session() as s:
        confidence = {d: s.get(Document, d).confidence for d in docs}  # type: ignore[union-attr]
    assert confidence[docs[1]] >= ctx.settings.review_confidence
    assert confidence[docs[0]] == confidence[docs[2]] == 0.3
    assert [(e.entity_id, e.field) for e in audit(ctx, "confirm")] == [(docs[1], "tax")]


def test_link_selected_lines_to_a_product(
    app: Flask, ctx: Context, editor: FlaskClient, tmp_path: Path
) -> None:
    with ctx.db.session() as s:
        create_product(s, {"sku": "ZG-1", "name": "Zeta gizmo"}, user="ed")
    doc_id = file_pdf(ctx, make_pdf(tmp_path / "i.pdf", sample_invoice(number="LINK-1")))
    with ctx.db.session() as s:
        lines = list(s.scalars(select(LineItem.id).where(LineItem.document_id == doc_id)))
    assert len(lines) == 3
    page = editor.get("/review?kind=unlinked_lines").get_data(as_text=True)
    assert page.count('form="bulk-unlinked_lines" name="id"') == 3
    page = editor.get("/review?kind=unlinked_lines&q=drill").get_data(as_text=True)
    assert page.count('form="bulk-unlinked_lines" name="id"') == 2  # the drill and its bits
    chosen = [str(i) for i in lines[:2]]
    form = {"id": chosen, "view_kind": "unlinked_lines", "csrf_token": csrf(editor)}
    # An unknown product: no line is linked (all or none).
    r = editor.post("/review/lines/link", data={**form, "product": "NOPE"}, follow_redirects=True)
    assert "No line was linked: there is no product &#39;NOPE&#39;" in r.get_data(as_text=True)
    assert audit(ctx, "link") == []
    viewer = app.test_client()
    login(viewer, "vera")
    data = {**form, "product": "ZG-1", "csrf_token": csrf(viewer)}
    assert viewer.post("/review/lines/link", data=data).status_code == 403
    r = editor.post("/review/lines/link", data={**form, "product": "zg-1"}, follow_redirects=True)
    assert "Linked 2 lines to zg-1." in r.get_data(as_text=True)
    with ctx.db.session() as s:
        linked = {
            ln.id: (ln.product.sku if ln.product else None, ln.match_method)
            for ln in s.scalars(select(LineItem).where(LineItem.document_id == doc_id))
        }
    assert linked == {
        lines[0]: ("ZG-1", "user"),
        lines[1]: ("ZG-1", "user"),
        lines[2]: (None, None),
    }
    assert sorted(e.field or "" for e in audit(ctx, "link")) == ["line 1 product", "line 2 product"]


def test_confirm_all_shown_weak_links(
    app: Flask, ctx: Context, editor: FlaskClient, tmp_path: Path
) -> None:
    with ctx.db.session() as s:
        import_catalog(s, b"sku,name\nAT-100,Cordless drill 18V\nAT-220,Drill bit set 25 pcs\n",
                       user="ed")  # fmt: skip
    weak = [{"code": "", "description": "Fortis drill bit set 25 pcs HSS titanium",
             "quantity": 1, "unit_price": "18.50", "amount": "18.50"}]  # fmt: skip
    docs = [
        file_pdf(ctx, make_pdf(tmp_path / f"{n}.pdf", sample_invoice(
            vendor=vendor, number=f"W-{n}", line_items=weak,
            subtotal="18.50", tax="3.70", total="22.20")))
        for n, vendor in enumerate(["Acme Tools GmbH", "Bolt Supplies Ltd"])
    ]  # fmt: skip
    page = editor.get("/review?kind=weak_links").get_data(as_text=True)
    assert "Confirm all shown links (2)" in page
    form = {
        "line": re.findall(r'name="line" value="(\d+)"', page),
        "csrf_token": csrf(editor),
        "view_kind": "weak_links",
    }
    form.update({k: v for k, v in re.findall(r'name="(sku-\d+)" value="([^"]*)"', page)})
    assert sorted(v for k, v in form.items() if k.startswith("sku-")) == ["AT-220", "AT-220"]
    viewer = app.test_client()
    login(viewer, "vera")
    r = viewer.post("/review/lines/confirm", data={**form, "csrf_token": csrf(viewer)})
    assert r.status_code == 403
    r = editor.post("/review/lines/confirm", data=form, follow_redirects=True)
    assert "Confirmed 2 product links." in r.get_data(as_text=True)
    with ctx.db.session() as s:
        lines = s.scalars(select(LineItem).where(LineItem.document_id.in_(docs))).all()
        assert sorted((ln.product.sku if ln.product else "", ln.match_method) for ln in lines) == [
            ("AT-220", "user"),
            ("AT-220", "user"),
        ]
    assert sorted(e.entity_id or 0 for e in audit(ctx, "confirm")) == sorted(docs)
    assert "Confirm all shown links" not in editor.get("/review").get_data(as_text=True)
