"""Search: the query box over the index, and the latest documents when there is no query."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from intake.db import Document
from web.state import get_index, get_session

bp = Blueprint("search", __name__)

PAGE_SIZE = 20
SORTS = ("relevance", "date", "amount")


def _documents(ids: list[int]) -> dict[int, Document]:
    stmt = select(Document).where(Document.id.in_(ids)).options(selectinload(Document.vendor))
    return {d.id: d for d in get_session().scalars(stmt)}


def _contents(ids: list[int]) -> dict[int, str]:
    rows = get_session().execute(select(Document.id, Document.content).where(Document.id.in_(ids)))
    return {doc_id: content for doc_id, content in rows}


@bp.route("/")
@bp.route("/search")
def index() -> str:
    q = request.args.get("q", "").strip()
    sort = request.args.get("sort", "relevance")
    sort = sort if sort in SORTS else "relevance"
    page = request.args.get("page", 1, type=int) or 1
    if not q:
        recent = list(
            get_session().scalars(
                select(Document)
                .options(selectinload(Document.vendor))
                .order_by(Document.id.desc())
                .limit(PAGE_SIZE)
            )
        )
        return render_template("search/index.html", results=None, recent=recent, sort=sort)
    results = get_index().search(q, page=page, pagelen=PAGE_SIZE, sort=sort, texts=_contents)
    docs = _documents([h.id for h in results.hits])
    rows = [(h, docs[h.id]) for h in results.hits if h.id in docs]
    return render_template("search/index.html", results=results, rows=rows, recent=None, sort=sort)
