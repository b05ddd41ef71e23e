"""The tax a receipt says its total includes, as a witness of that total.

Convention: a till that prices its goods with the tax in them prints, under the total, the
tax that total includes and its rate ("Total includes GST @ 6%: 1.42", "Bill inclusive of
6% GST: 1.66"). That tax is the total times rate / (100 + rate), rounded to the cent, so it
bounds the total to a narrow range (at 6 %, one cent of tax spans 17.7 cents of total).
Where the total's own row was unreadable and exactly one amount printed on the page lies
in that range, that amount is the total; where none or several do, nothing is said.
"""

from __future__ import annotations

from decimal import Decimal

from intake.extractors.extraction.amounts import money_in
from intake.extractors.extraction.analysis import Reading
from intake.extractors.extraction.candidates import Candidate
from intake.extractors.extraction.tax_rates import printed_rates

__all__ = ["included_total", "includes_tax_of"]

#: Half a cent: how far the printed tax may lie from the exact share of the total.
HALF_CENT = Decimal("0.005")
#: How sure an amount in the included tax's range is (one witness, no printed label).
INCLUDED = 0.6


def _ranges(reading: Reading) -> list[tuple[int, Decimal, Decimal]]:
    """(line, lowest, highest) total for every row stating the tax a total includes: its
    last amount is the tax, its rate the one printed on it (else the page's only one)."""
    layout = reading.layout
    totals = {h.line for h in layout.labels("total")}  # "Total incl. GST 9.00" is the total
    page_rates = {r for r in printed_rates(reading.text) if r > 0}
    out: list[tuple[int, Decimal, Decimal]] = []
    for line in sorted({h.line for h in layout.labels("included_tax")} - totals):
        row = layout.lines[line]
        amounts = [a for cell in row.cells for a in money_in(reading, cell)]
        rates = {r for r in printed_rates(row.text) if r > 0} or page_rates
        if not amounts or len(rates) != 1 or amounts[-1][0] <= 0:
            continue
        rate, tax = rates.pop(), amounts[-1][0]
        scale = (100 + rate) / rate
        out.append((line, (tax - HALF_CENT) * scale, (tax + HALF_CENT) * scale))
    return out


def included_total(reading: Reading) -> Candidate | None:
    """The one amount printed on the page (off the tax's own row) that lies in the range the
    included tax allows, or None (no such row, or no or several amounts in its range)."""
    ranges = _ranges(reading)
    if not ranges:
        return None
    line_of_tax, low, high = ranges[0]
    inside = [
        (line.index, value, box, raw)
        for line in reading.layout.lines
        if line.index != line_of_tax
        for cell in line.cells
        for value, box, raw in money_in(reading, cell)
        if low <= value <= high
    ]
    if len({value for _, value, _, _ in inside}) != 1:
        return None
    _, value, box, raw = max(inside, key=lambda found: found[0])  # the lowest on the page
    return Candidate(value, INCLUDED, box, raw)


def includes_tax_of(reading: Reading, total: Decimal) -> bool:
    """Whether ``total`` lies in the range a row stating its included tax allows."""
    return any(low <= total <= high for _, low, high in _ranges(reading))
