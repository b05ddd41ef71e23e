"""What a till receipt says was paid: the cash tendered less the change given back.

A receipt prints its total once, in a large or odd font that OCR misreads more often than
the plain rows under it ("CASH 50.00", "CHANGE 34.10"). Their difference is the total
that was paid (after any rounding), read from two other places: where it equals a total
candidate it confirms that one, and where no total can be read it stands in for it.
"""

from __future__ import annotations

from decimal import Decimal

from intake.extractors.extraction.amounts import TOL, money_in
from intake.extractors.extraction.analysis import Reading
from intake.extractors.extraction.candidates import Candidate
from intake.extractors.extraction.layout import Cell, Hit
from intake.record import Box

__all__ = ["find_paid"]

#: The change is printed on one of the next few lines after the tendered amount.
MAX_LINES_APART = 4
#: The weight of a total label that no unlabelled tender is read on ("Total", "Amount"
#: are weaker: a machine's "Taken total" is what it was given).
STRONG_TOTAL = 0.7


def _first_amount(reading: Reading, hit: Hit) -> tuple[Decimal, Box, str] | None:
    """The first amount on the label's row: in the rest of its cell or a cell to the right."""
    rest = hit.cell.tail(hit.match.end())
    cells: list[Cell] = ([rest] if rest else []) + reading.layout.cells_right(hit.cell)
    for cell in cells:
        if amounts := money_in(reading, cell):
            return amounts[0]
    return None


def find_paid(reading: Reading) -> Candidate | None:
    """Tendered less change, from the nearest pair of such rows (change below tendered);
    None when the receipt shows no such pair or the difference is not positive."""
    layout = reading.layout
    tendered = [(h, a) for h in layout.labels("tendered") if (a := _first_amount(reading, h))]
    change = [(h, a) for h in layout.labels("change") if (a := _first_amount(reading, h))]
    best: tuple[int, Candidate] | None = None
    for t_hit, (signed, box, raw) in tendered:
        paid = abs(signed)  # a till may print what it took in as a minus ("Cash -50.00")
        for c_hit, (back, _, c_raw) in change:
            apart = c_hit.line - t_hit.line
            if not 0 < apart <= MAX_LINES_APART or c_hit.cell.page != t_hit.cell.page:
                continue
            if back < 0 or paid - back <= 0:
                continue
            if best is None or apart < best[0]:
                value = paid - back
                best = (apart, Candidate(value, 0.8, box, f"{raw} - {c_raw}"))
    if best is None:
        return _unlabelled_tender(reading, change)
    return best[1]


def _unlabelled_tender(
    reading: Reading, change: list[tuple[Hit, tuple[Decimal, Box, str]]]
) -> Candidate | None:
    """Where no row is labelled as tendered, the row right above the change is what was
    handed over (its label unread, or a word no vocabulary has): their difference is
    what was paid, trusted only where it equals an amount printed higher up (the total
    the change was worked out from, "Amount 5.00" over "Taken 10.00" over "Change 5.00")."""
    lines = reading.layout.lines
    # a row a strong total label names is the total, whatever follows it
    totals = {h.line for h in reading.layout.labels("total") if h.weight >= STRONG_TOTAL}
    for c_hit, (back, _, c_raw) in change:
        if back <= 0 or c_hit.line - 1 in totals:
            continue
        above = [
            a
            for ln in lines[max(0, c_hit.line - 1) : c_hit.line]
            if ln.page == c_hit.cell.page
            for cell in ln.cells
            for a in money_in(reading, cell)
        ]
        if not above:
            continue
        given, box, raw = above[-1]
        value = given - back
        if value <= 0:
            continue
        higher = (
            a
            for ln in lines[: max(0, c_hit.line - 1)]
            if ln.page == c_hit.cell.page
            for cell in ln.cells
            for a in money_in(reading, cell)
        )
        if any(abs(amount - value) < TOL for amount, _, _ in higher):
            return Candidate(value, 0.6, box, f"{raw} - {c_raw}")
    return None
