"""Searching the Whoosh index: parsing, matching ids, ranking and snippets.

The search service (:mod:`intake.search`) asks three things of the index: which documents
match a full-text query (``match_ids``, unscored and fast), the best-scoring ones among an
allowed set (``ranked``), and highlighted snippets of given texts (``snippets``). Document
numbers are Whoosh's; they are turned into database ids through a :class:`DocMap` built
once per index generation from the ``id`` column.
"""

from __future__ import annotations

import re
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

__all__ = ["DocMap", "DocMaps", "Searchers", "Segment", "SegmentFormatter", "parse_query_text"]

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


_parsed: dict[tuple[int, str], Query] = {}
_parsed_lock = threading.Lock()


def parse_query_text(schema: Any, text: str) -> Query:
    """The Whoosh query for ``text`` (the last few are remembered: one search parses its
    text several times); :class:`QueryError` with a readable reason if it does not parse."""
    key = (id(schema), text)
    with _parsed_lock:
        if (query := _parsed.get(key)) is not None:
            return query
    query = _parse(schema, text)
    with _parsed_lock:
        if len(_parsed) >= 64:
            _parsed.clear()
        _parsed[key] = query
    return query


def _parse(schema: Any, text: str) -> Query:
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


class Searchers:
    """One open searcher per thread, refreshed when the index changed: opening one costs
    more than most queries. ``close`` closes them all."""

    def __init__(self) -> None:
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: dict[int, Any] = {}

    @contextmanager
    def use(self, ix: Any) -> Iterator[Any]:
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None and (searcher._ix is not ix or not searcher.up_to_date()):
            # The index changed or was replaced. (Whoosh's refresh() fails on a searcher
            # of an empty index, so a new one is opened instead.)
            searcher.close()
            searcher = None
        if searcher is None:
            searcher = ix.searcher()
        self._local.searcher = searcher
        with self._lock:
            self._open[threading.get_ident()] = searcher
        yield searcher

    def close(self) -> None:
        with self._lock:
            searchers, self._open = list(self._open.values()), {}
        for searcher in searchers:
            searcher.close()
        self._local = threading.local()


def match_ids(ix: Any, searchers: Searchers, maps: DocMaps, text: str) -> list[int]:
    """Ids of every document matching ``text`` (unscored, in no particular order)."""
    query = parse_query_text(ix.schema, text)
    with searchers.use(ix) as searcher:
        docmap = maps.get(searcher.reader())
        ids = docmap.ids
        try:
            return list({ids[d] for d in searcher.docs_for_query(query)})
        except Exception as exc:
            raise _unmatchable(exc) from exc


def ranked(
    ix: Any,
    searchers: Searchers,
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
    with searchers.use(ix) as searcher:
        docmap = maps.get(searcher.reader())
        kwargs: dict[str, Any] = {}
        if allowed is not None:
            docnums = docmap.docnums
            kwargs["filter"] = {docnums[i] for i in allowed if i in docnums}
            if not kwargs["filter"]:
                return []
        try:
            results = searcher.search(query, limit=offset + limit, **kwargs)
            return [
                (docmap.ids[hit.docnum], float(hit.score or 0.0))
                for hit in results[offset : offset + limit]
            ]
        except Exception as exc:
            raise _unmatchable(exc) from exc


def _unmatchable(exc: Exception) -> QueryError:
    """Whoosh checks a number or date given to a field (``amount:""``) only when it
    matches, not when it parses: that is the query's fault, not an error of ours."""
    return QueryError(f"The query could not be understood ({exc or type(exc).__name__}).")


_ANALYZER = StemmingAnalyzer()


def _windows(body: str, words: set[str], width: int = 110, most: int = 2) -> str:
    """The parts of a long text around the first places where a query word may be (a stem
    is usually the start of the word it came from), so that only those are analysed."""
    if len(body) <= 3 * width:
        return body
    pattern = re.compile("|".join(r"\b" + re.escape(w) for w in sorted(words)), re.IGNORECASE)
    spans: list[tuple[int, int]] = []
    for m in pattern.finditer(body):
        start, end = max(0, m.start() - width), min(len(body), m.end() + width)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            if len(spans) == most:
                break
            spans.append((start, end))
    if not spans:
        return body[: 3 * width]
    return " … ".join(body[a:b] for a, b in spans)


def snippets(
    ix: Any, searchers: Searchers, text: str, bodies: Mapping[int, str], *, top: int = 2
) -> dict[int, tuple[Segment, ...]]:
    """Passages of each body around the words the query looks for."""
    query = parse_query_text(ix.schema, text)
    with searchers.use(ix) as searcher:
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
            _windows(body[:SNIPPET_CHARS], words),
            words,
            _ANALYZER,
            ContextFragmenter(surround=60),
            SegmentFormatter(),
            top=top,
        )
        if segments:
            out[doc_id] = tuple(segments)
    return out
