"""Supplier invoices written by hand for a probe (invented companies, layout conventions
only), read with no company of ours: each test is one convention the probe found
misread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from intake.settings import Settings
from tests.test_layout_conventions import Rows, drawn_fields, item_rows


def test_a_weight_after_a_figure_is_no_legal_form(settings: Settings, tmp_path: Path) -> None:
    # "sac 25 kg" ends like a name with the German "KG": a unit after a figure is none,
    # and the letterhead without a legal form is the vendor
    rows: Rows = [
        (40, [(57, "Moulins & Fournils du Centre", 15)]),
        (58, [(57, "ZA des Vignes, 12 rue Denis Papin, 18000 Bourges")]),
        (44, [(400, "FACTURE", 18)]),
        (66, [(400, "N° FA25-01873")]),
        (115, [(330, "Boulangerie Marchand SARL")]),
        (127, [(330, "Place du Marché")]),
        (139, [(330, "36000 Châteauroux")]),
        (225, [(57, "Désignation"), (285, "Qté"), (315, "PU HT"), (415, "Montant HT")]),
        (239, [(57, "Farine de blé T65, sac 25 kg"), (285, "40"), (315, "16,80"), (415, "672,00")]),
        (
            253,
            [(57, "Farine de seigle T85, sac 25 kg"), (285, "10"), (315, "21,40"), (415, "214,00")],
        ),
        (320, [(370, "Total HT"), (480, "886,00")]),
        (332, [(370, "TVA 5,5 %"), (480, "48,73")]),
        (346, [(370, "Total TTC", 10), (480, "934,73 €", 10)]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["vendor"], f["buyer"]) == (
        "Moulins & Fournils du Centre",
        "Boulangerie Marchand SARL",
    )


def test_goods_and_merchandise_label_the_net(settings: Settings, tmp_path: Path) -> None:
    # "Merchandise" over a surcharge and the sales tax: the goods' value is the subtotal,
    # not the total less the tax
    rows: Rows = [
        (40, [(50, "Great Lakes Foodservice Supply, Inc.", 14)]),
        (56, [(50, "2400 W. Fulton St, Chicago, IL 60612")]),
        (40, [(420, "INVOICE", 18)]),
        (66, [(380, "Invoice No. INV-558213")]),
        (140, [(50, "SOLD TO:")]),
        (152, [(50, "Lakeview Bistro Group LLC")]),
        (164, [(50, "311 W. Superior St, Chicago, IL 60654")]),
        (275, [(50, "DESCRIPTION"), (340, "QTY"), (430, "PRICE"), (490, "EXTENSION")]),
        (289, [(50, "Canola Frying Oil 35 lb"), (340, "6"), (430, "38.95"), (490, "233.70")]),
        (303, [(50, "Flour, All Purpose 50 lb"), (340, "8"), (430, "21.40"), (490, "171.20")]),
        (370, [(380, "Merchandise"), (490, "404.90")]),
        (382, [(380, "Fuel Surcharge"), (490, "12.50")]),
        (394, [(380, "Sales Tax"), (490, "0.00")]),
        (408, [(380, "INVOICE TOTAL", 10), (480, "$417.40", 10)]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["subtotal"], f["total"]) == ("404.90", "417.40")


def test_the_debtor_is_the_buyer(settings: Settings, tmp_path: Path) -> None:
    # a forwarder's invoice names the party it charges "Debtor", over a block with its
    # VAT id, beside the invoice's details
    rows: Rows = [
        (40, [(50, "Northsea Cargo Logistics B.V.", 14)]),
        (56, [(50, "Waalhaven Z.z. 21, 3089 JH Rotterdam, The Netherlands")]),
        (68, [(50, "KvK 24381190  -  VAT NL812345678B01")]),
        (44, [(430, "INVOICE", 18)]),
        (110, [(50, "Debtor:")]),
        (122, [(50, "Brennan Agri Equipment Ltd")]),
        (134, [(50, "Ballycoolin Business Park")]),
        (146, [(50, "Dublin 15, D15 X2K8, Ireland")]),
        (158, [(50, "VAT IE 6388047V")]),
        (110, [(330, "Invoice no."), (430, "NCL25-004182")]),
        (122, [(330, "Invoice date"), (430, "11-06-2025")]),
        (268, [(50, "Description"), (330, "Qty"), (400, "Price"), (480, "Amount")]),
        (282, [(50, "Terminal handling charges"), (330, "1"), (400, "265.00"), (480, "265.00")]),
        (375, [(360, "Total EUR"), (480, "265.00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert f["buyer"] == "Brennan Agri Equipment Ltd"


def test_a_second_code_column_is_no_part_of_the_description(
    settings: Settings, tmp_path: Path
) -> None:
    # "Art. no. | EAN | Description": the barcode is a second code, not the item's text
    rows: Rows = [
        (40, [(50, "Verpakkingen Zuid B.V.", 14)]),
        (56, [(50, "Industrieweg 4, 5652 AA Eindhoven")]),
        (40, [(420, "INVOICE", 16)]),
        (62, [(380, "Invoice no. VZ-25-0418")]),
        (
            230,
            [
                (50, "Art. no."),
                (105, "EAN"),
                (180, "Description"),
                (340, "Qty"),
                (415, "Price"),
                (490, "Amount"),
            ],
        ),
        (
            244,
            [
                (50, "CB-3030"),
                (105, "8712345000123"),
                (180, "Cake box 30x30x12 white"),
                (340, "1500"),
                (415, "0.3120"),
                (490, "468.00"),
            ],
        ),
        (
            258,
            [
                (50, "BB-1000"),
                (105, "8712345000420"),
                (180, "Bread bag paper, window"),
                (340, "10000"),
                (415, "0.0420"),
                (490, "420.00"),
            ],
        ),
        (300, [(415, "Total"), (490, "888.00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert [i[0] for i in item_rows(f)] == ["Cake box 30x30x12 white", "Bread bag paper, window"]
    assert [i["code"] for i in f["line_items"]] == ["CB-3030", "BB-1000"]


def test_ten_columns_with_a_running_number_and_value_headers(
    settings: Settings, tmp_path: Path
) -> None:
    # a VAT invoice's table: "No. | Name | Qty | Unit | Net price | Net value | VAT % | VAT
    # amount | Gross value" (ten roles with the running number); "Value" alone heads the
    # amounts of a British trade counter's table
    rows: Rows = [
        (40, [(50, "Stalprofil Sp. z o.o.", 14)]),
        (56, [(50, "ul. Przemysłowa 12, 40-020 Katowice")]),
        (40, [(420, "INVOICE", 16)]),
        (62, [(380, "No. FV/2025/03/0147")]),
        (
            210,
            [
                (50, "No."),
                (75, "Name of goods/service"),
                (218, "Qty"),
                (245, "Unit"),
                (272, "Net price"),
                (325, "Net value"),
                (385, "VAT %"),
                (420, "VAT amount"),
                (485, "Gross value"),
            ],
        ),
        (
            224,
            [
                (50, "1"),
                (75, "Steel sheet S235 2 mm"),
                (218, "120"),
                (245, "pcs"),
                (272, "85.50"),
                (325, "10260.00"),
                (385, "23"),
                (420, "2359.80"),
                (485, "12619.80"),
            ],
        ),
        (
            238,
            [
                (50, "2"),
                (75, "Powder coating RAL 7016"),
                (218, "120"),
                (245, "pcs"),
                (272, "22.00"),
                (325, "2640.00"),
                (385, "23"),
                (420, "607.20"),
                (485, "3247.20"),
            ],
        ),
        (280, [(385, "In total"), (485, "15867.00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert item_rows(f) == [
        ("Steel sheet S235 2 mm", "120", "85.50", "10260.00"),
        ("Powder coating RAL 7016", "120", "22.00", "2640.00"),
    ]
    rows = [
        (40, [(50, "Mercia Electrical Wholesale Ltd", 14)]),
        (56, [(50, "Unit 3, Tame Road, Birmingham B6 7HS")]),
        (40, [(420, "INVOICE", 16)]),
        (62, [(380, "Invoice No. 558104")]),
        (215, [(50, "Code"), (120, "Description"), (330, "Qty"), (370, "Price"), (490, "Value")]),
        (
            229,
            [
                (50, "TE25"),
                (120, "Twin & Earth 2.5mm 100m grey"),
                (330, "6"),
                (370, "62.40"),
                (490, "374.40"),
            ],
        ),
        (
            243,
            [
                (50, "TE15"),
                (120, "Twin & Earth 1.5mm 100m grey"),
                (330, "4"),
                (370, "44.10"),
                (490, "176.40"),
            ],
        ),
        (290, [(370, "Goods"), (490, "550.80")]),
    ]
    (tmp_path / "value").mkdir()
    f = drawn_fields(settings, tmp_path / "value", rows)
    assert ([i[3] for i in item_rows(f)], f["subtotal"]) == (["374.40", "176.40"], "550.80")


def test_flemish_labels_of_the_due_date_and_the_customers_order(
    settings: Settings, tmp_path: Path
) -> None:
    rows: Rows = [
        (40, [(50, "Bouwbedrijf Peeters BV", 14)]),
        (56, [(50, "Kerkstraat 10, 2000 Antwerpen")]),
        (40, [(420, "FACTUUR", 16)]),
        (62, [(380, "Factuurnummer"), (470, "2025-0412")]),
        (74, [(380, "Factuurdatum"), (470, "14/03/2025")]),
        (86, [(380, "Vervaldag"), (470, "13/04/2025")]),
        (98, [(380, "Uw bestelbon"), (470, "BB-7781")]),
        (200, [(50, "Omschrijving"), (330, "Aantal"), (400, "Prijs"), (480, "Bedrag")]),
        (214, [(50, "Plaatsen gyprocwanden"), (330, "1"), (400, "2.400,00"), (480, "2.400,00")]),
        (260, [(400, "Totaal"), (480, "2.400,00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["due_date"], f["po_number"]) == ("2025-04-13", "BB-7781")


def test_terms_with_a_cash_discount_are_due_at_their_net_date(
    settings: Settings, tmp_path: Path
) -> None:
    # "Zahlbar bis 12.04.2025 mit 2 % Skonto, bis 02.05.2025 netto": the first date is
    # the discount's deadline, the net date the due date; a sentence without a rate
    # ("Pas d'escompte") offers no discount
    rows: Rows = [
        (40, [(50, "Elektro Brunner KG", 14)]),
        (56, [(50, "Industriestraße 4, 80939 München")]),
        (110, [(50, "Elektrotechnik Seidl GmbH")]),
        (122, [(50, "Am Anger 3")]),
        (134, [(50, "85354 Freising")]),
        (180, [(50, "Rechnung Nr. 25-0412", 13), (400, "Datum: 13.03.2025")]),
        (220, [(50, "Bezeichnung"), (300, "Menge"), (360, "Einzelpreis"), (470, "Betrag")]),
        (236, [(50, "NYM-J 3x1,5 Ring 100m"), (300, "5"), (360, "89,90"), (470, "449,50")]),
        (280, [(360, "Nettobetrag"), (470, "449,50")]),
        (292, [(360, "USt. 19 %"), (470, "85,41")]),
        (304, [(360, "Gesamtbetrag"), (470, "534,91 €")]),
        (340, [(50, "Zahlbar bis 12.04.2025 mit 2 % Skonto, bis 02.05.2025 netto.")]),
    ]
    assert drawn_fields(settings, tmp_path, rows)["due_date"] == "2025-05-02"
    rows[-1] = (340, [(50, "Payable by 12/04/2025 less 2% discount, or by 02/05/2025 net.")])
    (tmp_path / "en").mkdir()
    assert drawn_fields(settings, tmp_path / "en", rows)["due_date"] == "2025-05-02"
    rows[-1] = (340, [(50, "Zahlbar bis 12.04.2025 ohne Abzug. Lieferung ab 02.05.2025.")])
    (tmp_path / "plain").mkdir()
    assert drawn_fields(settings, tmp_path / "plain", rows)["due_date"] == "2025-04-12"


def test_a_date_label_right_before_another_gives_it_no_value(
    settings: Settings, tmp_path: Path
) -> None:
    # "Payment within 30 days of invoice date: due 14-05-2025": the date after the
    # colon is the due date's, not the invoice's (its date is in the details' grid)
    rows: Rows = [
        (40, [(50, "Verpakkingen Zuid B.V.", 14)]),
        (56, [(50, "Industrieweg 4, 5652 AA Eindhoven")]),
        (40, [(420, "INVOICE", 16)]),
        (120, [(50, "Invoice no."), (160, "Invoice date")]),
        (132, [(50, "VZ-25-0418"), (160, "14-04-2025")]),
        (200, [(50, "Description"), (330, "Qty"), (400, "Price"), (480, "Amount")]),
        (214, [(50, "Cake box 30x30x12 white"), (330, "1500"), (400, "0.3120"), (480, "468.00")]),
        (260, [(400, "Total"), (480, "468.00")]),
        (300, [(50, "Payment within 30 days of invoice date: due 14-05-2025.")]),
    ]
    assert drawn_fields(settings, tmp_path, rows)["issue_date"] == "2025-04-14"


def test_a_totals_label_beside_a_tax_summarys_header_ends_the_items(
    settings: Settings, tmp_path: Path
) -> None:
    # "Taxa | Incidência | Valor IVA" on the row of "Total Ilíquido 653,50": the header of
    # the tax summary and the first row of the totals block, no item
    rows: Rows = [
        (40, [(50, "Papelaria Central, Lda.", 14)]),
        (56, [(50, "Rua de Santa Catarina 200, 4000-442 Porto")]),
        (40, [(420, "FATURA", 16)]),
        (62, [(380, "FT 2025/1187")]),
        (
            230,
            [
                (50, "Artigo"),
                (100, "Descrição"),
                (285, "Qtd."),
                (315, "Un."),
                (345, "Preço Unit."),
                (410, "Desc."),
                (445, "IVA"),
                (485, "Total Líquido"),
            ],
        ),
        (
            244,
            [(50, "PA4-80"), (100, "Papel A4 80 g, resma"), (285, "50"), (315, "UN")]
            + [(350, "3,95"), (410, "0%"), (445, "23%"), (495, "197,50")],
        ),
        (
            258,
            [(50, "TN-HP59"), (100, "Toner HP 59A preto"), (285, "4"), (315, "UN")]
            + [(350, "114,00"), (410, "10%"), (445, "23%"), (495, "410,40")],
        ),
        (
            280,
            [
                (50, "Taxa"),
                (100, "Incidência"),
                (170, "Valor IVA"),
                (330, "Total Ilíquido"),
                (495, "653,50"),
            ],
        ),
        (
            292,
            [
                (50, "23%"),
                (100, "607,90"),
                (170, "139,82"),
                (330, "Desconto Comercial"),
                (495, "45,60"),
            ],
        ),
        (314, [(330, "IVA"), (495, "139,82")]),
        (328, [(330, "Total (EUR)", 10), (495, "747,72", 10)]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert [i[3] for i in item_rows(f)] == ["197.50", "410.40"]


def test_a_brand_of_initials_stands_for_the_registered_name_they_spell(
    settings: Settings, tmp_path: Path
) -> None:
    # a logo of initials ("HBM") at the top, the legal name only in the footer
    rows: Rows = [
        (44, [(50, "HBM", 28)]),
        (70, [(50, "Canal Wharf, Leeds LS11 5PS")]),
        (40, [(420, "INVOICE", 18)]),
        (66, [(380, "Invoice No. SI-204417")]),
        (120, [(50, "Invoice to:")]),
        (132, [(50, "Ashby Joinery Ltd")]),
        (144, [(50, "Mill Lane, Otley LS21 3HE")]),
        (200, [(50, "Description"), (330, "Qty"), (400, "Price"), (480, "Amount")]),
        (
            214,
            [(50, "Sawn timber 47x100 C24, 4.8 m"), (330, "25"), (400, "12.85"), (480, "321.25")],
        ),
        (270, [(400, "Total"), (480, "321.25")]),
        (790, [(50, "Hartwell Builders Merchants Ltd, registered in England no. 04412987", 7)]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["vendor"], f["buyer"]) == ("Hartwell Builders Merchants Ltd", "Ashby Joinery Ltd")


def test_a_label_set_off_by_a_dash_inside_a_sentence_is_a_label(
    settings: Settings, tmp_path: Path
) -> None:
    # "Pagamento: bonifico bancario a 30 gg d.f. - Scadenza 15/10/2025": the due date's
    # word begins a part of the line set off by a dash
    rows: Rows = [
        (40, [(50, "Tecnoufficio Adriatica S.r.l.", 15)]),
        (56, [(50, "Via Flaminia 120, 61121 Pesaro")]),
        (40, [(420, "FATTURA", 16)]),
        (62, [(380, "Numero 118/2025")]),
        (74, [(380, "Data 15/09/2025")]),
        (200, [(50, "Descrizione"), (330, "Quantità"), (400, "Prezzo"), (480, "Importo")]),
        (
            214,
            [(50, "Stampante multifunzione A3"), (330, "1"), (400, "2.400,00"), (480, "2.400,00")],
        ),
        (260, [(400, "Totale documento"), (480, "2.928,00")]),
        (300, [(50, "Pagamento: bonifico bancario a 30 gg d.f. - Scadenza 15/10/2025")]),
    ]
    assert drawn_fields(settings, tmp_path, rows)["due_date"] == "2025-10-15"


def test_continued_at_a_pages_foot_carries_the_items_onto_the_next(
    settings: Settings, tmp_path: Path
) -> None:
    # page 1 ends its items with "Continued...", and page 2 goes on with them under its
    # running header, without the table's header
    def row(y: float, desc: str, qty: str, price: str, value: str) -> tuple[float, Any]:
        return (y, [(120, desc), (330, qty), (370, price), (490, value)])

    page1: Rows = [
        (40, [(50, "Pennine Electrical Wholesale Ltd", 15)]),
        (58, [(50, "Unit 3, Calder Park, Wakefield WF2 7AW")]),
        (44, [(440, "INVOICE", 18)]),
        (66, [(400, "Invoice No. PEW/118803")]),
        (215, [(120, "Description"), (330, "Qty"), (370, "Price"), (490, "Value")]),
        row(229, "Twin & Earth 2.5mm 100m grey", "6", "62.40", "374.40"),
        row(243, "Consumer unit 12-way RCBO", "2", "189.00", "378.00"),
        (280, [(430, "Continued...")]),
        (795, [(50, "Pennine Electrical Wholesale Ltd. Registered in England No. 05512874.", 6.5)]),
    ]
    page2: Rows = [
        (31, [(50, "Pennine Electrical Wholesale Ltd", 11)]),
        (49, [(50, "Invoice No. PEW/118803 (continued)"), (430, "Page 2 of 2")]),
        row(83, "Junction box 20A 4 terminal", "20", "1.35", "27.00"),
        row(97, "Emergency bulkhead LED 3hr", "6", "29.50", "177.00"),
        (140, [(370, "Total"), (490, "956.40")]),
    ]
    f = drawn_fields(settings, tmp_path, page1, page2)
    assert [i[3] for i in item_rows(f)] == ["374.40", "378.00", "27.00", "177.00"]


def test_an_invoices_order_date_is_not_its_own(settings: Settings, tmp_path: Path) -> None:
    # "Order Date" on an invoice dates the customer's order; the invoice's own date is the
    # bare "Date" (on a purchase order the order's date is its own: test_purchasing_probes)
    rows: Rows = [
        (40, [(50, "Brookfield Fasteners Inc.", 14)]),
        (56, [(50, "77 Foundry Road, Dayton, OH 45402")]),
        (44, [(400, "INVOICE", 18)]),
        (70, [(400, "Invoice #"), (470, "BF-30417")]),
        (82, [(400, "Date"), (470, "06/18/2025")]),
        (94, [(400, "Order Date"), (470, "06/02/2025")]),
        (130, [(50, "Bill To:"), (120, "Kessler Tool & Die LLC")]),
        (142, [(120, "410 Mill St, Troy, OH 45373")]),
        (200, [(50, "Description"), (300, "Qty"), (380, "Price"), (480, "Amount")]),
        (214, [(50, "Hex bolt M10x40, zinc"), (300, "500"), (380, "0.32"), (480, "160.00")]),
        (250, [(380, "Total"), (480, "$160.00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["doc_type"], f["issue_date"]) == ("invoice", "2025-06-18")


def test_a_window_beside_details_spaced_on_their_own(settings: Settings, tmp_path: Path) -> None:
    # a DIN 5008 letter: the window's lines and the details beside it are each spaced on
    # their own, half a line apart, so the two columns' lines are read in turns; the
    # details' lines beside the window are no break in its block
    rows: Rows = [
        (50, [(57, "Feinkost Albers GmbH", 16)]),
        (140, [(57, "Feinkost Albers GmbH · Marktstraße 8 · 55116 Mainz", 6.5)]),
        (158, [(57, "Gasthaus Zur Linde GmbH")]),
        (170, [(57, "Küche")]),
        (182, [(57, "Lindenweg 14")]),
        (194, [(57, "65183 Wiesbaden")]),
        (140, [(355, "Rechnungsnummer:"), (455, "2025-1187")]),
        (152, [(355, "Rechnungsdatum:"), (455, "08.07.2025")]),
        (164, [(355, "Kundennummer:"), (455, "K-3311")]),
        (176, [(355, "Leistungsdatum:"), (455, "07.07.2025")]),
        (188, [(355, "Telefon:"), (455, "06131 555 2840")]),
        (270, [(57, "Rechnung", 14)]),
        (332, [(57, "Bezeichnung"), (315, "Menge"), (392, "Einzelpreis"), (500, "Gesamt")]),
        (346, [(57, "Bergkäse 12 Monate, kg"), (315, "5"), (392, "24,00"), (500, "120,00")]),
        (380, [(355, "Gesamtbetrag netto"), (500, "120,00")]),
        (392, [(355, "zzgl. USt 7 %"), (500, "8,40")]),
        (406, [(355, "Rechnungsbetrag EUR"), (500, "128,40")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["vendor"], f["buyer"]) == ("Feinkost Albers GmbH", "Gasthaus Zur Linde GmbH")


@pytest.mark.parametrize(
    ("terms", "due"),
    [
        ("Zahlbar innerhalb 30 Tagen netto, spätestens am 13.11.2025.", "2025-11-13"),
        ("Zahlungsziel: 14 Tage ohne Abzug, fällig am 16.06.2025.", "2025-06-16"),
        (
            "Bitte überweisen Sie den Rechnungsbetrag bis zum 15.09.2025 auf unser Konto.",
            "2025-09-15",
        ),
        (
            "Pagamento: bonifico bancario entro il 27/10/2025 - IBAN IT40 S030 6902 4771",
            "2025-10-27",
        ),
        ("Payment: bank transfer by 20/09/2025 to the account below.", "2025-09-20"),
        ("Payable à 30 jours, soit le 19/12/2025, par virement.", "2025-12-19"),
        ("Payment within 30 days of invoice date: due 05/10/2025.", "2025-10-05"),
        ("Payment is due within 30 days, by 5 October 2025.", "2025-10-05"),
        # a cash discount's deadline first, then the net date
        (
            "Zahlungsbedingungen: bis 15.09.2025 abzüglich 2 % Skonto, bis 05.10.2025 netto.",
            "2025-10-05",
        ),
        # a payment made on a day is no term of payment
        ("Payment received on 20/09/2025 with thanks.", None),
        ("Amount due 200.00 EUR, thank you for your order.", None),
    ],
)
def test_payment_terms_sentences_state_the_due_date(
    settings: Settings, tmp_path: Path, terms: str, due: str | None
) -> None:
    rows: Rows = [
        (40, [(50, "Hallbeck Trading Ltd", 14)]),
        (56, [(50, "9 Quay Street, Galway, Ireland")]),
        (44, [(400, "INVOICE", 18)]),
        (70, [(400, "Invoice No."), (480, "HT-5521")]),
        (82, [(400, "Date"), (480, "05/09/2025")]),
        (130, [(50, "Bill To:"), (120, "Corrib Marine Services Ltd")]),
        (142, [(120, "Dock Road, Galway")]),
        (200, [(50, "Description"), (300, "Qty"), (380, "Price"), (480, "Amount")]),
        (214, [(50, "Mooring rope 24 mm, per m"), (300, "50"), (380, "4.00"), (480, "200.00")]),
        (250, [(380, "Total EUR"), (480, "200.00")]),
        (300, [(50, terms)]),
    ]
    assert drawn_fields(settings, tmp_path, rows).get("due_date") == due


#: a Belgian supplier's invoice head: letterhead, the customer, the title and its number
_BELGIAN_HEAD: Rows = [
    (40, [(50, "Imprimerie Delvaux SPRL", 14)]),
    (56, [(50, "Rue de Namur 41, 5000 Namur")]),
    (110, [(330, "Brasserie du Condroz SA")]),
    (122, [(330, "Route de Liège 12, 4500 Huy")]),
    (170, [(50, "FACTURE", 16)]),
]


def test_e_invoicing_labels_of_orders_and_totals(settings: Settings, tmp_path: Path) -> None:
    # "Bon de commande" alone heading a box of the details' row is the customer's order;
    # "Total hors TVA" (Belgium, Luxembourg) is the net, as "Total hors taxes" is, and no tax
    rows: Rows = [
        *_BELGIAN_HEAD,
        (200, [(50, "Facture n°"), (150, "Date"), (250, "Bon de commande")]),
        (212, [(50, "F25-0311"), (150, "12/05/2025"), (250, "BC-HUY-118")]),
        (260, [(50, "Désignation"), (300, "Qté"), (380, "PU"), (480, "Montant")]),
        (
            274,
            [(50, "Étiquettes bière 33 cl, rouleau"), (300, "40"), (380, "18,00"), (480, "720,00")],
        ),
        (310, [(380, "Total hors TVA"), (480, "720,00")]),
        (322, [(380, "TVA 21 %"), (480, "151,20")]),
        (336, [(380, "Total TVAC"), (480, "871,20 €")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["po_number"], f["subtotal"], f["tax"], f["total"]) == (
        "BC-HUY-118",
        "720.00",
        "151.20",
        "871.20",
    )


@pytest.mark.parametrize(
    ("label", "value"),
    [
        ("Auftragsreferenz:", "4700321987"),  # an Austrian public buyer's order
        ("N° d'engagement juridique :", "2025EJ004512"),  # a French public buyer's (Chorus)
    ],
)
def test_a_public_buyers_order_reference(
    settings: Settings, tmp_path: Path, label: str, value: str
) -> None:
    rows: Rows = [
        *_BELGIAN_HEAD,
        (200, [(50, "N° F25-0312"), (330, "Date : 14/05/2025")]),
        (212, [(330, label), (450, value)]),
        (260, [(50, "Désignation"), (300, "Qté"), (380, "PU"), (480, "Montant")]),
        (274, [(50, "Affiches A2, quadri"), (300, "100"), (380, "2,40"), (480, "240,00")]),
        (310, [(380, "Total"), (480, "240,00 €")]),
    ]
    assert drawn_fields(settings, tmp_path, rows)["po_number"] == value


def test_a_credit_notes_total_label(settings: Settings, tmp_path: Path) -> None:
    # "Gutschriftsbetrag" closes a German credit note's totals as "Gesamtbetrag" does
    rows: Rows = [
        (40, [(50, "Getränke Vogt GmbH", 14)]),
        (56, [(50, "Brauhausstraße 2, 95444 Bayreuth")]),
        (110, [(50, "Gasthof Sonne e.K.")]),
        (122, [(50, "Marktplatz 1, 95463 Bindlach")]),
        (170, [(50, "Gutschrift Nr. GS-2025-044", 14)]),
        (190, [(50, "Datum: 03.06.2025")]),
        (230, [(50, "Bezeichnung"), (300, "Menge"), (380, "Preis"), (480, "Betrag")]),
        (244, [(50, "Leergut Kasten 20x0,5 l"), (300, "-40"), (380, "3,10"), (480, "-124,00")]),
        (280, [(380, "Nettobetrag"), (480, "-124,00")]),
        (292, [(380, "USt. 19 %"), (480, "-23,56")]),
        (306, [(380, "Gutschriftsbetrag"), (480, "-147,56 €")]),
    ]
    assert drawn_fields(settings, tmp_path, rows)["total"] == "-147.56"


def test_an_e_invoices_courtesy_copy_prints_its_prices_raw(
    settings: Settings, tmp_path: Path
) -> None:
    # a FatturaPA's courtesy copy prints the XML's values: "7.400000" is 7.40
    rows: Rows = [
        (40, [(57, "Idrotecnica Marchi S.r.l.", 12)]),
        (54, [(57, "Via Emilia 40, 40026 Imola (BO)")]),
        (110, [(330, "Spett.le")]),
        (122, [(330, "Comune di Castel Guelfo")]),
        (134, [(330, "Piazza Biagi 1, 40023 Castel Guelfo (BO)")]),
        (180, [(57, "FATTURA N. 2025/0412 del 14/04/2025", 12)]),
        (
            230,
            [
                (57, "Descrizione"),
                (290, "Quantità"),
                (340, "Prezzo unitario"),
                (490, "Prezzo totale"),
            ],
        ),
        (
            244,
            [(57, "Valvola a sfera 3/4 PN40"), (290, "50.00"), (340, "7.400000"), (500, "370.00")],
        ),
        (256, [(57, "Raccordo ottone 1/2"), (290, "200.00"), (340, "1.950000"), (500, "390.00")]),
        (290, [(380, "Imponibile"), (500, "760.00")]),
        (302, [(380, "IVA 22%"), (500, "167.20")]),
        (316, [(380, "Totale documento"), (500, "927.20")]),
    ]
    assert item_rows(drawn_fields(settings, tmp_path, rows)) == [
        ("Valvola a sfera 3/4 PN40", "50", "7.40", "370.00"),
        ("Raccordo ottone 1/2", "200", "1.95", "390.00"),
    ]


def test_a_peppol_rendering_sum_column_and_its_totals(settings: Settings, tmp_path: Path) -> None:
    # "Sum" heads the lines' amounts; "Sum of line amounts" opens the totals, beside the
    # VAT breakdown's heading: neither it nor the allowance and charge rows are items
    rows: Rows = [
        (40, [(57, "Fjordlys Elektro AS", 13)]),
        (56, [(57, "Sandviksveien 41, 5035 Bergen")]),
        (110, [(57, "Buyer"), (120, "Bergen Eiendom AS")]),
        (122, [(120, "Strandgaten 180, 5004 Bergen")]),
        (160, [(57, "Invoice number"), (160, "2025-1190")]),
        (172, [(57, "Issue date"), (160, "2025-09-15")]),
        (210, [(57, "Description"), (300, "Qty"), (340, "Unit"), (380, "Price"), (490, "Sum")]),
        (
            224,
            [
                (57, "LED panel 60x60 36W"),
                (300, "24"),
                (340, "EA"),
                (380, "489.00"),
                (490, "11,736.00"),
            ],
        ),
        (
            238,
            [
                (57, "Electrician hours"),
                (300, "16"),
                (340, "HUR"),
                (380, "795.00"),
                (490, "12,720.00"),
            ],
        ),
        (270, [(57, "VAT breakdown", 9), (320, "Sum of line amounts"), (490, "24,456.00")]),
        (
            282,
            [(57, "Rate", 8), (120, "Taxable", 8), (320, "Allowance: discount"), (490, "-456.00")],
        ),
        (
            294,
            [
                (57, "25 %", 8),
                (120, "24,000.00", 8),
                (320, "Total without VAT"),
                (490, "24,000.00"),
            ],
        ),
        (306, [(320, "VAT total"), (490, "6,000.00")]),
        (318, [(320, "Total with VAT"), (490, "30,000.00")]),
    ]
    assert item_rows(drawn_fields(settings, tmp_path, rows)) == [
        ("LED panel 60x60 36W", "24", "489.00", "11736.00"),
        ("Electrician hours", "16", "795.00", "12720.00"),
    ]


@pytest.mark.parametrize(
    ("title", "reference"),
    [
        ("AVOIR", "Facture d'origine : FA25-0412 du 14/04/2025"),
        ("CREDIT NOTE", "Original invoice: FA25-0412 of 14/04/2025"),
        ("GUTSCHRIFT", "Ursprüngliche Rechnung FA25-0412 vom 14.04.2025"),
    ],
)
def test_a_credit_notes_own_number_not_the_invoice_it_corrects(
    settings: Settings, tmp_path: Path, title: str, reference: str
) -> None:
    # the credit note's number under its title; the invoice it corrects is referred to
    rows: Rows = [
        *_BELGIAN_HEAD[:4],
        (200, [(57, title, 18)]),
        (224, [(57, "N° AV25-0031"), (330, "Date : 22/04/2025")]),
        (246, [(57, reference)]),
        (290, [(57, "Désignation"), (300, "Qté"), (380, "PU"), (480, "Montant")]),
        (
            304,
            [
                (57, "Étiquettes défectueuses, reprise"),
                (300, "10"),
                (380, "18,00"),
                (480, "180,00"),
            ],
        ),
        (340, [(380, "Total"), (480, "180,00 €")]),
    ]
    assert drawn_fields(settings, tmp_path, rows)["invoice_number"] == "AV25-0031"


def test_a_french_code_article_column_and_a_spanish_professional_company(
    settings: Settings, tmp_path: Path
) -> None:
    # "Code article" heads the items' codes (not part of their text); "S.L.P." ends a
    # Spanish professional company's name
    rows: Rows = [
        (40, [(50, "Arquitectura Vidal Roig, S.L.P.", 13)]),
        (56, [(50, "Carrer de Balmes 88, 08008 Barcelona")]),
        (110, [(330, "Cliente:"), (380, "Promociones Llobregat, S.A.")]),
        (122, [(380, "Avinguda Diagonal 400, 08037 Barcelona")]),
        (170, [(50, "FACTURA N.º 2025/118", 14)]),
        (190, [(50, "Fecha: 03/06/2025")]),
        (230, [(50, "Code article"), (140, "Descripción"), (330, "Cant."), (400, "Precio")]),
        (230, [(490, "Importe")]),
        (244, [(50, "PRJ-01"), (140, "Proyecto básico"), (330, "1"), (400, "4.800,00")]),
        (244, [(490, "4.800,00")]),
        (280, [(400, "Base imponible"), (490, "4.800,00")]),
        (292, [(400, "IVA 21%"), (490, "1.008,00")]),
        (306, [(400, "Total"), (490, "5.808,00 €")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["vendor"], item_rows(f)) == (
        "Arquitectura Vidal Roig, S.L.P.",
        [("Proyecto básico", "1", "4800.00", "4800.00")],
    )


def test_a_delivery_notes_heading_across_the_table_is_no_items_text(
    settings: Settings, tmp_path: Path
) -> None:
    # items grouped under the delivery notes they came with: each note's row starts in
    # the code column and runs across the description's, over the items that follow
    rows: Rows = [
        (40, [(50, "Ferretería Industrial del Ebro, S.L.", 13)]),
        (56, [(50, "Pol. Malpica, C/ F 14, 50016 Zaragoza")]),
        (44, [(430, "FACTURA", 18)]),
        (110, [(330, "Cliente")]),
        (122, [(330, "Talleres Moncayo, S.A.")]),
        (134, [(330, "C/ Tarazona 3, 50500 Tarazona")]),
        (170, [(50, "Factura nº"), (140, "F25-0877")]),
        (195, [(50, "Código"), (105, "Descripción"), (320, "Cant."), (360, "Precio")]),
        (195, [(480, "Importe")]),
        (211, [(50, "Albarán nº 25-0411 de 03/04/2025 - Su pedido: TM-118")]),
        (225, [(50, "TR-M8"), (105, "Tornillo hexagonal M8x40, caja 100"), (320, "5")]),
        (225, [(360, "7,20"), (480, "36,00")]),
        (239, [(50, "AR-M8"), (105, "Arandela plana M8, caja 200"), (320, "5"), (360, "3,10")]),
        (239, [(480, "15,50")]),
        (255, [(50, "Albarán nº 25-0452 de 10/04/2025 - Su pedido: TM-124")]),
        (269, [(50, "DS-125"), (105, "Disco de corte 125 mm"), (320, "50"), (360, "0,95")]),
        (269, [(480, "47,50")]),
        (320, [(330, "Base imponible"), (480, "99,00")]),
        (332, [(330, "IVA 21%"), (480, "20,79")]),
        (346, [(330, "TOTAL FACTURA"), (480, "119,79")]),
    ]
    items = drawn_fields(settings, tmp_path, rows)["line_items"]
    assert [i["description"] for i in items] == [
        "Tornillo hexagonal M8x40, caja 100",
        "Arandela plana M8, caja 200",
        "Disco de corte 125 mm",
    ]


def test_a_subscriptions_period_under_its_line_is_no_part_of_its_text(
    settings: Settings, tmp_path: Path
) -> None:
    rows: Rows = [
        (40, [(50, "Invoice", 18)]),
        (70, [(50, "Invoice number"), (160, "5C2E11A0-0007")]),
        (82, [(50, "Date of issue"), (160, "March 1, 2025")]),
        (70, [(330, "Quillwork Software, Inc.")]),
        (82, [(330, "210 King St, Seattle, WA 98104")]),
        (130, [(50, "Bill to")]),
        (142, [(50, "Larchmont Design LLC")]),
        (154, [(50, "55 Elm Ave, Portland, OR 97205")]),
        (210, [(50, "Description"), (330, "Qty"), (400, "Unit price"), (490, "Amount")]),
        (226, [(50, "Studio plan (per seat)"), (330, "5"), (400, "$40.00"), (490, "$200.00")]),
        (238, [(50, "Mar 1, 2025 - Apr 1, 2025", 8)]),
        (256, [(50, "Extra exports"), (330, "1"), (400, "$25.00"), (490, "$25.00")]),
        (268, [(50, "Mar 1, 2025 - Apr 1, 2025", 8)]),
        (300, [(330, "Total"), (490, "$225.00")]),
    ]
    items = drawn_fields(settings, tmp_path, rows)["line_items"]
    assert [i["description"] for i in items] == ["Studio plan (per seat)", "Extra exports"]


@pytest.mark.parametrize(
    "footer",
    [
        "Northlight Energy is a trading name of Northlight Energy Supply Limited. "
        "Registered in England and Wales no. 08123456.",
        "Northlight Energy Supply Limited. Registered in England and Wales no. 08123456.",
    ],
)
def test_a_brand_stands_for_the_company_its_trading_name_footer_names(
    settings: Settings, tmp_path: Path, footer: str
) -> None:
    # a brand with no legal form in the letterhead; the footer names the company that
    # trades under it, in a sentence ("… is a trading name of … Limited.")
    rows: Rows = [
        (40, [(50, "Northlight Energy", 18)]),
        (40, [(360, "Account number"), (470, "NE-4471902")]),
        (52, [(360, "Bill number"), (470, "B-20250311")]),
        (64, [(360, "Bill date"), (470, "11 March 2025")]),
        (110, [(50, "Harbour View Dental Practice Ltd")]),
        (122, [(50, "4 Marine Parade")]),
        (134, [(50, "Whitby YO21 3PR")]),
        (200, [(50, "Description"), (300, "Units"), (380, "Rate"), (480, "Amount")]),
        (214, [(50, "Day units"), (300, "2100"), (380, "0.2500"), (480, "525.00")]),
        (250, [(380, "Total charges"), (480, "525.00")]),
        (262, [(380, "VAT 20%"), (480, "105.00")]),
        (276, [(380, "Total due"), (480, "630.00")]),
        (790, [(50, footer, 6.5)]),
        (
            800,
            [
                (
                    50,
                    "Registered office: 8 Wharf Rd, Hull HU1 2AB. VAT reg. no. GB 331 4402 17.",
                    6.5,
                )
            ],
        ),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["vendor"], f["buyer"]) == (
        "Northlight Energy Supply Limited",
        "Harbour View Dental Practice Ltd",
    )
