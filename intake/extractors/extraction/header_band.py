"""A table header printed on several tight lines: "Net" over "Price", "Ordered" over
"Qty", a column's words stacked where one line has no room for them.

Generators that print many columns stack each column's header words in two or three
lines set closer together than the rows of the table. Read line by line, each line names
a few roles and the last one wins; read as one band, each column's words join up ("Net
Price", "Ordered Qty") and the table gets all its columns.
"""

from __future__ import annotations

import re

from intake.extractors.extraction.layout import Cell, Layout, Line
from intake.extractors.extraction.table_rows import AGAIN, NUMERIC, ONE_WORD, OTHER, Column
from intake.record import Word

__all__ = ["Stack", "band_roles", "heading_pieces", "last_role", "run_together", "stacked_header"]

#: A band of header lines runs this many lines at most.
MAX_LINES = 6
#: Lines of one band are closer than this share of their height (a table's rows are
#: further apart).
TIGHT = 0.5
_FIGURE = re.compile(r"\d[.,]\d")
#: a vertical rule as OCR reads it ("|", "¦"): it parts two columns
_RULE = re.compile(r"[|¦]+")

#: Words of one header line further apart than this share of their height head two
#: columns: a phrase's words are a space apart ("Unit Price", "Line Total"), two
#: columns' headers at least a column's gap.
COLUMN_GAP = 0.5
#: A column's header is made of header words ("Net Price", "Ordered Qty"): a stack in
#: which the words its roles name are fewer than this share is a block of text the band
#: ran into (a party's name, street and town under its role label), not a header.
HEADER_SHARE = 1 / 3
#: (text, x0, x1) of one column's header words, read top to bottom
Stack = tuple[str, float, float]


def _text_only(line: Line) -> bool:
    return not any(_FIGURE.search(c.text) for c in line.cells)


def _tight(above: Line, below: Line) -> bool:
    height = max(above.height, below.height, 1.0)
    return above.page == below.page and below.top - above.bottom < TIGHT * height


def heading_pieces(cell: Cell) -> list[tuple[float, float, float, str]]:
    """A header cell's runs of words (top, x0, x1, text): words further apart than
    :data:`COLUMN_GAP` head two columns set close ("Qty.  Unit" read as one cell)."""
    runs: list[list[Word]] = []
    ruled = False
    for w in cell.words:
        if _RULE.fullmatch(w.text):
            ruled = True  # a table's rule OCR read as a bar between two columns' headers
            continue
        if runs and not ruled and w.x0 - runs[-1][-1].x1 <= COLUMN_GAP * max(w.bottom - w.top, 1.0):
            runs[-1].append(w)
        else:
            runs.append([w])
        ruled = False
    return [(cell.top, r[0].x0, r[-1].x1, " ".join(w.text for w in r)) for r in runs]


def _joined(parts: list[str]) -> str:
    """A column's header words, top to bottom; a word hyphenated at the end of its line
    joins the next ("Einzel-" over "preis" is "Einzelpreis", "Quan-" over "tity")."""
    out = ""
    for part in parts:
        if out.endswith("-") and part[:1].islower():
            out = out[:-1] + part
        else:
            out = f"{out} {part}" if out else part
    return out


def stacked_header(layout: Layout, index: int) -> tuple[list[Stack], int] | None:
    """The columns of the band of header lines that begins at line ``index``, and the
    index of its last line; None when that line begins no band of two lines or more."""
    lines = layout.lines
    if not _text_only(lines[index]):
        return None
    if index > 0 and _text_only(lines[index - 1]) and _tight(lines[index - 1], lines[index]):
        return None  # inside a band that began above
    last = index
    while (
        last + 1 < len(lines)
        and last + 1 - index < MAX_LINES
        and _text_only(lines[last + 1])
        and _tight(lines[last], lines[last + 1])
    ):
        last += 1
    if last == index:
        return None
    pieces = sorted(
        (piece for ln in lines[index : last + 1] for c in ln.cells for piece in heading_pieces(c)),
        key=lambda e: e[1],
    )
    groups: list[list[tuple[float, float, float, str]]] = []
    right = -1.0
    for piece in pieces:
        if groups and piece[1] < right + 1:
            groups[-1].append(piece)
            right = max(right, piece[2])
        else:
            groups.append([piece])
            right = piece[2]
    stacks = [
        (
            _joined([t for _, _, _, t in sorted(g, key=lambda e: (round(e[0]), e[1]))]),
            min(e[1] for e in g),
            max(e[2] for e in g),
        )
        for g in groups
    ]
    return stacks, last


