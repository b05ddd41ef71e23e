"""Values typed by people, checked and brought to the stored form of extracted values:
ISO dates, decimal strings for amounts, ISO 4217 currency codes, lists for parties."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

__all__ = [
    "FIELD_KINDS",
    "MAX_ID",
    "iso_datetime",
    "json_value",
    "normalise",
    "parse_date",
    "parse_id",
    "parse_money",
]

MAX_TEXT = 1000

DATE, MONEY, TEXT, CURRENCY, LIST = "date", "money", "text", "currency", "list"
FIELD_KINDS: dict[str, str] = {
    "vendor": TEXT,
    "buyer": TEXT,
    "invoice_number": TEXT,
    "po_number": TEXT,
    "quote_number": TEXT,
    "order_number": TEXT,
    "issue_date": DATE,
    "due_date": DATE,
    "valid_until": DATE,
    "delivery_date": DATE,
    "service_period_start": DATE,
    "service_period_end": DATE,
    "agreement_date": DATE,
    "effective_date": DATE,
    "currency": CURRENCY,
    "subtotal": MONEY,
    "tax": MONEY,
    "total": MONEY,
    "parties": LIST,
    "governing_law": TEXT,
    "term": TEXT,
}


#: The largest id a database stores: a signed 64-bit integer in SQLite and PostgreSQL
#: (``bigint``); a larger number in a URL or a form can name no row.
MAX_ID = 2**63 - 1


def parse_id(text: str) -> int | None:
    """The id (1 to :data:`MAX_ID`) written as ASCII digits in ``text``, else None: a
    larger one would make the database driver overflow, and ``str.isdigit`` also accepts
    digits (such as "²") that ``int`` refuses."""
    text = text.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 19:
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ID else None


def iso_datetime(value: dt.datetime) -> str:
    """A stored time as RFC 3339 (what an OpenAPI ``date-time`` is): the database keeps
    times in UTC without their zone, so a naive one is written with ``+00:00``."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat()


def json_value(value: Any) -> Any:
    """A stored value as JSON gives it: amounts as decimal strings, times as RFC 3339,
    dates as ISO; anything else as it is."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime):
        return iso_datetime(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def parse_date(text: str) -> str:
    text = text.strip()
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    if m := re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", text):
        return dt.date(int(m[3]), int(m[2]), int(m[1])).isoformat()  # day first
    raise ValueError("a date is written 2024-03-31 (or 31.03.2024)")


def parse_money(text: str) -> str:
    t = text.strip().replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", t):
        t = t.replace(",", "")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", t):
        t = t.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d+,\d+", t):
        t = t.replace(",", ".")
    try:
        amount = Decimal(t)
    except InvalidOperation:
        raise ValueError("an amount is written 1234.56") from None
    if not amount.is_finite() or abs(amount) >= Decimal(10) ** 12:
        raise ValueError("an amount is written 1234.56")
    cents = amount.quantize(Decimal("0.01"))
    return str(cents if cents == amount else amount.normalize())


def normalise(kind: str, text: str) -> Any:
    """The stored form of what a person typed, or None for an empty value."""
    text = text.strip()
    if not text:
        return None
    if kind == DATE:
        return parse_date(text)
    if kind == MONEY:
        return parse_money(text)
    if kind == CURRENCY:
        if not re.fullmatch(r"[A-Za-z]{3}", text):
            raise ValueError("a currency is a three-letter code such as EUR")
        return text.upper()
    if kind == LIST:
        return [p.strip() for p in re.split(r"[;\n]", text) if p.strip()]
    if len(text) > MAX_TEXT:
        raise ValueError(f"at most {MAX_TEXT} characters")
    return text
