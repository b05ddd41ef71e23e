"""A made-up PDF as a scanner or a phone would deliver it, for the layout stress generator's
``--scan`` option (:mod:`benchmarks.synthetic`).

Every page is rendered (pypdfium2) at 150-300 dpi in grey, turned by 0.3-2 degrees either
way (paper never lies square on the glass), blurred a little (optics, focus), given uneven
lighting on some pages (a phone's shadow, a lid left open: a brightness ramp across the
page), sensor noise, and JPEG compression. A one-page document becomes a JPEG (what a phone
sends), a longer one a multi-page TIFF of those JPEG-degraded pages (what a sheet-feeder
scanner files). Some files state their resolution and some do not (many phones and mail
gateways drop it), so the reader's assumed resolution is exercised too.

The degradation is drawn from the caller's random generator: a fixed seed gives the same
image bytes, so the benchmark's OCR cache (keyed by the file's SHA-256) serves a rerun.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

__all__ = ["ScanStyle", "scan_pdf", "scan_style"]


@dataclass(frozen=True)
class ScanStyle:
    """How one document is degraded (drawn once per document by :func:`scan_style`)."""

    dpi: int
    angle: float  # degrees, counter-clockwise
    blur: float  # Gaussian radius in pixels at 300 dpi
    noise: float  # standard deviation of the grey noise, 0-255
    quality: int  # JPEG quality
    lighting: float  # darkest corner's brightness factor (1.0: even lighting)
    state_dpi: bool  # whether the file records its resolution


def scan_style(rng: random.Random) -> ScanStyle:
    """A plausible scan or phone shot: 150-300 dpi, 0.3-2 degrees of skew either way,
    slight blur, noise, JPEG at quality 45-85, uneven lighting on a third of them."""
    angle = rng.uniform(0.3, 2.0) * rng.choice((-1, 1))
    return ScanStyle(
        dpi=rng.choice((150, 200, 200, 300, 300)),
        angle=round(angle, 2),
        blur=round(rng.uniform(0.3, 1.1), 2),
        noise=round(rng.uniform(2.0, 10.0), 1),
        quality=rng.randint(45, 85),
        lighting=round(rng.uniform(0.65, 0.9), 2) if rng.random() < 0.35 else 1.0,
        state_dpi=rng.random() < 0.75,
    )


def lit_from_a_corner(
    pixels: np.ndarray, darkest: float, *, flip_x: bool = False, flip_y: bool = False
) -> np.ndarray:
    """Grey ``pixels`` lit by a ramp from one corner: full light in the top left (mirrored
    by ``flip_x`` / ``flip_y``), fading to ``darkest`` of it in the opposite corner."""
    h, w = pixels.shape
    ys, xs = np.mgrid[0:h, 0:w]
    fx = (w - 1 - xs) if flip_x else xs
    fy = (h - 1 - ys) if flip_y else ys
    ramp = (fx / max(w - 1, 1) + fy / max(h - 1, 1)) / 2
    result: np.ndarray = pixels * (1.0 - (1.0 - darkest) * ramp)
    return result


def _degrade(page: Image.Image, style: ScanStyle, rng: random.Random) -> Image.Image:
    """One rendered grey page through the scanner: turned, blurred, lit, noisy, JPEG'd."""
    turned = page.rotate(style.angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    blurred = turned.filter(ImageFilter.GaussianBlur(style.blur * style.dpi / 300))
    pixels = np.asarray(blurred, dtype=np.float64)
    if style.lighting < 1.0:
        flip_x, flip_y = rng.random() < 0.5, rng.random() < 0.5
        pixels = lit_from_a_corner(pixels, style.lighting, flip_x=flip_x, flip_y=flip_y)
    noise = np.random.default_rng(rng.getrandbits(32)).normal(0.0, style.noise, pixels.shape)
    noisy = Image.fromarray(np.clip(pixels + noise, 0, 255).astype(np.uint8), mode="L")
    buffer = io.BytesIO()
    noisy.save(buffer, "JPEG", quality=style.quality)
    buffer.seek(0)
    with Image.open(buffer) as jpeg:
        jpeg.load()
        return jpeg.copy()


def scan_pdf(pdf: Path, out: Path, rng: random.Random) -> tuple[Path, ScanStyle]:
    """``pdf`` scanned to ``out`` (its suffix replaced: .jpg for one page, .tif for more),
    and the style it was scanned in."""
    style = scan_style(rng)
    document = pdfium.PdfDocument(str(pdf))
    try:
        rendered = [
            document[i].render(scale=style.dpi / 72, grayscale=True).to_pil().convert("L")
            for i in range(len(document))
        ]
    finally:
        document.close()
    pages = [_degrade(page, style, rng) for page in rendered]
    extra = {"dpi": (style.dpi, style.dpi)} if style.state_dpi else {}
    if len(pages) == 1:
        target = out.with_suffix(".jpg")
        pages[0].save(target, "JPEG", quality=style.quality, **extra)
    else:
        target = out.with_suffix(".tif")
        pages[0].save(
            target, "TIFF", save_all=True, append_images=pages[1:], compression="tiff_lzw", **extra
        )
    return target, style
