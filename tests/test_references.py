"""Which number is the order's on an invoice that prints several, and headers that a
stamp or an overflowing value would garble."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen.canvas import Canvas

from intake.extractors.base import Registry
from intake.extractors.dispatch import read_file
from intake.extractors.reading.ocr import OcrOptions
from intake.ingest.stages import Context, extract_path
from intake.settings import Settings
from tests.factory import make_pdf, sample_invoice


def extract(settings: Settings, path: Path) -> dict[str, Any]:
    return extract_path(Context(settings, Registry.default()), str(path))


@pytest.mark.parametrize("layout", ["classic", "stacked"])
@pytest.mark.parametrize(
    ("number", "order"),
    [
        ("INV-2024/118", "PO-4410"),  # unrelated numbers
        ("1607859-2", "1607859"),  # numbered after its order: the order is still as printed
        ("80895/1", "80895"),
        ("16078592", "1607859"),  # no separator: another number that starts alike
    ],
)
def test_an_invoice_keeps_the_order_number_it_prints(
    settings: Settings, tmp_path: Path, layout: str, number: str, order: str
) -> None:
    doc = sample_invoice(number=number, po_number=order)
    fields = extract(settings, make_pdf(tmp_path / "i.pdf", doc, layout=layout))["fields"]
    assert fields["invoice_number"] == number
    assert fields["po_number"] == order


def test_a_purchase_order_keeps_its_own_number(settings: Settings, tmp_path: Path) -> None:
    doc = sample_invoice(doc_type="purchase_order", number="1607859", due_date=None)
    fields = extract(settings, make_pdf(tmp_path / "po.pdf", doc))["fields"]
    assert fields["po_number"] == "1607859"


@pytest.mark.parametrize("font", ["Helvetica-Bold", "Helvetica"])
def test_a_stamp_over_the_title_is_a_word_of_its_own(tmp_path: Path, font: str) -> None:
    """Drawn at the title's height, in its font or another, the stamp's letters would
    otherwise interleave with the title's into one word ("DUPLICINAVOTICEE")."""
    pdf = tmp_path / "stamped.pdf"
    width, height = LETTER
    c = Canvas(str(pdf), pagesize=LETTER)
    c.setFont("Helvetica-Bold", 22)
    c.drawRightString(width - 50, height - 60, "INVOICE")
    c.setFont(font, 44)
    c.drawString(width - 290, height - 77, "DUPLICATE")  # its top level with the title's
    c.setFont("Helvetica", 9)
    for i, text in enumerate(["Invoice No. 1042", "Date 03/14/2024", "Total Due 471.00"]):
        c.drawString(50, height - 140 - 12 * i, text)
    c.save()
    pages, _ = read_file(pdf, "pdf", max_pages=5, max_pixels=80_000_000, ocr=OcrOptions())
    words = [w.text for w in pages[0].words]
    assert "DUPLICATE" in words
    assert "INVOICE" in words


@pytest.mark.parametrize("layout", ["classic", "stacked"])
def test_a_stamp_across_the_header_leaves_title_and_numbers_readable(
    settings: Settings, tmp_path: Path, layout: str
) -> None:
    doc = sample_invoice(number="2015208-2", po_number="2015208")
    pdf = make_pdf(tmp_path / "i.pdf", doc, layout=layout, stamp="DUPLICATE")
    result = extract(settings, pdf)
    assert result["doc_type"] == "invoice"
    assert result["fields"]["invoice_number"] == "2015208-2"
    assert result["fields"]["po_number"] == "2015208"
    assert result["fields"]["vendor"] == "Acme Tools GmbH"
    assert result["fields"]["total"] == "471.00"


def test_a_value_running_into_the_next_label_stays_apart_from_it(
    settings: Settings, tmp_path: Path
) -> None:
    """A traffic-system header: an advertiser's long name, in the regular font, runs
    under the bold "Invoice #" label beside it."""
    pdf = tmp_path / "overflow.pdf"
    width, height = LETTER
    c = Canvas(str(pdf), pagesize=LETTER)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(250, height - 40, "INVOICE")
    rows = [
        ("Advertiser", "POL/Sara Example/Polk County Supervisor/IA/Rep", "Invoice #", "2513064-1"),
        ("Product", "EXAMPLE 4 SUPERVISOR", "Invoice Date", "05/31/20"),
        ("Property", "WHO", "Order #", "2513064"),
    ]
    for i, (label, value, label2, value2) in enumerate(rows):
        y = height - 80 - 12 * i
        c.setFont("Helvetica-Bold", 8)
        c.drawString(250, y, label)
        c.drawString(430, y, label2)
        c.setFont("Helvetica", 8)
        c.drawString(310, y, value)  # the first row's runs on under "Invoice #"
        c.drawString(500, y, value2)
    c.setFont("Helvetica", 8)
    c.drawString(350, height - 200, "Gross Total")
    c.drawString(500, height - 200, "$306.00")
    c.save()
    result = extract(settings, pdf)
    assert result["doc_type"] == "invoice"
    assert result["fields"]["invoice_number"] == "2513064-1"
    assert result["fields"]["po_number"] == "2513064"
    assert result["fields"]["total"] == "306.00"


