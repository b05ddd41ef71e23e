"""The tables. Only this package defines tables; every other module goes through it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates

from intake.db.types import Money
from intake.keys import number_key

__all__ = [
    "AuditEntry",
    "Base",
    "ChangeCounter",
    "Document",
    "DocumentPage",
    "IntakeFile",
    "LedgerState",
    "LineItem",
    "Product",
    "ProductAlias",
    "User",
    "Vendor",
    "utcnow",
]


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, Decimal: Money}


class LedgerState:
    """States of an intake ledger row. The last four are terminal."""

    PROCESSING = "processing"
    FILED = "filed"
    DUPLICATE = "duplicate"
    QUARANTINED = "quarantined"
    DISCARDED = "discarded"  # a quarantined file a person chose to drop (kept on disk)
    TERMINAL = frozenset({FILED, DUPLICATE, QUARANTINED, DISCARDED})


class Vendor(Base):
    __tablename__ = "vendors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300), unique=True)  # normalised name
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    documents: Mapped[list[Document]] = relationship(back_populates="vendor")


class ChangeCounter(Base):
    """A counter of a change sequence (one row: ``documents``, :mod:`intake.db.changes`)."""

    __tablename__ = "change_counters"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class Document(Base):
    """A filed document. Columns hold the key fields; ``fields`` holds every extracted field
    with its confidence, source and box."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    original_name: Mapped[str] = mapped_column(String(1024))
    source_path: Mapped[str] = mapped_column(String(4096), default="")
    folder_hint: Mapped[str | None] = mapped_column(String(1024))
    kind: Mapped[str] = mapped_column(String(16))
    ext: Mapped[str] = mapped_column(String(16))
    size: Mapped[int] = mapped_column(Integer)
    page_count: Mapped[int] = mapped_column(Integer, default=0)
    doc_type: Mapped[str | None] = mapped_column(String(32), index=True)
    doc_type_confidence: Mapped[float] = mapped_column(Float, default=0.0)
    number: Mapped[str | None] = mapped_column(String(200), index=True)
    invoice_number: Mapped[str | None] = mapped_column(String(200))
    po_number: Mapped[str | None] = mapped_column(String(200), index=True)
    quote_number: Mapped[str | None] = mapped_column(String(200), index=True)
    # The three numbers as compared (intake.keys.number_key): duplicates, order references
    # and `number:` search look them up here. Kept in step by _keep_number_keys.
    number_key: Mapped[str | None] = mapped_column(String(200))
    po_number_key: Mapped[str | None] = mapped_column(String(200), index=True)
    quote_number_key: Mapped[str | None] = mapped_column(String(200), index=True)
    vendor_id: Mapped[int | None] = mapped_column(ForeignKey("vendors.id"), index=True)
    buyer: Mapped[str | None] = mapped_column(String(300))
    issue_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    valid_until: Mapped[dt.date | None] = mapped_column(Date, index=True)
    #: when the goods are to come (an order's requested date, an invoice's delivery date)
    delivery_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    currency: Mapped[str | None] = mapped_column(String(3))
    subtotal: Mapped[Decimal | None]
    tax: Mapped[Decimal | None]
    total: Mapped[Decimal | None]
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    fields: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    content: Mapped[str] = mapped_column(Text, default="")
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    needs_index: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    #: The number of the transaction that last changed it (:mod:`intake.db.changes`).
    change_seq: Mapped[int] = mapped_column(BigInteger, default=0, index=True)
    # Why the indexer could not index this version of the document (None: it could).
    index_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    vendor: Mapped[Vendor | None] = relationship(back_populates="documents")
    lines: Mapped[list[LineItem]] = relationship(
        back_populates="document", order_by="LineItem.position", cascade="all, delete-orphan"
    )
    pages: Mapped[list[DocumentPage]] = relationship(
        order_by="DocumentPage.number", cascade="all, delete-orphan"
    )

    __table_args__ = (
        Index("ix_documents_vendor_issue_date", "vendor_id", "issue_date"),
        Index("ix_documents_number_key", "number_key", "vendor_id"),
        # Facet counts and conditions read only these columns: scanning this index is far
        # cheaper than scanning the table, whose rows carry each document's text.
        Index("ix_documents_facets", "doc_type", "issue_date", "vendor_id", "total", "due_date"),
        Index("ix_documents_total", "total"),
        Index("ix_documents_due_date", "due_date"),
        Index("ix_documents_confidence", "confidence"),
        Index("ix_documents_duplicate_of_id", "duplicate_of_id"),
    )

    @property
    def archive_name(self) -> str:
        return f"{self.sha256}.{self.ext}"

    @validates("number", "po_number", "quote_number")
    def _keep_number_keys(self, name: str, value: str | None) -> str | None:
        key = number_key(value) if value else ""
        setattr(self, f"{name}_key", key[:200] or None)
        return value


class DocumentPage(Base):
    """The words of one page with their boxes (zlib-compressed JSON), so that re-extracting
    or reindexing never reads or OCRs the file again."""

    __tablename__ = "document_pages"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    width: Mapped[float] = mapped_column(Float)
    height: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(8))
    words: Mapped[bytes] = mapped_column(LargeBinary)

    __table_args__ = (UniqueConstraint("document_id", "number"),)


class LineItem(Base):
    __tablename__ = "line_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text, default="")
    code: Mapped[str | None] = mapped_column(String(200))
    quantity: Mapped[Decimal | None]
    unit: Mapped[str | None] = mapped_column(String(32))
    unit_price: Mapped[Decimal | None]
    amount: Mapped[Decimal | None]
    delivery_date: Mapped[dt.date | None] = mapped_column(Date)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"), index=True)
    match_method: Mapped[str | None] = mapped_column(String(16))
    match_score: Mapped[float | None] = mapped_column(Float)

    document: Mapped[Document] = relationship(back_populates="lines")
    product: Mapped[Product | None] = relationship()


class Product(Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(500))
    unit: Mapped[str | None] = mapped_column(String(32))
    category: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    aliases: Mapped[list[ProductAlias]] = relationship(
        back_populates="product", cascade="all, delete-orphan"
    )


class ProductAlias(Base):
    __tablename__ = "product_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(500))
    key: Mapped[str] = mapped_column(String(500), index=True)  # normalised for matching

    product: Mapped[Product] = relationship(back_populates="aliases")


class IntakeFile(Base):
    """The intake ledger: one row per file claimed from a drop folder (or ingested)."""

    __tablename__ = "intake_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim: Mapped[str] = mapped_column(String(32), unique=True)  # folder name in processing/
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    source_path: Mapped[str] = mapped_column(String(4096))
    original_name: Mapped[str] = mapped_column(String(1024))
    folder_hint: Mapped[str | None] = mapped_column(String(1024))
    size: Mapped[int | None] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    stored_path: Mapped[str | None] = mapped_column(String(4096))  # in quarantine/duplicates
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    document: Mapped[Document | None] = relationship()


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    field: Mapped[str | None] = mapped_column(String(200))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_id"),)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    password_hash: Mapped[str] = mapped_column(String(500))
    role: Mapped[str] = mapped_column(String(16))  # "admin", "editor" or "viewer"
    token_hash: Mapped[str | None] = mapped_column(String(128), index=True)
    #: the calendar feed's token (read-only, revocable, apart from the API token)
    feed_token_hash: Mapped[str | None] = mapped_column(String(128), index=True)
    session_version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
