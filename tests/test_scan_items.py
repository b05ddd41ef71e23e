"""Item rows of scanned tables whose numbers OCR garbled: a cell's readable fragment is
not its value, and the price OCR lost or the count it misread is worked back from the
amount through the row's discount; a total OCR read below the net it is made of gives
way to the net plus its tax. Pages are OCR word boxes written here (an invented Italian
pro forma, a German order's totals)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

import pytest

from intake.extractors.extraction.amounts import find_amount_fields
from intake.extractors.extraction.analysis import reading_for
from intake.extractors.extraction.line_arithmetic import check_item
from intake.extractors.extraction.line_items import find_line_items
from intake.record import Page, Record, Word

HEADER = [("Pos.", 78), ("Descrizione", 110), ("Q.tà", 331), ("Prezzo", 372), ("unitario", 402)]
HEADER += [("Sconto", 440), ("Aliq.", 484), ("Totale", 540)]
# (position, description, quantity, price, discount, rate, amount) as OCR read them
ROWS = [
    ("1", "Maintenance contract", "3", "2;257,3F", "5%", "22%", "6.433,50"),
    ("2", "Safety gloves", "4", "2.196,43", "", "22%", "8.785,72"),
]
COLUMNS = (78, 110, 342, 378, 442, 484, 532)


def _words(text: str, x0: float, top: float, line: int) -> list[Word]:
    """A cell's OCR words, 3 pt apart, from ``x0`` on."""
    out = []
    for part in text.split():
        out.append(Word(part, x0, top, x0 + 5.0 * len(part), top + 8.0, conf=0.9, line=line))
        x0 += 5.0 * len(part) + 3.0
    return out


def _scan(words: list[Word]) -> Record:
    page = Page(1, 595.0, 842.0, tuple(words), source="ocr")
    return Record(path="/tmp/p.jpg", original_name="p.jpg", pages=(page,), kind="jpeg")


def proforma(rows: list[tuple[str, ...]], rate: str = "Aliq.") -> Record:
    header = [(rate if text == "Aliq." else text, x) for text, x in HEADER]
    words = [w for text, x in header for w in _words(text, x, 300.0, 0)]
    for n, row in enumerate(rows, start=1):
        for x, text in zip(COLUMNS, row, strict=True):
            words += _words(text, x, 300.0 + 15.0 * n, n)
    return _scan(words)


def priced(record: Record) -> list[tuple[Any, ...]]:
    items = find_line_items(reading_for(record)).items
    return [(i["quantity"], i["unit_price"], i["amount"]) for i in items]


def test_a_garbled_price_is_worked_back_through_the_rows_discount() -> None:
    # "2;257,3F" reads as no number ("2" is a fragment of it); the amount is 3 x price
    # less 5 %, so the price is 6433.50 / 0.95 / 3 = 2257.37
    assert priced(proforma(ROWS)) == [("3", "2257.37", "6433.50"), ("4", "2196.43", "8785.72")]


@pytest.mark.parametrize("rate", ["Aliq.", "Aliquota", "Taxa"])
def test_a_rate_column_is_no_discount(rate: str) -> None:
    """Italian "Aliq." / "Aliquota" (IVA) and Portuguese "Taxa" head the VAT rate: the
    rate under them is not taken off the amount, and 4 x 2196.43 is 8785.72."""
    row = ("2", "Safety gloves", "4", "2.196,43", "", "22%", "8.785,72")
    found = find_line_items(reading_for(proforma([row], rate)))
    assert [i["unit_price"] for i in found.items] == ["2196.43"]
    assert found.checked == 1


def price_worked_back(scan: bool) -> dict[str, Any]:
    item: dict[str, Any] = {"quantity": "3", "unit_price": None, "amount": "6433.50"}
    numbers = [(0.0, Decimal("3")), (2.0, Decimal("6433.50"))]
    offs = [(Decimal("0.95"), Decimal(0))]
    check_item(item, numbers, has_price_column=True, scan=scan, offs=offs)
    return item


def test_the_price_is_worked_back_on_scans_only() -> None:
    # on a text layer a missing price was never printed; on a scan OCR lost it
    assert price_worked_back(scan=True)["unit_price"] == "2257.37"
    assert price_worked_back(scan=False)["unit_price"] is None


def test_a_misread_count_is_worked_back_through_the_rows_discount() -> None:
    # "1" read as "4": 4 x 1538.99 is not 1462.04, but 1 x 1538.99 less 5 % is
    row = ("3", "Cordless drill", "4", "1.538,99", "5%", "22%", "1.462,04")
    assert priced(proforma([row])) == [("1", "1538.99", "1462.04")]


