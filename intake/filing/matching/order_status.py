"""What the checks concluded about a document, as export and people see it: the flags
that hold an invoice back, and a person's acceptance of a mismatch."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from intake.db.models import Document, utcnow
from intake.db.products import OrderMatch
from intake.documents.audit import record_audit
from intake.errors import Conflict, NotFound
from intake.filing.matching.orders import HELD, NO_PO

__all__ = ["accept_order_match", "is_held", "match_statuses", "order_flags"]


def is_held(row: OrderMatch, po_number: str | None) -> bool:
    """Whether an invoice's order match keeps it from the books: a mismatch, or an order
    it names that is not filed; unless a person accepted it."""
    if row.accepted_by:
        return False
    return row.status in HELD or (row.status == NO_PO and bool(po_number))


def order_flags(doc: Document) -> list[str]:
    """Why ``doc`` must not be exported because of its order match (empty: it may)."""
    session = object_session(doc)
    if session is None or doc.doc_type != "invoice":
        return []
    row = session.get(OrderMatch, doc.id)
    if row is None or not is_held(row, doc.po_number):
        return []
    what = row.status.replace("_", " ")
    return [f"{what} against its purchase order: {row.detail} (accept it on the document page)"]


def match_statuses(session: Session, doc_ids: Iterable[int]) -> dict[int, str]:
    """The order-match status of each of these documents that has one."""
    ids = list(doc_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(OrderMatch.document_id, OrderMatch.status).where(OrderMatch.document_id.in_(ids))
    )
    return dict(rows.all())


def accept_order_match(session: Session, doc_id: int, *, user: str) -> None:
    """A person accepts an invoice that does not match its order: it may be exported.
    The acceptance lapses when a later check comes to a different result (on any line)."""
    doc = session.get(Document, doc_id)
    row = session.get(OrderMatch, doc_id)
    if doc is None or row is None:
        raise NotFound(f"document {doc_id} has no order match")
    if not is_held(row, doc.po_number) and not row.accepted_by:
        raise Conflict(f"document {doc_id} matches its order; there is nothing to accept")
    if row.accepted_by:
        return
    row.accepted_by = user[:200]
    row.accepted_at = utcnow()
    record_audit(
        session,
        user=user,
        action="accept",
        entity="document",
        entity_id=doc_id,
        field="order match",
        old=f"{row.status}: {row.detail}",
        new="accepted",
    )
