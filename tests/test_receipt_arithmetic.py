"""A scanned receipt's total chosen by its own arithmetic among the amounts OCR read (a
tax summary's amount plus its tax, the cash tendered less the change, a subtotal with its
adjustments), and OCR's digits in a name's capitals read back as letters."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from intake.extractors.extraction.analysis import reading_for
from intake.extractors.extraction.confusion import mend_capitals
from intake.extractors.extraction.receipt_totals import summary_witnesses
from intake.extractors.reading.text import read_text
from intake.record import Record
from intake.settings import Settings
from tests.test_receipts import HEADER, read

#: every word read by OCR with a good confidence: the page is a scan
SCAN: dict[int, float] = {}


def witnesses(tmp_path: Path, lines: list[str]) -> list[Decimal]:
    path = tmp_path / "receipt.txt"
    path.write_text("\n".join(lines) + "\n")
    record = Record(path=path, original_name=path.name, pages=read_text(path, max_pages=5))
    return [w.value for w in summary_witnesses(reading_for(record))]


def test_a_tax_summary_row_adds_its_amount_and_the_tax_at_its_rate(tmp_path: Path) -> None:
    lines = [
        *HEADER,
        "GST Summary          Amount      Tax",
        "SR @ 6%               16.98     1.02",
        "ZR @ 0%                0.00     0.00",
        "1 x PEN REFILL   2.50  1.00",  # a quantity and a price: no tax at 6 % of it
    ]
    assert witnesses(tmp_path, lines) == [Decimal("18.00")]


def test_a_taxable_amount_over_its_tax_row_adds_up_but_a_service_charge_does_not(
    tmp_path: Path,
) -> None:
    lines = [
        *HEADER,
        "Total (Excluding GST):        56.20",
        "Serv. Charge (10%):            5.62",  # a charge at a rate, not a tax
        "TAXABLE AMOUNT              RM50.57",
        "6% GST                       RM3.03",
    ]
    assert witnesses(tmp_path, lines) == [Decimal("53.60")]


def test_an_unlabelled_total_is_the_amount_the_taxable_amount_and_its_tax_add_up_to(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        *HEADER,
        "Date: 11/03/2018 16:30",
        "YELLOW LAKSA               RM11.60 S",
        "CENDOL                      RM5.30 S",
        "SUBTOTAL                   RM53. 60",
        "CHANGE                     RM46. 40",
        "TAXABLE AMOUNT             RM50. 57",
        "6% GST                      RM3. 03",
    ]
    assert read(tmp_path, settings, lines, conf=SCAN)["total"] == "53.60"


def test_a_total_over_sections_stands_against_one_sections_sum(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        *HEADER,
        "Date: 21/07/2017",
        "Total 0% supplies:                    30.23",
        "Total 6% supplies (excl. GST):        16.80",
        "GST:                                   1.01",
        "Total 6% supplies (Inc. GST):         17.81",
        "Total Payable:                        48.04",
    ]
    assert read(tmp_path, settings, lines, conf=SCAN)["total"] == "48.04"


def test_tendered_less_change_and_the_tax_summary_confirm_a_printed_amount(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        *HEADER,
        "Date: 11/03/2018 16:30",
        "CORR. PEN REFILL               5.75",
        "Tota RM Incl. of GST           s.7S",  # the total's own row, unreadable
        "Cash                         -50.00",  # what the till took in, as a minus
        "CHANGE                        44.25",
        "GST Summary          Amount     Tax",
        "T @ 6%                 5.42    0.33",
    ]
    assert read(tmp_path, settings, lines, conf=SCAN)["total"] == "5.75"


def test_the_amount_due_is_the_one_the_tax_summary_adds_up_to(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        *HEADER,
        "Date: 28/03/2018 18:32",
        "4  1/4 CHICKEN @17.90         71.60",
        "3  1/4 CHICKEN @17.90         53.70",
        "1  DELIVERY CHG                4.00",
        "Sub Total                    129.30",
        "Amt Due                      129.30",
        "GST @6%                        7.30",
        "GST Summary     Amount(RM)  GST(RM)",
        "S=GST @6%:          122.00     7.30",
        "Z=GST @0%:            0.00     0.00",
    ]
    assert read(tmp_path, settings, lines, conf=SCAN)["total"] == "129.30"


def test_the_confirmed_total_is_taken_after_its_cash_rounding(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        *HEADER,
        "Date: 11/03/2018 16:30",
        "1 x  SUSHI SET                61.82",
        "Total (Excluding GST):        56.20",
        "Tota) (Inclusive of GST):     65.53",
        "Rounding Adj:                  0.02",
        "VISA                          65.55",
        "SR (@ 6%)             61.82    3.71",
    ]
    assert read(tmp_path, settings, lines, conf=SCAN)["total"] == "65.55"


def test_a_total_read_from_its_label_is_taken_after_the_rounding_under_it(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        *HEADER,
        "Date: 07/02/2018 14:06",
        "2471 888 LYCHEES IN SYRUP S    RM10.14",
        "Total Sales (Inclusive GST) RM   45.34",
        "Rounding RM                      45.35",
        "CREDIT RM                        45.35",
    ]
    assert read(tmp_path, settings, lines, conf=SCAN)["total"] == "45.35"


def test_one_unprinted_witness_invents_no_total(tmp_path: Path, settings: Settings) -> None:
    lines = [
        *HEADER,
        "Date: 11/03/2018 16:30",
        "Cacn Received                 12.00",
        "SR              5.08   16.98   1.02",
    ]
    assert "total" not in read(tmp_path, settings, lines, conf=SCAN)


def test_a_text_layer_keeps_the_total_its_labels_give(tmp_path: Path, settings: Settings) -> None:
    lines = [
        *HEADER,
        "Date: 11/03/2018 16:30",
        "TOTAL                         12.50",
        "CASH                          20.00",
        "CHANGE                         7.50",
    ]
    assert read(tmp_path, settings, lines)["total"] == "12.50"


@pytest.mark.parametrize(
    ("read_as", "meant"),
    [
        ("KEDAI A.8.¥. (M) SDN BHD", "KEDAI A.B.Y. (M) SDN BHD"),
        ("5UNRISE BAKERY", "SUNRISE BAKERY"),
        ("G0LDEN TEAP0T", "GOLDEN TEAPOT"),
        ("7/11 A4 2B LOT 1851-A", "7/11 A4 2B LOT 1851-A"),  # numbers and codes
        ("Caf3 Lumi1re", "Caf3 Lumi1re"),  # not in capitals: no guess
    ],
)
def test_digits_in_words_of_capitals_are_the_letters_ocr_misread(read_as: str, meant: str) -> None:
    assert mend_capitals(read_as) == meant
