"""The hook where people's product links feed the matching memory of line-item matching."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from sqlalchemy.orm import Session

from intake.db import LineItem, Product

__all__ = ["MATCH_MEMORIES", "MatchMemory", "feed_match_memory"]


@runtime_checkable
class MatchMemory(Protocol):
    """Learns from a person linking a line to a product (or unlinking it: ``None``)."""

    def remember(
        self, session: Session, line: LineItem, product: Product | None, *, user: str
    ) -> None: ...


#: The matching memories fed by product-link corrections (line-item matching adds its own).
MATCH_MEMORIES: list[MatchMemory] = []


def feed_match_memory(
    session: Session, line: LineItem, product: Product | None, *, user: str
) -> None:
    """The hook where a corrected product link feeds the matching memory."""
    for memory in MATCH_MEMORIES:
        memory.remember(session, line, product, user=user)
