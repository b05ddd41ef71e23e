"""Normalisers: turn the text of a value into its canonical form (ISO dates, decimal
amounts, ISO 4217 currencies, clean identifiers)."""

from intake.extractors.extraction.fields.dates import (
    DateOrder,
    find_dates,
    guess_date_order,
    parse_date,
)
from intake.extractors.extraction.fields.idents import clean_id
from intake.extractors.extraction.fields.money import (
    detect_currency,
    find_amounts,
    guess_decimal_comma,
    parse_money,
)

__all__ = [
    "DateOrder",
    "clean_id",
    "detect_currency",
    "find_amounts",
    "find_dates",
    "guess_date_order",
    "guess_decimal_comma",
    "parse_date",
    "parse_money",
]
