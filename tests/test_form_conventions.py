"""Conventions a study set of form-style documents (public bodies' purchase orders, trades'
quotes and invoices from office templates) found misread, drawn here again with other
invented companies: a large title beside a letterhead does not pull the line under the
name into it; "Customer Acceptance" heads no party; a person by form of address over an
organisation's name; an order between two other companies when ours is configured; a
name in capitals that the page also writes in small letters; a form's "Required
Delivery" and "Need By Date"; position numbers run into the descriptions."""

from __future__ import annotations

from pathlib import Path

from intake.extractors.base import Registry
from intake.extractors.extraction import letterhead
from intake.extractors.extraction.analysis import reading_for
from intake.extractors.extraction.item_values import strip_positions
from intake.extractors.extraction.name_case import as_written
from intake.ingest.stages import Context, record_for, run_stages
from intake.settings import Settings
from tests.test_layout_conventions import Rows, draw, drawn_fields, item_rows


def _ours(settings: Settings) -> Settings:
    return settings.model_copy(update={"company_name": "Orrin Valley Instruments Ltd"})


def test_a_title_set_large_beside_the_letterhead_heads_its_line_alone(
    settings: Settings, tmp_path: Path
) -> None:
    # "INVOICE" in 22 points reaches down beside the contact line under the 15-point name:
    # the contact line is a line of its own, not words run into the name's
    rows: Rows = [
        (55, [(50, "Lindqvist Editorial Services", 15)]),
        (64, [(440, "INVOICE", 22)]),
        (68, [(50, "12 Harbour Road, Halifax, NS B3H 1A1 · editor@lindqvist.ca", 8)]),
        (110, [(50, "BILL TO")]),
        (122, [(50, "Bramble Bay Publishing Inc.")]),
        (134, [(50, "77 Water Street, Halifax, NS B3J 1S1")]),
        (180, [(50, "Description"), (330, "Hours"), (400, "Rate"), (480, "Amount")]),
        (196, [(50, "Copy-editing, chapters 1-6"), (330, "12"), (400, "60.00"), (480, "720.00")]),
        (230, [(400, "Total"), (480, "720.00")]),
    ]
    path = draw(tmp_path / "i.pdf", rows)
    reading = reading_for(run_stages(record_for(path), Context(settings, Registry.default())))
    assert [c.text for c in reading.layout.lines[0].cells] == [
        "Lindqvist Editorial Services",
        "INVOICE",
    ]
    assert drawn_fields(settings, tmp_path, rows)["vendor"] == "Lindqvist Editorial Services"


def test_customer_acceptance_heads_no_party(settings: Settings, tmp_path: Path) -> None:
    # the quote's customer is under "Prepared for"; "CUSTOMER ACCEPTANCE" heads the
    # signature lines at the foot
    rows: Rows = [
        (40, [(50, "Fernhill Decking, LLC", 14), (420, "ESTIMATE", 14)]),
        (56, [(50, "88 Quarry Rd, Asheville, NC 28801")]),
        (90, [(50, "PREPARED FOR"), (380, "Estimate # 2210")]),
        (102, [(50, "Laurel Creek Community Center"), (380, "Date October 2, 2026")]),
        (114, [(50, "14 Laurel Ave, Asheville, NC 28804")]),
        (160, [(50, "DESCRIPTION"), (330, "QTY"), (400, "RATE"), (480, "AMOUNT")]),
        (176, [(50, "Cedar deck boards, installed"), (330, "300"), (400, "9.50")]),
        (176, [(480, "2,850.00")]),
        (210, [(400, "Estimate Total"), (480, "$2,850.00")]),
        (260, [(50, "CUSTOMER ACCEPTANCE")]),
        (276, [(50, "Signature: ____________________  Date: __________")]),
    ]
    assert drawn_fields(settings, tmp_path, rows)["buyer"] == "Laurel Creek Community Center"


