"""Conventions of suppliers' documents a probe of invented documents found misread, each
drawn here again with other invented companies: a standard's or a colour's code in an
item's text ("DIN 933", "RAL 7035") is no currency before a quantity; "ex GST" qualifies
a net; the delivery an order asks for; column headers with their currency ("Wert EUR"),
qualified ("Cena netto") or on a second line ("netto | VAT | brutto"); a box's "N°
commande"; a number word alone under a flush-right title; "Customer Order"."""

from __future__ import annotations

from pathlib import Path

from intake.settings import Settings
from tests.scans import render, save_png, specked, turned
from tests.test_extraction import extract
from tests.test_layout_conventions import Rows, draw, drawn_fields, item_rows


def test_a_standards_code_ending_an_items_text_stays_in_it(
    settings: Settings, tmp_path: Path
) -> None:
    # three capitals before a number are a currency's code only where they are one: a
    # DIN standard's or a RAL colour's number ends the text, the quantity stands apart
    rows: Rows = [
        (40, [(50, "Kestrel Fixings Ltd", 14), (420, "INVOICE", 14)]),
        (60, [(420, "Invoice No. KF-20931")]),
        (72, [(420, "Date 04/12/2026")]),
        (100, [(50, "Invoice To"), (50, "")]),
        (112, [(50, "Marlow Pumps Ltd")]),
        (180, [(50, "Part No."), (120, "Description"), (370, "Qty"), (430, "Price"), (510, "Net")]),
        (
            195,
            [
                (50, "HX-M6"),
                (120, "Hex set screw M6 x 20 A2 stainless steel DIN 933"),
                (370, "1000"),
            ],
        ),
        (195, [(430, "0.078"), (510, "78.00")]),
        (
            209,
            [
                (50, "CP-7035"),
                (120, "Cover plate 200 x 300 mm, powder coated RAL 7035"),
                (370, "40"),
            ],
        ),
        (209, [(430, "2.50"), (510, "100.00")]),
        (250, [(430, "Total"), (510, "178.00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert item_rows(f) == [
        ("Hex set screw M6 x 20 A2 stainless steel DIN 933", "1000", "0.078", "78.00"),
        ("Cover plate 200 x 300 mm, powder coated RAL 7035", "40", "2.50", "100.00"),
    ]


def test_a_total_ex_gst_is_the_net_and_no_tax(settings: Settings, tmp_path: Path) -> None:
    # Australian and New Zealand invoices: "Total ex GST" after a discount and freight,
    # the GST on it, "Total inc GST"
    rows: Rows = [
        (40, [(50, "Wattle Creek Supplies Pty Ltd", 14), (420, "TAX INVOICE", 14)]),
        (58, [(50, "ABN 51 824 753 556"), (420, "Invoice No 00077120")]),
        (70, [(420, "Date 14/12/2026")]),
        (100, [(50, "Invoice To")]),
        (112, [(50, "Gumtree Bakery Pty Ltd")]),
        (180, [(50, "Description"), (340, "Qty"), (410, "Unit Price"), (500, "Total")]),
        (195, [(50, "Baking paper 450 mm roll"), (340, "20"), (410, "41.50"), (500, "830.00")]),
        (240, [(380, "Sub Total"), (500, "830.00")]),
        (252, [(380, "Less Discount 5%"), (500, "-41.50")]),
        (264, [(380, "Freight"), (500, "60.00")]),
        (276, [(380, "Total ex GST"), (500, "848.50")]),
        (288, [(380, "GST"), (500, "84.85")]),
        (300, [(380, "TOTAL inc GST"), (500, "$933.35")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["tax"], f["total"]) == ("84.85", "933.35")


def test_the_delivery_an_order_asks_for(settings: Settings, tmp_path: Path) -> None:
    def order(label: str, title: str, date: str) -> Rows:
        return [
            (40, [(50, "Birchwood Joinery Ltd", 14), (400, title, 14)]),
            (70, [(330, "Order No:"), (430, "BJ-PO-0412")]),
            (82, [(330, label), (430, date)]),
            (110, [(50, "To: Severn Timber Ltd")]),
            (180, [(50, "Description"), (350, "Qty"), (420, "Price"), (500, "Total")]),
            (195, [(50, "Oak board 25 mm"), (350, "10"), (420, "12.00"), (500, "120.00")]),
            (240, [(420, "Total"), (500, "120.00")]),
        ]

    f = drawn_fields(
        settings, tmp_path, order("Delivery Required:", "PURCHASE ORDER", "15/12/2026")
    )
    assert f["delivery_date"] == "2026-12-15"
    (tmp_path / "pl").mkdir()
    f = drawn_fields(
        settings, tmp_path / "pl", order("Termin dostawy:", "ZAMÓWIENIE", "21.12.2026")
    )
    assert f["delivery_date"] == "2026-12-21"


def test_a_value_column_with_its_currency_and_two_line_headers(
    settings: Settings, tmp_path: Path
) -> None:
    # "Cena netto" is the net price, one header; "Wartosc" over "netto" the net value,
    # "Wartosc" over "brutto" the gross: the second line is the header's, no totals row
    # (Helvetica has no Polish letters: written as programs without them print it)
    rows: Rows = [
        (40, [(50, "Odlewnia Mazur Sp. z o.o.", 14), (380, "Faktura VAT nr FV/118/2026")]),
        (100, [(50, "Nabywca"), (50, "")]),
        (112, [(50, "Kotlarnia Wisla Sp. z o.o.")]),
        (180, [(42, "Lp."), (60, "Nazwa"), (250, "J.m."), (285, "Ilosc"), (310, "Cena netto")]),
        (180, [(375, "Wartosc"), (420, "VAT"), (460, "Kwota"), (515, "Wartosc")]),
        (189, [(385, "netto"), (470, "VAT"), (522, "brutto")]),
        (205, [(42, "1"), (60, "Tuleja stalowa fi 40"), (250, "szt."), (285, "400")]),
        (205, [(330, "18,40"), (375, "7 360,00"), (420, "23%"), (460, "1 692,80")]),
        (205, [(515, "9 052,80")]),
        (260, [(375, "Do zaplaty:"), (460, "9 052,80 PLN")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert item_rows(f) == [("Tuleja stalowa fi 40", "400", "18.40", "7360.00")]
    assert f["line_items"][0]["unit"] == "szt."
    german: Rows = [
        (40, [(50, "Lagertechnik Aigner GmbH", 14), (380, "Bestellung 4500077120", 12)]),
        (100, [(50, "Wälzlager Hofer GmbH")]),
        (180, [(50, "Pos."), (80, "Bezeichnung"), (340, "Menge"), (400, "Preis/ME")]),
        (180, [(480, "Wert EUR")]),
        (195, [(50, "10"), (80, "Rillenkugellager 6204-2RS"), (340, "50"), (400, "3,48")]),
        (195, [(480, "174,00")]),
        (240, [(400, "Gesamt"), (480, "174,00")]),
    ]
    (tmp_path / "de").mkdir()
    f = drawn_fields(settings, tmp_path / "de", german)
    assert item_rows(f) == [("Rillenkugellager 6204-2RS", "50", "3.48", "174.00")]


def test_numbers_under_a_flush_right_title_and_in_a_box(settings: Settings, tmp_path: Path) -> None:
    # "N° :" alone under the title, its value flush right under the title's end
    rows: Rows = [
        (40, [(50, "Injection Bresse SA", 14), (350, "CONFIRMATION DE COMMANDE", 13)]),
        (58, [(360, "N° :"), (505, "CC-26-0907")]),
        (70, [(360, "Date :"), (505, "14/12/2026")]),
        (110, [(50, "Adresse de facturation")]),
        (122, [(50, "Robinetterie Saônoise SAS")]),
        (180, [(50, "Désignation"), (330, "Quantité"), (420, "Prix"), (500, "Montant HT")]),
        (195, [(50, "Capot PP gris"), (330, "1000"), (420, "0,40"), (500, "400,00")]),
        (240, [(420, "Total HT"), (500, "400,00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["doc_type"], f["order_number"]) == ("order_confirmation", "CC-26-0907")
    # a box's header "N° commande" (no "de") over the order's number
    order: Rows = [
        (40, [(50, "Ébénisterie du Jura SAS", 14), (350, "BON DE COMMANDE", 14)]),
        (80, [(50, "N° commande"), (150, "Date"), (250, "Règlement")]),
        (92, [(50, "BC26-00977"), (150, "10/12/2026"), (250, "45 j fin de mois")]),
        (120, [(300, "Fournisseur")]),
        (132, [(300, "Quincaillerie Savoyarde SARL")]),
        (180, [(50, "Désignation"), (330, "Qté"), (420, "P.U. HT"), (500, "Montant HT")]),
        (195, [(50, "Charnière 35 mm"), (330, "400"), (420, "2,64"), (500, "1 056,00")]),
        (240, [(420, "Total HT"), (500, "1 056,00")]),
    ]
    (tmp_path / "bc").mkdir()
    assert drawn_fields(settings, tmp_path / "bc", order)["po_number"] == "BC26-00977"


def test_a_customer_order_without_its_number_word(settings: Settings, tmp_path: Path) -> None:
    rows: Rows = [
        (40, [(50, "Shannon Electrical Supplies Ltd", 14), (420, "INVOICE", 14)]),
        (70, [(330, "Invoice No:"), (450, "40118")]),
        (82, [(330, "Customer Order:"), (450, "KPT 7702")]),
        (110, [(50, "Bill to:")]),
        (122, [(50, "Kinsale Precision Tooling Ltd")]),
        (180, [(50, "Description"), (350, "Qty"), (420, "Price"), (500, "Net")]),
        (195, [(50, "MCB 16A Type C"), (350, "24"), (420, "6.85"), (500, "164.40")]),
        (240, [(420, "Total"), (500, "164.40")]),
    ]
    assert drawn_fields(settings, tmp_path, rows)["po_number"] == "KPT 7702"


def test_a_building_budgets_unit_and_measured_quantity(settings: Settings, tmp_path: Path) -> None:
    rows: Rows = [
        (40, [(50, "Instalaciones Guadalhorce S.L.", 14), (400, "PRESUPUESTO", 14)]),
        (60, [(400, "Nº P-2026-0311")]),
        (180, [(50, "Código"), (100, "Descripción"), (330, "Ud."), (370, "Medición")]),
        (180, [(440, "Precio"), (510, "Importe")]),
        (195, [(50, "2.01"), (100, "Bandeja perforada 300 x 60 mm"), (330, "m"), (370, "120,00")]),
        (195, [(440, "21,35"), (510, "2.562,00")]),
        (240, [(440, "Total"), (510, "2.562,00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert item_rows(f) == [("Bandeja perforada 300 x 60 mm", "120", "21.35", "2562.00")]
    assert f["line_items"][0]["unit"] == "m"


def test_a_credit_notes_own_number_and_not_the_invoice_it_refers_to(
    settings: Settings, tmp_path: Path
) -> None:
    # "Vedr. faktura nr." (Danish: regarding invoice no.) names the invoice credited
    rows: Rows = [
        (40, [(50, "Limfjord Værktøj ApS", 14), (420, "KREDITNOTA", 14)]),
        (70, [(330, "Kreditnota nr."), (470, "30552")]),
        (82, [(330, "Dato"), (470, "21.12.2026")]),
        (94, [(330, "Vedr. faktura nr."), (470, "30517")]),
        (110, [(50, "Thy Fiskeeksport A/S")]),
        (180, [(50, "Beskrivelse"), (330, "Antal"), (400, "Stk.pris"), (500, "Beløb")]),
        (195, [(50, "Returneret pumpehjul"), (330, "2"), (400, "845,00"), (500, "1.690,00")]),
        (240, [(400, "I alt"), (500, "1.690,00")]),
    ]
    assert drawn_fields(settings, tmp_path, rows)["invoice_number"] == "30552"


def test_the_rounding_under_the_taxes_is_added_like_a_charge(
    settings: Settings, tmp_path: Path
) -> None:
    # an Indian GST invoice: the taxable value, the central and state halves of the GST
    # (equal), a "Round Off" to the whole rupee, the total
    rows: Rows = [
        (40, [(50, "Deccan Forgings Private Limited", 14), (420, "Tax Invoice", 14)]),
        (70, [(330, "Invoice No."), (450, "DFPL/26-27/0311")]),
        (82, [(330, "Dated"), (450, "12-Dec-26")]),
        (110, [(50, "Buyer (Bill to)")]),
        (122, [(50, "Kaveri Pumps Pvt. Ltd.")]),
        (180, [(50, "Description of Goods"), (330, "Quantity"), (400, "Rate"), (500, "Amount")]),
        (195, [(50, "Forged flange 80 NB"), (330, "120"), (400, "1,845.45"), (500, "2,21,454.00")]),
        (215, [(330, "Taxable Value"), (500, "2,21,454.00")]),
        (229, [(330, "CGST @ 9%"), (500, "19,930.86")]),
        (241, [(330, "SGST @ 9%"), (500, "19,930.86")]),
        (253, [(330, "Round Off"), (500, "0.28")]),
        (265, [(330, "Total"), (500, "2,61,316.00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["subtotal"], f["tax"], f["total"]) == ("221454.00", "39861.72", "261316.00")


def test_a_scanned_order_is_titled_by_its_heading_and_priced_in_its_currencys_word(
    settings: Settings, tmp_path: Path
) -> None:
    # OCR's boxes are the ink's: the title's heading type stands less above the body's
    # than in a text layer; amounts printed with the currency's word after them ("zl")
    # are a priced form's, no contract's prose
    rows: Rows = [
        (40, [(50, "Stolarnia Lipowa Sp. z o.o.", 12)]),
        (58, [(50, "ul. Lesna 4, 07-410 Ostroleka")]),
        (95, [(300, "ZAMOWIENIE nr ZAM/2026/11/077", 13)]),
        (117, [(50, "Dostawca:"), (300, "Data zamowienia:"), (430, "14.11.2026")]),
        (129, [(50, "Okucia Nowak Sp.j."), (300, "Termin dostawy:"), (430, "21.11.2026")]),
        (141, [(50, "ul. Fabryczna 3"), (300, "Warunki platnosci:"), (430, "przelew 30 dni")]),
        (153, [(50, "62-800 Kalisz")]),
        (189, [(50, "Miejsce dostawy: magazyn glowny, ul. Lesna 4, 07-410 Ostroleka")]),
        (216, [(50, "Lp."), (70, "Nazwa"), (300, "Ilosc"), (340, "J.m."), (390, "Cena netto")]),
        (216, [(470, "Wartosc netto")]),
        (230, [(50, "1"), (70, "Zawias puszkowy 110"), (300, "1200"), (340, "szt.")]),
        (230, [(390, "3,85 zl"), (470, "4 620,00 zl")]),
        (244, [(50, "2"), (70, "Prowadnica kulkowa 500 mm"), (300, "300"), (340, "kpl.")]),
        (244, [(390, "17,40 zl"), (470, "5 220,00 zl")]),
        (280, [(390, "Razem netto:"), (470, "9 840,00 zl")]),
        (292, [(390, "VAT 23%:"), (470, "2 263,20 zl")]),
        (304, [(390, "Razem brutto:"), (470, "12 103,20 zl")]),
        (340, [(50, "Prosimy o potwierdzenie przyjecia zamowienia do realizacji.")]),
    ]
    image = specked(turned(render(draw(tmp_path / "z.pdf", rows), dpi=200), 0.5), 0.0005)
    result = extract(settings, save_png(image, tmp_path / "z.png"))
    assert (result["doc_type"], result["fields"]["total"]) == ("purchase_order", "12103.20")


def test_a_vendors_word_in_a_tables_header_names_a_column(
    settings: Settings, tmp_path: Path
) -> None:
    # "Vendor Part #" heads the supplier's part numbers: no seller's label over "PART"
    rows: Rows = [
        (40, [(50, "Harwick Conveyor Works, Inc.", 14), (400, "PURCHASE ORDER", 14)]),
        (58, [(50, "775 Kiln Road, Mansfield, OH 44903"), (400, "P.O. Number 4500-7781")]),
        (70, [(400, "Date 11/20/2026")]),
        (120, [(50, "Tamarack Bearing Supply Co."), (330, "Harwick Conveyor Works, Inc.")]),
        (132, [(50, "Attn: Inside Sales"), (330, "Receiving Dept.")]),
        (144, [(50, "1208 Commerce Loop"), (330, "775 Kiln Road")]),
        (156, [(50, "Fort Wayne, IN 46818"), (330, "Mansfield, OH 44903")]),
        (200, [(50, "ITEM #"), (120, "VENDOR PART #"), (210, "DESCRIPTION"), (400, "QTY")]),
        (200, [(450, "UNIT PRICE"), (520, "TOTAL")]),
        (215, [(50, "HC-0412"), (120, "UCP205-16"), (210, "Pillow block bearing"), (400, "48")]),
        (215, [(450, "18.74"), (520, "899.52")]),
        (260, [(450, "TOTAL"), (520, "$899.52")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["vendor"], f["buyer"]) == (
        "Tamarack Bearing Supply Co.",
        "Harwick Conveyor Works, Inc.",
    )


def test_a_letterhead_of_the_name_alone_over_an_imprint_at_the_foot(
    settings: Settings, tmp_path: Path
) -> None:
    # the seller's name alone on top, its address and numbers in the foot's imprint: the
    # block with an attention line under its name, right of the references, is the buyer's
    rows: Rows = [
        (40, [(50, "Norrby Plat & Svets AB", 14), (470, "FAKTURA", 14)]),
        (63, [(380, "Fakturanr"), (520, "71843")]),
        (75, [(380, "Fakturadatum"), (505, "2026-11-18")]),
        (137, [(40, "Er referens"), (135, "Johan Lind"), (320, "Hallsta Maskinteknik AB")]),
        (150, [(40, "Var referens"), (135, "Anna Sjoberg"), (320, "Att: Ekonomiavdelningen")]),
        (162, [(40, "Ert ordernr"), (135, "HMT-3312"), (320, "Box 118")]),
        (174, [(40, "Betalningsvillkor"), (135, "30 dagar netto"), (320, "820 70 Bergsjo")]),
        (
            228,
            [(44, "Art.nr"), (100, "Benamning"), (369, "Antal"), (455, "A-pris"), (522, "Belopp")],
        ),
        (246, [(44, "L-3010"), (100, "Laserskuren detalj 3 mm"), (376, "120"), (459, "64,35")]),
        (246, [(518, "7 722,00")]),
        (300, [(455, "Att betala"), (518, "9 652,50")]),
        (780, [(40, "Adress"), (180, "Telefon"), (320, "Bankgiro"), (450, "Org.nr")]),
        (790, [(40, "Verkstadsgatan 4"), (180, "0243-55 12 90"), (320, "5123-4567")]),
        (790, [(450, "556123-4567")]),
        (800, [(40, "784 33 Borlange"), (180, "info@norrbyplat.se"), (320, "Momsreg.nr")]),
        (800, [(450, "Godkand for F-skatt")]),
    ]
    assert drawn_fields(settings, tmp_path, rows)["buyer"] == "Hallsta Maskinteknik AB"


def test_lev_ant_heads_the_quantity_delivered(settings: Settings, tmp_path: Path) -> None:
    rows: Rows = [
        (40, [(50, "Ljunga Tradgardsmaskiner AB", 14), (400, "Faktura", 14)]),
        (60, [(400, "Fakturanr 5521")]),
        (180, [(40, "Artikelnr"), (110, "Benamning"), (350, "Lev ant"), (380, "Enh")]),
        (180, [(450, "A-pris"), (520, "Summa")]),
        (195, [(40, "RS-520"), (110, "Grasklippare 52 cm"), (360, "2"), (380, "st")]),
        (195, [(450, "4 990,00"), (520, "9 980,00")]),
        (240, [(450, "Att betala"), (520, "9 980,00")]),
    ]
    assert item_rows(drawn_fields(settings, tmp_path, rows)) == [
        ("Grasklippare 52 cm", "2", "4990.00", "9980.00")
    ]
