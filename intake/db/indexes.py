"""Indexes for search (amount and due-date conditions and sorting) and for the review
queue (documents read with low confidence)."""

from __future__ import annotations

from sqlalchemy import Index

from intake.db.models import Document

__all__ = ["SEARCH_INDEXES"]

SEARCH_INDEXES = (
    Index("ix_documents_total", Document.total),
    Index("ix_documents_due_date", Document.due_date),
    Index("ix_documents_confidence", Document.confidence),
)
