"""Which rows of a scan to read again for its total, and what their reading may change.

Convention: a till slip's totals block is a handful of labelled rows (subtotal, the
rounding adjustment, the amount due, the cash tendered, the change), and the amount due
often sits on an unlabelled-looking row right above what was handed over. Where the first
read left the total unconfirmed (:func:`second_read.confirmed_total`), those rows are read
again one by one (:mod:`intake.extractors.reading.bands`), each row's new words take the
place of its old ones, and the page is extracted again. The new total is taken only where
the receipt's own arithmetic confirms it on the new page (a tax summary, tendered less
change, a subtotal with its adjustments): a row read again is one more reading of the same
ink, not evidence by itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from intake.extractors.extraction.amounts import TOL
from intake.extractors.extraction.analysis import Reading, reading_for
from intake.extractors.extraction.cash_tendered import find_paid
from intake.extractors.extraction.receipt_totals import summary_witnesses
from intake.extractors.extraction.second_read import BILLS, confirmed_total
from intake.extractors.extraction.sums import ROUNDING, find_summed_total
from intake.extractors.reading.bands import Band
from intake.record import Field, Page, Record, Word

__all__ = ["patch_rows", "rows_to_read", "settle_total", "total_unconfirmed", "witnessed"]

#: At most this many rows of a page are read again (each costs a small OCR run).
MAX_ROWS = 8
#: The labels of the totals block, in the order their rows are chosen when there are more.
_BLOCK = ("total", "tendered", "change", "subtotal")


def total_unconfirmed(record: Record) -> bool:
    """Whether ``record`` (extracted) is a scanned bill whose total is missing or not
    confirmed by its arithmetic."""
    if record.doc_type not in BILLS or not any(p.source == "ocr" for p in record.pages):
        return False
    if record.fields.get("total") is None:
        return True
    return not confirmed_total(record.analysis or reading_for(record), record.fields)


def _page_line(reading: Reading, index: int) -> tuple[int, int] | None:
    """The page and the page's own line number (``Word.line``) of layout line ``index``."""
    line = reading.layout.lines[index]
    words = [w for cell in line.cells for w in cell.words]
    return (line.page, words[0].line) if words else None


def rows_to_read(record: Record) -> list[Band]:
    """The rows of ``record``'s scanned pages that make its totals block (see the module's
    docstring): those labelled as a total, tendered, change or subtotal, a rounding row,
    and the row right above each tender or change."""
    reading = record.analysis or reading_for(record)
    layout = reading.layout
    chosen: list[int] = []
    for name in _BLOCK:
        for hit in layout.labels(name):
            chosen.append(hit.line)
            if name in ("tendered", "change") and hit.line > 0:
                chosen.append(hit.line - 1)
    chosen += [ln.index for ln in layout.lines if ROUNDING.search(ln.text)]
    rows: list[tuple[int, int]] = []
    for index in chosen:
        key = _page_line(reading, index)
        if key is not None and key[0] in reading.ocr_pages and key not in rows:
            rows.append(key)
    bands = []
    for number, line in rows:
        page = next(p for p in record.pages if p.number == number)
        words = [w for w in page.words if w.line == line]
        if len([b for b in bands if b.page == number]) < MAX_ROWS:
            top, bottom = min(w.top for w in words), max(w.bottom for w in words)
            bands.append(Band(number, line, top, bottom))
    return bands


def patch_rows(pages: tuple[Page, ...], rows: Mapping[tuple[int, int], list[Word]]) -> tuple[Page, ...]:
    """``pages`` with the words of each row read again in place of the row's first
    reading (a row that read as nothing keeps its words)."""
    out = []
    for page in pages:
        words: list[Word] = []
        done: set[int] = set()
        for word in page.words:
            new = rows.get((page.number, word.line))
            if not new:
                words.append(word)
            elif word.line not in done:
                done.add(word.line)
                words += new
        out.append(Page(page.number, page.width, page.height, tuple(words), page.source, page.turn))
    return tuple(out)


def _decimal(field: Field | None) -> Decimal | None:
    try:
        return None if field is None else Decimal(str(field.value))
    except InvalidOperation:
        return None


def witnessed(reading: Reading, fields: Mapping[str, Field]) -> bool:
    """Whether the total in ``fields`` is confirmed by evidence other than itself: a
    subtotal and a tax both read from the page that add up to it, or a witness of
    :mod:`receipt_totals` (a tax summary, tendered less change, a subtotal and its
    adjustments) that was not the total's own source (a total worked out from what was
    paid does not confirm itself, nor does a subtotal worked out from the total)."""
    total = fields.get("total")
    value = _decimal(total)
    if total is None or value is None:
        return False
    subtotal, tax = fields.get("subtotal"), fields.get("tax")
    if subtotal is not None and tax is not None and "computed" not in (subtotal.source, tax.source):
        parts = _decimal(subtotal), _decimal(tax)
        if parts[0] is not None and parts[1] and abs(parts[0] + parts[1] - value) < TOL:
            return True
    witnesses = [(w.value, w.raw) for w in summary_witnesses(reading)]
    paid = find_paid(reading)
    if paid is not None:
        witnesses.append((paid.value, paid.raw))
    summed = find_summed_total(reading, paid)
    if summed is not None:
        witnesses.append((summed.value, summed.raw))
    return any(abs(v - value) < TOL and raw != total.raw for v, raw in witnesses)


def _on_total_row(reading: Reading, total: Field, rows: set[tuple[int, int]]) -> bool:
    """Whether ``total`` was read on one of ``rows`` (read again) beside a total label."""
    box = total.box
    if box is None:
        return False
    middle = (box.top + box.bottom) / 2
    for hit in reading.layout.labels("total"):
        line = reading.layout.lines[hit.line]
        if line.page == box.page and line.top - 1 <= middle <= line.bottom + 1:
            key = _page_line(reading, hit.line)
            if key in rows:
                return True
    return False


def settle_total(first: Record, again: Record, rows: set[tuple[int, int]]) -> dict[str, Field]:
    """The fields of ``first`` with the total of ``again`` (its ``rows`` read again, by
    page and line) where it is :func:`witnessed` there, or where ``first`` has no total
    and ``again`` read it beside a total label on a row read again (the amount due's
    own row, legible at last)."""
    fields = dict(first.fields)
    total = again.fields.get("total")
    if total is None:
        return fields
    reading = again.analysis or reading_for(again)
    if witnessed(reading, again.fields) or (
        fields.get("total") is None and _on_total_row(reading, total, rows)
    ):
        fields["total"] = total
    return fields
