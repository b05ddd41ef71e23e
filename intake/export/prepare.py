"""Preparing a filed document for export: its coding, its amounts, and what it lacks.

``prepare_document`` either returns an :class:`ExportDoc` whose numbers add up, or the
reasons it cannot be exported (no account code, no number, totals that disagree, ...).
Nothing is guessed: a value the target needs and the document lacks is a reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from intake.db.export import ExportRule
from intake.db.models import Document, LineItem
from intake.export.base import CENT, ExportDoc, ExportLine
from intake.export.sender import read_sender

__all__ = [
    "Coding",
    "Prepared",
    "document_amounts",
    "format_reasons",
    "prepare_document",
    "rate_of",
    "spread_tax",
]

ZERO = Decimal(0)


@dataclass(frozen=True)
class Prepared:
    """The outcome for one document: ``doc`` when it can be exported, else ``reasons``."""

    doc: ExportDoc | None
    reasons: tuple[str, ...] = ()


class Coding:
    """The coding rules (account, tax code, vendor details), looked up by vendor or category.

    A line's product category is the more specific rule, so it wins over the vendor's; each
    of account and tax code is looked up on its own, so a category may set only one.
    """

    def __init__(self, rules: Iterable[ExportRule]) -> None:
        self.by_vendor: dict[int, ExportRule] = {}
        self.by_category: dict[str, ExportRule] = {}
        for rule in rules:
            if rule.vendor_id is not None:
                self.by_vendor[rule.vendor_id] = rule
            elif rule.category:
                self.by_category[rule.category.casefold()] = rule

    def vendor_rule(self, doc: Document) -> ExportRule | None:
        return self.by_vendor.get(doc.vendor_id) if doc.vendor_id is not None else None

    def line_values(self, doc: Document, line: LineItem | None) -> tuple[str | None, str | None]:
        """(account, tax code) of a line; ``line=None`` for the document as a whole."""
        rules: list[ExportRule] = []
        category = line.product.category if line is not None and line.product else None
        if category and (cat_rule := self.by_category.get(category.casefold())):
            rules.append(cat_rule)
        if vendor_rule := self.vendor_rule(doc):
            rules.append(vendor_rule)
        account = next((r.account for r in rules if r.account), None)
        tax_code = next((r.tax_code for r in rules if r.tax_code), None)
        return account, tax_code


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT)


def document_amounts(doc: Document) -> tuple[Decimal, Decimal, Decimal] | str:
    """(subtotal, tax, total) of a document, completed from each other, or why not."""
    total, tax, subtotal = doc.total, doc.tax, doc.subtotal
    if total is None:
        if subtotal is None:
            return "no total"
        total = subtotal + (tax or ZERO)
    if subtotal is None:
        subtotal = total - (tax or ZERO)
    if tax is None:
        tax = total - subtotal
    subtotal, tax, total = _cents(subtotal), _cents(tax), _cents(total)
    if subtotal + tax != total:
        return f"subtotal {subtotal} + tax {tax} is not the total {total}"
    return subtotal, tax, total


def _unit_split(line: LineItem, amount: Decimal) -> tuple[Decimal, Decimal]:
    """Quantity and unit price whose product is exactly ``amount`` (else 1 x amount)."""
    qty, price = line.quantity, line.unit_price
    if qty is not None and price is not None and qty != 0 and qty * price == amount:
        return qty, price
    return Decimal(1), amount


_RATE = re.compile(r"(?<![\d.,])(\d{1,2}(?:[.,]\d{1,3})?)\s*%")


def rate_of(tax_code: str) -> Decimal | None:
    """The VAT rate a tax code names ("20% (VAT on Expenses)" -> 20), else None."""
    m = _RATE.search(tax_code)
    return Decimal(m.group(1).replace(",", ".")) if m else None


def _settle(shares: list[Decimal], weights: list[Decimal], tax: Decimal) -> list[Decimal]:
    """``shares`` rounded to cents and adjusted, a cent at a time, to add up to ``tax``:
    the cents go to the lines with the largest weight (never to a line of weight 0), so
    no rounding remainder lands on an empty line."""
    rounded = [_cents(x) for x in shares]
    diff = tax - sum(rounded, ZERO)
    order = sorted((i for i, w in enumerate(weights) if w), key=lambda i: -abs(weights[i]))
    if not order:
        order = list(range(len(shares)))
    step = CENT if diff > 0 else -CENT
    k = 0
    while diff != 0 and order:
        rounded[order[k % len(order)]] += step
        diff -= step
        k += 1
    return rounded


def _one_rate(subtotal: Decimal, tax: Decimal) -> Decimal | None:
    """The one VAT rate (VAT rates have at most one decimal) of which ``tax`` is the
    subtotal's share, to the cent; None when there is none (a blend of two rates)."""
    if tax == 0:
        return ZERO
    if subtotal == 0:
        return None
    rate = (tax * 100 / subtotal).quantize(Decimal("0.1"))
    return rate if abs(_cents(subtotal * rate / 100) - tax) <= CENT else None


