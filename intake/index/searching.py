"""Searching the Whoosh index: parsing, matching ids, ranking and snippets.

The search service (:mod:`intake.search`) asks two things of the index: every document that
a full-text query matches, with its score and the columns that conditions, facets and
sorting read (``match``, see :mod:`intake.index.postings`), and highlighted snippets of
given texts (``snippets``).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from whoosh.analysis import StemmingAnalyzer
from whoosh.highlight import ContextFragmenter, Formatter, highlight
from whoosh.qparser import AndGroup, FieldAliasPlugin, GtLtPlugin, MultifieldParser
from whoosh.qparser.dateparse import DateParserPlugin
from whoosh.query import Query

from intake.errors import QueryError
from intake.index.postings import Matches, match_query
from intake.index.segments import SegmentCache

__all__ = ["Searchers", "Segment", "SegmentFormatter", "match", "parse_query_text"]

logger = logging.getLogger(__name__)

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


#: What a person is told when Whoosh refuses a query (its own message names its internals).
UNPARSED = (
    "The query could not be understood: check its quotes, brackets and field values"
    " (amounts such as 99.50, dates such as 2024-03-14)."
)
UNRUN = "The query could not be run: check the values given to its fields."


def _parse(schema: Any, text: str) -> Query:
    parser = MultifieldParser(SEARCH_FIELDS, schema, group=AndGroup)
    parser.add_plugin(FieldAliasPlugin(ALIASES))
    parser.add_plugin(GtLtPlugin())
    parser.add_plugin(DateParserPlugin(free=False))
    try:
        query = parser.parse(text)
    except Exception as exc:  # what Whoosh says names its internals: logged, not shown
        logger.warning("query %r could not be parsed: %r", text, exc)
        raise QueryError(UNPARSED) from exc
    if query is None or type(query).__name__ == "NullQuery":
        raise QueryError("The query has nothing to search for.")
    return query


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


def match(ix: Any, searchers: Searchers, cache: SegmentCache, text: str) -> Matches:
    """Every document that ``text`` matches, with its score and columns."""
    query = parse_query_text(ix.schema, text)
    with searchers.use(ix) as searcher:
        try:
            return match_query(searcher, query, cache)
        except Exception as exc:  # Whoosh raises bare Exceptions for values it cannot read
            logger.exception("query %r could not be run", text)
            raise QueryError(UNRUN) from exc


_ANALYZER = StemmingAnalyzer()


def _windows(body: str, words: set[str], width: int = 80, most: int = 2) -> str:
    """The parts of a long text around the first places where a query word may be (a stem
    is usually the start of the word it came from), so that only those are analysed. A
    window grows over nearby places up to ``3 * width`` characters (a word found all
    through a text would otherwise make one window of all of it)."""
    if len(body) <= 3 * width:
        return body
    pattern = re.compile("|".join(r"\b" + re.escape(w) for w in sorted(words)), re.IGNORECASE)
    spans: list[tuple[int, int]] = []
    for m in pattern.finditer(body):
        start, end = max(0, m.start() - width), min(len(body), m.end() + width)
        if spans and start <= spans[-1][1]:
            if end - spans[-1][0] <= 3 * width:
                spans[-1] = (spans[-1][0], end)
            continue
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
