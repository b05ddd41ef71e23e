"""Field extraction on generated documents: several languages, layouts and date styles.

Each case draws a document from a dict of fields and expects those fields back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from intake.extractors.base import Registry
from intake.ingest.stages import Context, extract_path
from intake.settings import Settings
from tests.factory import make_contract, make_pdf, sample_invoice

LANGS = ["en", "de", "fr", "es", "nl"]


def extract(settings: Settings, path: Path) -> dict[str, Any]:
    return extract_path(Context(settings, Registry.default()), str(path))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("layout", ["classic", "stacked"])
def test_invoice_fields_in_every_language_and_layout(
    settings: Settings, tmp_path: Path, lang: str, layout: str
) -> None:
    doc = sample_invoice(number="INV-2024/118", vendor="Acme Tools GmbH")
    style = "long" if layout == "stacked" else "numeric"
    pdf = make_pdf(tmp_path / "i.pdf", doc, lang=lang, layout=layout, date_style=style)
    result = extract(settings, pdf)
    fields = result["fields"]
    assert result["doc_type"] == "invoice"
    assert fields["invoice_number"] == "INV-2024/118"
    assert fields["issue_date"] == "2024-03-14"
    assert fields["due_date"] == "2024-04-13"
    assert (fields["total"], fields["subtotal"], fields["tax"]) == ("471.00", "392.50", "78.50")
    assert fields["currency"] == "EUR"
    assert fields["vendor"] == "Acme Tools GmbH"
    assert fields["buyer"] == "Northwind Traders Ltd"
    assert result["field_confidence"]["total"] >= 0.9  # the arithmetic holds
    lines = [(x["code"], x["quantity"], x["unit_price"], x["amount"]) for x in fields["line_items"]]
    assert lines == [
        ("AT-100", "2", "129.00", "258.00"),
        ("AT-220", "5", "18.50", "92.50"),
        ("AT-310", "10", "4.20", "42.00"),
    ]
    assert fields["line_items"][1]["description"] == "Drill bit set, 25 pieces"


@pytest.mark.parametrize("lang", LANGS)
def test_purchase_orders_and_quotes(settings: Settings, tmp_path: Path, lang: str) -> None:
    po = sample_invoice(
        doc_type="purchase_order", number="PO-7781", due_date=None, quote_number="Q-2024-09"
    )
    result = extract(settings, make_pdf(tmp_path / "po.pdf", po, lang=lang))
    assert result["doc_type"] == "purchase_order"
    assert result["fields"]["po_number"] == "PO-7781"
    assert result["fields"]["quote_number"] == "Q-2024-09"
    assert result["fields"]["total"] == "471.00"
    quote = sample_invoice(
        doc_type="estimate", number="Q-2024-09", due_date=None, valid_until="2024-04-30"
    )
    result = extract(settings, make_pdf(tmp_path / "q.pdf", quote, lang=lang))
    assert result["doc_type"] == "estimate"
    assert result["fields"]["quote_number"] == "Q-2024-09"
    assert result["fields"]["valid_until"] == "2024-04-30"


def test_us_invoice_in_dollars_with_month_first_dates(settings: Settings, tmp_path: Path) -> None:
    doc = sample_invoice(
        currency="USD", issue_date="2024-03-04", due_date="2024-04-03", vendor="Globex Supplies LLC"
    )
    result = extract(settings, make_pdf(tmp_path / "us.pdf", doc, letter=True))
    assert result["fields"]["currency"] == "USD"
    assert result["fields"]["issue_date"] == "2024-03-04"  # 03/04/2024 read month first
    assert result["fields"]["vendor"] == "Globex Supplies LLC"


def test_the_drop_folder_is_a_hint_that_content_overrides(
    settings: Settings, tmp_path: Path
) -> None:
    folder = settings.watch_dir / "contracts"
    pdf = make_pdf(folder / "inv.pdf", sample_invoice())
    assert extract(settings, pdf)["doc_type"] == "invoice"
    blank = make_pdf(
        folder / "odd.pdf", sample_invoice(doc_type="estimate", number="7"), layout="stacked"
    )
    assert extract(settings, blank)["doc_type"] == "estimate"


def test_a_long_table_continues_over_pages(settings: Settings, tmp_path: Path) -> None:
    items = [
        {
            "code": f"P-{i}",
            "description": f"Part {i}",
            "quantity": i,
            "unit_price": "2.00",
            "amount": f"{2 * i:.2f}",
        }
        for i in range(1, 41)
    ]
    subtotal = sum(2 * i for i in range(1, 41))
    doc = sample_invoice(
        line_items=items,
        subtotal=f"{subtotal:.2f}",
        tax=f"{subtotal * 0.2:.2f}",
        total=f"{subtotal * 1.2:.2f}",
    )
    result = extract(settings, make_pdf(tmp_path / "long.pdf", doc, lang="de"))
    got = result["fields"]["line_items"]
    assert [x["code"] for x in got] == [f"P-{i}" for i in range(1, 41)]
    assert result["fields"]["subtotal"] == f"{subtotal:.2f}"


def test_a_plain_text_invoice_is_read(settings: Settings, tmp_path: Path) -> None:
    text = tmp_path / "mail.txt"
    text.write_text(
        "Rechnung Nr: R-2023-77                                  Datum: 05.02.2023\n"
        "Lieferant: Muster Handel GmbH\n"
        "Kunde:     Beispiel AG\n\n"
        "Pos  Artikel                 Menge   Einzelpreis    Betrag\n"
        "1    Schrauben M6            100         0,10        10,00\n\n"
        "                               Nettobetrag:          10,00 EUR\n"
        "                               MwSt 19%:              1,90 EUR\n"
        "                               Gesamtbetrag:         11,90 EUR\n"
    )
    result = extract(settings, text)
    fields = result["fields"]
    assert result["doc_type"] == "invoice"
    assert fields["invoice_number"] == "R-2023-77"
    assert fields["issue_date"] == "2023-02-05"
    assert (fields["subtotal"], fields["tax"], fields["total"]) == ("10.00", "1.90", "11.90")
    assert fields["vendor"] == "Muster Handel GmbH"
    assert fields["currency"] == "EUR"


def test_a_prose_contract(settings: Settings, tmp_path: Path) -> None:
    doc = {
        "parties": ["Globex Corporation", "Initech LLC"],
        "agreement_date": "2023-01-10",
        "effective_date": "2023-02-01",
        "term": "2 years",
        "governing_law": "Delaware",
    }
    result = extract(settings, make_contract(tmp_path / "c.pdf", doc))
    fields = result["fields"]
    assert result["doc_type"] == "contract"
    assert fields["effective_date"] == "2023-02-01"
    assert fields["agreement_date"] == "2023-01-10"
    assert fields["governing_law"] == "Delaware"
    assert fields["term"] == "2 years"
    assert fields["renewal_term"] == "successive 1 year"
    assert fields["notice_period"] == "60 days"
    assert fields["expiration_date"] == "2025-02-01"
    assert result["sources"]["expiration_date"] == "computed"  # not printed: effective + term
    assert fields["parties"] == ["Globex Corporation", "Initech LLC"]
