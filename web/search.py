"""Search: the query box, facets and results; with no query, the latest documents."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, render_template, request, url_for

from intake.search.engine import SearchPage, SearchRequest, run_search
from intake.search.facets import FACETS
from web.params import int_arg
from web.state import get_index, get_session

bp = Blueprint("search", __name__)

PAGE_SIZE = 20
PARAMS = ("q", "sort", "order", *(f.name for f in FACETS))


def request_from_args(args: Any, *, default_sort: str = "relevance") -> SearchRequest:
    """The search asked for by URL parameters (shared with the JSON API)."""
    return SearchRequest(
        q=args.get("q", ""),
        facets={f.name: args.get(f.name, "") for f in FACETS},
        sort=args.get("sort", default_sort),
        order=args.get("order", "desc"),
        page=int_arg(args, "page", 1),
        per_page=int_arg(args, "per_page", PAGE_SIZE, most=200),
    ).normalised()


def search_page(args: Any) -> SearchPage:
    req = request_from_args(args, default_sort="relevance" if args.get("q") else "filed")
    return run_search(get_session(), get_index(), req, today=dt.date.today())


@bp.app_template_global()
def search_url(**changes: Any) -> str:
    """The current search's URL with some parameters changed (None removes one); any
    change but of the page goes back to page 1."""
    args: dict[str, Any] = {k: v for k in (*PARAMS, "page") if (v := request.args.get(k))}
    if set(changes) - {"page"}:
        args.pop("page", None)
    for key, value in changes.items():
        if value in (None, ""):
            args.pop(key, None)
        else:
            args[key] = str(value)
    return url_for("search.index", **args)


@bp.route("/search")
def index() -> str:
    page = search_page(request.args)
    return render_template("search/index.html", page=page, sorts=_sorts(page))


def _sorts(page: SearchPage) -> list[tuple[str, str]]:
    first = [("relevance", "relevance")] if page.text else [("filed", "newest filed")]
    return [*first, ("date", "date"), ("amount", "amount")]
