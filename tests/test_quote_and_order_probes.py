"""Quotes and purchase orders written by hand for a probe (invented companies, drafting
conventions only) and read with no company of ours, as the acceptance sets are read:
each test is one convention the probe found misread."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake.settings import Settings
from tests.test_extraction import extract
from tests.test_layout_conventions import Rows, draw


def test_the_issuers_person_beside_the_customers_label_is_no_value(
    settings: Settings, tmp_path: Path
) -> None:
    # "Prepared for" and "Prepared by" side by side over their blocks: the cell beside
    # the customer's label is the issuer's person's label, so the customer is the block
    # under its own label
    rows: Rows = [
        (40, [(50, "Nimbus Analytics, Inc.", 16)]),
        (58, [(50, "500 Howard St, San Francisco, CA 94105")]),
        (40, [(420, "QUOTE", 16)]),
        (62, [(380, "Quote #"), (460, "Q-10442")]),
        (74, [(380, "Date"), (460, "June 2, 2025")]),
        (130, [(50, "Prepared for"), (320, "Prepared by")]),
        (142, [(50, "Bright Path Logistics"), (320, "Sam Lee, Account Executive")]),
        (154, [(50, "18 Harbor Blvd, Long Beach, CA 90802")]),
        (210, [(50, "Product"), (250, "Qty"), (300, "Unit Price"), (470, "Amount")]),
        (225, [(50, "Onboarding package"), (250, "1"), (300, "2,500.00"), (470, "2,500.00")]),
        (290, [(380, "Total (USD)"), (470, "2,500.00")]),
    ]
    f = extract(settings, draw(tmp_path / "q.pdf", rows))["fields"]
    assert (f["vendor"], f["buyer"]) == ("Nimbus Analytics, Inc.", "Bright Path Logistics")


@pytest.mark.parametrize(
    ("phrase", "until"),
    [
        ("Validità dell'offerta: 30 giorni dalla data del presente preventivo.", "2025-07-03"),
        ("Validità 2 mesi", "2025-08-03"),
    ],
)
def test_an_italian_quotes_validity_with_words_before_its_period(
    settings: Settings, tmp_path: Path, phrase: str, until: str
) -> None:
    rows: Rows = [
        (40, [(50, "Termoidraulica Conti S.n.c.", 15)]),
        (56, [(50, "Via Roma 12, 25121 Brescia")]),
        (110, [(330, "Spett.le")]),
        (122, [(330, "Condominio Le Querce")]),
        (134, [(330, "Via Milano 40")]),
        (146, [(330, "25126 Brescia")]),
        (190, [(50, "PREVENTIVO N. 45/2025", 13)]),
        (206, [(50, "Brescia, 03/06/2025")]),
        (310, [(350, "Totale preventivo"), (470, "2.475,00")]),
        (370, [(50, phrase)]),
    ]
    result = extract(settings, draw(tmp_path / "p.pdf", rows))
    assert result["doc_type"] == "estimate"
    assert result["fields"]["valid_until"] == until
