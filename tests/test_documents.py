"""The document page (pages drawn, boxes where fields were read, chain links) and
corrections (audit, index update, matching-memory hook, conflicts)."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from flask import Flask
from PIL import Image
from sqlalchemy import select

from intake.db.models import AuditEntry, Document, LineItem, Product
from intake.db.persist import load_pages
from intake.documents.corrections.fields import correct_fields
from intake.documents.corrections.lines import add_line, correct_line
from intake.errors import Conflict
from intake.index.store import SearchIndex
from intake.ingest.stages import Context
from tests.factory import make_pdf, sample_invoice, short_pdf
from tests.webtools import csrf, file_pdf, login


@pytest.fixture
def invoice(ctx: Context, tmp_path: Path) -> int:
    return file_pdf(ctx, make_pdf(tmp_path / "inv.pdf", sample_invoice(po_number="PO-4410")))


def test_the_page_shows_each_field_with_a_box_where_it_was_read(
    app: Flask, ctx: Context, invoice: int
) -> None:
    client = app.test_client()
    login(client)
    page = client.get(f"/documents/{invoice}").get_data(as_text=True)
    with ctx.db.session() as s:
        box = s.get(Document, invoice).fields["total"]["box"]  # type: ignore[union-attr]
    rect = re.search(r'<rect id="box-total" class="box[^"]*" x="([\d.]+)" y="([\d.]+)"', page)
    assert rect, "no box around the total"
    assert float(rect.group(1)) == pytest.approx(box["x0"] - 2, abs=0.01)
    assert float(rect.group(2)) == pytest.approx(box["top"] - 2, abs=0.01)
    assert 'href="#box-total"' in page and "97%" in page and "layout" in page
    assert f"/documents/{invoice}/pages/1-1000.png" in page


def test_pages_are_drawn_once_and_cached_by_document_and_page(
    app: Flask, ctx: Context, invoice: int
) -> None:
    client = app.test_client()
    login(client)
    with client.get(f"/documents/{invoice}/pages/1-1000.png") as r:
        assert r.status_code == 200 and r.mimetype == "image/png"
        assert r.data[:8] == b"\x89PNG\r\n\x1a\n"
    cached = list((ctx.settings.cache_dir / "pages" / str(invoice)).glob("*-p1-w1000.png"))
    assert len(cached) == 1
    stamp = cached[0].stat().st_mtime_ns
    client.get(f"/documents/{invoice}/pages/1-1000.png").close()
    assert cached[0].stat().st_mtime_ns == stamp  # served from the cache
    for url in ["/pages/2-1000.png", "/pages/1-999.png", "/pages/0-240.png"]:
        assert client.get(f"/documents/{invoice}{url}").status_code == 404, url
    assert client.get("/documents/999/pages/1-240.png").status_code == 404


def test_the_chain_links_an_invoice_to_its_purchase_order(
    app: Flask, ctx: Context, tmp_path: Path, invoice: int
) -> None:
    po = file_pdf(
        ctx,
        make_pdf(
            tmp_path / "po.pdf",
            sample_invoice(doc_type="purchase_order", number="PO-4410", due_date=None),
        ),
    )
    client = app.test_client()
    login(client)
    page = client.get(f"/documents/{invoice}").get_data(as_text=True)
    assert f'href="/documents/{po}"' in page and "refers to" in page
    page = client.get(f"/documents/{po}").get_data(as_text=True)
    assert f'href="/documents/{invoice}"' in page and "refers to this" in page


def test_a_corrected_due_date_is_audited_reindexed_and_found(
    app: Flask, ctx: Context, invoice: int
) -> None:
    client = app.test_client()
    login(client, "ed")
    form = client.get(f"/documents/{invoice}/edit").get_data(as_text=True)
    version = re.search(r'name="version" value="([^"]+)"', form)
    assert version and 'value="2024-04-13"' in form
    # every date field (and only those) hints at the ISO form
    assert re.search(r'name="due_date"[^>]*placeholder="2024-03-31"', form)
    assert not re.search(r'name="vendor"[^>]*placeholder="2024-03-31"', form)
    r = client.post(
        f"/documents/{invoice}/fields",
        data={
            "csrf_token": csrf(client, f"/documents/{invoice}/edit"),
            "version": version.group(1),
            "doc_type": "invoice",
            "due_date": "2024-05-31",
            "field": ["due_date"],
        },
    )
    assert r.status_code == 302
    with ctx.db.session() as s:
        doc = s.get(Document, invoice)
        assert doc is not None and doc.due_date is not None
        assert doc.due_date.isoformat() == "2024-05-31" and doc.needs_index
        assert doc.fields["due_date"]["source"] == "user"
        entry = s.scalars(select(AuditEntry).where(AuditEntry.entity_id == invoice)).one()
        assert (entry.user, entry.field, entry.old, entry.new) == (
            "ed",
            "due_date",
            "2024-04-13",
            "2024-05-31",
        )
    page = client.get(f"/documents/{invoice}").get_data(as_text=True)
    assert "2024-05-31" in page and "ed correct due_date" in page
    SearchIndex(ctx.settings.index_dir).sync(ctx.db)
    assert f"/documents/{invoice}" in client.get("/search?q=due:2024-05-31").get_data(as_text=True)
    assert f"/documents/{invoice}" not in client.get("/search?q=due:2024-04-13").get_data(
        as_text=True
    )


def test_a_corrected_vendor_is_found_by_words_after_reindexing(ctx: Context, invoice: int) -> None:
    index = SearchIndex(ctx.settings.index_dir)
    with ctx.db.session() as s:
        correct_fields(s, invoice, {"vendor": "Zanzibar Hardware"}, user="ed")
    assert invoice not in index.match_ids("zanzibar")
    index.sync(ctx.db)
    assert index.match_ids("zanzibar") == [invoice]


def test_bad_values_are_refused_with_reasons(app: Flask, ctx: Context, invoice: int) -> None:
    client = app.test_client()
    login(client, "ed")
    r = client.post(
        f"/documents/{invoice}/fields",
        data={
            "csrf_token": csrf(client, f"/documents/{invoice}/edit"),
            "due_date": "next tuesday",
            "total": "lots",
            "currency": "EURO",
        },
    )
    page = r.get_data(as_text=True)
    assert r.status_code == 400
    assert "a date is written" in page and "an amount is written" in page
    assert "three-letter code" in page
    with ctx.db.session() as s:
        assert s.scalar(select(AuditEntry.id)) is None


def test_a_stale_form_is_refused(app: Flask, ctx: Context, invoice: int) -> None:
    with ctx.db.session() as s:
        old = s.get(Document, invoice).updated_at.isoformat()  # type: ignore[union-attr]
        correct_fields(s, invoice, {"tax": "78.51"}, user="someone")
    with ctx.db.session() as s, pytest.raises(Conflict):
        correct_fields(s, invoice, {"tax": "78.52"}, user="ed", version=old)
    client = app.test_client()
    login(client, "ed")
    r = client.post(
        f"/documents/{invoice}/fields",
        data={"csrf_token": csrf(client), "version": old, "tax": "1.00"},
    )
    assert r.status_code == 409 and "changed by someone else" in r.get_data(as_text=True)


class RecordingMemory:
    """A matching memory that records what it is fed."""

    def __init__(self) -> None:
        self.fed: list[tuple[str, str | None, str]] = []

    def remember(
        self, session: object, line: LineItem, product: Product | None, *, user: str
    ) -> None:
        self.fed.append((line.description, product.sku if product else None, user))


def test_a_corrected_product_link_feeds_the_matching_memory(ctx: Context, invoice: int) -> None:
    memory = RecordingMemory()
    with ctx.db.session() as s:
        s.add(Product(sku="AT-100", name="Cordless drill 18V"))
        line_id = add_line(
            s,
            invoice,
            {"description": "Akkuschrauber 18V", "quantity": "2"},
            user="ed",
            memories=(memory,),
        )
    with ctx.db.session() as s:
        changed = correct_line(
            s, invoice, line_id, {"product": "at-100"}, user="ed", memories=(memory,)
        )
    assert changed == ["product"]
    with ctx.db.session() as s:
        line = s.get(LineItem, line_id)
        assert line is not None and line.match_method == "user" and line.match_score == 1.0
        doc = s.get(Document, invoice)
        assert doc is not None and doc.fields["line_items"]["value"][-1]["quantity"] == "2.00"
    assert memory.fed == [("Akkuschrauber 18V", "AT-100", "ed")]


def test_lines_are_corrected_added_and_deleted_through_forms(
    app: Flask, ctx: Context, invoice: int
) -> None:
    client = app.test_client()
    login(client, "ed")
    token = csrf(client, f"/documents/{invoice}/edit")
    r = client.post(
        f"/documents/{invoice}/lines",
        data={"csrf_token": token, "description": "Hammer", "quantity": "1", "amount": "9.90"},
    )
    assert r.status_code == 302
    with ctx.db.session() as s:
        line_id = s.scalars(
            select(LineItem.id).where(
                LineItem.document_id == invoice, LineItem.description == "Hammer"
            )
        ).one()
    r = client.post(
        f"/documents/{invoice}/lines/{line_id}",
        data={"csrf_token": token, "quantity": "3", "product": "NOPE-1"},
    )
    assert r.status_code == 400 and "no product" in r.get_data(as_text=True)
    r = client.post(
        f"/documents/{invoice}/lines/{line_id}", data={"csrf_token": token, "quantity": "3"}
    )
    assert r.status_code == 302
    page = client.get(f"/documents/{invoice}").get_data(as_text=True)
    assert "Hammer" in page and "3.00" in page and "not linked" in page
    r = client.post(
        f"/documents/{invoice}/lines/{line_id}", data={"csrf_token": token, "action": "delete"}
    )
    assert r.status_code == 302
    with ctx.db.session() as s:
        assert s.get(LineItem, line_id) is None
        actions = [e.action for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions[0] == "add" and actions[-1] == "delete"


def test_confirming_fields_takes_the_document_out_of_review(
    app: Flask, ctx: Context, invoice: int
) -> None:
    with ctx.db.session() as s:
        doc = s.get(Document, invoice)
        assert doc is not None
        fields = dict(doc.fields)
        fields["tax"] = {**fields["tax"], "confidence": 0.3}
        doc.fields = fields
        doc.confidence = 0.3
    client = app.test_client()
    login(client, "ed")
    review = client.get("/review").get_data(as_text=True)
    assert f'/documents/{invoice}"' in review and "30%" in review
    r = client.post(
        f"/documents/{invoice}/confirm",
        data={"csrf_token": csrf(client), "name": ["tax", "doc_type"], "back": "review"},
    )
    assert r.status_code == 302 and r.headers["Location"].endswith("/review")
    with ctx.db.session() as s:
        doc = s.get(Document, invoice)
        assert doc is not None and doc.fields["tax"]["confidence"] == 1.0
        assert doc.confidence >= ctx.settings.review_confidence
    page = client.get("/review").get_data(as_text=True)
    low = page.split('id="low_confidence"')[1].split("<section")[0]
    assert f'/documents/{invoice}"' not in low  # (its unfiled PO-4410 is listed elsewhere)


def test_a_page_read_turned_is_drawn_turned_under_its_boxes(
    app: Flask, ctx: Context, tmp_path: Path
) -> None:
    """A table printed sideways is read turned a quarter; its picture turns with it, so
    that the box of each word falls on ink."""
    doc_id = file_pdf(ctx, short_pdf(tmp_path / "sideways.pdf", rotate=90, raised=False))
    with ctx.db.session() as s:
        doc = s.get(Document, doc_id)
        assert doc is not None
        (page,) = load_pages(doc)
    assert page.turn == 90 and page.width < page.height  # shown landscape, read portrait
    client = app.test_client()
    login(client)
    with client.get(f"/documents/{doc_id}/pages/1-1000.png") as r:
        image = Image.open(BytesIO(r.data)).convert("L")
    assert image.width == 1000 and image.height > image.width
    scale = image.width / page.width
    word = next(w for w in page.words if w.text == "INV-2024/118")
    inside = image.crop(
        (
            int(word.x0 * scale),
            int(word.top * scale),
            int(word.x1 * scale),
            int(word.bottom * scale),
        )
    )
    assert inside.getextrema()[0] < 100  # ink under the box
    blank = image.crop((0, image.height - 40, image.width, image.height))
    assert blank.getextrema()[0] > 200  # and paper where nothing was drawn
