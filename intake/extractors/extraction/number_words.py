"""Words of a table's row that belong to the number after them: the first group of a
number whose thousands are set apart by a space ("1 264,05"), and a currency's sign set
apart before its amount ("€ 2.400,00"). Used where a row's words are given to columns
(:mod:`intake.extractors.extraction.line_items`) and its numbers read
(:mod:`intake.extractors.extraction.line_arithmetic`)."""

from __future__ import annotations

import re

from intake.extractors.extraction.fields.money import CURRENCY_CODES
from intake.record import Word

__all__ = ["goes_with_next", "sign_before", "thousands_apart"]

_FIRST_GROUP = re.compile(r"\d{1,3}")
_NEXT_GROUPS = re.compile(r"\d{3}(?:[ .,]\d{3})*(?:[.,]\d{1,2})?")

#: a currency's sign or code standing alone before its amount ("€ 2.400,00", "CHF 120.00");
#: three capitals that are no currency's code are a word of the text ("DIN 933", a
#: standard's number)
_SIGN = re.compile(rf"[$€£¥₹₦]|{'|'.join(sorted(CURRENCY_CODES))}|[A-Z]{{0,2}}\$|kr\.?|Fr\.")


def sign_before(w: Word, after: Word) -> bool:
    """Whether ``w`` is a currency's sign set apart before the amount after it ("€
    2.400,00"): the amount's, never the words of the column it reaches into."""
    close = after.x0 - w.x1 < 1.5 * (w.bottom - w.top)
    return bool(_SIGN.fullmatch(w.text)) and after.text[:1].isdigit() and close


def goes_with_next(w: Word, after: Word) -> bool:
    """Whether ``w`` belongs to the number after it: its first group of thousands
    (:func:`thousands_apart`), or its currency's sign (:func:`sign_before`)."""
    return sign_before(w, after) or thousands_apart(w, after)


def thousands_apart(w: Word, after: Word) -> bool:
    """Whether ``w`` is the first group of a number whose thousands are set apart by a
    space ("1 264,05"): one to three digits, then three more (and the cents) a space's
    width away. A right-aligned number wider than its header reaches into the column on
    its left; its first group is still part of it."""
    gap = after.x0 - w.x1
    return (
        gap < 0.5 * (w.bottom - w.top)
        and _FIRST_GROUP.fullmatch(w.text) is not None
        and _NEXT_GROUPS.fullmatch(after.text) is not None
    )
