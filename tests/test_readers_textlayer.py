"""When a PDF page's text layer is used and when it is OCRed; limits checked before any
expensive work. None of these needs tesseract: the decisions come first."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from intake.db.models import LedgerState
from intake.errors import ResourceLimit
from intake.extractors.dispatch import read_file
from intake.extractors.reading.ocr import OcrOptions
from intake.extractors.reading.textlayer import judge_text_layer
from intake.extractors.reading.textquality import is_plausible, plausible_share
from intake.ingest.ledger import claim_file
from intake.ingest.pipeline import process_claim
from intake.ingest.stages import Context
from tests.factory import make_contract, make_pdf, sample_invoice
from tests.scans import (
    garbage_text_pdf,
    image_pdf,
    many_pages_pdf,
    pixel_flood_png,
    render,
    scan_with_header,
    scan_with_hidden_text,
)

LINES = [
    "Acme Tools GmbH",
    "Invoice No.: INV-2024/118   Date: 03/14/2024",
    "Bill To: Northwind Traders Ltd, 2 Side Road",
    "AT-100 Cordless drill 18V  2  129.00  258.00",
    "Total Due EUR 471.00",
]


def verdicts(path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(path)
    try:
        return [judge_text_layer(pdf[i]).reason for i in range(len(pdf))]
    finally:
        pdf.close()


@pytest.mark.parametrize(
    "text",
    [
        " ".join(LINES),
        "Rechnungsnummer 2024-118 vom 14.03.2024, Gesamtbetrag 1.234,56 EUR inkl. MwSt.",
        "Facture n° F-2024/118 du 14/03/2024 — Total TTC : 1 234,56 € (TVA 20 %)",
        "See https://example.com/terms or write to billing@example.com; getLineTotal PayPal",
    ],
)
def test_real_text_is_plausible(text: str) -> None:
    assert plausible_share(text.split()) >= 0.85


@pytest.mark.parametrize(
    "text",
    [
        '^",$ q..+2 d,!e fkslf`b N j~(- p31$$3I NMMMN p/1(-&%($+# MPLNQLOMOQ fksJOMOQLNNU',
        "\ufffd\ufffd\ufffd \ufffd\ufffd \x01\x02\x03\x04 \x05\x06",
    ],
)
def test_broken_font_text_is_not(text: str) -> None:
    assert plausible_share(text.split()) < 0.5


def test_single_characters_and_punctuation_are_not_judged() -> None:
    assert is_plausible("-") is None and is_plausible("a") is None
    assert plausible_share(["-", "|", "a"]) == 1.0


def test_a_text_pdf_keeps_its_text_layer(tmp_path: Path) -> None:
    assert verdicts(make_pdf(tmp_path / "a.pdf", sample_invoice())) == [""]
    assert verdicts(make_contract(tmp_path / "c.pdf", _contract())) == [""]


def test_a_broken_font_map_is_judged_garbage(tmp_path: Path) -> None:
    path = garbage_text_pdf(LINES, tmp_path / "garbage.pdf")
    text = pdfium.PdfDocument(path)[0].get_textpage().get_text_range()
    assert "Acme" not in text  # the text layer really is scrambled
    (reason,) = verdicts(path)
    assert "garbage" in reason


def test_a_scan_without_text_and_with_only_a_header_is_ocred(tmp_path: Path) -> None:
    page = render(make_pdf(tmp_path / "a.pdf", sample_invoice()), dpi=150)
    assert verdicts(image_pdf([page], tmp_path / "scan.pdf", dpi=150)) == ["no text layer"]
    stamped = scan_with_header(
        page, tmp_path / "fax.pdf", "From: +49 30 1234567  14/03/2024 10:12  Page 1 of 1", dpi=150
    )
    (reason,) = verdicts(stamped)
    assert "covers" in reason


def test_a_scan_under_a_hidden_ocr_layer_is_ocred_again(tmp_path: Path) -> None:
    page = render(make_pdf(tmp_path / "a.pdf", sample_invoice()), dpi=150)
    path = scan_with_hidden_text(page, tmp_path / "ocred.pdf", LINES * 6, dpi=150)
    assert "Acme" in pdfium.PdfDocument(path)[0].get_textpage().get_text_range()
    assert verdicts(path) == ["a scan under a hidden OCR layer"]


def test_a_pixel_flood_image_is_refused_before_decoding(tmp_path: Path) -> None:
    options = OcrOptions()
    for size in (40_000, 10_000):  # far over (Pillow's error), just over (its warning)
        flood = pixel_flood_png(tmp_path / f"flood{size}.png", size, size)
        assert flood.stat().st_size < 2000
        with pytest.raises(ResourceLimit, match="too large"):
            read_file(flood, "png", max_pages=500, max_pixels=80_000_000, ocr=options)


def test_a_page_that_would_render_too_large_is_refused(tmp_path: Path) -> None:
    page = Image.new("L", (400, 400), 255)
    big = image_pdf([page], tmp_path / "poster.pdf", dpi=10)  # 40 x 40 inch page
    with pytest.raises(ResourceLimit, match="pixels at 300 dpi"):
        read_file(big, "pdf", max_pages=500, max_pixels=80_000_000, ocr=OcrOptions())


@pytest.mark.parametrize(
    ("name", "make", "reason"),
    [
        ("flood.png", lambda p: pixel_flood_png(p, 40_000, 40_000), "too large"),
        ("huge.pdf", lambda p: many_pages_pdf(p, 2000), "2000 pages; the limit is 500"),
    ],
)
def test_over_the_limits_is_quarantined_with_the_reason(
    ctx: Context, tmp_path: Path, name: str, make: object, reason: str
) -> None:
    assert callable(make)
    source = make(tmp_path / name)
    dropped = ctx.settings.watch_dir / "inbox" / name
    dropped.write_bytes(source.read_bytes())
    claim = claim_file(ctx.settings, ctx.db, dropped)
    assert claim is not None
    outcome = process_claim(ctx, claim)
    assert outcome.state == LedgerState.QUARANTINED
    assert outcome.reason is not None and reason in outcome.reason
    notes = list(ctx.settings.quarantine_dir.glob("*.error.json"))
    assert [json.loads(n.read_text())["reason"] for n in notes] == [outcome.reason]


def _contract() -> dict[str, object]:
    return {
        "parties": ["Acme Tools GmbH", "Northwind Traders Ltd"],
        "agreement_date": "2024-03-01",
        "effective_date": "2024-04-01",
        "term": "2 years",
        "governing_law": "Delaware",
    }
