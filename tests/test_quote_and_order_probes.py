"""Quotes and purchase orders written by hand for a probe (invented companies, drafting
conventions only) and read with no company of ours, as the acceptance sets are read:
each test is one convention the probe found misread."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake.settings import Settings
from tests.scans import render, save_png, specked, turned
from tests.test_extraction import extract
from tests.test_layout_conventions import Rows, draw


def test_the_issuers_person_beside_the_customers_label_is_no_value(
    settings: Settings, tmp_path: Path
) -> None:
    # "Prepared for" and "Prepared by" side by side over their blocks: the cell beside
    # the customer's label is the issuer's person's label, so the customer is the block
    # under its own label
    rows: Rows = [
        (40, [(50, "Nimbus Analytics, Inc.", 16)]),
        (58, [(50, "500 Howard St, San Francisco, CA 94105")]),
        (40, [(420, "QUOTE", 16)]),
        (62, [(380, "Quote #"), (460, "Q-10442")]),
        (74, [(380, "Date"), (460, "June 2, 2025")]),
        (130, [(50, "Prepared for"), (320, "Prepared by")]),
        (142, [(50, "Bright Path Logistics"), (320, "Sam Lee, Account Executive")]),
        (154, [(50, "18 Harbor Blvd, Long Beach, CA 90802")]),
        (210, [(50, "Product"), (250, "Qty"), (300, "Unit Price"), (470, "Amount")]),
        (225, [(50, "Onboarding package"), (250, "1"), (300, "2,500.00"), (470, "2,500.00")]),
        (290, [(380, "Total (USD)"), (470, "2,500.00")]),
    ]
    f = extract(settings, draw(tmp_path / "q.pdf", rows))["fields"]
    assert (f["vendor"], f["buyer"]) == ("Nimbus Analytics, Inc.", "Bright Path Logistics")


@pytest.mark.parametrize(
    ("phrase", "until"),
    [
        ("Validità dell'offerta: 30 giorni dalla data del presente preventivo.", "2025-07-03"),
        ("Validità 2 mesi", "2025-08-03"),
    ],
)
def test_an_italian_quotes_validity_with_words_before_its_period(
    settings: Settings, tmp_path: Path, phrase: str, until: str
) -> None:
    rows: Rows = [
        (40, [(50, "Termoidraulica Conti S.n.c.", 15)]),
        (56, [(50, "Via Roma 12, 25121 Brescia")]),
        (110, [(330, "Spett.le")]),
        (122, [(330, "Condominio Le Querce")]),
        (134, [(330, "Via Milano 40")]),
        (146, [(330, "25126 Brescia")]),
        (190, [(50, "PREVENTIVO N. 45/2025", 13)]),
        (206, [(50, "Brescia, 03/06/2025")]),
        (310, [(350, "Totale preventivo"), (470, "2.475,00")]),
        (370, [(50, phrase)]),
    ]
    result = extract(settings, draw(tmp_path / "p.pdf", rows))
    assert result["doc_type"] == "estimate"
    assert result["fields"]["valid_until"] == until


def municipal_order(buyer_line: tuple[str, str], ship_to: list[str]) -> Rows:
    """A public body's order: its name large on top, its details beside it, the vendor
    and the ship-to blocks side by side."""
    rows: Rows = [
        (40, [(50, "CITY OF MILLBROOK", 16)]),
        (58, [(50, "Purchasing Division · 100 Main Street · Millbrook, OR 97301")]),
        (40, [(380, "PURCHASE ORDER", 14)]),
        (60, [(380, "P.O. No."), (460, "24-00318")]),
        (72, [(380, "Date"), (460, "03/14/2025")]),
        (84, [(380, buyer_line[0]), (460, buyer_line[1])]),
        (120, [(50, "VENDOR"), (320, "SHIP TO")]),
        (132, [(50, "Cascade Office Supply Inc."), (320, ship_to[0])]),
        (144, [(50, "2200 Industrial Way"), (320, ship_to[1])]),
        (156, [(50, "Salem, OR 97302"), (320, "Millbrook, OR 97301")]),
        (200, [(50, "QTY"), (90, "DESCRIPTION"), (390, "UNIT PRICE"), (480, "TOTAL")]),
        (215, [(50, "12"), (90, "Copy paper, letter, 10 reams"), (390, "42.50"), (480, "510.00")]),
        (280, [(390, "TOTAL"), (480, "510.00")]),
    ]
    return rows


@pytest.mark.parametrize(
    ("buyer_line", "ship_to"),
    [
        # the purchasing agent among the order's details
        (("Buyer", "Dana Pierce"), ["Millbrook Public Works", "455 Yard Road"]),
        # the site the goods go to, a department first
        (("Terms", "Net 30"), ["Dept. of Public Works, Bay 4", "455 Yard Road"]),
    ],
)
def test_an_orders_letterhead_is_its_buyer_over_its_agent_or_site(
    settings: Settings, tmp_path: Path, buyer_line: tuple[str, str], ship_to: list[str]
) -> None:
    rows = municipal_order(buyer_line, ship_to)
    result = extract(settings, draw(tmp_path / "po.pdf", rows))
    assert result["doc_type"] == "purchase_order"
    f = result["fields"]
    assert (f["vendor"], f["buyer"]) == ("Cascade Office Supply Inc.", "CITY OF MILLBROOK")


def test_the_company_an_order_bills_stays_its_buyer(settings: Settings, tmp_path: Path) -> None:
    # "Bill to" names who pays the supplier: the buyer, whoever's letterhead it is
    rows = municipal_order(("Terms", "Net 30"), ["Millbrook Utilities LLC", "455 Yard Road"])
    rows[6] = (120, [(50, "VENDOR"), (320, "BILL TO")])
    f = extract(settings, draw(tmp_path / "po.pdf", rows))["fields"]
    assert (f["vendor"], f["buyer"]) == ("Cascade Office Supply Inc.", "Millbrook Utilities LLC")


def test_a_buyers_site_after_its_legal_name_is_no_part_of_it(
    settings: Settings, tmp_path: Path
) -> None:
    # "Lieferanschrift: Metallbau Krüger GmbH, Halle 3": the name ends at its legal form
    rows: Rows = [
        (40, [(50, "Metallbau Krüger GmbH", 14)]),
        (54, [(50, "Industriestr. 8 · 33602 Bielefeld")]),
        (100, [(50, "Lieferant:"), (320, "Lieferanschrift:")]),
        (112, [(50, "Schrauben-Zentrale Nord GmbH"), (320, "Metallbau Krüger GmbH, Halle 3")]),
        (124, [(50, "Am Hafen 4"), (320, "Industriestr. 10")]),
        (136, [(50, "28197 Bremen"), (320, "33602 Bielefeld")]),
        (180, [(50, "Bestellung Nr. B-25-0932", 13)]),
        (314, [(390, "Gesamt"), (480, "107,10")]),
    ]
    result = extract(settings, draw(tmp_path / "po.pdf", rows))
    assert result["doc_type"] == "purchase_order"
    f = result["fields"]
    assert (f["vendor"], f["buyer"]) == ("Schrauben-Zentrale Nord GmbH", "Metallbau Krüger GmbH")


def test_a_pro_forma_number_after_its_number_word(settings: Settings, tmp_path: Path) -> None:
    rows: Rows = [
        (40, [(50, "Olivia Trading S.L.", 15)]),
        (90, [(50, "FACTURA PROFORMA", 15)]),
        (110, [(50, "Nº Proforma: PF-2025-033"), (300, "Fecha: 12/06/2025")]),
        (140, [(50, "Cliente:")]),
        (152, [(50, "Gourmet Imports Ltd")]),
        (260, [(390, "Total EUR"), (480, "3.840,00")]),
    ]
    result = extract(settings, draw(tmp_path / "pf.pdf", rows))
    assert (result["doc_type"], result["fields"]["quote_number"]) == ("estimate", "PF-2025-033")


def test_a_labelled_detail_under_the_suppliers_name_is_no_address(
    settings: Settings, tmp_path: Path
) -> None:
    # "Deliver by: 05/20/2025" under the supplier's name is the order's detail
    rows: Rows = [
        (40, [(50, "Lakeside Dental LLC", 14)]),
        (70, [(50, "PURCHASE ORDER", 16), (380, "No. LD-221")]),
        (110, [(50, "Supplier:")]),
        (122, [(50, "Brightline Signs Inc.")]),
        (134, [(50, "Deliver by: 05/20/2025")]),
        (324, [(380, "Total"), (480, "1,080.00")]),
    ]
    f = extract(settings, draw(tmp_path / "po.pdf", rows))["fields"]
    assert (f["vendor"], f["delivery_date"]) == ("Brightline Signs Inc.", "2025-05-20")
    assert "address" not in f


def test_the_owners_line_under_a_firms_name_names_no_vendor(
    settings: Settings, tmp_path: Path
) -> None:
    # "Inh." (Inhaber) names the owner: set larger than the firm's name (as a scan's
    # letters may come out), it is still no vendor
    rows: Rows = [
        (40, [(50, "Malerbetrieb Hartmann", 12)]),
        (56, [(50, "Inh. Klaus Hartmann", 13)]),
        (70, [(50, "Gartenweg 3, 04109 Leipzig")]),
        (120, [(50, "Kostenvoranschlag Nr. KV-2025-19", 13)]),
        (134, [(50, "Datum: 02.06.2025")]),
        (314, [(390, "Gesamtbetrag"), (480, "1.999,20")]),
    ]
    f = extract(settings, draw(tmp_path / "kv.pdf", rows))["fields"]
    assert f["vendor"] == "Malerbetrieb Hartmann"


@pytest.mark.parametrize(("title", "kind"), [("ORDER", "purchase_order"), ("DEVIS", "estimate")])
def test_a_number_word_beside_the_title_numbers_the_document(
    settings: Settings, tmp_path: Path, title: str, kind: str
) -> None:
    # "ORDER" alone is no label of the order's number; the "No." beside the title, on
    # its line, numbers the document the title names
    rows: Rows = [
        (40, [(50, "Lakeside Dental LLC", 14)]),
        (70, [(50, title, 16), (380, "No. LD-221")]),
        (86, [(380, "Date 05/02/2025")]),
        (110, [(50, "Supplier:" if kind == "purchase_order" else "Client :")]),
        (122, [(50, "Brightline Signs Inc.")]),
        (200, [(50, "Description"), (480, "Amount")]),
        (215, [(50, "Illuminated sign"), (480, "1,000.00")]),
        (324, [(380, "Total"), (480, "1,080.00")]),
    ]
    result = extract(settings, draw(tmp_path / "d.pdf", rows))
    own = "po_number" if kind == "purchase_order" else "quote_number"
    assert (result["doc_type"], result["fields"][own]) == (kind, "LD-221")


def _university_order(beside: str) -> Rows:
    return [
        (40, [(50, "University of Northbridge", 11)]),
        (56, [(50, "Procurement Services, 1 College Green, Northbridge NB2 4TT")]),
        (40, [(420, "PURCHASE ORDER", 14)]),
        (60, [(420, "Order No: PO-0098132")]),
        (72, [(420, "Date: 17/06/2025")]),
        (110, [(50, "Supplier"), (300, "Invoice Address")]),
        (122, [(50, "Kelvin Scientific Ltd"), (300, "Accounts Payable")]),
        (134, [(50, "Unit 4, Riverside Estate"), (300, "University of Northbridge")]),
        (146, [(50, "Salford M5 3EZ"), (300, "PO Box 100, Northbridge NB1 1AA")]),
        (180, [(50, "Delivery Address"), (300, beside)]),
        (192, [(50, "School of Chemistry, Stores"), (300, "Dr H. Patel")]),
        (230, [(50, "Item"), (90, "Description"), (330, "Qty"), (410, "Unit Price"), (490, "Net")]),
        (
            245,
            [
                (50, "1"),
                (90, "Beaker 250 ml (pk 12)"),
                (330, "10"),
                (410, "38.50"),
                (490, "385.00"),
            ],
        ),
        (300, [(410, "Net Total"), (490, "385.00")]),
    ]


@pytest.mark.parametrize("beside", ["Requisitioner", "Contact", "Site"])
def test_an_orders_invoice_address_names_its_buyer_past_its_department(
    settings: Settings, tmp_path: Path, beside: str
) -> None:
    # "Invoice Address" is where the supplier's invoices go, the buyer's; its first line
    # is the office they go to ("Accounts Payable"), the institution's name under it.
    # "Delivery Address" heads its own block: the heading of the column beside it
    # ("Requisitioner", or any other word) is no name
    result = extract(settings, draw(tmp_path / "po.pdf", _university_order(beside)))
    f = result["fields"]
    assert (result["doc_type"], f["vendor"], f["buyer"]) == (
        "purchase_order",
        "Kelvin Scientific Ltd",
        "University of Northbridge",
    )


def test_a_heading_across_the_page_from_a_buyers_label_is_no_name(
    settings: Settings, tmp_path: Path
) -> None:
    # a label at the margin heads the block set under it; the key of another block in
    # mid-page, on the label's line, is not its value
    rows: Rows = [
        (40, [(50, "Harbor Tools Ltd", 15)]),
        (56, [(50, "12 Quay Street, Bristol BS1 4DJ")]),
        (90, [(50, "INVOICE INV-3391", 14)]),
        (104, [(50, "Date 12/03/2025")]),
        (130, [(30, "Bill To:"), (381, "Sales Office"), (459, "Cardiff")]),
        (142, [(381, "Sales Region"), (459, "South West")]),
        (154, [(90, "Severn Joinery Ltd")]),
        (166, [(90, "4 Mill Lane, Gloucester GL1 2AB")]),
        (280, [(400, "Total"), (480, "240.00")]),
    ]
    assert extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]["buyer"] == (
        "Severn Joinery Ltd"
    )


def test_an_order_naming_its_supplier_is_its_letterheads_without_a_legal_form(
    settings: Settings, tmp_path: Path
) -> None:
    # "Fournisseur :" names the supplier outright and nothing labels the buyer: the name
    # heading the page, a clinic's with no legal form, is the order's issuer, its buyer
    rows: Rows = [
        (40, [(50, "Clinique Vétérinaire des Alpes", 14)]),
        (56, [(50, "5 avenue de Savoie, 73000 Chambéry")]),
        (90, [(50, "BON DE COMMANDE N° 2025-044", 14)]),
        (106, [(50, "Date : 22/05/2025")]),
        (130, [(330, "Fournisseur :")]),
        (142, [(330, "VetoMed Distribution SAS")]),
        (154, [(330, "ZA des Près, 69800 Saint-Priest")]),
        (
            200,
            [(50, "Réf."), (110, "Désignation"), (330, "Qté"), (380, "PU HT"), (480, "Montant HT")],
        ),
        (
            215,
            [(50, "VM-118"), (110, "Seringues 5 ml"), (330, "10"), (380, "12,90"), (480, "129,00")],
        ),
        (294, [(380, "Total TTC"), (480, "154,80 €")]),
    ]
    result = extract(settings, draw(tmp_path / "bdc.pdf", rows))
    f = result["fields"]
    assert (result["doc_type"], f["vendor"], f["buyer"]) == (
        "purchase_order",
        "VetoMed Distribution SAS",
        "Clinique Vétérinaire des Alpes",
    )


@pytest.mark.parametrize("line", ["N. 118/2025 del 07/07/2025", "Numero: 118/2025"])
def test_a_number_word_under_the_title_numbers_the_document(
    settings: Settings, tmp_path: Path, line: str
) -> None:
    rows: Rows = [
        (40, [(50, "Pastificio Rinaldi S.r.l.", 15)]),
        (56, [(50, "Via Emilia 120, 42124 Reggio Emilia · P.IVA IT01234560353")]),
        (90, [(50, "ORDINE D'ACQUISTO", 14)]),
        (106, [(50, line)]),
        (130, [(50, "Spett.le")]),
        (142, [(50, "Molino Ferri S.p.A.")]),
        (154, [(50, "Strada Provinciale 4, 43100 Parma")]),
        (
            200,
            [
                (50, "Codice"),
                (110, "Descrizione"),
                (330, "Q.tà"),
                (380, "Prezzo"),
                (480, "Importo"),
            ],
        ),
        (215, [(50, "SEM-25"), (110, "Semola"), (330, "400"), (380, "18,40"), (480, "7.360,00")]),
        (294, [(380, "Totale ordine"), (480, "7.654,40")]),
    ]
    result = extract(settings, draw(tmp_path / "o.pdf", rows))
    assert (result["doc_type"], result["fields"]["po_number"]) == ("purchase_order", "118/2025")


def _order_form(second_box: str) -> Rows:
    return [
        (30, [(150, "ORDER FOR SUPPLIES OR SERVICES", 13)]),
        (60, [(40, "1. DATE OF ORDER"), (160, second_box), (330, "3. ORDER NO.")]),
        (60, [(450, "4. REQUISITION NO.")]),
        (72, [(40, "03/14/2025"), (160, "03/31/2025"), (330, "1331L525F0042"), (450, "RQ-88120")]),
        (100, [(40, "5. ISSUING OFFICE (Address correspondence to)"), (330, "6. SHIP TO")]),
        (112, [(40, "Bureau of Land Services"), (330, "Bureau of Land Services, Warehouse 2")]),
        (124, [(40, "Acquisition Branch, 2150 Centre Ave"), (330, "4401 N Frontage Rd")]),
        (136, [(40, "Fort Collins, CO 80526"), (330, "Cheyenne, WY 82001")]),
        (164, [(40, "7. TO: CONTRACTOR (Name, address and ZIP Code)")]),
        (176, [(40, "High Plains Surveying Instruments, Inc.")]),
        (188, [(40, "902 W Lincolnway, Cheyenne, WY 82001")]),
        (
            230,
            [
                (40, "ITEM NO."),
                (90, "SUPPLIES OR SERVICES"),
                (330, "QUANTITY"),
                (420, "UNIT PRICE"),
            ],
        ),
        (230, [(500, "AMOUNT")]),
        (
            245,
            [
                (40, "0001"),
                (90, "GNSS receiver"),
                (330, "2"),
                (420, "18,450.00"),
                (500, "36,900.00"),
            ],
        ),
        (300, [(380, "17. GRAND TOTAL"), (500, "$36,900.00")]),
    ]


def test_a_forms_numbered_boxes_over_their_values(settings: Settings, tmp_path: Path) -> None:
    # "3. ORDER NO." beside "4. REQUISITION NO.", their values in the row under them: a
    # box's number is no value, and the header beside a header is none either
    result = extract(settings, draw(tmp_path / "o.pdf", _order_form("2. DELIVERY DATE")))
    f = result["fields"]
    assert (result["doc_type"], f["po_number"], f["vendor"]) == (
        "purchase_order",
        "1331L525F0042",
        "High Plains Surveying Instruments, Inc.",
    )
    # the issuing office's town and state ("Fort Collins, CO 80526") is no company "Co."
    # and the supplier, whom the order is addressed to, is not its buyer too
    assert "buyer" not in f


def test_a_legal_forms_letters_joined_by_a_hyphen_are_a_word(
    settings: Settings, tmp_path: Path
) -> None:
    # "Co-operative" is no "Co." ending a name: the name runs on to its "Ltd"
    rows: Rows = [
        (40, [(50, "PURCHASE ORDER", 16)]),
        (60, [(50, "PO Number: 4500-7781"), (330, "Date: 04/02/2025")]),
        (100, [(50, "Ordered by:"), (330, "Supplier:")]),
        (112, [(50, "Northgate Dairy Co-operative Ltd"), (330, "Fenland Packaging Ltd")]),
        (124, [(50, "Mill Road, Ely CB7 4DW"), (330, "Unit 9, Chatteris PE16 6SA")]),
        (200, [(50, "Description"), (330, "Qty"), (400, "Price"), (480, "Amount")]),
        (215, [(50, "Milk carton 1 L (case 500)"), (330, "10"), (400, "42.00"), (480, "420.00")]),
        (260, [(400, "Total"), (480, "420.00")]),
    ]
    f = extract(settings, draw(tmp_path / "o.pdf", rows))["fields"]
    assert (f["vendor"], f["buyer"]) == (
        "Fenland Packaging Ltd",
        "Northgate Dairy Co-operative Ltd",
    )


@pytest.mark.parametrize("label", ["Issued by:", "Issuing office:"])
def test_an_orders_issuer_is_its_buyer(settings: Settings, tmp_path: Path, label: str) -> None:
    # "Issued by" names an invoice's seller, but an order's buyer: its issuer buys
    rows: Rows = [
        (40, [(50, "PURCHASE ORDER", 16)]),
        (60, [(50, "PO Number: 4500-7781"), (330, "Date: 04/02/2025")]),
        (100, [(50, label), (330, "Supplier:")]),
        (112, [(50, "Northgate Dairy Ltd"), (330, "Fenland Packaging Ltd")]),
        (124, [(50, "Mill Road, Ely CB7 4DW"), (330, "Unit 9, Chatteris PE16 6SA")]),
        (200, [(50, "Description"), (330, "Qty"), (400, "Price"), (480, "Amount")]),
        (215, [(50, "Milk carton 1 L (case 500)"), (330, "10"), (400, "42.00"), (480, "420.00")]),
        (260, [(400, "Total"), (480, "420.00")]),
    ]
    f = extract(settings, draw(tmp_path / "o.pdf", rows))["fields"]
    assert (f["vendor"], f["buyer"]) == ("Fenland Packaging Ltd", "Northgate Dairy Ltd")


def test_an_invoices_issuer_is_its_seller(settings: Settings, tmp_path: Path) -> None:
    rows: Rows = [
        (40, [(50, "INVOICE", 16)]),
        (60, [(50, "Invoice No: 7781"), (330, "Date: 04/02/2025")]),
        (100, [(50, "Issued by:"), (330, "Bill to:")]),
        (112, [(50, "Fenland Packaging Ltd"), (330, "Northgate Dairy Ltd")]),
        (124, [(50, "Unit 9, Chatteris PE16 6SA"), (330, "Mill Road, Ely CB7 4DW")]),
        (260, [(400, "Total"), (480, "420.00")]),
    ]
    f = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]
    assert (f["vendor"], f["buyer"]) == ("Fenland Packaging Ltd", "Northgate Dairy Ltd")


@pytest.mark.parametrize("amount", ["EXTENDED", "Extension"])
def test_a_public_bodys_order_with_an_extended_column_and_its_vendor_number(
    settings: Settings, tmp_path: Path, amount: str
) -> None:
    # An order system's columns: the line's running number, "UOM", "Unit cost" and the
    # "Extended" amount (quantity times unit cost). The number our supplier has at the
    # issuer ("Vendor No.") is no vendor's label: what is under it names nobody.
    rows: Rows = [
        (36, [(200, "TOWN OF ELMWOOD", 14)]),
        (52, [(200, "Purchasing Office · 5 Green Street · Elmwood, VT 05401")]),
        (80, [(220, "PURCHASE ORDER", 16)]),
        (110, [(50, "P.O. NUMBER"), (160, "P2026-0112"), (360, "DATE"), (440, "07/15/2026")]),
        (150, [(50, "VENDOR:"), (330, "SHIP TO:")]),
        (162, [(50, "Maple Office Supply Inc."), (330, "Town Garage")]),
        (174, [(50, "14 Depot Road"), (330, "2 Mill Lane")]),
        (186, [(50, "Burlington, VT 05402"), (330, "Elmwood, VT 05401")]),
        (198, [(50, "Vendor No. 004512")]),
        (240, [(50, "LINE"), (90, "QTY"), (130, "UOM"), (170, "DESCRIPTION")]),
        (240, [(390, "UNIT COST"), (480, amount)]),
        (256, [(50, "1"), (90, "40"), (130, "CS"), (170, "Copy paper, letter, 10 reams")]),
        (256, [(390, "42.50"), (480, "1,700.00")]),
        (270, [(50, "2"), (90, "12"), (130, "EA"), (170, "Toner cartridge, black")]),
        (270, [(390, "89.99"), (480, "1,079.88")]),
        (310, [(390, "TOTAL"), (480, "$2,779.88")]),
    ]
    f = extract(settings, draw(tmp_path / "po.pdf", rows))["fields"]
    assert f["vendor"] == "Maple Office Supply Inc."
    assert f["total"] == "2779.88"
    got = [(i["description"], i["quantity"], i["unit_price"], i["amount"]) for i in f["line_items"]]
    assert got == [
        ("Copy paper, letter, 10 reams", "40", "42.50", "1700.00"),
        ("Toner cartridge, black", "12", "89.99", "1079.88"),
    ]


@pytest.mark.parametrize("site", ["Town of Elmwood - Highway Department", "TOWN OF ELMWOOD GARAGE"])
def test_a_delivery_site_named_after_the_orders_issuer_leaves_the_issuer_its_buyer(
    settings: Settings, tmp_path: Path, site: str
) -> None:
    # The goods go to one of the issuer's sites, named after it: the buyer is the issuer
    # its letterhead names, not its site.
    rows: Rows = [
        (36, [(200, "TOWN OF ELMWOOD", 14)]),
        (52, [(200, "Purchasing Office · 5 Green Street · Elmwood, VT 05401")]),
        (80, [(220, "PURCHASE ORDER", 16)]),
        (110, [(50, "P.O. NUMBER"), (160, "P2026-0113"), (360, "DATE"), (440, "07/16/2026")]),
        (150, [(50, "VENDOR:"), (330, "SHIP TO:")]),
        (162, [(50, "Maple Office Supply Inc."), (330, site)]),
        (174, [(50, "14 Depot Road"), (330, "2 Mill Lane")]),
        (186, [(50, "Burlington, VT 05402"), (330, "Elmwood, VT 05401")]),
        (240, [(50, "QTY"), (130, "DESCRIPTION"), (390, "UNIT COST"), (480, "AMOUNT")]),
        (256, [(50, "40"), (130, "Road salt, 50 lb bag"), (390, "9.50"), (480, "380.00")]),
        (300, [(390, "TOTAL"), (480, "$380.00")]),
    ]
    f = extract(settings, draw(tmp_path / "po.pdf", rows))["fields"]
    # (a name in capitals is filed as the page also writes it, in small letters, where it
    # does: "Town of Elmwood - Highway Department")
    issuer = "TOWN OF ELMWOOD" if site.isupper() else "Town of Elmwood"
    assert (f["vendor"], f["buyer"]) == ("Maple Office Supply Inc.", issuer)


def test_our_orders_ship_to_with_its_legal_form_under_our_brand(
    settings: Settings, tmp_path: Path
) -> None:
    # our letterhead is a brand; the delivery block names us with our legal form
    rows: Rows = [
        (36, [(50, "BRIGHTWATER DEVICES", 16), (400, "PURCHASE ORDER", 14)]),
        (54, [(50, "1200 Harbor Blvd, Oakland, CA 94607"), (400, "PO Number: BW-PO-7781")]),
        (110, [(50, "Vendor"), (300, "Ship To")]),
        (122, [(50, "Halvorsen Components Inc."), (300, "Brightwater Devices LLC")]),
        (134, [(50, "55 Industrial Way"), (300, "Receiving Dock B")]),
        (146, [(50, "Reno, NV 89502"), (300, "1200 Harbor Blvd, Oakland, CA 94607")]),
        (190, [(50, "Description"), (320, "Qty"), (380, "Unit Price"), (480, "Total")]),
        (206, [(50, "Hall sensor module"), (320, "500"), (380, "3.40"), (480, "1,700.00")]),
        (260, [(380, "Total"), (480, "$1,700.00")]),
    ]
    s = settings.model_copy(update={"company_name": "Brightwater Devices LLC"})
    f = extract(s, draw(tmp_path / "po.pdf", rows))["fields"]
    assert (f["vendor"], f["buyer"]) == ("Halvorsen Components Inc.", "Brightwater Devices LLC")


def test_a_label_alone_under_the_title_keeps_the_address_below_from_the_number(
    settings: Settings, tmp_path: Path
) -> None:
    rows: Rows = [
        (36, [(50, "Halvorsen Components Inc.", 15)]),
        (52, [(50, "55 Industrial Way, Reno, NV 89502")]),
        (90, [(50, "SALES ORDER ACKNOWLEDGEMENT", 13)]),
        (110, [(50, "Sold To:"), (300, "Order No.:"), (400, "SO-44120")]),
        (122, [(50, "Brightwater Devices LLC"), (300, "Your PO:"), (400, "BW-PO-7781")]),
        (134, [(50, "1200 Harbor Blvd"), (300, "Order Date:"), (400, "10/03/2026")]),
        (146, [(50, "Oakland, CA 94607")]),
        (190, [(50, "Description"), (320, "Qty"), (380, "Unit Price"), (480, "Ext. Price")]),
        (206, [(50, "Hall sensor module"), (320, "500"), (380, "3.40"), (480, "1,700.00")]),
        (260, [(380, "Order Total"), (480, "$1,700.00")]),
    ]
    result = extract(settings, draw(tmp_path / "oc.pdf", rows))
    f = result["fields"]
    assert result["doc_type"] == "order_confirmation"
    assert (f["order_number"], f["po_number"]) == ("SO-44120", "BW-PO-7781")


def test_a_scanned_public_order_keeps_its_supplier_under_its_letterhead(
    settings: Settings, tmp_path: Path
) -> None:
    # On a scan the letterhead is checked against the vendor read: on an order it is the
    # buyer's, and the supplier named under "VENDOR:" (below the title) stays the vendor.
    # A details label over that block ("REQUISITION" over "VENDOR:") heads no window.
    rows: Rows = [
        (36, [(200, "CITY OF SPRINGDALE", 14)]),
        (52, [(200, "Purchasing Division · 200 Civic Center Dr · Springdale, OH 45246")]),
        (80, [(220, "PURCHASE ORDER", 16)]),
        (110, [(50, "P.O. NUMBER"), (160, "P2024-00871"), (360, "DATE"), (440, "07/15/2024")]),
        (122, [(50, "REQUISITION"), (160, "R-55120"), (360, "DELIVER BY"), (440, "08/01/2024")]),
        (150, [(50, "VENDOR:"), (330, "SHIP TO:")]),
        (162, [(50, "Tri-County Office Supply Inc."), (330, "City of Springdale - Public Works")]),
        (174, [(50, "1450 Commerce Pkwy"), (330, "11700 Springfield Pike")]),
        (186, [(50, "Cincinnati, OH 45241"), (330, "Springdale, OH 45246")]),
        (240, [(50, "QTY"), (130, "DESCRIPTION"), (390, "UNIT COST"), (480, "AMOUNT")]),
        (256, [(50, "40"), (130, "Copy paper, 10 reams/case"), (390, "42.50"), (480, "1,700.00")]),
        (300, [(390, "TOTAL"), (480, "$1,700.00")]),
    ]
    image = specked(turned(render(draw(tmp_path / "po.pdf", rows), dpi=200), 0.8), 0.0005)
    f = extract(settings, save_png(image, tmp_path / "po.png"))["fields"]
    # (its name in capitals, filed as the ship-to block writes it: "City of Springdale")
    assert (f["vendor"], f["buyer"]) == ("Tri-County Office Supply Inc.", "City of Springdale")


def _stahl_order(first_column: list[str]) -> Rows:
    """A German order from a ledger program: a bare "Nr." heads the table's first column."""
    codes = iter(first_column)
    return [
        (40, [(360, "Vogt Getränketechnik GmbH", 10)]),
        (54, [(360, "Mühlenweg 4, 49377 Vechta")]),
        (120, [(57, "Vogt Getränketechnik GmbH · Mühlenweg 4 · 49377 Vechta", 7)]),
        (135, [(57, "Brandt Metallhandel GmbH")]),
        (147, [(57, "Hafenstraße 31")]),
        (159, [(57, "26789 Leer")]),
        (135, [(360, "Belegdatum"), (470, "14.10.2025")]),
        (220, [(57, "Bestellung 20417", 14)]),
        (
            255,
            [
                (57, "Nr."),
                (120, "Beschreibung"),
                (310, "Menge"),
                (400, "EK-Preis"),
                (500, "Betrag"),
            ],
        ),
        (
            269,
            [(57, next(codes)), (120, "Flachstahl S235 40x8 mm, 6 m"), (310, "30")]
            + [(400, "21,40"), (500, "642,00")],
        ),
        (
            283,
            [(57, next(codes)), (120, "Winkelstahl 50x50x5 mm, 6 m"), (310, "12")]
            + [(400, "33,10"), (500, "397,20")],
        ),
        (320, [(330, "Gesamt EUR ohne MwSt."), (500, "1.039,20")]),
        (332, [(330, "19 % MwSt."), (500, "197,45")]),
        (346, [(330, "Gesamt EUR inkl. MwSt."), (500, "1.236,65")]),
    ]


