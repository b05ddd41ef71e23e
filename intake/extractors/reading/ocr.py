"""OCR: page images in, :class:`Page` records with word boxes out, pages in parallel.

For each page: grey it, even out uneven lighting (:mod:`lighting`), undo its skew
(:mod:`deskew`), read it with one ``image_to_data`` pass at page segmentation mode 6 (one
block: table rows stay together). When the result
reads badly (low confidence), ask tesseract's OSD which way is up, turn the page and read
it again, keeping whichever reading is better. Words come out in points from the top-left
of the upright page, grouped into lines by :func:`intake.record.group_lines`, exactly like
text-layer pages, so one extraction code path serves both.

:func:`ocr_pages` reads the pages of one file on several threads. Each thread drives a
tesseract *process* (with ``OMP_THREAD_LIMIT=1``, set by the worker), and every run holds
a slot (:mod:`slots`), so all workers together never run more tesseracts than cores.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial

from PIL import Image, ImageOps

from intake.extractors.reading.deskew import rotate_image, straighten_image
from intake.extractors.reading.lighting import flatten_lighting
from intake.extractors.reading.rules import remove_rules
from intake.extractors.reading.slots import FileSlots, LocalSlots, Slots
from intake.extractors.reading.tesseract import (
    OcrWord,
    detect_orientation,
    read_words,
    tesseract_available,
)
from intake.extractors.reading.uncovered import recover_uncovered
from intake.record import Page, Word, group_lines
from intake.settings import Settings

__all__ = [
    "OcrOptions",
    "PageImage",
    "ocr_image",
    "ocr_options",
    "ocr_pages",
    "reading_quality",
    "tesseract_available",
]

logger = logging.getLogger(__name__)

#: Page segmentation mode: 6 = one uniform block; keeps table rows on one line.
PSM = 6
#: A reading with a lower confidence (0..1, weighted by word length) makes us ask OSD
#: whether the page is upright. Upright pages read at 0.8-0.95; sideways ones below 0.5.
CHECK_ORIENTATION_BELOW = 0.6
#: A reading with a lower confidence is tried again on the page with its contrast
#: stretched: faint print (thermal receipts, dot-matrix tills) that tesseract reads as
#: noise. Measured on scanned shop receipts: 3 of 50 are read again, and the two that OCR had
#: turned to noise come out legible (their labelled date and total in the text: 2 of 6
#: before, 4 after); stretching every page instead gained nothing over all of them.
RETRY_CONTRAST_BELOW = 0.6
#: Share of the darkest and lightest pixels ignored when stretching the contrast.
STRETCH_CUTOFF = 2
#: OSD verdicts with a lower confidence are ignored.
MIN_OSD_CONFIDENCE = 1.0
#: Images narrower than this many pixels are read at twice their size (see _enlarge).
ENLARGE_BELOW = 1000

#: Loads one page image on demand: the image and the size of its pixel in points.
PageImage = Callable[[], tuple[Image.Image, float]]


@dataclass(frozen=True)
class OcrOptions:
    """How pages are OCRed: language(s), resolution of rendered pages, the time limit of
    one tesseract run, and the slots that bound how many run at once."""

    lang: str = "eng"
    dpi: int = 300
    page_timeout: float = 120.0
    slots: Slots = field(default_factory=lambda: LocalSlots(1))

    @property
    def threads(self) -> int:
        """One thread per slot, and one more that prepares the next page (renders and
        straightens it) while the others wait on tesseract."""
        return self.slots.count + 1


def ocr_options(settings: Settings) -> OcrOptions:
    """The OCR options of a service: its slots are shared by all its worker processes."""
    count = settings.ocr_processes or os.cpu_count() or 1
    return OcrOptions(
        lang=settings.ocr_lang,
        dpi=settings.ocr_dpi,
        page_timeout=settings.ocr_page_timeout,
        slots=FileSlots(settings.cache_dir / "ocr-slots", count),
    )


def reading_quality(words: Sequence[OcrWord]) -> float:
    """Tesseract's confidence in a reading, 0..1, weighted by word length."""
    total = sum(len(w.text) for w in words)
    if not total:
        return 0.0
    return sum(w.conf * len(w.text) for w in words) / total / 100.0


