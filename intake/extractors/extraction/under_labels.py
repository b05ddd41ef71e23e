"""What stands under or beside a totals label, read before its amount is taken: a column
of figures row by row, a tax summary's header, a note. Used by
:mod:`intake.extractors.extraction.amounts`."""

from __future__ import annotations

import re
from decimal import Decimal

from intake.extractors.extraction.analysis import Reading
from intake.extractors.extraction.fields.money import CURRENCY_CODES
from intake.extractors.extraction.layout import Cell, Hit
from intake.extractors.extraction.money_cells import money_in
from intake.record import Box

__all__ = ["STRONG_LABEL", "heads_tax_summary", "labelled", "one_row_of_several"]

#: A total read beside a label this strong ("Grand Total"), or under two weaker ones, is
#: kept against a paid amount that differs from it.
STRONG_LABEL = 0.7


def one_row_of_several(
    reading: Reading, amounts: list[tuple[Decimal, Box, str]], below: list[Cell]
) -> bool:
    """Whether the ``amounts`` under a net's label are one row of a column of figures,
    another amount right under them (a tax summary by rate or tariff code under "Taxable
    Value"): the first row is one part's, no net of the document's. A sums row under it ("Total:
    341.00", a total's label on its line) or the same amount makes the row the document's."""
    under = money_in(reading, below[0]) if below else []
    if not under or under[0][0] == amounts[0][0]:
        return False
    return not any(hit.cell.line == below[0].line for hit in reading.layout.labels("total"))


def heads_tax_summary(reading: Reading, hit: Hit) -> bool:
    """Whether a weak total label ("Amount") heads a column beside a tax column (a tax
    label in a cell of its own to its right): a tax summary's header ("GST Summary
    Amount  Tax", "Tax Code  %  Taxable Amount  GST") names the taxed amount and its
    tax; neither is the total. (A tax named in the label's own cell, "Total Sales
    Inclusive GST", is part of the label.)"""
    if hit.weight >= STRONG_LABEL:
        return False
    return any(
        tax.line == hit.line and tax.cell.x0 > hit.cell.x1 for tax in reading.layout.labels("tax")
    )


_LEADING_WORD = re.compile(r"[\s(\[]*([^\W\d_]{3,})")


def labelled(cell: Cell) -> bool:
    """Whether the cell begins with a word of its own (not a currency code), in
    parentheses or not: "(Tax included 6%: 2.21)" under a total is a note, not its amount."""
    m = _LEADING_WORD.match(cell.text)
    return m is not None and m.group(1).upper() not in CURRENCY_CODES
