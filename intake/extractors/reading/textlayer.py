"""Whether a PDF page's text layer can be used, or the page must be OCRed.

Judged page by page from what pypdfium2 sees, before anything expensive runs:

* **no text**: fewer than :data:`MIN_TEXT_CHARS` characters (a scan, a photo);
* **garbage**: the text is not made of words (:func:`plausible_share` below
  :data:`MIN_PLAUSIBLE`), as from fonts with broken character maps;
* **hidden**: the page is essentially one image (a scan covering :data:`SCAN_COVER` of it)
  and its text is invisible: another program's OCR layer. Its words pass for words, but
  its digits need not: on the one such scan of the dev corpus its dates read "05118120"
  and our OCR found 5 of the 5 labelled values where the layer had 3. A scan is OCRed
  here whoever OCRed it before, so that every scan gets the same reading.
* **partial**: a scan with visible text on only a few of its rows, like a fax header or a
  stamp added to it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from intake.extractors.reading.textquality import plausible_share

__all__ = ["MIN_PLAUSIBLE", "MIN_TEXT_CHARS", "TextLayer", "judge_text_layer"]

#: A page whose text layer has fewer characters than this is OCRed.
MIN_TEXT_CHARS = 20
#: A text layer with a smaller share of plausible tokens is garbage. Real text layers of the
#: dev corpus score 0.87 and above (median 1.0); broken font maps score 0.0-0.2.
MIN_PLAUSIBLE = 0.5
#: An image covering this share of the page makes it a scan.
SCAN_COVER = 0.8
#: A scan whose text objects are invisible in this share has a hidden (OCR) layer.
HIDDEN_SHARE = 0.9
#: A scan whose text covers fewer of its horizontal bands than this share has a partial layer.
MIN_BAND_COVER = 0.25
BANDS = 40


@dataclass(frozen=True)
class TextLayer:
    """What was found on one page: ``usable`` and, when not, ``reason``."""

    chars: int
    plausible: float
    scan_cover: float
    band_cover: float
    reason: str = ""

    @property
    def usable(self) -> bool:
        return not self.reason


def _largest_image(page: pdfium.PdfPage) -> tuple[float, tuple[float, float, float, float]]:
    """The share of the page covered by its largest image, and that image's bounds."""
    width, height = page.get_size()
    area = max(width * height, 1.0)
    best, bounds = 0.0, (0.0, 0.0, 0.0, 0.0)
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4):
        left, bottom, right, top = obj.get_bounds()
        w = max(0.0, min(right, width) - max(left, 0.0))
        h = max(0.0, min(top, height) - max(bottom, 0.0))
        if w * h / area > best:
            best, bounds = w * h / area, (left, bottom, right, top)
    return best, bounds


def _hidden_share(page: pdfium.PdfPage) -> float:
    """The share of the page's text objects drawn invisibly (render mode 3)."""
    total = hidden = 0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT], max_depth=4):
        total += 1
        mode = pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw)
        hidden += mode == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE
    return hidden / total if total else 0.0


def _band_cover(textpage: pdfium.PdfTextPage, bounds: tuple[float, float, float, float]) -> float:
    """The share of horizontal bands of ``bounds`` in which some text lies."""
    _, bottom, _, top = bounds
    span = top - bottom
    if span <= 0:
        return 0.0
    hit = [False] * BANDS
    for i in range(textpage.count_rects()):
        _, r_bottom, _, r_top = textpage.get_rect(i)
        first = int((max(r_bottom, bottom) - bottom) / span * BANDS)
        last = int((min(r_top, top) - bottom) / span * BANDS)
        for band in range(max(first, 0), min(last, BANDS - 1) + 1):
            hit[band] = True
    return sum(hit) / BANDS


def judge_text_layer(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage | None = None) -> TextLayer:
    """Decide whether ``page``'s text layer is usable (else it is OCRed). ``textpage`` is
    the page's open text page when the caller holds one (it stays open)."""
    if textpage is not None:
        return _judge(page, textpage)
    own = page.get_textpage()
    try:
        return _judge(page, own)
    finally:
        own.close()


def _judge(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> TextLayer:
    text = textpage.get_text_range()
    chars = len(text.strip())
    if chars < MIN_TEXT_CHARS:
        return TextLayer(chars, 0.0, 0.0, 0.0, "no text layer")
    plausible = plausible_share(text.split()[:400])  # a sample tells garbage apart
    if plausible < MIN_PLAUSIBLE:
        return TextLayer(
            chars, plausible, 0.0, 0.0, f"text layer is garbage ({plausible:.0%} words)"
        )
    cover, bounds = _largest_image(page)
    if cover < SCAN_COVER:
        return TextLayer(chars, plausible, cover, 1.0)
    bands = _band_cover(textpage, bounds)
    if _hidden_share(page) >= HIDDEN_SHARE:
        return TextLayer(chars, plausible, cover, bands, "a scan under a hidden OCR layer")
    if bands < MIN_BAND_COVER:
        return TextLayer(
            chars, plausible, cover, bands, f"text covers {bands:.0%} of the scanned page"
        )
    return TextLayer(chars, plausible, cover, bands)
