"""Conventions a second study set found misread, drawn here again with other invented
companies: a label word in the possessive ("Buyer's Order No.") labels what follows it,
not the party; a pro forma (typed as an estimate) answers the buyer's order; "Ln" heads a
position column only where it opens its cell; a description runs on toward a code
column's header; "Produktnr" heads the codes; a Swedish credit note's "Att erhålla", its
freight row among the items (no charge added after them) and its two tax rates; Odoo's
"Untaxed Amount"; a customer's order to us whose letterhead (no legal form) its "Ship To"
repeats; the person and their position over the company in a buyer's block; "Customer
Ref. No." on an order confirmation."""

from __future__ import annotations

from pathlib import Path

from intake.settings import Settings
from tests.test_layout_conventions import Rows, drawn_fields, item_rows


def _ours(settings: Settings) -> Settings:
    return settings.model_copy(update={"company_name": "Halvard Marine Systems AS"})


def test_a_pro_forma_answers_the_buyers_order(settings: Settings, tmp_path: Path) -> None:
    # "Buyer's Order No." over its value: the order's number, and the word "Buyer" in the
    # possessive heads no buyer's block; "Amount Chargeable (in words)" under the items
    # heads no table ("in" is no "Ln"); "crates", glued to the description and ending
    # before the HS code's heading, is the description's
    rows: Rows = [
        (40, [(220, "PROFORMA INVOICE", 14)]),
        (70, [(50, "Exporter"), (330, "Proforma Invoice No. & Date")]),
        (82, [(50, "Kaveri Pumps Pvt. Ltd."), (330, "KP/PI/26-27/014 dt. 03-Apr-2026")]),
        (94, [(50, "Plot 7, Ambattur Industrial Estate, Chennai 600058")]),
        (106, [(330, "Buyer's Order No.")]),
        (118, [(50, "GSTIN 33AAACK1234F1Z5"), (330, "RDW/PO/0391")]),
        (150, [(50, "Consignee")]),
        (162, [(50, "Red Dune Water Works LLC")]),
        (174, [(50, "PO Box 4410, Muscat, Oman")]),
        (210, [(50, "Sl"), (70, "Description of Goods"), (300, "HS Code"), (370, "Quantity")]),
        (210, [(430, "Rate (USD)"), (500, "Amount (USD)")]),
        (226, [(50, "1"), (70, "Centrifugal pump 15 kW, SS impeller"), (300, "8413.70")]),
        (226, [(370, "2"), (430, "3,400.00"), (500, "6,800.00")]),
        (242, [(50, "2"), (70, "Export packing in wooden crates"), (300, "4415.10")]),
        (242, [(370, "1"), (430, "210.00"), (500, "210.00")]),
        (262, [(70, "Total FOB Chennai"), (490, "USD 7,010.00")]),
        (290, [(50, "Amount Chargeable (in words)")]),
        (302, [(50, "US Dollars Seven Thousand Ten Only")]),
        (330, [(50, "Delivery: 6 weeks from receipt of advance.")]),
    ]
    fields = drawn_fields(settings, tmp_path, rows)
    assert fields["po_number"] == "RDW/PO/0391"
    assert fields["buyer"] == "Red Dune Water Works LLC"
    assert item_rows(fields) == [
        ("Centrifugal pump 15 kW, SS impeller", "2", "3400.00", "6800.00"),
        ("Export packing in wooden crates", "1", "210.00", "210.00"),
    ]


def test_a_swedish_credit_note_with_its_freight_row_and_two_rates(
    settings: Settings, tmp_path: Path
) -> None:
    # "Produktnr" heads the codes; "Frakt" among the items is one of them (in the sum
    # before tax), no charge added after it; the tax is both rates' rows, the rounding
    # ("Öresavrundning") makes the total "Att erhålla", what the customer is owed
    rows: Rows = [
        (40, [(50, "Bergslagens Kontorsmaterial AB", 14), (420, "KREDITFAKTURA", 12)]),
        (56, [(50, "Kopparbergsvägen 8, 722 13 Västerås")]),
        (80, [(380, "Kreditfakturanr"), (470, "20417")]),
        (92, [(380, "Fakturadatum"), (470, "2026-03-05")]),
        (120, [(380, "Kafé Mälarstrand AB")]),
        (132, [(380, "Strandgatan 2, 722 11 Västerås")]),
        (170, [(50, "Produktnr"), (120, "Benämning"), (330, "Antal"), (390, "À-pris")]),
        (170, [(440, "Moms"), (500, "Summa")]),
        (186, [(50, "PK-220"), (120, "Pappersmuggar 30 cl, 1000 st"), (330, "2")]),
        (186, [(390, "410,00"), (440, "12 %"), (500, "820,00")]),
        (202, [(50, "RM-10"), (120, "Rengöringsmedel 10 l"), (330, "1")]),
        (202, [(390, "319,00"), (440, "25 %"), (500, "319,00")]),
        (218, [(50, "FR"), (120, "Frakt, kreditering"), (330, "1")]),
        (218, [(390, "95,00"), (440, "25 %"), (500, "95,00")]),
        (250, [(380, "Summa exkl. moms"), (500, "1 234,00")]),
        (264, [(380, "Moms 12 %"), (500, "98,40")]),
        (278, [(380, "Moms 25 %"), (500, "103,50")]),
        (292, [(380, "Öresavrundning"), (500, "0,10")]),
        (306, [(380, "Att erhålla SEK"), (500, "1 436,00")]),
    ]
    fields = drawn_fields(settings, tmp_path, rows)
    assert [i["code"] for i in fields["line_items"]] == ["PK-220", "RM-10", "FR"]
    assert (fields["subtotal"], fields["tax"], fields["total"]) == ("1234.00", "201.90", "1436.00")


