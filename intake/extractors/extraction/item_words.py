"""Which column an item row's word belongs to where a text runs past its column's
middle: a description's or code's words running on toward the next column's header, and
a code column told apart inside the item's text. Used by
:mod:`intake.extractors.extraction.line_items`."""

from __future__ import annotations

import re

from intake.extractors.extraction.table_rows import NUMERIC, Column, Item
from intake.record import Word

__all__ = ["code_column", "code_row", "glued", "runs_on"]


def glued(prev: Word | None, w: Word) -> bool:
    """Whether ``w`` follows ``prev`` as the next word of one text (no column's gap)."""
    if prev is None:
        return False
    return w.x0 - prev.x1 <= max(1.2 * (w.bottom - w.top), 7.0)


def runs_on(
    c: Column, left: Column, w: Word, prev: Word | None, prev_role: str, after: Word | None
) -> bool:
    """Whether ``w``, past the middle of the gap between column ``left`` (an item's text)
    and ``c``, still belongs to that text. A long description runs on into the gap; a word
    there without a digit is the text's (as long as it starts left of the numeric column's
    header), and so is a number inside the text: it ends before the header starts, and the
    text runs on both sides of it without a column's gap ("... 160 mm centres"; a column's
    numbers sit under its header, and a number that ends a text may be a price printed
    beside it), or it ends the text and the column's own value follows under the header,
    apart ("Typkl. 18   67,2244"). Before a short column's header (a unit's) any word glued
    to the text and ending before the header starts is the text's ("rotolo 50 m | RT").
    A code's words glued to it run on so toward the description's header, and a
    description's toward a code's."""
    if left.role in ("description", "code") and c.role in ("description", "code"):
        # a code of several words ("HAI-D-2210 rev C") ends before the description's
        # header, whose text starts under it, and a description before the code's: a word
        # glued to the text and ending there is the text's
        return w.x1 <= c.x0 and prev_role == left.role and glued(prev, w)
    if left.role not in ("description", "code") or c.role in ("description", "code"):
        return False
    if w.x0 >= c.x0:
        return False
    glued_on = w.x1 <= c.x0 and prev_role == left.role and glued(prev, w)
    if c.role not in NUMERIC:
        return glued_on
    if not any(ch.isdigit() for ch in w.text):
        return True
    return (
        glued_on
        and after is not None
        and (
            (after.x0 < c.x0 and glued(w, after))
            or (c.lo <= (after.x0 + after.x1) / 2 < c.hi and not glued(w, after))
        )
    )


#: a word that may be an identifier: with a figure, or in capitals ("EPS-100", "VOORR")
_CODE_LIKE = re.compile(r"\S*\d\S*|[A-ZÀ-Þ]{2,}(?:[-_/.][A-ZÀ-Þ\d]+)*")


def code_column(items: list[Item], split: float) -> None:
    """Where two headers name the item's text ("Artikel  Bezeichnung", "Product
    Description") and on every item's row the first holds one word with a figure (or in
    capitals, where another row's has a figure) while the second holds the rest, the first
    is the items' code column: a column headed apart holds one kind of value, and a single
    word with a figure on every row is an identifier, not the start of a text. The words
    that end before ``split`` (where the second header starts) become the code. Where any
    row breaks the pattern, nothing moves."""
    if not split or not items or any(item.cells.get("code") for item in items):
        return
    codes: list[list[Word]] = []
    for item in items:
        words = item.cells.get("description", [])
        left = [w for w in words if w.x1 <= split]
        if len(left) != 1 or len(left) == len(words) or not _CODE_LIKE.fullmatch(left[0].text):
            return
        codes.append(left)
    if not any(re.search(r"\d", code[0].text) for code in codes):
        return
    for item, code in zip(items, codes, strict=True):
        item.cells["code"] = code
        item.cells["description"] = [w for w in item.cells["description"] if w not in code]


def code_row(words: list[Word], label: re.Pattern[str]) -> list[Word] | None:
    """The item's code, where a row under it is a code's label and one word with a figure
    ("Art.-Nr. WP-8000", "SKU: 40117"): the code's words, else None."""
    text = " ".join(w.text for w in words)
    m = label.match(text)
    if m is None or len(words) < 2 or not re.search(r"\d", words[-1].text):
        return None
    rest = text[m.end() :].strip(" :.#")
    return [words[-1]] if rest == words[-1].text.strip(" :.#") else None
