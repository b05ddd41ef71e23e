"""Czech and Finnish documents read with their language packs (``cs.toml``, ``fi.toml``):
each test draws an invented invoice, order, order confirmation or quote row by row as
Czech and Finnish accounting programs lay them out (Czech: the title with its number, the
supplier's and the customer's blocks side by side under "Dodavatel" and "Odběratel" with
their IČO and DIČ, the dates of issue, of the taxable supply and of payment beside the
payment's symbols; Finnish: the seller's letterhead, the customer's block under it, the
details as labels and values on the right, two VAT rates, the business id and the bank in
the footer), with invented companies; two scanned, read again with their language's
tesseract model; a Czech invoice printed without diacritics; and an agreement in each
language. The pages are drawn in DejaVu Sans, which has the Czech letters (the PDF core
fonts lack "ě", "ř", "č")."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from intake.extractors.extraction.fields.countries import tax_country_currency
from intake.extractors.extraction.ocr_language import ocr_model_for
from intake.extractors.extraction.vocabulary import load
from intake.extractors.reading.models import installed_models
from intake.settings import Settings
from tests.conftest import needs_tesseract
from tests.factory import make_text_pdf
from tests.scans import render, save_png, turned
from tests.test_extraction import extract
from tests.test_layout_conventions import Rows, item_rows
from tests.test_layout_conventions import draw as draw_page

FONTS = Path("/usr/share/fonts/truetype/dejavu")
REGULAR, BOLD = "DejaVuTest", "DejaVuTest-Bold"


def _fonts() -> None:
    if REGULAR not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(REGULAR, str(FONTS / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))


def draw(path: Path, rows: Rows) -> Path:
    """``test_layout_conventions.draw``'s page, in a font with the Czech and Finnish letters."""
    _fonts()
    return draw_page(path, rows, regular=REGULAR, bold=BOLD)


def drawn_fields(settings: Settings, folder: Path, rows: Rows) -> dict[str, Any]:
    """The fields read from ``rows`` drawn into ``folder``, with the document's type."""
    result = extract(settings, draw(folder / "d.pdf", rows))
    return {**result["fields"], "doc_type": result["doc_type"]}


def plain(rows: Rows) -> Rows:
    """``rows`` printed without diacritics ("Odberatel", "Celkem k uhrade")."""

    def bare(text: str) -> str:
        letters = unicodedata.normalize("NFD", text)
        return "".join(c for c in letters if not unicodedata.combining(c))

    return [(top, [(c[0], bare(c[1]), *c[2:]) for c in cells]) for top, cells in rows]


# --- Czech ---------------------------------------------------------------------------