def spread_tax(
    amounts: list[Decimal], codes: list[str], subtotal: Decimal, tax: Decimal
) -> tuple[list[Decimal], list[Decimal | None], str]:
    """Each line's tax, each line's rate, and why the tax disagrees with the rates ("").

    With the rates the tax codes name (or the document's one rate, when they name none),
    a line's tax is its amount at its rate; the document's tax is the total, and a
    rounding difference of up to a cent a line is settled on the largest taxed lines.
    A tax that disagrees with the named rates, or rates that are unknown, leave the tax
    shared in proportion to the amounts (which is all a CSV row or an IIF bill needs).
    """
    n = len(amounts)
    named = [rate_of(code) for code in codes]
    rates: list[Decimal | None]
    if all(r is not None for r in named):
        rates = list(named)
    else:
        single = _one_rate(subtotal, tax)
        rates = [single] * n if all(r in (None, single) for r in named) else [None] * n
    mismatch = ""
    if all(r is not None for r in rates):
        exact = [a * (r or ZERO) / 100 for a, r in zip(amounts, rates, strict=True)]
        computed = sum((_cents(x) for x in exact), ZERO)
        if abs(computed - tax) <= CENT * n and (tax == computed or any(exact)):
            return _settle(exact, exact, tax), rates, ""
        shown = ", ".join(sorted({f"{r.normalize():f} %" for r in rates if r is not None}))
        mismatch = f"tax {tax} is not {computed} at the rates of its tax codes ({shown})"
        rates = [None] * n
    if subtotal == 0:
        shares = [tax] + [ZERO] * (n - 1) if n else []
    else:
        shares = [tax * a / subtotal for a in amounts]
    return _settle(shares, amounts, tax), rates, mismatch


def prepare_document(doc: Document, coding: Coding, *, own_postcode: str = "") -> Prepared:
    """Turn a filed document into an :class:`ExportDoc`, or say what it lacks.

    ``own_postcode`` (ours) tells our address on the document from its sender's."""
    reasons: list[str] = []
    vendor = doc.vendor.name if doc.vendor else None
    if not vendor:
        reasons.append("no vendor")
    if not doc.number:
        reasons.append("no document number")
    if doc.issue_date is None:
        reasons.append("no issue date")
    amounts = document_amounts(doc)
    if isinstance(amounts, str):
        reasons.append(amounts)
        subtotal = tax = total = ZERO
    else:
        subtotal, tax, total = amounts

    # The extracted lines are used when every one has an amount and they add up to the
    # subtotal; otherwise one line carries the subtotal, so the totals stay the document's.
    items = [li for li in doc.lines if li.amount is not None]
    use_lines = (
        bool(items)
        and len(items) == len(doc.lines)
        and sum((_cents(li.amount or ZERO) for li in items), ZERO) == subtotal
    )
    sources: list[LineItem | None] = list(items) if use_lines else [None]
    line_amounts = [_cents(li.amount or ZERO) if li else subtotal for li in sources]
    doc_account, doc_tax_code = coding.line_values(doc, None)
    codes = [coding.line_values(doc, item)[1] or "" for item in sources]
    line_taxes, line_rates, mismatch = spread_tax(line_amounts, codes, subtotal, tax)
    lines: list[ExportLine] = []
    missing_account = missing_tax = False
    for position, (item, amount, line_tax, rate) in enumerate(
        zip(sources, line_amounts, line_taxes, line_rates, strict=True), start=1
    ):
        account, tax_code = coding.line_values(doc, item)
        missing_account |= not account
        missing_tax |= not tax_code
        if item is not None:
            qty, price = _unit_split(item, amount)
            description = item.description or ("" if item.code else "(line)")
        else:
            qty, price = Decimal(1), amount
            description = f"{(doc.doc_type or 'document').replace('_', ' ')} {doc.number or ''}"
        lines.append(
            ExportLine(
                position=position,
                description=description.strip(),
                code=item.code if item else None,
                quantity=qty,
                unit=item.unit if item else None,
                unit_price=price,
                amount=amount,
                tax=line_tax,
                account=account or "",
                tax_code=tax_code or "",
                rate=rate,
            )
        )
    where = f"vendor '{vendor}'" if vendor else "its vendor"
    missing = [
        what for what, gap in (("account code", missing_account), ("tax code", missing_tax)) if gap
    ]
    if missing:
        reasons.append(
            f"no {' and no '.join(missing)} (set {'it' if len(missing) == 1 else 'them'}"
            f" for {where} or its products' category)"
        )
    if reasons:
        return Prepared(None, tuple(reasons))

    rule = coding.vendor_rule(doc)
    assert vendor and doc.number and doc.issue_date
    accounts = {line.account for line in lines}
    tax_codes = {line.tax_code for line in lines}
    return Prepared(
        ExportDoc(
            id=doc.id,
            doc_type=doc.doc_type or "",
            number=doc.number,
            vendor=vendor,
            buyer=doc.buyer,
            issue_date=doc.issue_date,
            due_date=doc.due_date,
            currency=doc.currency,
            po_number=doc.po_number,
            subtotal=subtotal,
            tax=tax,
            total=total,
            account=doc_account or (accounts.pop() if len(accounts) == 1 else "(split)"),
            tax_code=doc_tax_code or (tax_codes.pop() if len(tax_codes) == 1 else "(split)"),
            lines=tuple(lines),
            original_name=doc.original_name,
            vendor_country=rule.country if rule else None,
            vendor_vat_id=rule.vat_id if rule else None,
            vendor_endpoint=rule.endpoint if rule else None,
            sender=read_sender(doc.content or "", vendor=vendor, own_postcode=own_postcode),
            tax_mismatch=mismatch,
        )
    )


def format_reasons(doc: ExportDoc, requires: frozenset[str]) -> list[str]:
    """What a format needs beyond what every format needs, and ``doc`` lacks."""
    reasons = []
    if "due_date" in requires and doc.due_date is None:
        reasons.append("no due date")
    if "currency" in requires and not doc.currency:
        reasons.append("no currency")
    if "rates" in requires and doc.tax_mismatch:
        reasons.append(f"{doc.tax_mismatch}: correct the tax or the tax codes")
    if "peppol" in requires:
        for value, what in (
            (doc.vendor_country, "country"),
            (doc.vendor_vat_id, "VAT number"),
            (doc.vendor_endpoint, "Peppol endpoint"),
        ):
            if not value:
                reasons.append(f"vendor '{doc.vendor}' has no {what} (set it with its account)")
    return reasons
