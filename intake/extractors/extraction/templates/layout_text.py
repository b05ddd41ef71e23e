"""The text vendor templates run over: what ``pdftotext -layout`` gives invoice2data, built
from the words Intake already read (text layer or OCR, the same code for both).

Poppler's physical layout, followed closely enough for templates written against it:

- a page's words are cut into *fragments*, runs of words on one baseline with no wider
  gap than :data:`MAX_WORD_SPACING` font sizes, written with one space between words;
- a visual line is the words whose baselines lie within :data:`MAX_INTRA_LINE_DELTA`
  font sizes (the smaller of the two) of its first word's, taken top to bottom, and the
  fragments on it; so words of two lines set close together, or beside a tall bullet,
  are never interleaved;
- a fragment's column is counted in characters: it starts one column after the end of
  every fragment wholly to its left (on any line of the page), or, where a fragment
  above or below in the same font size overlaps it, at the character of that fragment
  that lies under its left edge (in another size: in proportion to its width). So leading
  indentation and columns are kept as pdftotext keeps them;
- between two lines come as many line ends as the baseline gap holds font sizes (one to
  five), so vertical gaps are blank lines; every page ends with a form feed.

A plain-text document (read on a fixed grid of 6 by 12 points) is written back exactly as
its file has it. :func:`area_text` is invoice2data's crop for a template's ``area``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from intake.extractors.reading.text import CHAR_W, LINE_H
from intake.record import Page, Record, Word

__all__ = ["AREA_LINE_TOLERANCE", "area_text", "layout_text", "page_layout"]

#: Poppler's limits, as fractions of the font size (TextOutputDev.cc).
MAX_INTRA_LINE_DELTA = 0.5
MAX_WORD_SPACING = 1.5
MAX_BLANK_LINES = 5
#: Lines whose font sizes differ by more than this are in different blocks: one is placed
#: by the other's characters only in proportion, not character by character.
MAX_BLOCK_FONT_SIZE_DELTA = 0.05
#: A word's box is taller than its font size (ascent plus descent): the font size is
#: taken as this share of it when counting the blank lines a vertical gap holds.
FONT_SIZE_SHARE = 0.9
#: invoice2data's area crop: words whose tops are this many points apart share a line.
AREA_LINE_TOLERANCE = 3.0

#: Relative advance widths (Helvetica's, per 1000 em) to place a word's characters inside
#: its box: only the word's box is known, and "All c" is wider than "ll ch".
_WIDTHS = dict.fromkeys("ijl'|", 222) | dict.fromkeys("ft.,:;/!I ", 278)
_WIDTHS |= dict.fromkeys("r()-`", 333)
_WIDTHS |= dict.fromkeys("cksvxyzJ*", 500) | dict.fromkeys("ABEKPSVXY&", 667)
_WIDTHS |= dict.fromkeys("CDHNRUw", 722) | dict.fromkeys("GOQ", 778) | {"F": 611, "L": 556}
_WIDTHS |= {"T": 611, "Z": 611, "M": 833, "m": 833, "W": 944, "%": 889, "@": 1015}
_DEFAULT_WIDTH = 556


def _edges(word: Word) -> list[float]:
    """Where each character of ``word`` starts, and where the last one ends."""
    weights = [_WIDTHS.get(ch, _DEFAULT_WIDTH) for ch in word.text]
    scale = (word.x1 - word.x0) / (sum(weights) or 1)
    edges = [word.x0]
    for weight in weights:
        edges.append(edges[-1] + weight * scale)
    return edges


@dataclass
class _Frag:
    words: list[Word]
    text: str
    x0: float
    x1: float
    top: float
    base: float
    size: float
    col: int = 0

    @cached_property
    def middles(self) -> list[float]:
        """The middle of each of the fragment's characters (the spaces between words
        too), left to right; the first character counts from its right edge, so text
        starting inside it is aligned with the fragment."""
        out: list[float] = []
        for i, word in enumerate(self.words):
            if i:
                out.append((self.words[i - 1].x1 + word.x0) / 2)
            edges = _edges(word)
            out.extend((edges[k] + edges[k + 1]) / 2 for k in range(len(word.text)))
        if out:
            out[0] = max(out[0], _edges(self.words[0])[1])
        return out

    def col_at(self, x: float) -> int:
        """How many of this fragment's characters lie left of ``x`` (a character counts
        when its middle does)."""
        return bisect_right(self.middles, x)


def _size(word: Word) -> float:
    return max(word.bottom - word.top, 1.0)


def _fragments(words: Sequence[Word]) -> list[_Frag]:
    """Runs of words on one baseline with no wide gap between them."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        for row in reversed(rows[-4:]):
            first = row[0]
            # half the smaller font size: a tall bullet does not pull in the next line
            tolerance = MAX_INTRA_LINE_DELTA * min(_size(first), _size(word))
            if abs(word.bottom - first.bottom) <= tolerance:
                row.append(word)
                break
        else:
            rows.append([word])
    frags: list[_Frag] = []
    for row in rows:
        row.sort(key=lambda w: w.x0)
        run = [row[0]]
        for word in row[1:]:
            if word.x0 - run[-1].x1 >= MAX_WORD_SPACING * _size(run[0]):
                frags.append(_frag(run))
                run = [word]
            else:
                run.append(word)
        frags.append(_frag(run))
    return frags