def test_a_person_over_an_organisations_name(settings: Settings, tmp_path: Path) -> None:
    # "Mr D. Okafor, Bursar" heads the block under "Prepared for:"; the college's name,
    # with no legal form, is the party
    rows: Rows = [
        (40, [(50, "Brightwater Signs Ltd", 14)]),
        (56, [(50, "4 Mill Lane, Ipswich IP1 1AA · VAT Reg. No. GB 123 4567 89")]),
        (80, [(380, "QUOTATION", 14)]),
        (100, [(50, "Prepared for:"), (380, "Quote Ref: BWS-Q-1187")]),
        (112, [(50, "Mr D. Okafor, Bursar"), (380, "Date: 09/02/2026")]),
        (124, [(50, "Holly Lodge Sixth Form College")]),
        (136, [(50, "Station Road")]),
        (148, [(50, "Woodbridge IP12 4AB")]),
        (190, [(50, "Item"), (330, "Qty"), (400, "Unit Price"), (480, "Total")]),
        (206, [(50, "Entrance sign, aluminium"), (330, "1"), (400, "640.00"), (480, "640.00")]),
        (240, [(400, "Total"), (480, "£640.00")]),
    ]
    assert drawn_fields(settings, tmp_path, rows)["buyer"] == "Holly Lodge Sixth Form College"


def test_an_order_between_two_other_companies(settings: Settings, tmp_path: Path) -> None:
    # our company is configured, but this order is a town's to its joiner: its issuer
    # (the letterhead) buys, the addressee under "Firma" supplies, as with no company set
    rows: Rows = [
        (40, [(60, "Gemeindeverwaltung Hollerbach", 13)]),
        (70, [(60, "Gemeindeverwaltung Hollerbach · Postfach 12 · 74599 Hollerbach", 7)]),
        (84, [(60, "Firma"), (330, "Bestell-Nr. 2026/0112")]),
        (96, [(60, "Tischlerei Brandl GmbH"), (330, "Datum 14.01.2026")]),
        (108, [(60, "Sägewerkstraße 3")]),
        (120, [(60, "74599 Hollerbach")]),
        (160, [(60, "BESTELLUNG", 13)]),
        (190, [(60, "Pos."), (90, "Bezeichnung"), (330, "Menge"), (400, "Preis")]),
        (190, [(480, "Gesamt")]),
        (206, [(60, "1"), (90, "Regal Buche, 2 m"), (330, "6"), (400, "210,00")]),
        (206, [(480, "1.260,00")]),
        (240, [(400, "Gesamtbetrag"), (480, "1.499,40 €")]),
    ]
    f = drawn_fields(_ours(settings), tmp_path, rows)
    assert (f["doc_type"], f["vendor"], f["buyer"]) == (
        "purchase_order",
        "Tischlerei Brandl GmbH",
        "Gemeindeverwaltung Hollerbach",
    )


def test_a_name_in_capitals_is_filed_as_the_page_writes_it() -> None:
    text = "TALLOW & REED JOINERY, INC.\nPlease make checks payable to Tallow & Reed Joinery, Inc."
    assert as_written(text, "TALLOW & REED JOINERY, INC.") == "Tallow & Reed Joinery, Inc."
    # written in capitals only, the name stays as printed; so does one word
    assert as_written("KEDAI RUNCIT SRI JAYA\nKEDAI RUNCIT SRI JAYA", "KEDAI RUNCIT SRI JAYA") == (
        "KEDAI RUNCIT SRI JAYA"
    )
    assert as_written("ACME\nAcme", "ACME") == "ACME"


def test_a_forms_required_delivery_and_need_by_date(settings: Settings, tmp_path: Path) -> None:
    # the delivery date heads its box with its qualifier first ("REQUIRED DELIVERY"), or
    # as "Need By Date" in a row of labels and values
    boxed: Rows = [
        (40, [(50, "RIVERTON WATER DISTRICT", 13), (400, "PURCHASE ORDER", 13)]),
        (80, [(50, "VENDOR:"), (400, "PO NUMBER"), (480, "DATE")]),
        (92, [(50, "Delta Valve Supply Co."), (400, "RWD-7710"), (480, "3/2/2026")]),
        (130, [(50, "BUYER"), (200, "SHIP VIA"), (440, "REQUIRED DELIVERY")]),
        (142, [(50, "J. Alvarez"), (200, "UPS Ground"), (440, "4/15/2026")]),
        (180, [(50, "DESCRIPTION"), (330, "QTY"), (400, "UNIT PRICE"), (480, "EXTENDED")]),
        (196, [(50, "Gate valve 4 in."), (330, "6"), (400, "212.00"), (480, "1,272.00")]),
        (230, [(400, "TOTAL"), (480, "1,272.00")]),
    ]
    assert drawn_fields(settings, tmp_path, boxed)["delivery_date"] == "2026-04-15"
    row: Rows = [
        (40, [(50, "PURCHASE ORDER", 13)]),
        (60, [(50, "Kingsmere Community Trust", 12)]),
        (100, [(50, "Order Number"), (120, "4500990127"), (220, "Buyer"), (280, "A. Patel")]),
        (100, [(400, "Need By Date"), (475, "19-Mar-2026")]),
        (112, [(50, "Order Date"), (120, "02-Mar-2026")]),
        (140, [(50, "SUPPLIER")]),
        (152, [(50, "Tamworth Linen Services Ltd")]),
        (190, [(50, "Description"), (330, "Qty"), (400, "Unit Price"), (480, "Line Total")]),
        (206, [(50, "Bed sheets, white"), (330, "40"), (400, "6.50"), (480, "260.00")]),
        (240, [(400, "Total"), (480, "260.00")]),
    ]
    assert drawn_fields(settings, tmp_path, row)["delivery_date"] == "2026-03-19"


