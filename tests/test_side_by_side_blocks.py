"""The customer's block and the issuer's side by side with no label, as accounting
programs (Xero) print them: the block addressed to someone there ("Attention: …") is the
customer's, wherever it stands; a name's wrapped second line is none of the customer's.
Drawn at test time with invented companies."""

from __future__ import annotations

from pathlib import Path

from intake.settings import Settings
from tests.test_layout_conventions import Rows, drawn_fields


def _quote(seller: list[str]) -> Rows:
    """Xero's layout: the title, the customer's block under it (left), the details
    (middle), the seller's block (right)."""
    right = [*seller, "22 Marsh Lane", "Leeds", "LS9 8AB", "VAT 298 1140 77"]
    left = ["Harrowgate Pumps Ltd", "Attention: Joan Pickering", "Unit 9 Airedale Park"]
    left += ["Keighley", "BD21 3RT"]
    middle = ["Date", "3 Nov 2025", "Expiry", "3 Dec 2025"]
    rows: Rows = [(41, [(40, "QUOTE", 20)])]
    for i in range(max(len(left), len(middle), len(right))):
        cells = [
            (x, col[i]) for x, col in ((40, left), (250, middle), (400, right)) if i < len(col)
        ]
        rows.append((83 + 11 * i, cells))
    rows += [
        (140, [(250, "Quote Number")]),
        (151, [(250, "QU-0412")]),
        (223, [(40, "Description"), (320, "Quantity"), (390, "Unit Price"), (500, "Amount GBP")]),
        (240, [(40, "Pump seal kit, 40 mm"), (320, "12.00"), (390, "38.50"), (500, "462.00")]),
        (270, [(390, "Subtotal"), (500, "462.00")]),
        (282, [(390, "TOTAL VAT 20%"), (500, "92.40")]),
        (294, [(390, "TOTAL GBP"), (500, "554.40")]),
    ]
    return rows


def test_the_block_addressed_to_someone_is_the_customers(
    settings: Settings, tmp_path: Path
) -> None:
    f = drawn_fields(settings, tmp_path, _quote(["Calder Valley Print Ltd"]))
    assert (f["vendor"], f["buyer"]) == ("Calder Valley Print Ltd", "Harrowgate Pumps Ltd")


def test_the_issuers_name_wrapped_is_no_customer(settings: Settings, tmp_path: Path) -> None:
    f = drawn_fields(settings, tmp_path, _quote(["Calder Valley Print &", "Packaging Ltd"]))
    assert (f["vendor"], f["buyer"]) == (
        "Calder Valley Print & Packaging Ltd",
        "Harrowgate Pumps Ltd",
    )
