"""Order confirmations against the purchase orders they confirm.

A seller confirms our purchase order with an order confirmation (``doc_type``
``order_confirmation``) that names the order by its PO number. It is filed against that
order as an invoice is (:func:`intake.filing.matching.orders.find_order`): the order with
that number (compared as :func:`intake.keys.number_key`), of the same vendor when there is
one, else any with that number. The latest confirmation of an order (by issue date, then
by filing) is what the seller promised last: its delivery date is the date the order is
expected on.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.db.models import Document

__all__ = ["Confirmation", "confirmations"]


@dataclass(frozen=True)
class Confirmation:
    id: int
    number: str | None
    issue_date: dt.date | None
    delivery_date: dt.date | None


def confirmations(session: Session) -> dict[int, Confirmation]:
    """The latest confirmation of each purchase order that has one, by the order's id."""
    orders: dict[str, list[tuple[int, int | None]]] = defaultdict(list)
    for order_id, key, vendor_id in session.execute(
        select(Document.id, Document.number_key, Document.vendor_id).where(
            Document.doc_type == "purchase_order",
            Document.duplicate_of_id.is_(None),
            Document.number_key.is_not(None),
        )
    ):
        if key:
            orders[key].append((order_id, vendor_id))
    found: dict[int, Confirmation] = {}
    rows = session.execute(
        select(
            Document.id,
            Document.number,
            Document.vendor_id,
            Document.po_number_key,
            Document.issue_date,
            Document.delivery_date,
        )
        .where(
            Document.doc_type == "order_confirmation",
            Document.duplicate_of_id.is_(None),
            Document.po_number_key.is_not(None),
        )
        .order_by(Document.id)
    )
    for doc_id, number, vendor_id, key, issued, delivery in rows:
        pool = orders.get(key or "")
        if not pool:
            continue
        order_id = min(pool, key=lambda o: (o[1] != vendor_id, o[0]))[0]
        latest = found.get(order_id)
        if latest is None or (issued or dt.date.min) >= (latest.issue_date or dt.date.min):
            found[order_id] = Confirmation(doc_id, number, issued, delivery)
    return found
