"""Line items read from scans: an invoice with a ruled item table is drawn, rendered to an
image at a scanner's resolution (specked, skewed, saved as JPEG or put into an image-only
PDF), read by the real OCR and extracted; every item comes out as it was drawn. Also the
parts on their own: table rules taken out of a page image, a number of a description
that runs towards a numeric column, a decimal point OCR lost put back by arithmetic."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageDraw

from intake.extractors.base import Registry
from intake.extractors.extraction.analysis import reading_for
from intake.extractors.extraction.classify import type_scores
from intake.extractors.extraction.line_arithmetic import check_item, mend_prices
from intake.extractors.reading.rules import remove_rules
from intake.ingest.stages import Context, extract_path
from intake.record import Page, Record, Word
from intake.settings import Settings
from tests.conftest import needs_tesseract
from tests.limits import run_under_worker_limits
from tests.scans import image_pdf, render, save_jpeg, save_png, specked, turned
from tests.tables import make_ruled_pdf, ruled_invoice

ITEM_KEYS = ("description", "quantity", "unit_price", "amount")


def items_of(settings: Settings, path: Path) -> list[dict[str, Any]]:
    result = extract_path(Context(settings, Registry.default()), str(path))
    assert result["doc_type"] == "invoice"
    return [{k: item[k] for k in ITEM_KEYS} for item in result["fields"]["line_items"]]


def drawn(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [{k: item[k] for k in ITEM_KEYS} for item in doc["line_items"]]


def test_a_ruled_table_reads_from_the_text_layer(settings: Settings, tmp_path: Path) -> None:
    """The table as drawn: a number inside a description that runs towards the quantity
    column ("160 mm") stays in the description."""
    doc = ruled_invoice()
    assert items_of(settings, make_ruled_pdf(tmp_path / "inv.pdf", doc)) == drawn(doc)


@pytest.mark.tesseract
@needs_tesseract
@pytest.mark.parametrize(
    ("dpi", "skew", "specks", "form"),
    [
        (300, 0.0, 0.0, "png"),
        (200, 1.2, 0.002, "jpeg"),
        (200, -0.8, 0.001, "pdf"),
        (150, 0.0, 0.0, "png"),
    ],
)
def test_a_scanned_ruled_table_gives_every_item(
    settings: Settings, tmp_path: Path, dpi: int, skew: float, specks: float, form: str
) -> None:
    doc = ruled_invoice()
    image = render(make_ruled_pdf(tmp_path / "inv.pdf", doc), dpi)
    if skew:
        image = turned(image, skew)
    if specks:
        image = specked(image, specks)
    if form == "jpeg":
        scan = save_jpeg(image, tmp_path / "scan.jpg")
    elif form == "pdf":
        scan = image_pdf([image], tmp_path / "scan.pdf", dpi)
    else:
        scan = save_png(image, tmp_path / "scan.png")
    read = items_of(settings, scan)
    # the numbers exactly; the words as far as OCR reads glyphs: a speck on a letter
    # may add an accent or a hyphen, but no word may be lost, added or moved
    assert [{**i, "description": letters(i["description"])} for i in read] == [
        {**i, "description": letters(i["description"])} for i in drawn(doc)
    ]
    if not specks:
        assert read == drawn(doc)


def letters(text: str) -> str:
    """The letters and digits of ``text``, accents and case dropped."""
    plain = unicodedata.normalize("NFKD", text).casefold()
    return "".join(ch for ch in plain if ch.isalnum() and not unicodedata.combining(ch))


def test_rules_are_whitened_and_text_and_solid_marks_are_kept() -> None:
    image = Image.new("L", (1000, 600), 255)
    draw = ImageDraw.Draw(image)
    draw.line((20, 100, 980, 100), fill=0, width=2)  # a row's rule
    draw.line((20, 500, 980, 500), fill=0, width=2)
    draw.line((60, 20, 60, 580), fill=0, width=2)
    draw.line((300, 20, 300, 580), fill=40, width=1)  # a column's rule, a little grey
    draw.line((900, 20, 900, 580), fill=0, width=2)
    draw.rectangle((500, 200, 560, 400), fill=0)  # a solid block (a logo, a bold stem)
    draw.text((320, 110), "Qty 12 x 7.20", fill=0)
    before = np.asarray(image) < 128
    after = np.asarray(remove_rules(image)) < 128
    assert not after[100, 20:980].any() and not after[20:580, 300].any()
    assert not after[500, 20:980].any() and not after[20:580, 900].any()
    assert after[200:401, 500:561].all()
    text = before[105:130, 310:420]
    assert text.any() and (after[105:130, 310:420] == text).all()


@pytest.mark.parametrize("offset", [0, 1, 2, 3])
def test_the_first_look_on_the_shrunk_page_misses_no_grid(offset: int) -> None:
    """A grid of hair lines barely long enough to be rules, at every offset against the
    shrunk page's blocks, is still found and whitened on an A4 page at 300 dpi."""
    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    for k in range(60):  # a page of print: stems 30 px tall, so rules from 99 px
        draw.rectangle((200 + 30 * k, 300, 203 + 30 * k, 330), fill=0)
    top = 1000 + offset
    for x in (400 + offset, 700 + offset, 1000 + offset, 1300 + offset):
        draw.line((x, top, x, top + 98), fill=0, width=1)  # 99 px: the shortest rule
    for y in (top, top + 98):
        draw.line((400 + offset, y, 1300 + offset, y), fill=0, width=1)
    after = np.asarray(remove_rules(image)) < 128
    assert not after[top : top + 99, 400 + offset].any()
    assert not after[top, 400 + offset : 1301 + offset].any()


