"""Where a table of items ends: a row that opens with a totals label, a tax summary's row
of figures, or the totals block's label set under the numbers' columns; and a sum that
closes a section of the items, not the table. Used by
:mod:`intake.extractors.extraction.line_items` as it reads the rows under a header."""

from __future__ import annotations

import re
from decimal import Decimal

from intake.extractors.extraction.analysis import Reading
from intake.extractors.extraction.fields.money import CURRENCY_CODES, find_amounts
from intake.extractors.extraction.labels import LABELS, any_label
from intake.extractors.extraction.layout import Line
from intake.extractors.extraction.money_cells import CENTS
from intake.extractors.extraction.table_rows import (
    AGAIN,
    Column,
    Item,
    numbered,
    printed,
    sums,
    value_of,
)
from intake.extractors.extraction.tax_rates import TOL, printed_rates
from intake.record import Word

__all__ = ["block_goes_on", "closes_table", "ends_items", "section_sum", "tax_row", "totals_label"]

#: The labels of the totals (subtotal, tax, total) in every pack: a row that begins with
#: one closes the items ("Netto", "Imponibile", "Total HT"), whatever table_end lists.
_TOTALS = any_label(
    [e for name in ("subtotal", "tax", "total") for e in LABELS.get(name, []) if e[1]]
)
#: The labels a totals block's rows open with: its sums', its tax's, its charges' and its
#: discounts'.
_BLOCK = any_label(
    [
        e
        for name in ("subtotal", "tax", "total", "charge", "discount")
        for e in LABELS.get(name, [])
        if e[1]
    ]
)
#: The tax's labels: a row that opens with one heads or states a tax, no section's sum.
_TAXES = any_label([e for e in LABELS.get("tax", []) if e[1]])
#: A rate alone at a row's start ("21 %"): a tax summary's row (rate, base, tax), no item.
_RATE_FIRST = re.compile(r"\s*\d{1,2}(?:[.,]\d{1,2})?\s?%")


def section_sum(
    reading: Reading, line: Line, named: str, cells: dict[str, list[Word]], section: list[Item]
) -> bool:
    """Whether a row (``line``) whose first cell is a sum's word ("Summe", "Total") going on to
    name what it sums (``named``: "Summe Titel 1", "Total Lot 2") sums the items of the
    section above it: it closes that section, not the table. A sum that names nothing
    else (a currency), or that a totals label fills ("Total HT"), ends the items; so does
    a row opening with a tax's word ("VAT breakdown" beside "Sum of line amounts"): a tax
    summary's heading, no section's sum."""
    first = next((c.text for c in line.cells if any(map(printed, c.words))), "")
    words = [w for w in re.findall(r"[^\W_]+", named) if w.upper() not in CURRENCY_CODES]
    if not words or ends_items(first, False) or _TAXES.match(first):
        return False
    summed = bool(section) and "amount" in cells and sums(reading, section, cells)
    return summed and not block_goes_on(reading, line)


def block_goes_on(reading: Reading, line: Line) -> bool:
    """Whether the row under ``line`` opens with a totals block's label (a total, a tax, a
    discount, a charge) and prints an amount: ``line``, a sum of the items above, sums the
    table ("Total HT brut" over "Remise commerciale 5 %  -48,76"), no section of it. Under
    a section's sum the next section's heading or items follow."""
    lines = reading.layout.lines
    after = lines[line.index + 1] if line.index + 1 < len(lines) else None
    if after is None or after.page != line.page or not after.cells:
        return False
    return bool(_BLOCK.match(after.cells[0].text)) and bool(
        find_amounts(after.text, reading.decimal_comma)
    )


def ends_items(first: str, scan: bool) -> bool:
    """Whether a row whose first cell reads ``first`` closes the item table: a totals
    label fills that cell, or (in a text layer: OCR reads a quantity's "1x" as "1%") the
    row begins with a tax rate (a tax summary under it)."""
    text = first.strip(" :").removesuffix(".")  # an abbreviation's stop: "ohne USt."
    if not scan and _RATE_FIRST.match(text):
        return True
    return bool(_TOTALS.fullmatch(text))


