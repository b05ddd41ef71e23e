"""Invoices against their purchase orders, and duplicate invoices, through real filing:
order after invoice, partial and cumulative billing, currencies, variant numbers, the
export holding mismatches and duplicates back, acceptance and its lapse, decisions."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from intake.db.models import Document, LineItem
from intake.db.products import OrderLineMatch, OrderMatch
from intake.documents.corrections.fields import correct_fields
from intake.documents.corrections.lines import correct_line
from intake.errors import Conflict
from intake.export.batches import ExportRequest, run_export
from intake.export.rules import set_rule
from intake.filing.matching.duplicates import decide_duplicate
from intake.filing.matching.order_status import accept_order_match
from intake.filing.matching.steps import refresh_document
from intake.filing.wiring import Wiring
from intake.ingest.stages import Context
from intake.settings import Settings
from tests.factory import make_pdf, sample_invoice
from tests.test_layout_conventions import Rows, drawn_fields
from tests.webtools import file_pdf

#: The matching memories Intake ships with (the composition\'s).
MEMORIES = Wiring.default().memories


def order(**overrides: Any) -> dict[str, Any]:
    return sample_invoice(**{"doc_type": "purchase_order", "number": "PO-77", **overrides})


def invoice(**overrides: Any) -> dict[str, Any]:
    return sample_invoice(**{"po_number": "PO-77", **overrides})


def billing(lines: list[dict[str, Any]]) -> dict[str, str]:
    """Subtotal, tax and total that add up for ``lines``."""
    subtotal = sum(Decimal(str(ln["amount"])) for ln in lines)
    tax = (subtotal * Decimal("0.2")).quantize(Decimal("0.01"))
    return {"subtotal": str(subtotal), "tax": str(tax), "total": str(subtotal + tax)}


def file(ctx: Context, tmp_path: Path, doc: dict[str, Any], **draw: Any) -> int:
    name = f"{doc['doc_type']}-{doc['number'].replace('/', '_')}-{len(list(tmp_path.iterdir()))}"
    return file_pdf(ctx, make_pdf(tmp_path / f"{name}.pdf", doc, **draw))


def status(ctx: Context, doc_id: int) -> tuple[str, list[str], str]:
    with ctx.db.session() as s:
        row = s.get(OrderMatch, doc_id)
        assert row is not None
        lines = s.scalars(
            select(OrderLineMatch.status)
            .join(LineItem, LineItem.id == OrderLineMatch.line_id)
            .where(OrderLineMatch.document_id == doc_id)
            .order_by(LineItem.position)
        ).all()
        return row.status, list(lines), row.detail


def explanations(ctx: Context, doc_id: int) -> list[str]:
    with ctx.db.session() as s:
        return list(
            s.scalars(
                select(OrderLineMatch.explanation)
                .join(LineItem, LineItem.id == OrderLineMatch.line_id)
                .where(OrderLineMatch.document_id == doc_id)
                .order_by(LineItem.position)
            )
        )


def exported(ctx: Context) -> tuple[set[int], dict[int, tuple[str, ...]]]:
    set_rule(ctx.db, vendor="Acme Tools GmbH", account="5000", tax_code="VAT20", user="ed")
    result = run_export(ctx.db, ctx.settings, ExportRequest("csv"), user="ed")
    return set(result.document_ids), {h.document_id: h.reasons for h in result.held}


def test_an_order_filed_after_its_invoice_settles_the_invoice(ctx: Context, tmp_path: Path) -> None:
    inv = file(ctx, tmp_path, invoice())
    assert status(ctx, inv)[0] == "no_po"
    assert "PO-77, which is not filed" in status(ctx, inv)[2]
    po = file(ctx, tmp_path, order(), layout="stacked", lang="fr")
    assert status(ctx, inv)[:2] == ("matched", ["matched"] * 3)
    assert "as ordered" in explanations(ctx, inv)[0] and "PO-77 line 1" in explanations(ctx, inv)[0]
    with ctx.db.session() as s:
        assert s.get(OrderMatch, inv).order_id == po  # type: ignore[union-attr]


def test_each_mismatch_kind_is_found_and_explained(ctx: Context, tmp_path: Path) -> None:
    lines = sample_invoice()["line_items"]
    dearer = [dict(lines[0], unit_price="135.00", amount="270.00"), *lines[1:]]
    more = [lines[0], dict(lines[1], quantity=7, amount="129.50"), lines[2]]
    extra = [*lines, {"code": "AT-999", "description": "Workbench", "quantity": 1,
                      "unit_price": "99.00", "amount": "99.00"}]  # fmt: skip
    cases = {}
    for n, (kind, billed) in enumerate(
        [("price_mismatch", dearer), ("quantity_mismatch", more), ("over_billed", extra)]
    ):
        file(ctx, tmp_path, order(number=f"PO-{n}"))
        cases[kind] = file(
            ctx, tmp_path, invoice(number=f"I-{n}", po_number=f"PO-{n}", line_items=billed,
                                   **billing(billed))
        )  # fmt: skip
    cases["no_po"] = file(ctx, tmp_path, sample_invoice(number="I-4"))
    for kind, doc_id in cases.items():
        assert status(ctx, doc_id)[0] == kind, kind
    assert status(ctx, cases["price_mismatch"])[1] == ["price_mismatch", "matched", "matched"]
    assert (
        "billed at 135.00, ordered at 129.00 (+4.7 %, tolerance 1 %)"
        in explanations(ctx, cases["price_mismatch"])[0]
    )
    assert (
        "billed 7, ordered 5 (2 more than ordered)"
        in explanations(ctx, cases["quantity_mismatch"])[1]
    )
    assert status(ctx, cases["over_billed"])[1] == ["matched"] * 3 + ["over_billed"]
    assert "not on order PO-2" in explanations(ctx, cases["over_billed"])[3]
    assert status(ctx, cases["no_po"])[2] == "names no purchase order"


def test_billing_counts_across_the_invoices_of_one_order(ctx: Context, tmp_path: Path) -> None:
    file(ctx, tmp_path, order())
    lines = sample_invoice()["line_items"]
    half = [dict(lines[2], quantity=4, amount="16.80")]
    first = file(ctx, tmp_path, invoice(number="P-1", line_items=half, **billing(half)))
    assert status(ctx, first)[0] == "matched"
    assert "partial: 4 of 10 open" in explanations(ctx, first)[0]
    second = file(ctx, tmp_path, invoice(number="P-2", line_items=half, **billing(half)))
    assert status(ctx, second)[0] == "matched"
    assert "partial: 4 of 6 open" in explanations(ctx, second)[0]
    third = file(ctx, tmp_path, invoice(number="P-3", line_items=half, **billing(half)))
    assert status(ctx, third)[0] == "over_billed"
    assert "earlier invoices billed 8 already: 2 more than ordered" in explanations(ctx, third)[0]
    # Every line matching, but more money than the order has left: over-billed as a whole.
    fee = file(ctx, tmp_path, invoice(number="P-4", line_items=[], **billing(lines)))
    assert status(ctx, fee)[0] == "over_billed" and "was still open" in status(ctx, fee)[2]


def test_currencies_and_variant_numbers(ctx: Context, tmp_path: Path) -> None:
    file(ctx, tmp_path, order())
    inv = file(ctx, tmp_path, invoice(number="C-1", po_number="po-0077", currency="USD"))
    st, _, detail = status(ctx, inv)
    assert st == "price_mismatch" and "invoiced in USD, ordered in EUR" in detail
    # A reference read without its prefix ("PO 0077" -> "0077") still finds the only
    # order with those digits.
    file(ctx, tmp_path, order(number="PO-88"))
    other = file(ctx, tmp_path, invoice(number="C-2", po_number="PO 0088"))
    assert status(ctx, other)[:2] == ("matched", ["matched"] * 3)


def test_export_holds_mismatches_until_accepted_and_the_acceptance_lapses(
    ctx: Context, tmp_path: Path
) -> None:
    file(ctx, tmp_path, order())
    lines = sample_invoice()["line_items"]
    dearer = [dict(lines[0], unit_price="135.00", amount="270.00"), *lines[1:]]
    inv = file(ctx, tmp_path, invoice(line_items=dearer, **billing(dearer)))
    done, held = exported(ctx)
    assert inv not in done and "price mismatch against its purchase order" in held[inv][0]
    with ctx.db.session() as s:
        accept_order_match(s, inv, user="ed")
    with ctx.db.session() as s:
        row = s.get(OrderMatch, inv)
        assert row is not None and row.accepted_by == "ed"
        line_id = s.scalars(
            select(LineItem.id).where(LineItem.document_id == inv).order_by(LineItem.position)
        ).first()
        assert line_id is not None
        # A correction that changes the result: the acceptance lapses.
        correct_line(s, inv, line_id, {"unit_price": "140.00"}, user="ed", memories=MEMORIES)
        refresh_document(s, inv, ctx.settings, ctx.steps)
    with ctx.db.session() as s:
        row = s.get(OrderMatch, inv)
        assert row is not None and row.accepted_by is None and row.status == "price_mismatch"
        accept_order_match(s, inv, user="ed")
    done, held = exported(ctx)
    assert inv in done


def test_a_matching_invoice_cannot_be_accepted(ctx: Context, tmp_path: Path) -> None:
    file(ctx, tmp_path, order())
    inv = file(ctx, tmp_path, invoice())
    with ctx.db.session() as s, pytest.raises(Conflict):
        accept_order_match(s, inv, user="ed")


def test_a_resent_invoice_is_a_duplicate_and_never_exported_twice(
    ctx: Context, tmp_path: Path
) -> None:
    first = file(ctx, tmp_path, sample_invoice())
    again = file(ctx, tmp_path, sample_invoice(number="INV-2024/0118"), layout="stacked")
    other = file(ctx, tmp_path, sample_invoice(vendor="Other Tools AG"))
    with ctx.db.session() as s:
        flags = {d.id: d.duplicate_of_id for d in s.scalars(select(Document))}
    assert flags == {first: None, again: first, other: None}
    done, held = exported(ctx)
    assert done == {first} and held[again] == (f"duplicate of document {first}",)
    done, held = exported(ctx)
    assert done == set() and again in held  # the original went out once, the copy never

    # A person says the copy is no duplicate (the vendor reused the number): filed alone.
    with ctx.db.session() as s:
        decide_duplicate(s, again, "not_duplicate", user="ed")
    with ctx.db.session() as s:
        assert s.get(Document, again).duplicate_of_id is None  # type: ignore[union-attr]
    # A third copy still points at the first.
    third = file(ctx, tmp_path, sample_invoice(), lang="nl")
    with ctx.db.session() as s:
        assert s.get(Document, third).duplicate_of_id == first  # type: ignore[union-attr]


def test_correcting_the_number_unflags_and_refiles(ctx: Context, tmp_path: Path) -> None:
    first = file(ctx, tmp_path, sample_invoice())
    again = file(ctx, tmp_path, sample_invoice(), layout="stacked")
    with ctx.db.session() as s:
        correct_fields(s, again, {"invoice_number": "INV-2024/119"}, user="ed")
        refresh_document(s, again, ctx.settings, ctx.steps)
    with ctx.db.session() as s:
        assert s.get(Document, again).duplicate_of_id is None  # type: ignore[union-attr]
        # And the other way round: the first one corrected to the second's number.
        correct_fields(s, first, {"invoice_number": "INV-2024/119"}, user="ed")
        refresh_document(s, first, ctx.settings, ctx.steps)
    with ctx.db.session() as s:
        assert s.get(Document, again).duplicate_of_id == first  # type: ignore[union-attr]


def test_an_orders_issuer_printed_as_a_brand_is_the_buyer_by_its_registered_name(
    settings: Settings, tmp_path: Path
) -> None:
    # the buyer's letterhead prints its brand large, and so does its delivery address; its
    # registered name (with its legal form) stands in its address block: the buyer is
    # filed by that name
    rows: Rows = [
        (40, [(50, "Boulangerie Aubert", 17)]),
        (62, [(50, "Boulangerie Aubert SARL")]),
        (74, [(50, "5 place du Marché, 44000 Nantes")]),
        (44, [(380, "BON DE COMMANDE", 15)]),
        (70, [(380, "N° de commande"), (480, "BC-0917")]),
        (82, [(380, "Date"), (480, "03/11/2025")]),
        (130, [(50, "Fournisseur"), (330, "Adresse de livraison")]),
        (142, [(50, "Minoterie Garnier SAS"), (330, "Boulangerie Aubert - Fournil Est")]),
        (154, [(50, "Route de Clisson, 44190 Gétigné"), (330, "5 place du Marché")]),
        (166, [(330, "44000 Nantes")]),
        (200, [(50, "Désignation"), (320, "Qté"), (380, "P.U. HT"), (480, "Total HT")]),
        (214, [(50, "Farine T65, sac de 25 kg"), (320, "20"), (380, "18,40"), (480, "368,00")]),
        (250, [(380, "Total HT"), (480, "368,00 €")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["doc_type"], f["vendor"], f["buyer"]) == (
        "purchase_order",
        "Minoterie Garnier SAS",
        "Boulangerie Aubert SARL",
    )
