"""Purchase orders."""

from __future__ import annotations

from intake.extractors.extraction.business import BusinessDocumentExtractor

__all__ = ["PurchaseOrderExtractor"]


class PurchaseOrderExtractor(BusinessDocumentExtractor):
    doc_type = "purchase_order"
    ids = ("po_number", "quote_number")
    dates = ("issue_date", "delivery_date")
    issuer_buys = True