#: an invoice as Czech invoicing programs print one: the title with its number, no
#: letterhead but the supplier's block ("Dodavatel") beside the customer's ("Odběratel"),
#: the dates and the payment's details in two columns, the totals in "12 345,67 Kč"
CS_INVOICE: Rows = [
    (50, [(50, "FAKTURA – DAŇOVÝ DOKLAD č. 2026-0147", 14)]),
    (110, [(50, "Dodavatel:"), (300, "Odběratel:")]),
    (124, [(50, "Kovárna Hradecký s.r.o."), (300, "Stavebniny Vltava a.s.")]),
    (136, [(50, "Průmyslová 1482/7"), (300, "Nábřeží Kapitána Jaroše 12")]),
    (148, [(50, "500 02 Hradec Králové"), (300, "170 00 Praha 7")]),
    (160, [(50, "IČO: 27184521"), (300, "IČO: 45274649")]),
    (172, [(50, "DIČ: CZ27184521"), (300, "DIČ: CZ45274649")]),
    (210, [(50, "Datum vystavení:"), (180, "20. 11. 2026"), (300, "Bankovní spojení:")]),
    (210, [(410, "Komerční banka")]),
    (222, [(50, "Datum zdanitelného plnění:"), (180, "18. 11. 2026"), (300, "Číslo účtu:")]),
    (222, [(410, "1234567890/0100")]),
    (234, [(50, "Datum splatnosti:"), (180, "4. 12. 2026"), (300, "Variabilní symbol:")]),
    (234, [(410, "20260147")]),
    (246, [(50, "Forma úhrady:"), (180, "převodem"), (300, "Konstantní symbol:"), (410, "0308")]),
    (258, [(50, "Objednávka č.:"), (180, "OBJ-5521")]),
    (300, [(50, "Popis"), (250, "Množství"), (300, "MJ"), (330, "Cena za MJ")]),
    (300, [(400, "Sazba DPH"), (470, "Celkem bez DPH")]),
    (314, [(50, "Kovaná brána, dvoukřídlá"), (250, "1"), (300, "ks"), (330, "28 500,00")]),
    (314, [(400, "21 %"), (470, "28 500,00")]),
    (328, [(50, "Montáž brány"), (250, "6"), (300, "hod"), (330, "650,00"), (400, "21 %")]),
    (328, [(470, "3 900,00")]),
    (370, [(330, "Celkem bez DPH"), (470, "32 400,00 Kč")]),
    (382, [(330, "DPH 21 %"), (470, "6 804,00 Kč")]),
    (396, [(330, "Celkem k úhradě", 11), (470, "39 204,00 Kč", 11)]),
    (440, [(50, "Vystavil: Jana Nováková")]),
    (760, [(50, "Společnost zapsaná v obchodním rejstříku vedeném Krajským soudem v Hradci")]),
    (772, [(50, "Králové, oddíl C, vložka 21544")]),
]


def _the_czech_invoice(f: dict[str, Any]) -> None:
    assert f["doc_type"] == "invoice"
    # the variable symbol (the payment's reference) is no invoice number
    assert (f["invoice_number"], f["po_number"]) == ("2026-0147", "OBJ-5521")
    # the date of the taxable supply (DUZP) is the date of delivery
    assert (f["issue_date"], f["due_date"], f["delivery_date"]) == (
        "2026-11-20",
        "2026-12-04",
        "2026-11-18",
    )
    assert f["currency"] == "CZK"
    assert (f["subtotal"], f["tax"], f["total"]) == ("32400.00", "6804.00", "39204.00")


def test_a_czech_invoice(settings: Settings, tmp_path: Path) -> None:
    f = drawn_fields(settings, tmp_path, CS_INVOICE)
    _the_czech_invoice(f)
    # the labels over the two blocks are no names
    assert (f["vendor"], f["buyer"]) == ("Kovárna Hradecký s.r.o.", "Stavebniny Vltava a.s.")
    # the IČO under the supplier's address is no line of it
    assert f["address"] == "Průmyslová 1482/7, 500 02 Hradec Králové"
    assert item_rows(f) == [
        ("Kovaná brána, dvoukřídlá", "1", "28500.00", "28500.00"),
        ("Montáž brány", "6", "650.00", "3900.00"),
    ]


def test_a_czech_invoice_printed_without_diacritics(settings: Settings, tmp_path: Path) -> None:
    # "Odberatel", "Datum vystaveni", "Celkem k uhrade": as older systems print them
    f = drawn_fields(settings, tmp_path, plain(CS_INVOICE))
    _the_czech_invoice(f)
    assert (f["vendor"], f["buyer"]) == ("Kovarna Hradecky s.r.o.", "Stavebniny Vltava a.s.")


