"""Facets: counts of the matching documents by type, vendor and year.

A facet is a small object with a ``name`` (also its URL parameter), a ``label``, how to
count the matching documents per value, both in SQL for a query without words (``counts``)
and over the documents the index matched for a query with words (``tally``), and the
condition that selecting a value adds (``condition``). The built-ins are listed in
:data:`FACETS`: type, vendor, year (counted from the index's columns for a query with
words), and product (documents per linked product, over ``line_items.product_id``, always
counted in SQL: over the matched ids for a query with words).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

import numpy as np
from sqlalchemy import ColumnElement, Select, extract, func, select
from sqlalchemy.orm import Session

from intake.db.models import Document, LineItem, Product, Vendor
from intake.index.postings import Matches
from intake.index.segments import NO_YEAR
from intake.search.dates import parse_date_range
from intake.search.ids import MANY_IDS, id_in
from intake.search.query import DOC_TYPE_WORDS, Condition
from intake.values import parse_id

__all__ = ["FACETS", "Facet", "FacetValue", "FacetCounts"]

TYPE_LABELS = {
    "invoice": "Invoice",
    "purchase_order": "Purchase order",
    "order_confirmation": "Order confirmation",
    "estimate": "Estimate",
    "contract": "Contract",
    "": "Unknown",
}


@dataclass(frozen=True)
class FacetValue:
    key: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class FacetCounts:
    name: str
    label: str
    values: tuple[FacetValue, ...]


@runtime_checkable
class Facet(Protocol):
    name: str
    label: str

    def counts(
        self, session: Session, where: Sequence[ColumnElement[bool]], selected: str | None
    ) -> tuple[FacetValue, ...]: ...

    def tally(
        self, session: Session, matches: Matches, selected: str | None
    ) -> tuple[FacetValue, ...]: ...

    def condition(self, value: str) -> Condition | None: ...


def _count(values: np.ndarray[Any, Any]) -> list[tuple[int, int]]:
    """(value, how many) for each distinct value, smallest value first."""
    if not len(values):
        return []
    low, high = int(values.min()), int(values.max())
    if high - low < 1_000_000:
        counts = np.bincount(values - low)
        return [(int(k) + low, int(counts[k])) for k in np.flatnonzero(counts)]
    keys, found = np.unique(values, return_counts=True)
    return [(int(k), int(n)) for k, n in zip(keys, found, strict=True)]


def _grouped(column: Any, where: Sequence[ColumnElement[bool]]) -> Select[Any]:
    return select(column, func.count(Document.id)).where(*where).group_by(column)


class TypeFacet:
    name = "type"
    label = "Type"

    def counts(
        self, session: Session, where: Sequence[ColumnElement[bool]], selected: str | None
    ) -> tuple[FacetValue, ...]:
        rows = session.execute(_grouped(Document.doc_type, where)).all()
        return self._values([(key or "", n) for key, n in rows], selected)

    def tally(
        self, session: Session, matches: Matches, selected: str | None
    ) -> tuple[FacetValue, ...]:
        names = matches.type_names
        return self._values([(names[k], n) for k, n in _count(matches.doc_type)], selected)

    def _values(self, rows: list[tuple[str, int]], selected: str | None) -> tuple[FacetValue, ...]:
        values = [FacetValue(key, TYPE_LABELS.get(key, key), n, key == selected) for key, n in rows]
        return tuple(sorted(values, key=lambda v: (-v.count, v.label)))

    def condition(self, value: str) -> Condition | None:
        doc_type = DOC_TYPE_WORDS.get(value)
        return Condition("doc_type", (doc_type,)) if doc_type else None


class VendorFacet:
    name = "vendor"
    label = "Vendor"
    top = 12

    def counts(
        self, session: Session, where: Sequence[ColumnElement[bool]], selected: str | None
    ) -> tuple[FacetValue, ...]:
        count = func.count(Document.id).label("n")
        # ``+ 0``: no index offers this order, so SQLite picks its access path by the
        # conditions (an index on vendor_id alone would make it read every row).
        vendor = (Document.vendor_id + 0).label("vendor")
        stmt = (
            select(vendor, count)
            .where(*where)
            .group_by(vendor)
            .order_by(count.desc(), vendor)
            .limit(self.top + 1)
        )
        rows = [(str(vid), n) for vid, n in session.execute(stmt) if vid is not None]
        rows = rows[: self.top]
        if selected and parse_id(selected) is not None and selected not in {k for k, _ in rows}:
            n = session.scalar(
                select(func.count(Document.id)).where(*where, Document.vendor_id == int(selected))
            )
            rows.append((selected, int(n or 0)))
        return self._values(session, rows, selected)

    def tally(
        self, session: Session, matches: Matches, selected: str | None
    ) -> tuple[FacetValue, ...]:
        counted = [(k, n) for k, n in _count(matches.vendor_id) if k >= 0]
        counted.sort(key=lambda kn: (-kn[1], kn[0]))
        rows = [(str(k), n) for k, n in counted[: self.top]]
        if selected and parse_id(selected) is not None and selected not in {k for k, _ in rows}:
            rows.append((selected, int(np.count_nonzero(matches.vendor_id == int(selected)))))
        return self._values(session, rows, selected)

    def _values(
        self, session: Session, rows: list[tuple[str, int]], selected: str | None
    ) -> tuple[FacetValue, ...]:
        names = dict(
            session.execute(
                select(Vendor.id, Vendor.name).where(Vendor.id.in_([int(k) for k, _ in rows]))
            ).all()
        )
        return tuple(
            FacetValue(key, names.get(int(key), f"vendor {key}"), n, key == selected)
            for key, n in rows
        )

    def condition(self, value: str) -> Condition | None:
        return Condition("vendor_id", (vid,)) if (vid := parse_id(value)) is not None else None


class YearFacet:
    name = "year"
    label = "Year"

    def counts(
        self, session: Session, where: Sequence[ColumnElement[bool]], selected: str | None
    ) -> tuple[FacetValue, ...]:
        year = extract("year", Document.issue_date)
        rows = session.execute(
            _grouped(year, [*where, Document.issue_date.is_not(None)]).order_by(year.desc())
        ).all()
        return tuple(FacetValue(str(y), str(y), n, str(y) == selected) for y, n in rows if y)

    def tally(
        self, session: Session, matches: Matches, selected: str | None
    ) -> tuple[FacetValue, ...]:
        counted = [(y, n) for y, n in _count(matches.issue_year) if y != NO_YEAR]
        return tuple(
            FacetValue(str(y), str(y), n, str(y) == selected) for y, n in reversed(counted)
        )

    def condition(self, value: str) -> Condition | None:
        if not (value.isdigit() and len(value) == 4):
            return None
        low, high = parse_date_range(value, today=dt.date(2000, 1, 1))
        return Condition("issue_date", low=low, high=high)


class ProductFacet:
    """Documents per product their lines are linked to (a document counts once per
    product)."""

    name = "product"
    label = "Product"
    top = 12
    few = MANY_IDS  # up to this many matched ids are counted in SQL

    def counts(
        self, session: Session, where: Sequence[ColumnElement[bool]], selected: str | None
    ) -> tuple[FacetValue, ...]:
        if session.scalar(select(LineItem.id).where(LineItem.product_id.is_not(None)).limit(1)):
            rows = self._grouped(session, where, selected)
        else:  # no line is linked to a product (no catalog): nothing to join and count
            rows = [(selected, 0)] if selected and parse_id(selected) is not None else []
        return self._values(session, rows, selected)

    def _grouped(
        self, session: Session, where: Sequence[ColumnElement[bool]], selected: str | None
    ) -> list[tuple[str, int]]:
        count = func.count(func.distinct(Document.id)).label("n")
        stmt = (
            select(LineItem.product_id, count)
            .join(Document, Document.id == LineItem.document_id)
            .where(*where, LineItem.product_id.is_not(None))
            .group_by(LineItem.product_id)
            .order_by(count.desc(), LineItem.product_id)
            .limit(self.top)
        )
        rows = [(str(pid), int(n)) for pid, n in session.execute(stmt)]
        if selected and parse_id(selected) is not None and selected not in {k for k, _ in rows}:
            n = session.scalar(
                select(func.count(func.distinct(Document.id)))
                .join(LineItem, LineItem.document_id == Document.id)
                .where(*where, LineItem.product_id == int(selected))
            )
            rows.append((selected, int(n or 0)))
        return rows

    def tally(
        self, session: Session, matches: Matches, selected: str | None
    ) -> tuple[FacetValue, ...]:
        """The linked lines are read and counted here, unless there are more of them than
        matches and the matches are few: then in SQL over the matched ids."""
        stmt = (
            select(LineItem.document_id, LineItem.product_id)
            .where(LineItem.product_id.is_not(None))
            .distinct()
            .order_by(LineItem.product_id)  # steers SQLite to the index on product_id
        )
        if len(matches) <= self.few:
            linked = session.execute(stmt.limit(len(matches) + 1)).all()
            if len(linked) > len(matches):
                where = [id_in(session, matches.ids.tolist())]
                return self._values(session, self._grouped(session, where, selected), selected)
        else:
            linked = session.execute(stmt).all()
        pairs = np.array(linked, dtype=np.int64).reshape(-1, 2)
        products = pairs[np.isin(pairs[:, 0], matches.ids), 1]
        counted = sorted(_count(products), key=lambda kn: (-kn[1], kn[0]))
        rows = [(str(k), n) for k, n in counted[: self.top]]
        if selected and parse_id(selected) is not None and selected not in {k for k, _ in rows}:
            rows.append((selected, int(np.count_nonzero(products == int(selected)))))
        return self._values(session, rows, selected)

    def _values(
        self, session: Session, rows: list[tuple[str, int]], selected: str | None
    ) -> tuple[FacetValue, ...]:
        names = {
            pid: f"{sku} · {name}"
            for pid, sku, name in session.execute(
                select(Product.id, Product.sku, Product.name).where(
                    Product.id.in_([int(k) for k, _ in rows])
                )
            )
        }
        return tuple(
            FacetValue(key, names.get(int(key), f"product {key}"), n, key == selected)
            for key, n in rows
        )

    def condition(self, value: str) -> Condition | None:
        return Condition("product_id", (pid,)) if (pid := parse_id(value)) is not None else None


#: The facets shown beside search results, in order.
FACETS: tuple[Facet, ...] = (TypeFacet(), VendorFacet(), YearFacet(), ProductFacet())