def _frag(words: list[Word]) -> _Frag:
    return _Frag(
        words=words,
        text=" ".join(w.text for w in words),
        x0=min(w.x0 for w in words),
        x1=max(w.x1 for w in words),
        top=min(w.top for w in words),
        base=words[0].bottom,
        size=_size(words[0]),
    )


def _assign_columns(frags: list[_Frag]) -> None:
    """Poppler's column assignment, over the whole page (left to right)."""
    ordered = sorted(frags, key=lambda f: (f.x0, f.top))
    for i, frag in enumerate(ordered):
        col = 0
        for left in ordered[:i]:
            if frag.x0 >= left.x1:
                at = left.col + len(left.text) + 1
            elif abs(left.size - frag.size) <= MAX_BLOCK_FONT_SIZE_DELTA * left.size:
                at = left.col + left.col_at(frag.x0)
            else:
                share = (frag.x0 - left.x0) / max(left.x1 - left.x0, 1e-6)
                at = left.col + int(share * len(left.text))
            col = max(col, at)
        frag.col = col


def _lines(frags: list[_Frag]) -> list[list[_Frag]]:
    """Fragments grouped into visual lines, top to bottom, each left to right."""
    ordered = sorted(frags, key=lambda f: (f.top, f.x0))
    lines: list[list[_Frag]] = []
    for frag in ordered:
        if lines and abs(frag.base - lines[-1][0].base) <= MAX_INTRA_LINE_DELTA * lines[-1][0].size:
            lines[-1].append(frag)
        else:
            lines.append([frag])
    for line in lines:
        line.sort(key=lambda f: (f.col, f.x0))
    return lines


def page_layout(words: Sequence[Word]) -> str:
    """One page's words as ``pdftotext -layout`` lays them out (without the form feed)."""
    words = [w for w in words if w.text.strip()]
    if not words:
        return ""
    frags = _fragments(words)
    _assign_columns(frags)
    lines = _lines(frags)
    out: list[str] = []
    for i, line in enumerate(lines):
        text = ""
        for frag in line:
            text += " " * max(frag.col - len(text), 1 if text else 0) + frag.text
        out.append(text)
        if i + 1 < len(lines):
            last = line[-1]
            gap = int((lines[i + 1][0].base - last.base) / (last.size * FONT_SIZE_SHARE))
            out.append("\n" * min(max(gap, 1), MAX_BLANK_LINES))
        else:
            out.append("\n")
    return "".join(out)


def _grid_page(page: Page) -> str:
    """A page of a plain-text document, each word back at its own column."""
    lines: dict[int, str] = {}
    for word in page.words:
        row = round(word.top / LINE_H) - 1
        col = round(word.x0 / CHAR_W)
        text = lines.get(row, "")
        lines[row] = text + " " * max(col - len(text), 1 if text else 0) + word.text
    if not lines:
        return ""
    return "".join(lines.get(i, "") + "\n" for i in range(max(lines) + 1))


def layout_text(record: Record) -> str:
    """The record's text as templates see it: each page laid out, ending in a form feed
    (a plain-text document: its lines as they are)."""
    if record.kind == "text":
        return "".join(_grid_page(page) for page in record.pages)
    return "".join(page_layout(page.words) + "\f" for page in record.pages)


def _number(area: Mapping[str, Any], key: str) -> float:
    value = area[key]
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"area {key} must be a number")
    return float(value)


def area_text(pages: Iterable[Page], area: Mapping[str, Any]) -> str:
    """The words inside a template's ``area`` (invoice2data's keys: pages ``f`` to ``l``,
    a rectangle ``x``, ``y``, ``W``, ``H`` in pixels at ``r`` dpi), one line per line,
    words joined by one space, as invoice2data's pdftotext crop gives them."""
    first, last = int(_number(area, "f")), int(_number(area, "l"))
    factor = 72.0 / _number(area, "r")
    x0 = _number(area, "x") * factor
    y0 = _number(area, "y") * factor
    x1 = (_number(area, "x") + _number(area, "W")) * factor
    y1 = (_number(area, "y") + _number(area, "H")) * factor
    chosen = [
        (page.number, w)
        for page in pages
        if first <= page.number <= last
        for w in page.words
        if w.x0 < x1 and w.x1 > x0 and w.top < y1 and w.bottom > y0
    ]
    chosen.sort(key=lambda pw: (pw[0], pw[1].top, pw[1].x0))
    lines: list[list[Word]] = []
    last_top: float | None = None
    last_page: int | None = None
    for number, word in chosen:
        if (
            lines
            and number == last_page
            and last_top is not None
            and abs(word.top - last_top) <= AREA_LINE_TOLERANCE
        ):
            lines[-1].append(word)
        else:
            lines.append([word])
        last_top, last_page = word.top, number
    return "\n".join(" ".join(w.text for w in sorted(ws, key=lambda w: w.x0)) for ws in lines)
