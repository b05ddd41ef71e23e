"""Ingest: how files come into Intake's hands (drop folders, uploads) and are processed."""