def test_a_count_is_worked_back_on_scans_only() -> None:
    item = {"quantity": "4", "unit_price": "1538.99", "amount": "1462.04"}
    numbers = [(0.0, Decimal("4")), (1.0, Decimal("1538.99")), (2.0, Decimal("1462.04"))]
    offs = [(Decimal("0.95"), Decimal(0))]
    printed = dict(item)
    assert not check_item(printed, numbers, has_price_column=True, offs=offs)
    assert printed == item  # a text layer prints what it means
    assert check_item(item, numbers, has_price_column=True, scan=True, offs=offs)
    assert item["quantity"] == "1"


def discounted(under: str, source: str) -> list[tuple[Any, ...]]:
    """A Spanish item (4 x 1.360,41) with the row ``under`` it (its amount at the
    amounts' column), on a scan or a text layer (``source``)."""
    words = []
    for text, x in [("Descripción", 110), ("Cant.", 331), ("Precio", 372), ("Importe", 532)]:
        words += _words(text, x, 300.0, 0)
    for text, x in [("LED panel", 110), ("4", 342), ("1.360,41", 372), ("5.441,64", 532)]:
        words += _words(text, x, 315.0, 1)
    label, amount = under.rsplit(" ", 1)
    words += _words(label, 122, 327.0, 2) + _words(amount, 532, 327.0, 2)
    page = Page(1, 595.0, 842.0, tuple(words), source=source)
    record = Record(path="/tmp/p.jpg", original_name="p.jpg", pages=(page,), kind="jpeg")
    return priced(record)


@pytest.mark.parametrize(
    ("under", "source", "want"),
    [
        # 15 % of 5 441,64 is 816,25: the item's discount, its minus lost or never printed
        ("Dlo. 15% 816,25", "ocr", [("4", "1360.41", "4625.39")]),
        ("Dto. 15% 816,25", "text", [("4", "1360.41", "4625.39")]),
        # a text layer prints what it means: a row naming no discount is a row of its own
        ("Tasa 15% 816,25", "text", [("4", "1360.41", "5441.64"), (None, None, "816.25")]),
        # 10 % of the item is no 816,25: no discount of it
        ("Dlo. 10% 816,25", "ocr", [("4", "1360.41", "5441.64"), (None, None, "816.25")]),
    ],
)
def test_a_discount_printed_without_its_minus_is_the_items_amount_times_its_rate(
    under: str, source: str, want: list[tuple[Any, ...]]
) -> None:
    assert discounted(under, source) == want


def totals_block(total: str) -> Record:
    """A scanned German order's totals: net, 19 % VAT on it, and the amount due."""
    rows = [("Zwischensumme", "46.405,14"), ("USt. 19%", "8.816,98"), ("Endbetrag", total)]
    words = []
    for n, (label, value) in enumerate(rows):
        top = 500.0 + 15.0 * n
        words += _words(label, 300.0, top, n) + _words(f"{value} €", 480.0, top, n)
    return _scan(words)


def amounts_of(record: Record) -> dict[str, Any]:
    return {k: f.value for k, f in find_amount_fields(reading_for(record)).items()}


def test_a_total_below_the_net_its_rate_confirms_is_their_sum() -> None:
    # "§5.222,12": the first digit read as a mark; 46 405,14 x 19 % is the 8 816,98
    # printed, and a total is never below the net it is made of
    assert amounts_of(totals_block("§5.222,12")) == {
        "total": "55222.12",
        "subtotal": "46405.14",
        "tax": "8816.98",
    }


def test_a_total_read_right_stands() -> None:
    assert amounts_of(totals_block("55.222,12"))["total"] == "55222.12"


def test_no_subtotal_is_worked_out_below_zero() -> None:
    # no net printed, a tax above the total read: the total less the tax is no subtotal
    record = totals_block("5.222,12")
    page = record.pages[0]
    words = tuple(w for w in page.words if w.line != 0)  # the net row left out
    record = dataclasses.replace(record, pages=(dataclasses.replace(page, words=words),))
    assert "subtotal" not in amounts_of(record)


@pytest.mark.parametrize("header", ["Sconto", "Sc. %"])
def test_a_discount_column_under_its_abbreviation(header: str) -> None:
    # "Sc. %" abbreviates "Sconto" (so "Rem. %", "Rab. %"): its 10 is taken off the amount,
    # and the price read stays the price (not 6750 / 6 = 1125.00)
    record = proforma([("1", "Finestra PVC", "6", "1.250,00", "10", "22%", "6.750,00")])
    page = record.pages[0]
    words = tuple(
        dataclasses.replace(w, text=header.split()[0]) if w.text == "Sconto" else w
        for w in page.words
    )
    if header == "Sc. %":
        x = next(w.x1 for w in words if w.text == "Sc.")
        words += (Word("%", x + 3, 300.0, x + 8, 308.0, conf=0.9, line=0),)
    found = find_line_items(
        reading_for(dataclasses.replace(record, pages=(dataclasses.replace(page, words=words),)))
    )
    assert [(i["unit_price"], i["amount"]) for i in found.items] == [("1250.00", "6750.00")]
    assert found.checked == 1
