"""The two tesseract calls Intake makes, each holding a slot while tesseract runs.

:func:`read_words` is one ``image_to_data`` pass: every word with its box (in pixels of
the image given) and its confidence. :func:`detect_orientation` is tesseract's OSD
(``--psm 0``). Both pass the image as BMP, which spares pytesseract a PNG encode, and both
turn pytesseract's failures into Intake's errors.
"""

from __future__ import annotations

import contextlib
import logging
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass

import pytesseract
from PIL import Image
from rapidfuzz import fuzz

from intake.errors import ConfigError, CorruptFile, ResourceLimit
from intake.extractors.reading.slots import Slots

__all__ = ["OcrWord", "detect_orientation", "once_per_ink", "read_words", "tesseract_available"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class OcrWord:
    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float  # 0..100


def tesseract_available() -> bool:
    return shutil.which(pytesseract.pytesseract.tesseract_cmd) is not None


def _as_bmp(image: Image.Image) -> Image.Image:
    if image.mode not in ("1", "L", "RGB"):
        image = image.convert("L")
    image.format = "BMP"  # pytesseract then writes a BMP instead of encoding a PNG
    return image


@contextlib.contextmanager
def _errors(what: str, timeout: float) -> Iterator[None]:
    try:
        yield
    except pytesseract.TesseractNotFoundError as exc:
        raise ConfigError("tesseract is not installed (Debian package tesseract-ocr)") from exc
    except pytesseract.TesseractError as exc:
        message = str(exc.message or exc)
        if "Failed loading language" in message or "Error opening data file" in message:
            raise ConfigError(f"a tesseract language is missing: {message.strip()}") from exc
        raise CorruptFile(f"tesseract could not read {what}: {message.strip()[:200]}") from exc
    except RuntimeError as exc:  # pytesseract signals its timeout as a bare RuntimeError
        if "timeout" in str(exc).lower():
            raise ResourceLimit(f"OCR of {what} took over {timeout:g} s") from exc
        raise


def read_words(
    image: Image.Image,
    *,
    what: str,
    lang: str,
    psm: int,
    timeout: float,
    slots: Slots,
    extra: str = "",
) -> list[OcrWord]:
    """The words tesseract reads on ``image`` (``what`` names it in errors)."""
    if not tesseract_available():
        raise ConfigError("tesseract is not installed (Debian package tesseract-ocr)")
    image = _as_bmp(image)
    with _errors(what, timeout), slots.hold():
        data = pytesseract.image_to_data(
            image,
            lang=lang,
            config=f"--psm {psm} {extra}".strip(),
            output_type=pytesseract.Output.DICT,
            timeout=timeout,
        )
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
        if text and float(conf) >= 0:
            words.append(OcrWord(text, int(left), int(top), int(width), int(height), float(conf)))
    return once_per_ink(words)


#: Two words whose boxes share this much of the smaller one's width and of the shorter
#: one's height, and whose letters are this alike (rapidfuzz's ratio, 0-100), are one
#: piece of ink read twice. (Loose boxes on a poor scan overlap their neighbours': the
#: letters tell a neighbour, "BAKERIES" beside "(KL)", from the same word read again.)
SAME_INK = 0.5
SAME_LETTERS = 60.0


def _overlap(a0: int, a1: int, b0: int, b1: int) -> float:
    """The share of the shorter of two spans that they have in common."""
    return max(0, min(a1, b1) - max(a0, b0)) / max(1, min(a1 - a0, b1 - b0))


def once_per_ink(words: list[OcrWord]) -> list[OcrWord]:
    """``words`` with each piece of ink read once. Reading a page as one block, tesseract
    now and then builds two text lines through the same print (a line slightly tilted
    beside a line of another column a little lower): every word of it comes out twice,
    boxes overlapping ("Validité" over "alidité", "mois" over "moi"), and the line reads
    double. Of two alike words on the same ink the more confident stays."""
    drop: set[int] = set()
    order = sorted(range(len(words)), key=lambda i: words[i].left)
    for k, i in enumerate(order):
        a = words[i]
        for j in order[k + 1 :]:
            b = words[j]
            if b.left >= a.left + a.width:
                break  # sorted by their left edges: no later word reaches back over ``a``
            if (
                _overlap(a.left, a.left + a.width, b.left, b.left + b.width) >= SAME_INK
                and _overlap(a.top, a.top + a.height, b.top, b.top + b.height) >= SAME_INK
                and fuzz.ratio(a.text, b.text) >= SAME_LETTERS
            ):
                drop.add(j if (b.conf, len(b.text)) < (a.conf, len(a.text)) else i)
    return [w for i, w in enumerate(words) if i not in drop] if drop else words


_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_CONFIDENCE = re.compile(r"Orientation confidence:\s*([\d.]+)")


def detect_orientation(
    image: Image.Image, *, what: str, timeout: float, slots: Slots
) -> tuple[int, float]:
    """How many degrees clockwise ``image`` must turn to stand upright (0, 90, 180, 270),
    and tesseract's confidence in that; (0, 0.0) when it cannot tell (too little text)."""
    image = _as_bmp(image)
    try:
        with _errors(what, timeout), slots.hold():
            osd = pytesseract.image_to_osd(image, config="--psm 0", timeout=timeout)
    except CorruptFile as exc:  # "Too few characters", and the like: no verdict
        logger.debug("no orientation for %s: %s", what, exc)
        return 0, 0.0
    except ConfigError as exc:  # osd.traineddata missing: read as it lies
        logger.warning("no orientation detection (%s); install tesseract-ocr-osd", exc)
        return 0, 0.0
    rotate, confidence = _ROTATE.search(osd), _CONFIDENCE.search(osd)
    if rotate is None or confidence is None:
        return 0, 0.0
    return int(rotate.group(1)) % 360, float(confidence.group(1))
