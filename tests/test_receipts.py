"""Till receipts as OCR reads them: totals beside tender and change rows, dates beside
times, vendors in a letterhead broken over lines or under a logo read as noise.

Each receipt is written here as the lines of text OCR gives back, read by the plain-text
reader (so the words have real boxes), and given the confidences OCR would give it where
a test needs them; the extractors then run exactly as they do on a scan.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from intake.extractors.base import Registry
from intake.extractors.extraction.fields.dates import find_dates, guess_date_order
from intake.extractors.reading.text import read_text
from intake.ingest.stages import STAGES, Context, run_stages, second_read_stage
from intake.record import Page, Record
from intake.settings import Settings

HEADER = [
    "GOLDEN TEAPOT TRADING SDN BHD",
    "(Co. Reg 123456-A)",
    "NO 12, JALAN MERANTI 3, TAMAN SETIA",
    "43000 KAJANG, SELANGOR",
    "GST ID: 000123456789",
    "TAX INVOICE",
]


def read(
    tmp_path: Path,
    settings: Settings,
    lines: Sequence[str],
    conf: Mapping[int, float] | None = None,
) -> dict[str, Any]:
    """The fields of a receipt of these lines; ``conf`` gives OCR confidences by line
    (every other word is read with 0.9, as OCR reads a clean receipt)."""
    path = tmp_path / "receipt.txt"
    path.write_text("\n".join(lines) + "\n")
    pages = read_text(path, max_pages=5)
    if conf is not None:
        pages = tuple(_with_conf(page, conf) for page in pages)
    record = Record(path=path, original_name=path.name, pages=pages, kind="jpeg")
    # lines of text stand for the first read: there is no image to read a second time
    stages = tuple(s for s in STAGES[2:] if s is not second_read_stage)
    record = run_stages(record, Context(settings, Registry.default()), stages)
    return {name: f.value for name, f in record.fields.items()}


def _with_conf(page: Page, conf: Mapping[int, float]) -> Page:
    words = tuple(dataclasses.replace(w, conf=conf.get(w.line, 0.9)) for w in page.words)
    return dataclasses.replace(page, words=words, source="ocr")


# --- totals ---------------------------------------------------------------------------------


def test_an_unreadable_total_is_what_was_tendered_less_the_change(
    tmp_path: Path, settings: Settings
) -> None:
    fields = read(
        tmp_path,
        settings,
        [
            *HEADER,
            "Date: 14/03/2018",
            "MILO TIN 1.5KG          21.32",
            "TOTAL                22 6 G0",
            "CASH                   30.00",
            "CHANGE                  7.40",
        ],
    )
    assert fields["total"] == "22.60"


def test_tender_and_change_overrule_a_total_read_beside_a_weak_label(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        *HEADER,
        "Date: 14/03/2018",
        "PAINT BRUSH 2IN            15.90",
        "Total AmtRounded           45.90",  # OCR read 15.90 as 45.90
        "Payment :                  50.00",
        "Change Due :               34.10",
    ]
    assert read(tmp_path, settings, lines)["total"] == "15.90"


def test_a_total_under_a_strong_label_stands_against_a_misread_tender(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        *HEADER,
        "Date: 14/03/2018",
        "CHICKEN RICE               18.90",
        "Grand Total                18.90",
        "Cash Tendered              50.09",  # OCR read 50.00 as 50.09
        "Change                     31.10",
    ]
    assert read(tmp_path, settings, lines)["total"] == "18.90"


def test_what_was_paid_picks_the_total_among_several(tmp_path: Path, settings: Settings) -> None:
    lines = [
        *HEADER,
        "Date: 14/03/2018",
        "Total Amt incl. GST @ 6% :      189.00",  # OCR read 159.00 as 189.00
        "Total Amt Payable -              159.00",
        "Paid Amount :                    200.00",
        "Change :                          41.00",
    ]
    fields = read(tmp_path, settings, lines)
    assert fields["total"] == "159.00"


def test_labels_misread_by_ocr_still_count(tmp_path: Path, settings: Settings) -> None:
    lines = [
        *HEADER,
        "Date: 14/03/2018",
        "T0tal Sales RM 11.50",
        "CA5H RM 52.00",
        "CHANGE RM 40.50",
    ]
    assert read(tmp_path, settings, lines)["total"] == "11.50"


@pytest.mark.parametrize(
    "row",
    [
        "GST @6% included in total RM 3.01",
        "TOTAL INCLUDES 6% GST 3.01",
        "Paid Amount : 3.01",
    ],
)
def test_rows_that_only_mention_a_total_are_not_one(
    tmp_path: Path, settings: Settings, row: str
) -> None:
    lines = [*HEADER, "Date: 14/03/2018", "Total Incl. GST@6% RM 53.20", row]
    assert read(tmp_path, settings, lines)["total"] == "53.20"


def test_a_round_number_inside_the_label_is_not_the_amount(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [*HEADER, "Date: 14/03/2018", "Total Sales (inclusive 637) RM 137.15"]
    assert read(tmp_path, settings, lines)["total"] == "137.15"


def test_amounts_glued_to_the_currency_and_split_by_ocr(tmp_path: Path, settings: Settings) -> None:
    glued = [*HEADER, "Date: 14/03/2018", "Grand Total as 235", "Cash RM10.50", "Change RM2.15"]
    assert read(tmp_path, settings, glued)["total"] == "8.35"
    split = [*HEADER, "Date: 14/03/2018", "Total RM Incl. of GST 11. 80", "Cash 20.00"]
    assert read(tmp_path, settings, split, conf={})["total"] == "11.80"


def test_an_amount_whose_digits_ocr_read_as_letters_after_the_currency(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [*HEADER, "Date: 14/03/2018", "TOTAL INCL. GST RMS. OO"]
    assert read(tmp_path, settings, lines, conf={})["total"] == "5.00"
    # as printed (no OCR), the same letters are letters
    assert "total" not in read(tmp_path, settings, lines)


def test_a_decimal_point_ocr_lost_after_the_currency(tmp_path: Path, settings: Settings) -> None:
    # the total's own row unreadable: what was paid is the cash less the change, both
    # printed with their decimal point read as a space
    lines = [*HEADER, "Date: 14/03/2018", "Grand Total ewe 9 ' 30"]
    lines += ["Cash RM51 50", "Change RMI0 05"]
    assert read(tmp_path, settings, lines, conf={})["total"] == "41.45"
    # three digits set apart are a thousands' group, not cents
    thousands = [*HEADER, "Date: 14/03/2018", "Total RM 1 250", "Cash RM 1 250"]
    assert "total" not in read(tmp_path, settings, thousands, conf={})


# --- dates ----------------------------------------------------------------------------------


def test_item_codes_and_telephone_numbers_are_not_dates() -> None:
    assert list(find_dates("YE11-22-30")) == []
    assert list(find_dates("Tel. : 05.22.95.66.66")) == []
    assert [d.isoformat() for _, _, d in find_dates("le 30/03/2018 a 12:36")] == ["2018-03-30"]


def test_gst_receipts_write_the_day_first() -> None:
    assert guess_date_order("ABC SDN BHD  GST ID: 0001  11/05/2018", "USD") == "dmy"
    assert guess_date_order("Pte Ltd  02/03/2018") == "dmy"


def test_the_date_printed_with_a_time_is_the_receipts_date(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        *HEADER,
        "Cashier: LIM",
        "Member: -",
        "Counter: 2",
        "TISSUE HOLDER             10.60",
        "MC22-32 - 10/12/20 PCS",  # an item's code that reads as a date
        "TOTAL INCL. GST@6% RM     10.60",
        "24-01-16 11:44 SH01 R003 T1 R000379771",
    ]
    assert read(tmp_path, settings, lines)["issue_date"] == "2016-01-24"


def test_a_date_misread_by_ocr_is_repaired_on_a_scan_only(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        *HEADER,
        "92/01/2018         Cashier: 123",  # OCR read the 0 of 02 as a 9
        "SX8 S006 1 4.20 4.20",
        "TOTAL AMOUNT 4.20",
    ]
    assert read(tmp_path, settings, lines, conf={})["issue_date"] == "2018-01-02"
    # the same text in a text layer was printed so: no date there
    assert "issue_date" not in read(tmp_path, settings, lines)


def test_a_date_read_as_printed_beats_a_repaired_one(tmp_path: Path, settings: Settings) -> None:
    lines = [
        *HEADER,
        "2703/2018",  # a lost separator, or a number: the first date-shaped token
        "MILO TIN 1.5KG          21.32",
        "TOTAL                   21.32",
        "14/03/2018",  # a date as printed, lower down
    ]
    assert read(tmp_path, settings, lines, conf={})["issue_date"] == "2018-03-14"


# --- vendors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first_lines", "vendor"),
    [
        (["KEDAI A.B.Y. (M) SDN BHD"], "KEDAI A.B.Y. (M) SDN BHD"),
        (["GREENLEAF BAKERIES/KL) SDN BHD (123456 X)"], "GREENLEAF BAKERIES/KL) SDN BHD"),
        (["PIXEL PRINTEC (M) SON BHD"], "PIXEL PRINTEC (M) SDN BHD"),  # OCR: SDN read as SON
        (["GREENLEAF BAKERIES (KL SDN BHD (123456 X)"], "GREENLEAF BAKERIES (KL SDN BHD"),
        (["88 QUICK MART S/B (123457-X)"], "88 QUICK MART S/B"),
        (["ORION CO. (M) BHD (123458-H)"], "ORION CO. (M) BHD"),
        (["HOUSE PRO HARDWARE &", "ELECTRICAL"], "HOUSE PRO HARDWARE & ELECTRICAL"),
        (
            ["THE COCOA POD", "& TEA BUSH (M) SDN. BHD."],
            "THE COCOA POD & TEA BUSH (M) SDN. BHD.",
        ),
        (["SUNRISE BAKERY", "SDN BHD"], "SUNRISE BAKERY SDN BHD"),
    ],
)
def test_the_vendor_heads_the_receipt(
    tmp_path: Path, settings: Settings, first_lines: list[str], vendor: str
) -> None:
    lines = [
        *first_lines,
        "(Co. Reg 123456-A)",
        "LOT 9, JALAN PERINTIS 2/7,",
        "40000 SHAH ALAM, SELANGOR",
        "TAX INVOICE",
        "Date: 06/08/2017",
        "Total Payable:            68.44",
    ]
    assert read(tmp_path, settings, lines)["vendor"] == vendor


def test_the_first_company_of_the_letterhead_is_the_vendor(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        "GREENLEAF BAKERIES (KL) SDN BHD",
        "LOT 9, JALAN PERINTIS 2/7,",
        "TAX INVOICE / ADJUSTMENT NOTE",
        "Date: 06/08/2017",
        "PASAR SEGAR UTAMA SDN BHD",  # the customer, under the date
        "GROUND FLOOR, NO. 2 & 4,",
        "Total Payable:            68.44",
    ]
    assert read(tmp_path, settings, lines)["vendor"] == "GREENLEAF BAKERIES (KL) SDN BHD"


def test_a_logo_read_as_noise_and_an_address_do_not_name_the_vendor(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        "3180404 aia(P pol",  # a logo, read with low confidence
        "MERRY'S CAKE HOUSE",
        "No.5, Jalan Cempaka 3/2,",
        "43000 Kajang, Selangor",
        "Date: 06/08/2017 10:49",
        "TOTAL                     12.50",
        "CASH                      20.00",
        "CHANGE                     7.50",
    ]
    fields = read(tmp_path, settings, lines, conf={0: 0.3})
    assert fields["vendor"] == "MERRY'S CAKE HOUSE"
    assert fields["total"] == "12.50"
    assert fields["issue_date"] == "2017-08-06"


def test_the_address_is_centred_under_the_name_past_the_registration_number(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        "        SYARIKAT PERNIAGAAN LIM HUAT",
        "                (12345-A)",
        "         NO 120, JALAN BATU LIMA,",
        "                 SENTOSA,",
        "         53000, KUALA LUMPUR.",
        "          TEL : 03-12345678",
        "Date: 06/08/2017 10:49",
        "TOTAL                     12.50",
    ]
    fields = read(tmp_path, settings, lines)
    assert fields["vendor"] == "SYARIKAT PERNIAGAAN LIM HUAT"
    assert fields["address"] == "NO 120, JALAN BATU LIMA, SENTOSA, 53000, KUALA LUMPUR."


# --- what a receipt is ----------------------------------------------------------------------


def test_a_receipt_without_a_title_is_a_sales_document_by_its_amounts(
    tmp_path: Path, settings: Settings
) -> None:
    """No title and no label of one, but amounts with cents, in a local two-letter currency
    sign and with the space OCR puts after a till's decimal point: a sales document, not
    "other"."""
    path = tmp_path / "receipt.txt"
    lines = ["CORNER NOODLE HOUSE", "12 MAIN ROAD", "09/03/2018 21:28",
             "FRIED RICE RM 9. 00", "TEA RM 2. 50", "RM 11. 50"]  # fmt: skip
    path.write_text("\n".join(lines) + "\n")
    record = Record(path=path, original_name=path.name, pages=read_text(path, max_pages=5))
    record = run_stages(record, Context(settings, Registry.default()), STAGES[2:])
    assert record.doc_type == "invoice"
