"""Generic supplier layouts the layout stress generator's ``benchmarks/synth_layouts.py``
found misread, drawn here at test time with invented companies: seller and buyer blocks
side by side under their role labels (the way e-invoice visualisations print them), the
buyer's on the left."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake.settings import Settings
from tests.test_extraction import extract
from tests.test_unseen_layouts import Rows, letter


@pytest.mark.parametrize(
    ("seller_label", "buyer_label", "title", "number_label"),
    [
        ("Venditore", "Cliente", "FATTURA", "Fattura n."),
        ("Emitente", "Cliente", "FATURA", "Fatura n.º"),
        ("Van", "Klant", "FACTUUR", "Factuurnummer"),
        ("From", "Bill to", "INVOICE", "Invoice No."),
    ],
)
def test_seller_and_buyer_side_by_side_under_role_labels(
    settings: Settings,
    tmp_path: Path,
    seller_label: str,
    buyer_label: str,
    title: str,
    number_label: str,
) -> None:
    """The buyer's block and the seller's stand side by side, each under the word of its
    role, under a letterhead: the seller's role word is a label, never the buyer."""
    window: Rows = [
        (130, [(60, buyer_label), (300, seller_label)]),
        (143, [(60, "Vessmark Hydraulics Ltd"), (300, "Corlandi Utensili S.r.l.")]),
        (155, [(60, "22 Quarry Road"), (300, "Via Torretta 18")]),
        (167, [(60, "Leeds LS9 4QT"), (300, "24122 Bergamo")]),
    ]
    pdf = letter(
        tmp_path / "i.pdf",
        [(40, [(300, "Corlandi Utensili S.r.l.")]), (54, [(300, "Via Torretta 18")])],
        window,
        title,
        [(200, [(60, number_label), (200, "CU-77120")])],
    )
    fields = extract(settings, pdf)["fields"]
    assert fields["vendor"] == "Corlandi Utensili S.r.l."
    assert fields["buyer"] == "Vessmark Hydraulics Ltd"