#: an invoice as Pohoda prints one: the item table's columns before tax, the tax and with
#: it ("Bez DPH | DPH | Celkem"), a tax summary ("Rekapitulace DPH"), the total rounded to
#: whole crowns ("Zaokrouhlení")
CS_ROUNDED: Rows = [
    (40, [(50, "Faktura - daňový doklad", 14), (400, "číslo 260118", 14)]),
    (80, [(50, "Dodavatel:"), (300, "Odběratel:")]),
    (92, [(50, "Elektro Novotný, v.o.s."), (300, "Hotel Šumava s.r.o.")]),
    (104, [(50, "Lidická 25"), (300, "nám. Svobody 2")]),
    (116, [(50, "602 00 Brno"), (300, "385 01 Vimperk")]),
    (128, [(50, "IČ: 48123456"), (300, "IČ: 61234567")]),
    (140, [(50, "DIČ: CZ48123456"), (300, "DIČ: CZ61234567")]),
    (152, [(50, "Tel.: +420 541 123 456")]),
    (190, [(50, "Datum vystavení: 05.10.2026"), (300, "Forma úhrady: Příkazem")]),
    (202, [(50, "Datum splatnosti: 19.10.2026"), (300, "Variabilní symbol: 260118")]),
    (214, [(50, "Datum uskutečnění plnění: 30.09.2026"), (300, "Číslo účtu: 2400123456/2010")]),
    (250, [(50, "Označení dodávky"), (230, "Počet m.j."), (290, "Cena za m.j."), (350, "DPH %")]),
    (250, [(390, "Bez DPH"), (450, "DPH"), (500, "Celkem")]),
    (264, [(50, "Revize elektroinstalace"), (230, "1"), (290, "8 500,00"), (350, "21")]),
    (264, [(390, "8 500,00"), (450, "1 785,00"), (500, "10 285,00")]),
    (278, [(50, "Jistič 16 A"), (230, "12"), (290, "185,50"), (350, "21"), (390, "2 226,00")]),
    (278, [(450, "467,46"), (500, "2 693,46")]),
    (320, [(50, "Rekapitulace DPH v Kč:")]),
    (332, [(50, "Sazba"), (120, "Základ v Kč"), (260, "DPH v Kč"), (330, "Celkem s DPH v Kč")]),
    (344, [(50, "21 %"), (120, "10 726,00"), (260, "2 252,46"), (330, "12 978,46")]),
    (380, [(330, "Zaokrouhlení"), (480, "0,54")]),
    (394, [(330, "Celkem k úhradě", 12), (470, "12 979,00 Kč", 12)]),
]


def test_a_czech_invoice_rounded_to_whole_crowns(settings: Settings, tmp_path: Path) -> None:
    f = drawn_fields(settings, tmp_path, CS_ROUNDED)
    assert f["doc_type"] == "invoice"
    assert (f["invoice_number"], f["issue_date"], f["due_date"], f["delivery_date"]) == (
        "260118",
        "2026-10-05",
        "2026-10-19",
        "2026-09-30",
    )
    assert (f["vendor"], f["buyer"]) == ("Elektro Novotný, v.o.s.", "Hotel Šumava s.r.o.")
    # the item table's last row (its net, tax and gross add up too) is no totals row
    assert (f["subtotal"], f["tax"], f["total"], f["currency"]) == (
        "10726.00",
        "2252.46",
        "12979.00",
        "CZK",
    )
    assert item_rows(f) == [
        ("Revize elektroinstalace", "1", "8500.00", "8500.00"),
        ("Jistič 16 A", "12", "185.50", "2226.00"),
    ]


#: an order confirmation: the seller's letterhead, its details on the right, the
#: customer's and the delivery address's blocks side by side
CS_CONFIRMATION: Rows = [
    (50, [(50, "Strojírny Morava spol. s r.o.", 14)]),
    (64, [(50, "Tovární 318, 779 00 Olomouc")]),
    (76, [(50, "IČO: 26853411 · DIČ: CZ26853411")]),
    (50, [(350, "POTVRZENÍ OBJEDNÁVKY", 14)]),
    (90, [(350, "Číslo potvrzení:"), (450, "PO-26-0311")]),
    (102, [(350, "Datum:"), (450, "12. 11. 2026")]),
    (114, [(350, "Vaše objednávka:"), (450, "NV-2026/884")]),
    (126, [(350, "Termín dodání:"), (450, "27. 11. 2026")]),
    (150, [(50, "Odběratel:"), (300, "Dodací adresa:")]),
    (162, [(50, "Pekárna Zlatý klas s.r.o."), (300, "Pekárna Zlatý klas s.r.o.")]),
    (174, [(50, "Masarykovo náměstí 5"), (300, "Průmyslová zóna 14")]),
    (186, [(50, "586 01 Jihlava"), (300, "588 13 Polná")]),
    (220, [(50, "Potvrzujeme přijetí Vaší objednávky a dodáme:")]),
    (250, [(50, "Kód"), (110, "Název"), (300, "Počet"), (340, "MJ"), (380, "Jedn. cena")]),
    (250, [(480, "Celkem")]),
    (264, [(50, "HN-120"), (110, "Hnětací stroj 120 l"), (300, "1"), (340, "ks")]),
    (264, [(380, "186 000,00"), (480, "186 000,00")]),
    (278, [(50, "PL-40"), (110, "Plech na pečení 60 x 40"), (300, "40"), (340, "ks")]),
    (278, [(380, "450,00"), (480, "18 000,00")]),
    (320, [(350, "Celkem bez DPH"), (480, "204 000,00")]),
    (332, [(350, "DPH 21 %"), (480, "42 840,00")]),
    (346, [(350, "Celkem s DPH CZK", 11), (480, "246 840,00", 11)]),
]