def last_role(text: str, roles: dict[str, re.Pattern[str]]) -> str | None:
    """The role of a column from its stacked header words (``roles``: role -> its header
    words, strongest first): of several, the one named last ("Price per Qty" is a
    quantity, "Qty Unit" a unit: the last word of a header names what it heads); None
    where header words make less than :data:`HEADER_SHARE` of the words."""
    found: list[tuple[int, int, str]] = []
    for role, pattern in roles.items():
        for m in pattern.finditer(text):
            if not any(m.start() < e and s < m.end() for s, e, _ in found):
                found.append((m.start(), m.end(), role))
    named = sum(len(text[s:e].split()) for s, e, _ in found)
    if named < HEADER_SHARE * len(text.split()):
        return None
    return max(found, key=lambda f: f[1])[2] if found else None


#: a word in capitals long enough to be two header words run together
_CAPITALS = re.compile(r"(?<![^\W\d_])[A-ZÀ-ÖØ-Þ]{8,}(?![^\W\d_])")
#: each of the two words at least this long: a short header word ("EP", "ME", "POS") is
#: also a piece of longer words
RUN_MIN = 3


def run_together(
    text: str, taken: list[tuple[int, int]], roles: dict[str, re.Pattern[str]]
) -> list[tuple[str, int, int]]:
    """Two header words in capitals printed without a space between them
    ("PRECIODESCUENTO", "MENGEEINHEIT": the cells touch), where no role's words matched
    the word whole: (role, start, end) for each, or nothing where no split into two
    roles' words of :data:`RUN_MIN` letters or more reads it."""
    out: list[tuple[str, int, int]] = []
    for word in _CAPITALS.finditer(text):
        if any(word.start() < e and s < word.end() for s, e in taken):
            continue
        for cut in range(word.start() + RUN_MIN, word.end() - RUN_MIN + 1):
            first = _role_of(text[word.start() : cut], roles)
            second = _role_of(text[cut : word.end()], roles)
            # two roles, or two counts (ordered and back-ordered: each keeps its column)
            if first and second and (first != second or first == "count"):
                out += [(first, word.start(), cut), (second, cut, word.end())]
                break
    return out


def _role_of(word: str, roles: dict[str, re.Pattern[str]]) -> str | None:
    return next((role for role, pattern in roles.items() if pattern.fullmatch(word)), None)


def band_roles(stacks: list[Stack], words: dict[str, re.Pattern[str]]) -> list[Column]:
    """The columns a stacked header names. A role named twice ("Price", "Net Price") keeps
    both columns: the first that holds a number is read, all go to :func:`check_item`
    (``words``: each role's header words)."""
    columns = [Column(role, x0, x1) for text, x0, x1 in stacks if (role := last_role(text, words))]
    roles = {c.role for c in columns}
    if len(roles) < 2 or not roles & NUMERIC or roles <= {"amount", "tax_rate"}:
        return []
    seen: set[str] = set()
    for c in columns:
        if c.role in seen:
            c.role = f"{c.role}{AGAIN}"
        seen.add(c.role)
    # a one-word header naming no role right of the item's text ("HSN/SAC", "per") heads
    # a column of its own: its values are neither the text's nor a quantity's
    if described := next((c for c in columns if c.role == "description"), None):
        columns += [
            Column(OTHER, x0, x1)
            for text, x0, x1 in stacks
            if x0 > described.x1 and not last_role(text, words) and ONE_WORD.fullmatch(text)
        ]
        columns.sort(key=lambda c: c.x0)
    return columns
