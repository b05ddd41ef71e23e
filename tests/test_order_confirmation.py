"""Order confirmations: the seller's answer to our purchase order is its own document type,
told apart from a purchase order by its title in each language, filed with the seller as
vendor (even though our company is named on it), its own number the seller's and the PO
it confirms its reference; it is listed, searched, corrected and linked to that order."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask

from intake.cli import cli
from intake.extractors.base import Registry
from intake.filing.wiring import Wiring
from intake.ingest.stages import Context, extract_path
from intake.settings import Settings
from tests.factory import make_pdf
from tests.webtools import file_pdf, login

ITEMS = [
    {"code": "HX-210", "description": "Hex key set, 9 pieces", "quantity": 4,
     "unit_price": "23.50", "amount": "94.00"},
    {"code": "HX-330", "description": "Torque wrench 40-200 Nm", "quantity": 1,
     "unit_price": "186.00", "amount": "186.00"},
]  # fmt: skip

#: How the buyer's order is referred to on a seller's confirmation, per language.
YOUR_ORDER = {
    "en": "Your order",
    "de": "Ihre Bestellung",
    "fr": "Votre commande",
    "es": "Su pedido",
    "nl": "Uw order",
}
OURS = "Brightwater Instruments Ltd"


def confirmation(**extra: Any) -> dict[str, Any]:
    doc = {
        "doc_type": "order_confirmation",
        "vendor": "Kestrel GmbH",
        "vendor_address": "Lindenweg 7\n70173 Stuttgart",
        "buyer": OURS,
        "number": "AB-55817",
        "po_number": "PO-7731",
        "po_number_label": YOUR_ORDER["en"],
        "issue_date": "2026-10-02",
        "delivery_date": "2026-10-23",
        "currency": "EUR",
        "line_items": ITEMS,
        "subtotal": "280.00",
        "tax": "53.20",
        "total": "333.20",
    }
    doc.update(extra)
    return doc


def read(settings: Settings, path: Path) -> dict[str, Any]:
    ours = settings.model_copy(update={"company_name": OURS})
    return extract_path(Context(ours, Registry.default()), str(path))


@pytest.mark.parametrize("lang", sorted(YOUR_ORDER))
def test_a_confirmation_is_told_apart_from_a_purchase_order(
    settings: Settings, tmp_path: Path, lang: str
) -> None:
    doc = confirmation(po_number_label=YOUR_ORDER[lang])
    result = read(settings, make_pdf(tmp_path / "ab.pdf", doc, lang=lang))
    assert result["doc_type"] == "order_confirmation"
    f = result["fields"]
    # the seller issued it: the letterhead is the vendor although our name is on it
    assert (f["vendor"], f["buyer"]) == ("Kestrel GmbH", OURS)
    assert (f["order_number"], f["po_number"]) == ("AB-55817", "PO-7731")
    assert (f["issue_date"], f["delivery_date"]) == ("2026-10-02", "2026-10-23")
    assert f["total"] == "333.20"


@pytest.mark.parametrize("lang", sorted(YOUR_ORDER))
def test_our_purchase_order_stays_a_purchase_order(
    settings: Settings, tmp_path: Path, lang: str
) -> None:
    order = confirmation(
        doc_type="purchase_order", vendor=OURS, buyer="Kestrel GmbH", number="PO-7731"
    )
    del order["po_number_label"]
    result = read(settings, make_pdf(tmp_path / "po.pdf", order, lang=lang))
    assert result["doc_type"] == "purchase_order"
    assert result["fields"]["po_number"] == "PO-7731"
    assert result["fields"]["vendor"] == "Kestrel GmbH"  # we issued it


def test_the_confirmed_order_is_not_the_confirmations_own_number(
    settings: Settings, tmp_path: Path
) -> None:
    """An order label that heads the confirmation's own number ("Order No." beside it)
    does not make that number the order confirmed: the buyer's reference does."""
    doc = confirmation(
        doc_type="order_confirmation", po_number_label="Customer PO", vendor="Kestrel Tools Ltd"
    )
    result = read(settings, make_pdf(tmp_path / "ab.pdf", doc))
    assert result["doc_type"] == "order_confirmation"
    assert (result["fields"]["order_number"], result["fields"]["po_number"]) == (
        "AB-55817",
        "PO-7731",
    )


