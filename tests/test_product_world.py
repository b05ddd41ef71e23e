"""The whole of issue 5 on a generated world, through the real pipeline: a catalog imported
from CSV, five vendors (German, French, English, Spanish and Dutch documents, two
layouts) who write SKUs, their own part numbers, spaced codes or no code at all and
word the products their own way, estimate -> purchase order -> invoice chains with every
kind of mismatch, invoices naming no known order, re-sent invoices, lines of things the
catalog does not have. ``python -m benchmarks matching`` prints the same figures for
several seeds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from intake.db.engine import Database, open_database
from intake.db.models import Document, LineItem
from intake.documents.corrections.lines import correct_line
from intake.documents.listing import DocumentFilter, list_documents
from intake.export.batches import ExportRequest, run_export
from intake.export.rules import set_rule
from intake.filing.catalog_import import import_catalog
from intake.filing.dossier import dossier_json, find_product, product_dossier
from intake.filing.matching.steps import refresh_document
from intake.filing.wiring import Wiring
from intake.ingest.stages import Context
from intake.settings import Settings
from tests.product_world import (
    VENDORS,
    Figures,
    World,
    catalog_csv,
    file_world,
    make_world,
    measure,
)

#: The matching memories Intake ships with (the composition\'s).
MEMORIES = Wiring.default().memories


@dataclass
class Filed:
    ctx: Context
    world: World
    ids: list[int]
    figures: Figures
    records: dict[int, dict[str, Any]]


@pytest.fixture(scope="module")
def filed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Filed]:
    root = tmp_path_factory.mktemp("world")
    settings = Settings(data_dir=root / "data", watch_dir=root / "watch", memory_limit_mb=0)
    settings.ensure_dirs()
    db: Database = open_database(settings.db_url)
    ctx = Wiring.default().context(settings, db)
    with db.session() as s:
        report = import_catalog(s, catalog_csv(), user="test")
    assert report.created == 36 and not report.errors
    world = make_world(seed=7)
    ids = file_world(ctx, world, root / "pdfs")
    with db.session() as s:
        records = {r["id"]: r for r in list_documents(s, DocumentFilter(limit=10_000))}
    yield Filed(ctx, world, ids, measure(records, world, ids), records)
    db.dispose()


def test_lines_are_linked_to_the_right_products(filed: Filed) -> None:
    f = filed.figures
    assert f.lines > 250 and f.lines_misread == 0
    assert f.share_right >= 0.95, (f.share_right, f.unlinked)
    assert f.wrong_above(filed.ctx.settings.match_threshold) == 0, f.wrong
    assert f.wrong == []  # no wrong link at all, not even a weak one
    assert f.off_catalog >= 5 and f.off_catalog_unlinked == f.off_catalog


def test_every_mismatch_kind_is_detected(filed: Filed) -> None:
    kinds = filed.figures.kinds
    assert set(kinds) == {"matched", "price_mismatch", "quantity_mismatch", "over_billed", "no_po"}
    for kind, (found, total) in kinds.items():
        assert found == total and total >= 4, (kind, found, total)


def test_resent_invoices_are_flagged_and_never_exported(filed: Filed) -> None:
    found, total = filed.figures.duplicates
    assert total >= 3 and found == total and filed.figures.false_duplicates == 0
    db, settings = filed.ctx.db, filed.ctx.settings
    for vendor in VENDORS:
        set_rule(db, vendor=vendor.name, account="5000", tax_code="VAT20", user="test")
    result = run_export(db, settings, ExportRequest("csv"), user="test")
    copies = {i for g, i in zip(filed.world.docs, filed.ids, strict=True) if g.repeats}
    assert copies and not copies & set(result.document_ids)
    held = {h.document_id: h.reasons for h in result.held}
    assert all(any("duplicate of document" in r for r in held[c]) for c in copies)
    mismatched = {
        i
        for g, i in zip(filed.world.docs, filed.ids, strict=True)
        if g.expected_status in ("price_mismatch", "quantity_mismatch", "over_billed", "no_po")
    }
    assert not mismatched & set(result.document_ids)  # held until a person accepts them
    matched = {
        i
        for g, i in zip(filed.world.docs, filed.ids, strict=True)
        if g.expected_status == "matched" and not g.repeats
    }
    assert matched <= set(result.document_ids)
    assert run_export(db, settings, ExportRequest("csv"), user="test").document_ids == ()


def test_the_dossier_is_complete(filed: Filed) -> None:
    """For every product: each filed document line linked to it is in the dossier (as
    filed: vendor and date as extraction read them), in date order; every vendor who
    priced it has a price series; orders invoiced in part stay open for the rest, orders
    invoiced in full are not listed."""
    world, ids = filed.world, filed.ids
    today = dt.date.today()
    with filed.ctx.db.session() as s:

        def dossier(sku: str) -> dict[str, Any]:
            return dossier_json(product_dossier(s, find_product(s, sku).id, today))

        docs = list(s.scalars(select(Document).options(selectinload(Document.vendor))))
        vendor_of = {d.id: d.vendor.name if d.vendor else None for d in docs}
        date_of = {d.id: d.issue_date.isoformat() if d.issue_date else None for d in docs}
        for sku in sorted({ln.sku for d in world.docs for ln in d.lines if ln.sku}):
            found = dossier(sku)
            touching = sorted(  # the generated lines of it that were linked (>= 95 %)
                (ids[i], ln.quantity)
                for i, d in enumerate(world.docs)
                for j, ln in enumerate(d.lines)
                if ln.sku == sku and filed.records[ids[i]]["lines"][j]["product_sku"] == sku
            )
            listed = sorted((x["id"], int(float(x["quantity"]))) for x in found["documents"])
            assert listed == touching, sku
            for x in found["documents"]:
                assert (x["vendor"], x["issue_date"]) == (vendor_of[x["id"]], date_of[x["id"]])
            dates = [x["issue_date"] for x in found["documents"]]
            assert dates == sorted(dates)
            priced = {vendor_of[doc_id] for doc_id, _ in touching}
            assert {p["vendor"] for p in found["price_history"]} == priced, sku
            for series in found["price_history"]:
                days = [p["date"] for p in series["points"]]
                assert days == sorted(days) and series["currency"] == "EUR"
        chains = [
            (d, world.docs[k - 1])
            for k, d in enumerate(world.docs)
            if d.doc_type == "invoice" and d.expected_status == "matched" and not d.repeats
        ]
        opened = closed = 0
        for inv, po in chains:
            for billed, ordered in zip(inv.lines, po.lines, strict=True):
                if billed.sku is None:
                    continue
                orders = [o for o in dossier(billed.sku)["open_orders"] if o["number"] == po.number]
                rest = ordered.quantity - billed.quantity
                if rest:
                    assert [int(float(o["open"])) for o in orders] == [rest], po.number
                    opened += 1
                else:
                    assert orders == [], po.number
                    closed += 1
        assert opened >= 1 and closed >= 1


def test_documents_list_json_keeps_the_promised_names(filed: Filed) -> None:
    with filed.ctx.db.session() as s:
        rows = list_documents(s, DocumentFilter(doc_type="invoice", limit=3))
    assert rows and set(rows[0]) == {
        "id", "file", "doc_type", "number", "vendor", "issue_date", "due_date",
        "delivery_date", "valid_until", "currency", "subtotal", "tax", "total", "references",
        "match_status", "duplicate_of", "lines",
    }  # fmt: skip
    assert set(rows[0]["references"]) == {"quote_number", "po_number"}
    assert set(rows[0]["lines"][0]) == {
        "description", "code", "quantity", "unit_price", "amount", "delivery_date",
        "product_sku", "match_method", "match_score",
    }  # fmt: skip


def test_another_seed_and_the_memory_linking_the_rest(tmp_path: Path) -> None:
    """The figures hold for another world; and when a person links each line left for
    review once, the matching memory links that vendor's other lines like it (the same
    line on the estimate, the order and the invoice of a chain)."""
    settings = Settings(data_dir=tmp_path / "data", watch_dir=tmp_path / "watch")
    settings.ensure_dirs()
    db = open_database(settings.db_url)
    try:
        ctx = Wiring.default().context(settings, db)
        with db.session() as s:
            import_catalog(s, catalog_csv(), user="test")
        world = make_world(seed=11)
        ids = file_world(ctx, world, tmp_path / "pdfs")
        with db.session() as s:
            records = {r["id"]: r for r in list_documents(s, DocumentFilter(limit=10_000))}
        f = measure(records, world, ids)
        assert f.share_right >= 0.95 and f.wrong == [] and f.lines_misread == 0
        assert all(found == total for found, total in f.kinds.values())
        assert len(f.unlinked) >= 3

        taught: set[tuple[str, str]] = set()
        for gen, doc_id in zip(world.docs, ids, strict=True):
            rows = records[doc_id]["lines"]
            for j, (want, got) in enumerate(zip(gen.lines, rows, strict=True)):
                key = (gen.vendor.name, want.description)
                if want.sku is None or got["product_sku"] is not None or key in taught:
                    continue
                with db.session() as s:
                    line_ids = s.scalars(
                        select(LineItem.id)
                        .where(LineItem.document_id == doc_id)
                        .order_by(LineItem.position)
                    ).all()
                    correct_line(
                        s, doc_id, line_ids[j], {"product": want.sku}, user="ed", memories=MEMORIES
                    )
                    refresh_document(s, doc_id, settings, Wiring.default().filing_steps)
                taught.add(key)
        with db.session() as s:
            records = {r["id"]: r for r in list_documents(s, DocumentFilter(limit=10_000))}
        after = measure(records, world, ids)
        assert after.share_right == 1.0 and after.wrong == []
        remembered = sum(
            ln["match_method"] == "memory" for r in records.values() for ln in r["lines"]
        )
        assert remembered == len(f.unlinked) - len(taught) > 0
    finally:
        db.dispose()
