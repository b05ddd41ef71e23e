"""The page as lines and cells, and the search for values beside and below labels.

A *line* is a row of words at the same height; a *cell* is a run of words on a line with
no wide gap inside (table columns and side-by-side blocks become separate cells). Labels
are found by regex on line text; their value is the rest of the label's cell, the next
cell to the right, or the cell just below that overlaps the label horizontally.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from intake.record import Box, Page, Record, Word

__all__ = ["Cell", "Hit", "Layout", "Line"]


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

    def tail(self, start: int) -> Cell | None:
        """The words of this cell that begin at or after character ``start``."""
        pos, words = 0, []
        for w in self.words:
            if pos >= start:
                words.append(w)
            pos += len(w.text) + 1
        if not words:
            return None
        return Cell(self.page, self.line, tuple(words), " ".join(w.text for w in words))

    def span_box(self, start: int, end: int) -> Box:
        pos, words = 0, []
        for w in self.words:
            w_end = pos + len(w.text)
            if w_end > start and pos < end:
                words.append(w)
            pos = w_end + 1
        return Box.around(self.page, words or self.words)


@dataclass(frozen=True)
class Line:
    page: int
    index: int
    cells: tuple[Cell, ...]
    page_height: float
    page_width: float

    @property
    def text(self) -> str:
        return "  ".join(c.text for c in self.cells)

    @property
    def top(self) -> float:
        return min(c.top for c in self.cells)

    @property
    def bottom(self) -> float:
        return max(c.bottom for c in self.cells)


@dataclass(frozen=True)
class Hit:
    """A label found in a cell: the match and what follows it."""

    cell: Cell
    match: re.Match[str]

    @property
    def line(self) -> int:
        return self.cell.line


def _split_cells(page: Page, words: list[Word], line_index: int) -> list[Cell]:
    heights = sorted(w.bottom - w.top for w in words)
    h = heights[len(heights) // 2] or 8.0
    gap_limit = max(1.4 * h, 9.0)
    cells: list[list[Word]] = [[words[0]]]
    for prev, w in zip(words, words[1:], strict=False):
        if w.x0 - prev.x1 > gap_limit:
            cells.append([w])
        else:
            cells[-1].append(w)
    return [Cell(page.number, line_index, tuple(c), " ".join(w.text for w in c)) for c in cells]


@dataclass
class Layout:
    """Lines and cells of a record's pages, built once per extraction."""

    record: Record
    lines: list[Line] = field(default_factory=list)

    def __post_init__(self) -> None:
        for page in self.record.pages:
            for words in page.lines:
                index = len(self.lines)
                cells = _split_cells(page, words, index)
                self.lines.append(Line(page.number, index, tuple(cells), page.height, page.width))

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def cells(self) -> Iterator[Cell]:
        for line in self.lines:
            yield from line.cells

    def find(self, pattern: re.Pattern[str], *, pages: int | None = None) -> Iterator[Hit]:
        """Every label match, cell by cell, optionally only on the first ``pages`` pages."""
        for cell in self.cells():
            if pages is not None and cell.page > pages:
                break
            for m in pattern.finditer(cell.text):
                yield Hit(cell, m)

    def right_of(self, hit: Hit) -> Cell | None:
        """The value on the label's line: the rest of its cell, else the next cell."""
        rest = hit.cell.tail(hit.match.end())
        if rest is not None and rest.text.strip(" :#.-"):
            return rest
        line = self.lines[hit.cell.line]
        after = [c for c in line.cells if c.x0 > hit.cell.x1]
        return after[0] if after else None

    def below(self, hit: Hit, *, max_lines: int = 3) -> Iterator[Cell]:
        """Cells under the label that overlap it horizontally, nearest first."""
        label = hit.cell
        x0 = label.span_box(hit.match.start(), hit.match.end()).x0
        x1 = label.x1
        for line in self.lines[label.line + 1 : label.line + 1 + max_lines]:
            if line.page != label.page:
                return
            if line.top - label.bottom > 4 * label.height:
                return
            for cell in line.cells:
                if cell.x0 < x1 + 2 and cell.x1 > x0 - 2:
                    yield cell
                    break