def _gray(image: Image.Image) -> Image.Image:
    """``image`` in 8-bit grey, transparent parts white (not black)."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, rgba)
    return image if image.mode == "L" else image.convert("L")


def _stretch(image: Image.Image) -> Image.Image:
    """``image`` with its grey levels stretched to full black and white."""
    return ImageOps.autocontrast(image, cutoff=STRETCH_CUTOFF)


def _enlarge(image: Image.Image) -> tuple[Image.Image, int]:
    """Small images (receipts, phone shots scaled down) doubled: tesseract reads small
    glyphs much better at twice the size. Measured on scanned shop receipts (most 450-900 px
    wide): totals present in the text 0.76 -> 0.84, dates 0.74 -> 0.78, addresses 0.86 ->
    0.94; tripling or adding Sauvola thresholding or autocontrast gained nothing more."""
    if image.width >= ENLARGE_BELOW:
        return image, 1
    size = (image.width * 2, image.height * 2)
    return image.resize(size, Image.Resampling.BICUBIC), 2


def _read(
    image: Image.Image, what: str, options: OcrOptions
) -> tuple[Image.Image, list[OcrWord], float]:
    """Straighten ``image``, take its table rules out (:mod:`rules`) and read it: the
    straightened image and its words (in its pixels)."""
    straight, _ = straighten_image(image)
    big, factor = _enlarge(remove_rules(straight))
    read = partial(
        read_words,
        what=what,
        lang=options.lang,
        psm=PSM,
        timeout=options.page_timeout,
        slots=options.slots,
    )
    # lines the single-block reading left out (large titles set apart): :mod:`uncovered`
    words = recover_uncovered(big, read(big), read)
    if factor != 1:
        words = [
            OcrWord(
                w.text,
                w.left // factor,
                w.top // factor,
                -(-w.width // factor),
                -(-w.height // factor),
                w.conf,
            )
            for w in words
        ]
    return straight, words, reading_quality(words)


def ocr_image(image: Image.Image, number: int, *, scale: float, options: OcrOptions) -> Page:
    """Read one page image. ``scale`` is the size of one pixel in points."""
    what = f"page {number}"
    start = time.perf_counter()
    plain = _gray(image)
    # an unevenly lit page is read evened out (:mod:`lighting`), and as it was only where
    # that reads badly; an evenly lit one that reads badly is tried with its contrast
    # stretched
    flat = flatten_lighting(plain)
    gray = plain if flat is None else flat
    upright, words, quality = _read(gray, what, options)
    retried = False
    if quality < RETRY_CONTRAST_BELOW:
        retry = plain if flat is not None else _stretch(plain)
        # a page at full contrast already (black and white) stretches to itself: no retry
        if retry.tobytes() != gray.tobytes():
            other, other_words, other_quality = _read(retry, what, options)
            if other_quality > quality:
                gray, retried = retry, True
                upright, words, quality = other, other_words, other_quality
    turned = 0
    if words and quality < CHECK_ORIENTATION_BELOW:
        turn, confidence = detect_orientation(
            gray, what=what, timeout=options.page_timeout, slots=options.slots
        )
        if turn and confidence >= MIN_OSD_CONFIDENCE:
            other, other_words, other_quality = _read(rotate_image(gray, -turn), what, options)
            if other_quality > quality:
                upright, words, quality, turned = other, other_words, other_quality, turn
    logger.debug(
        "%s: %d words, quality %.2f, lighting evened %s, read again %s, turned %d, %.2f s",
        what,
        len(words),
        quality,
        flat is not None,
        retried,
        turned,
        time.perf_counter() - start,
    )
    page_words = [
        Word(
            w.text,
            w.left * scale,
            w.top * scale,
            (w.left + w.width) * scale,
            (w.top + w.height) * scale,
            conf=w.conf / 100.0,
        )
        for w in words
    ]
    width, height = upright.size
    return Page(
        number,
        width * scale,
        height * scale,
        group_lines(page_words),
        source="ocr",
        turn=-turned % 360,  # read from rotate_image(gray, -turned)
    )


def ocr_pages(sources: Sequence[tuple[int, PageImage]], options: OcrOptions) -> list[Page]:
    """OCR the numbered pages, several at once (as many as ``options`` has slots); the
    pages come back in the order given. The first failure is raised."""

    def run(number: int, load: PageImage) -> Page:
        image, scale = load()
        try:
            return ocr_image(image, number, scale=scale, options=options)
        finally:
            image.close()

    if len(sources) <= 1:
        return [run(number, load) for number, load in sources]
    threads = min(options.threads, len(sources))
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="ocr") as pool:
        futures = [pool.submit(run, number, load) for number, load in sources]
        try:
            return [future.result() for future in futures]
        finally:
            for future in futures:
                future.cancel()
