"""Which of tesseract's language models are installed (``tesseract --list-langs``)."""

from __future__ import annotations

import logging
from functools import cache

import pytesseract

__all__ = ["installed_models"]

logger = logging.getLogger(__name__)


@cache
def installed_models() -> frozenset[str]:
    """The language models tesseract can read with ("eng", "deu", ...); none where
    tesseract cannot be run."""
    try:
        return frozenset(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError) as exc:
        logger.debug("tesseract's models are unknown: %s", exc)
        return frozenset()
