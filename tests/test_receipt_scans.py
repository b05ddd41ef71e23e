"""Receipts drawn at test time (invented shops and amounts) and read by the real tesseract
through the pipeline's stages: what may and may not speak for a scanned receipt's total.

- a tax summary's header names its columns ("Amount  Tax"): the amount under it is a
  taxed amount, never the total;
- a total the line items add up to stands against a tender and change that say otherwise;
- a total followed by a rounding row whose rounded amount is unreadable is rounded to the
  smallest coin: the amount due after rounding is what the customer pays;
- an amount printed without its decimal point ("38 60") on a labelled row of the totals
  block counts only where the block then adds up to an amount printed under it (a till
  that prints no rounding row may round that sum to the coin); never on its own;
- the tax a total is said to include ("Total includes GST @ 6%: 1.42") bounds that total:
  the one amount printed within the bounds is the total whose label was unreadable, and
  where two are, neither is.

A row OCR must not be able to read (a total printed too faint or smeared) is drawn and
then smudged out.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from intake.settings import Settings
from tests.conftest import needs_tesseract
from tests.test_second_read import FONT, fields

HEAD = [
    "KEDAI SERBANEKA BUNGA RAYA",
    "NO 21, JALAN CEMPAKA 5",
    "47100 PUCHONG",
    "Date: 21/07/2018   10:42",
]


def receipt(
    path: Path, rows: list[str], *, smudged: dict[int, int | tuple[int, int]] | None = None
) -> Path:
    """A till slip of ``rows`` (after a shop's header); ``smudged`` maps a row's number
    (counted in ``rows``) to the first of its characters smeared past reading (to the
    row's end, or to the character before the second number of a pair)."""
    size = 18
    font = ImageFont.truetype(FONT, size)
    pitch = int(size * 1.8)
    lines = HEAD + rows
    width = 20 + size * max(len(r) for r in lines) * 3 // 5 + 20
    page = Image.new("L", (width, 30 + pitch * len(lines)), 255)
    draw = ImageDraw.Draw(page)
    for i, row in enumerate(lines):
        draw.text((15, 15 + i * pitch), row, fill=0, font=font)
    for i, span in (smudged or {}).items():
        first, end = span if isinstance(span, tuple) else (span, None)
        top = 15 + (len(HEAD) + i) * pitch - 4
        right = width if end is None else 15 + round(end * size * 0.6)
        band = (15 + round(first * size * 0.6), top, right, top + pitch)
        page.paste(page.crop(band).filter(ImageFilter.GaussianBlur(6)), band[:2])
    page.save(path, dpi=(200, 200))
    return path


@pytest.mark.tesseract
@needs_tesseract
def test_the_amount_under_a_tax_summary_header_is_not_the_total(
    tmp_path: Path, settings: Settings
) -> None:
    rows = [
        "LAKSA PENANG      2     43.67",
        "GRAND TOTAL             43.67",
        "GST Summary   Amount(RM)  Tax(RM)",
        "SR @ 6%          41.20     2.47",
    ]
    got = fields(receipt(tmp_path / "slip.png", rows, smudged={0: 0, 1: 0}), settings)
    assert "total" not in got


@pytest.mark.tesseract
@needs_tesseract
def test_a_total_the_items_add_up_to_stands_against_tender_and_change(
    tmp_path: Path, settings: Settings
) -> None:
    rows = [
        "Description   Qty  U.price  Total",
        "Iced Barley     1     7.80   7.80",
        "Fried Bihun     1     4.20   4.20",
        "Total Qty: 2",
        "Amount :                    12.00",
        "CASH :                      18.00",
        "CHANGE :                     1.00",
    ]
    assert fields(receipt(tmp_path / "slip.png", rows), settings)["total"] == "12.00"


@pytest.mark.tesseract
@needs_tesseract
def test_a_total_over_a_rounding_row_is_rounded_to_the_coin(
    tmp_path: Path, settings: Settings
) -> None:
    rows = [
        "NASI GORENG       1     12.48",
        "TOTAL INCL GST          12.48",
        "Rounding Adj             0.02",
        "AMOUNT DUE              12.50",
        "Thank you, come again",
    ]
    got = fields(receipt(tmp_path / "slip.png", rows, smudged={2: 14, 3: 0}), settings)
    assert got["total"] == "12.50"


@pytest.mark.tesseract
@needs_tesseract
def test_amounts_whose_decimal_point_was_lost_count_where_the_block_adds_up(
    tmp_path: Path, settings: Settings
) -> None:
    # 38.60 + 3.86 + 2.55 = 45.01, which the till rounds to the coin: 45.00 is the total,
    # and the two rows printed without their decimal point are what say so
    rows = [
        "MEE GORENG        2     38.60",
        "Gross Amt:              38 60",
        "Service Charge 10%       3 86",
        "GST 6%                   2.55",
        "Net Amt :               45.00",
        "Thank you, come again",
    ]
    assert fields(receipt(tmp_path / "slip.png", rows), settings)["total"] == "45.00"


@pytest.mark.tesseract
@needs_tesseract
def test_an_amount_whose_decimal_point_was_lost_is_not_read_on_its_own(
    tmp_path: Path, settings: Settings
) -> None:
    # the rows add up to no amount printed under them: nothing speaks for "38 60"
    rows = [
        "MEE GORENG        2     31.20",
        "Gross Total:            38 60",
        "Service Charge 10%       3 86",
        "Thank you, come again",
    ]
    assert "total" not in fields(receipt(tmp_path / "slip.png", rows), settings)


@pytest.mark.tesseract
@needs_tesseract
def test_the_one_amount_its_included_tax_allows_is_the_total(
    tmp_path: Path, settings: Settings
) -> None:
    # 1.42 is 6/106 of a total from 24.99 to 25.17: the total's label is unreadable, and
    # 25.15 is the one amount printed in that range
    rows = [
        "ROTI CANAI        4      4.40",
        "KEK PANDAN        1     20.75",
        "TOTAL                   25.15",
        "(Total includes GST @ 6% : 1.42)",
        "Thank you, come again",
    ]
    got = fields(receipt(tmp_path / "slip.png", rows, smudged={2: (0, 12)}), settings)
    assert got["total"] == "25.15"


@pytest.mark.tesseract
@needs_tesseract
def test_an_included_tax_that_allows_two_printed_amounts_names_no_total(
    tmp_path: Path, settings: Settings
) -> None:
    rows = [
        "KEK PANDAN        1     25.05",
        "ROTI CANAI        1      0.10",
        "TOTAL                   25.15",
        "(Total includes GST @ 6% : 1.42)",
        "Thank you, come again",
    ]
    got = fields(receipt(tmp_path / "slip.png", rows, smudged={2: (0, 12)}), settings)
    assert "total" not in got
