"""What a row of text under an item is, when it is no item: a heading across the table, a
period, or a note inside the description's column. Used by
:mod:`intake.extractors.extraction.line_items` as it reads the rows under a header."""

from __future__ import annotations

import re

from intake.extractors.extraction.analysis import Reading
from intake.extractors.extraction.fields.dates import find_dates
from intake.extractors.extraction.layout import Line
from intake.extractors.extraction.table_rows import Column

__all__ = ["across", "dates_only", "in_text_column", "indented"]


def _described(columns: list[Column]) -> Column | None:
    return next((c for c in columns if c.role == "description"), None)


def across(line: Line, columns: list[Column]) -> bool:
    """Whether a text line is one run of words that starts in the table's first column (a
    code's or a position's) and runs on across the description's start: a heading over
    the items that follow ("Albarán nº 25-01302 de 24/03/2025 - Su pedido: PT-0231", a
    delivery note's lines) or a note on the table. An item's own text wraps under its
    description's column."""
    described = _described(columns)
    if described is None or columns[0] is described or len(line.cells) != 1:
        return False
    cell = line.cells[0]
    return cell.x0 < described.lo <= described.x0 < cell.x1


#: what may join the dates of a period: dashes, commas, "to", "bis", "au", "al" ...
_BETWEEN_DATES = re.compile(
    r"[\s\-–—/,.:()]*(?:(?:to|until|bis|au|al|a|tot|t/m)\b[\s\-–—,.]*)?", re.I
)


def dates_only(reading: Reading, text: str) -> bool:
    """Whether a row is a date or a period and nothing more ("Sep 1, 2025 - Oct 1, 2025"
    under a subscription's line): when the item was supplied, no part of its text."""
    spans = [(start, end) for start, end, _ in find_dates(text, reading.date_order)]
    if not spans:
        return False
    cuts = [0, *(x for span in spans for x in span), len(text)]
    return all(
        _BETWEEN_DATES.fullmatch(text[a:b]) for a, b in zip(cuts[::2], cuts[1::2], strict=True)
    )


def in_text_column(line: Line, columns: list[Column]) -> bool:
    """Whether a line is one run of words inside the description's column: an item's note
    ("Hours on site, June 14 (PST exempt)"), even where its words name columns ("Hours",
    "PST"), as a header spreads its words over the columns it heads."""
    described = _described(columns)
    if described is None or len(line.cells) != 1:
        return False
    return described.lo <= line.cells[0].x0 and line.cells[0].x1 <= described.hi


def indented(line: Line, columns: list[Column]) -> bool:
    """Whether a text line starts inside the description column of a table whose first
    column is another (a position or a code): an item's notes and properties, set in under
    its description, while what follows the table starts at its left edge."""
    described = _described(columns)
    if described is None or columns[0] is described:
        return False
    return described.lo <= line.cells[0].x0 < described.hi
