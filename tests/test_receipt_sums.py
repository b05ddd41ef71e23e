"""Receipt totals confirmed by the receipt's own arithmetic: a subtotal, the rows that
adjust it (service charge, tax, discount, rounding) and the row under them that prints
their sum, whatever OCR made of that row's label."""

from __future__ import annotations

from pathlib import Path

from intake.extractors.extraction.analysis import reading_for
from intake.extractors.extraction.sums import find_summed_total
from intake.extractors.reading.text import read_text
from intake.record import Record
from intake.settings import Settings
from tests.factory import make_lines_pdf
from tests.live import extract_with_packs
from tests.test_receipts import HEADER, read


def summed(tmp_path: Path, lines: list[str]) -> str | None:
    path = tmp_path / "receipt.txt"
    path.write_text("\n".join(lines) + "\n")
    record = Record(path=path, original_name=path.name, pages=read_text(path, max_pages=5))
    found = find_summed_total(reading_for(record))
    return None if found is None else str(found.value)


def test_a_total_with_a_garbled_label_is_the_sum_of_the_rows_above_it(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        *HEADER,
        "Date: 12/03/2018",
        "1 TIGER 12 GLASSES           145.00",
        "1 GUINNESS 12 GLASSES        150.00",
        "SUB TOTAL                    295.00",
        "SERVICE CHARGE 10%            29.50",
        "GST 6%                        19.47",
        "ROUNDING ADJ                  -0.02",
        "NLi {UAL                     343,95",  # "NETT TOTAL", unreadable
        "GST Summary         Amount      Tax",
        "Tot. GST            324.50    19.47",
    ]
    assert summed(tmp_path, lines) == "343.95"
    assert read(tmp_path, settings, lines)["total"] == "343.95"


def test_an_unsigned_rounding_adjustment_and_the_cash_confirm_the_rounded_total(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        *HEADER,
        "15/12/2017 18:01",
        "ICED CAFE LATTE               12.08",
        "ICED DOUBLE CHOC              11.14",
        "6% GST                         1.38",
        "TTL                           24.60",
        "Rounding Adj.                  0.02",
        "TOTAL                         s4.58",  # OCR read 24.58 with a letter
        "CASH                          24.58",
        "CHANGE                          .OO",
        "GST Summary           Amount    Tax",
        "Tot. GST               23.22   1.38",
    ]
    assert summed(tmp_path, lines) == "24.58"
    assert read(tmp_path, settings, lines)["total"] == "24.58"


def test_a_discount_is_taken_off_however_it_is_printed(tmp_path: Path) -> None:
    lines = [
        *HEADER,
        "SUBTOTAL                      20.00",
        "DISCOUNT                       2.00",
        "GST 6%                         1.08",
        "T0TAI PAYABIE                 19.08",
    ]
    assert summed(tmp_path, lines) == "19.08"


def test_the_last_printed_sum_is_the_total_after_rounding(tmp_path: Path) -> None:
    lines = [
        *HEADER,
        "SUBTOTAL                      10.00",
        "GST 6%                         0.60",
        "TOTAL INCL GST                10.60",
        "ROUNDING ADJUSTMENT           -0.05",
        "NETT TOTAL                    10.55",
        "CASH                          20.00",
        "CHANGE                         9.45",
    ]
    assert summed(tmp_path, lines) == "10.55"


def test_rows_that_do_not_add_up_prove_nothing(tmp_path: Path) -> None:
    # the tax is included in the total, and the cash is more than it: no row prints a sum
    included = [
        *HEADER,
        "TOTAL INCL GST                53.20",
        "GST 6% INCLUDED                3.01",
        "CASH                          60.00",
        "CHANGE                         6.80",
    ]
    assert summed(tmp_path, included) is None
    # a sum needs an adjustment: a total repeated by the cash is not one
    repeated = [*HEADER, "SUBTOTAL 12.00", "TOTAL 12.00", "CASH 12.00"]
    assert summed(tmp_path, repeated) is None
    # a zero rounding adjustment adds nothing, and a row past a gap is not under the sum
    gap = [*HEADER, "SUBTOTAL 5.00", "GST 0.30", "Thank you", "Come again", "Member", "5.30"]
    assert summed(tmp_path, gap) is None


def test_total_items_and_their_discount_are_not_the_total(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        *HEADER,
        "Date: 15/05/2017",
        "BOS ION 4 470ML                4.70",
        "Total Item Discount:           6.00",
        "Total Iter Diecount:           6.00",  # as OCR reads it
        "TTL ITEMS                      1.00",
        "Total Sales Inclusive GST:     4.70",
    ]
    assert read(tmp_path, settings, lines)["total"] == "4.70"


def test_a_rounding_adjustment_that_makes_the_total_what_was_paid(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        *HEADER,
        "Date: 14/03/2018",
        "NASI LEMAK AYAM               39.72",
        "Grand Total                   39.72",
        "Rounding Adj                   0.02",
        "Cash                          50.00",
        "Change                        10.30",
    ]
    assert read(tmp_path, settings, lines)["total"] == "39.70"


def test_a_tax_summary_prints_the_taxable_amount_not_the_total(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        *HEADER,
        "Date: 14/03/2018",
        "Total Sales Inclusive GST:",
        "GST Summary",
        "Tax Code   %   Taxab1e Amount    GST",
        "SR         6             4.43   0.27",
    ]
    assert read(tmp_path, settings, lines).get("total") != "4.43"


def test_a_users_pack_names_the_rounding_and_discount_rows_of_its_language(
    tmp_path: Path,
) -> None:
    """The rows that adjust a totals block are vocabulary: an Estonian discount and
    rounding row ("Allahindlus", "Ümardus") are read as such once a user's pack names them,
    and the amount under the block that their sum makes is the total (its label, "Tasuda",
    no pack knows)."""
    pdf = make_lines_pdf(
        tmp_path / "tsekk.pdf",
        [
            "Kohvik Päike AS",
            "Raekoja plats 3, 10146 Tallinn",
            "Receipt no: 4471",
            "Date: 12.03.2026",
            "Coffee                         5.00",
            "Cinnamon bun                   5.00",
            "Subtotal                      10.00",
            "Allahindlus                    1.00",
            "VAT 5.8%                       0.52",
            "Ümardus                        0.02",
            "Tasuda                         9.50",
        ],
    )
    rounding_only, both = tmp_path / "rounding", tmp_path / "both"
    pack = "[pack]\nname = 'et'\nkind = 'language'\n[labels]\nrounding = [['ümardus', 1.0]]\n"
    for folder, text in (
        (rounding_only, pack),
        (both, pack + "discount = [['allahindlus', 1.0]]\n"),
    ):
        folder.mkdir()
        (folder / "et.toml").write_text(text, encoding="utf-8")

    assert extract_with_packs(pdf, "", tmp_path).get("total") is None
    assert extract_with_packs(pdf, str(rounding_only), tmp_path).get("total") is None
    assert extract_with_packs(pdf, str(both), tmp_path)["total"] == "9.50"