def test_a_czech_order_confirmation(settings: Settings, tmp_path: Path) -> None:
    f = drawn_fields(settings, tmp_path, CS_CONFIRMATION)
    assert f["doc_type"] == "order_confirmation"
    assert (f["order_number"], f["po_number"]) == ("PO-26-0311", "NV-2026/884")
    assert (f["issue_date"], f["delivery_date"]) == ("2026-11-12", "2026-11-27")
    assert (f["vendor"], f["buyer"]) == (
        "Strojírny Morava spol. s r.o.",
        "Pekárna Zlatý klas s.r.o.",
    )
    assert (f["subtotal"], f["tax"], f["total"], f["currency"]) == (
        "204000.00",
        "42840.00",
        "246840.00",
        "CZK",
    )
    assert item_rows(f) == [
        ("Hnětací stroj 120 l", "1", "186000.00", "186000.00"),
        ("Plech na pečení 60 x 40", "40", "450.00", "18000.00"),
    ]


#: a quote with its dates written out ("3. listopadu 2026": the genitive month)
CS_QUOTE: Rows = [
    (50, [(50, "Truhlářství Dvořák s.r.o.", 14)]),
    (64, [(50, "Zahradní 41, 370 01 České Budějovice")]),
    (76, [(50, "IČO: 28945612 · DIČ: CZ28945612")]),
    (50, [(380, "CENOVÁ NABÍDKA", 14)]),
    (90, [(380, "Nabídka č.:"), (470, "N-2026-057")]),
    (102, [(380, "Datum:"), (470, "3. listopadu 2026")]),
    (114, [(380, "Platnost nabídky do:"), (470, "3. prosince 2026")]),
    (150, [(50, "Odběratel:")]),
    (162, [(50, "Mateřská škola Sluníčko, z.s.")]),
    (174, [(50, "Lipová 8")]),
    (186, [(50, "370 05 České Budějovice")]),
    (230, [(50, "Položka"), (300, "Množství"), (350, "MJ"), (390, "Cena za MJ"), (480, "Celkem")]),
    (244, [(50, "Dětská skříňka s lavicí, buk"), (300, "6"), (350, "ks"), (390, "7 800,00")]),
    (244, [(480, "46 800,00")]),
    (258, [(50, "Montáž a doprava"), (300, "1"), (350, "kpl"), (390, "3 200,00")]),
    (258, [(480, "3 200,00")]),
    (300, [(360, "Celkem bez DPH"), (480, "50 000,00")]),
    (312, [(360, "DPH 21 %"), (480, "10 500,00")]),
    (326, [(360, "Celkem s DPH"), (480, "60 500,00 Kč")]),
]


def test_a_czech_quote(settings: Settings, tmp_path: Path) -> None:
    f = drawn_fields(settings, tmp_path, CS_QUOTE)
    assert f["doc_type"] == "estimate"
    assert (f["quote_number"], f["issue_date"], f["valid_until"]) == (
        "N-2026-057",
        "2026-11-03",
        "2026-12-03",
    )
    assert (f["vendor"], f["buyer"]) == (
        "Truhlářství Dvořák s.r.o.",
        "Mateřská škola Sluníčko, z.s.",
    )
    assert (f["subtotal"], f["tax"], f["total"], f["currency"]) == (
        "50000.00",
        "10500.00",
        "60500.00",
        "CZK",
    )