@pytest.mark.parametrize(
    ("first_column", "codes"),
    [(["S235-FL40", "S235-WI50"], ["S235-FL40", "S235-WI50"]), (["1", "2"], [None, None])],
)
def test_a_bare_number_column_holds_codes_or_running_numbers_by_its_values(
    settings: Settings, tmp_path: Path, first_column: list[str], codes: list[str | None]
) -> None:
    # "Nr." heads the article numbers in some ledgers and the running numbers in others:
    # either way its values are no part of the description, and only codes are codes
    f = extract(settings, draw(tmp_path / "b.pdf", _stahl_order(first_column)))["fields"]
    items = f["line_items"]
    assert [i["description"] for i in items] == [
        "Flachstahl S235 40x8 mm, 6 m",
        "Winkelstahl 50x50x5 mm, 6 m",
    ]
    assert [i["code"] for i in items] == codes
    assert [i["amount"] for i in items] == ["642.00", "397.20"]


def test_a_tax_summarys_header_on_the_totals_row_is_no_label_of_the_total(
    settings: Settings, tmp_path: Path
) -> None:
    # "Taxa | Incidência | Valor IVA" heads the tax summary on the left, on the row of
    # the goods' total on the right: that amount is the goods', not the tax's
    rows: Rows = [
        (40, [(50, "Livraria Douro Editores, Lda.", 12)]),
        (54, [(50, "Rua das Flores 88, 4050-265 Porto")]),
        (110, [(330, "Exmo.(s) Sr.(s)")]),
        (122, [(330, "Colégio São Bento, Lda.")]),
        (134, [(330, "Rua do Sol 5")]),
        (146, [(330, "4700-320 Braga")]),
        (190, [(50, "ORÇAMENTO", 14)]),
        (212, [(50, "N.º", 8), (130, "Data", 8)]),
        (224, [(50, "ORC 2025/77"), (130, "12/09/2025")]),
        (260, [(50, "Descrição"), (295, "Qtd."), (352, "Preço Unit."), (412, "Desc. %")]),
        (260, [(458, "IVA"), (500, "Valor")]),
        (274, [(50, "Dicionário escolar"), (295, "40"), (352, "12,50"), (412, "10,00")]),
        (274, [(458, "6"), (500, "450,00")]),
        (288, [(50, "Marcadores, caixa de 12"), (295, "30"), (352, "8,00"), (458, "23")]),
        (288, [(500, "240,00")]),
        (345, [(50, "Taxa", 8), (100, "Incidência", 8), (170, "Valor IVA", 8)]),
        (357, [(50, "6 %"), (100, "450,00"), (170, "27,00")]),
        (369, [(50, "23 %"), (100, "240,00"), (170, "55,20")]),
        (345, [(380, "Total Ilíquido"), (490, "740,00")]),
        (357, [(380, "Total Descontos"), (490, "50,00")]),
        (369, [(380, "Total IVA"), (490, "82,20")]),
        (385, [(380, "Total (EUR)", 10), (490, "772,20", 10)]),
    ]
    f = extract(settings, draw(tmp_path / "o.pdf", rows))["fields"]
    assert (f["tax"], f["total"]) == ("82.20", "772.20")


