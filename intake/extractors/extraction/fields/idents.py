"""Identifiers (invoice, order and quote numbers) without stray punctuation."""

from __future__ import annotations

import re

__all__ = ["clean_id", "compact_id", "looks_like_id"]

_EDGE = re.compile(r"^[\s#:.,;|()\[\]{}\"'*–—-]+|[\s:.,;|()\[\]{}\"'*–—-]+$")
_PREFIX = re.compile(r"^(?:no|nr|n°|nº|num|number|#)[.:]?\s*(?=\S*\d)", re.IGNORECASE)


def clean_id(text: str) -> str:
    """``"#: INV-2024/118."`` -> ``"INV-2024/118"``."""
    text = _EDGE.sub("", text.strip())
    text = _PREFIX.sub("", text)
    return _EDGE.sub("", text)


def compact_id(text: str) -> str:
    """Letters and digits only, lower-cased: how numbers are compared and searched."""
    return re.sub(r"[\W_]+", "", text).lower()


def looks_like_id(text: str) -> bool:
    """An identifier has a digit, no spaces inside, and is not a plain date or amount."""
    if not text or len(text) > 40 or " " in text.strip():
        return False
    if not any(c.isdigit() for c in text):
        return False
    return not re.fullmatch(r"\d{1,3}(?:[.,]\d{3})*[.,]\d{2}", text)