def closes_table(
    reading: Reading,
    line: Line,
    words: list[Word],
    cells: dict[str, list[Word]],
    columns: list[Column],
    discount: re.Pattern[str],
    section: list[Item],
    items: list[Item],
) -> bool:
    """Whether a row under ``items`` (its ``words``, and by column ``cells``) closes their
    table: a tax summary's row of figures, a tax on the items, or a totals label beside an
    amount alone (no
    discount under an item, "abzgl. 10 % Rabatt  -1.517,24"; no sum of the ``section``'s
    items above it, "Section total  920.00", after which the table goes on)."""
    if tax_row(reading, words) or _taxing_items(reading, line, section or items):
        return True
    if numbered(reading, cells) != {"amount"} or discount.search(line.text):
        return False
    if _totals_beside(line, columns):
        return True  # a note beside it at the row's start: the totals block, no section's
    # a label under the numbers' columns that sums the section closes the section, unless
    # the totals block goes on under it ("Total HT brut" over "Remise 5 %  -48,76")
    return totals_label(line, columns) and (
        not sums(reading, section, cells) or block_goes_on(reading, line)
    )


def _taxing_items(reading: Reading, line: Line, section: list[Item]) -> bool:
    """Whether a row names a tax and prints a rate and, as its only amount, the tax at that
    rate on the items of the ``section`` above it ("Output CGST  9 %  11,088.00" under items
    of 1,23,200.00, as ledger programs print each tax's account in the item table): the
    taxes begin, no item."""
    if not _TAXES.search(line.text):
        return False  # a discount under an item is a rate of it too ("Dto. 15 %  816,25")
    amounts = [v for _, _, v in find_amounts(line.text, reading.decimal_comma)]
    rates = {r for r in printed_rates(line.text) if r > 0}
    values = [value_of(reading, item, "amount") for item in section]
    if not rates or not values or any(v is None for v in values):
        return False
    base = sum((v for v in values if v is not None), Decimal(0))
    money = [a for a in amounts if a not in rates]
    return len(money) == 1 and any(abs(base * r / 100 - money[0]) < TOL for r in rates)


def _totals_beside(line: Line, columns: list[Column]) -> bool:
    """Whether a totals' label ("Total Ilíquido", "Subtotal") stands in a cell right of
    every text column, on a row that begins with other words: the totals block begun beside
    a tax summary's header ("Taxa | Incidência | Valor IVA"), which no item prints."""
    texts = [c.hi for c in columns if c.role.rstrip(AGAIN) in ("description", "code", "position")]
    return bool(texts) and any(
        cell.x0 >= max(texts) and _TOTALS.match(cell.text) for cell in line.cells[1:]
    )


def totals_label(line: Line, columns: list[Column]) -> bool:
    """Whether a row under the items opens with a word right of every text column (the
    description, the code, the position), in the numbers' columns: with an amount beside
    it (the caller's check), the totals block's label ("Shipping  25.00", "Nettogesamt
    1045,00") set right under the table, while an item's text starts in the text
    columns (its notes may stand anywhere: "NO PARTIAL DELIVERY")."""
    texts = [c.hi for c in columns if c.role.rstrip(AGAIN) in ("description", "code", "position")]
    first = line.cells[0]
    return bool(texts) and first.x0 >= max(texts) and bool(_LABEL_WORD.match(first.text))


#: a cell that opens with a word of three letters
_LABEL_WORD = re.compile(r"[^\W\d_]{3}")


#: the memo key of the rates a document prints
_RATES = "printed_rates"
#: a word of an item's text: two letters running (not a currency code)
_WORDY = re.compile(r"[^\W\d_]{2}")


def tax_row(reading: Reading, words: list[Word]) -> bool:
    """Whether a row of figures alone is a tax summary's (rate, base, tax): no text of an
    item's, and one amount its base times a rate the row or the document prints, the tax
    ("22% 61706.44 13575.42"; OCR may lose the rate, or read it as "1%"). Such a row
    under the items closes their table."""
    texts = [w.text for w in words]
    if any(_WORDY.search(t) and t.upper().strip(".:") not in CURRENCY_CODES for t in texts):
        return False
    line = " ".join(texts)
    amounts = [
        value
        for start, end, value in find_amounts(line, reading.decimal_comma)
        if not line[end:].lstrip().startswith("%") and CENTS.search(line[start:end])
    ]
    if (printed := reading.memo.get(_RATES)) is None:
        printed = reading.memo[_RATES] = frozenset(printed_rates(reading.text))
    rates = {r for r in printed_rates(line) | printed if r > 0}
    return any(
        tax < base and abs(base * rate / 100 - tax) < TOL
        for base in amounts
        for tax in amounts
        for rate in rates
    )
