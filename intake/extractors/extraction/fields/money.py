"""Amounts and currencies: ``1,234.56``, ``1.234,56``, ``1 234,56 €``, ``(12.00)``, ``12.00-``.

Amounts are :class:`decimal.Decimal`; never floats. Which separator is the decimal one is
decided per document by :func:`guess_decimal_comma` and passed in where it matters.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from intake.extractors.extraction.fields.countries import dollar_of
from intake.extractors.extraction.vocabulary import vocabulary

__all__ = [
    "CURRENCY_CODES",
    "detect_currency",
    "find_amounts",
    "format_money",
    "guess_decimal_comma",
    "parse_money",
]

CURRENCY_CODES = frozenset(
    "EUR USD GBP CHF JPY CNY INR CAD AUD NZD SEK NOK DKK PLN CZK HUF RON BGN HRK RUB TRY "
    "ZAR BRL MXN ARS CLP COP SGD HKD MYR IDR THB PHP VND KRW TWD AED SAR ILS EGP NGN KES".split()
)
_SYMBOLS = {
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "zł": "PLN",
    "kč": "CZK",
    "fr.": "CHF",
    "rs.": "INR",
    "rs": "INR",
    "rm": "MYR",
    "s$": "SGD",
    "a$": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
    "au$": "AUD",
    "mx$": "MXN",
    "nz$": "NZD",
    "us$": "USD",
    "hk$": "HKD",
    "r$": "BRL",
    "₦": "NGN",
    "ksh": "KES",
}
_SPACES = "\u00a0\u202f\u2009 '’"
#: the signs that make the amount after them negative
_MINUS = ("-", "−", "–", "(-)", "(−)", "(–)")
_NUMBER = re.compile(
    # not inside a word or number; but glued to a currency code it is one ("RM10.50")
    # or to the rand's "R" where cents follow ("R5 629.40": South Africa's amounts)
    r"(?:(?<![\w.,])|(?<=(?<![^\W\d_])RM)"
    r"|(?<=(?<![^\W\d_])R)(?=\d{1,3}(?:[ \u00a0,]\d{3})*[.,]\d{2}(?!\d))|(?<=(?<![^\W\d_])(?:"
    + "|".join(sorted(CURRENCY_CODES))
    # a minus sign, an opening parenthesis (closed after the amount) or a minus in
    # parentheses, as accounting programs print a negative adjustment ("(-)0.16")
    + r")))(?P<neg>\([-−–]\)|[-−–(])?\s?(?P<cur>[€$£¥₹])?\s?"
    # a price may carry up to eight decimals, zeros past the fourth, as e-invoices'
    # courtesy copies print their XML's values ("7.400000"); other digits there are a
    # separator OCR moved ("3.88434" for "3.884,34")
    # India groups by lakh and crore past the thousands: "1,45,376.00", "12,34,567.89"
    r"(?P<num>\d{1,2}(?:,\d{2})+,\d{3}\.\d{2}"
    r"|\d{1,3}(?:[.,\u00a0\u202f\u2009 '’]\d{3})+(?:[.,]\d{1,4})?"
    r"|\d+(?:[.,]\d{1,4}(?:0{1,4})?)?)"
    r"(?P<trail>-|\))?(?![\w]|[.,]\d)"
)


def parse_money(text: str, decimal_comma: bool | None = None) -> Decimal | None:
    """The amount in ``text`` (the first number-like part), or None."""
    m = _NUMBER.search(text.replace("−", "-"))
    if m is None:
        return None
    value = _to_decimal(m.group("num"), decimal_comma)
    if value is None:
        return None
    negative = (m.group("neg") in (*_MINUS, "(")) or m.group("trail") == "-"
    negative = negative or bool(re.search(r"\bCR\b", text))
    return -value if negative else value


def _to_decimal(num: str, decimal_comma: bool | None) -> Decimal | None:
    for sp in _SPACES:
        num = num.replace(sp, "")
    commas, dots = num.count(","), num.count(".")
    dec: str | None = None
    if commas and dots:
        dec = "," if num.rfind(",") > num.rfind(".") else "."
    elif commas or dots:
        sep = "," if commas else "."
        head, _, tail = num.rpartition(sep)
        if commas + dots > 1:
            # repeated: thousands separators; but a last group that is no group of
            # thousands is the cents, OCR having read the decimal point as the thousands'
            # sign ("74,860,22" for "74.860,22")
            if len(tail) != 3:
                num, dec = head.replace(sep, "") + "." + tail, "."
        elif len(tail) != 3:
            dec = sep
        elif decimal_comma is None:
            dec = "." if sep == "." else None
        else:
            dec = sep if (sep == ",") == decimal_comma else None
    if dec is None:
        clean = num.replace(",", "").replace(".", "")
    else:
        other = "." if dec == "," else ","
        clean = num.replace(other, "").replace(dec, ".")
    try:
        return Decimal(clean)
    except InvalidOperation:
        return None


def find_amounts(
    text: str, decimal_comma: bool | None = None
) -> Iterator[tuple[int, int, Decimal]]:
    """Every amount-like number in ``text`` as (start, end, value)."""
    if len(text) > _SHORT:
        return _each_amount(text, decimal_comma)
    return iter(_amounts(text, decimal_comma))


#: a cell's or a line's length: the texts the extractors ask about again and again, whose
#: amounts are remembered (a whole page's text is read each time, not kept)
_SHORT = 240


@lru_cache(maxsize=4096)
def _amounts(text: str, decimal_comma: bool | None) -> tuple[tuple[int, int, Decimal], ...]:
    return tuple(_each_amount(text, decimal_comma))


def _each_amount(text: str, decimal_comma: bool | None) -> Iterator[tuple[int, int, Decimal]]:
    for m in _NUMBER.finditer(text.replace("−", "-")):
        value = _to_decimal(m.group("num"), decimal_comma)
        if value is None:
            continue
        if m.group("neg") in _MINUS or m.group("trail") == "-":
            value = -value
        elif m.group("neg") == "(" and m.group("trail") == ")":
            value = -value
        yield m.start("num"), m.end("num"), value


def format_money(value: Decimal) -> str:
    """Canonical text of an amount: at least two decimals, no exponent."""
    q = value.quantize(Decimal("0.01")) if value == value.quantize(Decimal("0.01")) else value
    return format(q, "f")


def guess_decimal_comma(text: str) -> bool | None:
    """True when the document writes ``1.234,56``, False for ``1,234.56``, None if unknown."""
    comma = len(re.findall(r"\d,\d{2}(?![\d])", text))
    dot = len(re.findall(r"\d\.\d{2}(?![\d.])", text))
    if comma == dot:
        return None
    return comma > dot


_WORDS = [
    (re.compile(rf"(?<![\w]){p}(?![\w])", re.IGNORECASE), c) for p, c in vocabulary().currency_words
]
#: A code joined by a hyphen to letters or digits is part of an identifier, an item's or a
#: document's ("CAD-A4", "TRY-100", "SKU-EUR"), not a currency; a negative amount glued
#: to its code ("EUR-1.234,56") is money.
_NOT_IN_ID = (
    r"(?<![A-Za-z])(?<![A-Za-z0-9]-)",
    r"(?![A-Za-z])(?!-[A-Za-z])(?!-\d[\w-]*(?![.,]\d))",
)
_CODE_RE = re.compile(_NOT_IN_ID[0] + "(" + "|".join(sorted(CURRENCY_CODES)) + ")" + _NOT_IN_ID[1])
_DOLLAR_NAMES = re.compile(_NOT_IN_ID[0] + r"(CAD|AUD|NZD|SGD|HKD|US\$|USD)" + _NOT_IN_ID[1])


#: a currency's label and the code it declares ("Moneda: MXN", "Currency: NZD")
_DECLARED = re.compile(
    rf"(?<![\w])(?:{'|'.join(p for p, _ in vocabulary().table('labels').get('currency', []))})"
    rf"\s*:?\s*({'|'.join(sorted(CURRENCY_CODES))})(?![\w])",
    re.IGNORECASE,
)


def detect_currency(text: str) -> str | None:
    """The document's currency as an ISO 4217 code: the one a currency's label declares
    ("Moneda: MXN", where "$" marks the amounts), else voted by the codes, symbols and
    currency words (every vocabulary pack's: "Euro", "EURO", "Franken", "ringgit") in its
    text. A code, a word or a sign beside a number counts 4, a bare dollar or a sign of
    several letters beside a number 2, and a sign that stands only apart from numbers 1,
    once."""
    declared = {m.group(1).upper() for m in _DECLARED.finditer(text)}
    if len(declared) == 1:
        return declared.pop()
    votes: Counter[str] = Counter()
    for m in _CODE_RE.finditer(text):
        votes[m.group(1)] += 4
    # a word whose code is "$" ("pesos") names the currency a bare "$" stands for in the
    # document's country, and nothing where the page names no such country
    local = 0
    for pattern, code in _WORDS:
        if code == "$":
            local += len(pattern.findall(text))
        else:
            votes[code] += 4 * len(pattern.findall(text))
    lowered = text.lower()
    for sym, code in _SYMBOLS.items():
        if len(sym) == 1:
            # a sign beside a number is money's; alone ("Price (€)") it still says which
            # currency, less surely; OCR reads other glyphs as one ("E-2207" as "£.2207")
            beside = len(re.findall(rf"{re.escape(sym)}\s?-?\d|\d\s?{re.escape(sym)}", lowered))
            votes[code] += beside * 4 + (1 if lowered.count(sym) > beside else 0)
        else:
            near_number = (
                rf"(?<![a-z]){re.escape(sym)}(?=\s?-?\d)|(?<=\d)\s?{re.escape(sym)}(?![a-z])"
            )
            votes[code] += 2 * len(re.findall(near_number, lowered))
            # in parentheses after a label it names the row's or column's currency, as a
            # code does ("Total (RM)", "Amount (Rs.)")
            if re.search(rf"\(\s*{re.escape(sym)}\s*\)", lowered):
                votes[code] += 1
    # a bare dollar sign (a prefixed one, "CA$", "A$", is counted with the symbols above)
    dollars = len(re.findall(r"(?<![A-Za-z])\$\s?\d", text))
    if dollars:
        named = _DOLLAR_NAMES.search(text)
        code = named.group(1).replace("US$", "USD") if named else (dollar_of(text) or "USD")
        votes[code] += 2 * dollars
    if local and (country := dollar_of(text)):
        votes[country] += 4 * local
    if not votes:
        return None
    code, count = votes.most_common(1)[0]
    return code if count > 0 else None
