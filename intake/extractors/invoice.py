"""Invoices (receipts and credit notes count as invoices)."""

from __future__ import annotations

import re

from intake.extractors.documents import BusinessDocumentExtractor
from intake.record import Field

__all__ = ["InvoiceExtractor"]

# "-2", "/1", ".03": the sequence of one bill on an order
_SEQUENCE = r"\s*[-/.]\s*\d{1,3}"


def billed_order_number(invoice_number: str, order_number: str) -> bool:
    """Whether ``invoice_number`` is ``order_number`` followed by a short sequence
    ("1607859-2" on order 1607859): the order's n-th bill."""
    if not order_number or not re.search(r"\d", order_number):
        return False
    return re.fullmatch(re.escape(order_number) + _SEQUENCE, invoice_number) is not None


class InvoiceExtractor(BusinessDocumentExtractor):
    doc_type = "invoice"
    ids = ("invoice_number", "po_number")
    dates = ("issue_date", "due_date")

    def relate_ids(self, fields: dict[str, Field]) -> None:
        """An invoice numbered after its order, as "<order no.>-<n>" (the n-th bill of
        a broadcast order or a contract billed in instalments), names the order as billed:
        the compound number is the contract reference the buyer matches the bill against,
        so it is the order number too (the bare order number is its stem)."""
        number, order = fields.get("invoice_number"), fields.get("po_number")
        if number is None or order is None:
            return
        if billed_order_number(str(number.value), str(order.value)):
            fields["po_number"] = Field(
                number.value,
                min(number.confidence, order.confidence),
                number.source,
                number.box,
                number.raw,
            )
