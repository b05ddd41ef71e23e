"""The review queue: what needs a person's eye, from several sources, and the actions on
quarantined files (retry, discard).

A source satisfies :class:`ReviewSource` (``kind``, ``title``, ``count``, ``items``). The
built-ins are low-confidence documents and quarantined files; line-item matching adds its
own (unmatched lines, invoices that do not match their purchase order, duplicate invoices)
as factories the composition passes in (:class:`intake.filing.wiring.Wiring`).

Retry puts a quarantined file back through the claim protocol
(:func:`intake.ingest.ledger.reclaim`): it is renamed into ``processing/`` under its own
ledger row and processed like a dropped file, so it ends filed, duplicate or quarantined
again, never lost. Discard marks it
``discarded`` and leaves the file where it is.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from sqlalchemy import ColumnElement, func, or_, select, true
from sqlalchemy.orm import QueryableAttribute, Session

from intake.db.engine import Database
from intake.db.models import Document, IntakeFile, LedgerState, Vendor
from intake.documents.audit import record_audit
from intake.documents.view import display_value, field_label
from intake.errors import Conflict, NotFound
from intake.ingest.ledger import Claim, disown, reclaim
from intake.ingest.owners import Owner
from intake.ingest.storage import stored_location
from intake.settings import Settings

__all__ = [
    "ReviewSourceFactory",
    "Fact",
    "LowConfidence",
    "Quarantined",
    "ReviewItem",
    "ReviewSource",
    "discard_quarantined",
    "matches_text",
    "retry_quarantined",
    "review_sources",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Fact:
    name: str
    label: str
    value: str
    confidence: float | None = None
    source: str | None = None


@dataclass(frozen=True)
class ReviewItem:
    kind: str  # the source's kind
    id: int  # what the item's actions act on (a document id, a ledger row id...)
    title: str
    at: dt.datetime | None = None
    document_id: int | None = None
    detail: str = ""
    facts: tuple[Fact, ...] = ()


@runtime_checkable
class ReviewSource(Protocol):
    kind: str
    title: str

    def count(self, session: Session, *, text: str = "") -> int: ...

    def items(
        self, session: Session, *, limit: int, offset: int = 0, text: str = ""
    ) -> list[ReviewItem]: ...


def matches_text(text: str, *columns: QueryableAttribute[Any]) -> ColumnElement[bool]:
    """A source's filter: any of ``columns`` contains ``text`` (case-insensitive; ``%``
    and ``_`` are matched as themselves). Always true for an empty text."""
    text = text.strip()
    if not text:
        return true()
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return or_(*(column.ilike(pattern, escape="\\") for column in columns))


class LowConfidence:
    """Documents whose type or a field was read with confidence below the threshold."""

    kind = "low_confidence"
    title = "Low-confidence fields"

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold

    def _where(self, text: str) -> list[ColumnElement[bool]]:
        found = matches_text(text, Document.number, Document.original_name, Vendor.name)
        return [Document.confidence < self.threshold, found]

    def count(self, session: Session, *, text: str = "") -> int:
        stmt = (
            select(func.count(Document.id))
            .outerjoin(Vendor, Vendor.id == Document.vendor_id)
            .where(*self._where(text))
        )
        return int(session.scalar(stmt) or 0)

    def items(
        self, session: Session, *, limit: int, offset: int = 0, text: str = ""
    ) -> list[ReviewItem]:
        stmt = (
            select(Document, Vendor.name)
            .outerjoin(Vendor, Vendor.id == Document.vendor_id)
            .where(*self._where(text))
            .order_by(Document.id.desc())
            .offset(offset)
            .limit(limit)
        )
        out = []
        for doc, vendor in session.execute(stmt):
            facts = []
            if doc.doc_type_confidence < self.threshold:
                facts.append(
                    Fact(
                        "doc_type",
                        "document type",
                        (doc.doc_type or "unknown").replace("_", " "),
                        doc.doc_type_confidence,
                        "classifier",
                    )
                )
            for name, f in sorted((doc.fields or {}).items()):
                if name == "line_items" or not isinstance(f, dict):
                    continue
                confidence = float(f.get("confidence") or 0.0)
                if confidence < self.threshold:
                    facts.append(
                        Fact(
                            name,
                            field_label(name),
                            display_value(f.get("value")),
                            confidence,
                            str(f.get("source") or ""),
                        )
                    )
            kind = (doc.doc_type or "document").replace("_", " ")
            title = f"{kind} {doc.number or doc.original_name}"
            detail = vendor or ""
            out.append(
                ReviewItem(self.kind, doc.id, title, doc.created_at, doc.id, detail, tuple(facts))
            )
        return out


class Quarantined:
    """Files that could not be filed, with their reason."""

    kind = "quarantined"
    title = "Quarantined files"

    def _where(self, text: str) -> list[ColumnElement[bool]]:
        found = matches_text(
            text, IntakeFile.original_name, IntakeFile.source_path, IntakeFile.error
        )
        return [IntakeFile.state == LedgerState.QUARANTINED, found]

    def count(self, session: Session, *, text: str = "") -> int:
        stmt = select(func.count(IntakeFile.id)).where(*self._where(text))
        return int(session.scalar(stmt) or 0)

    def items(
        self, session: Session, *, limit: int, offset: int = 0, text: str = ""
    ) -> list[ReviewItem]:
        stmt = (
            select(IntakeFile)
            .where(*self._where(text))
            .order_by(IntakeFile.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return [
            ReviewItem(
                self.kind,
                row.id,
                row.original_name,
                row.updated_at,
                row.document_id,
                row.error or "no reason recorded",
                (
                    Fact("source_path", "dropped as", row.source_path),
                    Fact("attempts", "attempts", str(row.attempts)),
                    Fact("sha256", "sha256", row.sha256 or "not read"),
                ),
            )
            for row in session.scalars(stmt)
        ]


#: Makes a further review source from the settings.
ReviewSourceFactory = Callable[[Settings], ReviewSource]


def review_sources(
    settings: Settings, factories: Sequence[ReviewSourceFactory]
) -> list[ReviewSource]:
    """The sources of the review queue, in the order they are shown: the built-ins, then
    those made by ``factories``."""
    builtin: list[ReviewSource] = [LowConfidence(settings.review_confidence), Quarantined()]
    return builtin + [factory(settings) for factory in factories]


def _quarantined_row(session: Session, ledger_id: int) -> IntakeFile:
    row = session.get(IntakeFile, ledger_id)
    if row is None:
        raise NotFound(f"no intake file {ledger_id}")
    if row.state != LedgerState.QUARANTINED:
        raise Conflict(f"{row.original_name!r} is not quarantined (it is {row.state})")
    return row


def retry_quarantined(
    settings: Settings, db: Database, ledger_id: int, *, user: str, owner: str | None = None
) -> Claim:
    """Claim a quarantined file again for processing, for ``owner`` (whose workers it is
    handed to); without an owner the claim is left to the service, which adopts it at its
    next recovery (within ``rescan_seconds``)."""
    with db.session() as s:
        row = _quarantined_row(s, ledger_id)
        stored = stored_location(settings.data_dir, row.stored_path or "")
        name, source, hint = row.original_name, row.source_path, row.folder_hint
    quarantine = settings.quarantine_dir.resolve()
    if not row.stored_path or not stored.resolve().is_relative_to(quarantine):
        raise Conflict(f"the quarantined file of {name!r} is not in the quarantine folder")
    # Until the ledger row is moved, the claim is held by this process (its own owner when
    # none is given), so that no recovery adopts it halfway.
    holder = Owner.create(settings.locks_dir) if owner is None else None
    try:
        claim = reclaim(
            settings,
            ledger_id=ledger_id,
            path=stored,
            original_name=name,
            source_path=source,
            folder_hint=hint,
            owner=owner or (holder.id if holder else ""),
        )
    except FileNotFoundError:
        if holder is not None:
            holder.close()
        raise Conflict(f"the quarantined file of {name!r} is gone (retried already?)") from None
    try:
        _move_row(db, ledger_id, claim, user)
        if holder is not None:
            disown(claim)
    finally:
        if holder is not None:
            holder.close()
    stored.with_name(stored.name + ".error.json").unlink(missing_ok=True)
    logger.info("[%s] %s retried by %s", claim.id[:8], name, user)
    return claim


def _move_row(db: Database, ledger_id: int, claim: Claim, user: str) -> None:
    with db.session() as s:
        moved = s.get(IntakeFile, ledger_id)
        assert moved is not None
        reason = moved.error
        moved.claim = claim.id
        moved.state = LedgerState.PROCESSING
        moved.attempts = 0
        moved.error = None
        moved.stored_path = None
        record_audit(
            s,
            user=user,
            action="retry",
            entity="intake_file",
            entity_id=ledger_id,
            field="state",
            old=f"quarantined: {reason}",
            new="processing",
        )


def discard_quarantined(db: Database, ledger_id: int, *, user: str) -> None:
    """Mark a quarantined file discarded; the file stays in the quarantine folder."""
    with db.session() as s:
        row = _quarantined_row(s, ledger_id)
        row.state = LedgerState.DISCARDED
        record_audit(
            s,
            user=user,
            action="discard",
            entity="intake_file",
            entity_id=ledger_id,
            field="state",
            old=f"quarantined: {row.error}",
            new="discarded",
        )
    logger.info("intake file %d (%s) discarded by %s", ledger_id, row.original_name, user)
