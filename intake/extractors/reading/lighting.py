"""Uneven lighting taken out of a page image before OCR.

Convention: paper is one colour. A page photographed under a lamp, or scanned with its
lid open, comes out darker towards one side or corner; tesseract binarises a page with
one global threshold (Otsu), which then turns the dark part of the paper black, and reads
the speckle of that part as hundreds of words of noise ("ie NEG i A ae rere a Scars") in
place of the rows printed on it, taking many times as long as a clean page.

The paper's own brightness at each point is estimated as the lightest level around it
over a window wider than any stroke of text (text is darker than its paper), smoothed;
each pixel divided by it gives the page as if evenly lit: paper white everywhere, print
as dark against it as it was against its own patch of paper. A page whose paper is
evenly lit already is left as it is (:data:`UNEVEN_ABOVE`), so a solid dark band or a
large logo, which the estimate would take for paper, is only ever flattened on a page
that needs it; the OCR then keeps whichever reading it is surer of (:mod:`ocr`).
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageFilter

__all__ = ["flatten_lighting"]

#: The paper's brightness is estimated on the page shrunk by this factor ...
SHRINK = 8
#: ... as the lightest level in a square of this many shrunk pixels (56 pixels of the page:
#: wider than a stroke of text at 300 dpi up to about 30 pt) ...
WINDOW = 7
#: ... smoothed with a Gaussian of this radius (shrunk pixels).
SMOOTH = 3
#: A page whose paper brightness varies by more than this many grey levels (between the
#: 5th and 95th percentile over the page) is unevenly lit.
UNEVEN_ABOVE = 40


def _lightest(values: np.ndarray, window: int) -> np.ndarray:
    """The largest of ``values`` over the ``window`` square around each point (clipped at
    the edges): a row pass then a column pass, ``window`` shifted maxima each."""
    r = window // 2
    out = values
    for axis in (0, 1):
        padded = np.pad(out, [(r, r) if a == axis else (0, 0) for a in (0, 1)], mode="edge")
        size = out.shape[axis]
        out = np.max([padded.take(range(k, k + size), axis=axis) for k in range(window)], axis=0)
    return out


def _paper(grey: Image.Image) -> Image.Image:
    """The estimated brightness of the paper under ``grey``, at 1/:data:`SHRINK` its size
    (each cell the mean of its pixels)."""
    small = np.asarray(grey.reduce(SHRINK))
    paper = Image.fromarray(_lightest(small, WINDOW))
    return paper.filter(ImageFilter.GaussianBlur(SMOOTH))


def flatten_lighting(grey: Image.Image) -> Image.Image | None:
    """``grey`` (mode L) divided by its paper's brightness, or None where the page is
    evenly lit (see :data:`UNEVEN_ABOVE`)."""
    paper = _paper(grey)
    low, high = np.percentile(np.asarray(paper), [5, 95])
    if high - low <= UNEVEN_ABOVE:
        return None
    under = np.asarray(paper.resize(grey.size, Image.Resampling.BILINEAR), dtype=np.float32)
    page = np.asarray(grey, dtype=np.float32)
    flat = np.clip(page / np.maximum(under, 1.0) * 255.0, 0, 255)
    return Image.fromarray(flat.astype(np.uint8))
