"""Tables of filing against products: the matching memory, invoice-versus-order checks,
products named in contracts, and people's decisions on duplicates."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from intake.db.models import Base, utcnow

__all__ = [
    "ContractProduct",
    "DuplicateDecision",
    "MatchMemoryEntry",
    "OrderLineMatch",
    "OrderMatch",
]


class MatchMemoryEntry(Base):
    """What a person taught: on this vendor's documents, a line with this code (``code:...``)
    or this description (``desc:...``) is this product (``None``: not a catalog product)."""

    __tablename__ = "match_memory"

    id: Mapped[int] = mapped_column(primary_key=True)
    vendor_id: Mapped[int | None] = mapped_column(ForeignKey("vendors.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(520))
    product_id: Mapped[int | None] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), index=True
    )
    user: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    __table_args__ = (Index("ix_match_memory_vendor_key", "vendor_id", "key"),)


class OrderMatch(Base):
    """An invoice checked against its purchase order: the status of the whole invoice, why,
    and whether a person accepted a mismatch (which lets it go to the books)."""

    __tablename__ = "order_matches"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    order_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(String(24), index=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    checked_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    accepted_by: Mapped[str | None] = mapped_column(String(200))
    accepted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class OrderLineMatch(Base):
    """One invoice line against the order line it was paired with (none: not ordered)."""

    __tablename__ = "order_line_matches"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    line_id: Mapped[int] = mapped_column(
        ForeignKey("line_items.id", ondelete="CASCADE"), unique=True
    )
    order_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("line_items.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(String(24))
    explanation: Mapped[str] = mapped_column(Text, default="")


class ContractProduct(Base):
    """A product a contract names (by SKU, alias or full name) in its text."""

    __tablename__ = "contract_products"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    product_id: Mapped[int] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), index=True
    )
    method: Mapped[str] = mapped_column(String(16))
    evidence: Mapped[str] = mapped_column(String(500), default="")

    __table_args__ = (UniqueConstraint("document_id", "product_id"),)


class DuplicateDecision(Base):
    """A person's word on a document flagged (or not) as a duplicate: ``duplicate``
    (confirmed; it stays held back) or ``not_duplicate`` (never flagged again)."""

    __tablename__ = "duplicate_decisions"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    verdict: Mapped[str] = mapped_column(String(16))
    user: Mapped[str] = mapped_column(String(200))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
