"""Dates as OCR misreads them: the repair of date-shaped tokens, and where it applies."""

from __future__ import annotations

import datetime as dt

import pytest

from intake.extractors.extraction.fields.dates import find_dates
from intake.extractors.extraction.fields.ocr_dates import find_ocr_dates, repair_date_token


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("2O/O5/2O18", "2018-05-20"),  # the letter O for the digit 0
        ("l5/05/2017", "2017-05-15"),  # l for 1
        ("I2/II/2019", "2019-11-12"),  # I for 1
        ("3O-S-2O16", "2016-05-30"),  # S for 5
        ("92/01/2018", "2018-01-02"),  # a round 9 for the leading 0 of the day
        ("14/82/2018", "2018-02-14"),  # ... an 8 for the leading 0 of the month
        ("23/02/2918", "2018-02-23"),  # ... a 9 for the 0 of 20xx
        ("2703/2018", "2018-03-27"),  # a separator lost
        ("27/032018", "2018-03-27"),
        ("21:03/2018", "2018-03-21"),  # a separator misread
        ("(2O/O5/2O18,", "2018-05-20"),  # punctuation around the token
        ("_2703/2018", "2018-03-27"),
    ],
)
def test_date_shaped_misreadings_are_repaired(token: str, expected: str) -> None:
    repaired = repair_date_token(token)
    assert repaired is not None and repaired.isoformat() == expected


@pytest.mark.parametrize(
    "token",
    [
        "03/03/2017",  # a valid date stays as it was read (find_dates reads it)
        "10:04:05",  # a time of day
        "7:44:16",
        "15/46,",  # an address's lot number
        "1-0-2,",
        "03-40211233",  # a telephone number
        "18388/103/70126",  # an invoice number
        "2018/0327",  # a year first with a separator lost: too ambiguous
        "2012/2018",
        "38/01/2018",  # a 3 is not read for a 0
        "98/98/2018",  # two repairs needed
        "OO/OO/OOOO",  # no digit read at all
        "LH/0b/1H",  # too far gone
        "SALE/TAX/2018",
    ],
)
def test_other_tokens_are_not_repaired(token: str) -> None:
    assert repair_date_token(token) is None


def test_a_repair_that_reads_two_ways_is_refused() -> None:
    # 86/06/2018: the 8 of 86 is the misread 0 of 06 (80/06 is not tried: 0 leads)
    assert repair_date_token("86/06/2018") == dt.date(2018, 6, 6)
    # 89/89/2018: 09/89 and 89/09 are both invalid, so there is no single repair
    assert repair_date_token("89/89/2018") is None


def test_the_date_order_decides_the_repaired_date() -> None:
    assert repair_date_token("O3/O4/2O18", "dmy") == dt.date(2018, 4, 3)
    assert repair_date_token("O3/O4/2O18", "mdy") == dt.date(2018, 3, 4)


def test_find_ocr_dates_flags_the_repaired_dates() -> None:
    text = "Inv 2703/2018  printed 01/04/2018 12:00  due 2O/O4/2O18"
    found = [(text[s:e], d.isoformat(), repaired) for s, e, d, repaired in find_ocr_dates(text)]
    assert found == [
        ("2703/2018", "2018-03-27", True),
        ("01/04/2018", "2018-04-01", False),
        ("2O/O4/2O18", "2018-04-20", True),
    ]


def test_a_label_glued_to_a_misread_date_is_cut_off() -> None:
    found = list(find_ocr_dates("Inv No :6KJ307 Date:D2/O3/17 19:46"))
    assert [(d.isoformat(), repaired) for _, _, d, repaired in found] == [("2017-03-02", True)]
    start, end, _, _ = found[0]
    assert "Inv No :6KJ307 Date:D2/O3/17 19:46"[start:end] == "D2/O3/17"


def test_eight_digits_before_a_time_of_day_are_a_date_stamp() -> None:
    text = "0440010036 25032018 13:11:54 0003"
    assert [(d.isoformat()) for _, _, d in find_dates(text)] == ["2018-03-25"]
    assert [d.isoformat() for _, _, d in find_dates("12032018 09:30", "mdy")] == ["2018-12-03"]
    # without a time the eight digits stay a number (a code, an account)
    assert list(find_dates("Account 25032018")) == []


def test_a_day_ordinal_whose_one_ocr_read_as_a_letter() -> None:
    """An agreement's "this 1st day of July, 2015" scanned reads "Ist day of": the suffix
    and "day of" mark the day, and the fold reads its I, l or | as 1; without them the
    word stays a word ("Das Ist July 2015" holds no date)."""
    assert [d for _, _, d in find_dates("made this Ist day of July, 2015 by", "mdy")] == [
        dt.date(2015, 7, 1)
    ]
    assert [d for _, _, d in find_dates("the 2lst day of March 2020", "dmy")] == [
        dt.date(2020, 3, 21)
    ]
    assert list(find_dates("Das Ist July 2015", "dmy")) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Date: 26 aoit 2025", "2025-08-26"),  # "août", its û read as an i
        ("Datum 31. Marz 2024", "2024-03-31"),  # "März" without its umlaut
        ("Decmber 3, 2024", "2024-12-03"),  # a letter lost
        ("3 Janury 2023", "2023-01-03"),
    ],
)
def test_a_month_name_one_letter_off_is_that_month(text: str, expected: str) -> None:
    assert [(d.isoformat(), repaired) for _, _, d, repaired in find_ocr_dates(text)] == [
        (expected, True)
    ]


@pytest.mark.parametrize("text", ["12 juim 2024", "total 12 items 2024", "5 mais 2024"])
def test_a_word_near_no_month_or_two_is_no_date(text: str) -> None:
    # "juim" is one letter from "juin" and "juil": no guess between them
    assert list(find_ocr_dates(text)) == []
