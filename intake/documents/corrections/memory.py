"""The hook where people's product links feed the matching memory of line-item matching."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from sqlalchemy.orm import Session

from intake.db.models import LineItem, Product

__all__ = ["MatchMemory", "feed_match_memory"]


@runtime_checkable
class MatchMemory(Protocol):
    """Learns from a person linking a line to a product (or unlinking it: ``None``)."""

    def remember(
        self, session: Session, line: LineItem, product: Product | None, *, user: str
    ) -> None: ...


def feed_match_memory(
    session: Session,
    line: LineItem,
    product: Product | None,
    *,
    user: str,
    memories: Sequence[MatchMemory],
) -> None:
    """The hook where a corrected product link feeds the matching memories (the
    composition's: :class:`intake.filing.wiring.Wiring`)."""
    for memory in memories:
        memory.remember(session, line, product, user=user)
