"""The page as lines and cells, and the search for values beside and below labels.

A *line* is a row of words at the same height; a *cell* is a run of words on a line with
no wide gap inside (table columns and side-by-side blocks become separate cells). Labels
are found by regex on cell text; their value is the rest of the label's cell, the next
cell to the right, or the cell just below that overlaps the label horizontally.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property

from intake.extractors.extraction.labels import LABELS, LabelSet, label_set
from intake.extractors.extraction.page_rows import page_rows
from intake.extractors.extraction.vocabulary import vocabulary
from intake.record import Box, Record, Word

__all__ = ["ALIGNED", "CELL_GAP", "NUMBER_WORD", "Cell", "Hit", "Layout", "Line"]
#: a number word ("n.", "No.", "Nr.", "N°"), alone the end of a number's label
NUMBER_WORD = re.compile(vocabulary().number_pattern, re.IGNORECASE)

#: what joins the cells of a row in a line's text (:attr:`Line.text`)
CELL_GAP = "  "


@dataclass(frozen=True)
class Cell:
    page: int
    line: int  # index into Layout.lines
    words: tuple[Word, ...]
    text: str

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def box(self) -> Box:
        return Box.around(self.page, self.words)

    @property
    def height(self) -> float:
        return max(w.bottom - w.top for w in self.words)

    def offsets(self) -> list[int]:
        out, pos = [], 0
        for w in self.words:
            out.append(pos)
            pos += len(w.text) + 1
        return out

    def tail(self, start: int) -> Cell | None:
        """The words of this cell that begin at or after character ``start``; a word that
        the label ends inside of ("N°123456789") is cut at the label's end."""
        words: list[Word] = []
        for w, pos in zip(self.words, self.offsets(), strict=True):
            end = pos + len(w.text)
            if pos >= start:
                words.append(w)
            elif end > start:
                cut = start - pos
                share = (w.x1 - w.x0) * cut / max(len(w.text), 1)
                words.append(replace(w, text=w.text[cut:], x0=w.x0 + share))
        words = [w for w in words if w.text.strip()]
        if not words:
            return None
        return Cell(self.page, self.line, tuple(words), " ".join(w.text for w in words))

    def head(self, end: int) -> Cell:
        """The words of this cell that begin before character ``end`` (the last cut there)."""
        words = [
            replace(w, text=w.text[: end - pos])
            for w, pos in zip(self.words, self.offsets(), strict=True)
            if pos < end
        ]
        return Cell(self.page, self.line, tuple(words), " ".join(w.text for w in words))

    def span_box(self, start: int, end: int) -> Box:
        words = [
            w
            for w, pos in zip(self.words, self.offsets(), strict=True)
            if pos + len(w.text) > start and pos < end
        ]
        return Box.around(self.page, words or self.words)

    def printed_span(self, start: int, end: int) -> tuple[float, float]:
        """Where the characters ``start:end`` are printed, left and right: the words they
        touch, but where they begin or end between two letters of a word (two column
        headers run together: "QuantityUnit") only their share of its width ("Qty:" is
        the word's whole box)."""
        xs: list[float] = []
        for w, pos in zip(self.words, self.offsets(), strict=True):
            size, text = len(w.text), w.text
            if pos + size <= start or pos >= end or not size:
                continue
            each = (w.x1 - w.x0) / size
            # run into the word before: after a letter, or an abbreviation's full stop
            cut = start > pos and (text[start - pos - 1].isalpha() or text[start - pos - 1] == ".")
            xs.append(w.x0 + each * (start - pos) if cut else w.x0)
            cut = end - pos < size and text[end - pos].isalpha()
            xs.append(w.x0 + each * (end - pos) if cut else w.x1)
        if not xs:
            box = self.span_box(start, end)
            return box.x0, box.x1
        return min(xs), max(xs)


@dataclass(frozen=True)
class Line:
    page: int
    index: int
    cells: tuple[Cell, ...]
    page_height: float
    page_width: float

    @property
    def text(self) -> str:
        return CELL_GAP.join(c.text for c in self.cells)

    @property
    def top(self) -> float:
        return min(c.top for c in self.cells)

    @property
    def bottom(self) -> float:
        return max(c.bottom for c in self.cells)

    @property
    def height(self) -> float:
        return max(c.height for c in self.cells)


@dataclass(frozen=True)
class Hit:
    """A label found in a cell: the match, its weight, and what follows it."""

    cell: Cell
    match: re.Match[str]
    weight: float = 1.0

    @property
    def line(self) -> int:
        return self.cell.line


