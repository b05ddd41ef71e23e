"""The roles of an item table's columns and the header words that name each, from every
vocabulary pack's ``[columns]``. Used by :mod:`intake.extractors.extraction.line_items`."""

from __future__ import annotations

import re

from intake.extractors.extraction.confusion import fold_pattern
from intake.extractors.extraction.vocabulary import longest_first, vocabulary

__all__ = ["DISCOUNT_ABBREVIATION", "DISCOUNT_ROW", "ROLES", "ROLE_ORDER", "TAX_QUALIFIED"]

_VOCABULARY = vocabulary()
#: The column roles, in the order a header's words are given to them (the first role
#: whose words match a span takes it: "Gesamtpreis" is an amount before it is a price).
ROLE_ORDER = tuple(
    "amount discount unit_price tax_rate count quantity unit delivery_date date code"
    " description position".split()
)


def _header_words(role: str) -> re.Pattern[str]:
    patterns = longest_first(_VOCABULARY.columns.get(role, [])) or ["(?!)"]
    alternation = "|".join(fold_pattern(p) for p in patterns)
    # a header word stands between non-letters; OCR's specks ("Pos_", "‘Qty") do not join it;
    # or it meets the next word where a small letter runs into a capital: a header wider
    # than its column runs into the next one without a space ("QuantityUnit price"); it
    # does not begin an identifier whose parts a hyphen joins ("NB-INK-774" is no "Nb.")
    return re.compile(
        rf"(?:(?<![^\W_])|{_CAMEL})(?:{alternation})(?:(?![^\W_]|-[\w-]*\d)|{_CAMEL})", re.I
    )


#: where a small letter runs into a capital (case-sensitive inside the case-blind patterns)
_CAMEL = r"(?<=(?-i:[a-zß-öø-ÿ]))(?=(?-i:[A-ZÀ-ÖØ-Þ]))"


#: role -> the header words of every vocabulary pack (``[columns]``)
ROLES: dict[str, re.Pattern[str]] = {role: _header_words(role) for role in ROLE_ORDER}
#: the abbreviations of a discount that would head a description ("Desc.": English
#: abbreviates the description so): a discount on a row under an item ("Desc. 15 %"), or
#: over a column where another header names the description
DISCOUNT_ABBREVIATION = _header_words("discount_row")
#: what names a discount on a row under an item: a discount column's header words, and
#: those abbreviations
DISCOUNT_ROW = re.compile(f"{ROLES['discount'].pattern}|{DISCOUNT_ABBREVIATION.pattern}", re.I)
#: a word ending a heading's text that makes the tax word after it qualify that heading
#: ("Amount ex GST", "Preis inkl. MwSt"): the packs' ``tax_qualifier`` words
TAX_QUALIFIED = re.compile(
    rf"(?<![^\W\d_])(?:{_VOCABULARY.column_words('tax_qualifier')})\s*$", re.I
)
