"""How names, codes and document numbers are compared: one normaliser for the catalog,
line-item matching, the matching memory, duplicate detection and order references.

* :func:`alias_key`: a product name or alias, with case, Unicode forms, punctuation and
  spacing ignored (``"Drill-Bit  SET, 25 pcs."`` -> ``"drill bit set 25 pcs"``).
* :func:`code_key`: an article code, with dashes, dots, slashes and spaces ignored as well
  (``"AT-100"``, ``"at 100"`` and ``"AT100"`` are one code).
* :func:`number_key`: a document number, like a code, with leading zeros of each run of
  digits ignored too (``"INV-2024/0118"`` and ``"inv 2024 118"`` are one invoice).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["alias_key", "code_key", "looks_like_code", "number_key", "text_key"]

_NON_WORD = re.compile(r"[^\w\s]|_")
_LEADING_ZEROS = re.compile(r"(?<![0-9])0+(?=[0-9])")  # of each run of digits


def text_key(text: str) -> str:
    """Running text normalised like names (any length)."""
    s = unicodedata.normalize("NFKC", text).casefold()
    s = _NON_WORD.sub(" ", s)
    return " ".join(s.split())


def alias_key(name: str) -> str:
    """How product names and aliases are compared: case, Unicode forms, punctuation and
    spacing ignored."""
    return text_key(name)[:500]


def code_key(code: str) -> str:
    """An article code with case, punctuation and spaces ignored."""
    return alias_key(code).replace(" ", "")


def number_key(number: str) -> str:
    """A document number as compared for duplicates and references."""
    return _LEADING_ZEROS.sub("", alias_key(number)).replace(" ", "")


def looks_like_code(key: str) -> bool:
    """Whether a code key is distinctive enough to be recognised inside running text: a
    digit among at least four characters (``at100``, ``4711``), never a plain word."""
    return len(key) >= 4 and any(c.isdigit() for c in key)