def test_odoos_untaxed_amount_is_the_subtotal(settings: Settings, tmp_path: Path) -> None:
    rows: Rows = [
        (40, [(50, "Torvik Ferjeservice AS", 14)]),
        (56, [(50, "Kaigata 3, 6900 Florø")]),
        (90, [(50, "Purchase Order #P00871", 13)]),
        (120, [(50, "Description"), (330, "Qty"), (400, "Unit Price"), (490, "Amount")]),
        (136, [(50, "Mooring line 40 mm, 50 m"), (330, "2.00"), (400, "780.00")]),
        (136, [(490, "€ 1,560.00")]),
        (170, [(380, "Untaxed Amount"), (490, "€ 1,560.00")]),
        (184, [(380, "Taxes"), (490, "€ 390.00")]),
        (198, [(380, "Total"), (490, "€ 1,950.00")]),
    ]
    fields = drawn_fields(settings, tmp_path, rows)
    assert (fields["subtotal"], fields["tax"], fields["total"]) == ("1560.00", "390.00", "1950.00")


def test_a_customers_order_whose_ship_to_repeats_its_letterhead(
    settings: Settings, tmp_path: Path
) -> None:
    # an order to us: we are under "VENDOR"; the customer's letterhead name, without a
    # legal form, is repeated under "SHIP TO": it is the buyer, no agent of it
    rows: Rows = [
        (40, [(50, "Skagit Valley Growers Cooperative", 14), (380, "PURCHASE ORDER", 18)]),
        (56, [(50, "1620 Memorial Hwy, Mount Vernon, WA 98273")]),
        (70, [(440, "PO #"), (485, "SVG-26-0311")]),
        (82, [(440, "DATE"), (485, "03/02/2026")]),
        (110, [(50, "VENDOR"), (330, "SHIP TO")]),
        (122, [(50, "Halvard Marine Systems AS"), (330, "Skagit Valley Growers Cooperative")]),
        (134, [(50, "Attn: Sales"), (330, "Attn: Receiving")]),
        (146, [(50, "Storgata 10, 6002 Ålesund, Norway"), (330, "1620 Memorial Hwy")]),
        (190, [(50, "DESCRIPTION"), (330, "QTY"), (400, "UNIT PRICE"), (490, "TOTAL")]),
        (206, [(50, "Hydraulic winch 2 t, marine grade"), (330, "1"), (400, "8,900.00")]),
        (206, [(490, "8,900.00")]),
        (240, [(400, "TOTAL"), (490, "$ 8,900.00")]),
    ]
    fields = drawn_fields(_ours(settings), tmp_path, rows)
    assert fields["vendor"] == "Halvard Marine Systems AS"
    assert fields["buyer"] == "Skagit Valley Growers Cooperative"


def test_a_person_and_their_position_over_the_company(settings: Settings, tmp_path: Path) -> None:
    rows: Rows = [
        (40, [(380, "Proposal No."), (460, "LE-P-2026-007")]),
        (60, [(50, "PROPOSAL", 16), (380, "Date"), (460, "04/03/2026")]),
        (100, [(50, "Prepared for:"), (330, "Prepared by:")]),
        (112, [(50, "Aoife Brennan"), (330, "Liam Egan, Chartered Engineer")]),
        (124, [(50, "Facilities Manager"), (330, "Lough Eske Energy Consultants Ltd")]),
        (136, [(50, "Donegal Bay Seafoods Ltd"), (330, "Unit 4, Donegal Business Park")]),
        (148, [(50, "Killybegs, Co. Donegal F94 X2Y3"), (330, "074 555 0188")]),
        (190, [(50, "Description"), (330, "Qty"), (400, "Rate €"), (490, "Amount €")]),
        (206, [(50, "Energy audit of the cold store"), (330, "1"), (400, "2,400.00")]),
        (206, [(490, "2,400.00")]),
        (240, [(380, "Total (excl. VAT)"), (490, "€2,400.00")]),
    ]
    fields = drawn_fields(settings, tmp_path, rows)
    assert fields["buyer"] == "Donegal Bay Seafoods Ltd"
    assert fields["vendor"] == "Lough Eske Energy Consultants Ltd"


def test_the_customers_ref_on_an_order_confirmation(settings: Settings, tmp_path: Path) -> None:
    rows: Rows = [
        (40, [(50, "Merlion Fluid Controls Pte. Ltd.", 14)]),
        (56, [(50, "22 Kaki Bukit Road, Singapore 417834")]),
        (90, [(50, "Bill To"), (380, "Sales Order Confirmation", 11)]),
        (102, [(50, "Halvard Marine Systems AS"), (380, "No."), (470, "610294")]),
        (114, [(50, "Storgata 10, 6002 Ålesund"), (380, "Date"), (470, "05/03/2026")]),
        (126, [(380, "Customer Ref. No."), (470, "HMS-PO-2231")]),
        (170, [(50, "Description"), (330, "Quantity"), (400, "Unit Price"), (490, "Total")]),
        (186, [(50, "Solenoid valve DN25, 24 V DC"), (330, "10"), (400, "118.00")]),
        (186, [(490, "1,180.00")]),
        (220, [(400, "Total (USD)"), (490, "1,180.00")]),
    ]
    fields = drawn_fields(_ours(settings), tmp_path, rows)
    assert fields["doc_type"] == "order_confirmation"
    assert fields["po_number"] == "HMS-PO-2231"
