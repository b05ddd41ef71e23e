"""What every extractor needs to know about a record before it reads fields: its layout,
text, currency, decimal separator and date order.

Built once per record: the classify stage attaches it to the record
(:attr:`intake.record.Record.analysis`), where every extractor finds it; a record without
one (an extractor called directly) gets a new one on each call."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from intake.extractors.extraction.fields.countries import home_currency, tax_country_currency
from intake.extractors.extraction.fields.dates import DateOrder, guess_date_order
from intake.extractors.extraction.fields.money import detect_currency, guess_decimal_comma
from intake.extractors.extraction.layout import Layout
from intake.record import Record

__all__ = ["Reading", "reading_for"]


@dataclass(frozen=True)
class Reading:
    record: Record
    layout: Layout
    text: str
    currency: str | None
    decimal_comma: bool | None
    date_order: DateOrder
    ocr_pages: frozenset[int] = frozenset()  # the numbers of the pages read by OCR
    memo: dict[str, Any] = field(default_factory=dict)  # per-record results shared by stages


def reading_for(record: Record) -> Reading:
    """The reading of ``record``: the one it carries, or a new one."""
    if isinstance(record.analysis, Reading) and record.analysis.record.pages is record.pages:
        return record.analysis
    layout = Layout(record)
    text = layout.text
    # a document that prints no currency pays in its tax numbers' country's, if one, else
    # in the one country's its legal forms and postal addresses name
    currency = detect_currency(text) or tax_country_currency(text) or home_currency(text)
    reading = Reading(
        record=record,
        layout=layout,
        text=text,
        currency=currency,
        decimal_comma=guess_decimal_comma(text),
        date_order=guess_date_order(text, currency),
        ocr_pages=frozenset(p.number for p in record.pages if p.source == "ocr"),
    )
    return reading
