"""Indexes for search (facet counts, amount and due-date conditions and sorting), for the
review queue (documents read with low confidence) and for the document page (duplicates)."""

from __future__ import annotations

from sqlalchemy import Index

from intake.db.models import Document

__all__ = ["FACET_INDEX", "SEARCH_INDEXES"]

#: Facet counts and conditions read only these columns: scanning this index is far
#: cheaper than scanning the table, whose rows carry each document's text.
FACET_INDEX = "ix_documents_facets"

SEARCH_INDEXES = (
    Index(
        FACET_INDEX,
        Document.doc_type,
        Document.issue_date,
        Document.vendor_id,
        Document.total,
        Document.due_date,
    ),
    Index("ix_documents_total", Document.total),
    Index("ix_documents_due_date", Document.due_date),
    Index("ix_documents_confidence", Document.confidence),
    Index("ix_documents_duplicate_of_id", Document.duplicate_of_id),
)
