"""Intake status: the files seen lately and where each one stands."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from intake.db.models import Document, IntakeFile, LedgerState

__all__ = ["StatusRow", "intake_status", "status_json"]

STATES = (
    LedgerState.PROCESSING,
    LedgerState.FILED,
    LedgerState.DUPLICATE,
    LedgerState.QUARANTINED,
    LedgerState.DISCARDED,
)


@dataclass(frozen=True)
class StatusRow:
    id: int
    original_name: str
    source_path: str
    state: str
    attempts: int
    error: str | None
    document_id: int | None
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True)
class IndexFailure:
    """A document the indexer could not index (it is tried again when it changes)."""

    document_id: int
    original_name: str
    error: str


@dataclass(frozen=True)
class Status:
    counts: dict[str, int]
    rows: tuple[StatusRow, ...]
    index_failed: int = 0  # how many documents could not be indexed
    index_failures: tuple[IndexFailure, ...] = ()  # the latest of them


def intake_status(session: Session, *, limit: int = 50) -> Status:
    """How many files are in each state, and the latest ``limit`` of them."""
    counts = dict.fromkeys(STATES, 0)
    for state, n in session.execute(
        select(IntakeFile.state, func.count(IntakeFile.id)).group_by(IntakeFile.state)
    ):
        counts[state] = int(n)
    rows = session.scalars(select(IntakeFile).order_by(IntakeFile.id.desc()).limit(limit))
    failing = Document.index_error.is_not(None)
    index_failed = int(session.scalar(select(func.count(Document.id)).where(failing)) or 0)
    index_failures = tuple(
        IndexFailure(doc_id, name, error or "")
        for doc_id, name, error in session.execute(
            select(Document.id, Document.original_name, Document.index_error)
            .where(failing)
            .order_by(Document.id.desc())
            .limit(limit)
        )
    )
    return Status(
        counts,
        tuple(
            StatusRow(
                r.id,
                r.original_name,
                r.source_path,
                r.state,
                r.attempts,
                r.error,
                r.document_id,
                r.created_at,
                r.updated_at,
            )
            for r in rows
        ),
        index_failed,
        index_failures,
    )


def status_json(status: Status) -> dict[str, Any]:
    return {
        "counts": status.counts,
        "files": [
            {
                **{k: v for k, v in r.__dict__.items() if k not in ("created_at", "updated_at")},
                "created_at": r.created_at.isoformat(timespec="seconds"),
                "updated_at": r.updated_at.isoformat(timespec="seconds"),
            }
            for r in status.rows
        ],
        "index_failed": status.index_failed,
        "index_failures": [f.__dict__ for f in status.index_failures],
    }
