"""Where a table header's words for column roles stand in one header cell: whether two
matches overlap, and a code's and the text's headers joined by a slash, which head one
column (used by :mod:`intake.extractors.extraction.line_items`)."""

from __future__ import annotations

import re

__all__ = ["one_text", "overlaps"]


def one_text(found: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, str]]:
    """The roles a header cell names, as (start, end, role); a code's and the text's
    headers joined by a slash ("Part Number / Description", "Code/Désignation") head one
    column, the item's text, over the whole of both."""
    found = sorted(found)
    for i, (a, b, role) in enumerate(found[:-1]):
        c, d, other = found[i + 1]
        if {role, other} == {"code", "description"} and re.fullmatch(r"\s*/\s*", text[b:c]):
            return [*found[:i], (a, d, "description"), *found[i + 2 :]]
    return found


def overlaps(m: re.Match[str], spans: list[tuple[int, int]]) -> bool:
    """Whether the words ``m`` matched overlap a span another role already took."""
    return any(m.start() < end and start < m.end() for start, end in spans)
