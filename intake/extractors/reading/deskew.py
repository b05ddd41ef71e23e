"""Straightening page images before OCR: skew from a projection profile, and turns.

A slightly rotated scan confuses tesseract less than it confuses the line grouping after
it: at 3 degrees the right end of a line sits a line lower than its left end. So the skew
is measured and undone first. The measure is the classic projection profile: text lines
are sharpest (rows of ink alternating with rows of paper) when the image is rotated by
exactly the opposite of its skew. It runs on a small copy of the page with Pillow only.
"""

from __future__ import annotations

import logging

from PIL import Image, ImageOps

__all__ = ["MAX_SKEW", "estimate_skew", "rotate_image", "straighten_image"]

logger = logging.getLogger(__name__)

#: Skews up to this many degrees (either way) are measured and undone.
MAX_SKEW = 6.0
#: Smaller skews are left alone: rotating costs more than it gains.
MIN_SKEW = 0.3
#: The profile is measured on a copy at most this wide.
PROFILE_WIDTH = 500
#: Angles tried first (degrees apart), then refined in tenths of a degree around the best.
COARSE_STEP = 1.0
#: A rotation is trusted only when it sharpens the profile by this factor over none.
MIN_GAIN = 1.05


def _sharpness(ink: Image.Image, angle: float) -> float:
    turned = ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0) if angle else ink
    values = turned.resize((1, turned.height), Image.Resampling.BOX).tobytes()  # row means
    return float(sum((a - b) * (a - b) for a, b in zip(values, values[1:], strict=False)))


def _ink(image: Image.Image) -> Image.Image:
    gray = image if image.mode == "L" else image.convert("L")
    factor = -(-gray.width // PROFILE_WIDTH)
    if factor > 1:
        gray = gray.reduce(factor)
    # ink bright on a dark ground, stretched so that faint scans count as much as dark ones
    return ImageOps.autocontrast(ImageOps.invert(gray), cutoff=1)


def estimate_skew(image: Image.Image) -> float:
    """The angle in degrees (counter-clockwise) that straightens the text lines of
    ``image``; 0.0 when there are no lines to go by or the page is straight."""
    ink = _ink(image)
    if ink.height < 16 or ink.width < 16:
        return 0.0
    level = _sharpness(ink, 0.0)
    best, best_angle = level, 0.0
    steps = int(MAX_SKEW / COARSE_STEP)
    for k in range(-steps, steps + 1):
        angle = k * COARSE_STEP
        if angle:
            s = _sharpness(ink, angle)
            if s > best:
                best, best_angle = s, angle
    coarse = best_angle
    fine = int(COARSE_STEP / 0.1 / 2 + 0.5)
    for k in range(-fine, fine + 1):
        angle = coarse + k * 0.1
        if k and abs(angle) <= MAX_SKEW:
            s = _sharpness(ink, angle)
            if s > best:
                best, best_angle = s, angle
    if best < level * MIN_GAIN or abs(best_angle) < MIN_SKEW:
        return 0.0
    return round(best_angle, 2)


def rotate_image(image: Image.Image, angle: float) -> Image.Image:
    """``image`` turned by ``angle`` degrees counter-clockwise, grown to keep every corner,
    the new corners white."""
    if angle % 360 == 0:
        return image
    if angle % 90 == 0:
        turn = {
            90: Image.Transpose.ROTATE_90,
            180: Image.Transpose.ROTATE_180,
            270: Image.Transpose.ROTATE_270,
        }
        return image.transpose(turn[int(angle) % 360])
    white = 255 if image.mode == "L" else (255,) * len(image.getbands())
    return image.rotate(angle, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=white)


def straighten_image(image: Image.Image) -> tuple[Image.Image, float]:
    """``image`` with its skew undone, and the angle it was turned by."""
    angle = estimate_skew(image)
    if angle:
        logger.debug("deskewing by %.2f degrees", angle)
        return rotate_image(image, angle), angle
    return image, 0.0
