"""Structured data embedded in a PDF: Factur-X / ZUGFeRD (1.0 and 2.x) and XRechnung CII
invoices, Order-X purchase orders, and UBL 2.1 invoices.

When a PDF carries such an XML file its values are exact, so they are preferred over what
the layout reader finds; each is checked against the visible text (a value that does not
appear on the page keeps a lower confidence), and every field says it came from "xml".
Element names are matched without namespaces, so the versions of each standard, which
differ mostly in namespaces and wrapper names, share one reader. XML is parsed with
defusedxml (no entity expansion, no external references).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import ElementTree

from intake.extractors.extraction.fields.money import format_money
from intake.record import Attachment, Field

__all__ = ["EInvoice", "read_einvoice"]

logger = logging.getLogger(__name__)

#: UNTDID 1001 document type codes that are orders (Order-X) rather than invoices.
ORDER_CODES = {"105", "220", "221", "227", "228", "231", "232", "320"}
#: UNTDID 1001 codes of the seller's answer to an order (231 "purchase order response",
#: Order-X's ORDER_RESPONSE): an order confirmation, its own number the seller's, the
#: order it answers in ``BuyerOrderReferencedDocument``.
RESPONSE_CODES = {"231"}


class EInvoice:
    """What an embedded XML says: the document type and normalised field values."""

    def __init__(self, doc_type: str, values: dict[str, Any], standard: str) -> None:
        self.doc_type = doc_type
        self.values = values
        self.standard = standard

    def fields(self, visible_text: str) -> dict[str, Field]:
        """The values as fields; confidence is highest where the page shows them too."""
        compact = re.sub(r"\s+", "", visible_text).casefold()
        out: dict[str, Field] = {}
        for name, value in self.values.items():
            if value in (None, "", []):
                continue
            seen = isinstance(value, str) and _visible(name, value, compact)
            out[name] = Field(value, 0.99 if seen else 0.9, "xml", raw=self.standard)
        return out


def _visible(name: str, value: str, compact: str) -> bool:
    if name in ("total", "subtotal", "tax"):
        whole, _, cents = value.partition(".")
        variants = {
            f"{whole}.{cents}",
            f"{whole},{cents}",
            f"{int(whole):,}.{cents}",
            f"{int(whole):,}.{cents}".replace(",", "X").replace(".", ",").replace("X", "."),
        }
        return any(v.casefold() in compact for v in variants)
    if name.endswith("_date"):
        y, m, d = value.split("-")
        return any(v in compact for v in (value, f"{d}.{m}.{y}", f"{d}/{m}/{y}", f"{m}/{d}/{y}"))
    return re.sub(r"\s+", "", value).casefold() in compact


# --- namespace-free element access ------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(el: Element, name: str) -> Iterator[Element]:
    return (c for c in el if _local(c.tag) == name)


def _child(el: Element | None, *path: str) -> Element | None:
    for name in path:
        if el is None:
            return None
        el = next(_children(el, name), None)
    return el


def _descendants(el: Element, name: str) -> Iterator[Element]:
    return (d for d in el.iter() if _local(d.tag) == name)


def _first(el: Element, *names: str) -> Element | None:
    for d in el.iter():
        if _local(d.tag) in names:
            return d
    return None


def _text(el: Element | None) -> str | None:
    if el is None:
        return None
    text = "".join(el.itertext()).strip()
    return text or None


def _date(el: Element | None) -> str | None:
    text = _text(el)
    if not text:
        return None
    digits = re.sub(r"\D", "", text)
    try:
        if len(digits) >= 8:
            return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8])).isoformat()
    except ValueError:
        return None
    return None


def _amount(el: Element | None) -> Decimal | None:
    text = _text(el)
    if text is None:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _money(el: Element | None) -> str | None:
    value = _amount(el)
    return format_money(value) if value is not None else None


def _number(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


# --- CII (Factur-X, ZUGFeRD, XRechnung CII, Order-X) -----------------------------------------


def _address(party: Element | None) -> str | None:
    addr = _child(party, "PostalTradeAddress")
    if addr is None:
        return None
    street = [_text(_child(addr, n)) for n in ("LineOne", "LineTwo", "LineThree")]
    city = " ".join(
        t for t in (_text(_child(addr, "PostcodeCode")), _text(_child(addr, "CityName"))) if t
    )
    parts = [p for p in [*street, city, _text(_child(addr, "CountryID"))] if p]
    return ", ".join(parts) or None


def _cii_line(item: Element) -> dict[str, Any]:
    product = _first(item, "SpecifiedTradeProduct")
    net = _first(item, "NetPriceProductTradePrice")
    quantity_el = _first(item, "BilledQuantity", "RequestedQuantity", "AgreedQuantity")
    price = _amount(_child(net, "ChargeAmount")) if net is not None else None
    basis = _amount(_child(net, "BasisQuantity")) if net is not None else None
    if price is not None and basis not in (None, Decimal(0), Decimal(1)):
        price = price / basis
    line_total = None
    for summation in _descendants(item, "SpecifiedTradeSettlementLineMonetarySummation"):
        line_total = _amount(_child(summation, "LineTotalAmount"))
    if line_total is None:
        for summation in _descendants(item, "SpecifiedTradeSettlementMonetarySummation"):
            line_total = _amount(_child(summation, "LineTotalAmount"))
    return {
        "description": _text(_child(product, "Name")) or "",
        "code": _text(_child(product, "SellerAssignedID")) or _text(_child(product, "GlobalID")),
        "quantity": _number(_amount(quantity_el)),
        "unit": quantity_el.get("unitCode") if quantity_el is not None else None,
        "unit_price": _number(price),
        "amount": _money_or_none(line_total),
    }


def _is_item(line: dict[str, Any]) -> bool:
    """Section headings and notes come as lines with nothing to buy (no quantity and no
    amount, or both zero): leave them out."""
    for key in ("quantity", "amount"):
        try:
            if line.get(key) is not None and Decimal(line[key]) != 0:
                return True
        except InvalidOperation:
            continue
    return False


def _money_or_none(value: Decimal | None) -> str | None:
    return format_money(value) if value is not None else None


def _cii(root: Element) -> EInvoice:
    header = _first(root, "ExchangedDocument", "HeaderExchangedDocument")
    type_code = _text(_child(header, "TypeCode")) if header is not None else None
    doc_type = "purchase_order" if type_code in ORDER_CODES else "invoice"
    if _local(root.tag).startswith("SCRDMCCBDACIO"):
        doc_type = "purchase_order"
    if type_code in RESPONSE_CODES:
        doc_type = "order_confirmation"
    seller = _first(root, "SellerTradeParty")
    buyer = _first(root, "BuyerTradeParty")
    issue = _child(header, "IssueDateTime") if header is not None else None
    issue_text = _child(issue, "DateTimeString") if issue is not None else None
    totals = None
    for name in (
        "SpecifiedTradeSettlementHeaderMonetarySummation",
        "SpecifiedTradeSettlementMonetarySummation",
    ):
        for candidate in _descendants(root, name):
            if _child(candidate, "GrandTotalAmount") is not None:
                totals = candidate
                break
        if totals is not None:
            break
    due = _first(root, "DueDateDateTime")
    due_text = _child(due, "DateTimeString") if due is not None else None
    order_ref = _first(root, "BuyerOrderReferencedDocument")
    quote_ref = _first(root, "QuotationReferencedDocument")
    number = _text(_child(header, "ID")) if header is not None else None
    values: dict[str, Any] = {
        "vendor": _text(_child(seller, "Name")),
        "address": _address(seller),
        "buyer": _text(_child(buyer, "Name")),
        "issue_date": _date(issue_text if issue_text is not None else issue),
        "due_date": _date(due_text if due_text is not None else due),
        "currency": _text(_first(root, "InvoiceCurrencyCode", "OrderCurrencyCode"))
        or _currency_attr(totals),
        "po_number": _text(_child(order_ref, "IssuerAssignedID")),
        "quote_number": _text(_child(quote_ref, "IssuerAssignedID")),
    }
    if doc_type == "purchase_order":
        values["po_number"] = number
    elif doc_type == "order_confirmation":
        values["order_number"] = number
    else:
        values["invoice_number"] = number
    if totals is not None:
        values["subtotal"] = _money(_child(totals, "TaxBasisTotalAmount"))
        tax_total = [_amount(t) for t in _children(totals, "TaxTotalAmount")]
        values["tax"] = _money_or_none(next((t for t in tax_total if t is not None), None))
        values["total"] = _money(_child(totals, "GrandTotalAmount"))
    lines = [_cii_line(item) for item in _descendants(root, "IncludedSupplyChainTradeLineItem")]
    values["line_items"] = [line for line in lines if _is_item(line)]
    return EInvoice(doc_type, values, f"CII {_local(root.tag)}")


def _currency_attr(el: Element | None) -> str | None:
    if el is None:
        return None
    for child in el:
        if child.get("currencyID"):
            return child.get("currencyID")
    return None


# --- UBL 2.1 -----------------------------------------------------------------------------------


def _ubl(root: Element) -> EInvoice:
    supplier = _first(root, "AccountingSupplierParty")
    customer = _first(root, "AccountingCustomerParty")

    def party_name(party: Element | None) -> str | None:
        if party is None:
            return None
        return _text(_first(party, "RegistrationName")) or _text(_first(party, "Name"))

    address = None
    if supplier is not None and (addr := _first(supplier, "PostalAddress")) is not None:
        city = " ".join(
            t for t in (_text(_child(addr, "PostalZone")), _text(_child(addr, "CityName"))) if t
        )
        parts = [
            _text(_child(addr, "StreetName")),
            _text(_child(addr, "AdditionalStreetName")),
            city,
            _text(_child(addr, "Country", "IdentificationCode")),
        ]
        address = ", ".join(p for p in parts if p) or None
    totals = _child(root, "LegalMonetaryTotal")
    tax_total = _child(root, "TaxTotal")
    lines = []
    for line in _children(root, "InvoiceLine"):
        qty = _child(line, "InvoicedQuantity")
        item = _child(line, "Item")
        lines.append(
            {
                "description": _text(_child(item, "Name")) or "",
                "code": _text(_child(item, "SellersItemIdentification", "ID")),
                "quantity": _number(_amount(qty)),
                "unit": qty.get("unitCode") if qty is not None else None,
                "unit_price": _number(_amount(_child(line, "Price", "PriceAmount"))),
                "amount": _money(_child(line, "LineExtensionAmount")),
            }
        )
    values = {
        "invoice_number": _text(_child(root, "ID")),
        "issue_date": _date(_child(root, "IssueDate")),
        "due_date": _date(_child(root, "DueDate")),
        "currency": _text(_child(root, "DocumentCurrencyCode")),
        "vendor": party_name(supplier),
        "address": address,
        "buyer": party_name(customer),
        "po_number": _text(_child(root, "OrderReference", "ID")),
        "subtotal": _money(_child(totals, "TaxExclusiveAmount")),
        "tax": _money(_child(tax_total, "TaxAmount")),
        "total": _money(_child(totals, "TaxInclusiveAmount")),
        "line_items": [line for line in lines if _is_item(line)],
    }
    return EInvoice("invoice", values, "UBL Invoice")


def read_einvoice(attachments: tuple[Attachment, ...]) -> EInvoice | None:
    """The first embedded XML that is a CII or UBL document, read; None when there is none."""
    for att in attachments:
        try:
            root = ElementTree.fromstring(att.data)
        except Exception as exc:  # malformed or hostile XML: ignore it, the page still reads
            logger.info("embedded %s is not usable XML: %s", att.name, exc)
            continue
        name = _local(root.tag)
        try:
            if name in ("CrossIndustryInvoice", "CrossIndustryDocument", "Invoice") and (
                _first(root, "SellerTradeParty") is not None
            ):
                return _cii(root)
            if name.startswith("SCRDMCCBDACIO"):
                return _cii(root)
            if name in ("Invoice", "CreditNote") and _child(root, "LegalMonetaryTotal") is not None:
                return _ubl(root)
        except Exception as exc:  # an odd document: fall back to the visible page
            logger.warning("embedded %s could not be read: %s", att.name, exc)
    return None
