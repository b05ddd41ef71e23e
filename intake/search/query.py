"""Splitting a query into structured conditions (answered by the database) and full text
(answered by the search index).

``type:invoice drill date:"last month" amount:>1000`` becomes the conditions
``doc_type in (invoice)``, ``issue_date in [first, last of last month]``, ``total >= 1000.01``
and the text ``drill``. Structured terms are taken out only at the top level of a query
whose parts are joined by AND (the default); a top-level OR keeps the whole query for the
search index, with its relative dates rewritten into absolute ones that the index
understands.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from intake.errors import QueryError
from intake.extractors.extraction.fields.money import CURRENCY_CODES
from intake.search.dates import parse_amount_range, parse_date_range

__all__ = ["DOC_TYPE_WORDS", "Condition", "ParsedQuery", "parse_query", "tokenize"]

#: What a ``type:`` value may be, and the document type it means.
DOC_TYPE_WORDS = {
    "invoice": "invoice",
    "invoices": "invoice",
    "purchase_order": "purchase_order",
    "purchase-order": "purchase_order",
    "purchaseorder": "purchase_order",
    "po": "purchase_order",
    "order": "purchase_order",
    "order_confirmation": "order_confirmation",
    "order-confirmation": "order_confirmation",
    "confirmation": "order_confirmation",
    "confirmations": "order_confirmation",
    "estimate": "estimate",
    "estimates": "estimate",
    "quote": "estimate",
    "quotation": "estimate",
    "contract": "contract",
    "contracts": "contract",
}
DATE_FIELDS = {
    "date": "issue_date",
    "issue_date": "issue_date",
    "due": "due_date",
    "due_date": "due_date",
    "delivery": "delivery_date",
    "delivery_date": "delivery_date",
    "valid": "valid_until",
    "valid_until": "valid_until",
}
#: Date columns the search index does not hold: answered by the database.
DATABASE_DATES = frozenset({"delivery_date", "valid_until"})
AMOUNT_FIELDS = {"amount": "total", "total": "total"}
TYPE_FIELDS = {"type", "doc_type"}
STRUCTURED = set(DATE_FIELDS) | set(AMOUNT_FIELDS) | TYPE_FIELDS | {"year"}
OPERATORS = {"AND", "OR", "NOT"}
LABELS = {
    "doc_type": "type",
    "issue_date": "date",
    "due_date": "due date",
    "delivery_date": "delivery date",
    "valid_until": "valid until",
    "total": "amount",
    "vendor_id": "vendor",
    "product_id": "product",
}
RELATIVE_HEADS = {"last", "this", "past", "next"}

_FIELD = re.compile(r"^(?P<field>[A-Za-z_]+):(?P<value>.*)$", re.DOTALL)


@dataclass(frozen=True)
class Condition:
    """One structured condition: ``column`` is in ``values``, or between ``low`` and
    ``high`` (inclusive, either may be None); ``negated`` turns it round."""

    column: str
    values: tuple[Any, ...] = ()
    low: Any = None
    high: Any = None
    negated: bool = False
    currency: str | None = None  # an amount in this currency (converted where rates exist)

    @property
    def is_range(self) -> bool:
        return not self.values

    def describe(self) -> str:
        """The condition in words, e.g. ``date from 2024-03-01 to 2024-03-31``."""
        name = LABELS.get(self.column, self.column)
        if self.values:
            text = f"{name} is {' or '.join(str(v).replace('_', ' ') for v in self.values)}"
        elif self.low is not None and self.high is not None:
            text = (
                f"{name} is {self.low}"
                if self.low == self.high
                else f"{name} from {self.low} to {self.high}"
            )
        elif self.low is not None:
            text = f"{name} from {self.low}"
        elif self.high is not None:
            text = f"{name} up to {self.high}"
        else:
            text = f"{name} is known"
        if self.currency:
            text = f"{text} {self.currency}"
        return f"not ({text})" if self.negated else text


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # what goes to the search index; "" when the query is only conditions
    conditions: tuple[Condition, ...] = ()
    error: str | None = None


def tokenize(text: str) -> list[str]:
    """Top-level tokens: words, ``field:value``, quoted phrases, ``[ranges]`` and
    ``(groups)`` stay whole (an unclosed quote, bracket or parenthesis runs to the end)."""
    tokens: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        depth = 0
        while i < n:
            c = text[i]
            if c == '"':
                close = text.find('"', i + 1)
                i = n if close < 0 else close + 1
                continue
            if c == "[":
                close = text.find("]", i + 1)
                i = n if close < 0 else close + 1
                continue
            if c == "(":
                depth += 1
            elif c == ")":
                depth = max(0, depth - 1)
            elif c.isspace() and depth == 0:
                break
            i += 1
        tokens.append(text[start:i])
    return tokens


def _condition(field: str, value: str, today: dt.date, negated: bool) -> Condition:
    if field in TYPE_FIELDS:
        doc_type = DOC_TYPE_WORDS.get(value.strip('"').lower())
        if doc_type is None:
            raise QueryError(
                f"“{value}” is not a document type: use invoice, purchase_order,"
                " order_confirmation, estimate or contract."
            )
        return Condition("doc_type", (doc_type,), negated=negated)
    if field == "year":
        if not re.fullmatch(r"\d{4}", value.strip('"')):
            raise QueryError(f"“{value}” is not a year such as 2024")
        low, high = parse_date_range(value, today)
        return Condition("issue_date", low=low, high=high, negated=negated)
    if field in DATE_FIELDS:
        low, high = parse_date_range(value, today)
        return Condition(DATE_FIELDS[field], low=low, high=high, negated=negated)
    value, currency = _amount_currency(value)
    least, most = parse_amount_range(value)
    return Condition("total", low=least, high=most, negated=negated, currency=currency)


def _amount_currency(value: str) -> tuple[str, str | None]:
    """``">1000 EUR"`` (quoted) -> ``(">1000", "EUR")``."""
    m = re.fullmatch(r"\s*\"?\s*(.*?)\s+([A-Za-z]{3})\s*\"?\s*", value)
    if m and m.group(2).upper() in CURRENCY_CODES:
        return m.group(1), m.group(2).upper()
    return value, None


def _join_relative(tokens: list[str], i: int, value: str) -> tuple[str, int]:
    """``date:last month`` typed without quotes: take the following words along."""
    if value.lower() not in RELATIVE_HEADS:
        return value, i
    for extra in (1, 2):
        words = tokens[i + 1 : i + 1 + extra]
        if len(words) == extra and all(re.fullmatch(r"[A-Za-z0-9]+", w) for w in words):
            candidate = " ".join([value, *words])
            try:
                parse_date_range(candidate, dt.date(2000, 1, 1))
            except QueryError:
                continue
            return candidate, i + extra
    return value, i


def _iso(d: dt.date | None) -> str:
    return d.isoformat() if d else ""


def _rewrite_for_index(tokens: list[str], today: dt.date) -> str:
    """A query for the search index alone: relative and partial dates made absolute."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        m = _FIELD.match(token)
        field = m.group("field").lower() if m else ""
        if m and (field in DATE_FIELDS or field == "year") and m.group("value"):
            value, i = _join_relative(tokens, i, m.group("value"))
            low, high = parse_date_range(value, today)
            column = DATE_FIELDS.get(field, "issue_date")
            if column in DATABASE_DATES:
                raise QueryError(f"“{field}:” cannot be combined with OR; search it alone")
            out.append(f"{column}:[{_iso(low)} to {_iso(high)}]")
        else:
            out.append(token)
        i += 1
    return " ".join(out)


