"""Invoices (receipts and credit notes count as invoices)."""

from __future__ import annotations

from intake.extractors.extraction.business import BusinessDocumentExtractor

__all__ = ["InvoiceExtractor"]


class InvoiceExtractor(BusinessDocumentExtractor):
    doc_type = "invoice"
    ids = ("invoice_number", "po_number")
    dates = ("issue_date", "due_date", "delivery_date")
