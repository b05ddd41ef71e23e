"""The generic extractor for business documents (invoices, orders, quotes); the per-type
modules say which fields they read and which number is the document's own."""

from __future__ import annotations

from collections.abc import Mapping

from intake.extractors.classify import type_scores
from intake.extractors.common import (
    find_amount_fields,
    find_currency,
    find_date,
    find_id,
    find_parties,
)
from intake.extractors.reading import reading_for
from intake.record import Field, Record

__all__ = ["BusinessDocumentExtractor"]


class BusinessDocumentExtractor:
    """Reads the fields named in ``ids`` and ``dates``, plus amounts, currency and parties."""

    doc_type = ""
    ids: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()

    def score(self, record: Record) -> float:
        return type_scores(reading_for(record)).get(self.doc_type, 0.0)

    def extract(self, record: Record) -> Mapping[str, Field]:
        reading = reading_for(record)
        fields: dict[str, Field] = {}
        for name in self.ids:
            if (f := find_id(reading, name)) is not None:
                fields[name] = f
        for name in self.dates:
            if (f := find_date(reading, name)) is not None:
                fields[name] = f
        fields.update(find_amount_fields(reading))
        if (f := find_currency(reading)) is not None:
            fields["currency"] = f
        fields.update(find_parties(reading))
        return fields
