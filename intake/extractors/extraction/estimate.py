"""Estimates and quotes."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from intake.extractors.extraction.analysis import reading_for
from intake.extractors.extraction.business import BusinessDocumentExtractor
from intake.extractors.extraction.candidates import find_date
from intake.extractors.extraction.validity import (
    computed_valid_until,
    dated_in_text,
    labelled_period,
)
from intake.record import Field, Record

__all__ = ["EstimateExtractor"]


class EstimateExtractor(BusinessDocumentExtractor):
    doc_type = "estimate"
    #: a pro forma invoice (an estimate of the invoice to come) answers the buyer's order
    #: it names ("Buyer's Order No."), as a quote may answer a requisition
    ids = ("quote_number", "po_number")
    #: a quote's delivery date is the one it offers ("Delivery: 20/06/2025")
    dates = ("issue_date", "valid_until", "delivery_date")

    def extract(self, record: Record) -> Mapping[str, Field]:
        """As any business document; a sentence that dates the validity ("This quotation
        is valid until 17th October 2025") gives ``valid_until``, and a validity printed
        as a period ("valid for 30 days", or "30 días" under a grid's "Validez") gives it
        counted from the issue date when no date is printed. A quote asks for no payment:
        a date under a due date's label ("Vervaldatum", "Due date", as invoicing programs
        print their quotes too) is when the offer lapses, where nothing else says so."""
        fields = dict(super().extract(record))
        if "valid_until" not in fields:
            issued = str(fields["issue_date"].value) if "issue_date" in fields else None
            reading = reading_for(record)
            until = (
                dated_in_text(reading.text, reading.date_order, issued)
                or computed_valid_until(reading.text, issued)
                or labelled_period(reading.layout, issued)
            )
            if until is None and (due := find_date(reading, "due_date")) is not None:
                if issued is None or str(due.value) > issued:
                    until = dataclasses.replace(due, confidence=min(due.confidence, 0.7))
            if until is not None:
                fields["valid_until"] = until
        return fields
