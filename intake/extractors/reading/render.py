"""Page images for OCR: the scanned image itself when a page is nothing but one image,
else a rendering of the page.

A scanned PDF page is usually one image stretched over the page. Rendering it costs a
full decode plus a resampling pass (about 0.1 s a page at 300 dpi, an eighth of the OCR
itself), while taking the image's own pixels costs a few milliseconds. The pixels are
taken only when the page holds that image and nothing else, unrotated and unflipped, and
when a rendering of the middle of the page agrees with them (which catches masks, decode
arrays and anything else that makes the page look different from its image). They are
then brought to the OCR resolution if they are far from it.
"""

from __future__ import annotations

import logging
import threading

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageChops, ImageStat

__all__ = ["load_page_image"]

logger = logging.getLogger(__name__)

#: PDFium is not thread-safe: one call at a time, whichever thread makes it.
PDFIUM_LOCK = threading.Lock()
#: The image must cover this share of the page.
MIN_COVER = 0.95
#: The image is checked against a rendering of the page less this share on every side.
CHECK_MARGIN = 0.3
#: Smallest correlation of grey levels between that rendering and the image.
MIN_CORRELATION = 0.8
#: Largest difference of mean grey level (0-255) where both are blank.
MAX_MEAN_DIFF = 8.0
#: The image is used at its own resolution within this factor of the OCR resolution.
RESOLUTION_SLACK = 1.2


def _lone_image(page: pdfium.PdfPage, max_pixels: int) -> Image.Image | None:
    """The pixels of the one image that makes up ``page``, or None."""
    if page.get_rotation() != 0 or pdfium_c.FPDFPage_CountObjects(page.raw) != 1:
        return None
    obj = next(iter(page.get_objects()), None)
    if not isinstance(obj, pdfium.PdfImage):
        return None
    a, b, c, d, _, _ = obj.get_matrix().get()
    if b or c or a <= 0 or d <= 0:
        return None  # turned or flipped: let PDFium render it
    width, height = page.get_size()
    left, bottom, right, top = obj.get_bounds()
    covered = max(0.0, min(right, width) - max(left, 0.0)) * max(
        0.0, min(top, height) - max(bottom, 0.0)
    )
    px_width, px_height = obj.get_px_size()
    if covered < MIN_COVER * width * height or px_width * px_height > max_pixels:
        return None
    image: Image.Image = obj.get_bitmap(render=False).to_pil()
    return image


def _faithful(image: Image.Image, part: Image.Image, box: tuple[int, int, int, int]) -> bool:
    """Whether ``image``'s pixels in ``box`` look like ``part``, the page rendered there at
    the image's own scale: compared in blocks of 8x8 pixels, their grey levels must
    correlate (a mirrored, inverted or masked image does not)."""
    size = (max(2, part.width // 8), max(2, part.height // 8))
    gray = image.crop(box)
    ours = (gray if gray.mode == "L" else gray.convert("L")).resize(size, Image.Resampling.BOX)
    theirs = part.convert("L").resize(size, Image.Resampling.BOX)
    a, b = ImageStat.Stat(ours), ImageStat.Stat(theirs)
    var_a, var_b = a.var[0], b.var[0]
    if var_a < 1.0 or var_b < 1.0:  # (nearly) uniform: the same if equally bright
        return abs(a.mean[0] - b.mean[0]) <= MAX_MEAN_DIFF
    # covariance from the variance of the average: var((a+b)/2) = (va + vb + 2 cov) / 4
    average = ImageStat.Stat(ImageChops.add(ours, theirs, scale=2.0)).var[0]
    cov = 2 * average - (var_a + var_b) / 2
    return bool(cov / (var_a * var_b) ** 0.5 >= MIN_CORRELATION)


def _render(pdf: pdfium.PdfDocument, index: int, dpi: int) -> tuple[Image.Image, float]:
    with PDFIUM_LOCK:
        page = pdf[index]
        try:
            return page.render(scale=dpi / 72.0, grayscale=True).to_pil(), 72.0 / dpi
        finally:
            page.close()


def load_page_image(
    pdf: pdfium.PdfDocument, index: int, dpi: int, max_pixels: int
) -> tuple[Image.Image, float]:
    """The image of page ``index`` to OCR at about ``dpi``, and the size of its pixel in
    points. The caller has checked that the page renders within ``max_pixels`` at ``dpi``;
    an image larger than that is not decoded at its own size. Safe to call from several
    threads."""
    with PDFIUM_LOCK:
        page = pdf[index]
        try:
            width, height = page.get_size()
            image = _lone_image(page, max_pixels)
            if image is not None:  # the middle of the page, rendered at the image's scale
                scale = image.width / width
                margins = (width * CHECK_MARGIN, height * CHECK_MARGIN) * 2
                part = page.render(scale=scale, crop=margins, grayscale=True).to_pil()
        finally:
            page.close()
    if image is None:
        return _render(pdf, index, dpi)
    left, top = round(width * CHECK_MARGIN * scale), round(height * CHECK_MARGIN * scale)
    if not _faithful(image, part, (left, top, left + part.width, top + part.height)):
        logger.debug("page %d: its image is not what the page shows; rendering it", index + 1)
        image.close()
        return _render(pdf, index, dpi)
    target = (max(1, round(width * dpi / 72.0)), max(1, round(height * dpi / 72.0)))
    ratio = image.width / target[0]
    square = abs(image.width / image.height - target[0] / target[1]) <= 0.01 * target[0] / target[1]
    if square and 1 / RESOLUTION_SLACK <= ratio <= RESOLUTION_SLACK:
        return image, width / image.width
    return image.resize(target, Image.Resampling.BILINEAR), 72.0 / dpi
