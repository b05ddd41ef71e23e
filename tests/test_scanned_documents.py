"""Scanned supplier documents read through the real tesseract: a page drawn at test time
(an invented supplier and customer) as a scanner delivers it, 200 dpi grey; and a table
convention the scans showed, on a text PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw, ImageFont

from intake.extractors.base import Registry
from intake.extractors.reading.ocr import OcrOptions, ocr_image
from intake.extractors.reading.slots import LocalSlots
from intake.extractors.reading.tesseract import OcrWord, once_per_ink, read_words
from intake.ingest.stages import Context, extract_path
from intake.settings import Settings
from tests.conftest import needs_tesseract
from tests.factory import make_lines_pdf
from tests.scans import render, save_png, specked, turned
from tests.test_extraction import extract
from tests.test_layout_conventions import Rows as LayoutRows
from tests.test_layout_conventions import draw as draw_rows
from tests.test_layouts import draw
from tests.test_receipts import read as read_lines
from tests.test_unseen_layouts import TABLE, Rows

FONTS = "/usr/share/fonts/truetype/dejavu/"
DPI = 200
BODY = 24  # pixels: 8.6 pt at 200 dpi
ROWS = [("5", "Gate hinges", "12.40", "62.00"), ("2", "Brass padlock", "30.15", "60.30")]
ROWS += [("10", "Fence panel", "45.00", "450.00")]


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONTS + ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"), size)


def scanned_page(
    *,
    title: str = "PRO FORMA INVOICE",
    title_size: int = 44,
    faint: tuple[tuple[int, int], ...] = (),
    split_cents: int = -1,
    number_label: str = "No.:",
    blot_tax_label: bool = False,
    issuer: str = "Quillon Ferry Works Ltd",
    parties: tuple[str, str, str] = ("Client", "Brantwick Mills Ltd", "Brantwick Mills Ltd"),
    numbers_beside: bool = True,
) -> Image.Image:
    """An A4 page at 200 dpi: letterhead, customer and delivery blocks, the number block,
    a title set large and apart, a ruled table of three items and the totals. The cells
    ``faint`` ((item, column): 0 the quantity, 2 the price) are printed so faint that OCR
    passes them over; the amount of item ``split_cents`` with its cents kerned 5 pixels
    off; ``blot_tax_label`` covers the tax row's label with a blot of ink. ``parties`` are
    the left block's label, its name and the name of the delivery address beside it; the
    number and date stand right of them (``numbers_beside``) or nowhere."""
    page = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(page)
    body = _font(BODY)
    draw.text((140, 120), issuer, font=_font(44, True), fill=0)
    for i, text in enumerate(["14 Harrow Lane", "Dunsley DL4 7QP", "VAT No. GB123456789"]):
        draw.text((140, 190 + i * 36), text, font=body, fill=0)
    blocks = [
        (parties[0], "Delivery address", f"{number_label}  QF-2207"),
        (parties[1], parties[2], "Date:  12/03/2025"),
        ("9 Orchard Row", "Kelby KB2 1AA", ""),
        ("Kelby KB2 1AA", "9 Orchard Row", ""),
    ]
    for i, (left, middle, right) in enumerate(blocks):
        for x, text in ((150, left), (650, middle), (1100, right if numbers_beside else "")):
            draw.text((x, 420 + i * 42), text, font=body, fill=0)
    draw.text((140, 700), title, font=_font(title_size, True), fill=0)
    y = 840
    draw.text((150, y), "Qty", font=body, fill=0)
    draw.text((230, y), "Description", font=body, fill=0)
    draw.text((1150, y), "Unit Price", font=body, fill=0)
    draw.text((1360, y), "Line Total", font=body, fill=0)
    draw.line((140, y + 40, 1500, y + 40), fill=0, width=3)
    for i, (qty, name, price, amount) in enumerate(ROWS):
        row = y + 60 + i * 44
        draw.text((150, row), qty, font=body, fill=235 if (i, 0) in faint else 0)
        draw.text((230, row), name, font=body, fill=0)
        draw.text((1180, row), price, font=body, fill=235 if (i, 2) in faint else 0)
        if i == split_cents:
            whole, cents = amount.split(".")
            draw.text((1390, row), whole, font=body, fill=0)
            after = 1390 + draw.textlength(whole, font=body) + 5
            draw.text((after, row), f".{cents}", font=body, fill=0)
        else:
            draw.text((1390, row), amount, font=body, fill=0)
    draw.line((140, y + 200, 1500, y + 200), fill=0, width=3)
    for i, (label, value) in enumerate([("Subtotal", "572.30"), ("VAT 20%", "114.46")]):
        draw.text((1000, y + 230 + i * 42), label, font=body, fill=0)
        draw.text((1390, y + 230 + i * 42), value, font=body, fill=0)
    if blot_tax_label:
        draw.rectangle((992, y + 268, 1048, y + 302), fill=30)
    draw.text((1000, y + 314), "Total", font=body, fill=0)
    draw.text((1390, y + 314), "686.76", font=body, fill=0)
    return page


def extracted(path: Path, settings: Settings) -> dict[str, Any]:
    return extract_path(Context(settings, Registry.default()), str(path))


@pytest.mark.tesseract
@needs_tesseract
def test_a_large_title_standing_apart_is_read_though_the_block_reading_drops_it() -> None:
    page = scanned_page()
    options = OcrOptions(slots=LocalSlots(1))
    words = read_words(page, what="t", lang="eng", psm=6, timeout=60, slots=options.slots)
    assert "FORMA" not in {w.text for w in words}  # tesseract's one-block reading lost it
    read = ocr_image(page, 1, scale=72 / DPI, options=options)
    assert "PRO FORMA INVOICE" in read.text.splitlines()
    title = [w for w in read.words if w.text == "FORMA"][0]
    assert 250 < title.top < 260  # in points, where it is printed (700 px at 200 dpi)


@pytest.mark.tesseract
@needs_tesseract
def test_a_scanned_pro_forma_is_filed_as_a_quote_by_its_title(
    tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "scan.jpg"
    scanned_page().save(path, "JPEG", quality=80, dpi=(DPI, DPI))
    got = extracted(path, settings)
    assert got["doc_type"] == "estimate"
    assert got["fields"]["total"] == "686.76"


@pytest.mark.tesseract
@needs_tesseract
def test_a_quantity_or_a_price_ocr_passed_over_comes_from_the_items_arithmetic(
    tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "scan.png"
    page = scanned_page(title="INVOICE", faint=((1, 0), (2, 2)))
    words = read_words(page, what="t", lang="eng", psm=6, timeout=60, slots=LocalSlots(1))
    assert "45.00" not in {w.text for w in words}  # the faint price is not read
    page.save(path, dpi=(DPI, DPI))
    items = extracted(path, settings)["fields"]["line_items"]
    got = [(i["quantity"], i["unit_price"], i["amount"]) for i in items]
    assert got == [("5", "12.40", "62.00"), ("2", "30.15", "60.30"), ("10", "45.00", "450.00")]


@pytest.mark.tesseract
@needs_tesseract
def test_an_amount_ocr_cut_at_its_decimal_point_is_read_whole(
    tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "scan.png"
    page = scanned_page(title="INVOICE", split_cents=1)
    words = read_words(page, what="t", lang="eng", psm=6, timeout=60, slots=LocalSlots(1))
    assert ".30" in {w.text for w in words}  # OCR reads the cents as a word of their own
    page.save(path, dpi=(DPI, DPI))
    items = extracted(path, settings)["fields"]["line_items"]
    assert [i["amount"] for i in items] == ["62.00", "60.30", "450.00"]


@pytest.mark.tesseract
@needs_tesseract
def test_a_cedilla_ocr_reads_as_a_g_still_names_the_quote_number(
    tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "scan.png"
    page = scanned_page(title="PROPOSTA", number_label="Nº orçamento")
    words = read_words(page, what="t", lang="eng", psm=6, timeout=60, slots=LocalSlots(1))
    assert "orgamento" in {w.text for w in words}  # the English model has no cedilla
    page.save(path, dpi=(DPI, DPI))
    got = extracted(path, settings)
    assert (got["doc_type"], got["fields"]["quote_number"]) == ("estimate", "QF-2207")


@pytest.mark.tesseract
@needs_tesseract
def test_a_tax_row_whose_label_is_blotted_out_is_known_by_its_rate_and_the_sums(
    tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "scan.png"
    page = scanned_page(title="INVOICE", blot_tax_label=True)
    words = read_words(page, what="t", lang="eng", psm=6, timeout=60, slots=LocalSlots(1))
    row = {w.text for w in words if 1100 < w.top < 1130}  # the tax row, 1112 px down
    assert "114.46" in row and "VAT" not in row
    page.save(path, dpi=(DPI, DPI))
    got = extracted(path, settings)["fields"]
    assert (got["subtotal"], got["tax"], got["total"]) == ("572.30", "114.46", "686.76")


@pytest.mark.tesseract
@needs_tesseract
def test_our_order_names_the_supplier_alone_beside_our_delivery_address(
    tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "scan.png"
    ours = "Harrowgate Provisions"
    page = scanned_page(
        title="PURCHASE ORDER",
        issuer=ours,
        parties=("Supplier", "Brantwick Mills Ltd", ours),
        numbers_beside=False,
    )
    page.save(path, dpi=(DPI, DPI))
    got = extracted(path, settings.model_copy(update={"company_name": ours}))
    assert got["doc_type"] == "purchase_order"
    assert (got["fields"]["vendor"], got["fields"]["buyer"]) == ("Brantwick Mills Ltd", ours)


def test_a_french_subtotal_row_ends_the_table(tmp_path: Path, settings: Settings) -> None:
    lines = [
        "Atelier Vernon SARL",
        "12 rue des Tanneurs, 69002 Lyon",
        "FACTURE N° F-2291",
        "Date : 03/02/2025",
        "",
        "Désignation             Qté      P.U. HT     Montant HT",
        "Charnières laiton         4        7,50         30,00",
        "Serrure à pêne            2       25,00         50,00",
        "Sous-total                                      75,00",
        "Remise fidélité                                 -5,00",
        "TVA 20 %                                        15,00",
        "Total TTC                                       90,00",
    ]
    path = make_lines_pdf(tmp_path / "facture.pdf", lines)
    items = extracted(path, settings)["fields"]["line_items"]
    assert [i["amount"] for i in items] == ["30.00", "50.00"]


def totals_of(tmp_path: Path, settings: Settings, lines: list[str]) -> tuple[str, str, str]:
    """(subtotal, tax, total) of a document of these lines of text."""
    got = extracted(make_lines_pdf(tmp_path / "doc.pdf", lines), settings)["fields"]
    return got["subtotal"], got["tax"], got["total"]


def test_taxes_at_two_rates_add_up_though_one_rows_label_is_no_tax_word(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [
        "Brunnhof Werkzeuge GmbH",
        "Lindenallee 4, 79098 Freiburg",
        "RECHNUNG Nr. R-5521",
        "Datum: 03.02.2025",
        "",
        "Bezeichnung             Menge    Einzelpreis      Betrag",
        "Fachbuch Holzbau            2         250,00      500,00",
        "Schraubzwingen Satz         4         125,00      500,00",
        "",
        "Zwischensumme                                   1.000,00",
        "Satz 7 %                                           35,00",
        "MwSt. 19 %                                         95,00",
        "Gesamtbetrag                                    1.130,00",
    ]
    assert totals_of(tmp_path, settings, lines) == ("1000.00", "130.00", "1130.00")


def test_a_tax_whose_decimal_separator_ocr_moved_is_read_by_its_digits(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [  # the tax row as OCR gives it back: "2.582,32" read as "2.58232"
        "Westvliet Gereedschap B.V.",
        "Dorpsstraat 9, 3512 AB Utrecht",
        "FACTUUR Nr. F-7710",
        "Datum: 03-02-2025",
        "",
        "Omschrijving            Aantal        Prijs       Bedrag",
        "Steigerplanken              4     3.074,19    12.296,76",
        "",
        "Subtotaal                                     12.296,76",
        "BTW 21 %                                        2.58232",
        "Totaal                                        14.879,08",
    ]
    assert totals_of(tmp_path, settings, lines) == ("12296.76", "2582.32", "14879.08")


def test_one_of_two_tax_rows_whose_separator_ocr_moved_is_read_by_its_digits(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [  # the second rate's row as OCR gives it back: "3.884,34" read as "3.88434"
        "Halvard Software S.A.",
        "Calle Linden 133, 69606 Murcia",
        "PRESUPUESTO N.º AN-9985",
        "Fecha: 21/07/2024",
        "",
        "Concepto                Uds.          Precio        Total",
        "Taladro                    10       1.947,04    19.470,40",
        "Instalación                 4       1.801,90     7.207,60",
        "",
        "Importe neto                                 26.678,00 €",
        "IVA (10 %)                                      818,11 €",
        "IVA (21 %)                                     3.88434 €",
        "Total                                        31.380,45 €",
    ]
    assert totals_of(tmp_path, settings, lines) == ("26678.00", "4702.45", "31380.45")


def test_a_tax_whose_decimal_separator_ocr_lost_to_a_space_is_read_by_its_digits(
    tmp_path: Path, settings: Settings
) -> None:
    lines = [  # the tax row as OCR gives it back: "1210,72 €" read as "1210 72€"
        "Talleres Moncayo S.L.",
        "Calle Mayor 12, 50001 Zaragoza",
        "FACTURA N.º F-2210",
        "Fecha: 03/02/2025",
        "",
        "Descripcion             Uds.          Precio        Total",
        "Guantes de trabajo          3       1.921,77     5.765,31",
        "",
        "Subtotal                                     5.765,31 €",
        "IVA 21%                                        1210 72€",
        "Total factura                                6.976,03 €",
    ]
    assert totals_of(tmp_path, settings, lines) == ("5765.31", "1210.72", "6976.03")


@pytest.mark.parametrize("label", ["Numero:", "Número:"])
def test_a_bare_number_word_closed_by_its_colon_in_the_numbers_cell(
    tmp_path: Path, settings: Settings, label: str
) -> None:
    """The title centred well above the details, and "Número:" and the number in one cell
    (as OCR reads them when it closes the gap between them): the number word heads it."""
    rows: Rows = [
        (40, [(76, "Westerly Logistica Lda.")]),
        (52, [(76, "Rua Linden, 42, 1115-930 Aveiro")]),
        (150, [(82, "Cliente"), (326, "Vendedor")]),
        (162, [(82, "Castellan Electric Lda."), (326, "Westerly Logistica Lda.")]),
        (174, [(82, "Rua Roble, 113"), (326, "Rua Linden, 42")]),
        (236, [(290, "FATURA")]),
        (269, [(76, f"{label} INV-2024/79977")]),
        (281, [(76, "Sua encomenda: BE-38932")]),
        (293, [(76, "Data de emissao: 2024-01-16")]),
        *TABLE,
    ]
    got = extracted(draw(tmp_path / "fatura.pdf", rows), settings)["fields"]
    assert got["invoice_number"] == "INV-2024/79977"


@pytest.mark.parametrize(
    ("conf", "printed", "number"),
    [
        ({}, "0C2024/15930", "OC2024/15930"),
        (None, "0C2024/15930", "0C2024/15930"),
        # the S of a letter prefix read as a dollar sign
        ({}, "$O-51472", "SO-51472"),
        (None, "$O-51472", "O-51472"),
    ],
)
def test_a_zero_or_dollar_beginning_a_numbers_letter_prefix_on_a_scan_is_an_o_or_s(
    tmp_path: Path, settings: Settings, conf: dict[int, float] | None, printed: str, number: str
) -> None:
    """OCR reads the O of "OC2024/15930" as a zero, the S of "SO-51472" as "$"; a text
    layer says what it says."""
    lines = [
        "Norcrest Tools B.V.",
        "Pinosweg 135, 9286 AB Zwolle",
        "ORDERBEVESTIGING",
        f"Bevestigingsnummer: {printed}",
        "Datum: 22-08-2024",
        "Omschrijving            Aantal        Prijs       Bedrag",
        "Kabelbinders                10         3,50        35,00",
        "Totaal                                           35,00 EUR",
    ]
    assert read_lines(tmp_path, settings, lines, conf=conf)["order_number"] == number


@needs_tesseract
def test_a_scans_item_headers_name_no_vendor(tmp_path: Path, settings: Settings) -> None:
    """The seller's name set small at the top right, the items' column headers higher
    on the page than a third of it: OCR reads "Quantity" taller than the name, and it is
    no name (a line that heads the items names nobody)."""
    from tests.scans import render, save_png

    rows: Rows = [
        (40, [(380, "INVOICE")]),
        (60, [(380, "Lakeside Photography")]),
        (72, [(380, "9 Shore Rd, Madison, WI 53703")]),
        (120, [(50, "BILL TO"), (330, "Invoice Number:"), (450, "27")]),
        (132, [(50, "Carter & Lee Events LLC"), (330, "Invoice Date:"), (450, "March 12, 2025")]),
        (200, [(50, "Items"), (300, "Quantity"), (380, "Price"), (480, "Amount")]),
        (215, [(50, "Wedding photography package"), (300, "1"), (380, "$950.00")]),
        (215, [(480, "$950.00")]),
        (270, [(380, "Total:"), (480, "$950.00")]),
    ]
    image = render(draw(tmp_path / "w.pdf", rows), dpi=200)
    got = extracted(save_png(image, tmp_path / "w.png"), settings)["fields"]
    assert (got["vendor"], got["buyer"]) == ("Lakeside Photography", "Carter & Lee Events LLC")


def test_two_words_read_on_the_same_ink_are_one_word() -> None:
    """Tesseract may build two text lines through the same print: each word comes out
    twice, boxes overlapping. The more confident reading stays; words side by side, one
    over the other on lines apart, or a neighbour whose loose box overlaps, all stay."""
    words = [
        OcrWord("Validité", 174, 394, 75, 19, 92.0),
        OcrWord("alidité", 190, 399, 63, 15, 68.0),
        OcrWord("mois", 420, 395, 31, 18, 96.0),
        OcrWord("moi", 399, 399, 38, 14, 95.0),
        OcrWord("44300", 947, 389, 69, 20, 92.0),
        OcrWord("Nantes", 1018, 389, 77, 20, 92.0),  # touching its neighbour: both stay
        OcrWord("Total", 174, 420, 60, 19, 90.0),  # the line under: stays
        # a poor scan's loose boxes overlap a neighbour's: other letters, another word
        OcrWord("BAKERIES", 359, 136, 327, 38, 53.0),
        OcrWord("(KL)", 625, 130, 94, 51, 58.0),
    ]
    kept = [w.text for w in once_per_ink(words)]
    assert kept == ["Validité", "mois", "44300", "Nantes", "Total", "BAKERIES", "(KL)"]


def test_a_scanned_quotes_validity_line_read_twice_by_ocr_reads_once(
    tmp_path: Path, settings: Settings
) -> None:
    """A French quote scanned a little turned: its validity line stands a little above
    the customer's postcode line in the next column, and OCR read every word of it twice
    ("Validité alidité de de l'offre loffre : : 3 3 moi mois"), so the validity was lost."""
    rows: LayoutRows = [
        (40, [(50, "Plomberie Garnier SARL", 14)]),
        (54, [(50, "8 rue Victor Hugo, 44000 Nantes")]),
        (66, [(50, "SIRET 823 456 789 00015 - TVA FR12823456789")]),
        (110, [(330, "Client :")]),
        (122, [(330, "SCI Les Tilleuls")]),
        (134, [(330, "2 allée des Tilleuls")]),
        (146, [(330, "44300 Nantes")]),
        (110, [(50, "DEVIS N° D2025-0412", 13)]),
        (128, [(50, "Date : 18/11/2025")]),
        (140, [(50, "Validité de l'offre : 3 mois")]),
        (200, [(50, "Désignation"), (300, "Qté"), (350, "P.U. HT"), (420, "TVA")]),
        (200, [(480, "Montant HT")]),
        (216, [(50, "Chauffe-eau thermodynamique 200 L"), (300, "1"), (350, "2 150,00")]),
        (216, [(420, "10 %"), (480, "2 150,00")]),
        (230, [(50, "Main d'oeuvre"), (300, "6"), (350, "55,00"), (420, "10 %")]),
        (230, [(480, "330,00")]),
        (270, [(380, "Total HT"), (480, "2 480,00 €")]),
        (282, [(380, "TVA 10 %"), (480, "248,00 €")]),
        (294, [(380, "Total TTC"), (480, "2 728,00 €")]),
        (330, [(50, "Bon pour accord, date et signature :")]),
    ]
    pdf = draw_rows(tmp_path / "devis.pdf", rows)
    scan = save_png(specked(turned(render(pdf, dpi=200), 0.8), 0.0005), tmp_path / "devis.png")
    fields = extract(settings, scan)["fields"]
    assert (fields["quote_number"], fields["valid_until"]) == ("D2025-0412", "2026-02-18")


@pytest.mark.tesseract
@needs_tesseract
def test_a_dash_between_words_of_a_scanned_description_is_kept(
    tmp_path: Path, settings: Settings
) -> None:
    # a dash standing between two words of the text separates them; a speck of a rule
    # stands apart from words
    rows: LayoutRows = [
        (40, [(50, "Keswick Office Equipment Ltd", 14)]),
        (56, [(50, "12 Lake Road, Keswick CA12 5BX")]),
        (40, [(420, "INVOICE", 16)]),
        (70, [(420, "Invoice No."), (490, "KOE-4410")]),
        (130, [(50, "Bill To:"), (120, "Derwent Surveyors LLP")]),
        (200, [(50, "Description"), (320, "Qty"), (400, "Unit Price"), (490, "Amount")]),
        (218, [(50, "Copier rental - Model KX 300"), (320, "3"), (400, "120.00")]),
        (218, [(490, "360.00")]),
        (236, [(50, "Toner - black"), (320, "2"), (400, "45.00"), (490, "90.00")]),
        (270, [(400, "Total"), (490, "450.00")]),
    ]
    scan = save_png(render(draw_rows(tmp_path / "d.pdf", rows), dpi=200), tmp_path / "s.png")
    items = extract(settings, scan)["fields"]["line_items"]
    assert [i["description"] for i in items] == ["Copier rental - Model KX 300", "Toner - black"]
