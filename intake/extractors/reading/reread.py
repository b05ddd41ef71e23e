"""A second OCR read of an image file, from a differently prepared image.

The first read (:mod:`ocr`) gives tesseract the grey page (twice its size when narrow) and
lets it binarise the page with one global threshold. A photographed or scanned till slip
often has an uneven ground: a shadow, a fold, thermal print fading towards one end. One
threshold then turns the darker part of the paper black, or its faint print white, and
whole rows (the total, the date) are never read. The second read thresholds each pixel
against its own neighbourhood first (Sauvola's method: the local mean, lowered where the
local contrast is low) and reads that black-and-white page with the same OCR (same
straightening, rules removal, page segmentation), at the size the first read saw it.

It costs a second OCR of the page, so it is only asked for
(:mod:`intake.extractors.extraction.second_read`) where the first read left the document's
total or date unconfirmed.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from intake.extractors.reading.image import read_image
from intake.extractors.reading.ocr import OcrOptions
from intake.record import Page

__all__ = ["read_again", "sauvola"]

#: A page narrower than this many pixels is enlarged (at least twice, as the first read
#: does) to this width: the OCR then reads it at that size without enlarging it again.
ENLARGE_TO = 1000


#: Sauvola's window (pixels of the enlarged page) and weight of the local contrast.
WINDOW = 31
WEIGHT = 0.2


#: Rows thresholded at a time: each band (with the window's margin above and below) is
#: worked out in float32 on its own, so a 600 dpi A4 page (35 million pixels) needs tens of
#: megabytes, not the gigabytes of whole-page float64 arrays that a worker's memory limit
#: refuses.
BAND = 256


def _box_mean(values: np.ndarray, window: int) -> np.ndarray:
    """The mean of ``values`` over the ``window`` square around each pixel (clipped at the
    edges), from an integral image."""
    height, width = values.shape
    integral = np.zeros((height + 1, width + 1), dtype=np.float64)
    np.cumsum(np.cumsum(values, axis=0, dtype=np.float64), axis=1, out=integral[1:, 1:])
    r = window // 2
    y0, y1 = (
        np.clip(np.arange(height) - r, 0, height),
        np.clip(np.arange(height) + r + 1, 0, height),
    )
    x0, x1 = np.clip(np.arange(width) - r, 0, width), np.clip(np.arange(width) + r + 1, 0, width)
    sums = integral[y1][:, x1] - integral[y0][:, x1] - integral[y1][:, x0] + integral[y0][:, x0]
    area = ((y1 - y0)[:, None] * (x1 - x0)[None, :]).astype(np.float32)
    mean: np.ndarray = sums.astype(np.float32) / area
    return mean


def _sauvola_band(grey: np.ndarray) -> np.ndarray:
    """Sauvola's black and white of the rows ``grey`` (float32), as uint8."""
    mean = _box_mean(grey, WINDOW)
    spread = np.sqrt(np.maximum(_box_mean(grey * grey, WINDOW) - mean * mean, 0))
    threshold = mean * (1 + WEIGHT * (spread / 128 - 1))
    return np.where(grey > threshold, 255, 0).astype(np.uint8)


def sauvola(image: Image.Image) -> Image.Image:
    """``image`` (grey) in black and white, each pixel against a threshold from its
    neighbourhood (Sauvola): faint print on a grey or uneven ground comes out black.
    Worked out :data:`BAND` rows at a time, each with the window's reach of rows around
    it, so that every pixel sees the same neighbourhood as on the whole page."""
    pixels = np.asarray(image.convert("L"))
    height = pixels.shape[0]
    reach = WINDOW // 2
    out = np.empty_like(pixels)
    for top in range(0, height, BAND):
        bottom = min(top + BAND, height)
        lo, hi = max(top - reach, 0), min(bottom + reach, height)
        band = _sauvola_band(pixels[lo:hi].astype(np.float32))
        out[top:bottom] = band[top - lo : top - lo + bottom - top]
    return Image.fromarray(out)


def _prepared(image: Image.Image, scale: float) -> tuple[Image.Image, float]:
    """The page ``image`` (whose pixel is ``scale`` points), enlarged when it is narrow
    (see :data:`ENLARGE_TO`) and thresholded (:func:`sauvola`), and the size of its pixel
    in points."""
    grey = image.convert("L")
    image.close()
    if grey.width >= ENLARGE_TO:
        return sauvola(grey), scale
    factor = max(2.0, ENLARGE_TO / grey.width)
    size = (max(ENLARGE_TO, round(grey.width * factor)), round(grey.height * factor))
    return sauvola(grey.resize(size, Image.Resampling.BICUBIC)), scale / factor


def read_again(path: Path, *, max_pages: int, max_pixels: int, ocr: OcrOptions) -> tuple[Page, ...]:
    """The pages of the image file at ``path`` read a second time (see the module's
    docstring), with the same limits as the first read."""
    return read_image(path, max_pages=max_pages, max_pixels=max_pixels, ocr=ocr, prepare=_prepared)