def test_a_czech_quote_valid_for_a_period(settings: Settings, tmp_path: Path) -> None:
    # "Platnost nabídky: 30 dní": the validity is the quote's date and the period
    rows = [r for r in CS_QUOTE if r[0] != 114]
    rows.append((360, [(50, "Platnost nabídky: 30 dní od data vystavení.")]))
    assert drawn_fields(settings, tmp_path, rows)["valid_until"] == "2026-12-03"


# --- Finnish -------------------------------------------------------------------------

#: an invoice as Finnish invoicing programs print one: food at 14 % and other goods at
#: 25.5 % (Finland's general rate since September 2024), the payment's reference number
#: ("Viitenumero") beside the invoice's own, the business id and bank in the footer
FI_INVOICE: Rows = [
    (50, [(50, "Pyhäjärven Leipomotukku Oy", 14)]),
    (64, [(50, "Teollisuustie 12")]),
    (76, [(50, "60100 Seinäjoki")]),
    (50, [(400, "LASKU", 16)]),
    (130, [(50, "Kahvila Kanerva Ky")]),
    (142, [(50, "Hämeenkatu 9")]),
    (154, [(50, "33100 Tampere")]),
    (120, [(360, "Laskun numero"), (460, "10482")]),
    (132, [(360, "Laskun päivämäärä"), (460, "20.11.2026")]),
    (144, [(360, "Eräpäivä"), (460, "4.12.2026")]),
    (156, [(360, "Asiakasnumero"), (460, "1057")]),
    (168, [(360, "Viitenumero"), (460, "104823")]),
    (180, [(360, "Viitteenne"), (460, "TI-3381")]),
    (192, [(360, "Maksuehto"), (460, "14 pv netto")]),
    (230, [(50, "Tuote"), (110, "Kuvaus"), (280, "Määrä"), (320, "Yks."), (360, "À-hinta")]),
    (230, [(420, "Alv %"), (480, "Yhteensä")]),
    (244, [(50, "RL-500"), (110, "Ruisleipä 500 g"), (280, "120"), (320, "kpl"), (360, "2,40")]),
    (244, [(420, "14"), (480, "288,00")]),
    (258, [(50, "PM-3"), (110, "Pahvimuki 3 dl, 50 kpl"), (280, "10"), (320, "pkt")]),
    (258, [(360, "6,00"), (420, "25,5"), (480, "60,00")]),
    (300, [(330, "Veroton yhteensä"), (480, "348,00")]),
    (312, [(330, "ALV 14 %"), (480, "40,32")]),
    (324, [(330, "ALV 25,5 %"), (480, "15,30")]),
    (338, [(330, "Yhteensä EUR", 11), (480, "403,62", 11)]),
    (760, [(50, "Pyhäjärven Leipomotukku Oy · Y-tunnus 2345678-9 · Kotipaikka Seinäjoki")]),
    (772, [(50, "IBAN FI21 1234 5600 0007 85 · BIC NDEAFIHH · Puhelin 06 123 4567")]),
]


def test_a_finnish_invoice(settings: Settings, tmp_path: Path) -> None:
    f = drawn_fields(settings, tmp_path, FI_INVOICE)
    assert f["doc_type"] == "invoice"
    # the reference number and the customer's number are no invoice number; "Viitteenne"
    # (your reference) is the customer's order
    assert (f["invoice_number"], f["po_number"]) == ("10482", "TI-3381")
    assert (f["issue_date"], f["due_date"]) == ("2026-11-20", "2026-12-04")
    assert (f["vendor"], f["buyer"]) == ("Pyhäjärven Leipomotukku Oy", "Kahvila Kanerva Ky")
    assert f["address"] == "Teollisuustie 12, 60100 Seinäjoki"
    # the two rates' tax added up
    assert (f["subtotal"], f["tax"], f["total"], f["currency"]) == (
        "348.00",
        "55.62",
        "403.62",
        "EUR",
    )
    assert item_rows(f) == [
        ("Ruisleipä 500 g", "120", "2.40", "288.00"),
        ("Pahvimuki 3 dl, 50 kpl", "10", "6.00", "60.00"),
    ]


