"""The search index: derived from the database, never the other way round.

Each process that serves search keeps its own index on a local disk (never one shared
through a network folder). The indexer (``sync``) catches up with the database through the
documents' change sequence (:mod:`intake.db.changes`): it writes the documents changed
after the last number it has indexed, then records the newest number in the index folder
(``CAUGHT_UP``). A crash in between writes a few documents again, which changes nothing.
A locked index makes it try again later; a corrupt one is moved aside and rebuilt from the
database. ``rebuild`` builds a fresh index beside the live one and swaps it in, so search
keeps working.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import shutil
import uuid
import warnings
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import selectinload
from whoosh.filedb.filestore import FileStorage
from whoosh.highlight import ContextFragmenter
from whoosh.query import Query
from whoosh.sorting import FieldFacet

from intake.db.changes import latest_change
from intake.db.engine import Database
from intake.db.models import Document, LineItem
from intake.errors import QueryError
from intake.index import searching
from intake.index.locking import opening
from intake.index.postings import Matches
from intake.index.schema import SCHEMA_VERSION, make_schema, schema_signature
from intake.index.searching import (
    Searchers,
    Segment,
    SegmentFormatter,
    parse_query_text,
)
from intake.index.segments import SegmentCache
from intake.index.writing import IndexLocked, IndexUnavailable, make_entries, write_entries
from intake.ingest.storage import write_atomic

__all__ = ["Hit", "IndexUnavailable", "SearchIndex", "SearchResults", "Segment"]

logger = logging.getLogger(__name__)

MAX_QUERY = 500
#: The file in the index folder holding the last change number indexed.
CAUGHT_UP = "caught_up"


@dataclass(frozen=True)
class Hit:
    id: int
    score: float
    highlight: tuple[Segment, ...] = ()


@dataclass(frozen=True)
class SearchResults:
    query: str
    total: int = 0
    page: int = 1
    pages: int = 0
    hits: list[Hit] = field(default_factory=list)
    error: str | None = None


def _as_datetime(d: dt.date | None) -> dt.datetime | None:
    return dt.datetime(d.year, d.month, d.day) if d else None


def _record_errors(db: Database, failed: dict[int, str], cleared: set[int]) -> None:
    """Keep why documents could not be indexed, and forget it for those indexed now.

    Written past the ORM, so that it is not a change of the documents (their change
    number stays; the index does not read them again for it)."""
    if not failed and not cleared:
        return
    with db.session() as s:
        if cleared:
            s.execute(
                update(Document)
                .where(Document.id.in_(sorted(cleared)))
                .values(index_error=None, updated_at=Document.updated_at)
            )
        for doc_id, error in failed.items():
            s.execute(
                update(Document)
                .where(Document.id == doc_id)
                .values(index_error=error, updated_at=Document.updated_at)
            )


def index_fields(doc: Document) -> dict[str, Any]:
    """The index entry of one document (its vendor and lines loaded)."""
    numbers = {doc.number, doc.invoice_number, doc.po_number, doc.quote_number}
    skus = sorted({ln.product.sku for ln in doc.lines if ln.product is not None})
    products = [ln.product.name for ln in doc.lines if ln.product is not None]
    products += [ln.description for ln in doc.lines]
    values: dict[str, Any] = {
        "id": str(doc.id),
        "doc_type": doc.doc_type or "",
        "vendor": doc.vendor.name if doc.vendor else "",
        "number": " ".join(sorted(n for n in numbers if n)),
        "original_name": doc.original_name,
        "content": doc.content,
        "buyer": doc.buyer or "",
        "currency": doc.currency or "",
        "sku": ",".join(skus),
        "product": " ".join(products),
        "year": str(doc.issue_date.year) if doc.issue_date else "",
        "version": SCHEMA_VERSION,
    }
    if doc.issue_date:
        values["issue_date"] = _as_datetime(doc.issue_date)
    if doc.due_date:
        values["due_date"] = _as_datetime(doc.due_date)
    if doc.total is not None:
        values["total"] = doc.total
    if doc.vendor_id is not None:
        values["vendor_id"] = doc.vendor_id
    return values


def _storage(path: Path) -> FileStorage:
    """The index folder, read through plain file reads: with memory mapping, Whoosh copies
    each file of a segment into memory for every searcher it opens (at 100k documents,
    about 0.9 GB and half a second per searcher), while plain reads open one in
    milliseconds and read only what a search needs."""
    return FileStorage(str(path), supports_mmap=False)


def _load(db_session: Any, *where: ColumnElement[bool]) -> list[Document]:
    lines = selectinload(Document.lines).selectinload(LineItem.product)
    stmt = select(Document).where(*where).options(selectinload(Document.vendor), lines)
    return list(db_session.scalars(stmt))


class SearchIndex:
    """One Whoosh index in a folder. Only this package touches Whoosh."""

    def __init__(
        self,
        path: Path,
        *,
        cached_postings: int = 4_000_000,
        storage: Callable[[Path], FileStorage] | None = None,
        fields: Callable[[Document], dict[str, Any]] = index_fields,
    ) -> None:
        """``cached_postings``: how many postings (8 bytes each) of recently searched words
        are kept in memory between searches. ``storage`` opens the index folder and
        ``fields`` makes a document's entry (seams for tests of failing stores and
        documents)."""
        self.path = path
        self._storage = storage or _storage
        self._fields = fields
        self._index: Any = None
        self._cache = SegmentCache(postings=cached_postings)
        self._searchers = Searchers()
        weakref.finalize(self, self._searchers.close)

    # --- opening --------------------------------------------------------------------------

    def _create(self, path: Path) -> Any:
        path.mkdir(parents=True, exist_ok=True)
        return self._storage(path).create_index(make_schema())

    def _open_existing(self) -> Any:
        """The index on disk, or None after moving an unusable one aside; IndexUnavailable
        when the store cannot be read now (None too when there is no index yet). Whoosh
        leaks an open file when it fails to read a broken index; that warning is silenced."""
        if not (self.path.is_dir() and any(self.path.iterdir())):
            return None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            try:
                ix = self._storage(self.path).open_index()
                with ix.searcher() as s:
                    s.doc_count()
                if schema_signature(ix.schema) != schema_signature(make_schema()):
                    raise ValueError("index schema is out of date")
                return ix
            except OSError as exc:
                if not isinstance(exc, FileNotFoundError):  # a file gone is damage
                    # The store failing (I/O error, permissions, no file handles left) says
                    # nothing about the index: it stays where it is, to be tried again.
                    raise IndexUnavailable(f"the search index cannot be read: {exc}") from exc
                reason = str(exc)
            except Exception as exc:
                reason = str(exc)
            gc.collect()
        aside = self.path.with_name(f"{self.path.name}.broken-{uuid.uuid4().hex[:6]}")
        logger.error("search index unusable (%s); moved to %s, rebuilding", reason, aside)
        self.path.rename(aside)
        return None

    def open(self) -> Any:
        if self._index is None:
            with opening(self.path):  # one service at a time creates a new index
                self._index = self._open_existing() or self._create(self.path)
        return self._index

    def close(self) -> None:
        """Close the searchers kept open for queries."""
        self._searchers.close()

    def reset(self) -> None:
        """Forget the open index and index every document again on the next ``sync``."""
        self.close()
        self._index = None
        (self.path / CAUGHT_UP).unlink(missing_ok=True)

    def caught_up_to(self) -> int:
        """The last change number this index holds (-1: none, everything is to index)."""
        try:
            return int((self.path / CAUGHT_UP).read_text().strip())
        except (OSError, ValueError):
            return -1

    def _caught_up(self, path: Path, seq: int) -> None:
        write_atomic(path / CAUGHT_UP, f"{seq}\n".encode())

    def ids(self) -> set[int]:
        with self.open().searcher() as s:
            return {int(fields["id"]) for fields in s.all_stored_fields()}

    def doc_count(self) -> int:
        with self.open().searcher() as s:
            return int(s.doc_count())

    # --- writing --------------------------------------------------------------------------

    def sync(self, db: Database, *, batch: int = 200, timeout: float = 2.0) -> int:
        """Index the documents changed since the last sync. Returns how many were written.

        A document that cannot be indexed keeps its error in ``index_error`` (logged with
        its traceback, shown on /intake) and is passed over: it is tried again when it
        changes (a new change number), never in a loop. A store that fails raises
        IndexUnavailable and the index stays where it was; a locked one makes this return
        (the documents wait)."""
        written = 0
        ix = self.open()
        seen = self.caught_up_to()
        if seen >= 0 and ix.doc_count() == 0:
            # An empty index that claims to hold documents (its files were replaced).
            with db.session() as s:
                held = s.scalar(select(Document.id).where(Document.change_seq <= seen).limit(1))
            if held is not None:
                self.reset()
                ix, seen = self.open(), -1
        while True:
            with db.session() as s:
                # Whole numbers only: the documents of one transaction share theirs.
                upto = s.scalar(
                    select(Document.change_seq)
                    .where(Document.change_seq > seen)
                    .order_by(Document.change_seq)
                    .offset(batch - 1)
                    .limit(1)
                )
                # One statement lists and reads them: PostgreSQL reads each statement at
                # its own moment, and a commit between a list and a read could renumber a
                # listed document past a new one it brought in (see intake.db.changes).
                bound = [] if upto is None else [Document.change_seq <= upto]
                docs = _load(s, Document.change_seq > seen, *bound)
                if not docs:
                    if upto is None:
                        return written
                    continue  # the batch was renumbered meanwhile: list it again
                newest = max(d.change_seq for d in docs)
                had_error = {d.id for d in docs if d.index_error is not None}
                entries, failed = make_entries(docs, self._fields, lambda d: d.id)
            try:
                failed |= write_entries(ix, entries, timeout=timeout)
            except IndexLocked:
                logger.warning("search index is locked; %d documents wait", len(docs))
                return written
            self._caught_up(self.path, newest)
            seen = newest
            _record_errors(db, failed, had_error - set(failed))
            written += len(docs) - len(failed)

    def delete(self, doc_id: int) -> None:
        writer = self.open().writer(timeout=5.0)
        writer.delete_by_term("id", str(doc_id))
        writer.commit()

    def rebuild(self, db: Database, progress: Callable[[int], object] | None = None) -> int:
        """Build a new index from the database beside the live one, then swap it in."""
        fresh_path = self.path.with_name(f"{self.path.name}.new-{uuid.uuid4().hex[:6]}")
        fresh = self._create(fresh_path)
        writer = fresh.writer(limitmb=256)
        count = 0
        failed: dict[int, str] = {}
        with db.session() as s:
            # Read first: what changes while the rebuild runs is indexed by the next sync.
            seq = latest_change(s)
            all_ids = list(s.scalars(select(Document.id).order_by(Document.id)))
        for start in range(0, len(all_ids), 500):
            chunk = all_ids[start : start + 500]
            with db.session() as s:
                docs = _load(s, Document.id.in_(chunk))
                entries, failures = make_entries(docs, self._fields, lambda d: d.id)
            for _, entry in entries:
                writer.add_document(**entry)
            failed |= failures
            count += len(chunk)
            if progress:
                progress(len(chunk))
        writer.commit()
        self._caught_up(fresh_path, seq)
        old = self.path.with_name(f"{self.path.name}.old-{uuid.uuid4().hex[:6]}")
        if self.path.exists():
            self.path.rename(old)
        fresh_path.rename(self.path)
        self.close()
        shutil.rmtree(old, ignore_errors=True)
        self._index = None
        with db.session() as s:
            had_error = set(s.scalars(select(Document.id).where(Document.index_error.is_not(None))))
        _record_errors(db, failed, had_error - set(failed))
        return count - len(failed)

    # --- searching ------------------------------------------------------------------------

    def parse(self, text: str) -> Query:
        return parse_query_text(self.open().schema, text)

    def match(self, text: str) -> Matches:
        """Every document that ``text`` matches, with its score and the columns that
        conditions, facets and sorting read; QueryError if it does not parse."""
        return searching.match(self.open(), self._searchers, self._cache, text)

    def match_ids(self, text: str) -> list[int]:
        """Ids of every document that matches ``text``, in index order."""
        return [int(i) for i in self.match(text).ids]

    def snippets(self, text: str, bodies: Mapping[int, str]) -> dict[int, tuple[Segment, ...]]:
        """Highlighted passages of each body for the words ``text`` looks for."""
        return searching.snippets(self.open(), self._searchers, text, bodies)

    def search(
        self,
        text: str,
        *,
        page: int = 1,
        pagelen: int = 20,
        sort: str = "relevance",
        texts: Callable[[list[int]], dict[int, str]] | None = None,
    ) -> SearchResults:
        text = (text or "").strip()
        if not text:
            return SearchResults(text)
        if len(text) > MAX_QUERY:
            return SearchResults(text, error=f"The query is longer than {MAX_QUERY} characters.")
        try:
            query = self.parse(text)
        except QueryError as exc:
            return SearchResults(text, error=str(exc))
        kwargs: dict[str, Any] = {}
        if sort == "date":
            kwargs = {"sortedby": FieldFacet("issue_date", reverse=True)}
        elif sort == "amount":
            kwargs = {"sortedby": FieldFacet("total", reverse=True)}
        page = max(1, page)
        try:
            with self.open().searcher() as searcher:
                results = searcher.search_page(query, page, pagelen=pagelen, terms=True, **kwargs)
                results.results.formatter = SegmentFormatter()
                results.results.fragmenter = ContextFragmenter(surround=60)
                ids = [int(h["id"]) for h in results]
                bodies = texts(ids) if texts and ids else {}
                hits = []
                for h in results:
                    doc_id = int(h["id"])
                    snippet: list[Segment] = []
                    if doc_id in bodies:
                        snippet = h.highlights("content", text=bodies[doc_id], top=2) or []
                    hits.append(Hit(doc_id, float(h.score or 0.0), tuple(snippet)))
                return SearchResults(
                    text, total=len(results), page=page, pages=results.pagecount, hits=hits
                )
        except Exception:
            logger.exception("search failed for %r", text)
            return SearchResults(text, error=searching.UNRUN)
