"""What was invoiced, summed per vendor, product or month.

Per vendor and per month the invoices' totals are summed; per product, the amounts of
the invoice lines linked to it (lines without a product are summed under ``(no
product)``). Duplicates count for nothing. Without a currency every sum stays in its own
currency (one row per key and currency); with one, each amount is converted at the rate
of its invoice's issue date (:mod:`intake.filing.rates`), and what no rate converts stays
in its own currency, in a row of its own, and is reported.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.db.models import Document, LineItem, Product, Vendor
from intake.filing.rates import Rates

__all__ = ["GROUPINGS", "Spend", "SpendRow", "spend", "spend_json"]

GROUPINGS = ("vendor", "product", "month")
NO_VENDOR, NO_PRODUCT, UNDATED = "(no vendor)", "(no product)", "(undated)"


@dataclass(frozen=True)
class SpendRow:
    key: str
    currency: str | None
    total: Decimal
    documents: int


@dataclass(frozen=True)
class Spend:
    rows: tuple[SpendRow, ...]
    unconverted: tuple[int, ...]  # documents whose amounts no rate converted


def _amounts(
    session: Session, by: str, since: dt.date | None
) -> Iterator[tuple[str, int, Decimal, str | None, dt.date | None]]:
    """(key, document id, amount, currency, issue date) of every invoiced amount."""
    where = [Document.doc_type == "invoice", Document.duplicate_of_id.is_(None)]
    if since is not None:
        where.append(Document.issue_date >= since)
    if by == "product":
        rows = session.execute(
            select(
                Product.sku, Document.id, LineItem.amount, Document.currency, Document.issue_date
            )
            .join(Document, Document.id == LineItem.document_id)
            .outerjoin(Product, Product.id == LineItem.product_id)
            .where(*where, LineItem.amount.is_not(None))
        )
        for sku, doc_id, amount, currency, day in rows:
            if amount is not None:
                yield sku or NO_PRODUCT, doc_id, amount, currency, day
        return
    docs = session.execute(
        select(Vendor.name, Document.id, Document.total, Document.currency, Document.issue_date)
        .outerjoin(Vendor, Vendor.id == Document.vendor_id)
        .where(*where, Document.total.is_not(None))
    )
    for vendor, doc_id, total, currency, day in docs:
        if total is None:
            continue
        key = (
            (vendor or NO_VENDOR) if by == "vendor" else (day.strftime("%Y-%m") if day else UNDATED)
        )
        yield key, doc_id, total, currency, day


def spend(
    session: Session,
    *,
    by: str = "vendor",
    since: dt.date | None = None,
    currency: str | None = None,
    rates: Rates | None = None,
) -> Spend:
    if by not in GROUPINGS:
        raise ValueError(f"spend is grouped by one of {', '.join(GROUPINGS)}")
    target = currency.upper() if currency else None
    totals: dict[tuple[str, str | None], Decimal] = defaultdict(Decimal)
    docs: dict[tuple[str, str | None], set[int]] = defaultdict(set)
    unconverted: set[int] = set()
    for key, doc_id, amount, cur, day in _amounts(session, by, since):
        cur = cur.upper() if cur else None
        if target is not None:
            value = amount if cur == target else None
            if value is None and rates is not None:
                value = rates.convert(amount, cur, target, day)
            if value is None:
                unconverted.add(doc_id)
            else:
                amount, cur = value, target
        totals[(key, cur)] += amount
        docs[(key, cur)].add(doc_id)
    rows = [SpendRow(k, c, total, len(docs[(k, c)])) for (k, c), total in totals.items()]
    if by == "month":
        rows.sort(key=lambda r: (r.key, r.currency or ""))
    else:
        rows.sort(key=lambda r: (r.currency != target, r.currency or "", -r.total, r.key))
    return Spend(tuple(rows), tuple(sorted(unconverted)))


def spend_json(row: SpendRow) -> dict[str, Any]:
    return {
        "key": row.key,
        "currency": row.currency,
        "total": str(row.total.quantize(Decimal("0.01"))),
        "documents": row.documents,
    }
