"""Running a compiled template over a document's text, the way invoice2data runs it over
``pdftotext -layout`` output, and turning what it finds into our fields and value forms.

invoice2data's names map to ours (``date`` -> ``issue_date``, ``date_due`` ->
``due_date``, ``amount`` -> ``total``, ``amount_untaxed`` -> ``subtotal``, ``amount_tax``
-> ``tax``, ``issuer`` -> ``vendor``, ``lines`` -> ``line_items``); a field already named
as ours (``po_number``, ``total``, ...) is taken as it is; every other field is ignored.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from decimal import Decimal
from statistics import median
from typing import Any

from intake.extractors.extraction.fields.dates import DateOrder, guess_date_order, parse_date
from intake.extractors.extraction.fields.idents import clean_id
from intake.extractors.extraction.fields.money import (
    CURRENCY_CODES,
    detect_currency,
    format_money,
    guess_decimal_comma,
    parse_money,
)
from intake.extractors.extraction.templates.model import LineRule, Options, Rule, Template
from intake.record import Field, Record, Word

__all__ = ["FIELD_NAMES", "matches", "prepare_text", "run_template", "template_text"]

#: invoice2data's field names that have one of ours.
FIELD_NAMES = {
    "date": "issue_date",
    "date_due": "due_date",
    "amount": "total",
    "amount_untaxed": "subtotal",
    "amount_tax": "tax",
    "issuer": "vendor",
    "lines": "line_items",
}
DATES = frozenset({"issue_date", "due_date", "valid_until"})
MONEY = frozenset({"total", "subtotal", "tax"})
IDS = frozenset({"invoice_number", "po_number", "quote_number"})
OURS = DATES | MONEY | IDS | {"vendor", "buyer", "currency", "line_items"}
#: our line-item keys, each from the first of invoice2data's row names that is there.
ITEM_KEYS = (
    ("description", ("description", "name")),
    ("code", ("code", "sku", "item_code", "product_code")),
    ("quantity", ("qty", "quantity")),
    ("unit", ("uom", "unit")),
    ("unit_price", ("price_unit", "unit_price", "unitprice")),
    ("amount", ("price_subtotal", "amount", "price_total")),
)
ITEM_KEYS_NUMERIC = ("quantity", "unit_price", "amount")
_NUMBER = re.compile(r"[-+]?\d+(?:[.,\s']\d+)*")


def _spaced(words: Sequence[Word]) -> str:
    """One line, with a gap between words as wide as it is on the page (as pdftotext
    -layout writes it), so regexes that expect two spaces between columns still match."""
    widths = [(w.x1 - w.x0) / len(w.text) for w in words if w.text and w.x1 > w.x0]
    char = median(widths) if widths else 5.0
    out = [words[0].text]
    for prev, word in zip(words, words[1:], strict=False):
        out.append(" " * max(1, round((word.x0 - prev.x1) / char)) + word.text)
    return "".join(out)


def template_text(record: Record) -> str:
    """The record's lines in reading order, pages separated by a form feed."""
    return "\f".join("".join(_spaced(line) + "\n" for line in p.lines) for p in record.pages)


def _collapse(text: str) -> str:
    return re.sub(r"[ \t]+", " ", text)


def matches(template: Template, text: str) -> bool:
    """Every keyword is in the text and no exclude keyword is (runs of spaces count as
    one, since our spacing is not exactly pdftotext's)."""
    collapsed = _collapse(text)

    def found(keyword: str) -> bool:
        return keyword in text or _collapse(keyword) in collapsed

    return all(map(found, template.keywords)) and not any(map(found, template.exclude_keywords))


def prepare_text(options: Options, text: str) -> str:
    """The text as the template's options want it (as invoice2data's prepare_input)."""
    if options.remove_whitespace:
        text = re.sub(" +", "", text)
    if options.remove_accents:
        text = re.sub("[\u0300-\u0362]", "", unicodedata.normalize("NFKD", text))
    if options.lowercase:
        text = text.lower()
    for pattern, replacement in options.replace:
        text = pattern.sub(replacement, text)
    return text


@dataclass(frozen=True)
class _Doc:
    text: str
    options: Options
    decimal_comma: bool | None
    date_order: DateOrder


def _date(raw: str, doc: _Doc) -> dt.date | None:
    text = " ".join(raw.split())
    for fmt in doc.options.date_formats:
        with suppress(ValueError):
            return dt.datetime.strptime(text, fmt).date()
    order: DateOrder = "mdy" if (doc.options.date_order or doc.date_order) == "mdy" else "dmy"
    if (date := parse_date(text, order)) is not None:
        return date
    import dateparser  # slow to import; only for month names our table does not know

    found = dateparser.parse(
        text,
        languages=list(doc.options.languages) or None,
        settings={
            "DATE_ORDER": order.upper(),
            "PARSERS": ["custom-formats", "absolute-time"],
            "REQUIRE_PARTS": ["day", "month", "year"],
        },
    )
    return found.date() if found is not None else None