#: a purchase order from the café: the supplier under "Toimittaja", the delivery address
#: beside it
FI_ORDER: Rows = [
    (50, [(50, "Kahvila Kanerva Ky", 14)]),
    (64, [(50, "Hämeenkatu 9, 33100 Tampere")]),
    (50, [(380, "OSTOTILAUS", 16)]),
    (80, [(380, "Tilausnumero"), (470, "TI-3381")]),
    (92, [(380, "Tilauspäivä"), (470, "12.11.2026")]),
    (104, [(380, "Toivottu toimituspäivä"), (470, "19.11.2026")]),
    (140, [(50, "Toimittaja"), (300, "Toimitusosoite")]),
    (152, [(50, "Pyhäjärven Leipomotukku Oy"), (300, "Kahvila Kanerva Ky")]),
    (164, [(50, "Teollisuustie 12"), (300, "Kauppahalli, myymälä 4")]),
    (176, [(50, "60100 Seinäjoki"), (300, "33100 Tampere")]),
    (230, [(50, "Nimike"), (300, "Määrä"), (340, "Yks."), (380, "Yksikköhinta")]),
    (230, [(480, "Yhteensä")]),
    (244, [(50, "Ruisleipä 500 g"), (300, "120"), (340, "kpl"), (380, "2,40"), (480, "288,00")]),
    (258, [(50, "Korvapuusti, pakaste 20 kpl"), (300, "15"), (340, "ltk"), (380, "18,00")]),
    (258, [(480, "270,00")]),
    (300, [(360, "Veroton yhteensä"), (480, "558,00")]),
    (312, [(360, "ALV 14 %"), (480, "78,12")]),
    (324, [(360, "Yhteensä"), (480, "636,12")]),
    (760, [(50, "Kahvila Kanerva Ky · Y-tunnus 3456789-1")]),
]


def test_a_finnish_purchase_order(settings: Settings, tmp_path: Path) -> None:
    f = drawn_fields(settings, tmp_path, FI_ORDER)
    assert f["doc_type"] == "purchase_order"
    assert f["po_number"] == "TI-3381"
    assert (f["issue_date"], f["delivery_date"]) == ("2026-11-12", "2026-11-19")
    assert (f["buyer"], f["vendor"]) == ("Kahvila Kanerva Ky", "Pyhäjärven Leipomotukku Oy")
    assert (f["subtotal"], f["tax"], f["total"], f["currency"]) == (
        "558.00",
        "78.12",
        "636.12",
        "EUR",
    )
    assert item_rows(f) == [
        ("Ruisleipä 500 g", "120", "2.40", "288.00"),
        ("Korvapuusti, pakaste 20 kpl", "15", "18.00", "270.00"),
    ]


FI_QUOTE: Rows = [
    (50, [(50, "Järvisen Rakennus ja Remontti Oy", 14)]),
    (64, [(50, "Satamakatu 3, 40100 Jyväskylä")]),
    (50, [(400, "TARJOUS", 16)]),
    (80, [(380, "Tarjousnumero"), (470, "T-2026-057")]),
    (92, [(380, "Päiväys"), (470, "3.11.2026")]),
    (104, [(380, "Voimassa asti"), (470, "3.12.2026")]),
    (140, [(50, "Asiakas")]),
    (152, [(50, "Asunto Oy Keskustan Helmi")]),
    (164, [(50, "Kauppakatu 21")]),
    (176, [(50, "40100 Jyväskylä")]),
    (230, [(50, "Kuvaus"), (320, "Määrä"), (360, "Yks."), (400, "À-hinta"), (480, "Yhteensä")]),
    (244, [(50, "Porrashuoneen maalaus"), (320, "1"), (360, "erä"), (400, "12 000,00")]),
    (244, [(480, "12 000,00")]),
    (258, [(50, "Telineet, vuokra"), (320, "2"), (360, "vko"), (400, "800,00")]),
    (258, [(480, "1 600,00")]),
    (300, [(360, "Veroton yhteensä"), (480, "13 600,00")]),
    (312, [(360, "ALV 25,5 %"), (480, "3 468,00")]),
    (324, [(360, "Yhteensä"), (480, "17 068,00 €")]),
    (360, [(50, "Tarjous on voimassa 30 päivää.")]),
    (760, [(50, "Järvisen Rakennus ja Remontti Oy · Y-tunnus 1234567-8")]),
]