def run(ctx: Context, *args: str) -> str:
    result = CliRunner().invoke(cli, list(args), obj=ctx.settings, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_a_confirmation_is_filed_against_the_order_it_confirms(
    app: Flask, ctx: Context, tmp_path: Path
) -> None:
    order = confirmation(
        doc_type="purchase_order", number="PO-7731", vendor=OURS, buyer="Kestrel GmbH"
    )
    del order["po_number"]
    po = file_pdf(ctx, make_pdf(tmp_path / "po.pdf", order))
    ab = file_pdf(ctx, make_pdf(tmp_path / "ab.pdf", confirmation()))

    shown = json.loads(run(ctx, "documents", "show", str(ab), "--json"))
    assert shown["doc_type"] == "order_confirmation" and shown["number"] == "AB-55817"
    assert shown["references"]["po_number"] == "PO-7731"
    assert shown["vendor"] == "Kestrel GmbH"
    assert shown["delivery_date"] == "2026-10-23"
    assert shown["duplicate_of"] is None  # the same number and total as the order: no copy
    listed = [
        json.loads(line)
        for line in run(ctx, "documents", "list", "--type", "order_confirmation", "--json")
        .strip()
        .splitlines()
    ]
    assert [d["id"] for d in listed] == [ab]

    client = app.test_client()
    login(client)
    page = client.get(f"/documents/{ab}").get_data(as_text=True)
    assert "Order confirmation AB-55817" in page
    assert f'href="/documents/{po}"' in page and "refers to" in page
    page = client.get(f"/documents/{po}").get_data(as_text=True)
    assert f'href="/documents/{ab}"' in page and "refers to this" in page

    found = [json.loads(line) for line in run(ctx, "search", "type:confirmation", "--json")
             .strip().splitlines()]  # fmt: skip
    assert [(hit["id"], hit["doc_type"]) for hit in found] == [(ab, "order_confirmation")]
    assert run(ctx, "search", "number:AB55817", "--json").count('"id"') == 1
    page = client.get("/search?q=type%3Aorder_confirmation").get_data(as_text=True)
    assert f'href="/documents/{ab}"' in page and f'href="/documents/{po}"' not in page


def test_the_desk_expects_an_order_on_the_date_its_confirmation_promises(
    app: Flask, ctx: Context, tmp_path: Path
) -> None:
    """Our order asked for the 16th; the seller confirmed the 23rd: on the 20th the order
    is open with its confirmation, not overdue; after the 23rd it is."""
    ours = Wiring.default().context(ctx.settings.model_copy(update={"company_name": OURS}), ctx.db)
    order = confirmation(
        doc_type="purchase_order",
        number="PO-7731",
        vendor=OURS,
        buyer="Kestrel GmbH",
        delivery_date="2026-10-16",
    )
    del order["po_number"]
    po = file_pdf(ours, make_pdf(tmp_path / "po.pdf", order))
    before = json.loads(run(ctx, "orders", "open", "--json", "--today", "2026-10-20"))
    assert (before["id"], before["overdue"], before["confirmation"]) == (po, True, None)

    ab = file_pdf(ours, make_pdf(tmp_path / "ab.pdf", confirmation()))
    shown = json.loads(run(ctx, "orders", "open", "--json", "--today", "2026-10-20"))
    assert (shown["id"], shown["vendor"], shown["delivery_date"]) == (
        po,
        "Kestrel GmbH",
        "2026-10-23",
    )
    assert not shown["overdue"]
    assert shown["confirmation"] == {"id": ab, "number": "AB-55817", "delivery_date": "2026-10-23"}
    late = json.loads(run(ctx, "orders", "open", "--json", "--today", "2026-10-24"))
    assert late["overdue"]

    client = app.test_client()
    login(client)
    page = client.get("/orders/open").get_data(as_text=True)
    assert f'href="/documents/{ab}"' in page and "confirmed" in page
