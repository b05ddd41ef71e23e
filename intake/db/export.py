"""Tables of the export to accounting: coding rules, batches and what each batch held."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intake.db.models import Base, Document, Vendor, utcnow

__all__ = ["ExportBatch", "ExportItem", "ExportRule"]


class ExportRule(Base):
    """The default account and tax code of one vendor or of one product category.

    A vendor rule may also carry what an e-invoice needs about the vendor and no document
    states reliably: its country, VAT number and Peppol endpoint (``scheme:id``).
    """

    __tablename__ = "export_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    vendor_id: Mapped[int | None] = mapped_column(
        ForeignKey("vendors.id", ondelete="CASCADE"), unique=True
    )
    category: Mapped[str | None] = mapped_column(String(200), unique=True)
    account: Mapped[str | None] = mapped_column(String(100))
    tax_code: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str | None] = mapped_column(String(2))
    vat_id: Mapped[str | None] = mapped_column(String(50))
    endpoint: Mapped[str | None] = mapped_column(String(200))
    updated_by: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    vendor: Mapped[Vendor | None] = relationship()

    __table_args__ = (
        CheckConstraint("(vendor_id IS NULL) <> (category IS NULL)", name="one_scope"),
    )


class ExportBatch(Base):
    """One export: who made it, when, in which format, and the exact bytes handed out."""

    __tablename__ = "export_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    format: Mapped[str] = mapped_column(String(16), index=True)
    user: Mapped[str] = mapped_column(String(200))
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    again_of_id: Mapped[int | None] = mapped_column(ForeignKey("export_batches.id"))
    document_count: Mapped[int] = mapped_column(Integer, default=0)
    filename: Mapped[str] = mapped_column(String(200), default="")
    media_type: Mapped[str] = mapped_column(String(100), default="")
    content: Mapped[bytes] = mapped_column(LargeBinary, default=b"", deferred=True)

    items: Mapped[list[ExportItem]] = relationship(
        back_populates="batch", order_by="ExportItem.id", cascade="all, delete-orphan"
    )


class ExportItem(Base):
    """A document in a batch, with the version of it that was exported.

    A document's first export in a format is unique (``again`` false), enforced by the
    database: two exports racing for the same documents cannot both commit.
    """

    __tablename__ = "export_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("export_batches.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    format: Mapped[str] = mapped_column(String(16))
    again: Mapped[bool] = mapped_column(Boolean, default=False)
    document_updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    total: Mapped[Decimal | None]

    batch: Mapped[ExportBatch] = relationship(back_populates="items")
    document: Mapped[Document] = relationship()

    __table_args__ = (
        UniqueConstraint("batch_id", "document_id"),
        Index(
            "ux_export_items_once",
            "format",
            "document_id",
            unique=True,
            sqlite_where=text("NOT again"),
            postgresql_where=text("NOT again"),
        ),
    )