def _currency(raw: str) -> str | None:
    code = raw.strip().upper()
    return code if code in CURRENCY_CODES else detect_currency(raw)


def _normalise(target: str, raw: str, doc: _Doc) -> Any:
    """``raw`` in our form for ``target``: a date, a Decimal or a string; None if it is not
    one."""
    if target in DATES:
        return _date(raw, doc)
    if target in MONEY:
        return parse_money(raw, doc.decimal_comma)
    if target in IDS:
        return clean_id(raw) or None
    if target == "currency":
        return _currency(raw)
    return " ".join(raw.split()) or None


def _out(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format_money(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _found(rule: Rule, text: str) -> list[str]:
    """What the rule's regexes capture, after its ``replace`` and ``extract_number``."""
    if rule.static is not None:
        return [rule.static]
    values = []
    for regex in rule.regexes:
        for value in regex.findall(text):
            for pattern, replacement in rule.replace:
                value = pattern.sub(replacement, value)
            if rule.extract_number and (m := _NUMBER.search(value)):
                value = m.group()
            if value.strip():
                values.append(value.strip())
    return values


def _pick(rule: Rule, target: str, raws: list[str], doc: _Doc) -> tuple[Any, str, float] | None:
    """The field's value, the text it came from and a confidence, applying ``group``."""
    if rule.group == "join" and raws:
        raws = [" ".join(raws)]
    pairs = [(v, raw) for raw in raws if (v := _normalise(target, raw, doc)) is not None]
    if not pairs:
        return None
    if rule.group == "sum" and target in MONEY:
        return sum((v for v, _ in pairs), Decimal(0)), " + ".join(r for _, r in pairs), 0.9
    if rule.group in ("min", "max") and target in MONEY | DATES:
        choose: Callable[..., tuple[Any, str]] = min if rule.group == "min" else max
        value, raw = choose(pairs, key=lambda p: p[0])
        return value, raw, 0.9
    value, raw = pairs[-1] if rule.group == "last" else pairs[0]
    agree = rule.group is not None or len({v for v, _ in pairs}) == 1
    return value, raw, 0.95 if agree else 0.75


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


def _line_rows(rule: LineRule, text: str) -> list[dict[str, str]]:
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


def _item(row: dict[str, str], doc: _Doc) -> dict[str, Any] | None:
    got = {ours: next((row[k] for k in names if row.get(k)), None) for ours, names in ITEM_KEYS}
    numbers = {k: parse_money(got[k] or "", doc.decimal_comma) for k in ITEM_KEYS_NUMERIC}
    if not got["description"] and all(v is None for v in numbers.values()):
        return None
    qty = numbers["quantity"]
    return {
        "description": " ".join((got["description"] or "").split()),
        "code": got["code"],
        "quantity": format(qty.normalize(), "f") if qty is not None else None,
        "unit": got["unit"],
        "unit_price": _out(numbers["unit_price"]),
        "amount": _out(numbers["amount"]),
        "box": None,
    }


def _fields(template: Template, doc: _Doc) -> tuple[dict[str, tuple[Any, str, float]], set[str]]:
    """Our fields (value, raw text, confidence) and the names of invoice2data's fields
    that were found (for ``required_fields``)."""
    out: dict[str, tuple[Any, str, float]] = {"vendor": (template.issuer, "issuer", 0.9)}
    present = {"issuer", "currency"}  # invoice2data always has them
    if template.options.currency and (code := _currency(template.options.currency)):
        out["currency"] = (code, "options.currency", 0.9)
    for rule in template.rules:
        target = FIELD_NAMES.get(rule.name, rule.name if rule.name in OURS else None)
        if rule.lines:
            rows = [r for lr in rule.lines for r in _line_rows(lr, doc.text)]
            items = [i for r in rows if (i := _item(r, doc)) is not None]
            if items and target == "line_items":
                out[target] = (items, f"{len(items)} lines", 0.9)
            if items:
                present.add(rule.name)
            continue
        raws = _found(rule, doc.text)
        if target is None or target == "line_items":
            if raws:
                present.add(rule.name)
            continue
        if (picked := _pick(rule, target, raws, doc)) is not None:
            out[target] = picked
            present.add(rule.name)
    return out, present


def run_template(template: Template, text: str) -> tuple[dict[str, Field], set[str]]:
    """The fields ``template`` reads from ``text`` (ours, as :class:`Field`s with source
    "template"), and the required fields it did not find."""
    prepared = prepare_text(template.options, text)
    decimal_comma = template.options.decimal_comma
    if decimal_comma is None:
        decimal_comma = guess_decimal_comma(prepared)
    doc = _Doc(prepared, template.options, decimal_comma, guess_date_order(prepared))
    values, present = _fields(template, doc)
    fields = {
        name: Field(_out(value), confidence, "template", raw=f"{template.name}: {raw}"[:300])
        for name, (value, raw, confidence) in values.items()
    }
    return fields, set(template.required) - present