def test_our_order_to_the_supplier_under_its_title_beside_a_column_of_details(
    settings: Settings, tmp_path: Path
) -> None:
    # The supplier's block under the title, a middle column of labels over their values
    # ("Order Number" over "PO-0588", "Reference" over a job), our company on the right:
    # the labels are no names, and the lot's number in the supplier's street is no number
    rows: Rows = [
        (40, [(50, "PURCHASE ORDER", 20)]),
        (44, [(300, "Date"), (430, "Ironbark Joinery Pty Ltd")]),
        (56, [(300, "2 Jun 2025"), (430, "9 Mona Vale Rd")]),
        (
            68,
            [
                (50, "Hunter Timber Supplies Pty Ltd"),
                (300, "Order Number"),
                (430, "Mona Vale NSW 2103"),
            ],
        ),
        (80, [(50, "Lot 7 Cessnock Rd"), (300, "PO-0588"), (430, "ABN 62 118 905 341")]),
        (92, [(50, "Maitland NSW 2320"), (300, "Reference")]),
        (104, [(300, "Job 4417 Avalon")]),
        (160, [(50, "Description"), (280, "Quantity"), (350, "Unit Price"), (480, "Amount AUD")]),
        (
            176,
            [
                (50, "Spotted gum decking 86x19, per lm"),
                (280, "240.00"),
                (350, "9.80"),
                (480, "2,352.00"),
            ],
        ),
        (220, [(350, "Subtotal"), (480, "2,352.00")]),
        (232, [(350, "TOTAL GST 10%"), (480, "235.20")]),
        (250, [(350, "TOTAL AUD", 11), (480, "2,587.20", 11)]),
    ]
    s = settings.model_copy(update={"company_name": "Ironbark Joinery Pty Ltd"})
    r = extract(s, draw(tmp_path / "po.pdf", rows))
    f = r["fields"]
    assert r["doc_type"] == "purchase_order"
    assert (f["vendor"], f["buyer"]) == (
        "Hunter Timber Supplies Pty Ltd",
        "Ironbark Joinery Pty Ltd",
    )
    assert f["po_number"] == "PO-0588"


