"""The period a document's goods or services cover: the flight of a broadcast order, an
invoice's service or billing period, a contract's schedule ("Flight Dates 01/10/21 -
04/30/20", "Leistungszeitraum 01.03.2024 - 31.03.2024").

The value is a range of two dates beside or under a period label. A document may print
more than one period: the flight (or service period) of the order it bills is what the
goods or services cover, so it outranks the period an invoice happens to bill
("Invoice Period"), which is weighed lower in the label list.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from itertools import chain

from intake.extractors.extraction.analysis import Reading
from intake.extractors.extraction.candidates import Candidate, Parsed, best, labelled
from intake.extractors.extraction.fields.dates import find_dates
from intake.extractors.extraction.labels import LABELS, compile_labels
from intake.extractors.extraction.layout import Cell
from intake.record import Field

__all__ = ["find_service_period"]

#: Between the two dates of a range: "-", "–", "to", "thru", "bis", "au", "al", "/".
_BETWEEN = re.compile(r"\s*(?:[-–—~/]|to|thru|through|until|bis|au|al|tot)\s*", re.IGNORECASE)


#: The surest period labels, also looked for inside longer cells.
_SURE = [(p, w) for p, w in compile_labels(LABELS["service_period"]) if w >= 1.0]
#: Two numeric dates joined without spaces ("01/10/21-01/24/21"), which the date finder
#: reads as neither.
_GLUED = re.compile(r"(\d{1,2}[/.]\d{1,2}[/.]\d{2,4})[-–](\d{1,2}[/.]\d{1,2}[/.]\d{2,4})(?![\d/.])")


def _two_dates(reading: Reading, text: str) -> tuple[int, int, dt.date, dt.date] | None:
    """The first two dates of ``text`` if they form a range: (start, end, first, second)."""
    dates = list(find_dates(text, reading.date_order))
    if len(dates) >= 2 and _BETWEEN.fullmatch(text[dates[0][1] : dates[1][0]]):
        return dates[0][0], dates[1][1], dates[0][2], dates[1][2]
    if (m := _GLUED.search(text)) is not None:
        first = next(find_dates(m.group(1), reading.date_order), None)
        second = next(find_dates(m.group(2), reading.date_order), None)
        if first is not None and second is not None and (not dates or dates[0][0] >= m.start()):
            return m.start(), m.end(), first[2], second[2]
    return None


def parse_range(reading: Reading, cell: Cell, weight: float) -> Parsed | None:
    """Two dates at the start of ``cell`` joined as a range, the first not after the
    second."""
    found = _two_dates(reading, cell.text)
    if found is None:
        return None
    start, end, first, second = found
    if start > 14 or second < first:
        return None
    return (first.isoformat(), second.isoformat()), cell.span_box(start, end), cell.text[start:end]


def _inline(reading: Reading) -> Iterator[Candidate]:
    """A sure period label inside a longer cell, the range right after it: "01/12/21 -
    01/18/21 Service Dates 01/10/21 - 01/24/21" (two columns run together)."""
    for pattern, weight in _SURE:
        for hit in reading.layout.find(pattern, pages=2):
            rest = hit.cell.tail(hit.match.end())
            if rest is not None and (got := parse_range(reading, rest, weight)) is not None:
                yield Candidate(got[0], weight, got[1], got[2])


def find_service_period(reading: Reading) -> dict[str, Field]:
    """service_period_start and service_period_end, or nothing."""
    found = best(chain(labelled(reading, "service_period", parse_range), _inline(reading)))
    if found is None:
        return {}
    start, end = found.value
    return {
        "service_period_start": Field(start, found.confidence, found.source, found.box, found.raw),
        "service_period_end": Field(end, found.confidence, found.source, found.box, found.raw),
    }
