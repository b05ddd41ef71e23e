"""Corrections by people: any field, line or product link of a filed document.

Every change is checked and normalised like an extracted value (ISO dates, decimal
amounts, ISO currency codes), saved with an audit entry (who, when, old, new), marks the
document ``needs_index`` so that the indexer brings the search index up to date, and is
refused when the document changed since the form was shown (``version``).

A corrected product link is handed to :func:`feed_match_memory`: the hook through which
line-item matching learns from people (register a :class:`MatchMemory`).
"""

from intake.documents.corrections.common import InvalidCorrection
from intake.documents.corrections.fields import (
    STANDARD_FIELDS,
    confirm_document,
    correct_fields,
    editable_fields,
)
from intake.documents.corrections.lines import LINE_ATTRIBUTES, add_line, correct_line, delete_line
from intake.documents.corrections.memory import MATCH_MEMORIES, MatchMemory, feed_match_memory

__all__ = [
    "LINE_ATTRIBUTES",
    "MATCH_MEMORIES",
    "STANDARD_FIELDS",
    "InvalidCorrection",
    "MatchMemory",
    "add_line",
    "confirm_document",
    "correct_fields",
    "correct_line",
    "delete_line",
    "editable_fields",
    "feed_match_memory",
]
