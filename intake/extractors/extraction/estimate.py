"""Estimates and quotes."""

from __future__ import annotations

from collections.abc import Mapping

from intake.extractors.extraction.analysis import reading_for
from intake.extractors.extraction.business import BusinessDocumentExtractor
from intake.extractors.extraction.validity import computed_valid_until, labelled_period
from intake.record import Field, Record

__all__ = ["EstimateExtractor"]


class EstimateExtractor(BusinessDocumentExtractor):
    doc_type = "estimate"
    ids = ("quote_number",)
    dates = ("issue_date", "valid_until")

    def extract(self, record: Record) -> Mapping[str, Field]:
        """As any business document; a validity printed as a period ("valid for 30
        days", or "30 días" under a grid's "Validez") gives ``valid_until`` counted from
        the issue date when no date is printed."""
        fields = dict(super().extract(record))
        if "valid_until" not in fields:
            issued = str(fields["issue_date"].value) if "issue_date" in fields else None
            reading = reading_for(record)
            until = computed_valid_until(reading.text, issued) or labelled_period(
                reading.layout, issued
            )
            if until is not None:
                fields["valid_until"] = until
        return fields
