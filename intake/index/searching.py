"""Searching the Whoosh index: parsing, matching ids, ranking and snippets.

The search service (:mod:`intake.search`) asks three things of the index: which documents
match a full-text query (``match_ids``, unscored and fast), the best-scoring ones among an
allowed set (``ranked``), and highlighted snippets of given texts (``snippets``). Document
numbers are Whoosh's; they are turned into database ids through a :class:`DocMap` built
once per index generation from the ``id`` column.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from whoosh.analysis import StemmingAnalyzer
from whoosh.highlight import ContextFragmenter, Formatter, highlight
from whoosh.qparser import AndGroup, FieldAliasPlugin, GtLtPlugin, MultifieldParser
from whoosh.qparser.dateparse import DateParserPlugin
from whoosh.query import Query

from intake.errors import QueryError

__all__ = ["DocMap", "DocMaps", "Segment", "SegmentFormatter", "parse_query_text"]

SEARCH_FIELDS = ["content", "vendor", "number", "original_name", "product", "buyer", "sku"]
ALIASES = {
    "doc_type": ["type"],
    "issue_date": ["date"],
    "due_date": ["due"],
    "total": ["amount"],
    "number": ["no", "num"],
    "product": ["products"],
    "original_name": ["file", "name"],
}
#: Fields whose query terms are marked in snippets of a document's text.
SNIPPET_FIELDS = {"content", "vendor", "buyer", "product"}
SNIPPET_CHARS = 200_000

Segment = tuple[str, bool]  # (text, matched): rendered by the caller, which escapes it


class SegmentFormatter(Formatter):  # type: ignore[misc]
    """Highlights as plain (text, matched) segments, never as HTML, so that the web layer
    escapes every character of a document's text itself."""

    between = " … "

    def format_fragment(self, fragment: Any, replace: bool = False) -> list[Segment]:
        out: list[Segment] = []
        index = fragment.startchar
        text = fragment.text
        for t in sorted(fragment.matches, key=lambda t: (t.startchar, t.startchar - t.endchar)):
            if t.startchar is None or t.startchar < index:
                continue
            if t.startchar > index:
                out.append((text[index : t.startchar], False))
            out.append((text[t.startchar : t.endchar], True))
            index = t.endchar
        out.append((text[index : fragment.endchar], False))
        return out

    def format(self, fragments: Any, replace: bool = False) -> list[Segment]:
        out: list[Segment] = []
        for i, fragment in enumerate(fragments):
            if i:
                out.append((self.between, False))
            out.extend(self.format_fragment(fragment, replace=replace))
        return out


def parse_query_text(schema: Any, text: str) -> Query:
    """The Whoosh query for ``text``; :class:`QueryError` with a readable reason if the
    text does not parse."""
    parser = MultifieldParser(SEARCH_FIELDS, schema, group=AndGroup)
    parser.add_plugin(FieldAliasPlugin(ALIASES))
    parser.add_plugin(GtLtPlugin())
    parser.add_plugin(DateParserPlugin(free=False))
    try:
        query = parser.parse(text)
    except Exception as exc:
        raise QueryError(f"The query could not be understood ({exc}).") from exc
    if query is None or type(query).__name__ == "NullQuery":
        raise QueryError("The query has nothing to search for.")
    return query


@dataclass
class DocMap:
    """Whoosh document numbers <-> database ids, for one generation of the index."""

    generation: int | None
    ids: list[int]  # by document number (deleted ones included)
    live: range | list[int]  # document numbers not deleted
    _docnums: dict[int, int] | None = None

    @classmethod
    def build(cls, reader: Any) -> DocMap:
        if reader.doc_count_all() == 0:
            return cls(reader.generation(), [], range(0))
        column = reader.column_reader("id")
        ids = [int(v) if v else 0 for v in column]
        live: range | list[int]
        live = list(reader.all_doc_ids()) if reader.has_deletions() else range(len(ids))
        return cls(reader.generation(), ids, live)

    @property
    def docnums(self) -> dict[int, int]:
        if self._docnums is None:
            ids = self.ids
            self._docnums = {ids[d]: d for d in self.live}
        return self._docnums


class DocMaps:
    """The DocMap of the newest generation seen, shared by all threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._current: DocMap | None = None

    def get(self, reader: Any) -> DocMap:
        generation = reader.generation()
        if generation is None:  # an empty index has no generation; nothing worth keeping
            return DocMap.build(reader)
        with self._lock:
            current = self._current
        if current is not None and current.generation == generation:
            return current
        fresh = DocMap.build(reader)
        with self._lock:
            if self._current is None or self._current.generation <= generation:
                self._current = fresh
        return fresh


@contextmanager
def opened(ix: Any) -> Iterator[Any]:
    searcher = ix.searcher()
    try:
        yield searcher
    finally:
        searcher.close()


def match_ids(ix: Any, maps: DocMaps, text: str) -> list[int]:
    """Ids of every document matching ``text`` (unscored, in no particular order)."""
    query = parse_query_text(ix.schema, text)
    with opened(ix) as searcher:
        docmap = maps.get(searcher.reader())
        ids = docmap.ids
        return list({ids[d] for d in searcher.docs_for_query(query)})


def ranked(
    ix: Any,
    maps: DocMaps,
    text: str,
    *,
    allowed: Collection[int] | None,
    offset: int,
    limit: int,
) -> list[tuple[int, float]]:
    """The best-scoring documents for ``text`` (among ``allowed`` ids when given), from
    ``offset``: a list of (id, score)."""
    query = parse_query_text(ix.schema, text)
    with opened(ix) as searcher:
        docmap = maps.get(searcher.reader())
        kwargs: dict[str, Any] = {}
        if allowed is not None:
            docnums = docmap.docnums
            kwargs["filter"] = {docnums[i] for i in allowed if i in docnums}
            if not kwargs["filter"]:
                return []
        results = searcher.search(query, limit=offset + limit, **kwargs)
        return [
            (docmap.ids[hit.docnum], float(hit.score or 0.0))
            for hit in results[offset : offset + limit]
        ]


_ANALYZER = StemmingAnalyzer()


def snippets(
    ix: Any, text: str, bodies: Mapping[int, str], *, top: int = 2
) -> dict[int, tuple[Segment, ...]]:
    """Passages of each body around the words the query looks for."""
    query = parse_query_text(ix.schema, text)
    with opened(ix) as searcher:
        terms = query.existing_terms(searcher.reader(), phrases=True, expand=True)
    words = {
        t.decode("utf-8", "replace") if isinstance(t, bytes) else str(t)
        for field, t in terms
        if field in SNIPPET_FIELDS
    }
    if not words:
        return {}
    out: dict[int, tuple[Segment, ...]] = {}
    for doc_id, body in bodies.items():
        segments = highlight(
            body[:SNIPPET_CHARS],
            words,
            _ANALYZER,
            ContextFragmenter(surround=60),
            SegmentFormatter(),
            top=top,
        )
        if segments:
            out[doc_id] = tuple(segments)
    return out
