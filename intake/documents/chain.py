"""The buying chain: estimate -> purchase order -> (the seller's order confirmation) ->
invoice, found through the quote and PO numbers each document refers to; and duplicates
(``documents.duplicate_of_id``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from intake.db.models import Document, Vendor

__all__ = ["CHAIN_ORDER", "LinkedDoc", "chain_of", "duplicates_of"]

#: Where each document type stands in the buying chain.
CHAIN_ORDER = {"estimate": 0, "purchase_order": 1, "order_confirmation": 2, "invoice": 3}
#: The field that holds a reference to the document one step up the chain.
REFERENCES = {"purchase_order": "po_number", "estimate": "quote_number"}
CHAIN_LIMIT = 50


@dataclass(frozen=True)
class LinkedDoc:
    id: int
    relation: str
    doc_type: str | None
    number: str | None
    vendor: str | None
    issue_date: dt.date | None
    total: Decimal | None
    currency: str | None


def _linked(session: Session, where: Any, relation: str, exclude: set[int]) -> list[LinkedDoc]:
    stmt = (
        select(
            Document.id,
            Document.doc_type,
            Document.number,
            Vendor.name,
            Document.issue_date,
            Document.total,
            Document.currency,
        )
        .outerjoin(Vendor, Vendor.id == Document.vendor_id)
        .where(where)
        .limit(CHAIN_LIMIT)
    )  # no ORDER BY: SQLite would scan the date index to avoid sorting a handful of rows
    out = []
    for row in sorted(session.execute(stmt), key=lambda r: (r[4] or dt.date.min, r[0])):
        if row[0] not in exclude:
            exclude.add(row[0])
            out.append(LinkedDoc(row[0], relation, *row[1:]))
    return out


def chain_of(session: Session, doc: Document) -> list[LinkedDoc]:
    """The documents before and after this one in the buying chain, found through the
    quote and PO numbers each refers to, in chain order."""
    seen = {doc.id}
    found: list[LinkedDoc] = []
    # Up: the documents whose own number this one refers to, then theirs.
    frontier = [(doc.po_number, doc.quote_number)]
    for _ in range(2):
        next_frontier = []
        for po, quote in frontier:
            for doc_type, number in (("purchase_order", po), ("estimate", quote)):
                if not number:
                    continue
                where = (Document.doc_type == doc_type) & (Document.number == number)
                for linked in _linked(session, where, "refers to", seen):
                    found.append(linked)
                    row = session.get(Document, linked.id)
                    if row is not None:
                        next_frontier.append((row.po_number, row.quote_number))
        frontier = next_frontier
    # Down: the documents that refer to this one's number, then to theirs.
    numbers: list[tuple[str | None, str | None]] = [(doc.doc_type, doc.number)]
    for _ in range(2):
        next_numbers: list[tuple[str | None, str | None]] = []
        for kind, own_number in numbers:
            column = REFERENCES.get(kind or "")
            if not own_number or column is None:
                continue
            where = getattr(Document, column) == own_number
            for linked in _linked(session, where, "refers to this", seen):
                found.append(linked)
                next_numbers.append((linked.doc_type, linked.number))
        numbers = next_numbers
    return sorted(found, key=_chain_key)


def _chain_key(d: LinkedDoc) -> tuple[int, dt.date]:
    return CHAIN_ORDER.get(d.doc_type or "", len(CHAIN_ORDER)), d.issue_date or dt.date.min


def duplicates_of(session: Session, doc: Document) -> list[LinkedDoc]:
    seen = {doc.id}
    where = Document.duplicate_of_id == doc.id
    if doc.duplicate_of_id is not None:
        where = or_(where, Document.id == doc.duplicate_of_id)
    out = _linked(session, where, "duplicate", seen)
    return [
        LinkedDoc(d.id, "original" if d.id == doc.duplicate_of_id else "duplicate", *_rest(d))
        for d in out
    ]


def _rest(d: LinkedDoc) -> tuple[Any, ...]:
    return (d.doc_type, d.number, d.vendor, d.issue_date, d.total, d.currency)
