"""The matching memory: what people taught about one vendor's lines.

When a person links a line to a product (or confirms a link), the vendor's code and
description of that line are remembered as meaning that product; when a person removes a
link, they are remembered as meaning no catalog product. The next line from that vendor
with the same code or description is matched from memory before anything else.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.db.models import LineItem, Product
from intake.db.products import MatchMemoryEntry
from intake.keys import alias_key, code_key

__all__ = [
    "NOT_PRODUCT",
    "Recollection",
    "VendorMemory",
    "memory_keys",
    "recall",
    "recall_all",
    "recall_from",
]

logger = logging.getLogger(__name__)

#: ``match_method`` of a line a person said is no catalog product.
NOT_PRODUCT = "not_product"


def memory_keys(code: str | None, description: str | None) -> list[str]:
    """The keys a line is remembered by, most telling first."""
    keys = []
    if code and (ck := code_key(code)):
        keys.append(f"code:{ck}")
    if description and (dk := alias_key(description)):
        keys.append(f"desc:{dk}"[:520])
    return keys


class Recollection:
    """A remembered answer: ``product_id`` (None: not a catalog product)."""

    __slots__ = ("key", "product_id")

    def __init__(self, key: str, product_id: int | None) -> None:
        self.key = key
        self.product_id = product_id


def _entry(session: Session, vendor_id: int | None, key: str) -> MatchMemoryEntry | None:
    where = (
        MatchMemoryEntry.vendor_id.is_(None)
        if vendor_id is None
        else MatchMemoryEntry.vendor_id == vendor_id
    )
    return session.scalar(
        select(MatchMemoryEntry)
        .where(where, MatchMemoryEntry.key == key)
        .order_by(MatchMemoryEntry.id.desc())
        .limit(1)
    )


def recall(
    session: Session, vendor_id: int | None, code: str | None, description: str | None
) -> Recollection | None:
    """What was taught about this vendor's line, by its code first, then its description."""
    for key in memory_keys(code, description):
        entry = _entry(session, vendor_id, key)
        if entry is not None:
            return Recollection(key, entry.product_id)
    return None


def recall_all(
    session: Session, vendor_id: int | None, lines: Iterable[tuple[str | None, str | None]]
) -> dict[str, int | None]:
    """What was taught about any of these (code, description) pairs of one vendor, in one
    query per few hundred keys: remembered key -> product id (None: not a product)."""
    keys = sorted({k for code, desc in lines for k in memory_keys(code, desc)})
    where = (
        MatchMemoryEntry.vendor_id.is_(None)
        if vendor_id is None
        else MatchMemoryEntry.vendor_id == vendor_id
    )
    found: dict[str, int | None] = {}
    for i in range(0, len(keys), 500):
        rows = session.execute(
            select(MatchMemoryEntry.key, MatchMemoryEntry.product_id)
            .where(where, MatchMemoryEntry.key.in_(keys[i : i + 500]))
            .order_by(MatchMemoryEntry.id)
        )
        found.update((key, product_id) for key, product_id in rows)  # the latest wins
    return found


def recall_from(
    known: dict[str, int | None], code: str | None, description: str | None
) -> Recollection | None:
    """:func:`recall` over what :func:`recall_all` fetched."""
    for key in memory_keys(code, description):
        if key in known:
            return Recollection(key, known[key])
    return None


class VendorMemory:
    """The :class:`intake.documents.corrections.MatchMemory` of line-item matching."""

    def remember(
        self, session: Session, line: LineItem, product: Product | None, *, user: str
    ) -> None:
        vendor_id = line.document.vendor_id if line.document is not None else None
        product_id = product.id if product is not None else None
        for key in memory_keys(line.code, line.description):
            entry = _entry(session, vendor_id, key)
            if entry is None:
                session.add(
                    MatchMemoryEntry(
                        vendor_id=vendor_id, key=key, product_id=product_id, user=user[:200]
                    )
                )
            elif entry.product_id != product_id or entry.user != user:
                entry.product_id = product_id
                entry.user = user[:200]
        if product is None:
            line.match_method = NOT_PRODUCT
            line.match_score = 1.0
        logger.info(
            "remembered for vendor %s: %s -> %s",
            vendor_id,
            memory_keys(line.code, line.description),
            product.sku if product is not None else "no product",
        )
