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
        ("B2-C-5, JALAN CEMPAKA RIA 2/3B,", 34),
        ("50000 KUALA LUMPUR", 34),
        ("TEL: 012-3456789", 34),
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
    assert fields["address"] == "B2-C-5, JALAN CEMPAKA RIA 2/3B, 50000 KUALA LUMPUR"
    assert fields["total"] == "18.00"


def test_a_name_broken_over_two_lines_is_read_whole(tmp_path: Path, settings: Settings) -> None:
    lines = [
        "     GOLDEN LOTUS VEGETARIAN",
        "         RESTAURANT SDN BHD",
        "            (1234561-X)",
        "        54 JALAN MAWAR 3/4",
        "   TAMAN BUNGA, 47000 BANDAR BARU",
        "TAX INVOICE",
        "Date: 06/08/2017 10:49",
        "TOTAL                     12.50",
    ]
    vendor = read(tmp_path, settings, lines, conf=SCAN)["vendor"]
    assert vendor == "GOLDEN LOTUS VEGETARIAN RESTAURANT SDN BHD"


def test_a_name_read_without_its_legal_form_gets_it_from_the_next_line(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        "      NORTHERN SOUTHERN",
        "   STATIONERY SDN. BHD",
        "   CO REG NO: 123987-K",
        "12-14, JLN PERMATA INDAH UTAMA",
        "50000 KUALA LUMPUR",
        "Date: 06/08/2017 10:49",
        "TOTAL                     12.50",
    ]
    vendor = read(tmp_path, settings, lines, conf=SCAN)["vendor"]
    assert vendor == "NORTHERN SOUTHERN STATIONERY SDN. BHD"


def test_a_brand_over_a_whole_company_name_stays_out_of_it(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        "          DAILY DAIRY",
        "     K&L VENTURE SDN BHD",
        "         (1234567-X)",
        "  NO 5, JALAN 3/21A, DESA BARU",
        "TAX INVOICE",
        "Date: 06/08/2017 10:49",
        "TOTAL                     12.50",
    ]
    assert read(tmp_path, settings, lines, conf=SCAN)["vendor"] == "K&L VENTURE SDN BHD"


def test_the_letterhead_names_the_vendor_not_the_customer_under_the_title(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        "GREENLEAF BAKERIES (KL) SDN BHD (123456 X)",
        "LOT 9, JALAN PERINTIS 2/7,",
        "40000 SHAH ALAM, SELANGOR",
        "TAX INVOICE / ADJUSTMENT NOTE",
        "Cash Inv No.: 1234567",
        "Date: 30/10/2017",
        "PASAR SEGAR UTAMA SDN BHD",
        "GROUND FLOOR, NO. 2 & 4,",
        "Total Payable:            62.60",
    ]
    fields = read(tmp_path, settings, lines, conf={0: 0.45, 6: 0.8})
    assert fields["vendor"] == "GREENLEAF BAKERIES (KL) SDN BHD"


def test_a_legal_form_read_apart_from_its_name_takes_the_words_before_it_on_its_line(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        "   MR. FIXIT (M)           SDN BHD",  # OCR cut the line in two cells
        "      (CO.REG :123450-D)",
        "LOT 77-A & 77-B, JALAN INDUSTRI 2,",
        "43000 KAJANG, SELANGOR",
        "Date: 06/08/2017 10:49",
        "TOTAL                     12.50",
    ]
    assert read(tmp_path, settings, lines, conf=SCAN)["vendor"] == "MR. FIXIT (M) SDN BHD"


def test_a_notice_over_the_letterhead_is_no_title_and_no_name(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        "Thank You. Please come again.",
        "For feedback or complaint, please call: 011-1234 5678",
        "RENEW VOUCHER BEFORE POINTS EXPIRY!",
        "   Jaya Cash & Carry Sdn. Bhd",
        "        (765432-W)",
        "   PT12345, SEKSYEN 7,",
        "   40000 SHAH ALAM, SELANGOR",
        "Invoice No: 12345",
        "Date: 04/01/2017 10:49",
        "TOTAL                     12.50",
    ]
    assert read(tmp_path, settings, lines, conf=SCAN)["vendor"] == "Jaya Cash & Carry Sdn. Bhd"


def test_a_name_set_in_spaced_type_is_read_over_its_cells(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        "   KLM     CASH     &     CARRY",  # wide letter spacing cuts the line in cells
        "NO.7, JLN SJ1, TMN SERI JAYA,",
        "40000 SHAH ALAM, SEL.",
        "TEL: 03-12345678",
        "Date: 06/08/2017 10:49",
        "TOTAL                     12.50",
    ]
    assert read(tmp_path, settings, lines, conf=SCAN)["vendor"] == "KLM CASH & CARRY"


def test_the_role_labels_over_side_by_side_blocks_do_not_begin_the_name(
    tmp_path: Path, settings: Settings
) -> None:
    # "Trading" ends a name as a legal form does: the name's first words are sought on
    # the line above, which holds the two blocks' role labels
    lines = [
        "Seller                              Buyer",
        "Harbourline Trading                 Norcrest Logistics Ltd",
        "Pinostrasse 80                      12 Mill Road",
        "64169 Ulm                           Leeds LS1 4AB",
        "INVOICE No. 2024/118",
        "Date: 06/08/2024",
        "TOTAL                     120.00 EUR",
    ]
    assert read(tmp_path, settings, lines, conf=SCAN)["vendor"] == "Harbourline Trading"


@pytest.mark.parametrize("over", ["Attn: Pablo Herrera", "Ao cuidado de Sr. Pablo Herrera"])
def test_a_contact_line_over_the_name_does_not_begin_it(
    tmp_path: Path, settings: Settings, over: str
) -> None:
    # "Trading" ends a name as a legal form does: the line above it is the contact
    # person's at that company, not the name's first words
    lines = [
        over,
        "Harbourline Trading",
        "Pinostrasse 80",
        "64169 Ulm",
        "INVOICE No. 2024/118",
        "Date: 06/08/2024",
        "TOTAL                     120.00 EUR",
    ]
    assert read(tmp_path, settings, lines, conf=SCAN)["vendor"] == "Harbourline Trading"
