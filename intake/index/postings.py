"""Matching a parsed query against every segment at once, with array operations.

``match_query`` returns :class:`Matches`: for every document the query matches, its
database id, its score and the columns that conditions, facets and sorting read. Terms and
their boolean combinations (And, Or, AndNot, Not) are evaluated over whole posting lists
and scored as Whoosh's BM25F scores them (the same formula on the same index statistics);
a phrase reads the positions of its words only in the documents holding all of them. Any
other kind of query (prefixes, ranges, phrases with slop...) is evaluated by Whoosh's own
matcher for its part of the query, one document at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
from numpy.typing import NDArray
from whoosh.query import And, AndNot, Not, Or, Phrase, Term
from whoosh.scoring import BM25F

from intake.index.segments import (
    BoolArray,
    FloatArray,
    IntArray,
    SegmentCache,
    read_positions,
)

__all__ = ["Matches", "match_query"]


@dataclass(frozen=True)
class Matches:
    """The documents a query matched, one array element each."""

    ids: IntArray  # database ids
    scores: FloatArray
    docnums: IntArray  # index order: among equal scores the lower ranks first, as in Whoosh
    doc_type: IntArray  # a code: type_names[code] is the type ("" for none)
    vendor_id: IntArray  # NO_VENDOR when there is none
    issue_day: IntArray  # date.toordinal(), NO_DAY when missing
    issue_year: IntArray  # NO_YEAR when missing
    due_day: IntArray
    total: IntArray  # in ten-thousandths; see has_total
    has_total: BoolArray
    type_names: tuple[str, ...] = ("",)

    def __len__(self) -> int:
        return len(self.ids)

    def where(self, keep: BoolArray) -> Matches:
        """The matches for which ``keep`` is true."""
        picked: dict[str, Any] = {name: getattr(self, name)[keep] for name in ARRAYS}
        return Matches(**picked, type_names=self.type_names)

    @classmethod
    def empty(cls) -> Matches:
        none: dict[str, Any] = {name: np.zeros(0, dtype=np.int64) for name in ARRAYS}
        none.update(scores=np.zeros(0), has_total=np.zeros(0, dtype=np.bool_))
        return cls(**none)


#: The per-document arrays of :class:`Matches`, all of the same length.
ARRAYS = tuple(f.name for f in fields(Matches) if f.name != "type_names")
#: The columns of :class:`~intake.index.segments.SegmentValues` that Matches carries.
COLUMNS = tuple(name for name in ARRAYS if name not in ("scores", "docnums"))


Evaluated = tuple[BoolArray, FloatArray]  # (matches, scores) by document number


class _Segment:
    def __init__(self, top: Any, sub: Any, cache: SegmentCache) -> None:
        self.top = top
        self.sub = sub
        self.reader = sub.reader()
        self.count = int(self.reader.doc_count_all())
        self.cache = cache
        self.schema = top.schema
        weighting = top.weighting
        self.bm25 = weighting if type(weighting) is BM25F else None

    def nothing(self) -> Evaluated:
        return np.zeros(self.count, dtype=np.bool_), np.zeros(self.count)


def _term(q: Any, seg: _Segment) -> Evaluated:
    fieldobj = seg.schema[q.fieldname]
    text = q.text if isinstance(q.text, bytes) else fieldobj.to_bytes(q.text)
    ids, weights = seg.cache.postings(seg.reader, q.fieldname, text)
    mask, scores = seg.nothing()
    if len(ids):
        bm25 = seg.bm25
        assert bm25 is not None
        mask[ids] = True
        lengths = seg.cache.lengths(seg.reader, seg.schema, q.fieldname)[ids]
        weights = weights.astype(np.float64)
        idf = seg.top.idf(q.fieldname, text)
        avgfl = seg.top.avg_field_length(q.fieldname) or 1
        b = bm25._field_B.get(q.fieldname, bm25.B)
        k1 = bm25.K1
        scores[ids] = idf * (
            (weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * lengths / avgfl))
        )
    return mask, scores


def _phrase(q: Any, seg: _Segment) -> Evaluated:
    """Words next to each other, in order (Whoosh's ``Phrase`` with slop 1): the documents
    holding every word, then the positions of the words in those documents only (the
    documents found are kept with the postings). Scored as Whoosh scores a phrase: the sum
    of its words' scores."""
    fieldobj = seg.schema[q.fieldname]
    words = tuple(fieldobj.to_bytes(w) for w in q.words)
    parts = [_term(Term(q.fieldname, w), seg) for w in words]
    mask, scores = parts[0]
    for m, s in parts[1:]:
        mask &= m
        scores += s
    if len(words) == 1 or not mask.any():
        return mask, scores
    candidates = np.flatnonzero(mask)
    found = seg.cache.phrase(
        seg.reader, q.fieldname, words, lambda: _adjacent(seg, q.fieldname, words, candidates)
    )
    mask[:] = False
    mask[found] = True
    return mask, scores


def _adjacent(
    seg: _Segment, fieldname: str, words: tuple[bytes, ...], candidates: IntArray
) -> NDArray[np.int32]:
    """The candidates in which ``words`` stand at consecutive positions."""
    found = [read_positions(seg.reader, fieldname, w, candidates) for w in words]
    first, rest = found[0], found[1:]
    hits = []
    for doc in candidates.tolist():
        later = [set(positions.get(doc, ())) for positions in rest]
        if any(all(p + i in at for i, at in enumerate(later, start=1)) for p in first.get(doc, ())):
            hits.append(doc)
    return np.array(hits, dtype=np.int32)


def _combine(q: Any, seg: _Segment, join: Callable[..., Any]) -> Evaluated:
    parts = [_evaluate(sub, seg) for sub in q.subqueries]
    if not parts:
        return seg.nothing()
    mask, scores = parts[0]  # every part is a fresh pair of arrays, so this one is reused
    for m, s in parts[1:]:
        join(mask, m, out=mask)
        scores += s
    if len(parts) > 1 and q.boost != 1.0:
        scores *= q.boost
    return mask, scores


def _whoosh(q: Any, seg: _Segment) -> Evaluated:
    """Whoosh's own matcher for this part of the query, one document at a time."""
    matcher = q.matcher(seg.sub, seg.top.context())
    ids: list[int] = []
    found: list[float] = []
    while matcher.is_active():
        ids.append(matcher.id())
        found.append(matcher.score())
        matcher.next()
    mask, scores = seg.nothing()
    if ids:
        at = np.array(ids, dtype=np.int64)
        mask[at] = True
        scores[at] = found
    return mask, scores


def _evaluate(q: Any, seg: _Segment) -> Evaluated:
    """(matches, scores) of ``q`` in one segment; a document that does not match scores 0,
    so that a union of parts can add their scores up."""
    mask, scores = _evaluate_part(q, seg)
    if type(q) is not Term and type(q) is not Or:  # those two score only their matches
        np.multiply(scores, mask, out=scores)
    return mask, scores


def _evaluate_part(q: Any, seg: _Segment) -> Evaluated:
    kind = type(q)
    if kind is Term and q.boost == 1.0 and seg.bm25 and seg.schema[q.fieldname].scorable:
        return _term(q, seg)
    if (
        kind is Phrase
        and q.words
        and q.slop == 1
        and q.boost == 1.0
        and seg.bm25
        and seg.schema[q.fieldname].scorable
        and seg.schema[q.fieldname].format.supports("positions")
    ):
        return _phrase(q, seg)
    if kind is And:
        return _combine(q, seg, np.logical_and)
    if kind is Or and not getattr(q, "minmatch", 0) and getattr(q, "scale", None) is None:
        return _combine(q, seg, np.logical_or)
    if kind is AndNot and q.boost == 1.0:
        mask, scores = _evaluate(q.a, seg)
        excluded, _ = _evaluate(q.b, seg)
        return mask & ~excluded, scores
    if kind is Not:
        excluded, _ = _evaluate(q.query, seg)
        return ~excluded, np.ones(seg.count)  # Whoosh scores an inverted match 1.0
    return _whoosh(q, seg)


def match_query(searcher: Any, query: Any, cache: SegmentCache) -> Matches:
    """Every document in ``searcher``'s index that ``query`` matches."""
    found: list[dict[str, Any]] = []
    for sub, offset in searcher.leaf_searchers():
        seg = _Segment(searcher, sub, cache)
        if seg.count == 0:
            continue
        mask, scores = _evaluate(query, seg)
        if seg.reader.has_deletions():
            deleted = np.fromiter(seg.reader.segment().deleted_docs(), dtype=np.int64)
            mask[deleted[deleted < seg.count]] = False
        docnums = np.flatnonzero(mask)
        values = cache.values(seg.reader, seg.schema)
        part = {name: getattr(values, name)[docnums] for name in COLUMNS}
        found.append({**part, "scores": scores[docnums], "docnums": docnums + offset})
    if not found:
        return Matches.empty()
    if len(found) == 1:
        joined = found[0]
    else:
        joined = {name: np.concatenate([part[name] for part in found]) for name in ARRAYS}
    return Matches(**joined, type_names=tuple(cache.codes.names))
