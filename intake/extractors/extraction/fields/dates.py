"""Dates in running text, with the month names of every vocabulary pack.

Numeric dates are ambiguous (03/04/2024); the order is decided once per document by
:func:`guess_date_order` from the unambiguous dates in it, its language, the country its
legal forms name and its currency, and passed to the parser. Month names come from the
vocabulary packs; validation from ``datetime``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Literal

from dateutil.relativedelta import relativedelta

from intake.extractors.extraction.confusion import DIGIT_FOR
from intake.extractors.extraction.fields.countries import VAT_ID, legal_countries
from intake.extractors.extraction.vocabulary import vocabulary

__all__ = ["MONTHS", "DateOrder", "find_dates", "guess_date_order", "parse_date", "add_term"]

DateOrder = Literal["dmy", "mdy"]

_VOCABULARY = vocabulary()
#: month name or abbreviation (every language pack's) -> month number
MONTHS: dict[str, int] = dict(_VOCABULARY.months)
_MONTH_RE = _VOCABULARY.month_pattern

_ISO = re.compile(r"(?<![\d.])(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?![\d])")
# not glued to a word before it ("AB12-10-20" is an item code) nor to more number parts
# after it ("01.23.45.67.89" is a telephone number)
_NUMERIC = re.compile(
    r"(?<![\w.,/-])(\d{1,2})\s?([./-])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?![\d]|[./-]\d)"
)
_COMPACT = re.compile(r"(?<!\d)(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")
#: A till's or a printer's time stamp: eight digits, day and month before the year, then
#: the time of day ("25032018 13:11:54"); the time says the digits are a date.
_COMPACT_STAMP = re.compile(
    r"(?<![\d.,/-])(\d{2})(\d{2})((?:19|20)\d{2})(?=\s+\d{1,2}:\d{2}(?::\d{2})?(?![\d:]))"
)
# a raised ordinal suffix can come out of the text layer as a word of its own: "31 st";
# the degree sign stands for the ordinal indicator where a keyboard lacks it ("1° giugno")
_DAY_MONTH = re.compile(
    rf"(?<![\w])(\d{{1,2}})(?:\s?(?:st|nd|rd|th)\b|er|e|º|°|\.)?(?:\s+day\s+of)?[\s.\-/]*(?:de\s+)?"
    rf"({_MONTH_RE})\.?,?[\s.\-/]*(?:de\s+|del\s+)?(\d{{4}}|'?\d{{2}})(?![\d])",
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(
    rf"(?<![\w])({_MONTH_RE})\.?[\s.\-/]+(\d{{1,2}})(?:\s?(?:st|nd|rd|th)\b)?\s*,?[\s.\-/]*(\d{{4}})(?![\d])",
    re.IGNORECASE,
)

#: a day written as an ordinal word: "the first day of July, 2017", "twenty-first day of
#: March 2020" (the words are the packs' ``day_ordinals``)
_WORD_DAY = re.compile(
    rf"(?<![\w])({_VOCABULARY.day_ordinal_pattern})\s+day\s+of\s+({_MONTH_RE})\.?,?\s*"
    r"(\d{4})(?![\d])",
    re.IGNORECASE,
)

#: a day ordinal in an agreement's "this 1st day of July, 2015" whose 1 OCR read as the
#: letter it looks like ("Ist", "2lst"): the generic fold (1/l/I/|) on the digits of a
#: day that the ordinal suffix and "day of" both mark as one
_OCR_DAY = re.compile(
    rf"(?<![\w])([0-9Il|]{{1,2}})(?:st|nd|rd|th)\s+day\s+of\s+({_MONTH_RE})\.?,?\s*(\d{{4}})(?![\d])",
    re.IGNORECASE,
)

_DAY_OF = re.compile(r"day\s+of", re.IGNORECASE)  # (most texts hold none: the scan is skipped)
_MIN_YEAR, _MAX_YEAR = 1950, 2100


def _year(text: str) -> int:
    text = text.lstrip("'")
    y = int(text)
    if len(text) == 2:
        y += 2000 if y < 70 else 1900
    return y


def _make(y: int, m: int, d: int) -> dt.date | None:
    if not _MIN_YEAR <= y <= _MAX_YEAR:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _numeric(m: re.Match[str], order: DateOrder) -> dt.date | None:
    a, b, y = int(m.group(1)), int(m.group(3)), _year(m.group(4))
    if a > 12 >= b:
        return _make(y, b, a)
    if b > 12 >= a:
        return _make(y, a, b)
    if m.group(2) == ".":  # 1.4.2011: dotted dates are written day first wherever they are used
        order = "dmy"
    return _ordered(y, a, b, order)


def _ordered(y: int, a: int, b: int, order: DateOrder) -> dt.date | None:
    """The date of year ``y`` whose day and month are ``a`` and ``b`` in ``order``."""
    return _make(y, a, b) if order == "mdy" else _make(y, b, a)


def find_dates(text: str, order: DateOrder = "dmy") -> Iterator[tuple[int, int, dt.date]]:
    """Every date in ``text`` as (start, end, date), in order of position. Where two
    readings overlap, the one with a four-digit year and the longer text wins ("July 1 -
    July 31, 2014" is not 1 July 2031)."""
    found: list[tuple[int, int, int, dt.date]] = []  # (rank, start, end, date)

    def add(m: re.Match[str], date: dt.date | None, year_text: str) -> None:
        if date is not None:
            s, e = m.span()
            rank = (len(year_text.lstrip("'")) == 4) * 1000 + (e - s)
            found.append((rank, s, e, date))

    for m in _DAY_MONTH.finditer(text):
        add(m, _make(_year(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1))), m.group(3))
    for m in _MONTH_DAY.finditer(text):
        add(m, _make(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2))), m.group(3))
    for m in _WORD_DAY.finditer(text):
        day = _VOCABULARY.day_of(m.group(1))
        add(m, _make(int(m.group(3)), MONTHS[m.group(2).lower()], day), m.group(3))
    for m in _OCR_DAY.finditer(text) if _DAY_OF.search(text) else ():
        digits = m.group(1).translate(DIGIT_FOR)
        if digits != m.group(1):  # (the digits alone are read above)
            add(m, _make(int(m.group(3)), MONTHS[m.group(2).lower()], int(digits)), m.group(3))
    for m in _ISO.finditer(text):
        add(m, _make(int(m.group(1)), int(m.group(2)), int(m.group(3))), m.group(1))
    for m in _NUMERIC.finditer(text):
        add(m, _numeric(m, order), m.group(4))
    for m in _COMPACT.finditer(text):
        add(m, _make(int(m.group(1)), int(m.group(2)), int(m.group(3))), m.group(1))
    for m in _COMPACT_STAMP.finditer(text):
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        add(m, _ordered(y, a, b, order), m.group(3))
    chosen: list[tuple[int, int, dt.date]] = []
    for _, s, e, date in sorted(found, key=lambda f: -f[0]):
        if not any(s < ce and cs < e for cs, ce, _ in chosen):
            chosen.append((s, e, date))
    chosen.sort()
    return iter(chosen)


