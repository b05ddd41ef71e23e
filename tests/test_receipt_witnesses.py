"""What may and may not speak for a receipt's total: a tax summary's header names its
columns ("Amount  Tax"), so the word "Amount" there is no total label and an amount under
or beside it is never taken for the total; a total the line items add up to stands
against a tender and change that say otherwise.

Each receipt is written as the lines of text OCR gives back (see ``tests/test_receipts``),
of invented shops and amounts.
"""

from __future__ import annotations

from pathlib import Path

from intake.settings import Settings
from tests.test_receipts import HEADER, read

#: every word read by OCR with a good confidence: the page is a scan
SCAN: dict[int, float] = {}


def test_an_amount_under_a_tax_summary_header_is_not_the_total(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        *HEADER,
        "Date: 21/07/2018",
        "LAKSA PENANG            2   27 40",
        "Grand Tot4l             ;;;",  # the total's row, unreadable
        "GST Summary      Amount(RM)    Tax(RM)",
        "ZR @ 0%               3.15       0.00",
        "SR @ 6%              41.20       2 47",
    ]
    fields = read(tmp_path, settings, lines, conf=SCAN)
    assert "total" not in fields


def test_an_amount_beside_a_tax_summary_header_is_not_the_total(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        *HEADER,
        "Date: 21/07/2018",
        "CURRY PUFF              4   11 20",
        "NET TOTAL :     1 ;e% ;",  # the total's row, unreadable
        "GST Summary 6%   Amount  16.04   Tax  0.96",
    ]
    fields = read(tmp_path, settings, lines, conf=SCAN)
    assert "total" not in fields
    assert fields["tax"] == "0.96"


def test_a_total_label_naming_its_tax_is_still_a_total_label(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        *HEADER,
        "Date: 21/07/2018",
        "KUIH LAPIS             6     9.00",
        "Total Sales Inclusive GST:   9.00",
        "GST Summary      Amount(RM)    Tax(RM)",
        "SR @ 6%               8.49       0.51",
    ]
    assert read(tmp_path, settings, lines, conf=SCAN)["total"] == "9.00"


def test_a_total_the_items_add_up_to_stands_against_a_misread_tender(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        *HEADER,
        "Date: 21/07/2018",
        "Description      Qty   U.price    Total",
        "Iced Barley       1      7.80     7.80",
        "Fried Bihun       1      4.20     4.20",
        "Total Qty: 2",
        "Jotal (Inclusive of GST):        12.00",  # a misread label: a weak one
        "CASH :                           18.00",  # OCR read 13.00 as 18.00
        "CHANGE :                          1.00",
    ]
    assert read(tmp_path, settings, lines, conf=SCAN)["total"] == "12.00"


def test_a_total_without_a_rounding_row_keeps_its_cents(tmp_path: Path, settings: Settings) -> None:
    lines = [
        *HEADER,
        "Date: 21/07/2018",
        "NASI GORENG                  12.48",
        "TOTAL INCL GST               12.48",
        "VISA                         12.48",
    ]
    assert read(tmp_path, settings, lines, conf=SCAN)["total"] == "12.48"
