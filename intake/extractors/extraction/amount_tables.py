"""Totals printed as a table: a header row of amount labels, the amounts in the rows
under it.

Many invoices close with a tax summary laid out as a table rather than as labelled rows:

    Tax      Base amount    Tax amount    Total
    VAT 21        522.31        109.69   632.00
                  522.31        109.69   632.00

A header row names the base the tax is charged on (the subtotal's label) and the tax or
the total, and holds no amount itself.
Each header cell heads the strip of the page from its left edge to the next header
cell's (amounts are right-aligned under a left-aligned header as often as the reverse).
The rows under it, down to the first row without an amount, are one per tax rate; when
there are several, the last one sums them (a sums row), so the last amount of each
column is the document's; where each row prints its own rate and no sums row closes
them, a column's rows add up to the document's amount. These are candidates, weighed
below a labelled row: the arithmetic in :mod:`~intake.extractors.extraction.amounts`
decides among them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from intake.extractors.extraction.analysis import Reading
from intake.extractors.extraction.candidates import Candidate
from intake.extractors.extraction.header_band import heading_pieces
from intake.extractors.extraction.layout import Cell, Line
from intake.extractors.extraction.tax_rates import MAX_RATE, printed_rates, rates_head
from intake.extractors.extraction.vocabulary import vocabulary
from intake.record import Box

__all__ = ["column_role", "table_candidates"]

FIELDS = ("subtotal", "tax", "total")
#: a table's amount is a little less sure than one beside its own label
WEIGHT = 0.85
#: rows read under a header, at most
MAX_ROWS = 6
MEMO = "amount_tables"

Money = Callable[[Reading, Cell], list[tuple[Decimal, Box, str]]]


def table_candidates(reading: Reading, field: str, money: Money) -> list[Candidate]:
    """Candidates for ``field`` from every totals table of the document; ``money`` reads
    the amounts of a cell (:func:`~intake.extractors.extraction.amounts.money_in`)."""
    tables = reading.memo.get(MEMO)
    if tables is None:
        tables = reading.memo[MEMO] = _read_tables(reading, money)
    found: list[Candidate] = tables.get(field, [])
    return found


def _header_fields(reading: Reading, line: Line) -> dict[int, tuple[str, float]]:
    """Header cell index -> (field, label weight), the strongest field of each cell."""
    out: dict[int, tuple[str, float]] = {}
    for name in FIELDS:
        for hit in reading.layout.labels(name):
            if hit.cell.line != line.index:
                continue
            index = line.cells.index(hit.cell)
            if index not in out or hit.weight > out[index][1]:
                out[index] = (name, hit.weight)
    return out


def _read_tables(reading: Reading, money: Money) -> dict[str, list[Candidate]]:
    out: dict[str, list[Candidate]] = {}
    layout = reading.layout
    header_lines = {hit.cell.line for name in FIELDS for hit in layout.labels(name)}
    totals = {hit.cell.line for hit in layout.labels("total") if hit.match.start() == 0}
    for index in sorted(header_lines):
        line = layout.lines[index]
        if any(money(reading, c) for c in line.cells):
            continue  # a labelled row with its amounts, not a header
        heads = _header_fields(reading, line)
        # a header of a percent sign and a tax's word at most, no figure ("%IVA", "MwSt. %")
        # heads the rates: each row's figure under it is its rate, no amount of the
        # document's ("% Base amount" heads the bases, "IVA 21 %" the tax at that rate)
        rated = next(
            (
                i
                for i, c in enumerate(line.cells)
                if rates_head(c.text) and heads.get(i, ("tax", 0.0))[0] == "tax"
            ),
            -1,
        )
        heads.pop(rated, None)
        named = {f for f, _ in heads.values()}
        if "subtotal" not in named or len(named) < 2:
            continue  # a summary of amounts and taxes ("Amount  Tax") may sum rates apart
        edges = [c.x0 for c in line.cells] + [line.page_width + 1]
        column: dict[int, list[tuple[Decimal, Box, str, int]]] = {}
        rates: list[Decimal | None] = []  # each row's one rate
        for row in layout.lines[index + 1 : index + 1 + MAX_ROWS]:
            if row.page != line.page:
                break
            amounts = [m for c in row.cells for m in money(reading, c)]
            if not amounts or (row.index in totals and len(amounts) == 1):
                # the table ends at a row without amounts, or at the document's total row
                # (one amount: a sums row of the table prints one under each column)
                break
            printed = printed_rates(row.text)
            rates.append(next(iter(printed)) if len(printed) == 1 else None)
            for value, box, raw in amounts:
                centre = (box.x0 + box.x1) / 2
                for i in range(len(line.cells)):
                    if edges[i] - 2 <= centre < edges[i + 1] - 2:
                        if i == rated and rates[-1] is None and 0 < value <= MAX_RATE:
                            rates[-1] = value
                        elif i in heads:
                            column.setdefault(i, []).append((value, box, raw, len(rates) - 1))
                        break
        for i, found in column.items():
            name, weight = heads[i]
            if (amount := _document_amount(found, rates)) is not None:
                value, box, raw = amount
                out.setdefault(name, []).append(Candidate(value, WEIGHT * weight, box, raw))
    return out


def _document_amount(
    found: list[tuple[Decimal, Box, str, int]], rates: list[Decimal | None]
) -> tuple[Decimal, Box, str] | None:
    """A column's amount for the whole document (``found``: its amounts, each with its
    row; ``rates``: each row's one rate): its last row; but where the table opens with a
    row per rate, each printing its own ("19 % | 300,00 | 57,00", "7 % | 60,00 | 4,20"),
    and no later row closes them in this column (a sums row), the sum of those rows.
    Rows of one rate, grouped by something else (a tariff code), whose last is no sum of
    the rows above it, give none: each row is a part, and which part is no question."""
    value, box, raw, row = found[-1]
    opening = next((k for k, rate in enumerate(rates) if rate is None), len(rates))
    distinct = len(set(rates[:opening])) == opening
    if opening >= 2 and distinct and row < opening:
        rows = [f for f in found if f[3] < opening]
        return sum((f[0] for f in rows), Decimal(0)), box, " + ".join(f[2] for f in rows)
    shared = opening >= 2 and not distinct and row < opening  # every row at one rate
    if shared and len(found) >= 2 and sum(f[0] for f in found[:-1]) != value:
        return None
    return value, box, raw


def _header(reading: Reading, cell: Cell) -> str:
    """The column header over ``cell``: the text-only cells above it, up to 8 lines up,
    read top to bottom (headers often wrap: "Wartość" over "netto")."""
    parts: list[str] = []
    for above in reading.layout.above(cell, max_lines=8):
        if any(ch.isdigit() for ch in above.text):
            if parts:
                break
            continue
        row = reading.layout.lines[above.line]
        parts.append(_heading_over(above, cell) if len(row.cells) >= HEADER_CELLS else above.text)
    return " ".join(reversed(parts))


#: a row of a table's column headers has this many cells at least; a label's words set
#: wide apart elsewhere ("NET    TOTAL :" on a receipt) are one label
HEADER_CELLS = 3


def _heading_over(above: Cell, cell: Cell) -> str:
    """The part of the header cell ``above`` (in a row of column headers) that heads
    ``cell``: the cell's runs of words set a column's gap apart (two columns' headings
    set close, "Wartość  VAT" over a net amount and a narrow rate column) over ``cell``,
    or the whole cell where none is."""
    over = [t for _, x0, x1, t in heading_pieces(above) if x0 < cell.x1 and x1 > cell.x0]
    return " ".join(over) if over else above.text


def _column_words(name: str) -> re.Pattern[str]:
    return re.compile(rf"\b{vocabulary().column_words(name)}\b", re.IGNORECASE)


#: the header words of a totals table's columns, from the packs' ``[columns]``
_ROLE_TAX = _column_words("totals_tax")
_ROLE_NET = _column_words("totals_net")
_ROLE_GROSS = _column_words("totals_gross")
_INCLUSIVE = _column_words("totals_inclusive")


def column_role(reading: Reading, cell: Cell) -> str | None:
    """What the column of amounts ``cell`` stands in holds (subtotal, tax or total), from
    its header."""
    header = _header(reading, cell)
    if _ROLE_TAX.search(header) and not _INCLUSIVE.search(header):
        return "tax"
    if _ROLE_NET.search(header):
        return "subtotal"
    if _ROLE_GROSS.search(header):
        return "total"
    return None
