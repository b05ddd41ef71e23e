"""Quotes and orders as purchasing systems, ERPs and quoting programs print them, written
by hand for a probe (invented companies, drafting conventions only) and read with no
company of ours: each test is one convention the probe found misread."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake.settings import Settings
from tests.test_layout_conventions import Rows, drawn_fields, item_rows

#: an ERP's German order: its issuer's letterhead, the supplier in the window, the title
_GERMAN_ORDER: Rows = [
    (40, [(380, "Rheintal Pumpenwerke AG", 14)]),
    (56, [(380, "Industriestraße 40 · 79108 Freiburg")]),
    (148, [(57, "Schwarzwald Dichtungstechnik GmbH")]),
    (160, [(57, "Gewerbestraße 14")]),
    (172, [(57, "78166 Donaueschingen")]),
    (210, [(57, "Bestellung", 14)]),
]
#: an Italian supplier's letterhead and its customer addressed
_ITALIAN_HEAD: Rows = [
    (40, [(50, "Officine Lario S.p.A.", 14)]),
    (56, [(50, "Via Statale 14 – 22100 Como (CO)")]),
    (110, [(330, "Spett.le")]),
    (122, [(330, "Idraulica Marchetti S.r.l.")]),
    (134, [(330, "Via Roma 40, 40026 Imola (BO)")]),
]
#: a Portuguese order: its issuer's letterhead, the supplier addressed, the title
_PORTUGUESE_ORDER: Rows = [
    (40, [(50, "Têxteis Minho, Lda.", 13)]),
    (54, [(50, "Rua da Indústria 320, 4760-114 Vila Nova de Famalicão")]),
    (112, [(320, "Fiações do Ave, S.A.")]),
    (124, [(320, "Zona Industrial, Lote 7")]),
    (136, [(320, "4765-210 Riba de Ave")]),
    (180, [(50, "NOTA DE ENCOMENDA", 14)]),
]


def test_net_heading_the_items_amounts_labels_no_subtotal(
    settings: Settings, tmp_path: Path
) -> None:
    # "Net" over the items' amounts (and "Goods Net" over the totals): the first item's
    # amount under the column's header is no subtotal
    rows: Rows = [
        (40, [(350, "Calder Valley Brewing Co. Ltd", 13)]),
        (54, [(350, "Mill Yard, Hebden Bridge HX7 8AD")]),
        (120, [(50, "Pennine Glass Supplies Ltd")]),
        (132, [(50, "Unit 14, Dean Clough")]),
        (144, [(50, "Halifax HX3 5AX")]),
        (200, [(50, "PURCHASE ORDER", 14)]),
        (225, [(50, "Order Number"), (160, "Order Date")]),
        (237, [(50, "PO012874"), (160, "19/05/2025")]),
        (
            290,
            [(50, "Item Code"), (120, "Description"), (320, "Qty"), (395, "Price"), (480, "Net")],
        ),
        (
            304,
            [
                (50, "BT-330A"),
                (120, "Amber bottle 330 ml"),
                (320, "9,600"),
                (395, "0.21"),
                (480, "2,016.00"),
            ],
        ),
        (
            318,
            [
                (50, "CR-26"),
                (120, "Crown cork 26 mm"),
                (320, "10,000"),
                (395, "0.018"),
                (480, "180.00"),
            ],
        ),
        (360, [(395, "Goods Net"), (480, "2,196.00")]),
        (372, [(395, "VAT"), (480, "439.20")]),
        (386, [(395, "Order Total", 10), (480, "£2,635.20", 10)]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["subtotal"], f["tax"], f["total"]) == ("2196.00", "439.20", "2635.20")


def test_a_net_value_without_its_tax_is_no_tax(settings: Settings, tmp_path: Path) -> None:
    # an ERP's order: "Nettowert" heads the items' amounts, and "Gesamtnettowert ohne Mwst"
    # is the order's net value (the tax word qualified by "ohne" is no tax label)
    rows: Rows = [
        *_GERMAN_ORDER,
        (110, [(330, "Bestellnummer"), (450, "4500071234")]),
        (122, [(330, "Datum"), (450, "03.03.2025")]),
        (
            260,
            [
                (57, "Pos."),
                (90, "Bezeichnung"),
                (330, "Menge"),
                (430, "Preis/Einheit"),
                (510, "Nettowert"),
            ],
        ),
        (
            274,
            [
                (57, "00010"),
                (90, "Wellendichtring 45x62x8"),
                (330, "500"),
                (430, "2,36"),
                (510, "1.180,00"),
            ],
        ),
        (
            290,
            [
                (57, "00020"),
                (90, "O-Ring 120x4 FKM"),
                (330, "1.200"),
                (430, "0,85"),
                (510, "1.020,00"),
            ],
        ),
        (330, [(330, "Gesamtnettowert ohne Mwst EUR"), (510, "2.200,00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f.get("tax"), f["subtotal"], f["total"]) == (None, "2200.00", "2200.00")
    assert [i[3] for i in item_rows(f)] == ["1180.00", "1020.00"]


def test_a_tax_summarys_header_beside_the_totals_block_holds_no_amount(
    settings: Settings, tmp_path: Path
) -> None:
    # "Taxa | Incidência | Valor IVA" on the rows of "Mercadoria" and "Desc. Comercial":
    # the goods' value on the row belongs to its own label, not to "Valor IVA" left of it
    rows: Rows = [
        *_PORTUGUESE_ORDER,
        (260, [(50, "Descrição"), (290, "Qtd."), (360, "Preço Unit."), (500, "Total")]),
        (274, [(50, "Fio algodão Ne 30/1"), (290, "800"), (360, "4,85"), (500, "3 880,00")]),
        (288, [(50, "Fio algodão Ne 40/1"), (290, "450"), (360, "5,60"), (500, "2 520,00")]),
        (
            330,
            [
                (50, "Taxa"),
                (100, "Incidência"),
                (170, "Valor IVA"),
                (380, "Mercadoria"),
                (490, "6 400,00"),
            ],
        ),
        (
            342,
            [
                (50, "23,00"),
                (100, "6 400,00"),
                (170, "1 472,00"),
                (380, "Desc. Comercial"),
                (490, "0,00"),
            ],
        ),
        (354, [(380, "IVA"), (490, "1 472,00")]),
        (368, [(380, "Total (EUR)", 10), (490, "7 872,00", 10)]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["subtotal"], f["tax"], f["total"]) == ("6400.00", "1472.00", "7872.00")


def test_a_word_qualifying_the_orders_title_names_nobody(
    settings: Settings, tmp_path: Path
) -> None:
    # "OFFICIAL ORDER": what is left of the title is its qualifier, not the buyer; "Net
    # Value" heads the items' amounts
    rows: Rows = [
        (40, [(50, "Harbrook District Council", 14)]),
        (56, [(50, "Civic Offices, Station Road, Harbrook HB4 2DX")]),
        (84, [(400, "OFFICIAL ORDER", 16)]),
        (104, [(400, "Order No: HDC/2025/10877")]),
        (116, [(400, "Order Date: 02/06/2025")]),
        (150, [(50, "Supplier"), (300, "Deliver To")]),
        (162, [(50, "Greenfield Grounds Maintenance Ltd"), (300, "Harbrook District Council")]),
        (174, [(50, "Unit 2, Kiln Farm"), (300, "Parks Depot, Mill Lane")]),
        (186, [(50, "Harbrook HB6 9TT"), (300, "Harbrook HB4 7QS")]),
        (
            250,
            [
                (50, "Line"),
                (85, "Description"),
                (330, "Qty"),
                (400, "Unit Price"),
                (490, "Net Value"),
            ],
        ),
        (
            264,
            [
                (50, "1"),
                (85, "Grass cutting, sports pitches"),
                (330, "8"),
                (400, "165.00"),
                (490, "1,320.00"),
            ],
        ),
        (
            278,
            [(50, "2"), (85, "Hedge cutting, depot"), (330, "1"), (400, "420.00"), (490, "420.00")],
        ),
        (316, [(400, "Total Net"), (490, "1,740.00")]),
        (328, [(400, "VAT @ 20%"), (490, "348.00")]),
        (342, [(400, "Order Total", 10), (490, "£2,088.00", 10)]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["vendor"], f["buyer"]) == (
        "Greenfield Grounds Maintenance Ltd",
        "Harbrook District Council",
    )
    assert [i[3] for i in item_rows(f)] == ["1320.00", "420.00"]


def test_a_detail_word_heading_the_customers_block_is_no_name(
    settings: Settings, tmp_path: Path
) -> None:
    # an invoicing program's estimate: "ADDRESS" (no colon) heads the customer's block,
    # a contact over the company, whose legal form is a US professional corporation's
    rows: Rows = [
        (40, [(50, "Summit Ridge Builders LLC", 12)]),
        (54, [(50, "2150 Alpine Rd")]),
        (66, [(50, "Boulder, CO 80304")]),
        (78, [(50, "billing@summitridge.example")]),
        (44, [(440, "Estimate", 20)]),
        (120, [(50, "ADDRESS"), (380, "ESTIMATE #"), (470, "1047")]),
        (132, [(50, "Karen Liu"), (380, "DATE"), (470, "04/18/2025")]),
        (144, [(50, "Liu Family Dental PC"), (380, "EXPIRATION DATE"), (470, "05/18/2025")]),
        (156, [(50, "880 Pearl St")]),
        (168, [(50, "Boulder, CO 80302")]),
        (210, [(50, "DESCRIPTION"), (360, "QTY"), (410, "RATE"), (490, "AMOUNT")]),
        (
            226,
            [
                (50, "Remove cabinetry and flooring"),
                (360, "1"),
                (410, "1,850.00"),
                (490, "1,850.00"),
            ],
        ),
        (290, [(380, "TOTAL", 11), (470, "$1,850.00", 11)]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["doc_type"], f["buyer"], f["valid_until"]) == (
        "estimate",
        "Liu Family Dental PC",
        "2025-05-18",
    )


def test_a_discount_column_headed_by_its_abbreviation_without_a_stop(
    settings: Settings, tmp_path: Path
) -> None:
    rows: Rows = [
        (40, [(50, "Thornbury Fasteners Ltd", 15)]),
        (56, [(50, "Severn Road, Avonmouth, Bristol BS11 9YH")]),
        (42, [(420, "Quotation", 16)]),
        (80, [(380, "Quotation No."), (480, "Q00457")]),
        (92, [(380, "Quotation Date"), (480, "07/04/2025")]),
        (
            220,
            [
                (50, "Product Code"),
                (120, "Description"),
                (300, "Quantity"),
                (350, "Unit Price"),
                (405, "Disc %"),
                (450, "Net"),
                (510, "VAT"),
            ],
        ),
        (
            234,
            [
                (50, "WS-5050"),
                (120, "Wood screw 5x50, box 200"),
                (300, "25"),
                (350, "7.80"),
                (405, "5.00"),
                (450, "185.25"),
                (510, "37.05"),
            ],
        ),
        (
            248,
            [
                (50, "CB-M10"),
                (120, "Coach bolt M10x150, box 50"),
                (300, "10"),
                (350, "21.40"),
                (405, "0.00"),
                (450, "214.00"),
                (510, "42.80"),
            ],
        ),
        (300, [(380, "Total Net Amount"), (500, "399.25")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert [i[1:] for i in item_rows(f)] == [("25", "7.80", "185.25"), ("10", "21.40", "214.00")]


def test_a_quotes_due_date_is_when_the_offer_lapses(settings: Settings, tmp_path: Path) -> None:
    # a Dutch invoicing program prints its quotes with "Vervaldatum" (its invoices' due
    # date's label): a quote asks for no payment, so it is the offer's expiry
    rows: Rows = [
        (40, [(50, "Studio Vink", 14)]),
        (56, [(50, "Oudegracht 12, 3511 AP Utrecht")]),
        (100, [(50, "Bakkerij De Korenschoof B.V.")]),
        (112, [(50, "Voorstraat 8")]),
        (124, [(50, "3512 AK Utrecht")]),
        (170, [(50, "Offerte", 16)]),
        (190, [(50, "Offertenummer"), (160, "OF-2025-031")]),
        (202, [(50, "Offertedatum"), (160, "03-02-2025")]),
        (214, [(50, "Vervaldatum"), (160, "05-03-2025")]),
        (250, [(50, "Omschrijving"), (300, "Aantal"), (360, "Tarief"), (470, "Bedrag")]),
        (266, [(50, "Huisstijl ontwerp"), (300, "1"), (360, "1.450,00"), (470, "1.450,00")]),
        (310, [(360, "Totaal"), (470, "€ 1.450,00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["doc_type"], f["valid_until"], f.get("due_date")) == ("estimate", "2025-03-05", None)


def test_a_validity_for_the_next_days_and_a_quotes_delivery_date(
    settings: Settings, tmp_path: Path
) -> None:
    rows: Rows = [
        (40, [(50, "Cedar Lane Landscaping", 14)]),
        (56, [(50, "44 Orchard Way, Albany, NY 12203")]),
        (90, [(50, "Quote #482", 14)]),
        (110, [(50, "Sent on"), (150, "March 3, 2025")]),
        (122, [(50, "Delivery date"), (150, "April 14, 2025")]),
        (160, [(50, "Description"), (330, "Qty"), (400, "Unit Price"), (490, "Total")]),
        (176, [(50, "Spring cleanup"), (330, "1"), (400, "650.00"), (490, "650.00")]),
        (220, [(400, "Total"), (490, "$650.00")]),
        (250, [(50, "This quote is valid for the next 30 days.")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["doc_type"], f["valid_until"], f["delivery_date"]) == (
        "estimate",
        "2025-04-02",
        "2025-04-14",
    )


def test_a_french_proposals_number_and_a_liberal_professions_company(
    settings: Settings, tmp_path: Path
) -> None:
    rows: Rows = [
        (40, [(50, "Nuage Clair SAS", 14)]),
        (56, [(50, "8 rue du Faubourg, 75010 Paris")]),
        (100, [(330, "Roux & Associés Avocats SELARL")]),
        (112, [(330, "12 quai de la Fosse")]),
        (124, [(330, "44000 Nantes")]),
        (170, [(50, "PROPOSITION COMMERCIALE", 14)]),
        (190, [(50, "Proposition n° PR-2025-014")]),
        (202, [(50, "Date : 01/04/2025")]),
        (240, [(50, "Désignation"), (300, "Qté"), (360, "Prix unitaire HT"), (470, "Total HT")]),
        (256, [(50, "Abonnement annuel"), (300, "1"), (360, "2 400,00"), (470, "2 400,00")]),
        (300, [(360, "Total HT"), (470, "2 400,00")]),
        (312, [(360, "TVA (20 %)"), (470, "480,00")]),
        (324, [(360, "Total TTC"), (470, "2 880,00 €")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["quote_number"], f["buyer"]) == ("PR-2025-014", "Roux & Associés Avocats SELARL")


def test_the_sum_of_positions_closes_the_items(settings: Settings, tmp_path: Path) -> None:
    # "Summe Positionen" (the items' sum) ends the table: the discount under it is none
    rows: Rows = [
        (40, [(57, "Datenwerk Consulting GmbH", 14)]),
        (56, [(57, "Kaiserstraße 5, 79098 Freiburg")]),
        (232, [(57, "Angebot AG-1023", 14)]),
        (
            282,
            [
                (57, "Pos."),
                (85, "Beschreibung"),
                (300, "Menge"),
                (400, "Einzelpreis"),
                (485, "Gesamtpreis"),
            ],
        ),
        (
            296,
            [
                (57, "1"),
                (85, "Workshop Anforderungsanalyse"),
                (300, "2"),
                (400, "1.200,00 €"),
                (485, "2.400,00 €"),
            ],
        ),
        (
            310,
            [
                (57, "2"),
                (85, "Einrichtung Kundenportal"),
                (300, "1"),
                (400, "4.500,00 €"),
                (485, "4.500,00 €"),
            ],
        ),
        (348, [(360, "Summe Positionen"), (485, "6.900,00 €")]),
        (360, [(360, "abzgl. 5 % Rabatt"), (485, "-345,00 €")]),
        (372, [(360, "Gesamtbetrag netto"), (485, "6.555,00 €")]),
        (384, [(360, "zzgl. Umsatzsteuer 19 %"), (485, "1.245,45 €")]),
        (398, [(360, "Gesamtbetrag brutto", 10), (485, "7.800,45 €", 10)]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert [i[3] for i in item_rows(f)] == ["2400.00", "4500.00"]
    assert (f["subtotal"], f["total"]) == ("6555.00", "7800.45")


def test_a_bare_number_word_beside_the_date_in_a_row_of_details_numbers_the_document(
    settings: Settings, tmp_path: Path
) -> None:
    # an ERP's order: "Número | Data | V/ Contribuinte" over their values: the number
    # and date first in the row are the document's own
    rows: Rows = [
        *_PORTUGUESE_ORDER,
        (205, [(50, "Número"), (140, "Data"), (210, "V/ Contribuinte"), (310, "Data de entrega")]),
        (
            217,
            [(50, "NE 2025/57"), (140, "09-04-2025"), (210, "PT 501234567"), (310, "30-04-2025")],
        ),
        (260, [(50, "Descrição"), (290, "Qtd."), (360, "Preço Unit."), (500, "Total")]),
        (274, [(50, "Fio algodão Ne 30/1"), (290, "800"), (360, "4,85"), (500, "3 880,00")]),
        (330, [(380, "Total (EUR)", 10), (490, "3 880,00", 10)]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["doc_type"], f["po_number"], f["issue_date"]) == (
        "purchase_order",
        "NE 2025/57",
        "2025-04-09",
    )


def test_a_figure_ending_a_long_description_stays_with_it(
    settings: Settings, tmp_path: Path
) -> None:
    # a description long enough to run into the price's column ends in a figure ("Typ
    # 18"); the price follows apart, under its header: the figure is the text's, and the
    # amount set on the row under the item's figures is that item's
    rows: Rows = [
        (40, [(70, "Hansa Versicherungsdienst GmbH", 14)]),
        (56, [(70, "Am Wall 4, 28195 Bremen")]),
        (90, [(70, "Rechnung Nr. 2025-118", 13)]),
        (104, [(70, "Datum: 11.03.2025")]),
        (
            150,
            [
                (70, "Pos"),
                (191, "Beschreibung"),
                (340, "Nettopreis"),
                (400, "Menge"),
                (437, "Steuersatz"),
                (494, "Nettobetrag"),
            ],
        ),
        (
            170,
            [
                (70, "1"),
                (191, "Flottenvertrag Transporter Kl. 18"),
                (349, "67,25"),
                (417, "1"),
                (459, "0 %"),
            ],
        ),
        (178, [(191, "Region Nord"), (516, "67,25")]),
        (
            210,
            [
                (70, "2"),
                (191, "Flottenvertrag Anhänger Kl. 21 Süd"),
                (345, "117,65"),
                (417, "1"),
                (459, "0 %"),
            ],
        ),
        (218, [(512, "117,65")]),
        (260, [(340, "Rechnungssumme"), (512, "184,90")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert item_rows(f) == [
        ("Flottenvertrag Transporter Kl. 18 Region Nord", "1", "67.25", "67.25"),
        ("Flottenvertrag Anhänger Kl. 21 Süd", "1", "117.65", "117.65"),
    ]


def test_a_labelled_detail_under_an_item_is_no_part_of_its_description(
    settings: Settings, tmp_path: Path
) -> None:
    # an ERP's order prints each item's delivery date and our reference on rows of their
    # own under it ("Liefertermin: Tag 21.03.2025", "Anfrage-Nr.: 7781")
    rows: Rows = [
        *_GERMAN_ORDER,
        (
            260,
            [(57, "Pos."), (90, "Bezeichnung"), (330, "Menge"), (430, "Preis"), (510, "Nettowert")],
        ),
        (
            274,
            [
                (57, "00010"),
                (90, "Wellendichtring 45x62x8"),
                (330, "500"),
                (430, "2,36"),
                (510, "1.180,00"),
            ],
        ),
        (286, [(90, "Liefertermin: Tag 21.03.2025")]),
        (
            306,
            [
                (57, "00020"),
                (90, "O-Ring 120x4 FKM"),
                (330, "1.200"),
                (430, "0,85"),
                (510, "1.020,00"),
            ],
        ),
        (318, [(90, "Anfrage-Nr.: 7781")]),
        (350, [(330, "Gesamtnettowert ohne Mwst EUR"), (510, "2.200,00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert [i[0] for i in item_rows(f)] == ["Wellendichtring 45x62x8", "O-Ring 120x4 FKM"]


def test_a_confirmations_bare_order_number_is_its_own(settings: Settings, tmp_path: Path) -> None:
    # a Dutch order confirmation: the bare "Ordernummer" numbers the seller's order, the
    # customer's order is the one qualified as theirs ("Uw referentie")
    rows: Rows = [
        (40, [(360, "Hoogland Verpakkingen B.V.", 12)]),
        (54, [(360, "Havenweg 12, 3198 LK Europoort")]),
        (130, [(50, "Bloemenveiling Zuid B.V.")]),
        (142, [(50, "Kasweg 8")]),
        (154, [(50, "2671 NA Naaldwijk")]),
        (205, [(50, "Orderbevestiging", 16)]),
        (228, [(50, "Ordernummer"), (150, "25001933"), (300, "Debiteurnummer"), (400, "40871")]),
        (240, [(50, "Orderdatum"), (150, "02-07-2025"), (300, "Uw referentie"), (400, "BZ-2207")]),
        (290, [(50, "Omschrijving"), (320, "Aantal"), (380, "Prijs"), (480, "Bedrag")]),
        (304, [(50, "Snijbloemdoos karton 80x30"), (320, "400"), (380, "1,15"), (480, "460,00")]),
        (340, [(380, "Totaal excl. btw"), (480, "460,00")]),
        (352, [(380, "Btw 21%"), (480, "96,60")]),
        (366, [(380, "Totaal incl. btw"), (480, "€ 556,60")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["doc_type"], f["order_number"], f["po_number"]) == (
        "order_confirmation",
        "25001933",
        "BZ-2207",
    )


def test_two_labels_joined_by_a_slash_head_their_values_in_order(
    settings: Settings, tmp_path: Path
) -> None:
    # an ERP's order: "Bestellnummer/Datum" over "4500088412 / 11.06.2025" in the next cell
    rows: Rows = [
        *_GERMAN_ORDER,
        (110, [(330, "Bestellnummer/Datum"), (450, "4500088412 / 11.06.2025")]),
        (122, [(330, "Ansprechpartner/Telefon"), (450, "Fr. Jung / 0761 4400-118")]),
        (260, [(57, "Bezeichnung"), (330, "Menge"), (430, "Preis"), (510, "Nettowert")]),
        (274, [(57, "Flachdichtung DN50 PN16"), (330, "80"), (430, "1,90"), (510, "152,00")]),
        (300, [(330, "Gesamtnettowert ohne Mwst EUR"), (510, "152,00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["po_number"], f["issue_date"]) == ("4500088412", "2025-06-11")


def test_the_order_date_on_a_confirmation_dates_the_customers_order(
    settings: Settings, tmp_path: Path
) -> None:
    # "Numero | Data | Vs. ordine | Data ordine": the confirmation's own date is "Data", the
    # order's date is the date of the customer's order it confirms
    rows: Rows = [
        *_ITALIAN_HEAD,
        (190, [(50, "CONFERMA D'ORDINE", 14)]),
        (212, [(50, "Numero"), (130, "Data"), (210, "Vs. ordine"), (300, "Data ordine")]),
        (224, [(50, "2025/207"), (130, "14/07/2025"), (210, "7781"), (300, "09/07/2025")]),
        (270, [(50, "Descrizione"), (300, "Q.tà"), (375, "Prezzo"), (480, "Importo")]),
        (284, [(50, "Collettore ottone 3 vie"), (300, "10"), (375, "21,00"), (480, "210,00")]),
        (320, [(380, "Totale imponibile"), (480, "210,00")]),
        (332, [(380, "IVA 22%"), (480, "46,20")]),
        (346, [(380, "Totale documento"), (480, "256,20 €")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["doc_type"], f["issue_date"], f["po_number"]) == (
        "order_confirmation",
        "2025-07-14",
        "7781",
    )


def test_the_order_date_is_a_purchase_orders_own(settings: Settings, tmp_path: Path) -> None:
    # on the order itself, "Order Date" beside a bare "Date" of printing is its own date
    rows: Rows = [
        (40, [(50, "Fenwick Joinery Ltd", 13)]),
        (54, [(50, "4 Canal Street, Leeds LS1 4AB")]),
        (110, [(50, "Supplier:"), (120, "Pennine Timber Ltd")]),
        (122, [(120, "Mill Lane, Halifax HX1 2QQ")]),
        (170, [(50, "PURCHASE ORDER", 14)]),
        (195, [(50, "PO No."), (120, "PO-6612"), (300, "Order Date"), (380, "03/06/2025")]),
        (240, [(50, "Description"), (300, "Qty"), (380, "Price"), (480, "Amount")]),
        (254, [(50, "Oak board 27x150 mm"), (300, "40"), (380, "12.50"), (480, "500.00")]),
        (290, [(380, "Total"), (480, "£500.00")]),
        (780, [(50, "Date"), (120, "05/06/2025")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["doc_type"], f["issue_date"]) == ("purchase_order", "2025-06-03")


def test_a_description_runs_on_before_the_units_header(settings: Settings, tmp_path: Path) -> None:
    # "… rotolo 50 m" runs past the middle of the gap to the unit's column, glued to the
    # text and ending before the header "U.M." starts: the description's, not a unit
    rows: Rows = [
        *_ITALIAN_HEAD,
        (190, [(50, "FATTURA N. 2025/311 del 14/07/2025", 14)]),
        (300, [(50, "Codice"), (105, "Descrizione"), (300, "U.M."), (335, "Q.tà")]),
        (300, [(375, "Prezzo"), (500, "Importo")]),
        (314, [(50, "TR-50"), (105, "Tubo multistrato 20x2, rotolo 50 m"), (300, "RT")]),
        (314, [(335, "6"), (375, "96,00"), (500, "576,00")]),
        (328, [(50, "VS-25"), (105, "Valvola a sfera DN25"), (300, "PZ"), (335, "40")]),
        (328, [(375, "18,50"), (500, "740,00")]),
        (360, [(380, "Totale imponibile"), (490, "1.316,00")]),
        (372, [(380, "IVA 22%"), (490, "289,52")]),
        (386, [(380, "Totale documento"), (490, "1.605,52 €")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert item_rows(f) == [
        ("Tubo multistrato 20x2, rotolo 50 m", "6", "96.00", "576.00"),
        ("Valvola a sfera DN25", "40", "18.50", "740.00"),
    ]


@pytest.mark.parametrize(
    "label", ["Requested Receipt Date", "Date Required:", "Required Date", "Wareneingangsdatum"]
)
def test_when_an_order_wants_its_goods(settings: Settings, tmp_path: Path, label: str) -> None:
    # purchasing systems' words for the delivery wanted, none of them the order's own date
    rows: Rows = [
        (40, [(50, "Fenwick Joinery Ltd", 13)]),
        (54, [(50, "4 Canal Street, Leeds LS1 4AB")]),
        (110, [(50, "Supplier:"), (120, "Pennine Timber Ltd")]),
        (122, [(120, "Mill Lane, Halifax HX1 2QQ")]),
        (170, [(50, "PURCHASE ORDER", 14)]),
        (195, [(50, "PO No."), (160, "PO-6640"), (300, "Date"), (420, "03/06/2025")]),
        (207, [(300, label), (420, "24/06/2025")]),
        (240, [(50, "Description"), (300, "Qty"), (380, "Price"), (480, "Amount")]),
        (254, [(50, "Oak board 27x150 mm"), (300, "40"), (380, "12.50"), (480, "500.00")]),
        (290, [(380, "Total"), (480, "£500.00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["issue_date"], f["delivery_date"]) == ("2025-06-03", "2025-06-24")


@pytest.mark.parametrize(
    ("title", "word", "number", "field"),
    [
        ("Sales Quotation", "No.", "2417", "quote_number"),  # an ERP's quotation
        ("PRESUPUESTO", "Nº", "P250019", "quote_number"),  # an invoicing app's quote
        ("PEDIDO DE COMPRA", "Número", "PC-2025-0077", "po_number"),
    ],
)
def test_a_number_word_alone_under_the_title_beside_its_value(
    settings: Settings, tmp_path: Path, title: str, word: str, number: str, field: str
) -> None:
    # the title over a column of labels and values, its first the number word alone and
    # its value in the next cell; the letterhead's lines beside the title come in between
    rows: Rows = [
        (40, [(50, "Granite Ridge Controls, Inc.", 13)]),
        (54, [(50, "14 Industrial Park Dr")]),
        (66, [(50, "Nashua, NH 03062")]),
        (42, [(390, title, 16)]),
        (64, [(390, word), (475, number)]),
        (76, [(390, "Date"), (475, "04/15/2025")]),
        (130, [(50, "Bill To:"), (120, "Merrimack Valley Foods LLC")]),
        (142, [(120, "200 Canal St, Lowell, MA 01852")]),
        (200, [(50, "Description"), (300, "Qty"), (380, "Price"), (480, "Amount")]),
        (214, [(50, "Pressure sensor PX-40"), (300, "10"), (380, "84.00"), (480, "840.00")]),
        (250, [(380, "Total"), (480, "$840.00")]),
    ]
    assert drawn_fields(settings, tmp_path, rows)[field] == number


@pytest.mark.parametrize(
    ("title", "terms", "until"),
    [
        ("PROFORMA", "Validez de la proforma: 15 días", "2025-04-26"),
        ("PREVENTIVO", "Offerta valida fino al 11/05/2025", "2025-05-11"),
    ],
)
def test_how_long_a_quote_holds_in_more_words(
    settings: Settings, tmp_path: Path, title: str, terms: str, until: str
) -> None:
    rows: Rows = [
        (40, [(50, "Hostelería Sur Suministros, S.L.", 12)]),
        (54, [(50, "Calle Feria 12, 41003 Sevilla")]),
        (100, [(330, "Bar La Alameda, S.L.")]),
        (112, [(330, "Alameda de Hércules 30, 41002 Sevilla")]),
        (160, [(50, title, 14)]),
        (180, [(50, "Fecha: 11/04/2025"), (330, "Nº PF 25/014")]),
        (220, [(50, "Descripción"), (300, "Cant."), (380, "Precio"), (480, "Importe")]),
        (
            234,
            [
                (50, "Cafetera industrial 2 grupos"),
                (300, "1"),
                (380, "1.450,00"),
                (480, "1.450,00"),
            ],
        ),
        (270, [(380, "Total"), (480, "1.450,00 €")]),
        (300, [(50, terms)]),
    ]
    assert drawn_fields(settings, tmp_path, rows)["valid_until"] == until


@pytest.mark.parametrize(
    ("heading", "number"),
    [("Bestellung 106022", "106022"), ("Bestellung 2025", None)],
)
def test_a_title_followed_by_its_number_alone(
    settings: Settings, tmp_path: Path, heading: str, number: str | None
) -> None:
    # an ERP titles its order "Bestellung 106022", no number word between; a year alone
    # after the title numbers nothing
    rows: Rows = [
        *_GERMAN_ORDER[:5],
        (235, [(57, heading, 14)]),
        (260, [(57, "Beschreibung"), (305, "Menge"), (395, "Preis"), (500, "Betrag")]),
        (274, [(57, "Blech 1.4301 2,0x1000x2000 mm"), (305, "25"), (395, "148,00")]),
        (274, [(500, "3.700,00")]),
        (300, [(395, "Gesamtbetrag netto"), (500, "3.700,00")]),
    ]
    assert drawn_fields(settings, tmp_path, rows).get("po_number") == number
