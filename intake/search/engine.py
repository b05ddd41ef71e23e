"""The search service: structured conditions in SQL, full text in the index.

``run_search`` splits the query (:mod:`intake.search.query`). A query with words is
answered by the index: it returns every matching document with its score and columns
(type, vendor, dates, total), and the conditions, facet counts, order and paging are array
operations over those (:mod:`intake.search.matched`). A query without words is answered by
the database alone (indexed columns). Either way the rows shown come from the database. A
query that cannot be understood gives a page with ``error`` set, never an exception.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

import numpy as np
from sqlalchemy import BindParameter, ColumnElement, and_, bindparam, not_, or_, select
from sqlalchemy.orm import Session

from intake.db.models import Document, LineItem, Vendor
from intake.errors import QueryError
from intake.index.postings import Matches
from intake.index.searching import Segment
from intake.index.store import SearchIndex
from intake.search.currency import resolve_currencies
from intake.search.facets import FACETS, FacetCounts
from intake.search.matched import keep_matching, page_order
from intake.search.query import Condition, parse_query

__all__ = [
    "MAX_QUERY",
    "SORTS",
    "ResultRow",
    "SearchPage",
    "SearchRequest",
    "run_search",
    "search_json",
]

logger = logging.getLogger(__name__)

MAX_QUERY = 500
MAX_PAGE = 10_000
SORTS = ("relevance", "date", "amount", "filed")
COLUMNS = {
    "doc_type",
    "vendor_id",
    "issue_date",
    "due_date",
    "total",
    "delivery_date",
    "valid_until",
    "id",
}
#: Conditions on a document's lines rather than its own columns.
LINE_COLUMNS = {"product_id"}
#: Conditions the search index cannot answer: the database does, also for a text query.
DATABASE_COLUMNS = LINE_COLUMNS | {"delivery_date", "valid_until", "id"}


@dataclass(frozen=True)
class SearchRequest:
    q: str = ""
    facets: Mapping[str, str] = field(default_factory=dict)  # facet name -> selected key
    sort: str = "relevance"
    order: str = "desc"
    page: int = 1
    per_page: int = 20

    def normalised(self) -> SearchRequest:
        return SearchRequest(
            q=self.q.strip(),
            facets={k: v for k, v in self.facets.items() if v},
            sort=self.sort if self.sort in SORTS else "relevance",
            order="asc" if self.order == "asc" else "desc",
            page=min(max(1, self.page), MAX_PAGE),
            per_page=min(max(1, self.per_page), 200),
        )


@dataclass(frozen=True)
class ResultRow:
    id: int
    doc_type: str | None
    number: str | None
    vendor: str | None
    issue_date: dt.date | None
    due_date: dt.date | None
    total: Decimal | None
    currency: str | None
    original_name: str
    score: float | None = None
    snippet: tuple[Segment, ...] = ()


@dataclass(frozen=True)
class SearchPage:
    request: SearchRequest
    total: int = 0
    pages: int = 0
    rows: tuple[ResultRow, ...] = ()
    facets: tuple[FacetCounts, ...] = ()
    text: str = ""  # the full-text part of the query
    conditions: tuple[Condition, ...] = ()
    error: str | None = None
    seconds: float = 0.0

    @property
    def page(self) -> int:
        return self.request.page


def sql_condition(cond: Condition) -> ColumnElement[bool]:
    if cond.column in LINE_COLUMNS:
        lines = select(LineItem.document_id).where(getattr(LineItem, cond.column).in_(cond.values))
        inside = Document.id.in_(lines)
        return not_(inside) if cond.negated else inside
    if cond.column not in COLUMNS:
        raise ValueError(f"no such column to filter on: {cond.column}")
    column = getattr(Document, cond.column)
    if cond.column == "id":  # ids resolved beforehand, possibly many: written inline
        ids: BindParameter[list[int]] = bindparam(
            "ids", [int(v) for v in cond.values], expanding=True, unique=True, literal_execute=True
        )
        expr_ids: ColumnElement[bool] = column.in_(ids)
        return not_(expr_ids) if cond.negated else expr_ids
    if cond.values:
        expr: ColumnElement[bool] = column.in_(cond.values)
    else:
        parts = []
        if cond.low is not None:
            parts.append(column >= cond.low)
        if cond.high is not None:
            parts.append(column <= cond.high)
        expr = and_(*parts) if parts else column.is_not(None)
    if cond.negated:
        return or_(not_(expr), column.is_(None))
    return expr


def _keep_lines(session: Session, matches: Matches, conditions: Sequence[Condition]) -> Matches:
    """The matches that meet conditions only the database knows (a linked product, a
    delivery date): the meaning :func:`sql_condition` gives them."""
    for cond in conditions:
        if not len(matches):
            break
        if cond.column in LINE_COLUMNS:
            column = getattr(LineItem, cond.column)
            linked = session.scalars(
                select(LineItem.document_id).where(column.in_(cond.values)).distinct()
            )
            inside = np.isin(matches.ids, np.fromiter(linked, dtype=np.int64))
            matches = matches.where(~inside if cond.negated else inside)
            continue
        if cond.column == "id":
            inside = np.isin(matches.ids, np.asarray(cond.values, dtype=np.int64))
            matches = matches.where(~inside if cond.negated else inside)
            continue
        kept = session.scalars(select(Document.id).where(sql_condition(cond)))
        matches = matches.where(np.isin(matches.ids, np.fromiter(kept, dtype=np.int64)))
    return matches


def _order(sort: str, order: str) -> list[Any]:
    column = {"date": Document.issue_date, "amount": Document.total}.get(sort)
    if column is None:
        return [Document.id.asc() if order == "asc" else Document.id.desc()]
    if order == "asc":
        return [column.asc().nulls_last(), Document.id.asc()]
    return [column.desc().nulls_last(), Document.id.desc()]


def _rows(
    session: Session, ids: Sequence[int], scores: Mapping[int, float]
) -> tuple[list[ResultRow], dict[int, str]]:
    stmt = (
        select(
            Document.id,
            Document.doc_type,
            Document.number,
            Vendor.name,
            Document.issue_date,
            Document.due_date,
            Document.total,
            Document.currency,
            Document.original_name,
            Document.content,
        )
        .outerjoin(Vendor, Vendor.id == Document.vendor_id)
        .where(Document.id.in_(list(ids)))
    )
    found = {row[0]: row for row in session.execute(stmt)}
    rows, bodies = [], {}
    for doc_id in ids:
        if (r := found.get(doc_id)) is None:
            continue  # the index is a moment behind the database
        rows.append(ResultRow(*r[:9], score=scores.get(doc_id)))
        bodies[doc_id] = r[9] or ""
    return rows, bodies


def run_search(
    session: Session, index: SearchIndex, request: SearchRequest, *, today: dt.date
) -> SearchPage:
    """One page of results with facet counts for ``request``."""
    start = time.perf_counter()
    req = request.normalised()
    if len(req.q) > MAX_QUERY:
        return SearchPage(req, error=f"The query is longer than {MAX_QUERY} characters.")
    parsed = parse_query(req.q, today)
    if parsed.error:
        return SearchPage(req, error=f"The query could not be understood: {parsed.error}")
    conditions = list(parsed.conditions)
    for facet in FACETS:
        value = req.facets.get(facet.name)
        if value and (cond := facet.condition(value)) is not None:
            conditions.append(cond)
    conditions = resolve_currencies(session, conditions)
    offset = (req.page - 1) * req.per_page
    scores: dict[int, float] = {}
    if parsed.text:
        try:
            matches = index.match(parsed.text)
        except QueryError as exc:
            return SearchPage(req, text=parsed.text, error=str(exc))
        on_lines = [c for c in conditions if c.column in DATABASE_COLUMNS]
        own = [c for c in conditions if c.column not in DATABASE_COLUMNS]
        matches = _keep_lines(session, keep_matching(matches, own), on_lines)
        facets = tuple(
            FacetCounts(f.name, f.label, f.tally(session, matches, req.facets.get(f.name)))
            for f in FACETS
        )
        total = len(matches)
        shown = page_order(matches, req.sort, req.order, offset, req.per_page)
        ids = [int(i) for i in matches.ids[shown]]
        if req.sort == "relevance":
            scores = {int(i): float(v) for i, v in zip(ids, matches.scores[shown], strict=True)}
    else:
        where = [sql_condition(c) for c in conditions]
        facets = tuple(
            FacetCounts(f.name, f.label, f.counts(session, where, req.facets.get(f.name)))
            for f in FACETS
        )
        total = sum(v.count for v in facets[0].values)
        ids = []
        if offset < total:
            stmt = (
                select(Document.id)
                .where(*where)
                .order_by(*_order(req.sort, req.order))
                .offset(offset)
                .limit(req.per_page)
            )
            ids = list(session.scalars(stmt))
    pages = math.ceil(total / req.per_page)
    rows, bodies = _rows(session, ids, scores)
    if parsed.text and bodies:
        try:
            marked = index.snippets(parsed.text, bodies)
        except QueryError:
            marked = {}
        rows = [replace(r, snippet=marked[r.id]) if r.id in marked else r for r in rows]
    return SearchPage(
        req,
        total=total,
        pages=pages,
        rows=tuple(rows),
        facets=facets,
        text=parsed.text,
        conditions=parsed.conditions,
        seconds=time.perf_counter() - start,
    )


def search_json(page: SearchPage) -> dict[str, Any]:
    """A page of results as the JSON API returns it."""
    return {
        "query": page.request.q,
        "text": page.text,
        "conditions": [c.describe() for c in page.conditions],
        "total": page.total,
        "page": page.page,
        "pages": page.pages,
        "error": page.error,
        "facets": {
            f.name: [{"key": v.key, "label": v.label, "count": v.count} for v in f.values]
            for f in page.facets
        },
        "hits": [
            {
                "id": r.id,
                "doc_type": r.doc_type,
                "number": r.number,
                "vendor": r.vendor,
                "issue_date": r.issue_date.isoformat() if r.issue_date else None,
                "due_date": r.due_date.isoformat() if r.due_date else None,
                "total": str(r.total) if r.total is not None else None,
                "currency": r.currency,
                "file": r.original_name,
                "score": r.score,
                "snippet": "".join(text for text, _ in r.snippet),
            }
            for r in page.rows
        ],
    }
