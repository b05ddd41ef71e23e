"""Dates, amounts, currencies and identifiers, in several languages and conventions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from intake.extractors.extraction.fields.dates import add_term, guess_date_order, parse_date
from intake.extractors.extraction.fields.idents import clean_id
from intake.extractors.extraction.fields.money import (
    detect_currency,
    guess_decimal_comma,
    parse_money,
)


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("Invoice date: 2024-03-14", "dmy", "2024-03-14"),
        ("14.03.2024", "dmy", "2024-03-14"),
        ("03/14/2024", "dmy", "2024-03-14"),  # unambiguous whatever the order
        ("03/04/2024", "dmy", "2024-04-03"),
        ("03/04/2024", "mdy", "2024-03-04"),
        ("1.4.2011", "mdy", "2011-04-01"),  # dotted dates are day first even in a US document
        ("14 March 2024", "dmy", "2024-03-14"),
        ("March 14, 2024", "dmy", "2024-03-14"),
        ("Mar 14 2024", "dmy", "2024-03-14"),
        ("14-Mar-24", "dmy", "2024-03-14"),
        ("14. März 2024", "dmy", "2024-03-14"),
        ("14 mars 2024", "dmy", "2024-03-14"),
        ("14 de marzo de 2024", "dmy", "2024-03-14"),
        ("14 maart 2024", "dmy", "2024-03-14"),
        ("1er février 2023", "dmy", "2023-02-01"),
        ("this 5th day of June, 2019", "dmy", "2019-06-05"),
        ("Date: 31 st March 2008", "dmy", "2008-03-31"),  # a raised "st" read as a word
        ("March 31 st 2008", "dmy", "2008-03-31"),
        ("Datum: 20240314", "dmy", "2024-03-14"),
        ("2019.02.13", "dmy", "2019-02-13"),
    ],
)
def test_dates(text: str, order: str, expected: str) -> None:
    assert parse_date(text, order) == dt.date.fromisoformat(expected)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text", ["31/02/2024", "no date here", "Total 1.234,56", "99/99/9999", "31 stations 2008"]
)
def test_not_dates(text: str) -> None:
    assert parse_date(text) is None


def test_date_order_is_inferred_from_the_document() -> None:
    assert guess_date_order("Date 03/04/2024 ... Due 03/25/2024") == "mdy"
    assert guess_date_order("Date 03/04/2024 ... Due 25/03/2024") == "dmy"
    assert guess_date_order("Date 03/04/2024", currency="USD") == "mdy"
    assert guess_date_order("Rechnung Datum 03/04/2024", currency="USD") == "dmy"
    # a date printed both ways: the numeric one reads as the worded one
    assert guess_date_order("03/01/05 ... The term begins March 1, 2005.") == "mdy"
    assert guess_date_order("03/01/05 ... The term begins 3 January 2005.") == "dmy"


def test_a_day_first_vat_id_under_a_month_first_legal_form() -> None:
    # a US legal form under a UK VAT id: the two disagree, and the currency decides
    text = "Dunmere Electric LLC, 55 High Street, Bristol\nVAT ID GB300348016\nDate 10/06/2024"
    assert guess_date_order(text, currency="GBP") == "dmy"
    assert guess_date_order(text, currency="USD") == "mdy"
    # the legal form alone still decides, and a VAT id alone decides nothing
    assert guess_date_order("Dunmere Electric LLC\nDate 10/06/2024", currency="GBP") == "mdy"
    assert guess_date_order("VAT ID GB300348016\nDate 10/06/2024", currency="USD") == "mdy"


def test_a_us_postal_address_puts_the_month_first() -> None:
    # a till's receipt that prints no currency: its state and ZIP code place it
    receipt = "GREEN VALLEY MARKET\n1200 Elm St\nSpringfield, IL 62704\n12/03/2025 5:42 PM"
    assert guess_date_order(receipt) == "mdy"
    assert guess_date_order(receipt.replace("IL 62704", "62704")) == "dmy"
    # a VAT id of a day-first country beside it: the address is the customer's
    assert guess_date_order(receipt + "\nVAT ID GB300348016") == "dmy"
    # a language written day first says so first
    assert guess_date_order("Rechnung\n" + receipt) == "dmy"


def test_a_day_written_as_an_ordinal_word() -> None:
    assert parse_date("made this first day of July, 2017 between") == dt.date(2017, 7, 1)
    assert parse_date("this Twenty-First day of March 2020") == dt.date(2020, 3, 21)
    assert parse_date("the twenty first day of May, 2011") == dt.date(2011, 5, 21)
    assert parse_date("the first of all days") is None


@pytest.mark.parametrize(
    ("text", "comma", "expected"),
    [
        ("1,234.56", None, "1234.56"),
        ("1.234,56", None, "1234.56"),
        ("1 234,56 €", None, "1234.56"),
        ("1\u202f234,56", None, "1234.56"),
        ("$1,234", None, "1234"),
        ("EUR 12,50", None, "12.50"),
        ("(12.00)", None, "-12.00"),
        ("-5.00", None, "-5.00"),
        ("12.00-", None, "-12.00"),
        ("1.500", True, "1500"),
        ("1,500", False, "1500"),
        ("0.125", None, "0.125"),
        ("1'234.50 CHF", None, "1234.50"),
        ("1,234,567", None, "1234567"),
        # the decimal point read as the thousands' sign: the last group is no thousands
        ("74,860,22 euros", True, "74860.22"),
        ("12.345.67", False, "12345.67"),
        # India groups by lakh and crore past the thousands
        ("Rs. 1,45,376.00", None, "145376.00"),
        ("₹ 12,34,567.89", None, "1234567.89"),
        ("1,00,000.00", False, "100000.00"),
    ],
)
def test_money(text: str, comma: bool | None, expected: str) -> None:
    assert parse_money(text, comma) == Decimal(expected)


def test_decimal_comma_is_inferred() -> None:
    assert guess_decimal_comma("Summe 1.234,56 MwSt 234,56") is True
    assert guess_decimal_comma("Total 1,234.56 Tax 12.00") is False
    assert guess_decimal_comma("no amounts") is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Total 12,00 €", "EUR"),
        ("Amount due: $1,200.00", "USD"),
        ("Total CAD $1,200.00", "CAD"),
        ("£ 15.00", "GBP"),
        ("Kwota 100,00 zł", "PLN"),
        ("Total: 1939.00 EUR", "EUR"),
        ("RM 12.30", "MYR"),
        ("nothing", None),
        # a code joined by a hyphen to an identifier's letters or digits is the identifier's
        ("CAD-A4 Caderno A4 1,85 | Total (EUR) 370,00", "EUR"),
        ("TRY-100 Trypsin-EDTA 28.50 | Total $342.00", "USD"),
        ("SKU-EUR 1 | Total $5.00", "USD"),
        # a negative amount glued to its code is money
        ("Gutschrift EUR-1.234,56", "EUR"),
    ],
)
def test_currency(text: str, code: str | None) -> None:
    assert detect_currency(text) == code


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("#: INV-2024/118.", "INV-2024/118"),
        ("No. 4711", "4711"),
        ("(A-17)", "A-17"),
        ("Nr.12", "12"),
    ],
)
def test_identifiers(raw: str, clean: str) -> None:
    assert clean_id(raw) == clean


def test_add_term() -> None:
    assert add_term(dt.date(2023, 1, 31), "1 month") == dt.date(2023, 2, 28)
    assert add_term(dt.date(2023, 2, 1), "2 years") == dt.date(2025, 2, 1)
    assert add_term(dt.date(2023, 2, 1), "forever") is None
