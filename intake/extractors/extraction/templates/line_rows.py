"""Line rows of a template's ``lines`` rules, read the way invoice2data's lines parser
reads them, and the line items they make.

A line row's keys map to a line item's (:data:`ITEM_KEYS`); the row's other keys are kept
under the item's ``raw``, and a row with nothing to buy (a section heading, a note) is
kept in the ``raw`` of the item it belongs to rather than made an item.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from intake.extractors.extraction.fields.money import format_money, parse_money
from intake.extractors.extraction.templates.model import LineRule

__all__ = ["ITEM_KEYS", "line_items", "line_rows"]

#: our line-item keys, each from the first of invoice2data's row names that is there
#: (its canonical names, the aliases it normalises, and the names its bundled templates
#: use for the same thing: ``desc``, ``price``, ``barcode``, ``unece_code``).
ITEM_KEYS = (
    ("description", ("name", "description", "desc")),
    ("code", ("code", "sku", "item_code", "product_code", "barcode")),
    ("quantity", ("qty", "quantity")),
    ("unit", ("uom", "unit", "unece_code")),
    ("unit_price", ("price_unit", "unit_price", "unitprice", "price")),
    ("amount", ("price_subtotal", "price_total", "amount", "line_total")),
)
ITEM_KEYS_NUMERIC = ("quantity", "unit_price", "amount")
#: row keys of a note, which belongs to the item above it (a heading: to the one below)
NOTE_KEYS = frozenset({"line_note", "note"})


def _search(patterns: Sequence[re.Pattern[str]], line: str) -> re.Match[str] | None:
    return next((m for p in patterns if (m := p.search(line))), None)


def _block_rows(rule: LineRule, block: str) -> list[dict[str, str]]:
    """Rows of one block, as invoice2data's lines parser reads them: ``first_line``
    starts a row, ``line`` adds to it, ``last_line`` ends it."""
    first = rule.first_line or (() if rule.last_line else rule.line)
    rows: list[dict[str, str]] = []
    row: dict[str, str] = {}
    open_row = False
    for line in rule.separator.split(block):
        if not line.strip() or _search(rule.skip_line, line):
            continue
        if first and (m := _search(first, line)):
            if row:
                rows.append(row)
            row = {k: (v or "").strip() for k, v in m.groupdict().items()}
            open_row = True
            continue
        if not open_row:
            continue
        last = _search(rule.last_line, line) if rule.last_line else None
        m = last or _search(rule.line, line)
        if m is not None:
            for k, v in m.groupdict().items():
                row[k] = "\n".join(x for x in (row.get(k, ""), (v or "").strip()) if x)
        if last is not None:
            if row:
                rows.append(row)
            row, open_row = {}, False
    if row:
        rows.append(row)
    return rows


def line_rows(rule: LineRule, text: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    while (start := rule.start.search(text)) is not None:
        rest = text[start.end() :]
        ends = list(rule.end.finditer(rest)) if rule.end_last else [rule.end.search(rest)]
        end = ends[-1] if ends else None
        if end is None:
            break
        rows += _block_rows(rule, rest[: end.start()])
        remaining = rest[end.end() :]
        if len(remaining) >= len(text):  # nothing consumed: stop rather than loop
            break
        text = remaining
    return rows


def _item(row: dict[str, str], decimal_comma: bool | None) -> dict[str, Any]:
    got: dict[str, str | None] = {}
    used: set[str] = set()
    for ours, names in ITEM_KEYS:
        got[ours] = next((row[k] for k in names if row.get(k)), None)
        used.update(names)
    numbers = {k: parse_money(got[k] or "", decimal_comma) for k in ITEM_KEYS_NUMERIC}
    qty = numbers["quantity"]
    raw = {k: v for k, v in row.items() if k not in used}
    lines = (" ".join(line.split()) for line in (got["description"] or "").splitlines())
    return {
        "description": "\n".join(line for line in lines if line),
        "code": got["code"],
        "quantity": format(qty.normalize(), "f") if qty is not None else None,
        "unit": got["unit"],
        "unit_price": _money(numbers["unit_price"]),
        "amount": _money(numbers["amount"]),
        "box": None,
        "raw": raw or None,
    }


def _attach(raw: dict[str, str], item: dict[str, Any]) -> None:
    kept: dict[str, str] = dict(item["raw"] or {})
    for key, value in raw.items():
        kept[key] = "\n".join(v for v in (kept.get(key), value) if v)
    item["raw"] = kept


def line_items(rows: Iterable[dict[str, str]], decimal_comma: bool | None) -> list[dict[str, Any]]:
    """Line items from rows: a row with nothing to buy (no description, quantity, price
    or amount) goes into the ``raw`` of its item, a note to the one above, anything else
    (a heading) to the one below."""
    items: list[dict[str, Any]] = []
    pending: dict[str, str] = {}
    for row in rows:
        item = _item(row, decimal_comma)
        if item["description"] or any(item[k] is not None for k in ITEM_KEYS_NUMERIC):
            if pending:
                _attach(pending, item)
                pending = {}
            items.append(item)
            continue
        raw = item["raw"] or {}
        notes = {k: v for k, v in raw.items() if k in NOTE_KEYS}
        if notes and items:
            _attach(notes, items[-1])
            raw = {k: v for k, v in raw.items() if k not in NOTE_KEYS}
        for key, value in raw.items():
            pending[key] = "\n".join(v for v in (pending.get(key), value) if v)
    if pending and items:
        _attach(pending, items[-1])
    return items


def _money(value: Decimal | None) -> str | None:
    return format_money(value) if value is not None else None