def test_a_portuguese_pro_formas_abbreviated_price_header_and_spaced_thousands(
    settings: Settings, tmp_path: Path
) -> None:
    # "Pr. Unitário" heads the unit prices, printed with a space between thousands
    rows: Rows = [
        (40, [(50, "Alentejo Rega e Bombagem, S.A.", 12)]),
        (54, [(50, "Parque Industrial, Lote 4, 7800-309 Beja")]),
        (110, [(330, "Cliente")]),
        (122, [(330, "Herdade do Monte Alto, Lda.")]),
        (134, [(330, "7900-100 Ferreira do Alentejo")]),
        (200, [(50, "Fatura Pró-Forma", 14), (200, "N.º FP B/7", 12)]),
        (222, [(50, "Data: 03/11/2025")]),
        (260, [(50, "Descrição"), (280, "Qtd."), (312, "Pr. Unitário"), (375, "Desc.")]),
        (260, [(410, "Taxa IVA"), (470, "Total Líquido")]),
        (274, [(50, "Grupo eletrobomba 15 kW"), (280, "2"), (312, "12 400,00"), (375, "10,00")]),
        (274, [(410, "23,00"), (480, "22 320,00")]),
        (288, [(50, "Quadro elétrico de comando"), (280, "1"), (312, "3 150,00"), (410, "23,00")]),
        (288, [(480, "3 150,00")]),
        (345, [(360, "Total Ilíquido"), (480, "25 470,00")]),
        (369, [(360, "IVA"), (480, "5 858,10")]),
        (385, [(360, "Total (EUR)", 10), (480, "31 328,10", 10)]),
    ]
    f = extract(settings, draw(tmp_path / "pf.pdf", rows))["fields"]
    got = [(i["description"], i["quantity"], i["unit_price"], i["amount"]) for i in f["line_items"]]
    assert got == [
        ("Grupo eletrobomba 15 kW", "2", "12400.00", "22320.00"),
        ("Quadro elétrico de comando", "1", "3150.00", "3150.00"),
    ]


