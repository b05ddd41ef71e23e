"""Documents for scripts: ``intake documents list --json`` and ``intake documents show ID
--json``. The names of :func:`document_record` are a promise: scripts depend on them.

Amounts and quantities are decimal strings (``"471.00"``, ``"2"``: exact, as ``intake
search --json`` gives amounts), dates ISO strings, ``match_score`` a number from 0 to 1.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from intake.db.models import Document, LineItem, Vendor
from intake.db.products import OrderMatch
from intake.documents.view import load_document

__all__ = [
    "DocumentFilter",
    "document_record",
    "list_documents",
    "quantity_text",
    "show_document",
]


def quantity_text(value: Decimal | None) -> str | None:
    """A quantity as people write it: ``2``, ``2.5`` (amounts keep their cents)."""
    return None if value is None else f"{value.normalize():f}"


def _s(value: Decimal | dt.date | None) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def document_record(doc: Document, match_status: str | None) -> dict[str, Any]:
    """One document with exactly the names scripts rely on."""
    return {
        "id": doc.id,
        "file": doc.original_name,
        "doc_type": doc.doc_type,
        "number": doc.number,
        "vendor": doc.vendor.name if doc.vendor else None,
        "issue_date": _s(doc.issue_date),
        "due_date": _s(doc.due_date),
        "delivery_date": _s(doc.delivery_date),
        "valid_until": _s(doc.valid_until),
        "currency": doc.currency,
        "subtotal": _s(doc.subtotal),
        "tax": _s(doc.tax),
        "total": _s(doc.total),
        "references": {"quote_number": doc.quote_number, "po_number": doc.po_number},
        "match_status": match_status,
        "duplicate_of": doc.duplicate_of_id,
        "lines": [
            {
                "description": ln.description,
                "code": ln.code,
                "quantity": quantity_text(ln.quantity),
                "unit_price": _s(ln.unit_price),
                "amount": _s(ln.amount),
                "delivery_date": _s(ln.delivery_date),
                "product_sku": ln.product.sku if ln.product else None,
                "match_method": ln.match_method,
                "match_score": round(ln.match_score, 4) if ln.match_score is not None else None,
            }
            for ln in doc.lines
        ],
    }


@dataclass(frozen=True)
class DocumentFilter:
    doc_type: str | None = None
    vendor: str | None = None  # part of the vendor's name, case ignored
    match_status: str | None = None
    duplicates: bool = False  # only documents flagged as duplicates
    since: dt.date | None = None
    limit: int = 1000
    offset: int = 0


def list_documents(session: Session, f: DocumentFilter) -> list[dict[str, Any]]:
    """Documents in filing order, as :func:`document_record` gives them."""
    stmt = (
        select(Document, OrderMatch.status)
        .outerjoin(OrderMatch, OrderMatch.document_id == Document.id)
        .options(
            selectinload(Document.vendor),
            selectinload(Document.lines).selectinload(LineItem.product),
        )
        .order_by(Document.id)
    )
    if f.doc_type:
        stmt = stmt.where(Document.doc_type == f.doc_type)
    if f.vendor:
        like = f"%{f.vendor.lower()}%"
        stmt = stmt.join(Vendor, Vendor.id == Document.vendor_id).where(
            Vendor.key.like(like) | Vendor.name.ilike(like)
        )
    if f.match_status:
        stmt = stmt.where(OrderMatch.status == f.match_status)
    if f.duplicates:
        stmt = stmt.where(Document.duplicate_of_id.is_not(None))
    if f.since:
        stmt = stmt.where(Document.issue_date >= f.since)
    stmt = stmt.offset(f.offset).limit(f.limit)
    return [document_record(doc, status) for doc, status in session.execute(stmt)]


def show_document(session: Session, doc_id: int) -> dict[str, Any]:
    """One document (NotFound if there is none)."""
    doc = load_document(session, doc_id)
    row = session.get(OrderMatch, doc.id)
    return document_record(doc, row.status if row is not None else None)
