"""Read an image file (PNG, JPEG, multi-page TIFF) by OCR.

Limits are checked before any pixel is decoded: Pillow's decompression-bomb guard is set
to the pixel limit (and its warning made an error), the frame count of a TIFF is checked
against the page limit, and each frame's size against the pixel limit. Only then are the
frames decoded, one at a time as the OCR threads ask for them.
"""

from __future__ import annotations

import struct
import threading
import warnings
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from intake.errors import CorruptFile, ResourceLimit
from intake.extractors.reading.ocr import OcrOptions, PageImage, ocr_pages
from intake.record import Page

__all__ = ["Prepare", "read_image"]

#: Prepares a decoded page for OCR: the image and the size of its pixel in points in, the
#: same out (an image made larger has smaller pixels).
Prepare = Callable[[Image.Image, float], tuple[Image.Image, float]]

FORMATS = ["PNG", "JPEG", "TIFF"]
#: Assumed resolution of an image that does not state a plausible one.
DEFAULT_DPI = 300.0


def _dpi(image: Image.Image) -> float:
    dpi = image.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        value = 0.0
    return value if 72 <= value <= 1200 else DEFAULT_DPI


#: What Pillow raises on a malformed file besides OSError (found by tests/test_fuzz_readers.py:
#: a TIFF whose tags lost their size raises TypeError "Missing dimensions").
DECODE_ERRORS: tuple[type[Exception], ...] = (
    OSError,
    SyntaxError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    EOFError,
    ZeroDivisionError,
    struct.error,
)
OPEN_ERRORS: tuple[type[Exception], ...] = (UnidentifiedImageError, *DECODE_ERRORS)


def _frame(
    img: Image.Image, lock: threading.Lock, index: int, prepare: Prepare | None = None
) -> tuple[Image.Image, float]:
    try:
        with lock:  # an open image has one current frame: decode one at a time
            img.seek(index)
            scale = 72.0 / _dpi(img)
            frame = ImageOps.exif_transpose(img)
            frame.load()
    except DECODE_ERRORS as exc:
        raise CorruptFile(f"frame {index + 1} of the image cannot be decoded ({exc})") from exc
    return prepare(frame, scale) if prepare is not None else (frame, scale)


def _check(img: Image.Image, max_pages: int, max_pixels: int) -> int:
    """The number of frames of ``img``, once each is known to be within the limits."""
    frames = getattr(img, "n_frames", 1)
    if frames > max_pages:
        raise ResourceLimit(f"the image has {frames} frames; the limit is {max_pages}")
    for index in range(frames):
        img.seek(index)
        if img.width * img.height > max_pixels:
            raise ResourceLimit(
                f"the image is too large: frame {index + 1} is"
                f" {img.width}x{img.height} pixels; the limit is {max_pixels:,}"
            )
    return frames


def read_image(
    path: Path, *, max_pages: int, max_pixels: int, ocr: OcrOptions, prepare: Prepare | None = None
) -> tuple[Page, ...]:
    """The pages of an image file, OCRed; each decoded page first goes through ``prepare``
    where one is given (a second read's own preparation: :mod:`reread`)."""
    Image.MAX_IMAGE_PIXELS = max_pixels  # set explicitly: Pillow's guard against pixel floods
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
                (index + 1, partial(_frame, img, lock, index, prepare)) for index in range(frames)
            ]
            return tuple(ocr_pages(sources, ocr))
