"""Running a compiled template over a document's text, the way invoice2data runs it over
``pdftotext -layout`` output, and turning what it finds into our fields and value forms.

invoice2data's names map to ours (``date`` -> ``issue_date``, ``date_due`` ->
``due_date``, ``amount`` -> ``total``, ``amount_untaxed`` -> ``subtotal``, ``amount_tax``
-> ``tax``, ``issuer`` -> ``vendor``, ``lines`` -> ``line_items``); a field already named
as ours (``po_number``, ``total``, ...) is taken as it is; every other field is ignored.
Line rows become line items in :mod:`~intake.extractors.extraction.templates.line_rows`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from intake.extractors.extraction.fields.dates import DateOrder, guess_date_order, parse_date
from intake.extractors.extraction.fields.money import (
    CURRENCY_CODES,
    detect_currency,
    format_money,
    guess_decimal_comma,
    parse_money,
)
from intake.extractors.extraction.templates.layout_text import area_text, layout_text
from intake.extractors.extraction.templates.line_rows import line_items, line_rows
from intake.extractors.extraction.templates.model import (
    Options,
    Rule,
    TableRule,
    Template,
)
from intake.record import Field, Page, Record

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
_NUMBER = re.compile(r"[-+]?\d+(?:[.,\s']\d+)*")


def template_text(record: Record) -> str:
    """The text templates run over: ``pdftotext -layout``'s, from the record's words."""
    return layout_text(record)


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
    if target in IDS:  # kept as the template captured it (a leading "#" too)
        return raw.strip() or None
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


def _typed(kind: str, raw: str, doc: _Doc) -> Any:
    if kind == "date":
        return _date(raw, doc)
    if kind in ("int", "float"):
        value = parse_money(raw, doc.decimal_comma)
        return int(value) if kind == "int" and value is not None else value
    return raw


def _table_values(rule: TableRule, doc: _Doc) -> dict[str, list[Any]] | None:
    """invoice2data's tables plugin: each body line's named groups, by name (None when a
    date in it does not read, as invoice2data then drops the table)."""
    start = rule.start.search(doc.text)
    end = rule.end.search(doc.text)
    if start is None or end is None:
        return None
    kinds = dict(rule.types)
    out: dict[str, list[Any]] = {}
    for line in rule.separator.split(doc.text[start.end() : end.start()]):
        if not line.strip() or (m := rule.body.search(line)) is None:
            continue
        for name, raw in m.groupdict().items():
            raw = raw or ""
            value: Any
            if name.startswith("date") or name.endswith("date"):
                value = _date(raw, doc)
                if value is None:
                    return None
            elif name.startswith("amount"):
                value = parse_money(raw, doc.decimal_comma)
            else:
                value = _typed(kinds[name], raw, doc) if name in kinds else raw
            out.setdefault(name, []).append(value)
    return out


def _grouped(group: str, values: list[Any]) -> list[Any]:
    values = [v for v in values if v]
    if not values:
        return values
    if group == "sum":
        return [sum(values)]
    if group in ("min", "max"):
        return [min(values) if group == "min" else max(values)]
    if group == "join":
        return [" ".join(str(v) for v in values)]
    return [values[-1] if group == "last" else values[0]]


def _tables(template: Template, doc: _Doc) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    for rule in template.tables:
        values = _table_values(rule, doc)
        if values is None:
            continue
        groups = dict(rule.groups)
        for name, got in values.items():
            found[name] = _grouped(groups[name], got) if name in groups else got
    return found


def _target(name: str) -> str | None:
    return FIELD_NAMES.get(name, name if name in OURS else None)


def _fields(
    template: Template, doc: _Doc, pages: Sequence[Page] | None
) -> tuple[dict[str, tuple[Any, str, float]], set[str]]:
    """Our fields (value, raw text, confidence) and the names of invoice2data's fields
    that were found (for ``required_fields``). ``pages`` are there for ``area`` (None
    when the document has no page geometry, as invoice2data's text input has none)."""
    out: dict[str, tuple[Any, str, float]] = {"vendor": (template.issuer, "issuer", 0.9)}
    present = {"issuer", "currency"}  # invoice2data always has them
    if template.options.currency and (code := _currency(template.options.currency)):
        out["currency"] = (code, "options.currency", 0.9)
    for rule in template.rules:
        target = _target(rule.name)
        if rule.lines:
            rows = [r for lr in rule.lines for r in line_rows(lr, doc.text)]
            items = line_items(rows, doc.decimal_comma)
            if items and target == "line_items":
                out[target] = (items, f"{len(items)} lines", 0.9)
            if rows:
                present.add(rule.name)
            continue
        text = doc.text
        if rule.area is not None and pages is not None:
            text = area_text(pages, dict(rule.area))
        raws = _found(rule, text)
        if target is None or target == "line_items":
            if raws:
                present.add(rule.name)
            continue
        if (picked := _pick(rule, target, raws, doc)) is not None:
            out[target] = picked
            present.add(rule.name)
    for name, values in _tables(template, doc).items():
        present.add(name)
        target = _target(name)
        if target is None or target == "line_items" or not values:
            continue
        if (value := _table_value(target, values[0], doc)) is not None:
            out[target] = (value, f"tables: {name}", 0.9)
    return out, present


def _table_value(target: str, value: Any, doc: _Doc) -> Any:
    """A table's value (typed already when its name or ``types`` say so) in our form."""
    if target in DATES and isinstance(value, dt.date):
        return value
    if target in MONEY and isinstance(value, Decimal | int):
        return Decimal(value)
    return _normalise(target, str(value), doc)


def run_template(
    template: Template, text: str, pages: Sequence[Page] | None = None
) -> tuple[dict[str, Field], set[str]]:
    """The fields ``template`` reads from ``text`` (ours, as :class:`Field`s with source
    "template"), and the required fields it did not find. ``pages`` serve ``area``."""
    prepared = prepare_text(template.options, text)
    decimal_comma = template.options.decimal_comma
    if decimal_comma is None:
        decimal_comma = guess_decimal_comma(prepared)
    doc = _Doc(prepared, template.options, decimal_comma, guess_date_order(prepared))
    values, present = _fields(template, doc, pages)
    fields = {
        name: Field(_out(value), confidence, "template", raw=f"{template.name}: {raw}"[:300])
        for name, (value, raw, confidence) in values.items()
    }
    return fields, set(template.required) - present
