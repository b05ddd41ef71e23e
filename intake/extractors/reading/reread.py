"""A second OCR read of an image file, from a differently prepared image.

The first read (:mod:`ocr`) reads small print at twice its size when the image is narrow.
Some scans still read wrong there: a till slip's small thermal print, faint, at an x-height
where tesseract confuses digits or drops a row. The second read is the same OCR (same
straightening, rules removal, page segmentation) of a narrow page enlarged :data:`ENLARGE`
times instead of twice, so small print reaches a larger glyph height. A wide page is read
as the first read did, and then the second read adds nothing: it is only asked
for (:mod:`intake.extractors.extraction.second_read`) where the first left the document's
total or date unconfirmed.
"""

from __future__ import annotations

import threading
import warnings
from functools import partial
from pathlib import Path

import numpy as np
from PIL import Image

from intake.errors import CorruptFile, ResourceLimit
from intake.extractors.reading.image import (
    DECODE_ERRORS,
    FORMATS,
    OPEN_ERRORS,
    _check,
    _frame,
)
from intake.extractors.reading.ocr import OcrOptions, PageImage, ocr_pages
from intake.record import Page

__all__ = ["ENLARGE", "read_again"]

#: How much larger the second read sees a narrow page than the image is (the first read
#: doubles it).
ENLARGE = 2
#: Pages this wide or wider are read the second time as they are (as the first read does).
ENLARGE_BELOW = 1000


#: Sauvola's window (pixels of the enlarged page) and weight of the local contrast.
WINDOW = 31
WEIGHT = 0.2


def _box_mean(values: np.ndarray, window: int) -> np.ndarray:
    """The mean of ``values`` over the ``window`` square around each pixel (clipped at the
    edges), from an integral image."""
    height, width = values.shape
    integral = np.pad(values, ((1, 0), (1, 0))).cumsum(0).cumsum(1)
    r = window // 2
    y0, y1 = (
        np.clip(np.arange(height) - r, 0, height),
        np.clip(np.arange(height) + r + 1, 0, height),
    )
    x0, x1 = np.clip(np.arange(width) - r, 0, width), np.clip(np.arange(width) + r + 1, 0, width)
    sums = integral[y1][:, x1] - integral[y0][:, x1] - integral[y1][:, x0] + integral[y0][:, x0]
    mean: np.ndarray = sums / ((y1 - y0)[:, None] * (x1 - x0)[None, :])
    return mean


def sauvola(image: Image.Image) -> Image.Image:
    """``image`` (grey) in black and white, each pixel against a threshold from its
    neighbourhood (Sauvola): faint print on a grey or uneven ground comes out black."""
    grey = np.asarray(image.convert("L"), dtype=np.float64)
    mean = _box_mean(grey, WINDOW)
    spread = np.sqrt(np.maximum(_box_mean(grey * grey, WINDOW) - mean * mean, 0))
    threshold = mean * (1 + WEIGHT * (spread / 128 - 1))
    return Image.fromarray(np.where(grey > threshold, 255, 0).astype(np.uint8))


def _prepared(load: PageImage) -> tuple[Image.Image, float]:
    """The page ``load`` gives, enlarged by :data:`ENLARGE` when it is narrow and
    thresholded (:func:`sauvola`), and the size of its pixel in points."""
    image, scale = load()
    factor = ENLARGE if image.width < ENLARGE_BELOW else 1
    bigger = image.convert("L")
    if factor != 1:
        bigger = bigger.resize(
            (image.width * factor, image.height * factor), Image.Resampling.BICUBIC
        )
    image.close()
    return sauvola(bigger), scale / factor


def read_again(path: Path, *, max_pages: int, max_pixels: int, ocr: OcrOptions) -> tuple[Page, ...]:
    """The pages of the image file at ``path`` read a second time (see the module's
    docstring), with the same limits as the first read."""
    Image.MAX_IMAGE_PIXELS = max_pixels
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            img = Image.open(path, formats=FORMATS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ResourceLimit(f"the image is too large: {exc}") from exc
        except OPEN_ERRORS as exc:
            raise CorruptFile(f"the image cannot be decoded ({exc})") from exc
        with img:
            try:
                frames = _check(img, max_pages, max_pixels)
            except DECODE_ERRORS as exc:
                raise CorruptFile(f"the image cannot be decoded ({exc})") from exc
            lock = threading.Lock()
            sources: list[tuple[int, PageImage]] = [
                (index + 1, partial(_prepared, partial(_frame, img, lock, index)))
                for index in range(frames)
            ]
            return tuple(ocr_pages(sources, ocr))
