"""A scan in another language read again with that language's OCR model: the language
told from the first reading's words (:mod:`intake.extractors.extraction.ocr_language`),
and a German invoice drawn, scanned and read by the real tesseract, its names keeping
their letters."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from intake.extractors.base import Registry
from intake.extractors.extraction.ocr_language import ocr_model_for
from intake.extractors.reading.models import installed_models
from intake.extractors.reading.text import read_text
from intake.ingest.stages import Context, extract_path, language_stage
from intake.record import Record
from intake.settings import Settings
from tests.conftest import needs_tesseract
from tests.scans import render, save_png, turned
from tests.test_layout_conventions import Rows, draw


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("Rechnung Nr. 2025-11 Datum 08.07.2025 Menge Betrag MwSt 19 % Gesamt", "deu"),
        ("FACTURE N° FA-25 Date de facture Total HT TVA 20 % Montant TTC", "fra"),
        ("Factura Fecha 03/02/2025 Importe IVA 21 % Total", "spa"),
        ("Fatura Data de emissão Valor IVA Total da encomenda", "por"),
        # an English invoice with a German product on it stays as it was read
        ("INVOICE Date Qty Price Amount Tax Total due Rechnung-Papier", None),
        ("Invoice number Amount due Price Qty Tax", None),
        # two words of a language are not enough to tell it
        ("Total 12.00 Datum 08.07.2025", None),
    ],
)
def test_the_language_a_first_reading_is_in(text: str, model: str | None) -> None:
    assert ocr_model_for(text.split(), "eng") == model


def test_a_language_already_read_with_is_not_read_again() -> None:
    words = "Rechnung Datum Menge Betrag MwSt Gesamt".split()
    assert ocr_model_for(words, "eng+deu") is None
    assert ocr_model_for(words, "eng") == "deu"


#: a German supplier's invoice whose names carry the letters English lacks
GERMAN_INVOICE: Rows = [
    (50, [(57, "Wendler Haustechnik-Großhandel GmbH", 16)]),
    (70, [(57, "Kaiserstraße 88, 55116 Mainz")]),
    (140, [(57, "Sanitär Lorenz & Söhne GmbH")]),
    (154, [(57, "Rheinuferstraße 14")]),
    (168, [(57, "65201 Wiesbaden")]),
    (140, [(355, "Rechnungsnummer:"), (455, "2025-10472")]),
    (154, [(355, "Rechnungsdatum:"), (455, "08.07.2025")]),
    (250, [(57, "Rechnung", 16)]),
    (290, [(57, "Bezeichnung"), (315, "Menge"), (392, "Einzelpreis"), (500, "Gesamt")]),
    (306, [(57, "Kugelhahn Messing 1/2 Zoll"), (315, "12"), (392, "8,40"), (500, "100,80")]),
    (322, [(57, "Pressfitting Rotguss 22 mm"), (315, "40"), (392, "3,10"), (500, "124,00")]),
    (360, [(355, "Gesamtbetrag netto"), (500, "224,80")]),
    (376, [(355, "zzgl. Umsatzsteuer 19 %"), (500, "42,71")]),
    (392, [(355, "Rechnungsbetrag EUR"), (500, "267,51")]),
    (430, [(57, "Zahlbar bis 22.07.2025 ohne Abzug. Vielen Dank für Ihren Auftrag.")]),
]


def german_scan(folder: Path) -> Path:
    """:data:`GERMAN_INVOICE` drawn, scanned at 200 dpi, turned a little, as a PNG."""
    image = turned(render(draw(folder / "r.pdf", GERMAN_INVOICE), dpi=200), 0.6)
    return save_png(image, folder / "rechnung.png")


@needs_tesseract
def test_a_german_scan_keeps_its_names_letters(settings: Settings, tmp_path: Path) -> None:
    # `make test` installs the German model with the others (Makefile, SYSDEPS_RUN)
    assert "deu" in installed_models()
    scan = german_scan(tmp_path)
    fields = extract_path(Context(settings, Registry.default()), str(scan))["fields"]
    assert (fields["vendor"], fields["buyer"], fields["total"]) == (
        "Wendler Haustechnik-Großhandel GmbH",
        "Sanitär Lorenz & Söhne GmbH",
        "267.51",
    )


@needs_tesseract
def test_the_second_reading_can_be_turned_off(settings: Settings, tmp_path: Path) -> None:
    scan = german_scan(tmp_path)
    plain = settings.model_copy(update={"ocr_auto_language": False})
    fields = extract_path(Context(plain, Registry.default()), str(scan))["fields"]
    # English's model reads the names without the letters it lacks
    assert fields["buyer"] != "Sanitär Lorenz & Söhne GmbH"
    assert fields["total"] == "267.51"


def test_a_second_reading_that_fails_leaves_the_first(settings: Settings, tmp_path: Path) -> None:
    # a Portuguese reading whose file cannot be read again (here: no image at all): the
    # first reading stands, the file is not lost to the second
    path = tmp_path / "fatura.jpg"
    path.write_text("Fatura n.º FT-2025/118\nData de emissão: 28/08/2025\nValor total 1 230,00\n")
    pages = tuple(dataclasses.replace(page, source="ocr") for page in read_text(path, max_pages=5))
    record = Record(path=path, original_name=path.name, pages=pages, kind="jpeg")
    assert ocr_model_for([w.text for p in pages for w in p.words], "eng") == "por"
    assert language_stage(record, Context(settings, Registry.default())) is record