def test_a_reference_beside_its_label_heads_no_table_and_a_lone_capital_stays_a_word(
    settings: Settings, tmp_path: Path
) -> None:
    # "Customer Ref | NB-INK-774": the reference's letters ("NB", French for a number of
    # pieces) head no quantities, so the rows under it are no items; and the text layer's
    # space after a lone capital ("class B transponder") is a space
    rows: Rows = [
        (40, [(50, "Solent Sail & Rigging Ltd", 13)]),
        (54, [(50, "Ocean Village, Southampton SO14 3TJ")]),
        (44, [(380, "PRO FORMA INVOICE", 15)]),
        (66, [(380, "Pro Forma No."), (470, "PF-7730")]),
        (78, [(380, "Date"), (470, "14/10/2025")]),
        (90, [(380, "Customer Ref"), (470, "NB-OSL-112")]),
        (102, [(380, "Valid for"), (470, "30 days")]),
        (125, [(50, "Invoice to:")]),
        (137, [(50, "Vestfjord Seilmakeri AS")]),
        (149, [(50, "Havnegata 4")]),
        (161, [(50, "8006 Bodø")]),
        (225, [(50, "Description"), (330, "Qty"), (375, "Unit Price £"), (480, "Total £")]),
        (
            239,
            [(50, "Dyneema halyard, class B braid"), (330, "3"), (375, "210.00"), (480, "630.00")],
        ),
        (253, [(50, "Furling line 10 mm, 40 m"), (330, "2"), (375, "95.00"), (480, "190.00")]),
        (300, [(340, "Net"), (480, "820.00")]),
        (314, [(340, "VAT @ 0%"), (480, "0.00")]),
        (330, [(340, "Total due in advance", 10), (475, "£820.00", 10)]),
    ]
    f = extract(settings, draw(tmp_path / "pf.pdf", rows))["fields"]
    assert [i["description"] for i in f["line_items"]] == [
        "Dyneema halyard, class B braid",
        "Furling line 10 mm, 40 m",
    ]


