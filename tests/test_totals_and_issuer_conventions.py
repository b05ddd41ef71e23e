"""Conventions a probe of invented documents found misread, drawn here again with other
invented companies: a totals row under two columns' headings set close ("Wartość  VAT");
an Indian tax invoice's stacked "Sl" over "No.", its "HSN/SAC" column, its CGST and SGST
rows and a rounding printed "(-)0.16"; a charge's label between a note and its amount;
an order's issuer ("Émetteur") is its buyer; the "Unipessoal, Lda." form; a postcode
after its town (New Zealand, Singapore, India) closing an addressee's block; Polish
order confirmations; a table's rule OCR read as "|" between two headings."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from intake.extractors.base import Registry
from intake.extractors.extraction.amount_tables import column_role
from intake.extractors.extraction.analysis import reading_for
from intake.extractors.extraction.fields.money import find_amounts, parse_money
from intake.extractors.extraction.header_band import heading_pieces
from intake.extractors.extraction.layout import Cell
from intake.extractors.extraction.postcodes import POSTCODE
from intake.ingest.stages import Context, record_for, run_stages
from intake.record import Word
from intake.settings import Settings
from tests.test_layout_conventions import Rows, draw, drawn_fields, item_rows


def test_a_totals_row_under_two_headings_set_close(settings: Settings, tmp_path: Path) -> None:
    # the net value's heading and the narrow rate column's ("Wartosc" 8 points from
    # "VAT") read as one cell: the sums row's net is under "Wartosc" over "netto", not
    # under "VAT"
    rows: Rows = [
        (40, [(50, "Tartak Podhale Sp. z o.o.", 14), (360, "Faktura VAT nr FV/44/2026")]),
        (100, [(50, "Nabywca")]),
        (112, [(50, "Stolarnia Orawa Sp. z o.o.")]),
        (180, [(42, "Lp"), (60, "Nazwa"), (230, "Ilosc"), (280, "Cena")]),
        (180, [(330, "Wartosc", 7.5), (364, "VAT", 7.5), (420, "Kwota"), (490, "Wartosc")]),
        (189, [(280, "netto"), (336, "netto", 7.5), (425, "VAT"), (495, "brutto")]),
        (205, [(42, "1"), (60, "Deska sosnowa 32 mm"), (230, "200"), (280, "14,50")]),
        (205, [(330, "2 900,00", 7.5), (368, "23%", 7.5), (420, "667,00"), (490, "3 567,00")]),
        (217, [(42, "2"), (60, "Kantowka 50x50"), (230, "300"), (280, "6,20")]),
        (217, [(330, "1 860,00", 7.5), (368, "23%", 7.5), (420, "427,80"), (490, "2 287,80")]),
        (240, [(280, "Razem:"), (330, "4 760,00", 7.5), (420, "1 094,80"), (490, "5 854,80")]),
    ]
    path = draw(tmp_path / "d.pdf", rows)
    reading = reading_for(run_stages(record_for(path), Context(settings, Registry.default())))
    sums = next(line for line in reading.layout.lines if line.text.startswith("Razem"))
    assert [column_role(reading, cell) for cell in sums.cells[1:]] == ["subtotal", "tax", "total"]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["subtotal"], f["tax"], f["total"]) == ("4760.00", "1094.80", "5854.80")


def test_an_indian_tax_invoice(settings: Settings, tmp_path: Path) -> None:
    # "Sl" over "No." heads the position numbers; "HSN/SAC" heads the tariff codes, a
    # column of its own (its codes are no quantity); the units stand after the quantity
    # and again under "per"; CGST and SGST halves make the tax, a rounding "(-)" the total
    rows: Rows = [
        (40, [(50, "Deccan Packaging Private Limited", 13), (400, "TAX INVOICE", 14)]),
        (56, [(50, "Plot 12, Chakan MIDC, Pune 410501"), (400, "Invoice No. DP/26-27/0412")]),
        (68, [(400, "Dated 04-Dec-2026")]),
        (100, [(50, "Buyer (Bill to)")]),
        (112, [(50, "Narmada Foods Pvt. Ltd.")]),
        (124, [(50, "GIDC Estate, Vadodara 390010")]),
        (180, [(40, "Sl"), (62, "Description of Goods"), (230, "HSN/SAC"), (300, "Quantity")]),
        (180, [(380, "Rate"), (425, "per"), (500, "Amount")]),
        (189, [(40, "No.")]),
        (205, [(40, "1"), (62, "Corrugated box 5 ply"), (230, "4819"), (290, "1200.000 Nos")]),
        (205, [(375, "38.50"), (425, "Nos"), (495, "46,200.00")]),
        (221, [(40, "2"), (62, "Stretch film 23 micron"), (230, "3920"), (296, "85.500 kg")]),
        (221, [(375, "210.00"), (425, "kg"), (495, "17,955.00")]),
        (245, [(62, "CGST @ 9%"), (495, "5,773.95")]),
        (261, [(62, "SGST @ 9%"), (495, "5,773.95")]),
        (277, [(62, "Round Off"), (495, "(-)0.90")]),
        (293, [(62, "Total"), (480, "INR 75,702.00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert item_rows(f) == [
        ("Corrugated box 5 ply", "1200", "38.50", "46200.00"),
        ("Stretch film 23 micron", "85.5", "210.00", "17955.00"),
    ]
    assert (f["subtotal"], f["tax"], f["total"]) == ("64155.00", "11547.90", "75702.00")


def test_a_minus_in_parentheses_before_an_amount() -> None:
    # accounting programs print a negative adjustment "(-)0.16"
    assert parse_money("(-)0.16") == Decimal("-0.16")
    assert [v for _, _, v in find_amounts("Round Off (-) 1.20")] == [Decimal("-1.20")]
    assert [v for _, _, v in find_amounts("(12.00)")] == [Decimal("-12.00")]


def test_a_charges_label_between_a_note_and_its_amount(settings: Settings, tmp_path: Path) -> None:
    # the order's notes run beside its totals block: the tax word in a note ("tax
    # exempt") does not take the shipping's amount on its line
    rows: Rows = [
        (40, [(50, "Briar Creek Veterinary Clinic, PLLC", 13), (400, "PURCHASE ORDER", 14)]),
        (60, [(400, "PO # BC-26-0412")]),
        (72, [(400, "DATE 12/01/2026")]),
        (100, [(50, "VENDOR")]),
        (112, [(50, "Allegheny Animal Health Supply Inc.")]),
        (124, [(50, "210 Mill Road, Altoona, PA 16601")]),
        (180, [(50, "DESCRIPTION"), (350, "QTY"), (420, "UNIT PRICE"), (510, "TOTAL")]),
        (195, [(50, "Surgical drape 18x26, box/50"), (350, "10"), (420, "42.00"), (510, "420.00")]),
        (240, [(50, "1. Send two copies of your invoice."), (400, "SUBTOTAL"), (510, "420.00")]),
        (252, [(50, "2. Tax exempt: PA certificate 75-2201946."), (400, "TAX"), (510, "0.00")]),
        (264, [(50, "3. Tax exempt items only."), (400, "SHIPPING"), (510, "35.00")]),
        (276, [(400, "TOTAL"), (510, "$ 455.00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["subtotal"], f["tax"], f["total"]) == ("420.00", "0.00", "455.00")


def test_an_orders_issuer_is_its_buyer(settings: Settings, tmp_path: Path) -> None:
    # "Émetteur" (issuer) over the ordering company, "Fournisseur" over the supplier
    rows: Rows = [
        (40, [(220, "BON DE COMMANDE", 14)]),
        (56, [(250, "N° BC-2026-0311")]),
        (90, [(50, "Émetteur"), (330, "Fournisseur")]),
        (102, [(50, "Laboratoire Dentaire Vercors SARL"), (330, "Dentalia Distribution SA")]),
        (114, [(50, "4, rue des Alpes"), (330, "12, allée du Rhône")]),
        (126, [(50, "38000 Grenoble"), (330, "69007 Lyon")]),
        (150, [(50, "Date de commande : 02/12/2026")]),
        (180, [(50, "Désignation"), (330, "Qté"), (400, "P.U. HT"), (490, "Montant HT")]),
        (195, [(50, "Résine composite A2"), (330, "10"), (400, "24,00"), (490, "240,00")]),
        (240, [(400, "Total HT"), (490, "240,00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert f["doc_type"] == "purchase_order"
    assert (f["vendor"], f["buyer"]) == (
        "Dentalia Distribution SA",
        "Laboratoire Dentaire Vercors SARL",
    )


def test_the_one_member_companys_form_after_a_comma(settings: Settings, tmp_path: Path) -> None:
    # "…, Unipessoal Lda.": the form after the comma is the name's end, no second company
    rows: Rows = [
        (40, [(50, "Carpintaria Mondego, Lda.", 14), (420, "ORÇAMENTO", 14)]),
        (56, [(420, "N.º ORC 2026/118")]),
        (100, [(50, "Exmo.(s) Sr.(s)"), (400, "Data: 2026-12-01")]),
        (112, [(50, "Casa da Ribeira - Alojamento Local, Unipessoal Lda.")]),
        (124, [(50, "Rua do Cais, 14")]),
        (136, [(50, "3020-210 Coimbra")]),
        (180, [(50, "Descrição"), (330, "Qtd."), (400, "Preço unit."), (500, "Total")]),
        (195, [(50, "Porta interior em carvalho"), (330, "6"), (400, "410,00"), (500, "2 460,00")]),
        (240, [(400, "Total ilíquido"), (500, "2 460,00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert f["buyer"] == "Casa da Ribeira - Alojamento Local, Unipessoal Lda."


@pytest.mark.parametrize(
    ("line", "is_postcode"),
    [
        ("Mount Maunganui 3116", True),
        ("Singapore 408600", True),
        ("Pune, Maharashtra 411026", True),
        ("Mumbai - 400001", True),
        ("Invoice No 123456", False),
        ("Total 1234", False),
        ("Expo 2025", False),
        ("PO Box 1234", False),
        ("MOSQUITO RACKET 1084", False),
    ],
)
def test_a_postcode_after_its_town(line: str, is_postcode: bool) -> None:
    assert bool(POSTCODE.search(line)) is is_postcode


def test_an_addressee_whose_postcode_follows_its_town(settings: Settings, tmp_path: Path) -> None:
    # a New Zealand credit note: the customer's unlabelled block under the title, its
    # town and postcode last; the seller's letterhead flush right
    rows: Rows = [
        (33, [(400, "Rangitoto Marine Supplies Limited")]),
        (45, [(50, "CREDIT NOTE", 14), (430, "8 Wharf Street")]),
        (57, [(430, "Whangarei 0110")]),
        (
            85,
            [
                (50, "Kerikeri Boatworks Limited"),
                (300, "Credit Note Date"),
                (400, "2 December 2026"),
            ],
        ),
        (97, [(50, "22 Cobham Road"), (300, "Credit Note Number"), (400, "CN-00417")]),
        (109, [(50, "Kerikeri 0230"), (300, "GST Number"), (400, "112-403-886")]),
        (180, [(50, "Description"), (330, "Quantity"), (420, "Unit Price"), (500, "Amount NZD")]),
        (195, [(50, "Marine sealant 300 ml"), (330, "12"), (420, "18.50"), (500, "222.00")]),
        (240, [(420, "Subtotal"), (500, "222.00")]),
        (252, [(420, "GST 15%"), (500, "33.30")]),
        (264, [(420, "TOTAL CREDIT NZD"), (500, "255.30")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["buyer"], f["vendor"]) == (
        "Kerikeri Boatworks Limited",
        "Rangitoto Marine Supplies Limited",
    )


def test_a_polish_order_confirmation(settings: Settings, tmp_path: Path) -> None:
    rows: Rows = [
        (40, [(50, "Meble Warta Sp. z o.o.", 14)]),
        (56, [(50, "ul. Polna 4, 62-800 Kalisz")]),
        (90, [(330, "Hotel Nad Zalewem Sp. z o.o.")]),
        (102, [(330, "ul. Brzozowa 9")]),
        (114, [(330, "58-500 Jelenia Gora")]),
        (140, [(110, "POTWIERDZENIE ZAMOWIENIA nr ZS/2026/0077", 14)]),
        (160, [(50, "Data zamowienia:"), (180, "2026-12-02")]),
        (180, [(50, "Lp."), (70, "Nazwa"), (330, "Ilosc"), (400, "Cena netto")]),
        (180, [(480, "Wartosc netto")]),
        (
            195,
            [(50, "1"), (70, "Krzeslo bukowe"), (330, "40"), (400, "310,00"), (480, "12 400,00")],
        ),
        (240, [(400, "Razem netto"), (480, "12 400,00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["doc_type"], f["order_number"]) == ("order_confirmation", "ZS/2026/0077")


def test_a_rule_read_as_a_bar_parts_two_headings() -> None:
    # OCR reads a table's vertical rule between two headers set close as "|": the bar
    # parts them, as a column's gap does ("Wartość | VAT" over the net and the rate)
    words = (
        Word("Wartość", 394.0, 210.0, 428.0, 217.0, 0.9),
        Word("|", 430.0, 209.0, 431.5, 219.0, 0.6),
        Word("VAT", 433.0, 210.0, 453.0, 217.0, 0.9),
    )
    cell = Cell(1, 0, words, "Wartość | VAT")
    assert [text for _, _, _, text in heading_pieces(cell)] == ["Wartość", "VAT"]


def test_a_serial_numbers_header_alone(settings: Settings, tmp_path: Path) -> None:
    # "Sl" alone heads the serial numbers: no part of the item's text
    rows: Rows = [
        (40, [(50, "Malwa Switchgear Private Limited", 13), (400, "TAX INVOICE", 14)]),
        (56, [(400, "Invoice No. MS/26-27/0088")]),
        (100, [(50, "Buyer (Bill to)")]),
        (112, [(50, "Narmada Agro Foods Pvt. Ltd.")]),
        (180, [(40, "Sl"), (62, "Description of Goods"), (300, "Quantity"), (380, "Rate")]),
        (180, [(500, "Amount")]),
        (195, [(40, "1"), (62, "MCB 32A TP, C-curve"), (300, "24"), (375, "1,180.00")]),
        (195, [(495, "28,320.00")]),
        (240, [(62, "Total"), (480, "INR 28,320.00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert item_rows(f) == [("MCB 32A TP, C-curve", "24", "1180.00", "28320.00")]


def test_a_tax_summary_with_a_rate_column(settings: Settings, tmp_path: Path) -> None:
    # "%IVA" heads each row's rate (no amount, though "IVA" names the tax); the rows'
    # bases and taxes add up to the document's, no totals row closing them
    rows: Rows = [
        (40, [(50, "Pastificio Vesuviano S.r.l.", 14), (400, "FATTURA", 14)]),
        (60, [(400, "N. 2026/0412 del 01/12/2026")]),
        (100, [(50, "Cessionario/committente")]),
        (112, [(50, "Trattoria del Porto S.n.c.")]),
        (180, [(50, "Descrizione"), (330, "Quantità"), (400, "Prezzo"), (500, "Importo")]),
        (195, [(50, "Paccheri 500 g"), (330, "120"), (400, "1,85"), (500, "222,00")]),
        (207, [(50, "Detergente 10 kg"), (330, "4"), (400, "27,90"), (500, "111,60")]),
        (250, [(50, "%IVA"), (330, "Totale imponibile"), (480, "Totale imposta")]),
        (262, [(50, "10.00"), (330, "222,00"), (480, "22,20")]),
        (274, [(50, "22.00"), (330, "111,60"), (480, "24,55")]),
        (300, [(400, "Totale documento"), (500, "380,35")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["subtotal"], f["tax"], f["total"]) == ("333.60", "46.75", "380.35")


def test_a_tax_row_printing_its_base(settings: Settings, tmp_path: Path) -> None:
    # "TVA 2,6 % sur 1'200.00  31.20": the amount that is the rate of the other is the tax
    rows: Rows = [
        (40, [(50, "Traiteur du Léman Sàrl", 14), (400, "FACTURE", 14)]),
        (60, [(400, "N° 2026-118")]),
        (100, [(50, "Client")]),
        (112, [(50, "Fondation Les Tilleuls")]),
        (180, [(50, "Désignation"), (330, "Qté"), (400, "Prix"), (470, "TVA"), (510, "Montant")]),
        (
            195,
            [(50, "Buffet froid"), (330, "40"), (400, "30.00"), (470, "2,6 %"), (510, "1'200.00")],
        ),
        (
            207,
            [
                (50, "Service en salle"),
                (330, "6 h"),
                (400, "60.00"),
                (470, "8,1 %"),
                (510, "360.00"),
            ],
        ),
        (240, [(380, "Total hors TVA"), (510, "1'560.00")]),
        (252, [(380, "TVA 2,6 % sur 1'200.00"), (510, "31.20")]),
        (264, [(380, "TVA 8,1 % sur 360.00"), (510, "29.16")]),
        (276, [(380, "Total à payer CHF"), (510, "1'620.36")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["subtotal"], f["tax"], f["total"]) == ("1560.00", "60.36", "1620.36")


def test_a_percent_sign_run_into_the_bases_heading(settings: Settings, tmp_path: Path) -> None:
    # "%" printed right before "Base amount:" heads no rates: that column holds the bases
    rows: Rows = [
        (40, [(50, "Sportwinkel De Kempen BV", 14), (400, "INVOICE", 14)]),
        (60, [(400, "No. 000000007")]),
        (180, [(50, "Product"), (250, "Price"), (330, "Qty"), (400, "Subtotal"), (500, "Total")]),
        (
            195,
            [(50, "Walking boots"), (250, "85.00"), (330, "6"), (400, "510.00"), (500, "617.10")],
        ),
        (240, [(50, "TAX:"), (110, "% Base amount:"), (260, "Tax amount:"), (380, "Total:")]),
        (252, [(55, "VAT"), (100, "21.00"), (160, "510.00"), (270, "107.10"), (380, "617.10")]),
        (264, [(160, "510.00"), (270, "107.10"), (380, "617.10")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["subtotal"], f["tax"], f["total"]) == ("510.00", "107.10", "617.10")


def test_a_tax_heading_with_its_rate_over_the_tax(settings: Settings, tmp_path: Path) -> None:
    # "IVA 21 %" heads the tax charged at that rate, no column of rates
    rows: Rows = [
        (40, [(50, "Electricidad Segura, S.L.", 14), (400, "FACTURA", 14)]),
        (60, [(400, "Nº F-2026-0412")]),
        (180, [(50, "Concepto"), (330, "Cant."), (400, "Precio"), (500, "Importe")]),
        (195, [(50, "Panel LED 60x60"), (330, "10"), (400, "31,90"), (500, "319,00")]),
        (240, [(300, "Base imponible"), (400, "IVA 21 %"), (490, "TOTAL FACTURA")]),
        (252, [(310, "319,00"), (410, "66,99"), (500, "385,99 €")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["subtotal"], f["tax"], f["total"]) == ("319.00", "66.99", "385.99")