def draw_header(path: Path, rows: list[tuple[str, ...]]) -> Path:
    """An invoice whose header is key-value rows: bold labels, values in columns."""
    width, height = LETTER
    c = Canvas(str(path), pagesize=LETTER)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(250, height - 40, "INVOICE")
    for i, row in enumerate(rows):
        y = height - 80 - 12 * i
        for j, text in enumerate(row):
            c.setFont("Helvetica-Bold" if j % 2 == 0 else "Helvetica", 8)
            c.drawString(60 + 120 * j, y, text)
    c.setFont("Helvetica", 8)
    c.drawString(350, height - 300, "Gross Total")
    c.drawString(500, height - 300, "$1,250.00")
    c.save()
    return path


@pytest.mark.parametrize(
    ("rows", "buyer"),
    [
        # the name beside its label, another label under it
        (
            [("Advertiser", "Citizens for Rivera"), ("Product", "PL/Rivera/NM-D")],
            "Citizens for Rivera",
        ),
        # a year belongs to a name; an account code after it does not
        (
            [("Advertiser", "Pat Doyle 2024 (204511)"), ("Agency", "Airtime Partners LLC")],
            "Pat Doyle 2024",
        ),
        # past a "Name:" sub-label; the party's code is no label of its name
        (
            [("Advertiser Code", "1232"), ("Advertiser", "Name:", "Conole For Congress")],
            "Conole For Congress",
        ),
        # a row of labels over a row of values: the value is under its label
        (
            [("Customer", "Invoice No."), ("Northwind Traders Ltd", "INV-77")],
            "Northwind Traders Ltd",
        ),
        (
            [("Bill To", "Ship To"), ("Northwind Traders Ltd", "Depot Four Ltd")],
            "Northwind Traders Ltd",
        ),
    ],
)
def test_the_buyer_beside_or_under_its_label(
    settings: Settings, tmp_path: Path, rows: list[tuple[str, ...]], buyer: str
) -> None:
    fields = extract(settings, draw_header(tmp_path / "h.pdf", rows))["fields"]
    assert fields["buyer"] == buyer


def test_a_customer_number_label_gives_no_buyer(settings: Settings, tmp_path: Path) -> None:
    rows = [("Id. client", "Adresse de l'installation"), ("10577874", "35 rue du Port")]
    fields = extract(settings, draw_header(tmp_path / "h.pdf", rows))["fields"]
    assert "buyer" not in fields


@pytest.mark.parametrize(
    ("rows", "period"),
    [
        # the flight of the order outranks the period this invoice bills
        (
            [("Invoice Period", "04/27/20 - 04/30/20"), ("Flight Dates", "04/23/20 - 04/30/20")],
            ("2020-04-23", "2020-04-30"),
        ),
        # two columns run together: the label inside the cell
        (
            [("Invoice Period", "01/27/20 - 02/02/20 Flight Dates 02/01/20 - 02/03/20")],
            ("2020-02-01", "2020-02-03"),
        ),
        # dates glued by a hyphen
        ([("Schedule Dates", "11/12/19-11/24/19")], ("2019-11-12", "2019-11-24")),
        ([("Leistungszeitraum", "01.03.2024 - 31.03.2024")], ("2024-03-01", "2024-03-31")),
        ([("Service Period", "March 1, 2024 to March 31, 2024")], ("2024-03-01", "2024-03-31")),
        # the only period an invoice prints
        ([("Period", "3/2/2020 - 3/8/2020")], ("2020-03-02", "2020-03-08")),
    ],
)
def test_the_service_period(
    settings: Settings, tmp_path: Path, rows: list[tuple[str, ...]], period: tuple[str, str]
) -> None:
    fields = extract(settings, draw_header(tmp_path / "h.pdf", rows))["fields"]
    assert (fields["service_period_start"], fields["service_period_end"]) == period


@pytest.mark.parametrize(
    "rows",
    [
        [("Flight Dates", "04/30/20 - 04/23/20")],  # ends before it starts
        [("Invoice Date", "04/30/20"), ("Due Date", "05/30/20")],  # dates, no range
        [("Payment Period", "30 days")],
    ],
)
def test_no_service_period_without_a_labelled_range(
    settings: Settings, tmp_path: Path, rows: list[tuple[str, ...]]
) -> None:
    fields = extract(settings, draw_header(tmp_path / "h.pdf", rows))["fields"]
    assert "service_period_start" not in fields
    assert "service_period_end" not in fields
