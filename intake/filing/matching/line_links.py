"""Linking a document's lines to catalog products, recording how and how sure.

:func:`match_document` runs at filing time (and again after corrections): each line is
looked up in the vendor's matching memory first, then in the catalog
(:class:`~intake.filing.matching.catalog_index.CatalogIndex`). A line keeps a person's link
(``user``) or a person's "no product" (``not_product``) for good; automatic links are
recomputed. ``match_method`` is one of ``memory``, ``sku``, ``alias``, ``name``,
``fuzzy``, ``user``, ``not_product``, or None when no product was found (the review
queue then shows the likely products).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from intake.db.models import Document, LineItem, Product, ProductAlias
from intake.filing.matching.catalog_index import CatalogIndex, Hit
from intake.filing.matching.memory import NOT_PRODUCT, recall_all, recall_from
from intake.settings import Settings

__all__ = [
    "AUTOMATIC",
    "KEPT",
    "catalog_index",
    "match_document",
    "match_line",
    "match_lines",
]

logger = logging.getLogger(__name__)

#: Methods of links people made; matching never changes them.
KEPT = frozenset({"user", NOT_PRODUCT})
#: Methods of links matching made, recomputed when the line or the catalog changes.
AUTOMATIC = frozenset({"memory", "sku", "alias", "name", "fuzzy"})

_cache: dict[str, tuple[Any, CatalogIndex]] = {}
_cache_lock = threading.Lock()


def _catalog_version(session: Session) -> tuple[Any, ...]:
    products = select(func.count(Product.id), func.max(Product.id), func.max(Product.updated_at))
    aliases = select(func.count(ProductAlias.id), func.max(ProductAlias.id))
    return (*session.execute(products).one(), *session.execute(aliases).one())


def catalog_index(session: Session) -> CatalogIndex:
    """The catalog keyed for matching, rebuilt only when products or aliases changed."""
    bind = session.get_bind()
    url = str(bind.engine.url if hasattr(bind, "engine") else bind)
    version = _catalog_version(session)
    with _cache_lock:
        cached = _cache.get(url)
        if cached is not None and cached[0] == version:
            return cached[1]
    index = CatalogIndex.build(
        session.execute(select(Product.id, Product.sku, Product.name)),
        session.execute(select(ProductAlias.product_id, ProductAlias.alias)),
    )
    with _cache_lock:
        _cache[url] = (version, index)
    return index


def _apply(line: LineItem, product_id: int | None, method: str | None, score: float | None) -> bool:
    changed = (line.product_id, line.match_method, line.match_score) != (product_id, method, score)
    if changed:
        line.product_id = product_id
        line.match_method = method
        line.match_score = score
        if inspect(line).persistent:
            inspect(line).session.expire(line, ["product"])  # type: ignore[union-attr]
    return changed


def match_line(
    index: CatalogIndex, line: LineItem, settings: Settings, known: dict[str, int | None]
) -> bool:
    """Match one line (unless a person decided it); True when its link changed. ``known``:
    the vendor's memory fetched for the lines at hand (:func:`recall_all`)."""
    if line.match_method in KEPT:
        return False
    remembered = recall_from(known, line.code, line.description)
    if remembered is not None:
        if remembered.product_id is None:
            return _apply(line, None, NOT_PRODUCT, 1.0)
        return _apply(line, remembered.product_id, "memory", 1.0)
    if not len(index) or not (line.description or line.code):
        return _apply(line, None, None, None)
    hit: Hit = index.match(line.code, line.description or "", settings.match_threshold)
    if hit.product_id is None:  # the review queue shows the likely products
        return _apply(line, None, None, None)
    return _apply(line, hit.product_id, hit.method, hit.score)


def match_lines(
    session: Session,
    lines: Iterable[LineItem],
    vendor_id: int | None,
    settings: Settings,
    index: CatalogIndex | None = None,
) -> int:
    """Match these lines; returns how many changed."""
    index = index if index is not None else catalog_index(session)
    lines = [ln for ln in lines if ln.match_method not in KEPT]
    known = recall_all(session, vendor_id, [(ln.code, ln.description) for ln in lines])
    return sum(match_line(index, ln, settings, known) for ln in lines)


def match_document(
    session: Session, doc: Document, settings: Settings, index: CatalogIndex | None = None
) -> int:
    """Match every line of ``doc``; returns how many links changed."""
    changed = match_lines(session, doc.lines, doc.vendor_id, settings, index)
    if changed:
        doc.needs_index = True
        session.flush()
    linked = sum(1 for ln in doc.lines if ln.product_id is not None)
    logger.debug("document %s: %d of %d lines linked", doc.id, linked, len(doc.lines))
    return changed
