"""Cost against plan for one product: per vendor and buying chain (estimate -> purchase
order -> invoice), the unit price each document gives the product, and how far the
invoice's is from the estimate's (in money and in percent: ``6.25`` for +6.25 %).

A chain is held together by references: an order names its quote (``quote_number``), an
invoice was matched to its order (:mod:`intake.filing.matching.orders`), else names it by PO
number. Numbers are compared as :func:`intake.keys.number_key` compares them, within one
vendor. A quote nobody ordered, or an invoice for no known order, is a chain of its own.
Duplicates count for nothing. A document with several lines of the product gives their
average unit price (amounts over quantities).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.db.models import Document, LineItem, Vendor
from intake.db.products import OrderMatch
from intake.keys import number_key

__all__ = ["CostRow", "Priced", "costs_json", "product_costs"]

_PRICE = Decimal("0.0001")


@dataclass(frozen=True)
class Priced:
    """One document's unit price for the product."""

    id: int
    number: str | None
    unit_price: Decimal
    currency: str | None
    issue_date: dt.date | None


@dataclass(frozen=True)
class CostRow:
    vendor: str | None
    currency: str | None
    estimate: Priced | None
    order: Priced | None
    invoice: Priced | None

    @property
    def invoice_vs_estimate(self) -> Decimal | None:
        """The invoice's unit price less the estimate's (same currency only)."""
        if self.estimate is None or self.invoice is None:
            return None
        if self.estimate.currency and self.invoice.currency:
            if self.estimate.currency != self.invoice.currency:
                return None
        return self.invoice.unit_price - self.estimate.unit_price

    @property
    def invoice_vs_estimate_pct(self) -> float | None:
        diff = self.invoice_vs_estimate
        if diff is None or self.estimate is None or not self.estimate.unit_price:
            return None
        return float(round(diff / self.estimate.unit_price * 100, 2))


def _unit_price(lines: list[LineItem]) -> Decimal | None:
    prices = [ln.unit_price for ln in lines if ln.unit_price is not None]
    if len(lines) == 1 and prices:
        return prices[0]
    counted = [ln for ln in lines if ln.quantity and ln.amount is not None]
    quantity = sum((ln.quantity for ln in counted if ln.quantity), Decimal(0))
    if quantity:
        amount = sum((ln.amount for ln in counted if ln.amount is not None), Decimal(0))
        exact = (amount / quantity).quantize(_PRICE)
        cents = exact.quantize(Decimal("0.01"))
        return cents if cents == exact else exact
    return prices[0] if prices else None


def _priced(session: Session, product_id: int) -> dict[str, dict[int, tuple[Document, Priced]]]:
    rows = session.execute(
        select(LineItem, Document)
        .join(Document, Document.id == LineItem.document_id)
        .where(LineItem.product_id == product_id, Document.duplicate_of_id.is_(None))
        .order_by(Document.id, LineItem.position)
    )
    lines: dict[int, list[LineItem]] = defaultdict(list)
    docs: dict[int, Document] = {}
    for line, doc in rows:
        lines[doc.id].append(line)
        docs[doc.id] = doc
    out: dict[str, dict[int, tuple[Document, Priced]]] = defaultdict(dict)
    for doc_id, doc in docs.items():
        price = _unit_price(lines[doc_id])
        if price is None or doc.doc_type not in ("estimate", "purchase_order", "invoice"):
            continue
        priced = Priced(doc.id, doc.number, price, doc.currency, doc.issue_date)
        out[doc.doc_type or ""][doc_id] = (doc, priced)
    return out


def _by_number(docs: dict[int, tuple[Document, Priced]]) -> dict[tuple[int | None, str], int]:
    return {
        (doc.vendor_id, key): doc_id
        for doc_id, (doc, _) in docs.items()
        if (key := number_key(doc.number or ""))
    }


def product_costs(session: Session, product_id: int) -> list[CostRow]:
    """The product's cost rows, by vendor, then by date."""
    priced = _priced(session, product_id)
    estimates, orders, invoices = (
        priced.get("estimate", {}),
        priced.get("purchase_order", {}),
        priced.get("invoice", {}),
    )
    quote_ids, order_ids = _by_number(estimates), _by_number(orders)
    matched_to = dict(
        session.execute(
            select(OrderMatch.document_id, OrderMatch.order_id).where(
                OrderMatch.document_id.in_(list(invoices)), OrderMatch.order_id.is_not(None)
            )
        ).all()
    )
    vendor_ids = {doc.vendor_id for group in priced.values() for doc, _ in group.values()}
    names = dict(
        session.execute(
            select(Vendor.id, Vendor.name).where(Vendor.id.in_([v for v in vendor_ids if v]))
        ).all()
    )

    def quote_of(doc: Document) -> Priced | None:
        key = number_key(doc.quote_number or "")
        found = quote_ids.get((doc.vendor_id, key)) if key else None
        return estimates[found][1] if found is not None else None

    rows: list[tuple[int | None, CostRow]] = []
    used_quotes: set[int] = set()
    used_invoices: set[int] = set()
    for order_id, (order, order_price) in orders.items():
        estimate = quote_of(order)
        if estimate is not None:
            used_quotes.add(estimate.id)
        billed: list[int | None] = [
            inv_id
            for inv_id, (inv, _) in invoices.items()
            if matched_to.get(inv_id) == order_id
            or (
                inv_id not in matched_to
                and order_ids.get((inv.vendor_id, number_key(inv.po_number or ""))) == order_id
            )
        ]
        for inv_id in billed or [None]:
            invoice = invoices[inv_id][1] if inv_id is not None else None
            if inv_id is not None:
                used_invoices.add(inv_id)
            currency = (invoice or order_price).currency or (
                estimate.currency if estimate else None
            )
            rows.append((order.vendor_id, CostRow(None, currency, estimate, order_price, invoice)))
    for inv_id, (inv, invoice) in invoices.items():
        if inv_id in used_invoices:
            continue
        estimate = quote_of(inv)
        if estimate is not None:
            used_quotes.add(estimate.id)
        rows.append((inv.vendor_id, CostRow(None, invoice.currency, estimate, None, invoice)))
    for quote_id, (quote, estimate) in estimates.items():
        if quote_id not in used_quotes:
            rows.append((quote.vendor_id, CostRow(None, estimate.currency, estimate, None, None)))

    def first_date(row: CostRow) -> dt.date:
        dates = [p.issue_date for p in (row.estimate, row.order, row.invoice) if p and p.issue_date]
        return min(dates) if dates else dt.date.max

    named = [
        CostRow(
            names.get(vendor_id) if vendor_id else None, r.currency, r.estimate, r.order, r.invoice
        )
        for vendor_id, r in rows
    ]
    return sorted(named, key=lambda r: ((r.vendor or "~").casefold(), first_date(r)))


def _priced_json(p: Priced | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {"id": p.id, "number": p.number, "unit_price": str(p.unit_price)}


def costs_json(sku: str, rows: list[CostRow]) -> dict[str, Any]:
    """As ``intake products costs SKU --json`` prints it."""
    return {
        "sku": sku,
        "rows": [
            {
                "vendor": r.vendor,
                "currency": r.currency,
                "estimate": _priced_json(r.estimate),
                "order": _priced_json(r.order),
                "invoice": _priced_json(r.invoice),
                "invoice_vs_estimate": (
                    str(r.invoice_vs_estimate) if r.invoice_vs_estimate is not None else None
                ),
                "invoice_vs_estimate_pct": r.invoice_vs_estimate_pct,
            }
            for r in rows
        ],
    }
