"""Conditions, order and paging over the documents the index matched, as array operations.

A query with words is answered from the index's :class:`~intake.index.Matches` (every
matching document with its score, type, vendor, dates and total): the conditions keep some
of them (with the same meaning as their SQL form in :func:`intake.search.engine.sql_condition`,
missing values included), facets count them (:mod:`intake.search.facets`) and the page is
cut from them in the requested order, all without a round trip per document.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import numpy as np
from numpy.typing import NDArray

from intake.index.postings import Matches
from intake.search.query import Condition

__all__ = ["keep_matching", "page_order"]

_SCALE = Decimal(10_000)  # totals are kept in ten-thousandths
_LAST = np.int64(1 << 62)  # sorts after every real value


def _days(value: Any) -> int:
    return int(value.toordinal()) if isinstance(value, dt.date) else int(value)


def _condition_mask(m: Matches, cond: Condition) -> NDArray[np.bool_]:
    column = cond.column
    if column == "doc_type":
        codes = [m.type_names.index(v) for v in cond.values if v and v in m.type_names]
        expr = np.isin(m.doc_type, codes) if cond.values else m.doc_type != 0
    elif column == "vendor_id":
        has = m.vendor_id >= 0
        expr = has & np.isin(m.vendor_id, [int(v) for v in cond.values]) if cond.values else has
    elif column in ("issue_date", "due_date"):
        days = m.issue_day if column == "issue_date" else m.due_day
        known = days != 0
        if cond.values:
            expr = known & np.isin(days, [_days(v) for v in cond.values])
        else:
            expr = known.copy()
            if cond.low is not None:
                expr &= days >= _days(cond.low)
            if cond.high is not None:
                expr &= days <= _days(cond.high)
    elif column == "total":
        if cond.values:
            scaled = [int(Decimal(v) * _SCALE) for v in cond.values]
            expr = m.has_total & np.isin(m.total, scaled)
        else:
            expr = m.has_total.copy()
            if cond.low is not None:
                expr &= m.total >= math.ceil(Decimal(cond.low) * _SCALE)
            if cond.high is not None:
                expr &= m.total <= math.floor(Decimal(cond.high) * _SCALE)
    else:
        raise ValueError(f"no such column to filter on: {column}")
    # As in SQL, ``NOT (x)`` also keeps the documents where the column is empty.
    return ~expr if cond.negated else expr


def keep_matching(m: Matches, conditions: Sequence[Condition]) -> Matches:
    """The matches that meet every condition."""
    if not conditions or not len(m):
        return m
    keep = np.ones(len(m), dtype=np.bool_)
    for cond in conditions:
        keep &= _condition_mask(m, cond)
    return m.where(keep)


def _keys(m: Matches, sort: str, order: str) -> tuple[NDArray[Any], NDArray[Any]]:
    """(first, second) sort keys, smallest first, as the SQL order of the same sort."""
    down = order != "asc"
    if sort == "relevance":
        return -m.scores, m.docnums
    second = -m.ids if down else m.ids
    if sort == "date":
        first = np.where(m.issue_day != 0, -m.issue_day if down else m.issue_day, _LAST)
    elif sort == "amount":
        first = np.where(m.has_total, -m.total if down else m.total, _LAST)
    else:  # filed: newest (highest id) first
        return second, second
    return first, second


def page_order(m: Matches, sort: str, order: str, offset: int, limit: int) -> NDArray[np.int64]:
    """Positions in ``m`` of the matches on one page, in order."""
    n = len(m)
    if offset >= n:
        return np.zeros(0, dtype=np.int64)
    first, second = _keys(m, sort, order)
    wanted = min(n, offset + limit)
    candidates = np.arange(n)
    if wanted < n // 4:
        # Only those that can be on this page or before it are put in order.
        bound = np.partition(first, wanted - 1)[wanted - 1]
        candidates = np.flatnonzero(first <= bound)
    ranked = candidates[np.lexsort((second[candidates], first[candidates]))]
    return ranked[offset:wanted].astype(np.int64)
