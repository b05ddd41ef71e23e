"""Writing documents into the index one batch at a time, with the failures kept per
document.

A batch is written with one writer and one commit. If that fails for a reason that is not
the store's (a value Whoosh refuses, a fault in building an entry), the batch is written
again one document per commit, so that the documents that can be indexed are, and each
one that cannot is reported with its error (the indexer records it on the document and
never tries it again until the document changes). A failure of the store itself (a full
disk, an unreadable file, a lock held too long) is :class:`IndexUnavailable`: nothing is
marked, and the indexer tries the batch again later.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from whoosh.index import LockError

from intake.errors import TransientError

__all__ = ["IndexLocked", "IndexUnavailable", "describe", "make_entries", "write_entries"]

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: How much of an error's text is kept on the document (shown on /intake).
MAX_ERROR = 500


class IndexUnavailable(TransientError):
    """The index's store cannot be written or read now; the work waits, nothing is lost."""


class IndexLocked(IndexUnavailable):
    """Another writer holds the index's lock."""


def describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:MAX_ERROR]


def _store_error(exc: BaseException) -> bool:
    return isinstance(exc, OSError | LockError)


def _write(ix: Any, entries: Sequence[dict[str, Any]], timeout: float) -> None:
    try:
        writer = ix.writer(timeout=timeout)
    except LockError as exc:
        raise IndexLocked("the search index is locked by another writer") from exc
    except OSError as exc:
        raise IndexUnavailable(f"the search index cannot be written: {describe(exc)}") from exc
    try:
        for entry in entries:
            writer.update_document(**entry)
        writer.commit()
    except BaseException:
        writer.cancel()
        raise


def make_entries(
    docs: Sequence[T], entry: Callable[[T], dict[str, Any]], id_of: Callable[[T], int]
) -> tuple[list[tuple[int, dict[str, Any]]], dict[int, str]]:
    """The index entries of ``docs``, and the errors of those whose entry failed."""
    made: list[tuple[int, dict[str, Any]]] = []
    failed: dict[int, str] = {}
    for doc in docs:
        try:
            made.append((id_of(doc), entry(doc)))
        except Exception as exc:
            logger.exception("[doc %d] could not be indexed", id_of(doc))
            failed[id_of(doc)] = describe(exc)
    return made, failed


def _attempt(ix: Any, entries: Sequence[dict[str, Any]], timeout: float) -> Exception | None:
    """None when written; the error when the documents are at fault. IndexUnavailable
    when the store is."""
    try:
        _write(ix, entries, timeout)
    except IndexUnavailable:
        raise
    except Exception as exc:
        if _store_error(exc):
            raise IndexUnavailable(f"the search index failed: {describe(exc)}") from exc
        return exc
    return None


def write_entries(
    ix: Any, entries: Sequence[tuple[int, dict[str, Any]]], *, timeout: float
) -> dict[int, str]:
    """Write ``(document id, entry)`` pairs; returns the documents that could not be
    indexed with their errors (each logged with its traceback). Raises IndexLocked or
    IndexUnavailable when the store fails."""
    if not entries:
        return {}
    error = _attempt(ix, [entry for _, entry in entries], timeout)
    if error is None:
        return {}
    if len(entries) > 1:
        logger.warning("a batch of %d documents failed (%s); one at a time", len(entries), error)
    failed: dict[int, str] = {}
    for doc_id, entry in entries:
        error = _attempt(ix, [entry], timeout) if len(entries) > 1 else error
        if error is not None:
            logger.error("[doc %d] could not be indexed", doc_id, exc_info=error)
            failed[doc_id] = describe(error)
    return failed
