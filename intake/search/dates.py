"""Date and amount values in queries: ``2024``, ``2024-03``, ``last month``, ``[a to b]``.

Every date value becomes an inclusive range of days ``(first, last)``; either end may be
open (``None``). Relative words are resolved against a ``today`` that the caller passes,
so that results are reproducible in tests.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from intake.errors import QueryError

__all__ = ["AmountRange", "DateRange", "parse_amount_range", "parse_date_range"]

DateRange = tuple[dt.date | None, dt.date | None]
AmountRange = tuple[Decimal | None, Decimal | None]


MONTHS = {
    name.lower(): i
    for i in range(1, 13)
    for name in (calendar.month_name[i], calendar.month_abbr[i])
}
MONTHS["sept"] = 9

_RANGE = re.compile(r"^\[\s*(?P<a>.*?)\s*\bto\b\s*(?P<b>.*?)\s*\]$", re.IGNORECASE)
_CMP = re.compile(r"^(?P<op>[<>]=?)\s*(?P<v>.+)$")
_LAST_N = re.compile(r"^(?:last|past)\s+(\d{1,4})\s+(day|week|month|year)s?$")
_NEXT_N = re.compile(r"^next\s+(\d{1,4})\s+(day|week|month|year)s?$")


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(d: dt.date, months: int) -> dt.date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def _quarter(year: int, q: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, 3 * q - 2, 1)
    return first, _month_end(year, 3 * q)


def _relative(word: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    w = " ".join(word.replace("_", " ").replace("-", " ").split())
    if w == "today":
        return today, today
    if w == "yesterday":
        y = today - dt.timedelta(days=1)
        return y, y
    if w in ("this week", "last week"):
        monday = today - dt.timedelta(days=today.weekday())
        if w == "last week":
            monday -= dt.timedelta(days=7)
        return monday, monday + dt.timedelta(days=6)
    if w in ("this month", "last month"):
        first = today.replace(day=1)
        if w == "last month":
            first = _add_months(first, -1)
        return first, _month_end(first.year, first.month)
    if w in ("this quarter", "last quarter"):
        q = (today.month - 1) // 3 + 1
        year = today.year
        if w == "last quarter":
            q -= 1
            if q == 0:
                year, q = year - 1, 4
        return _quarter(year, q)
    if w in ("this year", "last year"):
        year = today.year - (w == "last year")
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if m := _LAST_N.match(w):
        n, unit = int(m.group(1)), m.group(2)
        if unit == "day":
            start = today - dt.timedelta(days=n - 1)
        elif unit == "week":
            start = today - dt.timedelta(weeks=n) + dt.timedelta(days=1)
        elif unit == "month":
            start = _add_months(today, -n) + dt.timedelta(days=1)
        else:
            start = _add_months(today, -12 * n) + dt.timedelta(days=1)
        return start, today
    if m := _NEXT_N.match(w):  # what falls due: delivery:"next 2 weeks", valid:"next 30 days"
        n, unit = int(m.group(1)), m.group(2)
        months = {"day": 0, "week": 0, "month": n, "year": 12 * n}[unit]
        days = {"day": n - 1, "week": 7 * n - 1}.get(unit, -1)
        return today, _add_months(today, months) + dt.timedelta(days=days)
    return None


def _absolute(value: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    v = value.strip().lower()
    try:
        if re.fullmatch(r"\d{4}", v):
            year = int(v)
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})", v):
            year, month = int(m.group(1)), int(m.group(2))
            return dt.date(year, month, 1), _month_end(year, month)
        if m := re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})", v):
            day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return day, day
        if m := re.fullmatch(r"(\d{4})-?q([1-4])", v):
            return _quarter(int(m.group(1)), int(m.group(2)))
        parts = v.replace(",", " ").split()
        if parts and parts[0] in MONTHS and len(parts) <= 2:
            month = MONTHS[parts[0]]
            if len(parts) == 2:
                if not re.fullmatch(r"\d{4}", parts[1]):
                    return None
                year = int(parts[1])
            else:  # a month without a year: its latest occurrence, this year or last
                year = today.year if month <= today.month else today.year - 1
            return dt.date(year, month, 1), _month_end(year, month)
    except ValueError:
        return None
    return None


def _span(value: str, today: dt.date) -> tuple[dt.date, dt.date]:
    span = _relative(value.strip().lower(), today) or _absolute(value, today)
    if span is None:
        raise QueryError(
            f"“{value}” is not a date this search understands: try 2024, 2024-03, 2024-03-14,"
            " “last month”, “this year”, “last 30 days” or [2024-01-01 to 2024-03-31]."
        )
    return span


def parse_date_range(value: str, today: dt.date) -> DateRange:
    """The inclusive range of days that ``value`` names."""
    value = value.strip().strip('"').strip()
    if m := _RANGE.match(value):
        a, b = m.group("a"), m.group("b")
        start = _span(a, today)[0] if a and a.strip() else None
        end = _span(b, today)[1] if b and b.strip() else None
        if start and end and start > end:
            raise QueryError(f"the date range “{value}” ends before it starts")
        return start, end
    if m := _CMP.match(value):
        first, last = _span(m.group("v"), today)
        op = m.group("op")
        if op == ">":
            return last + dt.timedelta(days=1), None
        if op == ">=":
            return first, None
        if op == "<":
            return None, first - dt.timedelta(days=1)
        return None, last
    return _span(value, today)


def _amount(value: str) -> Decimal:
    v = value.strip().replace(" ", "").replace("_", "")
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", v):
        v = v.replace(",", "")
    elif re.fullmatch(r"-?\d+,\d{1,2}", v):
        v = v.replace(",", ".")
    try:
        amount = Decimal(v)
    except InvalidOperation:
        raise QueryError(f"“{value}” is not an amount: try 1000, 99.50 or 1,250") from None
    if not amount.is_finite() or abs(amount) >= Decimal(10) ** 14:
        raise QueryError(f"“{value}” is not an amount this search can compare")
    return amount


def parse_amount_range(value: str) -> AmountRange:
    """``1000``, ``>1000``, ``<=50``, ``[100 to 500]``, ``[100 to]`` as an inclusive range
    (strict comparisons are moved by one cent)."""
    value = value.strip().strip('"').strip()
    cent = Decimal("0.01")
    if m := _RANGE.match(value):
        a, b = m.group("a"), m.group("b")
        low = _amount(a) if a and a.strip() else None
        high = _amount(b) if b and b.strip() else None
        if low is not None and high is not None and low > high:
            raise QueryError(f"the amount range “{value}” ends below where it starts")
        return low, high
    if m := _CMP.match(value):
        amount = _amount(m.group("v"))
        return {
            ">": (amount + cent, None),
            ">=": (amount, None),
            "<": (None, amount - cent),
            "<=": (None, amount),
        }[m.group("op")]
    amount = _amount(value)
    return amount, amount
