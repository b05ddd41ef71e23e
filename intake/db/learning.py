"""Tables of learning from corrections: the rules learned per vendor (where a field's value
stands, a vendor's usual values and document type, a drop folder's type) and the signs that
recognise a vendor (VAT ids, IBANs, name variants, letterheads)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from intake.db.models import Base, utcnow

__all__ = ["LearnedRule", "VendorSign"]


class LearnedRule(Base):
    """One thing learned from a correction: for this vendor's documents (or this drop
    folder's), how to find ``field``. ``kind`` is ``label`` (the value stands beside or
    below the words ``label``), ``page`` (at a place on the page, unlabelled) or ``value``
    (the vendor's usual value: currency, buyer, document type). ``hits`` and ``misses``
    count later corrections that agreed and disagreed; ``audit_id`` is the correction that
    taught it."""

    __tablename__ = "learned_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    vendor_id: Mapped[int | None] = mapped_column(
        ForeignKey("vendors.id", ondelete="CASCADE"), index=True
    )
    folder: Mapped[str | None] = mapped_column(String(1024))
    field: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    label: Mapped[str | None] = mapped_column(String(300))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    hits: Mapped[int] = mapped_column(Integer, default=1)
    misses: Mapped[int] = mapped_column(Integer, default=0)
    audit_id: Mapped[int | None] = mapped_column(ForeignKey("audit_log.id", ondelete="SET NULL"))
    document_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class VendorSign(Base):
    """A sign that a document comes from a vendor: ``kind`` is ``vat``, ``iban``, ``name``
    (a variant of the vendor's name: an alias) or ``letterhead``; ``key`` its normal form.
    A sign seen on two vendors' documents recognises neither (``vendor_id`` NULL)."""

    __tablename__ = "vendor_signs"

    id: Mapped[int] = mapped_column(primary_key=True)
    vendor_id: Mapped[int | None] = mapped_column(
        ForeignKey("vendors.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(300))
    audit_id: Mapped[int | None] = mapped_column(ForeignKey("audit_log.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("kind", "key", name="uq_vendor_signs_kind_key"),)