def test_position_numbers_run_into_the_descriptions_are_cut() -> None:
    items = [
        {"description": "1 Borehole pump 5.5 kW"},
        {"description": "2 Drive 7.5 kW, IP55"},
        {"description": "3 Pressure switch"},
    ]
    strip_positions(items)
    assert [i["description"] for i in items] == [
        "Borehole pump 5.5 kW",
        "Drive 7.5 kW, IP55",
        "Pressure switch",
    ]
    # numbers that do not run 1, 2, 3 are the descriptions' own
    own = [{"description": "2 x cable ties"}, {"description": "5 m hose"}]
    strip_positions(own)
    assert [i["description"] for i in own] == ["2 x cable ties", "5 m hose"]


def test_a_table_whose_item_numbers_stand_under_its_description_heading(
    settings: Settings, tmp_path: Path
) -> None:
    # "Item Description" set as one heading over the running numbers and the descriptions
    rows: Rows = [
        (40, [(50, "Coorong Shire Council", 14), (400, "PURCHASE ORDER", 12)]),
        (80, [(50, "SUPPLIER"), (400, "Purchase Order No. 4701188")]),
        (92, [(50, "Lakeside Irrigation Pty Ltd"), (400, "Date 03/03/2026")]),
        (150, [(50, "Item Description"), (330, "Qty"), (400, "Unit Price"), (480, "Total")]),
        (166, [(52, "1 Drip line 16 mm, 200 m coil"), (330, "5"), (400, "84.00")]),
        (166, [(480, "420.00")]),
        (178, [(52, "2 Solenoid valve 24 V"), (330, "8"), (400, "45.50"), (480, "364.00")]),
        (210, [(400, "Total ex GST"), (480, "784.00")]),
    ]
    assert [r[0] for r in item_rows(drawn_fields(settings, tmp_path, rows))] == [
        "Drip line 16 mm, 200 m coil",
        "Solenoid valve 24 V",
    ]


def test_two_party_labels_on_a_line_are_no_title(settings: Settings, tmp_path: Path) -> None:
    # "BILL TO  SHIP TO" heads two blocks: "Bill" (an invoice's title in some countries)
    # titles nothing there; "INVOICE" alone does
    rows: Rows = [
        (40, [(50, "INVOICE", 16)]),
        (90, [(50, "BILL TO"), (300, "SHIP TO")]),
        (102, [(50, "Harrow Field Trust"), (300, "Harrow Field Depot")]),
    ]
    path = draw(tmp_path / "t.pdf", rows)
    lines = reading_for(run_stages(record_for(path), Context(settings, Registry.default())))
    titles = [line.text for line in lines.layout.lines if letterhead._is_title(line)]
    assert titles == ["INVOICE"]


