"""The coordinator's desk: what needs attention, as lists.

* :func:`open_orders`: purchase orders not yet invoiced in full, line by line (ordered,
  invoiced, open), with their delivery date; *overdue* when that date has passed and a
  quantity is still open. A line's own delivery date (printed per line) counts for that
  line, else the order's; a seller's order confirmation of the order
  (:mod:`intake.filing.confirmations`) is shown with it, and the delivery date it
  promises replaces the order's.
* :func:`expiring_quotes`: quotes whose validity ends within some days (not those
  already expired) and that no purchase order refers to yet.
* :func:`deadlines`: every dated duty within some days: a contract's last day for notice
  or its end, a quote's expiry, an order's delivery, an invoice's payment.

What an invoice billed is what was paired with the order's lines when it was checked
against its order (:mod:`intake.filing.matching.orders`); duplicates count for nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from intake.db.models import Document, LineItem, Product, Vendor
from intake.db.products import OrderLineMatch, OrderMatch
from intake.documents.listing import quantity_text
from intake.filing.confirmations import Confirmation, confirmations
from intake.filing.contract_dates import upcoming
from intake.keys import number_key

__all__ = [
    "DEADLINE_KINDS",
    "Deadline",
    "ExpiringQuote",
    "OpenOrder",
    "OrderLine",
    "deadline_json",
    "deadlines",
    "expiring_quotes",
    "open_orders",
    "order_json",
    "quote_json",
]

DEADLINE_KINDS = ("contract_notice", "contract_end", "quote_expiry", "delivery_due", "payment_due")


@dataclass(frozen=True)
class OrderLine:
    product_sku: str | None
    description: str
    ordered: Decimal
    invoiced: Decimal
    open: Decimal
    delivery_date: dt.date | None


@dataclass(frozen=True)
class OpenOrder:
    id: int
    number: str | None
    vendor: str | None
    issue_date: dt.date | None
    delivery_date: dt.date | None
    overdue: bool
    lines: tuple[OrderLine, ...]
    currency: str | None
    total: Decimal | None
    confirmation: Confirmation | None = None


@dataclass(frozen=True)
class ExpiringQuote:
    id: int
    number: str | None
    vendor: str | None
    valid_until: dt.date
    days_left: int


@dataclass(frozen=True)
class Deadline:
    date: dt.date
    kind: str  # one of DEADLINE_KINDS
    document_id: int
    number: str | None
    vendor: str | None
    what: str


_ORDERS = (Document.doc_type == "purchase_order", Document.duplicate_of_id.is_(None))


def _invoiced(session: Session) -> tuple[dict[int, Decimal], set[int]]:
    """Quantities billed per order line, and the orders any invoice was matched to (both
    from invoices not flagged as duplicates), summed by the database."""
    billed: dict[int, Decimal] = {}
    rows = session.execute(
        select(OrderLineMatch.order_line_id, func.sum(LineItem.quantity))
        .join(LineItem, LineItem.id == OrderLineMatch.line_id)
        .join(Document, Document.id == OrderLineMatch.document_id)
        .where(OrderLineMatch.order_line_id.is_not(None), Document.duplicate_of_id.is_(None))
        .group_by(OrderLineMatch.order_line_id)
    )
    for order_line_id, quantity in rows:
        if order_line_id is not None and quantity is not None:
            billed[int(order_line_id)] = Decimal(quantity)
    matched = session.scalars(
        select(OrderMatch.order_id)
        .join(Document, Document.id == OrderMatch.document_id)
        .where(OrderMatch.order_id.is_not(None), Document.duplicate_of_id.is_(None))
        .distinct()
    )
    return billed, {int(i) for i in matched if i is not None}


def _order_lines(session: Session) -> dict[int, list[Any]]:
    """The quantified lines of every purchase order, by order, in their order."""
    rows = session.execute(
        select(
            LineItem.document_id,
            LineItem.id,
            Product.sku,
            LineItem.description,
            LineItem.quantity,
            LineItem.delivery_date,
        )
        .join(Document, Document.id == LineItem.document_id)
        .outerjoin(Product, Product.id == LineItem.product_id)
        .where(*_ORDERS, LineItem.quantity > 0)
        .order_by(LineItem.document_id, LineItem.position)
    )
    out: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        out[row[0]].append(row)
    return out


def open_orders(session: Session, today: dt.date, *, overdue_only: bool = False) -> list[OpenOrder]:
    """Purchase orders not invoiced in full, soonest delivery first (undated last)."""
    billed, matched = _invoiced(session)
    lines_of = _order_lines(session)
    confirmed = confirmations(session)
    orders = session.execute(
        select(
            Document.id,
            Document.number,
            Vendor.name,
            Document.issue_date,
            Document.delivery_date,
            Document.currency,
            Document.total,
        )
        .outerjoin(Vendor, Vendor.id == Document.vendor_id)
        .where(*_ORDERS)
    )
    out = []
    for doc_id, number, vendor, issued, delivery, currency, total in orders:
        confirmation = confirmed.get(doc_id)
        if confirmation is not None and confirmation.delivery_date is not None:
            delivery = confirmation.delivery_date  # what the seller promised
        lines = []
        for _, line_id, sku, description, quantity, line_delivery in lines_of.get(doc_id, ()):
            done = billed.get(line_id, Decimal(0))
            lines.append(
                OrderLine(
                    sku,
                    description,
                    quantity,
                    done,
                    max(quantity - done, Decimal(0)),
                    line_delivery or delivery,
                )
            )
        still_open = [ln for ln in lines if ln.open > 0]
        if lines and not still_open:
            continue
        if not lines and doc_id in matched:
            continue  # no quantities read: invoiced once is taken as done
        dates = [ln.delivery_date for ln in still_open if ln.delivery_date is not None]
        due = delivery or (min(dates) if dates else None)
        late = [d for d in dates if d < today]
        if not lines and delivery is not None and delivery < today:
            late.append(delivery)
        overdue = bool(late)
        if overdue_only and not overdue:
            continue
        out.append(
            OpenOrder(
                doc_id,
                number,
                vendor,
                issued,
                due,
                overdue,
                tuple(lines),
                currency,
                total,
                confirmation,
            )
        )
    return sorted(out, key=lambda o: (o.delivery_date or dt.date.max, o.id))


def _quote_references(session: Session) -> tuple[set[tuple[int | None, str]], set[str]]:
    """Quote numbers purchase orders refer to: per vendor, and those of orders with no
    vendor read (which may refer to any vendor's quote)."""
    per_vendor: set[tuple[int | None, str]] = set()
    anyone: set[str] = set()
    rows = session.execute(
        select(Document.vendor_id, Document.quote_number).where(
            Document.doc_type == "purchase_order",
            Document.quote_number.is_not(None),
            Document.duplicate_of_id.is_(None),
        )
    )
    for vendor_id, quote in rows:
        key = number_key(str(quote))
        if not key:
            continue
        per_vendor.add((vendor_id, key))
        if vendor_id is None:
            anyone.add(key)
    return per_vendor, anyone


def expiring_quotes(session: Session, today: dt.date, days: int) -> list[ExpiringQuote]:
    """Quotes valid until a day from ``today`` to ``today + days`` that no order refers to,
    soonest first."""
    per_vendor, anyone = _quote_references(session)
    any_vendor = {key for _, key in per_vendor}
    until = today + dt.timedelta(days=days)
    rows = session.execute(
        select(Document, Vendor.name)
        .outerjoin(Vendor, Vendor.id == Document.vendor_id)
        .where(
            Document.doc_type == "estimate",
            Document.duplicate_of_id.is_(None),
            Document.valid_until >= today,
            Document.valid_until <= until,
        )
        .order_by(Document.valid_until, Document.id)
    )
    out = []
    for doc, vendor in rows:
        key = number_key(doc.number or "")
        if key:
            if doc.vendor_id is None and key in any_vendor:
                continue
            if (doc.vendor_id, key) in per_vendor or key in anyone:
                continue
        assert doc.valid_until is not None
        out.append(
            ExpiringQuote(
                doc.id, doc.number, vendor, doc.valid_until, (doc.valid_until - today).days
            )
        )
    return out


def _money(currency: str | None, amount: Decimal | None) -> str:
    if amount is None:
        return "amount not read"
    return f"{currency or ''} {amount:,.2f}".strip()


def deadlines(
    session: Session, today: dt.date, days: int, *, ours: Callable[[str], bool] | None = None
) -> list[Deadline]:
    """Every dated duty from ``today`` to ``today + days``, soonest first. ``ours`` tells
    our company among a contract's parties: the others are its vendor."""
    until = today + dt.timedelta(days=days)
    out: list[Deadline] = []
    contracts = upcoming(session, today, days)
    vendors = dict(
        session.execute(
            select(Document.id, Vendor.name)
            .join(Vendor)
            .where(Document.id.in_([d.contract.document_id for d in contracts]))
        ).all()
    )
    for d in contracts:
        c = d.contract
        others = [p for p in c.parties if ours is None or not ours(p)]
        who = vendors.get(c.document_id) or (", ".join(others or c.parties) or None)
        if d.action == "give notice":
            what = (
                f"last day to give notice ({c.notice_period}) before the term ends"
                f" {c.end_date.isoformat() if c.end_date else '?'}"
            )
            out.append(Deadline(d.date, "contract_notice", c.document_id, c.title, who, what))
        elif d.action == "take option":
            what = (
                f"last day to take up the option to renew for {c.renewal_term} (notice"
                f" {c.notice_period}) before the term ends"
                f" {c.end_date.isoformat() if c.end_date else '?'}"
            )
            out.append(Deadline(d.date, "contract_notice", c.document_id, c.title, who, what))
        else:
            what = "the contract ends" if d.action == "ends" else "the term ends and renews"
            if c.renewal_option:
                what = f"the contract ends unless its option to renew ({c.renewal_term}) is taken"
            out.append(Deadline(d.date, "contract_end", c.document_id, c.title, who, what))
    for q in expiring_quotes(session, today, days):
        what = f"quote valid until {q.valid_until.isoformat()}, not ordered yet"
        out.append(Deadline(q.valid_until, "quote_expiry", q.id, q.number, q.vendor, what))
    for o in open_orders(session, today):
        if o.delivery_date is not None and today <= o.delivery_date <= until:
            left = ", ".join(
                f"{quantity_text(ln.open)} {ln.product_sku or ln.description[:40]}"
                for ln in o.lines
                if ln.open > 0
            )
            what = f"delivery due: {left or 'not invoiced yet'} open"
            out.append(Deadline(o.delivery_date, "delivery_due", o.id, o.number, o.vendor, what))
    invoices = session.execute(
        select(Document, Vendor.name)
        .outerjoin(Vendor, Vendor.id == Document.vendor_id)
        .where(
            Document.doc_type == "invoice",
            Document.duplicate_of_id.is_(None),
            Document.due_date >= today,
            Document.due_date <= until,
        )
    )
    for doc, vendor in invoices:
        assert doc.due_date is not None
        what = f"payment of {_money(doc.currency, doc.total)} due"
        out.append(Deadline(doc.due_date, "payment_due", doc.id, doc.number, vendor, what))
    order = {k: i for i, k in enumerate(DEADLINE_KINDS)}
    return sorted(out, key=lambda d: (d.date, order[d.kind], d.document_id))


def _s(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def order_json(o: OpenOrder) -> dict[str, Any]:
    """An open order as ``intake orders open --json`` prints it."""
    return {
        "id": o.id,
        "number": o.number,
        "vendor": o.vendor,
        "issue_date": _s(o.issue_date),
        "delivery_date": _s(o.delivery_date),
        "overdue": o.overdue,
        "confirmation": (
            {"id": c.id, "number": c.number, "delivery_date": _s(c.delivery_date)}
            if (c := o.confirmation) is not None
            else None
        ),
        "lines": [
            {
                "product_sku": ln.product_sku,
                "description": ln.description,
                "ordered": quantity_text(ln.ordered),
                "invoiced": quantity_text(ln.invoiced),
                "open": quantity_text(ln.open),
            }
            for ln in o.lines
        ],
    }


def quote_json(q: ExpiringQuote) -> dict[str, Any]:
    return {
        "id": q.id,
        "number": q.number,
        "vendor": q.vendor,
        "valid_until": q.valid_until.isoformat(),
        "days_left": q.days_left,
    }


def deadline_json(d: Deadline) -> dict[str, Any]:
    return {
        "date": d.date.isoformat(),
        "kind": d.kind,
        "document_id": d.document_id,
        "number": d.number,
        "vendor": d.vendor,
        "what": d.what,
    }