def test_a_page_without_a_grid_is_returned_as_it_is() -> None:
    """Lines that make no grid (a receipt's separators, an underline, a letter's tall
    stems) are the reader's to read, as before."""
    image = Image.new("L", (400, 600), 255)
    draw = ImageDraw.Draw(image)
    draw.text((20, 20), "Total 12.50", fill=0)
    draw.line((20, 60, 380, 60), fill=0, width=2)  # a separator
    draw.line((20, 160, 380, 160), fill=0, width=2)
    for x in (60, 120, 180):  # stems of large print that touch no rule
        draw.rectangle((x, 200, x + 2, 320), fill=0)
    draw.rectangle((0, 0, 399, 599), outline=0, width=2)  # the sheet's edges
    assert remove_rules(image) is image


def item(quantity: str, price: str, amount: str) -> dict[str, Any]:
    return {"quantity": quantity, "unit_price": price, "amount": amount}


@pytest.mark.parametrize(
    ("read", "fixed"),
    [
        (item("65", "68.00", "442.00"), item("6.5", "68.00", "442.00")),  # "6.5"
        (item("125", "4.00", "5.00"), item("1.25", "4.00", "5.00")),  # "1.25"
        (item("3", "1250", "37.50"), item("3", "12.50", "37.50")),  # "12.50"
    ],
)
def test_a_decimal_point_lost_on_a_scan_is_put_back_by_arithmetic(
    read: dict[str, Any], fixed: dict[str, Any]
) -> None:
    assert mended_on_a_scan_only(read) == fixed


def test_a_lost_decimal_point_is_put_back_where_no_column_gave_the_amount() -> None:
    # the amount's header unread ("NetAmt"): the row's numbers hold it, and the price read
    # without its point ("685") times the quantity is one of them shifted
    read: dict[str, Any] = {"quantity": "25", "unit_price": "685.00", "amount": None}
    numbers = [(float(i), Decimal(n)) for i, n in enumerate(["25", "685", "0.00", "171.25"])]
    assert check_item(read, numbers, has_price_column=True, scan=True)
    assert read == {"quantity": "25", "unit_price": "6.85", "amount": "171.25"}


def mended_on_a_scan_only(read: dict[str, Any]) -> dict[str, Any]:
    """``read`` as the arithmetic leaves it on a scan; a text layer's item stays as
    printed. Whether the scan's check holds is whether anything was mended."""
    numbers = [(float(i), Decimal(read[k])) for i, k in enumerate(read)]
    printed = dict(read)
    assert not check_item(printed, numbers, has_price_column=True)  # not on a text page
    assert printed == read
    scanned = dict(read)
    assert check_item(scanned, numbers, has_price_column=True, scan=True) == (scanned != read)
    return scanned


@pytest.mark.parametrize(
    ("read", "fixed"),
    [
        # the amount a digit off what quantity x price gives ("4520.00" for 1520.00)
        (item("16", "95.00", "4520.00"), item("16", "95.00", "1520.00")),
        # the price a digit off amount / quantity ("7.80" for 7.30)
        (item("4", "7.80", "29.20"), item("4", "7.30", "29.20")),
        # either could be misread (4.90 or 21.50): nothing is mended without the sum
        (item("5", "4.30", "24.50"), item("5", "4.30", "24.50")),
        # two digits off: no misread digit, nothing is mended
        (item("16", "95.00", "4820.00"), item("16", "95.00", "4820.00")),
    ],
)
def test_a_digit_misread_in_a_scans_price_or_amount_is_mended_by_arithmetic(
    read: dict[str, Any], fixed: dict[str, Any]
) -> None:
    assert mended_on_a_scan_only(read) == fixed


def test_a_price_is_mended_where_the_amounts_add_up_to_a_printed_sum() -> None:
    # 5 x "4.30" is no "24.50": the amounts' sum, printed, says the amount was read right
    items = [item("5", "4.30", "24.50"), item("2", "59.00", "118.00")]
    assert mend_prices([dict(i) for i in items], "Summe 142,00", decimal_comma=True) == 0
    assert mend_prices(items, "Warenwert 142,50", decimal_comma=True) == 1
    assert [i["unit_price"] for i in items] == ["4.90", "59.00"]


