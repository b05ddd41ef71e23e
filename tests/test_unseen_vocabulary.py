"""Labels, headers, taxes and legal forms that documents from programs and countries the
earlier probes had not met print (a probe of thirty invented documents): each test draws
its own document, with invented companies, and checks one convention."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake.settings import Settings
from tests.test_layout_conventions import Rows, drawn_fields, item_rows


def _document(title: str, label: str, value: str) -> Rows:
    """A supplier's document titled ``title`` printing ``label`` beside ``value``."""
    return [
        (40, [(50, "Larkspur Office Interiors Inc.", 13)]),
        (54, [(50, "900 Pine St, Denver, CO 80202")]),
        (44, [(380, title, 15)]),
        (70, [(380, "Date"), (470, "June 2, 2025")]),
        (82, [(380, label), (470, value)]),
        (130, [(50, "Bill To:"), (120, "Cobalt Peak Dental LLC")]),
        (142, [(120, "15 Elm St, Boulder, CO 80302")]),
        (200, [(50, "Description"), (300, "Qty"), (380, "Price"), (480, "Amount")]),
        (214, [(50, "Task chair, mesh back"), (300, "4"), (380, "385.00"), (480, "1,540.00")]),
        (250, [(380, "Total"), (480, "$1,540.00")]),
    ]


@pytest.mark.parametrize(
    ("title", "label", "value", "field", "read"),
    [
        # a credit memo's number beside its title, as an accounting program prints it
        ("CREDIT MEMO", "CREDIT #", "1043", "invoice_number", "1043"),
        # an Indian pro-forma invoice's number
        ("PROFORMA INVOICE", "PI No.", "PI/2025-26/031", "quote_number", "PI/2025-26/031"),
        # when a purchasing system wants the goods
        ("PURCHASE ORDER", "Need By", "June 20, 2025", "delivery_date", "2025-06-20"),
        ("PURCHASE ORDER", "Gewenste levering", "20/06/2025", "delivery_date", "2025-06-20"),
        # an Italian invoice's instalments' heading, in the plural
        ("INVOICE", "Scadenze:", "31/08/2025", "due_date", "2025-08-31"),
    ],
)
def test_labels_of_numbers_and_dates(
    settings: Settings, tmp_path: Path, title: str, label: str, value: str, field: str, read: str
) -> None:
    assert drawn_fields(settings, tmp_path, _document(title, label, value))[field] == read


def test_a_quotes_validity_as_until_after_its_label(settings: Settings, tmp_path: Path) -> None:
    rows = _document("OFFRE", "N° d'offre", "OF-2025-118")
    rows.append((300, [(50, "Validité de l'offre : jusqu'au 12 juillet 2025")]))
    assert drawn_fields(settings, tmp_path, rows)["valid_until"] == "2025-07-12"


