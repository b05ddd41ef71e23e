"""Search: a query split into conditions (SQL) and full text (the index), with facets.

``run_search(session, index, SearchRequest(q=...), today=...)`` returns a
:class:`SearchPage`; the web UI, the API and ``intake search`` all go through it.
"""

from intake.search.engine import (
    MAX_QUERY,
    SORTS,
    ResultRow,
    SearchPage,
    SearchRequest,
    run_search,
    search_json,
)
from intake.search.facets import FACETS, FacetCounts, FacetValue
from intake.search.query import Condition, ParsedQuery, parse_query

__all__ = [
    "FACETS",
    "MAX_QUERY",
    "SORTS",
    "Condition",
    "FacetCounts",
    "FacetValue",
    "ParsedQuery",
    "ResultRow",
    "SearchPage",
    "SearchRequest",
    "parse_query",
    "run_search",
    "search_json",
]