def parse_date(text: str, order: DateOrder = "dmy") -> dt.date | None:
    """The first date in ``text``, or None."""
    return next((d for _, _, d in find_dates(text, order)), None)


_MDY_CURRENCIES = frozenset(_VOCABULARY.mdy_currencies)
#: Words of the languages written day-first (German "Rechnung", French "facture", ...).
_DMY_WORDS = re.compile(
    r"(?<![\w])(?:" + "|".join(_VOCABULARY.language_words.get("dmy", ["(?!)"])) + r")(?![\w])",
    re.IGNORECASE,
)
#: A postal address of a country writing month first ("Springfield, IL 62704").
_MDY_ADDRESS = re.compile(
    "|".join(
        _VOCABULARY.mdy_addresses
        + [p for p, country in _VOCABULARY.postal_addresses if country in _VOCABULARY.mdy_countries]
    )
    or "(?!)"
)


def _country_order(text: str) -> DateOrder | None:
    """The date order of the countries the document's legal forms name, if they agree. A
    VAT id of a day-first country disagrees with a month-first legal form ("Dunmere
    Electric LLC" under a GB VAT id): then the currency decides. (A VAT id alone decides
    nothing: it may be the customer's.)"""
    orders: set[DateOrder] = {
        "mdy" if country in _VOCABULARY.mdy_countries else "dmy"
        for country in legal_countries(text)
    }
    if orders == {"mdy"} and VAT_ID.search(text):
        return None
    return orders.pop() if len(orders) == 1 else None


