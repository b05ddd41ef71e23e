"""Swedish, Danish and Norwegian documents read with their language packs (``sv.toml``,
``da.toml``, ``nb.toml``): each test draws an invented invoice, order, order confirmation
or quote row by row as Nordic accounting programs lay them out (the details as labels
and values on the right, the customer's block on the left, the totals at the foot, the
company's register numbers and bank in its footer), with invented companies; two scanned,
read again with their language's tesseract model; and an agreement in each language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from intake.extractors.extraction.fields.countries import tax_country_currency
from intake.extractors.extraction.ocr_language import ocr_model_for
from intake.extractors.extraction.vocabulary import load
from intake.extractors.reading.models import installed_models
from intake.settings import Settings
from tests.conftest import needs_tesseract
from tests.scans import render, save_png, turned
from tests.test_contract_languages import read_agreement
from tests.test_extraction import extract
from tests.test_layout_conventions import Rows, draw, drawn_fields, item_rows

# --- Swedish -------------------------------------------------------------------------

#: an invoice as Fortnox prints one: the totals as a band, "Öresutjämning" rounding the
#: amount due to whole kronor
SV_INVOICE: Rows = [
    (50, [(50, "Kvarnholm Verktyg AB", 14)]),
    (50, [(400, "Faktura", 16)]),
    (80, [(360, "Fakturadatum"), (460, "2026-11-20")]),
    (92, [(360, "Fakturanr"), (460, "10482")]),
    (104, [(360, "Kundnr"), (460, "1057")]),
    (116, [(360, "Förfallodatum"), (460, "2026-12-20")]),
    (140, [(50, "Fakturaadress")]),
    (152, [(50, "Sjöbris Fastigheter AB")]),
    (164, [(50, "Hamngatan 9")]),
    (176, [(50, "411 14 Göteborg")]),
    (210, [(50, "Er referens"), (150, "Anna Berg"), (330, "Vår referens"), (430, "Johan Ek")]),
    (222, [(50, "Ert ordernr"), (150, "IO-77310"), (330, "Betalningsvillkor"), (430, "30 dagar")]),
    (260, [(50, "Artikelnr"), (110, "Benämning"), (300, "Antal"), (340, "Enh")]),
    (260, [(380, "À-pris"), (480, "Belopp")]),
    (274, [(50, "VK-210"), (110, "Skruvdragare 18 V"), (300, "2"), (340, "st")]),
    (274, [(380, "1 490,00"), (480, "2 980,00")]),
    (288, [(50, "VK-455"), (110, "Bitsats 32 delar"), (300, "3"), (340, "st")]),
    (288, [(380, "189,90"), (480, "569,70")]),
    (620, [(50, "Exkl. moms"), (150, "Moms 25 %"), (250, "Öresutjämning")]),
    (620, [(380, "Att betala SEK", 11)]),
    (634, [(50, "3 549,70"), (150, "887,43"), (250, "-0,13"), (380, "4 437,00", 11)]),
    (760, [(50, "Kvarnholm Verktyg AB"), (200, "Org.nr 556712-3456"), (380, "Bankgiro")]),
    (772, [(50, "Industrivägen 12"), (200, "Momsreg.nr SE556712345601"), (380, "5123-4567")]),
    (784, [(50, "131 52 Nacka"), (200, "Godkänd för F-skatt")]),
]


def test_a_swedish_invoice(settings: Settings, tmp_path: Path) -> None:
    f = drawn_fields(settings, tmp_path, SV_INVOICE)
    assert f["doc_type"] == "invoice"
    assert (f["invoice_number"], f["po_number"]) == ("10482", "IO-77310")
    assert (f["issue_date"], f["due_date"]) == ("2026-11-20", "2026-12-20")
    assert (f["vendor"], f["buyer"]) == ("Kvarnholm Verktyg AB", "Sjöbris Fastigheter AB")
    assert (f["subtotal"], f["tax"], f["total"], f["currency"]) == (
        "3549.70",
        "887.43",
        "4437.00",
        "SEK",
    )
    assert item_rows(f) == [
        ("Skruvdragare 18 V", "2", "1490.00", "2980.00"),
        ("Bitsats 32 delar", "3", "189.90", "569.70"),
    ]


@pytest.mark.parametrize("due", ["4 437 kr", "4 437:-", "4437 kr"])
def test_whole_crowns_are_money(settings: Settings, tmp_path: Path, due: str) -> None:
    # the amount due in whole kronor, without öre: "kr" or the Swedish ":-" after it
    rows = [r for r in SV_INVOICE if r[0] != 634]
    rows.append((634, [(50, "3 549,70"), (150, "887,43"), (250, "-0,13"), (380, due)]))
    assert drawn_fields(settings, tmp_path, rows)["total"] == "4437.00"


#: a purchase order from a buyer's purchasing system: the supplier under "Leverantör",
#: the totals stacked on the right
SV_ORDER: Rows = [
    (50, [(50, "Ekbacken Bageri AB", 14)]),
    (64, [(50, "Mjölnarvägen 3, 582 73 Linköping")]),
    (50, [(380, "Inköpsorder", 16)]),
    (80, [(380, "Ordernr"), (470, "IO-2026-0918")]),
    (92, [(380, "Orderdatum"), (470, "12.11.2026")]),
    (104, [(380, "Önskat leveransdatum"), (470, "27.11.2026")]),
    (140, [(50, "Leverantör"), (300, "Leveransadress")]),
    (152, [(50, "Norrlands Packtjänst AB"), (300, "Ekbacken Bageri AB")]),
    (164, [(50, "Sågverksgatan 21"), (300, "Lastkaj 2, Mjölnarvägen 3")]),
    (176, [(50, "903 27 Umeå"), (300, "582 73 Linköping")]),
    (230, [(50, "Art.nr"), (110, "Benämning"), (320, "Antal"), (380, "À-pris"), (480, "Summa")]),
    (244, [(50, "BX-40"), (110, "Tårtkartong 40 x 40 cm"), (320, "500")]),
    (244, [(380, "6,40"), (480, "3 200,00")]),
    (258, [(50, "PP-12"), (110, "Bakplåtspapper, rulle"), (320, "40")]),
    (258, [(380, "45,00"), (480, "1 800,00")]),
    (300, [(360, "Summa exkl. moms"), (480, "5 000,00")]),
    (312, [(360, "Moms 25 %"), (480, "1 250,00")]),
    (324, [(360, "Totalt SEK"), (480, "6 250,00")]),
    (760, [(50, "Ekbacken Bageri AB · Org.nr 559021-8877 · Momsreg.nr SE559021887701")]),
]


def test_a_swedish_purchase_order(settings: Settings, tmp_path: Path) -> None:
    f = drawn_fields(settings, tmp_path, SV_ORDER)
    assert f["doc_type"] == "purchase_order"
    assert f["po_number"] == "IO-2026-0918"
    assert (f["issue_date"], f["delivery_date"]) == ("2026-11-12", "2026-11-27")
    assert (f["buyer"], f["vendor"]) == ("Ekbacken Bageri AB", "Norrlands Packtjänst AB")
    assert (f["subtotal"], f["tax"], f["total"]) == ("5000.00", "1250.00", "6250.00")
    assert item_rows(f) == [
        ("Tårtkartong 40 x 40 cm", "500", "6.40", "3200.00"),
        ("Bakplåtspapper, rulle", "40", "45.00", "1800.00"),
    ]


SV_QUOTE: Rows = [
    (50, [(50, "Gränsfors Måleri HB", 14)]),
    (64, [(50, "Verkstadsgränd 5, 722 12 Västerås")]),
    (50, [(400, "Offert", 16)]),
    (80, [(380, "Offertnr"), (470, "2026-114")]),
    (92, [(380, "Offertdatum"), (470, "2026-11-05")]),
    (104, [(380, "Giltig till"), (470, "2026-12-05")]),
    (140, [(50, "Kund")]),
    (152, [(50, "Brf Solgläntan")]),
    (164, [(50, "Solgläntan 4")]),
    (176, [(50, "724 60 Västerås")]),
    (230, [(50, "Benämning"), (320, "Antal"), (360, "Enh"), (400, "À-pris"), (480, "Belopp")]),
    (244, [(50, "Målning trapphus, 3 plan"), (320, "1"), (360, "st")]),
    (244, [(400, "38 000,00"), (480, "38 000,00")]),
    (258, [(50, "Ställning, hyra"), (320, "2"), (360, "v")]),
    (258, [(400, "1 500,00"), (480, "3 000,00")]),
    (300, [(360, "Netto"), (480, "41 000,00")]),
    (312, [(360, "Moms 25 %"), (480, "10 250,00")]),
    (324, [(360, "Att betala"), (480, "51 250,00 kr")]),
    (360, [(50, "Offerten gäller i 30 dagar. Vi tar ut ROT-avdrag efter godkänd ansökan.")]),
    (760, [(50, "Gränsfors Måleri HB · Org.nr 969712-4410 · Bankgiro 5544-1020")]),
]


def test_a_swedish_quote(settings: Settings, tmp_path: Path) -> None:
    f = drawn_fields(settings, tmp_path, SV_QUOTE)
    assert f["doc_type"] == "estimate"
    assert (f["quote_number"], f["issue_date"], f["valid_until"]) == (
        "2026-114",
        "2026-11-05",
        "2026-12-05",
    )
    assert (f["vendor"], f["buyer"]) == ("Gränsfors Måleri HB", "Brf Solgläntan")
    assert (f["subtotal"], f["tax"], f["total"], f["currency"]) == (
        "41000.00",
        "10250.00",
        "51250.00",
        "SEK",
    )


# --- Danish --------------------------------------------------------------------------

#: an invoice as e-conomic prints one: the customer's address in the window, the details
#: on the right, the totals stacked under the items, CVR and bank in the footer
DA_INVOICE: Rows = [
    (50, [(360, "Skovhus Byggemarked A/S", 13)]),
    (64, [(360, "Savværksvej 7")]),
    (76, [(360, "7400 Herning")]),
    (88, [(360, "CVR-nr. 31456789")]),
    (130, [(50, "Lindegaard Tømrer ApS")]),
    (142, [(50, "Att.: Mette Holm")]),
    (154, [(50, "Industrivej 14")]),
    (166, [(50, "8600 Silkeborg")]),
    (200, [(50, "Faktura", 16)]),
    (140, [(360, "Fakturanr."), (460, "2026-0417")]),
    (152, [(360, "Fakturadato"), (460, "20.11.2026")]),
    (164, [(360, "Kundenr."), (460, "10233")]),
    (176, [(360, "Deres ordre"), (460, "LT-5521")]),
    (188, [(360, "Forfaldsdato"), (460, "04.12.2026")]),
    (240, [(50, "Varenr."), (110, "Beskrivelse"), (300, "Antal"), (340, "Enhed")]),
    (240, [(390, "Enhedspris"), (480, "Beløb")]),
    (254, [(50, "TR-4590"), (110, "Terrassebrædder 28x120 mm"), (300, "120"), (340, "m")]),
    (254, [(390, "42,50"), (480, "5.100,00")]),
    (268, [(50, "SK-0210"), (110, "Rustfri skruer, 500 stk."), (300, "4"), (340, "pk")]),
    (268, [(390, "225,00"), (480, "900,00")]),
    (310, [(360, "Subtotal"), (480, "6.000,00")]),
    (322, [(360, "Moms 25%"), (480, "1.500,00")]),
    (336, [(360, "Total DKK", 11), (480, "7.500,00", 11)]),
    (380, [(50, "Betalingsbetingelser: Netto 14 dage")]),
    (760, [(50, "Skovhus Byggemarked A/S · Savværksvej 7 · 7400 Herning · CVR 31456789")]),
    (772, [(50, "Bank: Reg.nr. 7710 Kontonr. 0004512788 · IBAN DK5077100004512788")]),
]


def test_a_danish_invoice(settings: Settings, tmp_path: Path) -> None:
    f = drawn_fields(settings, tmp_path, DA_INVOICE)
    assert f["doc_type"] == "invoice"
    assert (f["invoice_number"], f["po_number"]) == ("2026-0417", "LT-5521")
    assert (f["issue_date"], f["due_date"]) == ("2026-11-20", "2026-12-04")
    assert (f["vendor"], f["buyer"]) == ("Skovhus Byggemarked A/S", "Lindegaard Tømrer ApS")
    # the CVR number under the letterhead's address is no line of it
    assert f["address"] == "Savværksvej 7, 7400 Herning"
    assert (f["subtotal"], f["tax"], f["total"], f["currency"]) == (
        "6000.00",
        "1500.00",
        "7500.00",
        "DKK",
    )
    assert item_rows(f) == [
        ("Terrassebrædder 28x120 mm", "120", "42.50", "5100.00"),
        ("Rustfri skruer, 500 stk.", "4", "225.00", "900.00"),
    ]


#: an order confirmation with its totals as a band: the labels in one row, the amounts
#: in the row under them
DA_CONFIRMATION: Rows = [
    (50, [(50, "Mølleå Maskiner ApS", 14)]),
    (64, [(50, "Fabriksvej 22, 5250 Odense SV")]),
    (50, [(380, "Ordrebekræftelse", 16)]),
    (80, [(380, "Ordrenr."), (470, "55120")]),
    (92, [(380, "Dato"), (470, "18.11.2026")]),
    (104, [(380, "Deres ordre"), (470, "PO-3381")]),
    (116, [(380, "Leveringsdato"), (470, "02.12.2026")]),
    (140, [(50, "Kunde"), (300, "Leveringsadresse")]),
    (152, [(50, "Frederiksholm Gartneri I/S"), (300, "Frederiksholm Gartneri I/S")]),
    (164, [(50, "Kirkegade 3"), (300, "Drivhusvej 10")]),
    (176, [(50, "4200 Slagelse"), (300, "4200 Slagelse")]),
    (220, [(50, "Vi bekræfter hermed jeres bestilling:")]),
    (250, [(50, "Varenr."), (110, "Beskrivelse"), (320, "Antal"), (380, "Stk.pris")]),
    (250, [(480, "Beløb")]),
    (264, [(50, "PM-300"), (110, "Plæneklipper, robot"), (320, "2"), (380, "8.400,00")]),
    (264, [(480, "16.800,00")]),
    (278, [(50, "LS-12"), (110, "Ladestation"), (320, "2"), (380, "1.600,00")]),
    (278, [(480, "3.200,00")]),
    (320, [(300, "Netto"), (380, "Moms"), (470, "I alt DKK")]),
    (332, [(300, "20.000,00"), (380, "5.000,00"), (470, "25.000,00")]),
]


def test_a_danish_order_confirmation(settings: Settings, tmp_path: Path) -> None:
    f = drawn_fields(settings, tmp_path, DA_CONFIRMATION)
    assert f["doc_type"] == "order_confirmation"
    assert (f["order_number"], f["po_number"]) == ("55120", "PO-3381")
    assert (f["issue_date"], f["delivery_date"]) == ("2026-11-18", "2026-12-02")
    assert (f["vendor"], f["buyer"]) == ("Mølleå Maskiner ApS", "Frederiksholm Gartneri I/S")
    assert f["total"] == "25000.00"
    assert item_rows(f) == [
        ("Plæneklipper, robot", "2", "8400.00", "16800.00"),
        ("Ladestation", "2", "1600.00", "3200.00"),
    ]


DA_QUOTE: Rows = [
    (50, [(50, "Vestkyst VVS ApS", 14)]),
    (64, [(50, "Havnegade 41, 6700 Esbjerg · CVR 40211873")]),
    (50, [(400, "Tilbud", 16)]),
    (80, [(380, "Tilbudsnr."), (470, "T-2026-083")]),
    (92, [(380, "Dato"), (470, "09.11.2026")]),
    (104, [(380, "Gyldig til"), (470, "09.12.2026")]),
    (140, [(50, "Tilbud til")]),
    (152, [(50, "Ribe Tandklinik I/S")]),
    (164, [(50, "Torvet 8")]),
    (176, [(50, "6760 Ribe")]),
    (230, [(50, "Beskrivelse"), (320, "Antal"), (380, "Enhedspris"), (480, "Beløb")]),
    (244, [(50, "Udskiftning af varmtvandsbeholder"), (320, "1"), (380, "14.500,00")]),
    (244, [(480, "14.500,00")]),
    (258, [(50, "Arbejdsløn, VVS-montør"), (320, "6"), (380, "625,00"), (480, "3.750,00")]),
    (300, [(360, "Subtotal"), (480, "18.250,00")]),
    (312, [(360, "Moms 25%"), (480, "4.562,50")]),
    (324, [(360, "I alt DKK"), (480, "22.812,50")]),
]


def test_a_danish_quote(settings: Settings, tmp_path: Path) -> None:
    f = drawn_fields(settings, tmp_path, DA_QUOTE)
    assert f["doc_type"] == "estimate"
    assert (f["quote_number"], f["issue_date"], f["valid_until"]) == (
        "T-2026-083",
        "2026-11-09",
        "2026-12-09",
    )
    assert (f["vendor"], f["buyer"]) == ("Vestkyst VVS ApS", "Ribe Tandklinik I/S")
    assert f["address"] == "Havnegade 41, 6700 Esbjerg"  # cut before its CVR number
    assert (f["subtotal"], f["tax"], f["total"], f["currency"]) == (
        "18250.00",
        "4562.50",
        "22812.50",
        "DKK",
    )


# --- Norwegian -----------------------------------------------------------------------

#: an invoice as Tripletex and Fiken print one: the organisation number registered for
#: VAT under the seller's name, KID for the payment, a discount column
NB_INVOICE: Rows = [
    (50, [(50, "Bjørkli Elektro AS", 14)]),
    (64, [(50, "Industriveien 4, 2010 Strømmen")]),
    (76, [(50, "Org.nr. NO 921 456 789 MVA")]),
    (50, [(400, "Faktura", 16)]),
    (130, [(50, "Fjordlys Eiendom AS")]),
    (142, [(50, "Strandveien 9")]),
    (154, [(50, "5004 Bergen")]),
    (120, [(360, "Fakturanr."), (460, "10087")]),
    (132, [(360, "Fakturadato"), (460, "20.11.2026")]),
    (144, [(360, "Forfallsdato"), (460, "04.12.2026")]),
    (156, [(360, "Kundenr."), (460, "20455")]),
    (168, [(360, "Deres ref."), (460, "Kari Nilsen")]),
    (180, [(360, "KID"), (460, "0010087204")]),
    (230, [(50, "Art.nr."), (100, "Beskrivelse"), (290, "Antall"), (330, "Enh.")]),
    (230, [(370, "Pris"), (420, "Rab. %"), (480, "Beløp")]),
    (244, [(50, "EL-2231"), (100, "Downlight LED 8 W"), (290, "40"), (330, "stk")]),
    (244, [(370, "250,00"), (420, "10"), (480, "9 000,00")]),
    (258, [(50, "ARB"), (100, "Montering, elektriker"), (290, "12"), (330, "t")]),
    (258, [(370, "750,00"), (420, ""), (480, "9 000,00")]),
    (300, [(360, "Sum eks. mva"), (480, "18 000,00")]),
    (312, [(360, "Mva 25 %"), (480, "4 500,00")]),
    (326, [(360, "Å betale NOK", 11), (480, "22 500,00", 11)]),
    (760, [(50, "Bjørkli Elektro AS · Kontonr. 1503 44 12345 · Foretaksregisteret")]),
]


def test_a_norwegian_invoice(settings: Settings, tmp_path: Path) -> None:
    f = drawn_fields(settings, tmp_path, NB_INVOICE)
    assert f["doc_type"] == "invoice"
    assert (f["invoice_number"], f["issue_date"], f["due_date"]) == (
        "10087",
        "2026-11-20",
        "2026-12-04",
    )
    assert (f["vendor"], f["buyer"]) == ("Bjørkli Elektro AS", "Fjordlys Eiendom AS")
    assert f["address"] == "Industriveien 4, 2010 Strømmen"
    assert (f["subtotal"], f["tax"], f["total"], f["currency"]) == (
        "18000.00",
        "4500.00",
        "22500.00",
        "NOK",
    )
    assert item_rows(f) == [
        ("Downlight LED 8 W", "40", "250.00", "9000.00"),
        ("Montering, elektriker", "12", "750.00", "9000.00"),
    ]


NB_ORDER: Rows = [
    (50, [(50, "Hardanger Sjømat AS", 14)]),
    (64, [(50, "Kaiveien 2, 5600 Norheimsund")]),
    (50, [(380, "Innkjøpsordre", 16)]),
    (80, [(380, "Bestillingsnr."), (470, "IO-44812")]),
    (92, [(380, "Ordredato"), (470, "16.11.2026")]),
    (104, [(380, "Ønsket leveringsdato"), (470, "30.11.2026")]),
    (140, [(50, "Leverandør"), (300, "Leveringsadresse")]),
    (152, [(50, "Vestland Emballasje AS"), (300, "Hardanger Sjømat AS")]),
    (164, [(50, "Sandviksveien 110"), (300, "Kaiveien 2")]),
    (176, [(50, "5035 Bergen"), (300, "5600 Norheimsund")]),
    (230, [(50, "Varenr."), (110, "Beskrivelse"), (320, "Antall"), (380, "Enhetspris")]),
    (230, [(480, "Sum")]),
    (244, [(50, "ISO-20"), (110, "Isoporkasse 20 kg"), (320, "800"), (380, "18,50")]),
    (244, [(480, "14 800,00")]),
    (258, [(50, "PAL-1"), (110, "Pall, engangs"), (320, "20"), (380, "110,00")]),
    (258, [(480, "2 200,00")]),
    (300, [(360, "Sum eks. mva"), (480, "17 000,00")]),
    (312, [(360, "Mva 25 %"), (480, "4 250,00")]),
    (324, [(360, "Totalt inkl. mva"), (480, "21 250,00")]),
    (760, [(50, "Hardanger Sjømat AS · Org.nr. 987 654 321 MVA")]),
]


def test_a_norwegian_purchase_order(settings: Settings, tmp_path: Path) -> None:
    f = drawn_fields(settings, tmp_path, NB_ORDER)
    assert f["doc_type"] == "purchase_order"
    assert f["po_number"] == "IO-44812"
    assert (f["issue_date"], f["delivery_date"]) == ("2026-11-16", "2026-11-30")
    assert (f["buyer"], f["vendor"]) == ("Hardanger Sjømat AS", "Vestland Emballasje AS")
    assert (f["subtotal"], f["tax"], f["total"], f["currency"]) == (
        "17000.00",
        "4250.00",
        "21250.00",
        "NOK",
    )
    assert item_rows(f) == [
        ("Isoporkasse 20 kg", "800", "18.50", "14800.00"),
        ("Pall, engangs", "20", "110.00", "2200.00"),
    ]


NB_QUOTE: Rows = [
    (50, [(50, "Lyngdal Tak og Bygg AS", 14)]),
    (64, [(50, "Sagveien 12, 4580 Lyngdal")]),
    (50, [(400, "Tilbud", 16)]),
    (80, [(380, "Tilbudsnr."), (470, "2026-57")]),
    (92, [(380, "Dato"), (470, "03.11.2026")]),
    (104, [(380, "Gyldig til"), (470, "03.12.2026")]),
    (140, [(50, "Kunde")]),
    (152, [(50, "Sørlandet Borettslag")]),
    (164, [(50, "Furulia 7")]),
    (176, [(50, "4515 Mandal")]),
    (230, [(50, "Beskrivelse"), (320, "Antall"), (380, "Pris"), (480, "Beløp")]),
    (244, [(50, "Omlegging av tak, skifer"), (320, "1"), (380, "186 000,00")]),
    (244, [(480, "186 000,00")]),
    (258, [(50, "Stillas, leie per uke"), (320, "3"), (380, "4 000,00"), (480, "12 000,00")]),
    (300, [(360, "Sum eks. mva"), (480, "198 000,00")]),
    (312, [(360, "Mva 25 %"), (480, "49 500,00")]),
    (324, [(360, "Totalt"), (480, "247 500,00")]),
    (360, [(50, "Tilbudet er gyldig i 30 dager.")]),
    (760, [(50, "Lyngdal Tak og Bygg AS · Org.nr. 912 345 678 MVA")]),
]


def test_a_norwegian_quote(settings: Settings, tmp_path: Path) -> None:
    f = drawn_fields(settings, tmp_path, NB_QUOTE)
    assert f["doc_type"] == "estimate"
    assert (f["quote_number"], f["issue_date"], f["valid_until"]) == (
        "2026-57",
        "2026-11-03",
        "2026-12-03",
    )
    assert (f["vendor"], f["buyer"]) == ("Lyngdal Tak og Bygg AS", "Sørlandet Borettslag")
    assert (f["subtotal"], f["tax"], f["total"], f["currency"]) == (
        "198000.00",
        "49500.00",
        "247500.00",
        "NOK",
    )


# --- what the packs add besides labels --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("Momsreg.nr SE556712345601", "SEK"),
        ("CVR-nr. 31 45 67 89", "DKK"),
        ("Org.nr. NO 921 456 789 MVA", "NOK"),
        ("Foretaksregisteret 921456789", "NOK"),
        ("IBAN NO93 8601 1117 947", "NOK"),
    ],
)
def test_nordic_tax_numbers_place_the_currency(text: str, currency: str) -> None:
    assert tax_country_currency(text) == currency


@pytest.mark.parametrize(
    ("words", "model"),
    [
        ("Fakturadatum Förfallodatum Belopp Moms Att betala", "swe"),
        ("Fakturadato Forfaldsdato Beløb Moms I alt", "dan"),
        ("Fakturadato Forfallsdato Beløp Mva Å betale", "nor"),
    ],
)
def test_a_nordic_scan_is_read_again_with_its_model(words: str, model: str) -> None:
    assert ocr_model_for(words.split(" "), "eng") == model


@needs_tesseract
@pytest.mark.parametrize(
    ("rows", "model", "parties"),
    [
        ("SV_INVOICE", "swe", ("Kvarnholm Verktyg AB", "Sjöbris Fastigheter AB")),
        ("NB_INVOICE", "nor", ("Bjørkli Elektro AS", "Fjordlys Eiendom AS")),
    ],
)
def test_a_nordic_scan_keeps_its_names_letters(
    settings: Settings, tmp_path: Path, rows: str, model: str, parties: tuple[str, str]
) -> None:
    # English's model reads "Sjobris", "Bjorkli": the first reading's words tell the
    # language, and its model (installed by `make test`, Makefile) reads the scan again
    assert model in installed_models()
    image = turned(render(draw(tmp_path / "d.pdf", globals()[rows]), dpi=200), 0.6)
    fields = extract(settings, save_png(image, tmp_path / "d.png"))["fields"]
    assert (fields["vendor"], fields["buyer"]) == parties


def test_the_nordic_packs_load_with_their_models() -> None:
    vocab = load(genres=[])
    assert {"sv", "da", "nb"} <= set(vocab.packs)
    assert {"swe", "dan", "nor"} <= set(vocab.ocr_models)
    assert (vocab.months["maj"], vocab.months["marts"], vocab.months["desember"]) == (5, 3, 12)


# --- agreements ----------------------------------------------------------------------

AGREEMENTS: dict[str, tuple[str, list[str], dict[str, Any]]] = {
    "sv": (
        "LEVERANSAVTAL",
        [
            "Detta avtal har ingåtts mellan Kestrel Livsmedel AB, Storgatan 4, 111 51 Stockholm "
            '(nedan kallad "Leverantören") och Ostrava Handel AB, Hamngatan 9, 411 14 Göteborg '
            '(nedan kallad "Kunden").',
            "2. Avtalstid. Avtalet träder i kraft den 1 mars 2021 och gäller för en period av "
            "två år. Avtalet förlängs därefter med ett år i taget, om det inte sägs upp med en "
            "uppsägningstid om tre månader.",
            "3. Tillämplig lag. Svensk lag ska tillämpas på detta avtal.",
            "Stockholm, den 15 februari 2021",
        ],
        {
            "parties": ["Kestrel Livsmedel AB", "Ostrava Handel AB"],
            "agreement_date": "2021-02-15",
            "effective_date": "2021-03-01",
            "term": "2 years",
            "expiration_date": "2023-03-01",
            "renewal_term": "successive 1 year",
            "notice_period": "3 months",
            "governing_law": "Sweden",
        },
    ),
    "da": (
        "SAMARBEJDSAFTALE",
        [
            "Denne aftale er indgået mellem Skovhus Byggemarked A/S, Savværksvej 7, 7400 Herning "
            '(herefter kaldet "Leverandøren") og Lindegaard Tømrer ApS, Industrivej 14, 8600 '
            'Silkeborg (herefter kaldet "Kunden").',
            "2. Varighed. Aftalen træder i kraft den 1. marts 2021 og løber i en periode på to "
            "år. Aftalen forlænges herefter med et år ad gangen, medmindre den opsiges med et "
            "varsel på tre måneder.",
            "3. Lovvalg. Aftalen reguleres af dansk ret.",
            "Herning, den 15. februar 2021",
        ],
        {
            "parties": ["Skovhus Byggemarked A/S", "Lindegaard Tømrer ApS"],
            "agreement_date": "2021-02-15",
            "effective_date": "2021-03-01",
            "term": "2 years",
            "expiration_date": "2023-03-01",
            "renewal_term": "successive 1 year",
            "notice_period": "3 months",
            "governing_law": "Denmark",
        },
    ),
    "nb": (
        "RAMMEAVTALE",
        [
            "Denne avtalen er inngått mellom Bjørkli Elektro AS, Industriveien 4, 2010 Strømmen "
            '(heretter kalt "Leverandøren") og Fjordlys Eiendom AS, Strandveien 9, 5004 Bergen '
            '(heretter kalt "Kunden").',
            "2. Varighet. Avtalen trer i kraft 1. mars 2021 og gjelder for en periode på to år. "
            "Avtalen forlenges deretter med ett år av gangen, med mindre den sies opp med et "
            "varsel på tre måneder.",
            "3. Lovvalg. Avtalen reguleres av norsk rett.",
            "Oslo, 15. februar 2021",
        ],
        {
            "parties": ["Bjørkli Elektro AS", "Fjordlys Eiendom AS"],
            "agreement_date": "2021-02-15",
            "effective_date": "2021-03-01",
            "term": "2 years",
            "expiration_date": "2023-03-01",
            "renewal_term": "successive 1 year",
            "notice_period": "3 months",
            "governing_law": "Norway",
        },
    ),
}


@pytest.mark.parametrize("lang", sorted(AGREEMENTS))
def test_a_nordic_agreement(settings: Settings, tmp_path: Path, lang: str) -> None:
    read_agreement(settings, tmp_path / f"{lang}.pdf", AGREEMENTS[lang])
