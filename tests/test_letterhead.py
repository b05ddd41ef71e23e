"""The vendor of a scanned receipt from its letterhead's typography: the first name line
over the issuer's address block, above the title; the whole name where it breaks over two
lines; not a heading set large under it, nor an address line, nor the customer's company
under the title."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw, ImageFont

from intake.extractors.base import Registry
from intake.extractors.dispatch import read_file
from intake.extractors.reading.ocr import OcrOptions
from intake.extractors.reading.slots import LocalSlots
from intake.ingest.stages import STAGES, Context, run_stages
from intake.record import Record
from intake.settings import Settings
from tests.conftest import needs_tesseract
from tests.test_receipts import read

#: every word read by OCR with a good confidence: the page is a scan
SCAN: dict[int, float] = {}


def receipt_image(rows: list[tuple[str, int]], path: Path) -> Path:
    """A receipt drawn at 300 dpi: each row's text centred, in its type size (pixels)."""
    width, margin = 1000, 60
    height = margin * 2 + sum(int(size * 1.6) for _, size in rows)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    y = margin
    for text, size in rows:
        font = ImageFont.load_default(size=size)
        x = (width - draw.textlength(text, font=font)) / 2
        draw.text((x, y), text, fill=0, font=font)
        y += int(size * 1.6)
    image.save(path, dpi=(300, 300))
    return path


def scanned_fields(path: Path, settings: Settings) -> dict[str, Any]:
    options = OcrOptions(slots=LocalSlots(1))
    pages, _ = read_file(path, "png", max_pages=5, max_pixels=80_000_000, ocr=options)
    record = Record(path=path, original_name=path.name, pages=pages, kind="png")
    record = run_stages(record, Context(settings, Registry.default()), STAGES[2:])
    return {name: f.value for name, f in record.fields.items()}


@pytest.mark.tesseract
@needs_tesseract
def test_a_heading_set_large_under_the_letterhead_is_not_the_vendor(
    tmp_path: Path, settings: Settings
) -> None:
    rows = [
        ("SEAFOOD PALACE", 34),
        ("M4-A-8, JALAN PANDAN INDAH 4/1A,", 34),
        ("55100 KUALA LUMPUR", 34),
        ("TEL: 012-2673122", 34),
        ("GUEST CHECK", 68),
        ("Table 6", 34),
        ("Date: 30-04-2018 19:50", 34),
        ("1 x FRIED RICE       6.00", 34),
        ("1 x FRIED NOODLES    6.00", 34),
        ("1 x ICED TEA         3.00", 34),
        ("1 x HOT COFFEE       3.00", 34),
        ("TOTAL               18.00", 34),
        ("CASH                20.00", 34),
        ("CHANGE               2.00", 34),
        ("THANK YOU", 34),
        ("PLEASE COME AGAIN", 34),
        ("GOODS SOLD ARE NOT RETURNABLE", 34),
    ]
    fields = scanned_fields(receipt_image(rows, tmp_path / "receipt.png"), settings)
    assert fields["vendor"] == "SEAFOOD PALACE"
    assert fields["address"] == "M4-A-8, JALAN PANDAN INDAH 4/1A, 55100 KUALA LUMPUR"
    assert fields["total"] == "18.00"


def test_a_name_broken_over_two_lines_is_read_whole(tmp_path: Path, settings: Settings) -> None:
    lines = [
        "     LIAN CHI PU TIAN VEGETARIAN",
        "         RESTAURANT SDN BHD",
        "            (1095514-X)",
        "        54 JALAN SS23/11",
        "   TAMAN SEA, 47400 PETALING JAYA",
        "TAX INVOICE",
        "Date: 06/08/2017 10:49",
        "TOTAL                     12.50",
    ]
    vendor = read(tmp_path, settings, lines, conf=SCAN)["vendor"]
    assert vendor == "LIAN CHI PU TIAN VEGETARIAN RESTAURANT SDN BHD"


def test_a_name_read_without_its_legal_form_gets_it_from_the_next_line(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        "      WESTERN EASTERN",
        "   STATIONERY SDN. BHD",
        "   CO REG NO: 210038-K",
        "42-46, JLN SULTAN AZLAN SHAH",
        "51200 KUALA LUMPUR",
        "Date: 06/08/2017 10:49",
        "TOTAL                     12.50",
    ]
    vendor = read(tmp_path, settings, lines, conf=SCAN)["vendor"]
    assert vendor == "WESTERN EASTERN STATIONERY SDN. BHD"


def test_a_brand_over_a_whole_company_name_stays_out_of_it(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        "          CITY MILK",
        "     R&C VENTURE SDN BHD",
        "         (1234567-X)",
        "  NO 8, JALAN 7/118B, DESA TUN",
        "TAX INVOICE",
        "Date: 06/08/2017 10:49",
        "TOTAL                     12.50",
    ]
    assert read(tmp_path, settings, lines, conf=SCAN)["vendor"] == "R&C VENTURE SDN BHD"


def test_the_letterhead_names_the_vendor_not_the_customer_under_the_title(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        "GREENLEAF BAKERIES (KL) SDN BHD (139386 X)",
        "LOT 3, JALAN PELABUR 23/1,",
        "40300 SHAH ALAM, SELANGOR",
        "TAX INVOICE / ADJUSTMENT NOTE",
        "Cash Inv No.: 7030715",
        "Date: 30/10/2017",
        "MAKASSAR FRESH MARKET SDN BHD",
        "GROUND FLOOR, NO. 4 & 6,",
        "Total Payable:            62.60",
    ]
    fields = read(tmp_path, settings, lines, conf={0: 0.45, 6: 0.8})
    assert fields["vendor"] == "GREENLEAF BAKERIES (KL) SDN BHD"


def test_a_legal_form_read_apart_from_its_name_takes_the_words_before_it_on_its_line(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        "   MR. TOOLS (M)           SDN BHD",  # OCR cut the line in two cells
        "      (CO.REG :860671-D)",
        "LOT 1851-A & 1851-B, JALAN KPB 6,",
        "43300 SERI KEMBANGAN, SELANGOR",
        "Date: 06/08/2017 10:49",
        "TOTAL                     12.50",
    ]
    assert read(tmp_path, settings, lines, conf=SCAN)["vendor"] == "MR. TOOLS (M) SDN BHD"


def test_a_notice_over_the_letterhead_is_no_title_and_no_name(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        "Thank You. Please come again.",
        "For feedback or complaint, please call: 011-3194 0264",
        "RENEW VOUCHER BEFORE POINTS EXPIRY!",
        "   Segi Cash & Carry Sdn. Bhd",
        "        (417041-W)",
        "   PT17920, SEKSYEN U9,",
        "   40150 SHAH ALAM, SELANGOR",
        "Invoice No: 47735",
        "Date: 04/01/2017 10:49",
        "TOTAL                     12.50",
    ]
    assert read(tmp_path, settings, lines, conf=SCAN)["vendor"] == "Segi Cash & Carry Sdn. Bhd"


def test_a_name_set_in_spaced_type_is_read_over_its_cells(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        "   SLF     CASH     &     CARRY",  # wide letter spacing cuts the line in cells
        "NO.15, JLN TSJ2, TMN SUBANG JASA,",
        "40000 SHAH ALAM, SEL.",
        "TEL: 03-77343462",
        "Date: 06/08/2017 10:49",
        "TOTAL                     12.50",
    ]
    assert read(tmp_path, settings, lines, conf=SCAN)["vendor"] == "SLF CASH & CARRY"
