"""Choosing a receipt's total among the amounts OCR read: labels in parentheses, amounts
inclusive of tax, tax summaries, notes under a total, and the amount handed over when its
row carries no tender label.

Each receipt is written as the lines of text OCR gives back (see ``tests/test_receipts``),
of invented shops and amounts.
"""

from __future__ import annotations

from pathlib import Path

from intake.settings import Settings
from tests.test_receipts import HEADER, read

#: every word read by OCR with a good confidence: the page is a scan
SCAN: dict[int, float] = {}


def test_a_total_labelled_in_parentheses_stands_against_a_misread_change(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        *HEADER,
        "Date: 09/05/2018",
        "NASI LEMAK SPECIAL           38.90",
        "Total (Inclusive of GST):    38.90",
        "CASH                         50.00",
        "CHANGE                       11.00",  # OCR read 11.10 as 11.00
    ]
    assert read(tmp_path, settings, lines, conf=SCAN)["total"] == "38.90"


def test_an_amount_inclusive_of_tax_is_not_the_tax(tmp_path: Path, settings: Settings) -> None:
    lines = [
        *HEADER,
        "Date: 09/05/2018",
        "Sum inclusive of GST:         9.50",
        "GST payable (6%):             0.54",
    ]
    assert read(tmp_path, settings, lines, conf=SCAN)["tax"] == "0.54"


def test_the_cash_row_under_an_amount_column_does_not_confirm_itself(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        *HEADER,
        "Date: 09/05/2018",
        "Total Amount:               $7.60",
        "Nett Total:                 $7.60",
        "PaymentMode                Amount",
        "CASH                        37.00",  # OCR read 7.60 as 37.00
        "Change                      $0.00",
    ]
    assert read(tmp_path, settings, lines, conf=SCAN)["total"] == "7.60"


def test_the_row_above_the_change_is_what_was_handed_over(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        *HEADER,
        "Date: 09/05/2018",
        "Car wash token                5.00",
        "Amount incl. GST              5.00",
        "Inserted total               10.00",
        "Change                        5.00",
    ]
    assert read(tmp_path, settings, lines, conf=SCAN)["total"] == "5.00"


def test_the_totals_of_a_tax_summary_are_not_the_receipts(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        *HEADER,
        "Date: 09/05/2018",
        "TOTAL:                       73.55",
        "GST Summary",
        "Total exempt supplies:       35.14",
        "Total GST:                    0.00",
        "Total exempt supplies:       35.14",
    ]
    assert read(tmp_path, settings, lines, conf=SCAN)["total"] == "73.55"


def test_a_note_in_parentheses_under_an_unreadable_total_is_not_its_amount(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        *HEADER,
        "Date: 09/05/2018",
        "Grand Total          Rk4S, “ 00",
        "(Bill inclusive of 6% GST : RM2.21)",
        "Thank you",
    ]
    assert "total" not in read(tmp_path, settings, lines, conf=SCAN)


def test_a_total_worked_out_from_a_misread_change_yields_to_the_tax_summary(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        *HEADER,
        "Date: 09/05/2018",
        "0412638      2  14.90     29.80",
        "Total Qty 2",
        "TOTAL EXCL.GST            28.11",
        "ADD : GST @ 6% On          1.69",
        "CASH                      30.00",
        "CHANGE                    20.20",  # OCR read 0.20 as 20.20
    ]
    assert read(tmp_path, settings, lines, conf=SCAN)["total"] == "29.80"


def test_an_amount_said_to_include_the_tax_is_the_total_when_no_other_is_read(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        *HEADER,
        "Date: 09/05/2018",
        "BEEF RENDANG                  60.57",
        "Sum inclusive of GST:         64.20",
        "Thank you",
    ]
    assert read(tmp_path, settings, lines, conf=SCAN)["total"] == "64.20"
