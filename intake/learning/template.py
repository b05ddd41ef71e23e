"""A vendor's learned rules as an invoice2data template (YAML), to take them elsewhere.

invoice2data reads ``pdftotext -layout`` text with regexes, so each rule becomes one:

* a value beside its label: the label as printed, then the value in its learned format
  (``Beleg-Nr.: RE-0042`` -> ``Beleg-Nr\\.[\\s:#.-]*([^\\W\\d_]+-\\d+)``);
* a value below its label (a box, a column): the first value of that format on the lines
  just after the label's line;
* the vendor's usual currency: ``options.currency``.

A value found only by its place on the page has no regex equivalent: such rules are left
out and named in a comment, as are fields invoice2data has no name for (the buyer: its
``partner_name`` is the issuer). ``keywords`` are words of the vendor's letterhead (invoice2data
needs them all in a document to pick the template), ``required_fields`` the fields the
template reads, so that a document missing one of them does not fail the whole template.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.db.learning import LearnedRule
from intake.db.models import Document, Vendor
from intake.db.persist import load_pages
from intake.learning.formats import shape_of
from intake.values import DATE, FIELD_KINDS, MONEY, TEXT

__all__ = ["INVOICE2DATA_NAMES", "vendor_template"]

#: Our field names as invoice2data names them.
INVOICE2DATA_NAMES = {
    "issue_date": "date",
    "due_date": "date_due",
    "total": "amount",
    "subtotal": "amount_untaxed",
    "tax": "amount_tax",
    "invoice_number": "invoice_number",
    "po_number": "po_number",
    "quote_number": "quote_number",
    "valid_until": "valid_until",
}
_SEP = r"[\s:#.-]*"
#: Our names invoice2data's field vocabulary (its ``schema.INVOICE_FIELDS``) lacks.
_NOT_CANONICAL = frozenset({"po_number", "quote_number", "valid_until"})


def _value_regex(rule: LearnedRule) -> str:
    kind = FIELD_KINDS.get(rule.field, TEXT)
    raw = str(rule.data.get("raw") or "")
    if kind == MONEY:  # digits, separators, thousands parted by single spaces
        return r"(-?\d[\d.,']*(?: \d{3}[\d.,']*)*)"
    if kind == DATE or rule.field.endswith("_number"):
        return f"({shape_of(raw)})"
    return r"(\S[^\n]*?)(?=\s{2,}|\n|\Z)"


def _label_regex(rule: LearnedRule) -> str:
    printed = str(rule.data.get("printed") or rule.label or "")
    return r"\s+".join(re.escape(w) for w in printed.split())


def _date_format(raw: str, order: str) -> str | None:
    """The strptime format of a numeric date as written (``03.04.2024`` -> ``%d.%m.%Y``)."""
    m = re.fullmatch(r"(\d{1,2})([./-])(\d{1,2})\2(\d{2}|\d{4})", raw.strip())
    if not m:
        return None
    year = "%Y" if len(m[4]) == 4 else "%y"
    first, second = ("%m", "%d") if order == "mdy" else ("%d", "%m")
    return f"{first}{m[2]}{second}{m[2]}{year}"


def _keywords(session: Session, vendor: Vendor, rules: list[LearnedRule]) -> list[str]:
    """Letterhead words of the document the rules were taught on (the vendor's name when
    none can be read)."""
    for rule in rules:
        doc = session.get(Document, rule.document_id) if rule.document_id else None
        if doc is None or not doc.pages:
            continue
        page = load_pages(doc)[0]
        top = [w for w in page.words if w.top < page.height / 8] or [
            w for line in page.lines[:1] for w in line
        ]
        words = [w.text for w in top if w.text.isalpha() and len(w.text) > 2]
        if words:
            return sorted(set(words), key=lambda w: (-len(w), w))[:2]
    return [vendor.name]


def vendor_template(session: Session, vendor: Vendor) -> str:
    """The vendor's active learned rules as invoice2data YAML."""
    rules = [
        r
        for r in session.scalars(
            select(LearnedRule)
            .where(LearnedRule.vendor_id == vendor.id)
            .order_by(LearnedRule.misses - LearnedRule.hits, LearnedRule.id)
        )
        if r.hits > r.misses
    ]
    fields: dict[str, Any] = {}
    options: dict[str, Any] = {"remove_whitespace": False}
    skipped: list[str] = []
    date_formats: list[str] = []
    for rule in rules:
        name = INVOICE2DATA_NAMES.get(rule.field)
        if rule.field == "currency" and rule.kind == "value":
            options.setdefault("currency", str(rule.data.get("value")))
            continue
        if name is None or name in fields or rule.kind not in ("label", "value"):
            if rule.kind == "page" or name is None:
                skipped.append(f"rule {rule.id} ({rule.field}, {rule.kind})")
            continue
        if rule.kind == "value":
            fields[name] = {"parser": "static", "value": str(rule.data.get("value"))}
            continue
        label, value = _label_regex(rule), _value_regex(rule)
        if rule.data.get("side") == "below":
            # the value is the n-th cell (parted by two spaces or more) of a line below
            cells = int(rule.data.get("cell") or 0)
            skip = r"[ \t]*" + r"(?:\S+(?: \S+)*[ \t]{2,})" * cells
            regex = label + r"[^\n]*\n(?:[^\n]*\n){0,3}?" + skip + value
        elif FIELD_KINDS.get(rule.field, TEXT) == MONEY:  # a currency sign may stand between
            regex = label + r"[^\d\n]{0,60}?" + value
        else:
            regex = label + _SEP + value
        spec: dict[str, Any] = {"parser": "regex", "regex": regex}
        kind = FIELD_KINDS.get(rule.field, TEXT)
        if kind == DATE:
            spec["type"] = "date"
            fmt = _date_format(str(rule.data.get("raw") or ""), str(rule.data.get("order")))
            if fmt and fmt not in date_formats:
                date_formats.append(fmt)
        elif kind == MONEY:
            spec["type"] = "float"
            if rule.data.get("decimal_comma") or re.search(
                r",\d{2}(?!\d)", str(rule.data.get("raw") or "")
            ):
                options["decimal_separator"] = ","
        fields[name] = spec
    if date_formats:
        options["date_formats"] = date_formats
    if extra := sorted(set(fields) & _NOT_CANONICAL):
        options["extra_fields"] = extra  # ours, not in invoice2data's vocabulary
    template: dict[str, Any] = {
        "issuer": vendor.name,
        "keywords": _keywords(session, vendor, rules),
        "fields": fields,
        "options": options,
        "required_fields": sorted(fields),
    }
    header = f"# invoice2data template learned by Intake for {vendor.name}\n"
    if skipped:
        header += "# left out (found by place on the page, no regex): " + ", ".join(skipped) + "\n"
    return header + yaml.safe_dump(template, allow_unicode=True, sort_keys=False)