@dataclass
class Layout:
    """Lines and cells of a record's pages, built once per extraction."""

    record: Record
    lines: list[Line] = field(default_factory=list)
    _label_hits: dict[str, list[Hit]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for page in self.record.pages:
            for row in page_rows(page):
                index = len(self.lines)
                cells = tuple(
                    Cell(page.number, index, tuple(r), " ".join(w.text for w in r)) for r in row
                )
                self.lines.append(Line(page.number, index, cells, page.height, page.width))

    @cached_property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @cached_property
    def median_height(self) -> float:
        heights = sorted(c.height for line in self.lines for c in line.cells)
        return heights[len(heights) // 2] if heights else 10.0

    def holding(self, box: Box | None) -> Cell | None:
        """The cell that holds ``box`` (a value's or a name's, read from part of it)."""
        if box is None:
            return None
        for line in self.lines:
            if line.page != box.page or line.bottom < box.top or line.top > box.bottom:
                continue
            for cell in line.cells:
                if cell.x0 <= box.x0 + 1 and box.x1 <= cell.x1 + 1:
                    return cell
        return None

    def cells(self, *, pages: int | None = None) -> Iterator[Cell]:
        for line in self.lines:
            if pages is not None and line.page > pages:
                return
            yield from line.cells

    def find(self, pattern: re.Pattern[str], *, pages: int | None = None) -> Iterator[Hit]:
        """Every match of ``pattern``, cell by cell, optionally on the first pages only."""
        for cell in self.cells(pages=pages):
            for m in pattern.finditer(cell.text):
                yield Hit(cell, m)

    def labels(self, name: str, *, pages: int | None = None) -> Iterator[Hit]:
        """Every label of field ``name``, with its weight; distractors are skipped. Found
        once per field and layout (every extractor step asks again)."""
        hits = self._label_hits.get(name)
        if hits is None:
            hits = self._label_hits[name] = list(self._find_labels(name))
        return (h for h in hits if pages is None or h.cell.page <= pages)

    @cached_property
    def _wordy_cells(self) -> list[Cell]:
        """Cells with a word in them: only these can hold a label."""
        return [c for c in self.cells() if _WORD.search(c.text)]

    def _find_labels(self, name: str) -> Iterator[Hit]:
        labels = _label_sets().get(name)
        if labels is None:
            return
        for cell in self._wordy_cells:
            long = cell.text.count(" ") >= 7
            distractor_end = -1
            for m in labels.pattern.finditer(cell.text):
                weight = labels.weight(m)
                if weight == 0:
                    distractor_end = m.end()
                    continue
                # A label right after a distractor is qualified by it: "Paid Amount" is
                # not an "Amount".
                if distractor_end >= 0 and not cell.text[distractor_end : m.start()].strip():
                    continue
                # Inside running text a word is not a label, unless it leads the cell, or
                # a part of it set off by a dash ("... 30 gg d.f. - Scadenza 15/10/2025"),
                # or ends in a colon ("... our payment terms: 30 days").
                if (
                    not long
                    or m.start() == 0
                    or _COLON.match(cell.text, m.end())
                    or _SET_OFF.search(cell.text, 0, m.start())
                ):
                    yield Hit(cell, m, weight)

    @cached_property
    def _grid_heads(self) -> frozenset[int]:
        """The lines that head a row of boxed details: each of their cells a word over
        the one cell of the next line under it (see :meth:`heads_values`)."""
        return frozenset(
            i for i in range(len(self.lines) - 1) if _heads(self.lines[i], self.lines[i + 1])
        )

    def heads_values(self, line: int) -> bool:
        """Whether line ``line`` is a row of headers over a row of values, the way boxed
        details print ("Salesperson | Ship via | Terms" over "A. Berg | UPS | Net 30"):
        a header's value is the cell under it, never the header beside it."""
        return line in self._grid_heads

    def right_of(self, hit: Hit) -> Cell | None:
        """The value on the label's line: the rest of its cell, else the next cell. A
        label runs on to its colon: words after the matched ones that end in a colon
        are still label ("Nº pedido cliente:"), and the value is in the next cell. None
        in a row of headers over their values (:meth:`heads_values`): the value is under
        the header ("3. ORDER NO.  4. REQUISITION NO." over two numbers). Two labels
        joined by a slash ("Bestellnummer/Datum") head the next cell's values in their
        order ("4500071234 / 03.03.2025"): the first one's value is there too."""
        if self.heads_values(hit.cell.line):
            return None
        rest = hit.cell.tail(hit.match.end())
        if rest is not None and (text := rest.text.strip(" :#.-|")):
            more_label = rest.text.rstrip().endswith(":") or rest.text.lstrip().startswith("/")
            # or the label's number word ("Vs. ordine n.", "Order No."): the value is next
            more_label = more_label or bool(NUMBER_WORD.fullmatch(rest.text.strip(" :")))
            if more_label and not any(ch.isdigit() for ch in text):
                return self.next_cell(hit.cell)
            return rest
        return self.next_cell(hit.cell)

    def next_cell(self, cell: Cell) -> Cell | None:
        """The next cell to the right that holds a letter, digit or currency sign: not
        leader dots, nor specks OCR read as "_." between a label and its value."""
        line = self.lines[cell.line]
        after = [c for c in line.cells if c.x0 > cell.x1 and _MARKED.search(c.text)]
        return after[0] if after else None

    def cells_right(self, cell: Cell) -> list[Cell]:
        return [c for c in self.lines[cell.line].cells if c.x0 > cell.x1]

    def below(self, hit: Hit, *, max_lines: int = 3) -> Iterator[Cell]:
        """Cells under the label that overlap it horizontally, nearest first."""
        label = hit.cell
        x0 = label.span_box(hit.match.start(), hit.match.end()).x0
        yield from self.under(label, x0=x0, max_lines=max_lines)

    def under(self, cell: Cell, *, x0: float | None = None, max_lines: int = 3) -> Iterator[Cell]:
        left = cell.x0 if x0 is None else x0
        right = cell.x1
        for line in self.lines[cell.line + 1 : cell.line + 1 + max_lines]:
            if line.page != cell.page or line.top - cell.bottom > 4 * cell.height:
                return
            for other in line.cells:
                if other.x0 < right + 2 and other.x1 > left - 2:
                    yield other
                    break

    def above(self, cell: Cell, *, max_lines: int = 4) -> Iterator[Cell]:
        """Cells over ``cell`` that overlap it horizontally, nearest first."""
        start = max(0, cell.line - max_lines)
        for line in reversed(self.lines[start : cell.line]):
            if line.page != cell.page:
                return
            for other in line.cells:
                if other.x0 < cell.x1 + 2 and other.x1 > cell.x0 - 2:
                    yield other
                    break


#: A row of boxed details has this many columns at least: two side by side are as often
#: a key beside its value ("Advertiser  Acme").
MIN_GRID_CELLS = 3
#: A title heading a row of headers is set this much larger than the headers at least
TITLE_SIZE = 1.3
#: How far apart two cells' left edges may be and still be one column's (points)
ALIGNED = 3.0


def _heads(upper: Line, lower: Line) -> bool:
    """Whether ``upper`` is a row of headers over the values of ``lower``: as many cells
    (three or more), the lower one right under the upper one (no farther than two lines'
    height), each header a word or two without digits (but a form's box number before it,
    "3. ORDER NO.") and without the colon that puts a key's value beside it, each value
    under its own header's span. The document's title may open the row in heading type,
    with nothing under it ("FACTURA PROFORMA | Número | Fecha | Página")."""
    heads = upper.cells
    if (
        len(heads) == len(lower.cells) + 1
        and heads[0].height > TITLE_SIZE * heads[1].height
        and lower.cells[0].x0 > heads[0].x1
    ):
        heads = heads[1:]
    if upper.page != lower.page or len(heads) != len(lower.cells):
        return False
    if len(heads) < MIN_GRID_CELLS or lower.top - upper.bottom > 2 * upper.height:
        return False
    for head, value in zip(heads, lower.cells, strict=True):
        text = _BOX_NUMBER.sub("", head.text.strip())
        if any(ch.isdigit() for ch in text) or text.endswith(":") or text.count(" ") > 3:
            return False
        if not (value.x0 < head.x1 + 2 and value.x1 > head.x0 - 2):
            return False
    return True


#: the number of a form's box before its header ("3. ORDER NO.", "17a. CONTRACTOR")
_BOX_NUMBER = re.compile(r"^\(?\d{1,2}[a-z]?[.)]\s+")
_COLON = re.compile(r"\s*[:#]")
#: a dash between spaces right before a word: a part of a line set off from the rest
_SET_OFF = re.compile(r"\s[-–—|]\s+$")
_WORD = re.compile(r"[^\W\d_]{2}|#")
#: what a value holds: a letter, a digit or a currency sign
_MARKED = re.compile(r"[^\W_]|[$€£¥₹¢]")
_SETS: dict[str, LabelSet] = {}


def _label_sets() -> dict[str, LabelSet]:
    if not _SETS:
        _SETS.update({name: label_set(entries) for name, entries in LABELS.items()})
    return _SETS