def _echoed_order(text: str) -> DateOrder | None:
    """The order in which the document's ambiguous numeric dates ("03/01/05") read as a
    date it also writes with the month's name ("March 1, 2005"): a document that prints a
    date twice prints the same date. None when no such date tells, or both orders do."""
    worded = {
        _make(_year(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        for m in _DAY_MONTH.finditer(text)
    } | {
        _make(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))
        for m in _MONTH_DAY.finditer(text)
    }
    worded.discard(None)
    if not worded:
        return None
    votes: set[DateOrder] = set()
    for m in _NUMERIC.finditer(text):
        a, b, y = int(m.group(1)), int(m.group(3)), _year(m.group(4))
        if a == b or a > 12 or b > 12:
            continue
        if _make(y, a, b) in worded:
            votes.add("mdy")
        if _make(y, b, a) in worded:
            votes.add("dmy")
    return votes.pop() if len(votes) == 1 else None


#: payment terms of a number of days ("Net 30", "30 days", "Net 30 days")
_TERMS_DAYS = re.compile(
    r"(?<![\w])net\s*(\d{1,3})(?!\d)|(?<![\w.,])(\d{1,3})\s*days(?![\w])", re.I
)


def _terms_order(text: str) -> DateOrder | None:
    """The order in which two of the document's numeric dates lie its payment terms apart
    ("Net 30": "12/09/2026" and "01/08/2027" are 30 days apart read month first, 323 read
    day first): an invoice's due date is its date plus its terms. None when no terms are
    printed, or both orders or neither put two dates so far apart."""
    terms = {int(a or b) for a, b in _TERMS_DAYS.findall(text)} - {0}
    if not terms:
        return None
    read = [(int(m.group(1)), int(m.group(3)), _year(m.group(4))) for m in _NUMERIC.finditer(text)]
    votes: set[DateOrder] = set()
    for order in ("mdy", "dmy"):
        days = [_make(y, a, b) if order == "mdy" else _make(y, b, a) for a, b, y in read]
        dates = {d for d in days if d is not None}
        if any((later - d).days in terms for d in dates for later in dates):
            votes.add(order)
    return votes.pop() if len(votes) == 1 else None


def guess_date_order(text: str, currency: str | None = None) -> DateOrder:
    """Day-first or month-first for the numeric dates of one document."""
    dmy = mdy = 0
    for m in _NUMERIC.finditer(text):
        a, b = int(m.group(1)), int(m.group(3))
        if a > 12 >= b:
            dmy += 1
        elif b > 12 >= a:
            mdy += 1
    if dmy != mdy:
        return "dmy" if dmy > mdy else "mdy"
    echoed = _echoed_order(text) or _terms_order(text)
    if echoed is not None:
        return echoed
    if _DMY_WORDS.search(text):
        return "dmy"
    country = _country_order(text)
    if country is not None:
        return country
    if _MDY_ADDRESS.search(text) and not VAT_ID.search(text):
        return "mdy"  # a US postal address, and no VAT id of a country writing day first
    if currency in _MDY_CURRENCIES:
        return "mdy"
    return "dmy"


_TERM = re.compile(r"(\d+)\s*(year|month|week|day)s?", re.IGNORECASE)


def add_term(start: dt.date, term: str) -> dt.date | None:
    """``start`` plus a term such as "24 months" or "2 years"; None when it is not one."""
    m = _TERM.search(term)
    if not m:
        return None
    n, unit = int(m.group(1)), m.group(2).lower()
    delta = {
        "year": relativedelta(years=n),
        "month": relativedelta(months=n),
        "week": relativedelta(weeks=n),
        "day": relativedelta(days=n),
    }[unit]
    return start + delta
