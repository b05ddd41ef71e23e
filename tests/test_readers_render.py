"""Page images for OCR: a scanned page gives its own pixels, anything else a rendering."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from intake.extractors.reading.render import load_page_image
from tests.factory import make_pdf, sample_invoice
from tests.scans import image_pdf, render


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Image.Image:
    """A page as a scanner at 150 dpi sees it."""
    folder = tmp_path_factory.mktemp("render")
    return render(make_pdf(folder / "invoice.pdf", sample_invoice()), dpi=150)


def first_page_image(path: Path, dpi: int) -> tuple[Image.Image, float]:
    pdf = pdfium.PdfDocument(path)
    try:
        return load_page_image(pdf, 0, dpi, 80_000_000)
    finally:
        pdf.close()


def test_a_scanned_page_gives_its_own_pixels(tmp_path: Path, source: Image.Image) -> None:
    image, scale = first_page_image(image_pdf([source], tmp_path / "s.pdf", dpi=150), 150)
    assert image.size == source.size and scale == pytest.approx(72 / 150)
    assert ImageChops.difference(image.convert("L"), source).getbbox() is None


def test_a_scan_far_from_the_ocr_resolution_is_brought_to_it(
    tmp_path: Path, source: Image.Image
) -> None:
    path = image_pdf([source], tmp_path / "s.pdf", dpi=150)
    image, scale = first_page_image(path, 300)
    assert image.width == pytest.approx(2480, abs=2) and scale == pytest.approx(72 / 300)


def test_a_flipped_image_is_rendered(tmp_path: Path, source: Image.Image) -> None:
    path = tmp_path / "flipped.pdf"
    c = Canvas(str(path), pagesize=(595, 842))
    c.translate(595, 0)
    c.scale(-1, 1)  # mirrored: the pixels alone would read backwards
    c.drawImage(ImageReader(source), 0, 0, 595, 842)  # source is 1240 x 1754 px
    c.showPage()
    c.save()
    image, _ = first_page_image(path, 150)
    assert ImageChops.difference(image.convert("L"), source.resize(image.size)).getbbox()
    mirrored = source.transpose(Image.Transpose.FLIP_LEFT_RIGHT).resize(image.size)
    diff = ImageChops.difference(image.convert("L"), mirrored)
    assert sum(diff.histogram()[128:]) < 0.01 * image.width * image.height


def test_an_inverted_or_mirrored_image_is_not_taken_for_its_page(source: Image.Image) -> None:
    from intake.extractors.reading.render import _faithful

    box = (300, 500, 900, 1100)
    part = source.crop(box)  # what PDFium shows there
    assert _faithful(source, part, box)
    assert not _faithful(Image.eval(source, lambda v: 255 - v), part, box)
    assert not _faithful(source.transpose(Image.Transpose.FLIP_LEFT_RIGHT), part, box)
    assert not _faithful(source.transpose(Image.Transpose.FLIP_TOP_BOTTOM), part, box)
