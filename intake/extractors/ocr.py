"""OCR with tesseract: images in, :class:`Page` records with word boxes out.

The words come from one ``image_to_data`` call per page (text and boxes in one pass), with
page segmentation mode 6, which keeps table rows together. Callers run this in worker
processes with ``OMP_THREAD_LIMIT=1``: tesseract's own threads are slower on small machines.
"""

from __future__ import annotations

import logging
import shutil

import pytesseract
from PIL import Image

from intake.errors import ConfigError, ResourceLimit
from intake.record import Page, Word, group_lines

__all__ = ["ocr_image", "tesseract_available"]

logger = logging.getLogger(__name__)

PSM = 6


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def ocr_image(
    image: Image.Image,
    number: int,
    *,
    scale: float,
    lang: str = "eng",
    timeout: float = 120.0,
) -> Page:
    """Read one page image. ``scale`` converts pixels to the page's units (points)."""
    if not tesseract_available():
        raise ConfigError("tesseract is not installed (Debian package tesseract-ocr)")
    if image.mode not in ("L", "RGB"):
        image = image.convert("L")
    image.format = "BMP"  # pytesseract then skips its PNG encode
    try:
        data = pytesseract.image_to_data(
            image,
            lang=lang,
            config=f"--psm {PSM}",
            output_type=pytesseract.Output.DICT,
            timeout=timeout,
        )
    except RuntimeError as exc:  # pytesseract signals its timeout as a bare RuntimeError
        if "timeout" in str(exc).lower():
            raise ResourceLimit(f"OCR of page {number} took over {timeout:.0f} s") from exc
        raise
    words = []
    for text, left, top, width, height, conf in zip(
        data["text"],
        data["left"],
        data["top"],
        data["width"],
        data["height"],
        data["conf"],
        strict=True,
    ):
        text = text.strip()
        if not text or float(conf) < 0:
            continue
        words.append(
            Word(
                text,
                left * scale,
                top * scale,
                (left + width) * scale,
                (top + height) * scale,
                conf=float(conf) / 100.0,
            )
        )
    w, h = image.size
    return Page(number, w * scale, h * scale, group_lines(words), source="ocr")