def test_a_finnish_quote(settings: Settings, tmp_path: Path) -> None:
    f = drawn_fields(settings, tmp_path, FI_QUOTE)
    assert f["doc_type"] == "estimate"
    assert (f["quote_number"], f["issue_date"], f["valid_until"]) == (
        "T-2026-057",
        "2026-11-03",
        "2026-12-03",
    )
    # "Asunto Oy" (a housing company) opens the customer's name: no name ends there
    assert (f["vendor"], f["buyer"]) == (
        "Järvisen Rakennus ja Remontti Oy",
        "Asunto Oy Keskustan Helmi",
    )
    assert (f["subtotal"], f["tax"], f["total"], f["currency"]) == (
        "13600.00",
        "3468.00",
        "17068.00",
        "EUR",
    )


def test_a_finnish_quote_valid_for_a_period(settings: Settings, tmp_path: Path) -> None:
    # without "Voimassa asti", "Tarjous on voimassa 30 päivää" gives the validity
    rows = [r for r in FI_QUOTE if r[0] != 104]
    assert drawn_fields(settings, tmp_path, rows)["valid_until"] == "2026-12-03"


# --- what the packs add besides labels --------------------------------------------------


def test_a_finnish_business_id_places_the_currency() -> None:
    # the Czech and Finnish VAT ids (CZ…, FI…) and IBANs are read as every EU country's;
    # Finland's business id names its country too
    assert tax_country_currency("Y-tunnus 2345678-9") == "EUR"
    # a Czech company number names none: Slovakia prints the same word and digits
    assert tax_country_currency("IČO: 27184521") is None


@pytest.mark.parametrize(
    ("words", "model"),
    [
        # as English's model reads them, without their letters
        ("Odberatel Dodavatel Datum vystaveni splatnosti DPH Celkem k uhrade", "ces"),
        ("Laskun paivamaara Erapaiva Viitenumero ALV Yhteensa", "fin"),
    ],
)
def test_a_czech_or_finnish_scan_is_read_again_with_its_model(words: str, model: str) -> None:
    assert ocr_model_for(words.split(" "), "eng") == model


@needs_tesseract
@pytest.mark.parametrize(
    ("rows", "model", "parties"),
    [
        ("CS_INVOICE", "ces", ("Kovárna Hradecký s.r.o.", "Stavebniny Vltava a.s.")),
        ("FI_INVOICE", "fin", ("Pyhäjärven Leipomotukku Oy", "Kahvila Kanerva Ky")),
    ],
)
def test_a_czech_or_finnish_scan_keeps_its_names_letters(
    settings: Settings, tmp_path: Path, rows: str, model: str, parties: tuple[str, str]
) -> None:
    # English's model reads "Hradecky", "Pyhajarven": the first reading's words tell the
    # language, and its model (installed by `make test`, Makefile) reads the scan again
    assert model in installed_models()
    image = turned(render(draw(tmp_path / "d.pdf", globals()[rows]), dpi=200), 0.6)
    fields = extract(settings, save_png(image, tmp_path / "d.png"))["fields"]
    assert (fields["vendor"], fields["buyer"]) == parties