@pytest.mark.parametrize(
    ("second_day", "delivery"), [("07/14/2025", "2025-07-14"), ("07/21/2025", None)]
)
def test_an_orders_delivery_date_is_its_lines_one_required_date(
    settings: Settings, tmp_path: Path, second_day: str, delivery: str | None
) -> None:
    # "Date Req." over each line's date: where every line is wanted on one day, that is
    # the order's delivery date; lines wanted on different days give the order none
    rows: Rows = [
        (40, [(50, "Cedar Ridge Brewing Co.", 12)]),
        (54, [(50, "88 Mill St, Bend OR 97702")]),
        (110, [(330, "Cascade Malt Supply LLC")]),
        (122, [(330, "1200 Grain Elevator Rd")]),
        (134, [(330, "Klamath Falls OR 97601")]),
        (180, [(50, "Purchase Order #P00214", 16)]),
        (205, [(50, "Order Date:"), (210, "06/30/2025")]),
        (240, [(50, "Description"), (295, "Date Req."), (365, "Qty"), (435, "Unit Price")]),
        (240, [(505, "Amount")]),
        (256, [(50, "Pale malt, 25 kg sack"), (295, "07/14/2025"), (365, "40.00"), (435, "31.50")]),
        (256, [(505, "$ 1,260.00")]),
        (272, [(50, "Crystal 60L, 25 kg sack"), (295, second_day), (365, "6.00"), (435, "44.00")]),
        (272, [(505, "$ 264.00")]),
        (310, [(380, "Total", 10), (505, "$ 1,524.00", 10)]),
    ]
    s = settings.model_copy(update={"company_name": "Cedar Ridge Brewing Co."})
    r = extract(s, draw(tmp_path / "po.pdf", rows))
    f = r["fields"]
    assert r["doc_type"] == "purchase_order"
    assert [i["delivery_date"] for i in f["line_items"]] == [
        "2025-07-14",
        "2025-07-14" if delivery else "2025-07-21",
    ]
    assert f.get("delivery_date") == delivery


