"""Estimates and quotes."""

from __future__ import annotations

from intake.extractors.extraction.business import BusinessDocumentExtractor

__all__ = ["EstimateExtractor"]


class EstimateExtractor(BusinessDocumentExtractor):
    doc_type = "estimate"
    ids = ("quote_number",)
    dates = ("issue_date", "valid_until")
