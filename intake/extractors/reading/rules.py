"""Table rules taken out of a page image before OCR.

A ruled table (a grid of thin lines around every cell) is read badly by tesseract: a
vertical rule beside a number becomes "|", "l" or "1" glued to it, a horizontal rule under
a row turns the row's glyphs into noise, and whole cells of a row go missing. Rules are
not text, so they are painted white before reading: a rule is a run of dark pixels much
longer than any glyph (:data:`MIN_RULE` of the page's width, and :data:`GLYPHS` times
the height of the page's tall glyphs, measured as the long end of its vertical strokes)
and thin (at most :data:`MAX_THICKNESS` of the page's width), horizontal or vertical on
the straightened page. Strokes of letters are short, and the stems of large letters are
thick, so text keeps every pixel; only where a glyph touches a rule does it lose the
rule's pixels. Only a grid is cleaned: a page with at least :data:`GRID` vertical rules
that meet a horizontal one (the columns of a ruled table: its two sides and a line
between two columns), away from the image's edges (where a photographed sheet's own edges
and a box around a few lines make two), and of its vertical lines only those. A
receipt's or a letter's lines and the stems of its large print are left to the reader,
which reads them as it always has.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from PIL import Image

__all__ = ["remove_rules"]

#: A rule is at least this share of the page's width long (at 300 dpi on A4: 99 px, about
#: 8 mm; a 40 pt capital is shorter).
MIN_RULE = 1 / 25
#: and at most this share of the page's width thick (at 300 dpi on A4: 12 px, 1 mm).
MAX_THICKNESS = 1 / 200
#: and at least this many times as long as the page's tall glyphs
GLYPHS = 3
#: the share of vertical strokes shorter than a tall glyph (the percentile taken)
TALL_STROKES = 90
#: A grid has at least this many vertical rules.
GRID = 3
#: Lines within this share of the width from the image's left or right edge are the
#: edges of the sheet, not rules.
EDGE = 1 / 50
#: Pixels darker than this are ink.
INK = 128
#: The grid is first looked for on the page shrunk this many times each way (a pixel inked
#: where any of its block is), with every threshold loosened to what a rule of the full
#: page could become there: cheap, and most pages (letters, receipts) have no grid and
#: end there, read exactly as before. Measured on 300 dpi A4 scans: the look at full size
#: cost 0.35 CPU-s a page, as much as a third of tesseract's own time.
SHRINK = 4

Mask = NDArray[np.bool_]


#: Pixels of a page worked on at once by :func:`_runs`: its counts are int32 arrays of
#: this size, not of the whole page (an 80-megapixel scan, inside ``max_pixels``, needs
#: several 300 MB arrays at once otherwise, past a worker's memory limit).
CHUNK = 1 << 22


def _runs(ink: Mask, length: int) -> Mask:
    """The pixels of ``ink`` that lie on a run of at least ``length`` along axis 1."""
    rows, width = ink.shape
    if length < 2 or width < length:
        return np.zeros_like(ink)
    step = max(1, CHUNK // (width + 1))
    if rows > step:
        return np.concatenate(
            [_runs(ink[top : top + step], length) for top in range(0, rows, step)]
        )
    counts = np.zeros((rows, width + 1), dtype=np.int32)
    np.cumsum(ink, axis=1, out=counts[:, 1:])
    full = (counts[:, length:] - counts[:, :-length]) == length  # [i, i + length) all ink
    starts = np.zeros((rows, full.shape[1] + 1), dtype=np.int32)
    np.cumsum(full, axis=1, out=starts[:, 1:])
    # pixel j is on a run when a full window starts in [j - length + 1, j]
    j = np.arange(width)
    hi = np.minimum(j, full.shape[1] - 1) + 1
    lo = np.maximum(j - length + 1, 0)
    covered: Mask = (starts[:, hi] - starts[:, lo]) > 0
    return covered


def _thin(lines: Mask, thickness: int) -> Mask:
    """The part of ``lines`` (runs along axis 1) that is at most ``thickness`` across."""
    thick = _runs(lines.T, thickness + 1).T
    return lines & ~thick


def _glyph_height(ink: Mask) -> int:
    """The height of the page's tall glyphs: the long end of its vertical ink runs."""
    columns = np.pad(ink.T, ((0, 0), (1, 1))).astype(np.int8)
    edges = np.diff(columns, axis=1)
    starts, ends = np.nonzero(edges == 1)[1], np.nonzero(edges == -1)[1]
    lengths = ends - starts
    lengths = lengths[lengths >= 2]
    return int(np.percentile(lengths, TALL_STROKES)) if lengths.size else 0


