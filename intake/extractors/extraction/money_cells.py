"""The amounts a cell prints as money: with cents, or beside a currency sign; on a scan,
with the letters OCR reads for digits after a currency sign read as digits, and a decimal
point OCR split off or lost put back."""

from __future__ import annotations

import re
from decimal import Decimal

from intake.extractors.extraction.analysis import Reading
from intake.extractors.extraction.confusion import DIGIT_FOR
from intake.extractors.extraction.fields.money import find_amounts
from intake.extractors.extraction.layout import Cell
from intake.record import Box

__all__ = ["CENTS", "money_in", "printed_amounts"]

#: A currency beside an amount: a sign, a code, the Nordic crown's "kr" ("4 437 kr") or the
#: Swedish whole crowns' ":-" ("4 437:-"), which make an amount without cents money.
_CURRENCY_NEAR = re.compile(
    r"[€$£¥₹]|\b(?:EUR|USD|GBP|CHF|RM|PLN|INR|CAD|AUD|SEK|NOK|DKK|kr)\b|(?<=\d):-",
    re.IGNORECASE,
)
CENTS = re.compile(r"[.,]\d{2}$")
#: OCR splits an amount after its decimal point: "11. 80", "11, 80".
_SPLIT_CENTS = re.compile(r"(?<=\d)([.,]) (\d{2})(?![\d.,])")
#: Right after a currency sign, OCR reads digits as the letters they look like ("RMS. OO"
#: for RM5.00, "$1O.5O"): an amount's shape there, with such letters, is that amount. Its
#: decimal point, the smallest mark on the row, may be lost to a space ("RM51 50"): two
#: digits set apart at the end of an amount after a currency sign are its cents (a
#: thousands' group has three).
_LOOKALIKE_AMOUNT = re.compile(
    r"(?:[€$£¥₹]|(?<![A-Za-z])(?:EUR|USD|GBP|CHF|RM|PLN|INR|CAD|AUD|SEK|NOK|DKK))\s?"
    r"(?P<num>[\dOoSsBlI|]{1,7}(?:[.,]\s?[\dOo]{2}(?![\w])"
    r"|(?P<lost> )[\dOo]{2}(?=\s|$)))"
)


def _digits_for_lookalikes(text: str, decimal_comma: bool = False) -> str:
    """``text`` with the letters of an amount after a currency sign read as digits and a
    lost decimal point put back (same length, so word boxes still map): see
    :data:`_LOOKALIKE_AMOUNT`."""

    def mend(m: re.Match[str]) -> str:
        cut = m.start("num") - m.start()
        num = m.group("num").translate(DIGIT_FOR)
        if m.group("lost"):
            at = m.start("lost") - m.start("num")
            num = num[:at] + ("," if decimal_comma else ".") + num[at + 1 :]
        return m.group(0)[:cut] + num

    return _LOOKALIKE_AMOUNT.sub(mend, text)


def money_in(reading: Reading, cell: Cell) -> list[tuple[Decimal, Box, str]]:
    """Amounts in a cell that look like money: with decimals, or beside a currency sign."""
    text = cell.text
    if any(w.conf < 1.0 for w in cell.words):  # OCR: "11. 80" is 11.80 (same length)
        text = _SPLIT_CENTS.sub(r"\1\2 ", _digits_for_lookalikes(text, bool(reading.decimal_comma)))
    out = []
    for start, end, value in find_amounts(text, reading.decimal_comma):
        raw = text[start:end]
        after = text[end : end + 2].strip()
        if after.startswith("%"):
            continue
        has_cents = bool(CENTS.search(raw))
        near = _CURRENCY_NEAR.search(text[max(0, start - 4) : end + 5])
        if not (has_cents or near):
            continue
        out.append((value, cell.span_box(start, end), raw))
    return out


def printed_amounts(reading: Reading) -> set[Decimal]:
    """Every amount the document prints as money."""
    return {a for cell in reading.layout.cells() for a, _, _ in money_in(reading, cell)}