def test_canadas_provincial_sales_tax_is_a_tax(settings: Settings, tmp_path: Path) -> None:
    # British Columbia charges GST on every line and PST on goods only (labour is exempt),
    # each on its own row under the subtotal: both are the tax
    rows: Rows = [
        (44, [(420, "INVOICE", 20)]),
        (66, [(420, "Fraser Valley Refrigeration Ltd.")]),
        (78, [(420, "3300 King George Blvd")]),
        (90, [(420, "Surrey, BC V4P 1A1")]),
        (140, [(40, "BILL TO"), (340, "Invoice Number:"), (460, "2025-0552")]),
        (152, [(40, "Harbour Noodle House"), (340, "Invoice Date:"), (460, "June 18, 2025")]),
        (164, [(40, "480 Columbia St"), (340, "Amount Due (CAD):"), (460, "$1,099.00")]),
        (176, [(40, "New Westminster, BC V3L 1B1")]),
        (230, [(40, "Items"), (340, "Quantity"), (410, "Price"), (490, "Amount")]),
        (246, [(40, "Walk-in cooler door gasket"), (340, "6"), (410, "$50.00"), (490, "$300.00")]),
        (257, [(40, "Magnetic, 36 x 80 in", 8)]),
        (272, [(40, "Condenser fan motor"), (340, "2"), (410, "$200.00"), (490, "$400.00")]),
        (298, [(40, "Service call - labour"), (340, "3"), (410, "$100.00"), (490, "$300.00")]),
        (309, [(40, "Hours on site (PST exempt)", 8)]),
        (340, [(380, "Subtotal:"), (490, "$1,000.00")]),
        (352, [(380, "GST 5%:"), (490, "$50.00")]),
        (364, [(380, "PST 7%:"), (490, "$49.00")]),
        (378, [(380, "Total:"), (490, "$1,099.00")]),
        (392, [(380, "Amount Due (CAD):", 10), (490, "$1,099.00", 10)]),
        (442, [(40, "GST No. 80412 5531 RT0001   PST No. PST-2231-8840")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["subtotal"], f["tax"], f["total"]) == ("1000.00", "99.00", "1099.00")


def test_a_serial_number_column_and_an_item_description_header(
    settings: Settings, tmp_path: Path
) -> None:
    # "S.No." heads the running numbers (India, the UK), "Item Description" the text
    rows: Rows = [
        (40, [(50, "Narmada Pumps Pvt. Ltd.", 13)]),
        (54, [(50, "Plot 14, GIDC Estate, Vadodara 390010")]),
        (44, [(380, "TAX INVOICE", 15)]),
        (70, [(380, "Invoice No."), (470, "NP/25-26/112")]),
        (130, [(50, "Buyer:"), (120, "Sabarmati Agro Industries Ltd.")]),
        (200, [(50, "S.No."), (90, "Item Description"), (300, "Qty"), (380, "Rate")]),
        (200, [(480, "Amount")]),
        (214, [(50, "1"), (90, "Monoblock pump 2 HP"), (300, "4"), (380, "9500.00")]),
        (214, [(480, "38000.00")]),
        (228, [(50, "2"), (90, "Foot valve 50 mm"), (300, "4"), (380, "650.00"), (480, "2600.00")]),
        (260, [(380, "Total"), (480, "40600.00")]),
    ]
    assert item_rows(drawn_fields(settings, tmp_path, rows)) == [
        ("Monoblock pump 2 HP", "4", "9500.00", "38000.00"),
        ("Foot valve 50 mm", "4", "650.00", "2600.00"),
    ]


@pytest.mark.parametrize(
    "name",
    [
        "Tecnología Industrial del Bajío, S.A. de C.V.",
        "Bright Harbour Lighting Co., Ltd.",
        # an accented capital and a particle in small letters are the name's own words
        "Éditions du Lauragais SARL",
    ],
)
def test_legal_forms_of_two_parts(settings: Settings, tmp_path: Path, name: str) -> None:
    rows = _document("INVOICE", "Invoice No.", "F-1527")
    rows[0] = (40, [(50, name, 13)])
    assert drawn_fields(settings, tmp_path, rows)["vendor"] == name


@pytest.mark.parametrize("label", ["Bill-To Address", "Receptor"])
def test_the_customers_block_under_a_hyphenated_bill_to_or_the_cfdis_receptor(
    settings: Settings, tmp_path: Path, label: str
) -> None:
    # purchasing systems hyphenate "Bill-To"; a Mexican CFDI names its customer "Receptor"
    rows = _document("PURCHASE ORDER", "PO Number", "4500-7719")
    rows[5:7] = [
        (130, [(50, label), (300, "Ship-To Address")]),
        (142, [(50, "Northgate Health Partners"), (300, "Northgate Health Partners")]),
        (154, [(50, "PO Box 2210, Tacoma, WA 98401"), (300, "88 Dock St, Tacoma, WA 98402")]),
    ]
    assert drawn_fields(settings, tmp_path, rows)["buyer"] == "Northgate Health Partners"


def test_brazilian_goods_total_before_ipi_and_freight(settings: Settings, tmp_path: Path) -> None:
    rows: Rows = [
        (40, [(50, "Metalúrgica Serra Gaúcha Ltda.", 13)]),
        (54, [(50, "Rua das Indústrias 400, Caxias do Sul - RS")]),
        (44, [(380, "ORÇAMENTO", 15)]),
        (70, [(380, "Orçamento nº"), (470, "2025/0412")]),
        (130, [(50, "Cliente:"), (120, "Vinícola Vale Alto Ltda.")]),
        (200, [(50, "Descrição"), (300, "Qtd."), (380, "Valor unit."), (480, "Total")]),
        (214, [(50, "Tanque inox 1000 L"), (300, "2"), (380, "4.320,00"), (480, "8.640,00")]),
        (260, [(380, "Total dos produtos"), (480, "R$ 8.640,00")]),
        (272, [(380, "IPI (5%)"), (480, "R$ 432,00")]),
        (284, [(380, "Frete"), (480, "R$ 350,00")]),
        (298, [(380, "Total do orçamento"), (480, "R$ 9.422,00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["subtotal"], f["total"]) == ("8640.00", "9422.00")


def test_an_indian_gst_invoice_with_its_tax_ledgers_in_the_item_table(
    settings: Settings, tmp_path: Path
) -> None:
    # amounts grouped by lakh; after the items, their sum on a row of its own and each
    # tax's ledger row ("Output CGST  9 %", "Output SGST  9 %": equal halves of one GST)
    # in the item table's columns; then the total
    rows: Rows = [
        (40, [(250, "Tax Invoice", 14)]),
        (70, [(40, "Godavari Valves Pvt. Ltd.", 10), (300, "Invoice No."), (440, "Dated")]),
        (82, [(40, "Plot 7, MIDC Waluj, Aurangabad 431136"), (300, "GV/25-26/0211")]),
        (82, [(440, "14-Jul-25")]),
        (130, [(40, "Buyer (Bill to)")]),
        (142, [(40, "Konkan Process Equipment Ltd.")]),
        (154, [(40, "Thane 400601")]),
        (200, [(32, "Sl No."), (62, "Description of Goods"), (330, "Quantity"), (392, "Rate")]),
        (200, [(500, "Amount")]),
        (214, [(40, "1"), (62, "Gate valve 2 in, flanged"), (330, "40"), (392, "2,500.00")]),
        (214, [(500, "1,00,000.00")]),
        (228, [(40, "2"), (62, "Check valve 1 in"), (330, "50"), (392, "400.00")]),
        (228, [(500, "20,000.00")]),
        (246, [(500, "1,20,000.00")]),
        (260, [(200, "Output CGST"), (392, "9 %"), (500, "10,800.00")]),
        (274, [(200, "Output SGST"), (392, "9 %"), (500, "10,800.00")]),
        (300, [(200, "Total"), (480, "Rs. 1,41,600.00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert item_rows(f) == [
        ("Gate valve 2 in, flanged", "40", "2500.00", "100000.00"),
        ("Check valve 1 in", "50", "400.00", "20000.00"),
    ]
    assert (f["subtotal"], f["tax"], f["total"]) == ("120000.00", "21600.00", "141600.00")


@pytest.mark.parametrize(
    ("tax_number", "amounts", "currency"),
    [
        ("GST No: 118-442-907", "$", "NZD"),  # New Zealand's GST number, three groups
        ("GST Reg No: M2-0412345-7", "$", "SGD"),  # Singapore's GST registration
        ("VAT No. 4710234561", "", "ZAR"),  # South Africa's VAT number (the rand's "R" unread)
        ("Moneda: MXN", "$", "MXN"),  # declared by a currency's label, "$" on the amounts
    ],
)
def test_the_currency_of_a_documents_country_or_its_declaration(
    settings: Settings, tmp_path: Path, tax_number: str, amounts: str, currency: str
) -> None:
    rows: Rows = [
        (40, [(50, "Tasman Joinery Supplies", 13)]),
        (54, [(50, tax_number)]),
        (44, [(380, "TAX INVOICE", 15)]),
        (70, [(380, "Invoice No."), (470, "TJ-2207")]),
        (130, [(50, "Bill To:"), (120, "Kauri Coast Builders")]),
        (200, [(50, "Description"), (300, "Qty"), (380, "Price"), (480, "Amount")]),
        (214, [(50, "Rimu skirting 90 mm, per m"), (300, "40"), (380, f"{amounts}12.50")]),
        (214, [(480, f"{amounts}500.00")]),
        (250, [(380, "Total"), (480, f"{amounts}500.00")]),
    ]
    assert drawn_fields(settings, tmp_path, rows)["currency"] == currency


def test_an_unlabelled_customer_window_ending_in_an_eircode(
    settings: Settings, tmp_path: Path
) -> None:
    rows: Rows = [
        (40, [(50, "Liffey Print & Design Ltd", 13)]),
        (54, [(50, "Unit 4, Ballymount Ind. Est., Dublin 12, D12 N2W6")]),
        (66, [(50, "VAT No. IE 3312456KH   Tel. +353 1 555 0142")]),
        (110, [(50, "Harbourview Software Ltd")]),
        (122, [(50, "4 Grand Canal Quay")]),
        (134, [(50, "Dublin 2, D02 KX45")]),
        (110, [(380, "INVOICE", 15)]),
        (134, [(380, "Invoice No."), (470, "SI-1294")]),
        (200, [(50, "Description"), (300, "Qty"), (380, "Price"), (480, "Amount")]),
        (214, [(50, "Brochure A4, 16 pp, 500 copies"), (300, "1"), (380, "1,450.00")]),
        (214, [(480, "1,450.00")]),
        (250, [(380, "Total"), (480, "€1,450.00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["vendor"], f["buyer"]) == ("Liffey Print & Design Ltd", "Harbourview Software Ltd")


def test_a_supplier_beside_its_key_over_other_keys_and_the_lines_need_by_date(
    settings: Settings, tmp_path: Path
) -> None:
    # a procurement system's key/value header: "Supplier" beside the supplier's name, over
    # the keys "Supplier Number" and "Payment Term" (no names); each line's "Need By" date
    rows: Rows = [
        (40, [(40, "Westfield Veterinary Group", 13)]),
        (62, [(40, "Purchase Order #31007", 14)]),
        (90, [(40, "Order Date"), (130, "07/01/25"), (300, "Supplier")]),
        (90, [(400, "Prairie Animal Health Supply LLC")]),
        (102, [(40, "Revision"), (130, "0"), (300, "Supplier Number"), (400, "SUP-01142")]),
        (114, [(40, "Requester"), (130, "Dan Ruiz"), (300, "Payment Term"), (400, "Net 30")]),
        (165, [(40, "Ship-To Address"), (300, "Bill-To Address")]),
        (177, [(40, "Westfield Veterinary Group"), (300, "Westfield Veterinary Group")]),
        (189, [(40, "410 Main St"), (300, "PO Box 881")]),
        (201, [(40, "Omaha, NE 68102"), (300, "Omaha, NE 68101")]),
        (245, [(40, "Line"), (110, "Item"), (330, "Qty"), (365, "Unit"), (400, "Price")]),
        (245, [(450, "Total"), (505, "Need By")]),
        (261, [(40, "1"), (110, "Surgical drape 24 x 24 in"), (330, "20"), (365, "box")]),
        (261, [(400, "18.00"), (450, "360.00"), (505, "07/15/25")]),
        (275, [(40, "2"), (110, "Suture 3-0, absorbable"), (330, "10"), (365, "box")]),
        (275, [(400, "42.00"), (450, "420.00"), (505, "07/15/25")]),
        (289, [(520, "-")]),
        (303, [(520, "-")]),
        (335, [(400, "Total"), (450, "780.00 USD")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert f["vendor"] == "Prairie Animal Health Supply LLC"
    assert f["delivery_date"] == "2025-07-15"
    assert [i["description"] for i in f["line_items"]] == [
        "Surgical drape 24 x 24 in",
        "Suture 3-0, absorbable",
    ]


def test_a_salesperson_beside_the_sellers_word_is_no_vendor(
    settings: Settings, tmp_path: Path
) -> None:
    # Portuguese and Spanish "Vendedor" beside a person's name: the salesperson, while the
    # letterhead names the seller
    rows: Rows = [
        (40, [(40, "Bombas Vale do Itajaí Ltda.", 13)]),
        (54, [(40, "Rua XV de Novembro 880, Blumenau - SC")]),
        (44, [(380, "ORÇAMENTO Nº 2025/0422", 13)]),
        (100, [(380, "Data de emissão:"), (470, "03/06/2025")]),
        (112, [(380, "Vendedor:"), (470, "Paulo Henrique Souza")]),
        (130, [(40, "Cliente:"), (100, "Cervejaria Morro Azul Ltda.")]),
        (200, [(40, "Descrição"), (300, "Qtd."), (380, "Valor unit."), (480, "Total")]),
        (214, [(40, "Bomba centrífuga 3 cv"), (300, "2"), (380, "2.150,00"), (480, "4.300,00")]),
        (260, [(380, "Valor total"), (480, "R$ 4.300,00")]),
        (320, [(40, "Paulo Henrique Souza - Depto. Comercial")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["vendor"], f["buyer"]) == (
        "Bombas Vale do Itajaí Ltda.",
        "Cervejaria Morro Azul Ltda.",
    )


def test_cascading_discounts_joined_by_a_plus(settings: Settings, tmp_path: Path) -> None:
    # "10+5": 10 % off the price, then 5 % off the rest (x 0.855); the VAT rate's column
    # after the amounts
    rows: Rows = [
        (40, [(40, "Idrotermica Adige S.r.l.", 13)]),
        (54, [(40, "Via dell'Industria 12, 37135 Verona")]),
        (44, [(380, "FATTURA N. 412/2025", 13)]),
        (70, [(380, "Data"), (470, "04/07/2025")]),
        (130, [(40, "Spett.le"), (100, "Impianti Benaco S.n.c.")]),
        (240, [(40, "Codice"), (95, "Descrizione"), (285, "U.M."), (315, "Quantità")]),
        (240, [(365, "Prezzo"), (410, "Sconto %"), (465, "Importo"), (530, "IVA")]),
        (256, [(40, "VS-12"), (95, "Valvola a sfera 1/2"), (285, "PZ"), (315, "10")]),
        (256, [(365, "12,00"), (410, "10+5"), (465, "102,60"), (530, "22")]),
        (270, [(40, "RT-20"), (95, "Raccordo a T 20 mm"), (285, "PZ"), (315, "50")]),
        (270, [(365, "2,00"), (410, "20+10"), (465, "72,00"), (530, "22")]),
        (320, [(380, "Imponibile"), (470, "174,60")]),
        (332, [(380, "IVA 22%"), (470, "38,41")]),
        (346, [(380, "Totale documento"), (470, "213,01")]),
    ]
    assert item_rows(drawn_fields(settings, tmp_path, rows)) == [
        ("Valvola a sfera 1/2", "10", "12.00", "102.60"),
        ("Raccordo a T 20 mm", "50", "2.00", "72.00"),
    ]


def test_our_order_to_messrs_supplier_signed_for_our_company(
    settings: Settings, tmp_path: Path
) -> None:
    # an Indian purchase order of ours: "To," over "M/s. <supplier>" (Messrs), and our
    # company's signature line "For <us>" at the foot
    rows: Rows = [
        (40, [(200, "GODAVARI TOOLS PVT. LTD.", 12)]),
        (54, [(190, "Plot 9, Chikalthana MIDC, Aurangabad - 431006")]),
        (95, [(235, "PURCHASE ORDER", 14)]),
        (125, [(40, "To,"), (360, "PO No."), (430, ": GT/PO/25-26/0041")]),
        (137, [(40, "M/s. Deccan Bright Steel Traders"), (360, "PO Date"), (430, ": 09/06/2025")]),
        (149, [(40, "Shop 12, Steel Market, Pune - 411037")]),
        (240, [(40, "S.No."), (75, "Item Description"), (325, "Qty"), (405, "Rate (Rs.)")]),
        (240, [(485, "Amount (Rs.)")]),
        (256, [(40, "1"), (75, "EN8 bright bar 40 mm"), (325, "500"), (405, "92.00")]),
        (256, [(485, "46,000.00")]),
        (300, [(405, "Grand Total"), (485, "46,000.00")]),
        (470, [(380, "For Godavari Tools Pvt. Ltd.")]),
        (510, [(420, "Authorised Signatory")]),
    ]
    s = settings.model_copy(update={"company_name": "Godavari Tools Pvt. Ltd."})
    f = drawn_fields(s, tmp_path, rows)
    # (our name in capitals, filed as the signature line writes it)
    assert (f["vendor"], f["buyer"]) == (
        "Deccan Bright Steel Traders",
        "Godavari Tools Pvt. Ltd.",
    )


def test_spettabile_before_the_suppliers_name_is_no_part_of_it(
    settings: Settings, tmp_path: Path
) -> None:
    # our order to the supplier under "Fornitore", addressed "Spett.le <name>" on one line
    rows: Rows = [
        (40, [(50, "Tipografia Euganea S.r.l.", 12)]),
        (54, [(50, "Via Roma 4 - 35122 Padova (PD)")]),
        (66, [(50, "P.IVA 04412340287")]),
        (115, [(330, "Fornitore")]),
        (127, [(330, "Spett.le Cartotecnica Berica S.p.A.")]),
        (139, [(330, "Viale del Lavoro 20")]),
        (151, [(330, "36100 Vicenza (VI)")]),
        (200, [(50, "ORDINE A FORNITORE N. 22 del 10/06/2025", 13)]),
        (255, [(50, "Descrizione"), (320, "Quantità"), (380, "Prezzo unitario")]),
        (255, [(490, "Importo")]),
        (269, [(50, "Carta patinata 115 g, risme"), (320, "40"), (380, "18,00"), (490, "720,00")]),
        (335, [(380, "Imponibile"), (490, "720,00 €")]),
        (347, [(380, "IVA 22%"), (490, "158,40 €")]),
        (361, [(380, "Totale ordine", 10), (490, "878,40 €", 10)]),
    ]
    s = settings.model_copy(update={"company_name": "Tipografia Euganea S.r.l."})
    assert drawn_fields(s, tmp_path, rows)["vendor"] == "Cartotecnica Berica S.p.A."


def test_the_amount_in_words_and_the_terms_under_the_totals_head_no_table(
    settings: Settings, tmp_path: Path
) -> None:
    # "Amount in words: Rupees …" is a label and its value, a numbered condition a
    # sentence: no header of items, so the bank's account number under them is no item
    rows: Rows = [
        (40, [(40, "SABARMATI PLASTICS", 13)]),
        (54, [(40, "Plot 41, GIDC Naroda, Ahmedabad - 382330")]),
        (44, [(380, "PROFORMA INVOICE", 14)]),
        (70, [(380, "PI No."), (450, "SP/25-26/019")]),
        (130, [(40, "Buyer:"), (100, "Narmada Foods Pvt. Ltd.")]),
        (200, [(40, "S.N."), (65, "Description"), (305, "Qty"), (380, "Rate")]),
        (200, [(485, "Amount")]),
        (214, [(40, "1"), (65, "HDPE woven sack 25 kg"), (305, "10,000"), (380, "6.20")]),
        (214, [(485, "62,000.00")]),
        (250, [(380, "Taxable Value"), (485, "62,000.00")]),
        (262, [(380, "IGST @ 18%"), (485, "11,160.00")]),
        (276, [(380, "Total Amount"), (485, "73,160.00")]),
        (300, [(40, "Amount in words: Rupees Seventy Three Thousand One Hundred Sixty Only")]),
        (330, [(40, "1. This is not a tax invoice; a tax invoice will be issued on dispatch.")]),
        (
            360,
            [(40, "Bank: Bank of Baroda, Naroda Branch, A/c No. 22041000123456, IFSC BARB0NARODA")],
        ),
    ]
    assert item_rows(drawn_fields(settings, tmp_path, rows)) == [
        ("HDPE woven sack 25 kg", "10000", "6.20", "62000.00")
    ]


def test_an_items_note_naming_columns_words_heads_no_new_table(
    settings: Settings, tmp_path: Path
) -> None:
    # "Hours on site (PST exempt)" under a labour line names a quantity's and a tax's
    # column, but stands in the description's column alone: a note, and the table goes on
    rows: Rows = [
        (44, [(420, "INVOICE", 20)]),
        (66, [(420, "Okanagan Appliance Repair Ltd.")]),
        (78, [(420, "Kelowna, BC V1Y 1A1")]),
        (140, [(40, "BILL TO"), (340, "Invoice Number:"), (460, "2025-0761")]),
        (152, [(40, "Lakeshore Bakery Inc.")]),
        (230, [(40, "Items"), (340, "Quantity"), (410, "Price"), (490, "Amount")]),
        (246, [(40, "Service call - labour"), (340, "2"), (410, "$120.00"), (490, "$240.00")]),
        (257, [(40, "Hours on site, July 2 (PST exempt)", 8)]),
        (272, [(40, "Oven door hinge kit"), (340, "1"), (410, "$85.00"), (490, "$85.00")]),
        (310, [(380, "Subtotal:"), (490, "$325.00")]),
        (322, [(380, "GST 5%:"), (490, "$16.25")]),
        (334, [(380, "PST 7%:"), (490, "$5.95")]),
        (348, [(380, "Total:"), (490, "$347.20")]),
    ]
    assert item_rows(drawn_fields(settings, tmp_path, rows)) == [
        ("Service call - labour Hours on site, July 2 (PST exempt)", "2", "120.00", "240.00"),
        ("Oven door hinge kit", "1", "85.00", "85.00"),
    ]


def test_the_lines_total_over_the_tax_is_the_subtotal(settings: Settings, tmp_path: Path) -> None:
    rows = _document("SALES ORDER ACKNOWLEDGEMENT", "Sales Order No.", "SO-55120")
    rows[-1:] = [
        (228, [(50, "Cable gland M20, nylon"), (300, "100"), (380, "1.10"), (480, "110.00")]),
        (260, [(380, "Line Total"), (480, "1,650.00")]),
        (272, [(380, "Freight"), (480, "150.00")]),
        (284, [(380, "Sales Tax 8%"), (480, "132.00")]),
        (298, [(380, "Order Total"), (480, "$1,932.00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["subtotal"], f["tax"], f["total"]) == ("1650.00", "132.00", "1932.00")
