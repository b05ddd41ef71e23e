"""Layouts the layout stress generator (``benchmarks/synthetic.py``) found misread, each
drawn here at test time with invented companies: the addressee's block closed by its VAT
id, a letterhead of name and address alone over the window, a label heading the window,
purchase orders between us and a supplier, and numbers printed after a title or under a
"No." that comes first."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from intake.settings import Settings
from tests.test_extraction import extract
from tests.test_layouts import Cell, draw

Rows = list[tuple[float, Sequence[Cell]]]

TABLE: Rows = [
    (300, [(60, "Description"), (360, "Qty", "r"), (450, "Unit Price", "r"), (535, "Amount", "r")]),
    (
        316,
        [(60, "Steel shelving unit"), (360, "2", "r"), (450, "120.00", "r"), (535, "240.00", "r")],
    ),
    (330, [(60, "Cable ties"), (360, "10", "r"), (450, "3.50", "r"), (535, "35.00", "r")]),
    (370, [(380, "Subtotal"), (535, "275.00", "r")]),
    (384, [(380, "VAT 20%"), (535, "55.00", "r")]),
    (398, [(380, "Total"), (535, "330.00", "r")]),
]


def letter(path: Path, head: Rows, window: Rows, title: str, meta: Rows) -> Path:
    return draw(path, [*head, *window, (250, [(60, title)]), *meta, *TABLE])


def test_addressee_block_closed_by_its_vat_id(settings: Settings, tmp_path: Path) -> None:
    """An EU invoice prints the customer's VAT id under its address: the block is still
    the addressee's window, unlabelled, below the seller's details."""
    pdf = letter(
        tmp_path / "i.pdf",
        [(40, [(60, "Quillmore Fasteners Ltd")]), (54, [(60, "VAT No. GB123456789")])],
        [
            (140, [(60, "Ostrander Kitchens Ltd")]),
            (152, [(60, "14 Mill Lane")]),
            (164, [(60, "Leeds LS2 7AB")]),
            (176, [(60, "VAT No. GB987654321")]),
        ],
        "INVOICE",
        [(140, [(380, "Invoice No."), (535, "QF-1182", "r")])],
    )
    fields = extract(settings, pdf)["fields"]
    assert fields["buyer"] == "Ostrander Kitchens Ltd"
    assert fields["vendor"] == "Quillmore Fasteners Ltd"


def test_window_below_a_letterhead_of_name_and_address(settings: Settings, tmp_path: Path) -> None:
    """A letterhead of name, street and town alone (no telephone, no VAT id) still comes
    before the addressee: the name heading the postal block below it is the buyer."""
    pdf = letter(
        tmp_path / "i.pdf",
        [
            (40, [(300, "Verbrugge Drukwerk B.V.")]),
            (54, [(300, "Kerkstraat 12")]),
            (66, [(300, "3511 AB Utrecht")]),
        ],
        [
            (140, [(60, "Hollander Meubelen B.V.")]),
            (152, [(60, "Dorpsweg 8")]),
            (164, [(60, "7411 KK Deventer")]),
        ],
        "FACTUUR",
        [(140, [(380, "Factuurnummer"), (535, "VD-2210", "r")])],
    )
    fields = extract(settings, pdf)["fields"]
    assert fields["buyer"] == "Hollander Meubelen B.V."
    assert fields["vendor"] == "Verbrugge Drukwerk B.V."


@pytest.mark.parametrize(
    ("label", "title"),
    [
        ("Rechnungsadresse", "RECHNUNG"),
        ("Faturar a", "FATURA"),
        ("Intestatario", "FATTURA"),
        ("Factuuradres", "FACTUUR"),
    ],
)
def test_label_heading_the_window_is_no_name(
    settings: Settings, tmp_path: Path, label: str, title: str
) -> None:
    """A label word is never a value: the addressee's block headed by its label gives the
    name under it."""
    pdf = letter(
        tmp_path / "i.pdf",
        [(40, [(60, "Tessaro Lamiere S.p.A.")]), (54, [(60, "Via Roma 4, 24121 Bergamo")])],
        [
            (126, [(60, label)]),
            (140, [(60, "Brockmann Anlagenbau GmbH")]),
            (152, [(60, "Hafenstraße 3")]),
            (164, [(60, "28195 Bremen")]),
        ],
        title,
        [(140, [(380, "No."), (535, "TL-4410", "r")])],
    )
    fields = extract(settings, pdf)["fields"]
    assert fields["buyer"] == "Brockmann Anlagenbau GmbH"
    assert fields["vendor"] == "Tessaro Lamiere S.p.A."
