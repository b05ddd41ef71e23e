"""Extraction: what a document says, field by field (the per-type extractors and the steps
that follow them)."""
