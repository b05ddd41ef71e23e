"""The total a receipt's own arithmetic prints: its subtotal, the rows that adjust it, and
the row under them that shows their sum.

A receipt's totals block reads top to bottom as a sum: a subtotal (or a first total), then
rows that adjust it (a service charge, the tax, a discount, a rounding adjustment), then
the amount due. OCR misreads the amount due and its label more often than any other row:
it is printed large or bold ("NETT TOTAL 343.95" read as "NLi {UAL 343,95", "TOTAL 39.70"
as "TOTAL s9.70"), and the summary tables under it print more amounts beside "Total"
labels ("Tot. GST 37.47 2.25"). But where the subtotal plus its adjustments equals an
amount printed right under them, that amount is the total whatever its label reads as:
the receipt has shown the sum twice, once by its rows and once printed. When the
total's own row is unreadable, the next row usually repeats it (exact cash tendered).

OCR drops the decimal point of a faint amount ("Svc Charge 2 87" for 2.87): on a
labelled row of the block whose only number is two digits after others ("47 80"), that
number is read as the amount, but only the arithmetic can speak for it: it counts where
the block then adds up to an amount printed under it, and is never read on its own.
A till that charges cash rounds the sum to the smallest coin without always printing
a rounding row: the amount printed under the block may be the sum rounded to the coin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from intake.extractors.extraction.amounts import TOL, money_in
from intake.extractors.extraction.analysis import Reading
from intake.extractors.extraction.candidates import Candidate
from intake.extractors.extraction.labels import LABELS, any_label
from intake.extractors.extraction.layout import Line
from intake.record import Box

__all__ = ["COIN", "ROUNDING", "find_summed_total"]

#: Rows that change the amount due, by how they change it (the packs' ``service_charge``
#: and ``charge``, ``rounding`` and ``discount`` labels). A rounding adjustment is often
#: printed without its sign ("Rounding Adj 0.02" under "12.48" over "12.50"), so both signs
#: are tried; a discount is taken off whichever way it is printed.
_ADDED = any_label(LABELS.get("service_charge", []) + LABELS.get("charge", []))
ROUNDING = any_label(LABELS.get("rounding", []))
_DISCOUNT = any_label(LABELS.get("discount", []))
#: Lines without an amount (a rule, a note, an unreadable row) between two rows of the block.
MAX_GAP = 2
#: The smallest coin a cash total is rounded to (where a till rounds the amount due).
COIN = Decimal("0.05")
#: An amount whose decimal point OCR lost: whole units, a space, two digits, ending the cell.
_SPLIT = re.compile(r"(?<![\w.,])(\d{1,5}) (\d{2})\s*$")


@dataclass(frozen=True)
class _Row:
    line: int
    role: str  # "start", "added", "tax", "rounding", "discount", "paid" or "" (any other)
    amount: Decimal
    box: Box
    raw: str
    split: bool = False  # read from "47 80": counted only where the block adds up


def _split_amount(line: Line) -> tuple[Decimal, Box, str] | None:
    """The amount of a row whose last cell ends in whole units and two digits apart
    ("Svc Charge 2 87"), or None."""
    cell = line.cells[-1]
    m = _SPLIT.search(cell.text)
    if m is None:
        return None
    value = Decimal(f"{m.group(1)}.{m.group(2)}")
    return value, cell.span_box(m.start(), m.end()), m.group(0).strip()


def _rows(reading: Reading) -> list[_Row]:
    """Each line with an amount: its last amount, and what its label makes it."""
    layout = reading.layout
    starts = {h.line for name in ("subtotal", "total", "totals_start") for h in layout.labels(name)}
    taxes = {h.line for h in layout.labels("tax")}
    rows: list[_Row] = []
    for line in layout.lines:
        amounts = [a for cell in line.cells for a in money_in(reading, cell)]
        split = False
        if not amounts and any(w.conf < 1.0 for w in line.cells[-1].words):  # OCR only
            lost = _split_amount(line)
            split, amounts = lost is not None, [lost] if lost is not None else []
        if not amounts:
            continue
        amount, box, raw = amounts[-1]
        text = line.text
        if line.index in starts:
            role = "start"  # "Total incl. GST" is a total, not a tax row
        elif ROUNDING.search(text):
            role = "rounding"
        elif _DISCOUNT.search(text):
            role = "discount"
        elif _ADDED.search(text):
            role = "added"
        elif line.index in taxes:
            role = "tax"
        else:
            role = ""
        if split and not role:
            continue  # only a labelled row of the block is read so
        rows.append(_Row(line.index, role, amount, box, raw, split))
    return rows


def _apply(sums: set[Decimal], row: _Row) -> set[Decimal]:
    if row.role == "rounding":
        return {s + d for s in sums for d in (row.amount, -row.amount)}
    if row.role == "discount":
        return {s - abs(row.amount) for s in sums}
    return {s + row.amount for s in sums}


def _shows(total: Decimal, row: _Row, *, to_coin: bool) -> bool:
    """Whether ``row`` prints ``total``: to the cent, or, where ``to_coin`` (no rounding
    row was printed) and the amount was read whole (not split), rounded to the nearest
    coin."""
    if abs(total - row.amount) < TOL:
        return True
    if not to_coin or row.split or row.amount % COIN:
        return False
    return abs(total - row.amount) < COIN / 2


def _printed_sum(
    rows: list[_Row], first: int, page_of: dict[int, int], paid: Candidate | None
) -> _Row | None:
    """Walk down from ``rows[first]`` (a subtotal or total), adding the adjustments; the
    last row after at least one adjustment that prints the running sum, or None. Where no
    row prints it, what was paid (tendered less change) can: "Grand Total 12.48",
    "Rounding 0.02", "Cash 50.00", "Change 10.30" adds up to the 39.70 paid."""
    sums = {rows[first].amount}
    adjusted = rounded = False
    found: _Row | None = None
    previous = rows[first]
    for row in rows[first + 1 :]:
        if page_of[row.line] != page_of[previous.line] or row.line - previous.line > MAX_GAP + 1:
            break
        previous = row
        if row.role in ("added", "tax", "rounding", "discount"):
            rounded = rounded or row.role == "rounding"
            if row.amount != 0:  # "Rounding Adj 0.00": nothing to add
                sums = _apply(sums, row)
                adjusted = True
            continue
        if adjusted and any(_shows(s, row, to_coin=not rounded) for s in sums):
            # a checkpoint: "TOTAL 12.48" under the tax; a rounding row may follow it
            found, sums = row, {row.amount}
            continue
        break
    if found is None and adjusted and paid is not None:
        if any(abs(s - paid.value) < TOL for s in sums):
            box = paid.box or rows[first].box
            return _Row(previous.line, "paid", paid.value, box, paid.raw)
    return found


def find_summed_total(reading: Reading, paid: Candidate | None = None) -> Candidate | None:
    """The amount printed under a subtotal and its adjustments that equals their sum (the
    last such, after any rounding), or ``paid`` where that is their sum; None when no
    block of the receipt adds up."""
    rows = _rows(reading)
    page_of = {line.index: line.page for line in reading.layout.lines}
    best: _Row | None = None
    for i, row in enumerate(rows):
        if row.role != "start" or row.amount <= 0:
            continue
        found = _printed_sum(rows, i, page_of, paid)
        if found is not None and (best is None or found.line > best.line):
            best = found
    if best is None:
        return None
    return Candidate(best.amount, 0.9, best.box, best.raw)
