"""Invoices (receipts and credit notes count as invoices)."""

from __future__ import annotations

import re

from intake.extractors.extraction.business import BusinessDocumentExtractor
from intake.record import Field

__all__ = ["InvoiceExtractor", "billed_order_number"]

# "-2", "/1", ".03": the sequence of one bill on an order
_SEQUENCE = r"\s*[-/.]\s*\d{1,3}"


def billed_order_number(invoice_number: str, order_number: str) -> str | None:
    """The order number with its bill's sequence, where ``invoice_number`` ends in it
    ("1607859-2", or "KCCI 1607859-2" with a prefix, on order 1607859: the order's
    second bill); else None."""
    if not order_number or not re.search(r"\d", order_number):
        return None
    m = re.search(rf"(?<![\w]){re.escape(order_number)}{_SEQUENCE}$", invoice_number)
    return m.group(0) if m else None


class InvoiceExtractor(BusinessDocumentExtractor):
    doc_type = "invoice"
    ids = ("invoice_number", "po_number")
    dates = ("issue_date", "due_date", "delivery_date")

    def relate_ids(self, fields: dict[str, Field]) -> None:
        """An invoice numbered after its order, as "<order no.>-<n>" (the n-th bill of
        a broadcast order or a contract billed in instalments), names the order as billed:
        the compound number is the contract reference the buyer matches the bill against,
        so it is the order number too (the bare order number is its stem). Only the
        compound number is taken, not what precedes it ("KCCI 1607859-2")."""
        number, order = fields.get("invoice_number"), fields.get("po_number")
        if number is None or order is None:
            return
        billed = billed_order_number(str(number.value), str(order.value))
        if billed is not None:
            confidence = min(number.confidence, order.confidence)
            fields["po_number"] = Field(billed, confidence, number.source, number.box, billed)