def test_a_customer_label_with_its_account_over_the_customers_name_and_a_titled_grid(
    settings: Settings, tmp_path: Path
) -> None:
    # "Cliente: 000112" gives the customer's account, its company's name under it (a
    # year in it, which an unlabelled window's name may not hold); the
    # title opens the row of boxed headers ("PRESUPUESTO | Número | Fecha | Página") with
    # nothing under it, the number under "Número"
    rows: Rows = [
        (40, [(50, "Frío Industrial Levante, S.L.", 11)]),
        (54, [(50, "Av. del Puerto 210")]),
        (66, [(50, "46023 Valencia")]),
        (78, [(50, "CIF B46123456  ·  Tel. 963 555 010")]),
        (100, [(340, "Cliente: 000112")]),
        (114, [(340, "Cafetería Ruzafa 1998, S.L.")]),
        (126, [(340, "C/ Sueca 18")]),
        (138, [(340, "46006 Valencia")]),
        (150, [(340, "NIF B46987654")]),
        (195, [(50, "PRESUPUESTO", 14), (260, "Número"), (340, "Fecha"), (420, "Página")]),
        (209, [(260, "PRE 2025/088"), (340, "02/06/2025"), (420, "1")]),
        (245, [(50, "Descripción"), (320, "Cantidad"), (370, "Precio"), (485, "Importe")]),
        (
            259,
            [
                (50, "Vitrina refrigerada 1,5 m"),
                (320, "1,00"),
                (370, "2.180,00"),
                (485, "2.180,00"),
            ],
        ),
        (
            330,
            [
                (50, "Base imponible", 8),
                (200, "% IVA", 8),
                (280, "Cuota IVA", 8),
                (460, "TOTAL", 8),
            ],
        ),
        (344, [(50, "2.180,00"), (200, "21,00"), (280, "457,80"), (460, "2.637,80 €", 10)]),
    ]
    r = extract(settings, draw(tmp_path / "p.pdf", rows))
    f = r["fields"]
    assert r["doc_type"] == "estimate"
    assert (f["buyer"], f["quote_number"]) == ("Cafetería Ruzafa 1998, S.L.", "PRE 2025/088")