def test_the_czech_and_finnish_packs_load_with_their_models() -> None:
    vocab = load(genres=[])
    assert {"cs", "fi"} <= set(vocab.packs)
    assert {"ces", "fin"} <= set(vocab.ocr_models)
    # a Czech date writes its month in the genitive, a Finnish one in the partitive
    months = vocab.months
    assert (months["listopadu"], months["června"], months["červenec"]) == (11, 6, 7)
    assert (months["marraskuuta"], months["kesäkuu"], months["tammik"]) == (11, 6, 1)
    assert vocab.country_currencies["CZ"] == "CZK"
    assert vocab.country_currencies["FI"] == "EUR"


# --- agreements ----------------------------------------------------------------------


def text_pdf(path: Path, paragraphs: list[str], title: str) -> Path:
    """``factory.make_text_pdf``'s prose page, in a font with the Czech letters."""
    _fonts()
    return make_text_pdf(path, paragraphs, title=title, font=REGULAR, title_font=BOLD)


AGREEMENTS: dict[str, tuple[str, list[str], dict[str, Any]]] = {
    "cs": (
        "KUPNÍ SMLOUVA",
        [
            "Tato smlouva se uzavírá mezi: Kovárna Hradecký s.r.o., se sídlem Průmyslová "
            "1482/7, 500 02 Hradec Králové, IČO: 27184521 (dále jen „Dodavatel“) a Stavebniny "
            "Vltava a.s., se sídlem Nábřeží Kapitána Jaroše 12, 170 00 Praha 7, IČO: 45274649 "
            "(dále jen „Odběratel“).",
            "2. Doba trvání. Smlouva nabývá účinnosti dnem 1. března 2021 a uzavírá se na "
            "dobu dvou let. Smlouva se poté automaticky prodlužuje vždy o jeden rok, pokud ji "
            "žádná ze smluvních stran nevypoví. Výpovědní lhůta činí tři měsíce.",
            "3. Rozhodné právo. Tato smlouva se řídí právním řádem České republiky.",
            "V Hradci Králové dne 15. února 2021",
        ],
        {
            "parties": ["Kovárna Hradecký s.r.o.", "Stavebniny Vltava a.s."],
            "agreement_date": "2021-02-15",
            "effective_date": "2021-03-01",
            "term": "2 years",
            "expiration_date": "2023-03-01",
            "renewal_term": "successive 1 year",
            "notice_period": "3 months",
            "governing_law": "Czech Republic",
        },
    ),
    "fi": (
        "TOIMITUSSOPIMUS",
        [
            "Tämä sopimus on tehty seuraavien osapuolten välillä: Pyhäjärven Leipomotukku Oy, "
            'Teollisuustie 12, 60100 Seinäjoki (jäljempänä "Toimittaja") ja Kahvila Kanerva '
            'Ky, Hämeenkatu 9, 33100 Tampere (jäljempänä "Asiakas").',
            "2. Voimassaolo. Sopimus tulee voimaan 1. maaliskuuta 2021 ja on voimassa kaksi "
            "vuotta. Sopimus jatkuu sen jälkeen yhden vuoden kerrallaan, ellei sitä "
            "irtisanota. Irtisanomisaika on kolme kuukautta.",
            "3. Sovellettava laki. Tähän sopimukseen sovelletaan Suomen lakia.",
            "Seinäjoella 15. helmikuuta 2021",
        ],
        {
            "parties": ["Pyhäjärven Leipomotukku Oy", "Kahvila Kanerva Ky"],
            "agreement_date": "2021-02-15",
            "effective_date": "2021-03-01",
            "term": "2 years",
            "expiration_date": "2023-03-01",
            "renewal_term": "successive 1 year",
            "notice_period": "3 months",
            "governing_law": "Finland",
        },
    ),
}


@pytest.mark.parametrize("lang", sorted(AGREEMENTS))
def test_a_czech_or_finnish_agreement(settings: Settings, tmp_path: Path, lang: str) -> None:
    title, paragraphs, expected = AGREEMENTS[lang]
    result = extract(settings, text_pdf(tmp_path / f"{lang}.pdf", paragraphs, title))
    assert result["doc_type"] == "contract"
    assert {k: result["fields"].get(k) for k in expected} == expected
