"""The rows of a totals block read for their amounts: a label's row up to the next label,
the charges it adds after the tax, and the prepayments it takes off the total. Used by
:mod:`intake.extractors.extraction.amounts`."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from intake.extractors.extraction.analysis import Reading
from intake.extractors.extraction.candidates import Candidate
from intake.extractors.extraction.layout import Cell, Hit
from intake.extractors.extraction.money_cells import CENTS, money_in
from intake.record import Box

__all__ = ["Found", "before_prepayment", "charges", "discounts", "row_amounts", "totals_label"]

Found = tuple[Decimal, Box, str, Cell]


def row_amounts(reading: Reading, hit: Hit) -> list[Found]:
    """The amounts on the label's row, up to the next label on that row."""
    rest = hit.cell.tail(hit.match.end())
    cells = ([rest] if rest else []) + reading.layout.cells_right(hit.cell)
    found: list[Found] = []
    for cell in cells:
        amounts = money_in(reading, cell)
        if not amounts and re.search(r"[^\W\d_]{3}", cell.text) and found:
            break  # "Exclusief BTW € 100,00 | Subtotaal € 121,00": a second label begins
        if not amounts and totals_label(reading, cell):
            # "Taxa | Incidência | Valor IVA   Total Ilíquido 1 462,00": a tax summary's
            # header on the totals' row; the amount is the total's, not the header's
            break
        found.extend((value, box, raw, cell) for value, box, raw in amounts)
    # "Total (incl. 6% tax) 54.90": beside cents, a round number is the label's, no amount
    with_cents = [f for f in found if CENTS.search(f[2])]
    return with_cents or found


def totals_label(reading: Reading, cell: Cell) -> bool:
    """Whether ``cell`` holds the own label of a row of the totals block: a total, a
    subtotal, a charge, a discount or a rounding ("3. Tax exempt …  SHIPPING 48.00": the
    amount is the shipping's, not the note's). A tax word in it, as in "Total | incl. VAT
    | 100.00", belongs to the label before it."""
    labels = ("total", "subtotal", "charge", "discount", "rounding")
    return any(hit.cell is cell for label in labels for hit in reading.layout.labels(label))


def _row_amounts_of(
    reading: Reading, names: tuple[str, ...], inside: Callable[[Box], bool]
) -> list[Decimal]:
    """The last amount of each row labelled for one of ``names``, but rows ``inside`` the
    item table (an item's own, in the items' sum already)."""
    return [
        found[-1][0]
        for name in names
        for hit in reading.layout.labels(name)
        if not inside(hit.cell.box) and (found := row_amounts(reading, hit))
    ]


def _nowhere(box: Box) -> bool:
    return False


def charges(reading: Reading, inside: Callable[[Box], bool] = _nowhere) -> Decimal:
    """The sum of the charges printed on rows labelled for them (shipping, freight,
    handling: the pack's ``charge`` labels) and of the rounding that makes the total a
    whole amount (``rounding``: "Round Off", "Öresavrundning"), each row's last amount.
    A row ``inside`` the item table ("Frakt  1 st  195,00" among the items) is an item,
    in the items' sum already, no charge added to it."""
    return sum(_row_amounts_of(reading, ("charge", "rounding"), inside), Decimal(0))


def discounts(reading: Reading, inside: Callable[[Box], bool] = _nowhere) -> Decimal:
    """The sum of the discounts the totals block takes off ("Discount 10%  -30.00",
    "Remise  30,00": the packs' ``discount`` labels), each row's last amount as a positive
    one; rows ``inside`` the item table are the items' own."""
    return sum(map(abs, _row_amounts_of(reading, ("discount",), inside)), Decimal(0))


def before_prepayment(reading: Reading, totals: list[Candidate]) -> list[Candidate]:
    """``totals`` less what is left to pay after a prepayment. A row labelled for one (a
    deposit, an advance, an amount paid before: the packs' ``prepaid`` labels) takes it
    off the document's total, and the rest ("Balance Due", "Net à payer") is printed under
    it. The rest is no total of the document: its total is the gross amount the payment
    was taken off (as EN 16931 keeps the invoice's total, BT-112, apart from the amount due
    for payment, BT-115). A rest is dropped only where that total is among ``totals``."""
    taken = sum(map(abs, _row_amounts_of(reading, ("prepaid",), _nowhere)), Decimal(0))
    if not taken:
        return totals
    values = {c.value for c in totals}
    rests = {c.value for c in totals if c.value > 0 and c.value + taken in values}
    return [c for c in totals if c.value not in rests] or totals
