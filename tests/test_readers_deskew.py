"""Skew measured on a page image, without tesseract: a scan put on the glass askew is
turned back by the opposite angle; a straight page, and a page without lines, are left."""

from __future__ import annotations

import pytest
from PIL import Image

from intake.extractors.reading.deskew import estimate_skew, rotate_image, straighten_image
from tests.factory import make_pdf, sample_invoice
from tests.scans import render


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Image.Image:
    pdf = make_pdf(tmp_path_factory.mktemp("skew") / "invoice.pdf", sample_invoice())
    return render(pdf, dpi=200)


@pytest.mark.parametrize("degrees", [-5.5, -2.2, -0.7, 0.5, 1.0, 3.0, 4.4])
def test_the_skew_of_a_turned_page_is_found(page: Image.Image, degrees: float) -> None:
    assert estimate_skew(rotate_image(page, degrees)) == pytest.approx(-degrees, abs=0.15)


def test_a_straight_page_and_a_blank_one_are_left_alone(page: Image.Image) -> None:
    assert estimate_skew(page) == 0.0
    blank = Image.new("L", (1000, 1400), 255)
    straight, angle = straighten_image(blank)
    assert angle == 0.0 and straight is blank


def test_quarter_turns_keep_every_pixel(page: Image.Image) -> None:
    back = rotate_image(rotate_image(page, 90), -90)
    assert back.size == page.size and back.tobytes() == page.tobytes()


def test_a_small_turn_grows_the_image_to_keep_its_corners(page: Image.Image) -> None:
    turned = rotate_image(page, 3)
    assert turned.width > page.width and turned.height > page.height
    assert turned.getpixel((0, 0)) == 255  # new corners are paper, not black
