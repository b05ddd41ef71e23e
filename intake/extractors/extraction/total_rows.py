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
from intake.extractors.reading.bands import PAD, Band
from intake.record import Field, Page, Record, Word, group_lines

__all__ = ["patch_rows", "rows_to_read", "settle_total", "total_unconfirmed", "witnessed"]

#: At most this many rows of a page are read again (each costs a small OCR run).
MAX_ROWS = 8
#: Rows of the block this many lines apart or closer take the rows between them along.
MAX_GAP = 4
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


def _block(reading: Reading) -> list[int]:
    """The layout lines of the totals block, most telling first: rows labelled as a total,
    tendered, change or subtotal and rounding rows; the row right above each tender or
    change (the amount due, its label unread); and the rows between two such rows a few
    lines apart (a row OCR read as nothing recognisable, "Due 25.15" read as "ue foeld")."""
    layout = reading.layout
    anchors: list[int] = []
    for name in _BLOCK:
        for hit in layout.labels(name):
            anchors.append(hit.line)
            if name in ("tendered", "change") and hit.line > 0:
                anchors.append(hit.line - 1)
    anchors += [ln.index for ln in layout.lines if ROUNDING.search(ln.text)]
    ordered = sorted(set(anchors))
    between = [
        i
        for a, b in zip(ordered, ordered[1:], strict=False)
        if b - a <= MAX_GAP and layout.lines[a].page == layout.lines[b].page
        for i in range(a + 1, b)
    ]
    return list(dict.fromkeys(anchors + between))


def rows_to_read(record: Record) -> list[Band]:
    """The rows of ``record``'s scanned pages that make its totals block (see
    :func:`_block`), at most :data:`MAX_ROWS` a page."""
    reading = record.analysis or reading_for(record)
    bands: list[Band] = []
    for index in _block(reading):
        line = reading.layout.lines[index]
        if line.page not in reading.ocr_pages:
            continue
        if sum(1 for b in bands if b.page == line.page) < MAX_ROWS:
            bands.append(Band(line.page, line.top, line.bottom))
    return bands


def _inside(word: Word, band: Band) -> bool:
    """Whether ``word`` belongs to the row ``band`` was cut around: its middle is within
    the row and it does not reach past the band's margins (a tall word spanning several
    rows stays)."""
    middle = (word.top + word.bottom) / 2
    margin = PAD * (band.bottom - band.top)
    return (
        band.top <= middle <= band.bottom
        and word.top >= band.top - margin
        and word.bottom <= band.bottom + margin
    )


def patch_rows(
    pages: tuple[Page, ...], bands: list[Band], read: list[list[Word]]
) -> tuple[Page, ...]:
    """``pages`` with the words each band read in place of the words of its row (a band
    that read nothing leaves its row alone), the lines numbered again."""
    out = []
    for page in pages:
        mine = [(b, ws) for b, ws in zip(bands, read, strict=True) if b.page == page.number and ws]
        if not mine:
            out.append(page)
            continue
        kept = [w for w in page.words if not any(_inside(w, b) for b, _ in mine)]
        words = group_lines(kept + [w for _, ws in mine for w in ws])
        out.append(Page(page.number, page.width, page.height, words, page.source, page.turn))
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


def _on_total_row(reading: Reading, total: Field, bands: list[Band]) -> bool:
    """Whether ``total`` was read beside a total label on one of ``bands`` (read again)."""
    box = total.box
    if box is None:
        return False
    middle = (box.top + box.bottom) / 2
    rows = [b for b in bands if b.page == box.page and b.top <= middle <= b.bottom]
    lines = {hit.line for hit in reading.layout.labels("total")}
    return bool(rows) and any(
        reading.layout.lines[i].page == box.page
        and reading.layout.lines[i].top - 1 <= middle <= reading.layout.lines[i].bottom + 1
        for i in lines
    )


def settle_total(first: Record, again: Record, bands: list[Band]) -> dict[str, Field]:
    """The fields of ``first`` with the total of ``again`` (its ``bands`` read again)
    where it is :func:`witnessed` there, or where ``first`` has no total and ``again``
    read it beside a total label on a band (the amount due's own row, legible at last)."""
    fields = dict(first.fields)
    total = again.fields.get("total")
    if total is None:
        return fields
    reading = again.analysis or reading_for(again)
    if witnessed(reading, again.fields) or (
        fields.get("total") is None and _on_total_row(reading, total, bands)
    ):
        fields["total"] = total
    return fields
