"""Scans made at test time: PDFs from tests.factory rendered to images (as a scanner would),
turned, skewed, specked, saved as JPEG, put back into image-only PDFs or multi-page TIFFs;
PDFs whose text layer is garbage; and files built to exceed the limits."""

from __future__ import annotations

import random
import re
import struct
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import reportlab
from PIL import Image, ImageDraw
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from benchmarks.synth_scan import lit_from_a_corner as light_ramp
from intake.extractors.reading.deskew import rotate_image


def render(pdf_path: Path, dpi: int = 300, page: int = 0) -> Image.Image:
    """One page of a PDF as a grey image, like a scanner at ``dpi``."""
    pdf = pdfium.PdfDocument(pdf_path)
    try:
        image = pdf[page].render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        pdf.close()
    image.info["dpi"] = (dpi, dpi)
    return image


def turned(image: Image.Image, degrees: float) -> Image.Image:
    """``image`` turned counter-clockwise, as a sheet put on the scanner askew."""
    out = rotate_image(image, degrees)
    out.info["dpi"] = image.info.get("dpi", (300, 300))
    return out


def faded(image: Image.Image, edge: int = 20) -> Image.Image:
    """``image`` printed faint (ink a light grey) and photographed with a black edge of
    table beside the paper, as thermal receipts are: the few dark pixels of the edge
    mislead a global threshold into taking the faint print for paper."""
    out = image.convert("L").point(lambda v: 190 + 55 * v // 255)
    ImageDraw.Draw(out).rectangle((0, 0, edge, out.height), fill=0)
    out.info["dpi"] = image.info.get("dpi", (300, 300))
    return out


def lit_from_a_corner(image: Image.Image, darkest: float = 0.5, seed: int = 7) -> Image.Image:
    """``image`` photographed under a lamp: full light in the bottom-right corner, fading
    to ``darkest`` of it in the top-left, with the sensor's noise on top."""
    pixels = np.asarray(image.convert("L"), dtype=np.float64)
    noise = np.random.default_rng(seed).normal(0.0, 6.0, pixels.shape)
    lit = light_ramp(pixels, darkest, flip_x=True, flip_y=True) + noise
    out = Image.fromarray(np.clip(lit, 0, 255).astype(np.uint8), mode="L")
    out.info["dpi"] = image.info.get("dpi", (300, 300))
    return out


def specked(image: Image.Image, share: float = 0.002, seed: int = 7) -> Image.Image:
    """``image`` with ``share`` of its pixels turned black or white at random, as dust
    and the grain of the paper speck a scan."""
    rnd = random.Random(seed)
    out = image.convert("L")
    pixels = out.load()
    assert pixels is not None
    for _ in range(int(out.width * out.height * share)):
        pixels[rnd.randrange(out.width), rnd.randrange(out.height)] = rnd.choice((0, 255))
    out.info["dpi"] = image.info.get("dpi", (300, 300))
    return out


def save_jpeg(image: Image.Image, path: Path, quality: int = 60) -> Path:
    image.convert("L").save(path, quality=quality, dpi=image.info.get("dpi", (300, 300)))
    return path


def save_png(image: Image.Image, path: Path) -> Path:
    image.save(path, dpi=image.info.get("dpi", (300, 300)))
    return path


def image_pdf(images: Sequence[Image.Image], path: Path, dpi: int = 300) -> Path:
    """A PDF whose pages are only these images (a scan), each page the size of its image."""
    c = Canvas(str(path))
    for image in images:
        width, height = image.width * 72 / dpi, image.height * 72 / dpi
        c.setPageSize((width, height))
        c.drawImage(ImageReader(image), 0, 0, width, height)
        c.showPage()
    c.save()
    return path


def scan_with_header(image: Image.Image, path: Path, header: str, dpi: int = 300) -> Path:
    """A scan with one line of real text added on top, as a fax machine or a stamp does."""
    c = Canvas(str(path))
    width, height = image.width * 72 / dpi, image.height * 72 / dpi
    c.setPageSize((width, height))
    c.drawImage(ImageReader(image), 0, 0, width, height)
    c.setFont("Helvetica", 7)
    c.drawString(20, height - 12, header)
    c.showPage()
    c.save()
    return path


def scan_with_hidden_text(
    image: Image.Image, path: Path, lines: Sequence[str], dpi: int = 300
) -> Path:
    """A scan under an invisible text layer, as scanners' own OCR leaves it."""
    c = Canvas(str(path))
    width, height = image.width * 72 / dpi, image.height * 72 / dpi
    c.setPageSize((width, height))
    c.drawImage(ImageReader(image), 0, 0, width, height)
    text = c.beginText(50, height - 60)
    text.setTextRenderMode(3)
    text.setFont("Helvetica", 10)
    step = (height - 120) / max(len(lines), 1)
    text.setLeading(step)
    for line in lines:
        text.textLine(line)
    c.drawText(text)
    c.showPage()
    c.save()
    return path


def mixed_pdf(text_lines: Sequence[str], image: Image.Image, path: Path, dpi: int = 300) -> Path:
    """Page 1 with a text layer, page 2 a scanned image."""
    c = Canvas(str(path))
    c.setFont("Helvetica", 11)
    for i, line in enumerate(text_lines):
        c.drawString(60, 780 - 16 * i, line)
    c.showPage()
    width, height = image.width * 72 / dpi, image.height * 72 / dpi
    c.setPageSize((width, height))
    c.drawImage(ImageReader(image), 0, 0, width, height)
    c.showPage()
    c.save()
    return path


def garbage_text_pdf(lines: Sequence[str], path: Path) -> Path:
    """A PDF that shows ``lines`` correctly but whose font's character map is broken: the
    text layer reads as shifted symbols, as with fonts embedded by some broken software.
    Drawn with an embedded TrueType font, whose ToUnicode map is then scrambled."""
    fonts = Path(reportlab.__file__).parent / "fonts"
    pdfmetrics.registerFont(TTFont("VeraTest", str(fonts / "Vera.ttf")))
    c = Canvas(str(path), pageCompression=0)
    c.setFont("VeraTest", 12)
    for i, line in enumerate(lines):
        c.drawString(60, 780 - 18 * i, line)
    c.showPage()
    c.save()
    data = path.read_bytes()
    start, end = data.index(b"beginbfchar"), data.index(b"endbfchar")

    def shift(m: re.Match[bytes]) -> bytes:
        code = int(m.group(2), 16)
        if 0x21 <= code <= 0x7E:  # printable ASCII -> another printable ASCII character
            code = 0x21 + (code - 0x21 + 29) % 94
        return m.group(1) + b"<%04X>" % code

    body = re.sub(rb"(<[0-9A-F]{2}> )<([0-9A-F]{4})>", shift, data[start:end])
    path.write_bytes(data[:start] + body + data[end:])  # same length: offsets stay valid
    return path


def multipage_tiff(images: Sequence[Image.Image], path: Path, dpi: int = 300) -> Path:
    first, *rest = images
    first.save(path, save_all=True, append_images=rest, dpi=(dpi, dpi), compression="tiff_lzw")
    return path


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def pixel_flood_png(path: Path, width: int, height: int) -> Path:
    """A PNG of a few hundred bytes that claims ``width`` x ``height`` 1-bit pixels."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    data = zlib.compress(row * 4, 9)  # only a few rows: the header alone must be refused
    png = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data)
    path.write_bytes(png + _chunk(b"IEND", b""))
    return path


def many_pages_pdf(path: Path, pages: int) -> Path:
    c = Canvas(str(path), pagesize=(200, 200))
    for i in range(pages):
        c.drawString(20, 100, f"page {i + 1}")
        c.showPage()
    c.save()
    return path
