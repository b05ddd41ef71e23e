"""The web side of filing against products: the product page as a dossier with its price
chart, the review queue's new sources and their actions (the memory learning from them),
accepting a mismatch, deciding on a duplicate, the product facet and the API."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from intake.db.models import Document, LineItem, Product
from intake.db.products import OrderMatch
from intake.filing.catalog_import import import_catalog
from intake.ingest.stages import Context
from intake.users import issue_token
from tests.factory import make_pdf, sample_invoice
from tests.webtools import csrf, file_pdf, login

CATALOG = (
    b"sku,name,unit,category,aliases\n"
    b"AT-100,Cordless drill 18V,pc,Tools,\n"
    b"AT-220,Drill bit set 25 pcs,set,Tools,\n"
    b"SF-10,Safety goggles,pc,Safety,AT-310\n"
)


@pytest.fixture
def catalog(ctx: Context) -> dict[str, int]:
    with ctx.db.session() as s:
        import_catalog(s, CATALOG, user="ed")
        return {p.sku: p.id for p in s.scalars(select(Product))}


def doc(**overrides: Any) -> dict[str, Any]:
    return sample_invoice(**overrides)


def file(ctx: Context, tmp_path: Path, fields: dict[str, Any], **draw: Any) -> int:
    number = fields["number"].replace("/", "_")
    name = f"{fields['doc_type']}-{number}-{len(list(tmp_path.iterdir()))}.pdf"
    return file_pdf(ctx, make_pdf(tmp_path / name, fields, **draw))


def test_the_product_page_is_its_dossier_with_a_price_chart(
    app: Flask, ctx: Context, tmp_path: Path, catalog: dict[str, int]
) -> None:
    lines = sample_invoice()["line_items"]
    file(ctx, tmp_path, doc(doc_type="purchase_order", number="PO-1", issue_date="2024-01-10"))
    file(ctx, tmp_path, doc(number="I-1", po_number="PO-1", issue_date="2024-02-01",
                            line_items=[dict(lines[2], quantity=4, amount="16.80")],
                            subtotal="16.80", tax="3.36", total="20.16"))  # fmt: skip
    later = [dict(lines[2], unit_price="4.60", amount="46.00")]
    file(ctx, tmp_path, doc(number="I-2", issue_date="2024-05-02", line_items=later,
                            subtotal="46.00", tax="9.20", total="55.20"))  # fmt: skip
    other = [dict(lines[2], code="", unit_price="3.90", amount="39.00")]
    file(ctx, tmp_path, doc(vendor="Safety First Ltd", number="S-1", issue_date="2024-03-03",
                            line_items=other, subtotal="39.00", tax="7.80", total="46.80"),
         lang="fr")  # fmt: skip
    client = app.test_client()
    login(client)
    page = client.get(f"/products/{catalog['SF-10']}").get_data(as_text=True)
    chart = re.search(r"<svg viewBox=\"0 0 640 240\".*?</svg>", page, re.S)
    assert chart, "no price chart"
    svg = chart.group(0)
    assert svg.count("<polyline") == 2 and svg.count("<circle") == 4  # two vendors, 4 prices
    assert "Safety First Ltd: 3.90 EUR on 2024-03-03" in svg and "<script" not in page
    for text in ("Open purchase orders", "PO-1", "Contracts in force", "Documents"):
        assert text in page
    rows = re.findall(r"<tr><td>(\d{4}-\d\d-\d\d)</td><td>(\w[\w ]*)</td>", page)
    assert [r[0] for r in rows] == sorted(r[0] for r in rows) and len(rows) == 4
    assert re.search(r"PO-1</a></td><td>Acme Tools GmbH</td><td>2024-01-10</td>\s*"
                     r"<td class=\"num\">10(\.00)?</td><td class=\"num\">4(\.00)?</td>"
                     r"<td class=\"num\">6(\.00)?</td>", page)  # fmt: skip


def _review(client: Any) -> str:
    return str(client.get("/review").get_data(as_text=True))


def test_unlinked_lines_are_linked_from_review_and_the_memory_links_the_rest(
    app: Flask, ctx: Context, tmp_path: Path, catalog: dict[str, int]
) -> None:
    own = [{"code": "KX-55", "description": "Akkuschrauber Profi", "quantity": 2,
            "unit_price": "129.00", "amount": "258.00"}]  # fmt: skip
    first = file(ctx, tmp_path, doc(number="K-1", line_items=own))
    second = file(ctx, tmp_path, doc(number="K-2", line_items=own), layout="stacked")
    client = app.test_client()
    login(client, "ed")
    page = _review(client)
    assert "Lines without a product" in page and page.count("Akkuschrauber Profi") == 2
    with ctx.db.session() as s:
        line = s.scalars(select(LineItem).where(LineItem.document_id == first)).one()
    r = client.post(
        f"/documents/{first}/lines/{line.id}",
        data={"csrf_token": csrf(client, "/review"), "product": "AT-100", "back": "review"},
    )
    assert r.status_code == 302 and r.headers["Location"].endswith("/review")
    with ctx.db.session() as s:
        methods = {
            ln.document_id: (ln.product_id, ln.match_method)
            for ln in s.scalars(select(LineItem).where(LineItem.document_id.in_([first, second])))
        }
    assert methods == {first: (catalog["AT-100"], "user"), second: (catalog["AT-100"], "memory")}
    assert "Akkuschrauber Profi" not in _review(client)


def test_weak_links_are_confirmed_from_review(
    app: Flask, ctx: Context, tmp_path: Path, catalog: dict[str, int]
) -> None:
    weak = [{"code": "", "description": "Fortis drill bit set 25 pcs HSS titanium", "quantity": 1,
             "unit_price": "18.50", "amount": "18.50"}]  # fmt: skip
    doc_id = file(ctx, tmp_path, doc(number="W-1", line_items=weak))
    other = file(ctx, tmp_path, doc(number="W-2", line_items=weak), lang="nl")
    with ctx.db.session() as s:
        line = s.scalars(select(LineItem).where(LineItem.document_id == doc_id)).one()
        assert line.match_method == "fuzzy" and line.match_score is not None
        assert line.match_score < ctx.settings.match_review_below
    client = app.test_client()
    login(client, "ed")
    page = _review(client)
    assert "Weak product links" in page and "Confirm AT-220" in page
    r = client.post(
        f"/documents/{doc_id}/lines/{line.id}",
        data={"csrf_token": csrf(client, "/review"), "product": "AT-220", "confirm": "1",
              "back": "review"},
    )  # fmt: skip
    assert r.status_code == 302
    with ctx.db.session() as s:
        assert s.get(LineItem, line.id).match_method == "user"  # type: ignore[union-attr]
        # The same vendor's same line on another invoice: now linked from memory.
        again = s.scalars(select(LineItem).where(LineItem.document_id == other)).one()
        assert (again.product_id, again.match_method) == (catalog["AT-220"], "memory")
    assert "Confirm AT-220" not in _review(client)


def test_a_mismatch_is_explained_and_accepted_on_the_document_page(
    app: Flask, ctx: Context, tmp_path: Path, catalog: dict[str, int]
) -> None:
    file(ctx, tmp_path, doc(doc_type="purchase_order", number="PO-9"))
    lines = sample_invoice()["line_items"]
    dearer = [dict(lines[0], unit_price="140.00", amount="280.00"), *lines[1:]]
    inv = file(ctx, tmp_path, doc(number="I-9", po_number="PO-9", line_items=dearer,
                                  subtotal="414.50", tax="82.90", total="497.40"))  # fmt: skip
    client = app.test_client()
    login(client, "vera")
    page = client.get(f"/documents/{inv}").get_data(as_text=True)
    assert "Purchase order match" in page and "price mismatch" in page
    assert "billed at 140.00, ordered at 129.00" in page and "line 2 · matched" in page
    assert "Accept: may be exported" not in page  # viewers do not decide
    assert "Invoices that do not match their order" in _review(client)
    login(client, "ed")
    page = client.get(f"/documents/{inv}").get_data(as_text=True)
    assert "Accept: may be exported" in page
    r = client.post(f"/documents/{inv}/order-match/accept", data={"csrf_token": csrf(client)})
    assert r.status_code == 302
    with ctx.db.session() as s:
        assert s.get(OrderMatch, inv).accepted_by == "ed"  # type: ignore[union-attr]
    assert "accepted" in client.get(f"/documents/{inv}").get_data(as_text=True)
    # Twice is no error; a document without an order match is a 404.
    assert client.post(f"/documents/{inv}/order-match/accept",
                       data={"csrf_token": csrf(client)}).status_code == 302  # fmt: skip
    assert client.post("/documents/999/order-match/accept",
                       data={"csrf_token": csrf(client)}).status_code == 404  # fmt: skip


def test_duplicates_are_shown_and_decided(
    app: Flask, ctx: Context, tmp_path: Path, catalog: dict[str, int]
) -> None:
    first = file(ctx, tmp_path, doc())
    again = file(ctx, tmp_path, doc(), layout="stacked", lang="de")
    client = app.test_client()
    login(client, "ed")
    page = client.get(f"/documents/{again}").get_data(as_text=True)
    assert "Duplicate" in page and f'href="/documents/{first}"' in page
    assert "held back: never exported twice" in page
    assert "Duplicate invoices and orders" in _review(client)
    token = csrf(client)
    url = f"/documents/{again}/duplicate"
    assert client.post(url, data={"csrf_token": token, "verdict": "maybe"}).status_code == 400
    r = client.post(url, data={"csrf_token": token, "verdict": "duplicate", "back": "review"})
    assert r.status_code == 302 and r.headers["Location"].endswith("/review")
    review = _review(client)
    assert f'href="/documents/{again}"' not in review.split('id="duplicates"')[1]
    with ctx.db.session() as s:
        assert s.get(Document, again).duplicate_of_id == first  # type: ignore[union-attr]


def test_the_product_facet_and_the_api(
    app: Flask, ctx: Context, tmp_path: Path, catalog: dict[str, int]
) -> None:
    a = file(ctx, tmp_path, doc(number="F-1"))
    file(ctx, tmp_path, doc(number="F-2", line_items=sample_invoice()["line_items"][:1],
                            subtotal="258.00", tax="51.60", total="309.60"))  # fmt: skip
    client = app.test_client()
    login(client)
    page = client.get("/search?q=type:invoice").get_data(as_text=True)
    assert "Product" in page and "SF-10 · Safety goggles" in page
    page = client.get(f"/search?product={catalog['SF-10']}").get_data(as_text=True)
    assert "F-1" in page and "F-2" not in page
    token = issue_token(ctx.db, "vera")
    body = (
        app.test_client()
        .get(f"/api/products/{catalog['AT-100']}", headers={"Authorization": f"Bearer {token}"})
        .get_json()
    )
    assert body["sku"] == "AT-100" and [d["number"] for d in body["dossier"]["documents"]] == [
        "F-1",
        "F-2",
    ]
    assert body["dossier"]["price_history"][0]["points"][0]["unit_price"] == "129.00"
    assert a
