"""A name printed in capitals where the document also prints it in small letters: the
letterhead sets a company's name in capitals ("GALLO BROS. ELECTRIC, INC.") and its
payment line, imprint or an address block writes it as the company does ("Gallo Bros.
Electric, Inc."). The name is filed as the company writes it. Used by
:mod:`intake.extractors.extraction.business`."""

from __future__ import annotations

import re

__all__ = ["as_written"]


def as_written(text: str, name: str) -> str:
    """``name`` as ``text`` writes it elsewhere in small letters, where ``name`` is in
    capitals only and ``text`` prints the same words (any case, any spacing) with small
    letters among them; else ``name`` unchanged."""
    if any(ch.islower() for ch in name) or not any(ch.isupper() for ch in name):
        return name
    words = name.split()
    if len(words) < 2:
        return name  # one word in capitals ("ACME") is a brand as much as a name
    pattern = r"(?<![\w])" + r"\s+".join(map(re.escape, words)) + r"(?![\w])"
    for m in re.finditer(pattern, text, re.IGNORECASE):
        if any(ch.islower() for ch in m.group(0)):
            return " ".join(m.group(0).split())
    return name
