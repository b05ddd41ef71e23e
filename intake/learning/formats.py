"""A learned value's format: the shape of a number (``INV-0042`` -> letters, dash,
digits), the day/month order of a date, and reading a value back in that format."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from intake.extractors.extraction.fields.dates import parse_date
from intake.extractors.extraction.fields.idents import clean_id
from intake.extractors.extraction.fields.money import detect_currency, format_money, parse_money
from intake.keys import number_key, text_key
from intake.values import CURRENCY, DATE, FIELD_KINDS, MONEY, TEXT

__all__ = ["formats_of", "read_value", "same_value", "shape_of"]


def shape_of(raw: str) -> str:
    """A regex for values written like ``raw``: runs of digits and of letters of any
    length, other characters as they are (``INV-0042`` -> ``[^\\W\\d_]+-\\d+``)."""
    out = []
    for m in re.finditer(r"\d+|[^\W\d_]+|\s+|.", raw.strip()):
        s = m.group()
        if s[0].isdigit():
            out.append(r"\d+")
        elif s[0].isspace():
            out.append(r"\s*")
        elif s[0].isalpha():
            out.append(re.escape(s) if len(s) <= 4 and s.isupper() else r"[^\W\d_]+")
        else:
            out.append(re.escape(s))
    return "".join(out)


def read_value(field: str, raw: str, fmt: dict[str, Any]) -> str | None:
    """``raw`` read as a value of ``field`` in the stored form, in the learned format."""
    kind = FIELD_KINDS.get(field, TEXT)
    raw = raw.strip()
    if not raw:
        return None
    if kind == DATE:
        date = parse_date(raw, "mdy" if fmt.get("order") == "mdy" else "dmy")
        return date.isoformat() if date else None
    if kind == MONEY:
        if not re.search(r"\d", raw) or re.search(r"[^\W\d_]{4,}", raw):
            return None
        amount = parse_money(raw, fmt.get("decimal_comma"))
        return format_money(amount) if amount is not None else None
    if kind == CURRENCY:
        return detect_currency(raw)
    if field.endswith("_number"):
        value = clean_id(raw)
        shape = fmt.get("shape")
        if not value or (shape and not re.fullmatch(shape, value)):
            return None
        return value
    return " ".join(raw.split())


def same_value(field: str, found: str, value: str) -> bool:
    kind = FIELD_KINDS.get(field, TEXT)
    if kind == MONEY:
        try:
            return Decimal(found) == Decimal(value)
        except ArithmeticError:
            return False
    if field.endswith("_number"):
        return number_key(found) == number_key(value)
    if kind == TEXT:
        return text_key(found) == text_key(value)
    return found == value


def _date_order(raw: str, value: str) -> str:
    """The order a numeric date was written in, told by which of its first two numbers is
    the day of the known value (day first when they are the same)."""
    m = re.search(r"\b(\d{1,2})\D{1,3}(\d{1,2})\D{1,3}\d{2,4}\b", raw)
    if m is None:
        return "dmy"
    _, month, day = (int(x) for x in value.split("-"))
    first, second = int(m[1]), int(m[2])
    return "mdy" if (first, second) == (month, day) and month != day else "dmy"


def formats_of(field: str, raw: str, value: str) -> list[dict[str, Any]]:
    """The formats to try reading ``raw`` in when learning."""
    kind = FIELD_KINDS.get(field, TEXT)
    if kind == DATE:
        return [{"order": _date_order(raw, value)}]
    if kind == MONEY:
        return [{"decimal_comma": None}, {"decimal_comma": True}, {"decimal_comma": False}]
    if field.endswith("_number"):
        return [{"shape": shape_of(clean_id(raw))}]
    return [{}]