@pytest.mark.parametrize(
    "note", ["NOTE: Lines 1-2 ship on pallets only.", "Hinweis: Anlieferung nur vormittags."]
)
def test_a_remark_under_the_items_is_no_items_description(
    settings: Settings, tmp_path: Path, note: str
) -> None:
    rows: Rows = [
        (40, [(50, "Harbourside Print Works Ltd", 12)]),
        (54, [(50, "12 Quay St, Bristol BS1 4DJ")]),
        (110, [(330, "Invoice to:")]),
        (122, [(330, "Avon Packaging Ltd")]),
        (134, [(330, "3 Mill Lane, Bath BA1 1AA")]),
        (180, [(50, "INVOICE", 16), (330, "Invoice No."), (430, "HP-5512")]),
        (230, [(50, "#"), (80, "Code"), (145, "Description"), (340, "Qty"), (410, "Price")]),
        (230, [(490, "Amount")]),
        (246, [(50, "1"), (80, "BX-40"), (145, "Folding carton 40x30x20"), (340, "500")]),
        (246, [(410, "1.20"), (490, "600.00")]),
        (260, [(50, "2"), (80, "BX-60"), (145, "Folding carton 60x40x40"), (340, "200")]),
        (260, [(410, "2.10"), (490, "420.00")]),
        (274, [(80, note)]),
        (288, [(50, "3"), (80, "TP-50"), (145, "Packing tape 50 mm"), (340, "36"), (410, "2.50")]),
        (288, [(490, "90.00")]),
        (330, [(380, "Total"), (490, "1,110.00")]),
    ]
    f = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]
    assert [i["description"] for i in f["line_items"]] == [
        "Folding carton 40x30x20",
        "Folding carton 60x40x40",
        "Packing tape 50 mm",
    ]
