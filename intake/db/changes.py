"""The change sequence of documents: how each search index catches up with the database.

Every transaction that inserts or changes documents stamps them, just before it commits,
with the next number of one counter row (``change_counters``). Taking that number locks the
row until the commit (a row lock on PostgreSQL, the write lock on SQLite), so transactions
that change documents commit in the order of their numbers: once an indexer has read every
document numbered up to N, no commit can later bring a number at or below N. Each process
that serves search keeps its own index and remembers the last number it has indexed
(:meth:`intake.index.SearchIndex.sync`); no index is shared between machines.

The number is taken last, after the transaction's other writes, so a transaction holding
the counter waits for nothing but its commit: the counter cannot take part in a deadlock.
Statements that bypass the ORM (``update(Document)``) are not seen here; none changes what
the index holds.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, event, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from intake.db.models import ChangeCounter, Document

__all__ = ["DOCUMENTS", "latest_change", "next_change", "track_changes"]

#: The counter of the documents' change sequence.
DOCUMENTS = "documents"
_CHANGED = "intake.changed_documents"


def _collect(session: Session, _flush_context: Any) -> None:
    changed: set[int] = session.info.setdefault(_CHANGED, set())
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, Document) and obj.id is not None:
            changed.add(obj.id)


def _stamp(session: Session) -> None:
    session.flush()
    changed: set[int] = session.info.pop(_CHANGED, set())
    if not changed:
        return
    seq = next_change(session)
    session.execute(
        update(Document)
        .where(Document.id.in_(sorted(changed)))
        .values(change_seq=seq, updated_at=Document.updated_at)
        .execution_options(synchronize_session=False)
    )


def next_change(executor: Session | Connection) -> int:
    """Take the next number of the documents' change sequence (in the caller's
    transaction, which holds the counter until it commits). For writers that bypass the
    ORM, such as bulk inserts, to stamp what they wrote."""
    bumped = executor.execute(
        update(ChangeCounter)
        .where(ChangeCounter.name == DOCUMENTS)
        .values(value=ChangeCounter.value + 1)
    )
    if not getattr(bumped, "rowcount", 0):  # a database made without the migrations
        executor.execute(insert(ChangeCounter).values(name=DOCUMENTS, value=1))
    seq = executor.scalar(select(ChangeCounter.value).where(ChangeCounter.name == DOCUMENTS))
    return int(seq or 0)


def _forget(session: Session, *_args: Any) -> None:
    session.info.pop(_CHANGED, None)


def track_changes(sessions: sessionmaker[Session]) -> None:
    """Stamp the documents that the sessions of ``sessions`` insert or change."""
    event.listen(sessions, "after_flush", _collect)
    event.listen(sessions, "before_commit", _stamp)
    event.listen(sessions, "after_rollback", _forget)


def latest_change(session: Session) -> int:
    """The newest number of the documents' change sequence (0 before any change)."""
    return int(
        session.scalar(select(ChangeCounter.value).where(ChangeCounter.name == DOCUMENTS)) or 0
    )