def _tidy(tokens: list[str]) -> str:
    """Drop operators left dangling by taking conditions out."""
    out: list[str] = []
    for token in tokens:
        if token == "AND" and (not out or out[-1] in OPERATORS):
            continue
        out.append(token)
    while out and out[-1] in OPERATORS:
        out.pop()
    return " ".join(out)


def parse_query(text: str, today: dt.date) -> ParsedQuery:
    """Split ``text`` into conditions and full text; a bad value gives ``error``."""
    tokens = tokenize(text)
    try:
        if "OR" in tokens:
            return ParsedQuery(_rewrite_for_index(tokens, today))
        conditions: list[Condition] = []
        rest: list[str] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            m = _FIELD.match(token)
            field = m.group("field").lower() if m else ""
            if m and field in STRUCTURED and m.group("value"):
                value, i = _join_relative(tokens, i, m.group("value"))
                if field in AMOUNT_FIELDS and i + 1 < len(tokens):
                    if tokens[i + 1].upper() in CURRENCY_CODES:  # amount:>1000 EUR
                        value, i = f'"{value.strip(chr(34))} {tokens[i + 1]}"', i + 1
                negated = bool(rest) and rest[-1] == "NOT"
                if negated:
                    rest.pop()
                conditions.append(_condition(field, value, today, negated))
            else:
                rest.append(token)
            i += 1
    except QueryError as exc:
        return ParsedQuery("", error=str(exc))
    return ParsedQuery(_tidy(rest), tuple(conditions))
