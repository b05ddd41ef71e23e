"""A scanned total one digit off the net it should equal, where nothing is added to the
net: the net misread (:mod:`intake.extractors.extraction.misread_total`). Pages are drawn
at test time with invented companies; the scan is the drawn page rendered at 200 dpi and
read by the real tesseract."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from intake.extractors.extraction.misread_total import one_digit_off
from intake.settings import Settings
from tests.conftest import needs_tesseract
from tests.scans import render, save_png
from tests.test_layout_conventions import Rows, draw
from tests.test_scanned_documents import extracted


@pytest.mark.parametrize(
    ("total", "net", "off"),
    [
        ("6518.82", "5518.82", True),  # one digit read wrong
        ("5518.62", "5518.82", True),
        ("5518.82", "5518.82", False),  # the same amount
        ("15518.82", "5518.82", False),  # a digit more: not one misread digit
        ("5581.28", "5518.82", False),  # two digits swapped
        # one digit apart, but a whole rate of the net: a tax row the page lost
        ("110.00", "100.00", False),
        ("1190.00", "1000.00", False),
    ],
)
def test_one_digit_off(total: str, net: str, off: bool) -> None:
    assert one_digit_off(Decimal(total), Decimal(net)) is off


def _invoice(total: str) -> Rows:
    return [
        (40, [(50, "Tidewater Survey Partners LLC", 14)]),
        (56, [(50, "210 Harbor St, Astoria, OR 97103")]),
        (40, [(420, "INVOICE", 16)]),
        (70, [(420, "Invoice ID"), (490, "2025-318")]),
        (84, [(420, "Issue Date"), (490, "10/14/2025")]),
        (130, [(50, "Invoice For"), (130, "Columbia Dredge Co.")]),
        (200, [(50, "Description"), (320, "Quantity"), (400, "Unit Price"), (490, "Amount")]),
        (218, [(50, "Hydrographic survey, day rate"), (320, "3"), (400, "1,450.00")]),
        (218, [(490, "4,350.00")]),
        (236, [(50, "Report and charts"), (320, "1"), (400, "1,168.82"), (490, "1,168.82")]),
        (270, [(400, "Subtotal"), (490, "5,518.82")]),
        (290, [(400, "Amount Due", 11), (490, total, 11)]),
    ]


@pytest.mark.tesseract
@needs_tesseract
def test_a_scanned_total_one_digit_off_the_net_is_the_net(
    tmp_path: Path, settings: Settings
) -> None:
    # the page prints the amount due as OCR misread it: one digit off the subtotal that
    # the items add up to, no tax and no charge between them
    pdf = draw(tmp_path / "d.pdf", _invoice("$6,518.82"))
    scan = save_png(render(pdf, dpi=200), tmp_path / "scan.png")
    fields = extracted(scan, settings)["fields"]
    assert (fields["subtotal"], fields["total"]) == ("5518.82", "5518.82")


def test_a_text_layers_total_is_what_it_prints(tmp_path: Path, settings: Settings) -> None:
    # a text layer is no misreading: its total stands as printed
    fields = extracted(draw(tmp_path / "d.pdf", _invoice("$6,518.82")), settings)["fields"]
    assert fields["total"] == "6518.82"


def _taxed(tax: str) -> Rows:
    return [
        (40, [(50, "Saltmarsh Marine Supply Ltd", 14)]),
        (56, [(50, "14 Quay Street, Falmouth TR11 3HH")]),
        (40, [(420, "INVOICE", 16)]),
        (70, [(420, "Invoice No."), (490, "SM-4471")]),
        (84, [(420, "Date"), (490, "14/10/2025")]),
        (130, [(50, "Bill To"), (130, "Penryn Boatworks Ltd")]),
        (200, [(50, "Description"), (320, "Quantity"), (400, "Unit Price"), (490, "Amount")]),
        (218, [(50, "Mooring rope 16 mm, 50 m"), (320, "2"), (400, "214.35"), (490, "428.70")]),
        (236, [(50, "Chain, galvanised, per m"), (320, "40"), (400, "10.00"), (490, "400.00")]),
        (270, [(400, "Subtotal"), (490, "828.70")]),
        (284, [(400, "Tax"), (490, tax)]),
        (298, [(400, "Total"), (490, "953.01")]),
    ]


@pytest.mark.tesseract
@needs_tesseract
def test_a_scanned_tax_one_digit_off_the_total_less_the_net(
    tmp_path: Path, settings: Settings
) -> None:
    # the page prints the tax as OCR misread it ("424.31" for 124.31): the total less the
    # net is the tax, one digit from what was read
    pdf = draw(tmp_path / "d.pdf", _taxed("424.31"))
    scan = save_png(render(pdf, dpi=200), tmp_path / "scan.png")
    fields = extracted(scan, settings)["fields"]
    assert (fields["subtotal"], fields["tax"], fields["total"]) == ("828.70", "124.31", "953.01")
    # a text layer's tax stands as printed
    assert extracted(pdf, settings)["fields"]["tax"] == "424.31"
