"""Read an image file (PNG, JPEG, multi-page TIFF) by OCR."""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from intake.errors import CorruptFile, ResourceLimit
from intake.extractors.ocr import ocr_image
from intake.record import Page

__all__ = ["read_image"]

FORMATS = ["PNG", "JPEG", "TIFF"]
#: Assumed resolution of an image that does not state a plausible one.
DEFAULT_DPI = 300.0


def _dpi(image: Image.Image) -> float:
    dpi = image.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        value = 0.0
    return value if 100 <= value <= 1200 else DEFAULT_DPI


def read_image(
    path: Path,
    *,
    max_pages: int,
    max_pixels: int,
    ocr_lang: str = "eng",
    ocr_timeout: float = 120.0,
) -> tuple[Page, ...]:
    Image.MAX_IMAGE_PIXELS = max_pixels  # set explicitly: Pillow's guard against pixel floods
    pages = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=FORMATS) as img:
                frames = getattr(img, "n_frames", 1)
                if frames > max_pages:
                    raise ResourceLimit(f"the image has {frames} frames; the limit is {max_pages}")
                for index in range(frames):
                    img.seek(index)
                    if img.width * img.height > max_pixels:
                        raise ResourceLimit(
                            f"the image is {img.width}x{img.height} pixels;"
                            f" the limit is {max_pixels:,}"
                        )
                    frame = ImageOps.exif_transpose(img).convert("L")
                    scale = 72.0 / _dpi(img)
                    pages.append(
                        ocr_image(frame, index + 1, scale=scale, lang=ocr_lang, timeout=ocr_timeout)
                    )
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ResourceLimit(f"the image is too large: {exc}") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise CorruptFile(f"the image cannot be decoded ({exc})") from exc
    return tuple(pages)
