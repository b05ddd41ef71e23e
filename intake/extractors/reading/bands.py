"""Reading single rows of a scanned page again, each as one line of text, enlarged.

The first read (:mod:`ocr`) reads the whole page as one block at twice its size. A till
slip's amount due is printed large, bold or in a dot-matrix face, and that one row comes
out garbled more often than any other ("Grand Total ru29. OU") while the plain rows
around it read well. Read on its own, cut from the page as a band a little taller than
the row, enlarged three times and given to tesseract as a single text line (page
segmentation mode 7), the same row reads far more often: tesseract then neither splits
the row into columns nor mistakes the big glyphs for a picture.

The band is cut from the page exactly as the first read saw it: the decoded frame, in
grey, turned the way the first read turned it (``Page.turn``), straightened by the same
skew measure (:func:`deskew.straighten_image`). That image must have the page's size
(its words' boxes are in its pixels): where it has not (the first read straightened a
contrast-stretched copy by another angle), the page is left alone.
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageFilter, ImageOps

from intake.errors import CorruptFile, ResourceLimit
from intake.extractors.reading.deskew import rotate_image, straighten_image
from intake.extractors.reading.image import DECODE_ERRORS, FORMATS, OPEN_ERRORS, _dpi
from intake.extractors.reading.ocr import OcrOptions, _gray
from intake.extractors.reading.tesseract import read_words
from intake.record import Page, Word

__all__ = ["Band", "read_bands"]

logger = logging.getLogger(__name__)

#: Page segmentation mode 7: the image is one line of text.
PSM = 7
#: How many times a band is enlarged before it is read.
ENLARGE = 4
#: The blur (radius in pixels of the band as printed) that joins the dots of a dot-matrix
#: or faded thermal face into strokes before the band is read.
BLUR = 0.6
#: The band reaches this share of the row's height above and below the row.
PAD = 0.3
#: A page whose straightened size differs from the page's by more pixels is not the image
#: the words were read on.
SIZE_SLACK = 2


@dataclass(frozen=True, slots=True)
class Band:
    """A row of a page to read again: its page number and vertical extent in points."""

    page: int
    top: float
    bottom: float


def _upright(path: Path, page: Page, max_pixels: int) -> tuple[Image.Image, float] | None:
    """The page image the first read took ``page``'s words from, and the size of its pixel
    in points; None where it cannot be made again (see the module's docstring)."""
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
                img.seek(page.number - 1)
                scale = 72.0 / _dpi(img)
                frame = ImageOps.exif_transpose(img)
                frame.load()
            except DECODE_ERRORS as exc:
                raise CorruptFile(f"the image cannot be decoded ({exc})") from exc
    straight, _ = straighten_image(rotate_image(_gray(frame), page.turn))
    width, height = page.width / scale, page.height / scale
    if abs(straight.width - width) > SIZE_SLACK or abs(straight.height - height) > SIZE_SLACK:
        logger.debug("page %d: not the image its words were read on", page.number)
        return None
    return straight, scale


def _read_band(image: Image.Image, scale: float, band: Band, options: OcrOptions) -> list[Word]:
    """The words of one band of ``image``, in points on the page."""
    height = (band.bottom - band.top) / scale
    top = max(0, round(band.top / scale - PAD * height))
    bottom = min(image.height, round(band.bottom / scale + PAD * height))
    if bottom - top < 4:
        return []
    crop = image.crop((0, top, image.width, bottom))
    big = crop.resize((crop.width * ENLARGE, crop.height * ENLARGE), Image.Resampling.BICUBIC)
    big = ImageOps.autocontrast(big.filter(ImageFilter.GaussianBlur(ENLARGE * BLUR)), cutoff=1)
    words = read_words(
        big,
        what=f"a row of page {band.page}",
        lang=options.lang,
        psm=PSM,
        timeout=options.page_timeout,
        slots=options.slots,
    )
    return [
        Word(
            w.text,
            w.left / ENLARGE * scale,
            (top + w.top / ENLARGE) * scale,
            (w.left + w.width) / ENLARGE * scale,
            (top + (w.top + w.height) / ENLARGE) * scale,
            conf=w.conf / 100.0,
        )
        for w in words
    ]


def read_bands(
    path: Path, pages: tuple[Page, ...], bands: list[Band], *, max_pixels: int, ocr: OcrOptions
) -> list[list[Word]]:
    """The words read on each of ``bands`` of the image file at ``path`` (whose first read
    gave ``pages``), in the order of ``bands``; none for a band of a page whose image
    cannot be made again."""
    out: list[list[Word]] = [[] for _ in bands]
    for page in pages:
        mine = [i for i, b in enumerate(bands) if b.page == page.number]
        if not mine or (upright := _upright(path, page, max_pixels)) is None:
            continue
        image, scale = upright
        for i in mine:
            out[i] = _read_band(image, scale, bands[i], ocr)
    return out