def _ocr_page(lines: list[list[tuple[str, float, float, float, float]]]) -> Page:
    """A scanned page of these lines of (text, x0, top, x1, bottom) words."""
    words = tuple(
        Word(text, x0, top, x1, bottom, conf=0.9, line=n)
        for n, line in enumerate(lines)
        for text, x0, top, x1, bottom in line
    )
    return Page(1, 595.0, 842.0, words, source="ocr")


def _body(top: float) -> list[tuple[str, float, float, float, float]]:
    return [("Avenida", 60.0, top, 90.0, top + 4.0), ("Olivo", 93.0, top, 112.0, top + 4.0)]


def test_a_title_word_stretched_by_its_accents_stays_on_its_line() -> None:
    # a cedilla and a tilde make "CONFIRMAÇÃO" three times as tall as the small body
    # text, but it holds no other lines together: the title stays one line
    title = [
        ("CONFIRMAÇÃO", 186.7, 144.0, 271.9, 157.2),
        ("DE", 276.2, 146.4, 290.6, 154.6),
        ("ENCOMENDA", 295.2, 146.2, 368.6, 154.8),
    ]
    page = _ocr_page([_body(60.0 + 8 * i) for i in range(8)] + [title])
    record = Record(path="/tmp/t.jpg", original_name="t.jpg", pages=(page,), kind="jpeg")
    texts = [line.text for line in reading_for(record).layout.lines]
    assert "CONFIRMAÇÃO DE ENCOMENDA" in texts
    scores = type_scores(reading_for(record))
    assert scores["order_confirmation"] > scores["purchase_order"]


def test_a_stamp_across_two_lines_still_stands_alone() -> None:
    stamp = ("DUPLICATE", 200.0, 96.0, 330.0, 112.0)  # spans two lines of text
    lines = [_body(60.0 + 8 * i) for i in range(5)]
    lines[4] = [*lines[4], stamp]
    lines.append([("Fatura", 60.0, 106.0, 85.0, 110.4)])
    page = _ocr_page(lines)
    record = Record(path="/tmp/t.jpg", original_name="t.jpg", pages=(page,), kind="jpeg")
    assert "DUPLICATE" in [line.text for line in reading_for(record).layout.lines]


RULES_AT_MAX_PIXELS = """
import numpy as np
from PIL import Image
from intake.extractors.reading.rules import remove_rules

# 7500 x 10600: just inside the default max_pixels; a ruled grid with a column every
# 300 pixels and a row every 40
page = np.full((10600, 7500), 235, dtype=np.uint8)
page[np.arange(10600) % 40 < 3] = 30
page[:, 150::300] = 30
clean = np.asarray(remove_rules(Image.fromarray(page)))
assert (clean[1000:1003, 1000:1100] == 255).all(), "a row's rule stayed"
assert (clean[1010:1030, 1050] == 255).all(), "a column's rule stayed"
print("cleaned")
"""


def test_the_rules_of_a_page_at_the_pixel_limit_are_cleaned_within_a_workers_memory() -> None:
    """The largest page ``max_pixels`` lets in has its table rules taken out inside a
    worker's memory limit; before the runs were counted a band at a time, their
    whole-page counts raised MemoryError and the file was quarantined unread."""
    assert run_under_worker_limits(RULES_AT_MAX_PIXELS) == "cleaned"


def test_a_count_read_far_from_amount_over_price_says_the_amount_was_misread() -> None:
    # 500 x 2,40 read as "4.200,00": the quotient 1750 is no misread of a count read
    # as 500, so the count stands (and the amount is left to the printed sum below)
    read = item("500", "2.40", "4200.00")
    assert mended_on_a_scan_only(read) == read
    # a count one digit from the quotient is OCR's misreading of it ("42" for 12), or a
    # digit more or less ("52" for 5)
    assert mended_on_a_scan_only(item("42", "3.00", "36.00")) == item("12", "3.00", "36.00")
    assert mended_on_a_scan_only(item("52", "1472.56", "7362.80")) == item(
        "5", "1472.56", "7362.80"
    )


def test_an_amount_is_mended_where_that_makes_the_amounts_add_up_to_a_printed_sum() -> None:
    items = [item("500", "2.40", "4200.00"), item("50", "3.00", "150.00")]
    # no printed sum confirms the product: nothing is mended
    assert mend_prices([dict(i) for i in items], "Subtotaal 4.350,10", decimal_comma=True) == 0
    assert mend_prices(items, "Subtotaal 1.350,00", decimal_comma=True) == 1
    assert [i["amount"] for i in items] == ["1200.00", "150.00"]