def test_a_thing_given_at_no_charge_is_an_item_a_row_of_zeros_is_not(
    settings: Settings, tmp_path: Path
) -> None:
    # "Site survey (no charge)" gives one survey for nothing: an e-invoice lists it among
    # its lines; the template's empty row of zeros under it is no item
    rows: Rows = [
        (40, [(50, "Kettlewell Glazing Ltd", 14), (420, "INVOICE", 14)]),
        (70, [(50, "Bill To"), (380, "Invoice No. KG-3310")]),
        (82, [(50, "Orchard Lane Surgery"), (380, "Date 12/01/2026")]),
        (150, [(50, "Description"), (330, "Qty"), (400, "Unit Price"), (480, "Amount")]),
        (166, [(50, "Double-glazed unit 1200 x 900"), (330, "3"), (400, "210.00")]),
        (166, [(480, "630.00")]),
        (178, [(50, "Site survey (no charge)"), (330, "1"), (400, "0.00"), (480, "0.00")]),
        (190, [(330, "0"), (400, "0.00"), (480, "0.00")]),
        (220, [(400, "Total"), (480, "630.00")]),
    ]
    assert item_rows(drawn_fields(settings, tmp_path, rows)) == [
        ("Double-glazed unit 1200 x 900", "3", "210.00", "630.00"),
        ("Site survey (no charge)", "1", "0.00", "0.00"),
    ]


def test_a_label_in_two_languages_gives_the_value_after_its_second_half(
    settings: Settings, tmp_path: Path
) -> None:
    # a Canadian form's "PO No. / No de BC" before the number: the French half is no part
    # of the value; "N° BC25-0977" keeps its letters (the abbreviation run into the number)
    rows: Rows = [
        (40, [(50, "Rideau Valley Library Board", 13)]),
        (56, [(50, "22 Mill Street, Almonte, ON K0A 1A0")]),
        (80, [(330, "PO No. / No de BC RVL-26-0412")]),
        (92, [(330, "Date 2026-02-11")]),
        (110, [(50, "PURCHASE ORDER / BON DE COMMANDE", 12)]),
        (140, [(50, "VENDOR / FOURNISSEUR")]),
        (152, [(50, "Ottawa Shelving Ltd.")]),
        (190, [(50, "Description"), (330, "Qty"), (400, "Unit Price"), (480, "Amount")]),
        (206, [(50, "Steel shelving unit"), (330, "4"), (400, "310.00"), (480, "1,240.00")]),
        (240, [(400, "Total (CAD)"), (480, "1,240.00")]),
    ]
    assert drawn_fields(settings, tmp_path, rows)["po_number"] == "RVL-26-0412"
    french: Rows = [
        (40, [(50, "Conserverie Kerlaz SAS", 13)]),
        (56, [(50, "3 quai du Port, 29100 Douarnenez")]),
        (90, [(50, "BON DE COMMANDE", 12), (330, "Fournisseur")]),
        (102, [(330, "Boîtes Métal Ouest SAS")]),
        (114, [(50, "N° BC26-0113")]),
        (126, [(50, "Date : 11/02/2026")]),
        (190, [(50, "Désignation"), (330, "Qté"), (400, "PU HT"), (480, "Montant HT")]),
        (206, [(50, "Boîte 1/4 club"), (330, "5000"), (400, "0,21"), (480, "1 050,00")]),
        (240, [(400, "Total HT"), (480, "1 050,00")]),
    ]
    assert drawn_fields(settings, tmp_path, french)["po_number"] == "BC26-0113"


def test_a_tax_word_after_ex_qualifies_the_heading_before_it(
    settings: Settings, tmp_path: Path
) -> None:
    # "Amount ex GST" heads the amounts set right, under its last word (no tax-rate column
    # of its own), and the item given at no charge keeps its amount 0.00
    rows: Rows = [
        (40, [(50, "Wattle Creek Arborists Pty Ltd", 13), (420, "TAX INVOICE", 12)]),
        (70, [(50, "Invoice To"), (380, "Invoice No. 3318")]),
        (82, [(50, "Banksia Park Kindergarten"), (380, "Invoice Date 12/02/2026")]),
        (150, [(50, "Description"), (300, "Qty"), (360, "Rate"), (460, "Amount ex GST")]),
        (166, [(50, "Crown lift, 2 gums (hours)"), (300, "6"), (360, "240.00")]),
        (166, [(522, "1,440.00")]),
        (178, [(50, "Site report (no charge)"), (300, "1"), (360, "0.00"), (537, "0.00")]),
        (210, [(380, "Subtotal"), (522, "1,440.00")]),
        (222, [(380, "GST 10%"), (530, "144.00")]),
        (234, [(380, "Total inc. GST"), (522, "1,584.00")]),
    ]
    assert item_rows(drawn_fields(settings, tmp_path, rows)) == [
        ("Crown lift, 2 gums (hours)", "6", "240.00", "1440.00"),
        ("Site report (no charge)", "1", "0.00", "0.00"),
    ]
