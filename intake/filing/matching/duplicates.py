"""Duplicates by business key: the same vendor and the same number (as :func:`number_key`)
on two documents of one type, whatever their bytes (a re-sent invoice, a scan of a PDF
already filed). Every later one is flagged ``duplicate_of`` the first filed; export holds
flagged documents back, so nothing reaches the books twice.

A person can say a flagged document is no duplicate (a vendor reused a number): it is
then never flagged again; or confirm it, which takes it off the review queue.
"""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.db.models import Document, Vendor, utcnow
from intake.db.products import DuplicateDecision
from intake.documents.audit import record_audit
from intake.errors import NotFound
from intake.keys import number_key

__all__ = [
    "CONFIRMED",
    "DUPLICATE_TYPES",
    "NOT_DUPLICATE",
    "decide_duplicate",
    "settle_duplicates",
]

logger = logging.getLogger(__name__)

DUPLICATE_TYPES = ("invoice", "purchase_order", "order_confirmation", "estimate")
CONFIRMED = "duplicate"
NOT_DUPLICATE = "not_duplicate"


def _key_of(doc: Document) -> tuple[str, int, str] | None:
    if doc.doc_type not in DUPLICATE_TYPES or doc.vendor_id is None or not doc.number:
        return None
    key = number_key(doc.number)
    return (doc.doc_type, doc.vendor_id, key) if key else None


def _group(session: Session, doc_type: str, vendor_id: int, key: str) -> list[Document]:
    # Serialise filings of one vendor on databases that lock rows (a no-op on SQLite,
    # where the filing transaction holds the write lock already). FOR NO KEY UPDATE, not
    # FOR UPDATE: the filing transaction's own document row references the vendor, which
    # takes a key-share lock on it, and two filings each waiting for the other's key-share
    # lock deadlock (seen on PostgreSQL with two services filing one vendor's invoices).
    session.execute(select(Vendor.id).where(Vendor.id == vendor_id).with_for_update(key_share=True))
    # by the stored, indexed key: loading every number of the vendor made filing slower
    # with each document filed
    return list(
        session.scalars(
            select(Document)
            .where(
                Document.number_key == key,
                Document.vendor_id == vendor_id,
                Document.doc_type == doc_type,
            )
            .order_by(Document.id)
        )
    )


def _flag(doc: Document, original: int | None) -> None:
    if doc.duplicate_of_id == original:
        return
    if original is not None:
        logger.info(
            "document %d: duplicate of document %d (same vendor and number %s)",
            doc.id,
            original,
            doc.number,
        )
    doc.duplicate_of_id = original
    doc.needs_index = True


def _settle_group(session: Session, group: list[Document]) -> None:
    if not group:
        return
    first = group[0]
    verdicts = dict(
        session.execute(
            select(DuplicateDecision.document_id, DuplicateDecision.verdict).where(
                DuplicateDecision.document_id.in_([d.id for d in group])
            )
        ).all()
    )
    for doc in group:
        kept = doc is first or verdicts.get(doc.id) == NOT_DUPLICATE
        _flag(doc, None if kept else first.id)


def settle_duplicates(session: Session, doc: Document) -> None:
    """Flag or unflag ``doc`` and the documents sharing its key, or sharing the key it had
    (those flagged against it)."""
    session.flush()
    own = _key_of(doc)
    if own is None:
        _flag(doc, None)
    keys = {own}
    for other in session.scalars(select(Document).where(Document.duplicate_of_id == doc.id)):
        keys.add(_key_of(other))
        _flag(other, None)
    for key in keys:
        if key is not None:
            _settle_group(session, _group(session, *key))
    session.flush()


def decide_duplicate(session: Session, doc_id: int, verdict: str, *, user: str) -> None:
    """Record a person's word on a document: ``duplicate`` or ``not_duplicate``."""
    if verdict not in (CONFIRMED, NOT_DUPLICATE):
        raise ValueError(f"not a verdict: {verdict!r}")
    doc = session.get(Document, doc_id)
    if doc is None:
        raise NotFound(f"no document {doc_id}")
    row = session.get(DuplicateDecision, doc_id)
    old = row.verdict if row is not None else None
    if row is None:
        row = DuplicateDecision(document_id=doc_id, verdict=verdict, user=user[:200])
        session.add(row)
    row.verdict = verdict
    row.user = user[:200]
    row.at = utcnow()
    record_audit(
        session,
        user=user,
        action="decide",
        entity="document",
        entity_id=doc_id,
        field="duplicate",
        old=old or (f"duplicate of {doc.duplicate_of_id}" if doc.duplicate_of_id else None),
        new=verdict.replace("_", " "),
    )
    settle_duplicates(session, doc)
