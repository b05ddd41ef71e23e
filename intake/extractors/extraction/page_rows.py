"""A page's words as rows of cells: runs of words on a line with no wide gap inside.

Table columns and side-by-side blocks become separate cells; a number's cents that
kerning or OCR cut off join it again; a tall stamp across the header does not glue lines
together.
"""

from __future__ import annotations

import re

from intake.record import Page, Word, group_lines

__all__ = ["page_rows"]


#: the cents of a number split from it ("96.641 ,60": OCR cuts a number at its decimal
#: comma when the comma's kerning leaves a gap), a currency sign may follow
_CENTS = re.compile(r"[.,]\d{1,2}(?!\d)\W{0,2}")
#: a text layer's letter kerned apart from the rest of its word lies less than this share
#: of a line's height from it
KERNING = 0.12


def _split_off(prev: Word, w: Word, height: float) -> bool:
    """Whether ``w`` is the rest of ``prev`` split off by kerning: on a scan, a capital
    letter before the rest of its word ("F actuur"), less than half a line's height
    apart; or a number before its cents ("1.641 ,60"), less than a line's height apart
    (no text puts a space before a decimal point; a table's next column lies further off).
    A text layer's space between a capital letter and a word is a space the PDF printed
    ("class B transponder", "I agree", "Exhibit A will": a quarter of a line at least;
    kerning moves a letter by less than an eighth)."""
    gap = w.x0 - prev.x1
    if len(prev.text) == 1 and prev.text.isupper():
        wide = 0.45 if prev.conf < 1.0 else KERNING
        return w.text[:1].islower() and gap < wide * height
    return prev.text[-1:].isdigit() and _CENTS.fullmatch(w.text) is not None and gap < height


def _merge_kerning(words: list[Word], height: float) -> list[Word]:
    """Join what kerning split from the rest of its word (:func:`_split_off`)."""
    out: list[Word] = []
    for w in words:
        prev = out[-1] if out else None
        if prev is not None and _split_off(prev, w, height):
            out[-1] = Word(
                prev.text + w.text,
                prev.x0,
                min(prev.top, w.top),
                w.x1,
                max(prev.bottom, w.bottom),
                min(prev.conf, w.conf),
                prev.line,
                prev.bold and w.bold,
            )
        else:
            out.append(w)
    return out


def _split_cells(words: list[Word]) -> list[list[Word]]:
    heights = sorted(w.bottom - w.top for w in words)
    h = heights[len(heights) // 2] or 8.0
    words = _merge_kerning(words, h)
    gap_limit = max(1.2 * h, 7.0)
    cells: list[list[Word]] = [[words[0]]]
    for prev, w in zip(words, words[1:], strict=False):
        if w.x0 - prev.x1 > gap_limit:
            cells.append([w])
        else:
            cells[-1].append(w)
    return cells


#: A gap this share of the words' height is wider than a space (a quarter of it).
COLUMN_GAP = 0.6


def _split_at_columns(rows: list[list[list[Word]]]) -> None:
    """A block set close beside another (a delivery address a few points right of the
    addressee's) runs into it on a line where the left one's text is long: a word after
    a gap wider than a space, where cells of two of the two lines above and below begin
    (a column, not a chance), begins a cell too. Only on a text layer set in proportional
    type: its columns align to the point by design, where a scan's word boxes are as
    exact as its OCR and monospaced print (a till's, a plain-text file's) aligns
    everything on its grid."""
    starts = [{round(run[0].x0) for run in row[1:]} for row in rows]
    for i, row in enumerate(rows):
        near = starts[max(0, i - 2) : i] + starts[i + 1 : i + 3]
        if sum(map(bool, near)) < 2:
            continue
        runs: list[list[Word]] = []
        for run in row:
            runs.append([run[0]])
            for prev, w in zip(run, run[1:], strict=False):
                x = {round(w.x0) - 1, round(w.x0), round(w.x0) + 1}
                wide = w.x0 - prev.x1 > COLUMN_GAP * (w.bottom - w.top)
                if wide and sum(bool(x & s) for s in near) >= 2:
                    runs.append([w])
                else:
                    runs[-1].append(w)
        row[:] = runs


#: A word this many times taller than the page's median word is a watermark or a banner.
TALL = 3.0


def _tall_limit(page: Page) -> float:
    heights = sorted(w.bottom - w.top for w in page.words)
    if len(heights) < 5:
        return float("inf")
    return TALL * (heights[len(heights) // 2] or 8.0)


def _unstack(words: list[Word], limit: float) -> list[list[Word]]:
    """A line held together only by a very tall word (a "DUPLICATE" stamp across the
    header) is split again: the tall word stands alone and the words it spanned form
    their own lines, grouped as the page's lines were."""
    tall = [w for w in words if w.bottom - w.top > limit]
    if not tall or len(tall) == len(words):
        return [words]
    rest = group_lines(w for w in words if w.bottom - w.top <= limit)
    parts: dict[int, list[Word]] = {}
    for w in rest:
        parts.setdefault(w.line, []).append(w)
    if len(parts) == 1:
        # the others make one line, level with the tall words: a title's word whose
        # accents or cedilla stretch its box ("CONFIRMAÇÃO DE ENCOMENDA") holds no lines
        top, bottom = min(w.top for w in rest), max(w.bottom for w in rest)
        if all(top <= (w.top + w.bottom) / 2 <= bottom for w in tall):
            return [words]
    out = [[w] for w in tall] + list(parts.values())
    return sorted(out, key=lambda part: min(w.top for w in part))


def page_rows(page: Page) -> list[list[list[Word]]]:
    """The page's lines, top to bottom, each as its cells' words."""
    limit = _tall_limit(page)
    rows = [_split_cells(words) for line in page.lines for words in _unstack(line, limit)]
    if page.source == "text" and not _monospaced(page):
        _split_at_columns(rows)
    return rows


def _monospaced(page: Page) -> bool:
    """Whether the page is set in a monospaced type (a plain-text file, a form printed in
    Courier): four words in five of three letters or more are as wide per letter as the
    median, to 2 %."""
    widths = sorted((w.x1 - w.x0) / len(w.text) for w in page.words if len(w.text) >= 3)
    if not widths:
        return False
    median = widths[len(widths) // 2]
    even = sum(1 for width in widths if abs(width - median) <= 0.02 * median)
    return even >= 0.8 * len(widths)
