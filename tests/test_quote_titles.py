"""Quotes that head their page with their title and number in one large line ("DEVIS
N° D-2024-118", "QUOTATION #Q-118") and end in a page of conditions are quotes, not
contracts; and a pro-forma invoice is a quote (it asks for nothing), in each language."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from intake.extractors.base import Registry
from intake.ingest.stages import Context, extract_path
from intake.settings import Settings

#: Terms of sale as quotes print them under their totals: prose, and "the parties".
CONDITIONS = (
    "Conditions: this quotation is valid for thirty days from its date of issue. The parties "
    "agree that any order placed on the basis of this quotation constitutes acceptance of the "
    "general terms of sale, which shall prevail over the purchaser's terms. A deposit of thirty "
    "per cent is payable with the order and the balance on delivery of the goods and services. "
    "Late payment shall incur interest at the statutory rate and a fixed indemnity for recovery "
    "costs. Delivery times are given for information only and run from receipt of the deposit. "
    "The customer shall provide all information needed for the proper performance of the "
    "services within the agreed time. Any dispute shall be brought before the competent court "
    "after the parties have sought an amicable settlement. "
) * 3


def quote_pdf(path: Path, heading: str, *, number_label: str = "") -> Path:
    width, height = A4
    c = Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(50, height - 60, "Lumen Atelier SARL")
    c.setFont("Helvetica-Bold", 20)
    c.drawRightString(width - 50, height - 60, heading)
    c.setFont("Helvetica", 9)
    if number_label:
        c.drawString(350, height - 90, f"{number_label}:")
        c.drawRightString(width - 50, height - 90, "PF-2291")
    c.drawString(350, height - 103, "Date:")
    c.drawRightString(width - 50, height - 103, "14/03/2024")
    c.drawString(50, height - 140, "Customer: Globex SA, 4 rue des Lilas, 69003 Lyon")
    y = height - 190
    c.setFont("Helvetica-Bold", 9)
    for x, title in [(50, "Description"), (330, "Qty"), (400, "Unit price"), (500, "Amount")]:
        c.drawString(x, y, title)
    c.setFont("Helvetica", 9)
    for i in range(3):
        y -= 14
        c.drawString(50, y, f"Consulting, phase {i + 1}")
        c.drawRightString(345, y, "3")
        c.drawRightString(460, y, "1 250,00")
        c.drawRightString(545, y, "3 750,00")
    y -= 24
    totals = [("Subtotal", "11 250,00"), ("VAT 20 %", "2 250,00"), ("Total", "13 500,00")]
    for label, value in totals:
        c.drawString(380, y, label)
        c.drawRightString(545, y, f"{value} €")
        y -= 13
    y -= 20
    line = ""
    for word in CONDITIONS.split():
        if c.stringWidth(f"{line} {word}", "Helvetica", 9) > 495:
            c.drawString(50, y, line)
            y -= 12
            line = word
        else:
            line = f"{line} {word}".strip()
    c.drawString(50, y, line)
    c.save()
    return path


def read(settings: Settings, path: Path) -> dict[str, object]:
    return extract_path(Context(settings, Registry.default()), str(path))


@pytest.mark.parametrize(
    ("heading", "number"),
    [
        ("DEVIS N° D-2024-118", "D-2024-118"),
        ("QUOTATION #Q-118", "Q-118"),
        ("Angebot Nr. 2024-118", "2024-118"),
        ("Offerte nr. 4471", "4471"),
        ("Preventivo n. 2024/118", "2024/118"),
        ("Presupuesto N.º 118-B", "118-B"),
    ],
)
def test_a_quote_headed_by_its_title_and_number_is_a_quote(
    settings: Settings, tmp_path: Path, heading: str, number: str
) -> None:
    result = read(settings, quote_pdf(tmp_path / "q.pdf", heading))
    assert result["doc_type"] == "estimate"
    fields = result["fields"]
    assert isinstance(fields, dict)
    assert (fields["quote_number"], fields["total"]) == (number, "13500.00")


@pytest.mark.parametrize(
    "heading",
    ["PRO-FORMA INVOICE", "PROFORMA", "Proforma-Rechnung", "FACTURE PROFORMA", "Pro-formafactuur"],
)
def test_a_pro_forma_invoice_is_a_quote(settings: Settings, tmp_path: Path, heading: str) -> None:
    result = read(settings, quote_pdf(tmp_path / "pf.pdf", heading, number_label="Pro-forma No."))
    assert result["doc_type"] == "estimate"
    fields = result["fields"]
    assert isinstance(fields, dict)
    assert fields["quote_number"] == "PF-2291"
