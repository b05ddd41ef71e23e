"""Embedded e-invoice XML (Factur-X / ZUGFeRD CII, Order-X) is read and preferred."""

from __future__ import annotations

from pathlib import Path

from intake.extractors.base import Registry
from intake.ingest.stages import Context, extract_path
from intake.settings import Settings
from tests.factory import cii_xml, embed, make_pdf, sample_invoice


def test_factur_x_values_win_and_say_so(settings: Settings, tmp_path: Path) -> None:
    doc = sample_invoice(vendor="Lieferdienst Hansen GmbH", number="RE-4711")
    pdf = make_pdf(tmp_path / "fx.pdf", doc, lang="de")
    # The XML knows the exact address and the buyer; the page shows the same invoice.
    embed(pdf, "factur-x.xml", cii_xml(doc))
    result = extract_path(Context(settings, Registry.default()), str(pdf))
    fields, sources = result["fields"], result["sources"]
    assert result["doc_type"] == "invoice"
    assert fields["invoice_number"] == "RE-4711" and sources["invoice_number"] == "xml"
    assert fields["total"] == "471.00" and fields["tax"] == "78.50"
    assert fields["address"] == "1 Main Street, 10001 Springfield, DE"
    assert [x["quantity"] for x in fields["line_items"]] == ["2", "5", "10"]
    assert result["field_confidence"]["total"] == 0.99  # the page shows the same total


def test_xml_values_missing_from_the_page_get_lower_confidence(
    settings: Settings, tmp_path: Path
) -> None:
    page = sample_invoice(number="RE-1")
    pdf = make_pdf(tmp_path / "fx.pdf", page)
    embed(pdf, "factur-x.xml", cii_xml(sample_invoice(number="RE-1", total="999.99")))
    result = extract_path(Context(settings, Registry.default()), str(pdf))
    assert result["fields"]["total"] == "999.99"
    assert result["field_confidence"]["total"] < 0.99


def test_order_x_is_a_purchase_order(settings: Settings, tmp_path: Path) -> None:
    doc = sample_invoice(doc_type="purchase_order", number="PO-55", due_date=None)
    pdf = make_pdf(tmp_path / "ox.pdf", doc)
    embed(pdf, "order-x.xml", cii_xml(doc, order=True))
    result = extract_path(Context(settings, Registry.default()), str(pdf))
    assert result["doc_type"] == "purchase_order"
    assert result["fields"]["po_number"] == "PO-55"


def test_an_order_x_order_response_is_the_sellers_order_confirmation(
    settings: Settings, tmp_path: Path
) -> None:
    """UNTDID 1001 code 231 (Order-X ORDER_RESPONSE) is the seller's answer to an order:
    its number is the seller's, the order it answers is the PO number."""
    doc = sample_invoice(
        doc_type="order_confirmation", number="AB-7001", po_number="PO-55", due_date=None
    )
    pdf = make_pdf(tmp_path / "response.pdf", doc)
    embed(pdf, "order-x.xml", cii_xml(doc, order=True, type_code="231"))
    result = extract_path(Context(settings, Registry.default()), str(pdf))
    assert result["doc_type"] == "order_confirmation"
    assert result["fields"]["order_number"] == "AB-7001"
    assert result["fields"]["po_number"] == "PO-55"
    assert result["fields"]["vendor"] == "Acme Tools GmbH"


def test_hostile_xml_is_ignored_and_the_page_still_reads(
    settings: Settings, tmp_path: Path
) -> None:
    bomb = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<rsm:CrossIndustryInvoice xmlns:rsm="x">&lol2;</rsm:CrossIndustryInvoice>"""
    pdf = embed(make_pdf(tmp_path / "b.pdf", sample_invoice()), "factur-x.xml", bomb)
    result = extract_path(Context(settings, Registry.default()), str(pdf))
    assert result["fields"]["invoice_number"] == "INV-2024/118"
    assert result["sources"]["invoice_number"] == "layout"
