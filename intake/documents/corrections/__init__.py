"""Corrections by people: any field, line or product link of a filed document.

Every change is checked and normalised like an extracted value (ISO dates, decimal
amounts, ISO currency codes), saved with an audit entry (who, when, old, new), marks the
document ``needs_index`` so that the indexer brings the search index up to date, and is
refused when the document changed since the form was shown (``version``).

Fields are corrected by :mod:`~intake.documents.corrections.fields`, lines and product
links by :mod:`~intake.documents.corrections.lines`; a corrected product link feeds the
matching memories the composition passes in (:mod:`~intake.documents.corrections.memory`).
"""
