"""Readers: a file's bytes to pages of words with boxes (the PDF text layer, OCR of scans
and photos, plain text)."""