def _lines(columns: Mask) -> list[tuple[int, int]]:
    """(start, end) of each group of neighbouring pixel columns holding ink: one line's."""
    present = np.pad(columns.any(axis=0), 1).astype(np.int8)
    edges = np.diff(present)
    starts, ends = np.nonzero(edges == 1)[0], np.nonzero(edges == -1)[0]
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


def _grid_columns(vertical: Mask, horizontal: Mask) -> Mask:
    """The vertical lines that meet a horizontal one (a grid's columns), as a mask."""
    near = horizontal.copy()
    for shift in (1, 2):
        near[shift:, :] |= horizontal[:-shift, :]
        near[:-shift, :] |= horizontal[shift:, :]
    meets: NDArray[np.bool_] = np.asarray((vertical & near).any(axis=0), dtype=bool)
    width = vertical.shape[1]
    margin = int(width * EDGE)
    keep = np.zeros(width, dtype=bool)
    for start, end in _lines(vertical):
        if start < margin or end > width - margin:
            continue  # the sheet's own edge
        if meets[start:end].any():  # one line's group of neighbouring pixel columns
            keep[start:end] = True
    out: Mask = vertical & keep[np.newaxis, :]
    return out


def _may_have_grid(ink: Mask) -> bool:
    """Whether the page shrunk :data:`SHRINK` times has a grid's vertical rules: False
    only where the full page has none (see :data:`SHRINK`)."""
    height, width = ink.shape
    rows, cols = height // SHRINK, width // SHRINK
    if rows < 2 or cols < 2:
        return True
    blocks = ink[: rows * SHRINK, : cols * SHRINK].reshape(rows, SHRINK, cols, SHRINK)
    small: Mask = np.asarray(blocks.any(axis=(1, 3)), dtype=bool)
    # a run of n pixels covers at least n // SHRINK whole blocks, and a line t pixels
    # thick at most t // SHRINK + 2 of them
    length = max(int(width * MIN_RULE), 20) // SHRINK - 1
    thickness = max(int(width * MAX_THICKNESS), 2) // SHRINK + 2
    vertical = _thin(_runs(small.T, length), thickness).T
    return len(_lines(vertical)) >= GRID


def remove_rules(image: Image.Image) -> Image.Image:
    """``image`` (8-bit grey) with the long thin horizontal and vertical lines of its
    ruled tables whitened; the same image when it has no grid."""
    width = image.width
    pixels = np.asarray(image)
    ink: Mask = pixels < INK
    if not _may_have_grid(ink):
        return image
    length = max(int(width * MIN_RULE), GLYPHS * _glyph_height(ink), 20)
    thickness = max(int(width * MAX_THICKNESS), 2)
    vertical = _thin(_runs(ink.T, length), thickness).T  # runs along the image's columns
    if len(_lines(vertical)) < GRID:
        return image
    horizontal = _thin(_runs(ink, length), thickness)
    vertical = _grid_columns(vertical, horizontal)
    if len(_lines(vertical)) < GRID:
        return image
    rules = horizontal | vertical
    # and the grey fringe a scanner's blur leaves on either side of a rule
    fringe = rules.copy()
    fringe[1:, :] |= rules[:-1, :]
    fringe[:-1, :] |= rules[1:, :]
    fringe[:, 1:] |= rules[:, :-1]
    fringe[:, :-1] |= rules[:, 1:]
    rules = fringe & (pixels > INK // 2) | rules
    cleaned = pixels.copy()
    cleaned[rules] = 255
    return Image.fromarray(cleaned, mode="L")
