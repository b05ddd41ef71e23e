"""Supplier invoices written by hand for a probe (invented companies, drafting conventions
only) and read with no company of ours, as the acceptance sets are read: each test is
one convention the probe found misread."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake.extractors.extraction.fields import countries
from intake.extractors.extraction.fields.countries import tax_country_currency
from intake.extractors.extraction.fields.money import detect_currency
from intake.settings import Settings
from tests.scans import render, save_png, specked, turned
from tests.test_extraction import extract
from tests.test_layout_conventions import Rows, draw


def test_a_customer_heading_a_row_of_details_with_its_address_under_it(
    settings: Settings, tmp_path: Path
) -> None:
    # "Billed To | Date of Issue | Invoice Number" over their values: the customer's
    # column goes on with its address, so it is the customer's block, and its name is
    # no issuer's (the issuer's name is small, top right, with no legal form)
    rows: Rows = [
        (40, [(50, "Invoice", 22)]),
        (40, [(400, "Lena Hart Design")]),
        (52, [(400, "lena@lenahart.example")]),
        (110, [(50, "Billed To"), (200, "Date of Issue"), (330, "Invoice Number")]),
        (124, [(50, "Copperline Coffee Co."), (200, "04/22/2025"), (330, "0042")]),
        (136, [(50, "910 SE Oak St"), (200, "Due Date")]),
        (148, [(50, "Portland, OR 97214"), (200, "05/22/2025")]),
        (200, [(50, "Description"), (330, "Rate"), (400, "Qty"), (480, "Line Total")]),
        (215, [(50, "Brand identity refresh"), (330, "$2,400.00"), (400, "1"), (480, "$2,400.00")]),
        (280, [(400, "Total"), (480, "2,400.00")]),
    ]
    f = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]
    assert (f["vendor"], f["buyer"]) == ("Lena Hart Design", "Copperline Coffee Co.")


def test_a_buyers_label_over_one_row_of_values_is_still_no_block(
    settings: Settings, tmp_path: Path
) -> None:
    # "Buyer | Ship via | Terms" over one row of values, nothing under them: the person
    # in charge of the order, not a party
    rows: Rows = [
        (40, [(50, "Harbor Tools Ltd", 15)]),
        (56, [(50, "12 Quay Street, Bristol BS1 4DJ")]),
        (90, [(50, "INVOICE INV-3391", 14)]),
        (110, [(50, "Bill to"), (300, "Date 12/03/2025")]),
        (122, [(50, "Severn Joinery Ltd")]),
        (134, [(50, "4 Mill Lane, Gloucester GL1 2AB")]),
        (170, [(50, "Buyer"), (200, "Ship via"), (330, "Terms")]),
        (182, [(50, "A. Berg"), (200, "UPS"), (330, "Net 30")]),
        (280, [(400, "Total"), (480, "240.00")]),
    ]
    f = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]
    assert f["buyer"] == "Severn Joinery Ltd"


def test_a_customers_label_over_one_row_of_details_names_the_customer(
    settings: Settings, tmp_path: Path
) -> None:
    # "Customer | Customer ID | Invoice # | Date | Terms" over one row of values: the
    # customer's own word names the customer there (only a buying agent's title, "Buyer",
    # names a person in charge)
    rows: Rows = [
        (40, [(50, "Pinecrest Supplies Inc.", 14)]),
        (56, [(50, "220 Harbor Blvd, Portland, OR 97201")]),
        (90, [(400, "INVOICE", 16)]),
        (120, [(50, "Customer"), (200, "Customer ID"), (300, "Invoice #"), (400, "Date")]),
        (132, [(50, "Lakeside Dental Group"), (200, "C-3391"), (300, "77812"), (400, "8/4/2025")]),
        (170, [(50, "Item"), (300, "Qty"), (360, "Rate"), (470, "Amount")]),
        (186, [(50, "Nitrile gloves, box of 100"), (300, "40"), (360, "8.75"), (470, "350.00")]),
        (230, [(360, "Subtotal"), (470, "350.00")]),
        (254, [(360, "Total"), (470, "$350.00")]),
    ]
    f = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]
    assert (f["vendor"], f["buyer"], f["invoice_number"]) == (
        "Pinecrest Supplies Inc.",
        "Lakeside Dental Group",
        "77812",
    )


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("Southern Cross Plumbing Pty Ltd\nABN 51 824 753 556\nTotal inc GST $1,980.00", "AUD"),
        ("Fraser Valley Signs\nGST/HST No. 81234 5678 RT0001\nTotal $5,342.40", "CAD"),
        ("Tui Joinery\nNZBN 9429041234567\nTotal $880.00", "NZD"),
        ("Great Lakes Supply, LLC\nTotal $886.91", "USD"),
        # an Australian seller's invoice to an American company: the dollars disagree
        ("Kestrel Pty Ltd\nBill to: Acme Widgets LLC\nTotal $1,000.00", "USD"),
        ("Kestrel Pty Ltd\nTotal $1,000.00 USD", "USD"),
    ],
)
def test_a_bare_dollar_is_the_dollar_of_the_documents_country(text: str, currency: str) -> None:
    assert detect_currency(text) == currency


def test_a_balance_due_under_the_total_leaves_the_printed_subtotal(
    settings: Settings, tmp_path: Path
) -> None:
    # subtotal, discount, shipping and tax add up to the total; the payment made and the
    # balance due after it follow: the subtotal is the one printed, not one worked out
    # from the balance
    rows: Rows = [
        (40, [(50, "Great Lakes Janitorial Supply, LLC", 14)]),
        (40, [(420, "INVOICE", 15)]),
        (60, [(380, "Invoice No."), (460, "GL-88120")]),
        (120, [(50, "Sold To")]),
        (132, [(50, "Lakeshore Medical Group")]),
        (200, [(50, "Qty"), (160, "Description"), (390, "Unit Price"), (480, "Ext. Price")]),
        (215, [(50, "10"), (160, "Nitrile gloves, case"), (390, "64.00"), (480, "640.00")]),
        (227, [(50, "4"), (160, "Floor cleaner, 5 gal"), (390, "52.50"), (480, "210.00")]),
        (280, [(390, "Subtotal"), (480, "850.00")]),
        (292, [(390, "Discount 5%"), (480, "-42.50")]),
        (304, [(390, "Shipping"), (480, "35.00")]),
        (316, [(390, "Sales Tax 5.5%"), (480, "44.41")]),
        (328, [(390, "Total"), (480, "886.91")]),
        (340, [(390, "Amount Paid"), (480, "200.00")]),
        (352, [(390, "Balance Due"), (480, "686.91")]),
    ]
    f = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]
    assert (f["subtotal"], f["tax"], f["total"]) == ("850.00", "44.41", "886.91")


def test_a_vat_id_whose_zero_a_scan_read_as_o_still_places_the_document() -> None:
    assert tax_country_currency("KvK 12345678 - BTW NLO01234567B01") == "EUR"
    # too few digits left: no VAT id
    assert tax_country_currency("NLOOOOOOO12B01") is None


def test_specks_between_a_label_and_its_value_are_no_value(
    settings: Settings, tmp_path: Path
) -> None:
    # leader dots (or a scan's specks, "_.") between "Expires" and its date
    rows: Rows = [
        (40, [(50, "Nimbus Analytics, Inc.", 16)]),
        (40, [(420, "QUOTE", 16)]),
        (62, [(380, "Quote #"), (460, "Q-10442")]),
        (74, [(380, "Date"), (460, "June 2, 2025")]),
        (86, [(380, "Expires"), (425, "_ . ."), (460, "July 2, 2025")]),
        (130, [(50, "Prepared for")]),
        (142, [(50, "Bright Path Logistics")]),
        (290, [(380, "Total (USD)"), (470, "2,500.00")]),
    ]
    result = extract(settings, draw(tmp_path / "q.pdf", rows))
    assert result["doc_type"] == "estimate"
    assert result["fields"]["valid_until"] == "2025-07-02"


def test_the_items_header_under_a_customers_block_is_no_customer(
    settings: Settings, tmp_path: Path
) -> None:
    # the customer's name is unreadable as one (it holds a street: "Calle Colón 8"), its
    # address follows, then the items' header: no line of the header names the customer
    rows: Rows = [
        (40, [(50, "Reformas Navarro S.L.", 15)]),
        (56, [(50, "Av. del Puerto 33, 46021 Valencia")]),
        (110, [(50, "PRESUPUESTO", 14), (330, "Nº: P-2025-118")]),
        (126, [(330, "Fecha: 04/06/2025")]),
        (150, [(50, "Cliente:")]),
        (160, [(50, "Comunidad de Propietarios Calle Colón 8")]),
        (170, [(50, "46004 Valencia")]),
        (182, [(50, "Concepto"), (320, "Uds."), (370, "Precio"), (470, "Importe")]),
        (194, [(50, "Pintura fachada"), (320, "240"), (370, "14,00"), (470, "3.360,00")]),
        (270, [(370, "Total"), (470, "3.360,00")]),
    ]
    f = extract(settings, draw(tmp_path / "q.pdf", rows))["fields"]
    assert f.get("buyer") is None


def test_a_return_address_names_the_sender_over_a_legal_name_in_the_window(
    settings: Settings, tmp_path: Path
) -> None:
    # a tradesman's letterhead (no legal form) top right, its return address over the
    # window, and a customer with a legal form in the window: the window is addressed
    rows: Rows = [
        (40, [(380, "Malerbetrieb Kühn", 14)]),
        (56, [(380, "Inh. Stefan Kühn")]),
        (68, [(380, "Lindenallee 7, 04109 Leipzig")]),
        (118, [(50, "Malerbetrieb Kühn · Lindenallee 7 · 04109 Leipzig", 6)]),
        (132, [(50, "Firma"), (380, "Kunden-Nr.:"), (470, "10234")]),
        (
            144,
            [(50, "Sachsen Immobilien GmbH & Co. KG"), (380, "Rechnungs-Nr.:"), (470, "2025-118")],
        ),
        (156, [(50, "Augustusplatz 9"), (380, "Datum:"), (470, "03.06.2025")]),
        (168, [(50, "04109 Leipzig")]),
        (230, [(50, "Rechnung", 14)]),
        (330, [(400, "Brutto"), (480, "1.258,84")]),
    ]
    f = extract(settings, draw(tmp_path / "r.pdf", rows))["fields"]
    assert (f["vendor"], f["buyer"]) == ("Malerbetrieb Kühn", "Sachsen Immobilien GmbH & Co. KG")


def test_a_name_sub_label_without_its_colon_has_its_value_beside_it(
    settings: Settings, tmp_path: Path
) -> None:
    # an e-invoice's visual rendering: SELLER and BUYER over rows of sub-labels
    rows: Rows = [
        (40, [(50, "INVOICE", 16)]),
        (70, [(50, "Invoice number"), (180, "INV-77120")]),
        (82, [(50, "Issue date"), (180, "2025-04-30")]),
        (130, [(50, "SELLER", 10), (320, "BUYER", 10)]),
        (142, [(50, "Name"), (120, "Baltic Timber OÜ"), (320, "Name"), (390, "Fjord Housing AS")]),
        (154, [(50, "Address"), (120, "Pärnu mnt 10, 10148 Tallinn"), (320, "Address")]),
        (294, [(350, "Total amount due (EUR)"), (480, "3,720.00")]),
    ]
    f = extract(settings, draw(tmp_path / "e.pdf", rows))["fields"]
    assert (f["vendor"], f["buyer"]) == ("Baltic Timber OÜ", "Fjord Housing AS")


def test_a_totals_label_ending_in_an_abbreviations_stop_closes_the_items(
    settings: Settings, tmp_path: Path
) -> None:
    # "Summe Positionen" sums the items; "Gesamtbetrag ohne USt." under it is no item
    rows: Rows = [
        (40, [(50, "Nordlicht Elektronik GmbH", 14)]),
        (60, [(50, "Rechnung Nr. RE-2025-00871", 13)]),
        (230, [(50, "Pos."), (80, "Bezeichnung"), (300, "Menge"), (400, "Preis"), (480, "Betrag")]),
        (245, [(50, "1"), (80, "Funkmodul LX-4"), (300, "10"), (400, "49,50"), (480, "495,00")]),
        (257, [(50, "2"), (80, "Antenne 868 MHz"), (300, "10"), (400, "12,00"), (480, "120,00")]),
        (300, [(350, "Summe Positionen"), (480, "615,00")]),
        (312, [(350, "Gesamtbetrag ohne USt."), (480, "615,00")]),
        (324, [(350, "USt. 19 %"), (480, "116,85")]),
        (336, [(350, "Fälliger Betrag"), (480, "731,85")]),
    ]
    f = extract(settings, draw(tmp_path / "r.pdf", rows))["fields"]
    assert [i["amount"] for i in f["line_items"]] == ["495.00", "120.00"]
    assert (f["subtotal"], f["tax"], f["total"]) == ("615.00", "116.85", "731.85")


def test_a_note_in_smaller_type_under_an_item_is_no_part_of_its_description(
    settings: Settings, tmp_path: Path
) -> None:
    # a delivery date set small under one item; the next item's description wraps at
    # the item's own size and stays whole
    rows: Rows = [
        (40, [(50, "Bürotechnik Weber GmbH", 14)]),
        (60, [(50, "Rechnung Nr. R-104522", 13)]),
        (
            230,
            [
                (50, "Pos"),
                (140, "Bezeichnung"),
                (310, "Menge"),
                (385, "Einzelpreis"),
                (480, "Gesamt"),
            ],
        ),
        (245, [(50, "1"), (140, "Toner schwarz"), (310, "4"), (385, "62,00"), (480, "248,00")]),
        (255, [(140, "Lieferdatum: 05.05.2025", 7)]),
        (268, [(50, "2"), (140, "Wartungspauschale"), (310, "1"), (385, "95,00"), (480, "95,00")]),
        (279, [(140, "für Mai")]),
        (320, [(385, "Summe netto"), (480, "343,00")]),
    ]
    f = extract(settings, draw(tmp_path / "r.pdf", rows))["fields"]
    assert [i["description"] for i in f["line_items"]] == [
        "Toner schwarz",
        "Wartungspauschale für Mai",
    ]


def test_as_a_scan_reads_them_a_windows_name_and_its_return_address(
    settings: Settings, tmp_path: Path
) -> None:
    # a digit inside a word is a letter misread ("H6tel" for "Hôtel"), no house number;
    # the return address's dots read as "«" and " - " still part it
    rows: Rows = [
        (40, [(380, "Atelier Girard", 14)]),
        (56, [(380, "5 rue des Tanneurs, 67000 Strasbourg")]),
        (108, [(50, "Atelier Girard « 5 rue des Tanneurs - 67000 Strasbourg", 6)]),
        (120, [(50, "H6tel des Vosges")]),
        (132, [(50, "1 place Kléber")]),
        (144, [(50, "67000 Strasbourg")]),
        (190, [(50, "Facture N° F250612"), (300, "Date : 12/06/2025")]),
        (300, [(380, "Net à payer"), (480, "2 472,00 €")]),
    ]
    f = extract(settings, draw(tmp_path / "f.pdf", rows))["fields"]
    assert (f["vendor"], f["buyer"]) == ("Atelier Girard", "H6tel des Vosges")


def test_a_title_in_spaced_capitals_names_no_vendor(settings: Settings, tmp_path: Path) -> None:
    # OCR parts a large, letter-spaced title ("FA CTU R E"); the issuer is in the footer
    rows: Rows = [
        (40, [(50, "FA CTU R E", 18), (380, "N° : FA-2025-0342")]),
        (100, [(50, "Facturé à")]),
        (112, [(50, "Boulangerie Lemoine SARL")]),
        (124, [(50, "21000 Dijon")]),
        (180, [(50, "Désignation"), (330, "Quantité"), (400, "Prix unitaire"), (480, "Total")]),
        (195, [(50, "Farine T65, sac 25 kg"), (330, "40"), (400, "18,50"), (480, "740,00")]),
        (240, [(400, "Total HT"), (480, "740,00")]),
        (252, [(400, "TVA 5,5 %"), (480, "40,70")]),
        (264, [(400, "Total TTC"), (480, "780,70")]),
        (780, [(50, "Minoterie Bourguignonne SAS · 12 route de Beaune, 21200 Beaune", 7)]),
    ]
    f = extract(settings, draw(tmp_path / "f.pdf", rows))["fields"]
    assert f["vendor"] == "Minoterie Bourguignonne SAS"


def test_german_headers_run_together_or_abbreviated(settings: Settings, tmp_path: Path) -> None:
    # "Gesamtnetto" (OCR ran "Gesamt netto" together) heads the amounts, "Einh." the units
    rows: Rows = [
        (40, [(50, "Bürotechnik Weber GmbH", 14)]),
        (60, [(50, "Rechnung Nr. R-104522", 13)]),
        (230, [(50, "Bezeichnung"), (310, "Menge"), (350, "Einh."), (385, "Preis")]),
        (230, [(440, "USt%"), (480, "Gesamtnetto")]),
        (245, [(50, "Toner schwarz"), (310, "4"), (350, "Stk"), (385, "62,00")]),
        (245, [(440, "19"), (480, "248,00")]),
        (300, [(385, "Summe netto"), (480, "248,00")]),
    ]
    f = extract(settings, draw(tmp_path / "r.pdf", rows))["fields"]
    assert [(i["quantity"], i["unit"], i["amount"]) for i in f["line_items"]] == [
        ("4", "Stk", "248.00")
    ]


def test_a_shops_number_after_its_name_on_a_till_receipt(
    settings: Settings, tmp_path: Path
) -> None:
    # a chain's shop number after its name leaves it a name ("PUMP 6 REGULAR" had won);
    # on a scan the number is no word to judge the name's OCR by (a till's "REG #01"
    # number, its word too short, still is: measured on the dev receipts)
    rows: Rows = [
        (40, [(60, "QUIKSTOP #2291", 10)]),
        (52, [(60, "4410 HWY 52 N")]),
        (64, [(60, "ROCHESTER MN 55901")]),
        (80, [(60, "11/28/2025 07:31")]),
        (92, [(60, "PUMP 6 REGULAR")]),
        (104, [(60, "FUEL TOTAL"), (210, "$37.07")]),
        (116, [(60, "TOTAL"), (210, "$37.07")]),
        (128, [(60, "DEBIT"), (210, "$37.07")]),
    ]
    f = extract(settings, draw(tmp_path / "r.pdf", rows))["fields"]
    assert (f["vendor"], f["issue_date"], f["total"]) == ("QUIKSTOP #2291", "2025-11-28", "37.07")


def test_a_description_that_breaks_off_above_its_numbers_opens_that_item(
    settings: Settings, tmp_path: Path
) -> None:
    # a table whose numbers sit on each item's last line: a line that breaks off
    # mid-phrase ("... oiled,") goes on on the next line, the item's numbers row
    rows: Rows = [
        (40, [(50, "Northgate Supplies Ltd", 14)]),
        (90, [(50, "INVOICE INV-5520", 13)]),
        (190, [(50, "Description"), (330, "Qty"), (380, "Unit Price"), (480, "Amount")]),
        (205, [(50, "Oak worktop, 40 mm, oiled,")]),
        (216, [(50, "cut to size"), (330, "2"), (380, "285.00"), (480, "570.00")]),
        (230, [(50, "Hinges, soft close and")]),
        (241, [(50, "pack of 10"), (330, "3"), (380, "24.50"), (480, "73.50")]),
        (252, [(50, "(brushed steel)")]),
        (290, [(380, "Subtotal"), (480, "643.50")]),
    ]
    f = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]
    assert [i["description"] for i in f["line_items"]] == [
        "Oak worktop, 40 mm, oiled, cut to size",
        "Hinges, soft close and pack of 10 (brushed steel)",
    ]


def test_numbers_centred_on_a_description_over_two_lines_take_both(
    settings: Settings, tmp_path: Path
) -> None:
    # an HTML table centres each cell on its row: the numbers of an item whose
    # description wraps onto two lines sit between them, their row rising into the
    # line above; that line opens the item (the first item's too), the one under goes on
    rows: Rows = [
        (40, [(50, "Brightline Studio Ltd", 14)]),
        (90, [(50, "INVOICE BL-2291", 13)]),
        (180, [(50, "Description"), (330, "Qty"), (390, "Unit Price"), (480, "Amount")]),
        (200, [(50, "Brand identity workshop, two days")]),
        (205.5, [(330, "1"), (390, "2,400.00"), (480, "2,400.00")]),
        (211, [(50, "on site with stakeholders")]),
        (230, [(50, "Logo design"), (330, "1"), (390, "1,200.00"), (480, "1,200.00")]),
        (249, [(50, "Brand guidelines document")]),
        (254.5, [(330, "1"), (390, "900.00"), (480, "900.00")]),
        (260, [(50, "in print and PDF")]),
        (300, [(390, "Total"), (480, "4,500.00")]),
    ]
    f = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]
    assert [i["description"] for i in f["line_items"]] == [
        "Brand identity workshop, two days on site with stakeholders",
        "Logo design",
        "Brand guidelines document in print and PDF",
    ]


@pytest.mark.parametrize(
    ("first", "buyer"),
    [
        # a department, then the company, on one line
        ("Accounts Payable, Harwick Foundry Ltd", "Harwick Foundry Ltd"),
        # a firm's names, its first a single word, stay whole
        ("Baker, Botts & Reed LLP", "Baker, Botts & Reed LLP"),
    ],
)
def test_a_department_before_the_company_on_one_line(
    settings: Settings, tmp_path: Path, first: str, buyer: str
) -> None:
    rows: Rows = [
        (40, [(50, "Northgate Supplies Ltd", 14)]),
        (56, [(50, "4 Mill Road, Leeds LS2 7AB")]),
        (90, [(50, "INVOICE INV-5520", 13)]),
        (130, [(50, "Bill to:")]),
        (142, [(50, first)]),
        (154, [(50, "Unit 2, Canal Rd")]),
        (166, [(50, "Bradford BD1 4SJ")]),
        (314, [(380, "Total"), (480, "772.20")]),
    ]
    assert extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]["buyer"] == buyer


def test_an_unlabelled_customers_block_beside_the_issuers(
    settings: Settings, tmp_path: Path
) -> None:
    # an accounting program's layout: the customer's block under the title, no label and
    # no window; the issuer's block top right with its ABN (Australian postcodes)
    rows: Rows = [
        (40, [(50, "TAX INVOICE", 18), (330, "Invoice Date"), (430, "Southbank Joinery Pty Ltd")]),
        (52, [(330, "12 Mar 2025"), (430, "ABN 51 824 753 556")]),
        (64, [(50, "Harbour View Cafe Pty Ltd"), (330, "Invoice Number"), (430, "14 Dock St")]),
        (76, [(50, "3 Wharf Rd"), (330, "INV-0457"), (430, "Southbank VIC 3006")]),
        (88, [(50, "Docklands VIC 3008")]),
        (170, [(50, "Description"), (290, "Quantity"), (350, "Unit Price"), (480, "Amount AUD")]),
        (185, [(50, "Labour"), (290, "16.00"), (350, "75.00"), (480, "1,200.00")]),
        (268, [(380, "TOTAL AUD"), (480, "1,320.00", 12)]),
    ]
    f = extract(settings, draw(tmp_path / "x.pdf", rows))["fields"]
    assert (f["vendor"], f["buyer"]) == ("Southbank Joinery Pty Ltd", "Harbour View Cafe Pty Ltd")


def test_a_credit_notes_amounts_are_all_negative(settings: Settings, tmp_path: Path) -> None:
    # subtotal, tax and total printed with their minus add up as an invoice's do
    rows: Rows = [
        (40, [(50, "Northgate Supplies Ltd", 14)]),
        (90, [(50, "CREDIT NOTE", 15)]),
        (110, [(50, "Credit Note No: CN-0192"), (300, "Date: 20/05/2025")]),
        (150, [(50, "Credit to:")]),
        (162, [(50, "Harrow Joinery Ltd")]),
        (200, [(50, "Description"), (330, "Qty"), (380, "Unit Price"), (480, "Amount")]),
        (215, [(50, "Returned hinges"), (330, "-2"), (380, "24.50"), (480, "-49.00")]),
        (260, [(380, "Subtotal"), (480, "-49.00")]),
        (272, [(380, "VAT 20%"), (480, "-9.80")]),
        (284, [(380, "Total credit"), (480, "-58.80")]),
    ]
    f = extract(settings, draw(tmp_path / "cn.pdf", rows))["fields"]
    assert (f["subtotal"], f["tax"], f["total"]) == ("-49.00", "-9.80", "-58.80")


def test_from_and_to_alone_head_the_two_parties_blocks(settings: Settings, tmp_path: Path) -> None:
    # "From" over the seller's block beside "To" over the customer's, neither with a colon
    rows: Rows = [
        (50, [(50, "Invoice", 24)]),
        (90, [(50, "From"), (300, "To")]),
        (102, [(50, "Aoife Brennan Photography"), (300, "Gannet Media Ltd")]),
        (114, [(50, "14 Quay Lane, Galway"), (300, "Unit 6, Docklands Innovation Park")]),
        (126, [(50, "VAT IE 3344521TH"), (300, "Dublin 3, D03 X2K1")]),
        (160, [(50, "Invoice number"), (180, "AB-2025-031")]),
        (172, [(50, "Date"), (180, "21/10/2025")]),
        (220, [(50, "Item"), (350, "Days"), (400, "Rate"), (480, "Amount")]),
        (235, [(50, "Product shoot"), (350, "2"), (400, "€650.00"), (480, "€1,300.00")]),
        (314, [(400, "Total"), (480, "€1,300.00")]),
    ]
    f = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]
    assert (f["vendor"], f["buyer"]) == ("Aoife Brennan Photography", "Gannet Media Ltd")


@pytest.mark.parametrize(
    ("ordered", "shipped"),
    [
        ("Ordered", "Shipped"),
        ("Qty Ordered", "Qty Shipped"),
        ("Qty Ord", "Qty Shp"),
        ("Ordered", "Delivered"),
    ],
)
def test_an_invoice_charges_the_quantity_shipped_not_the_one_ordered(
    settings: Settings, tmp_path: Path, ordered: str, shipped: str
) -> None:
    rows: Rows = [
        (40, [(50, "Midwest Fastener Supply, Inc.", 16)]),
        (58, [(50, "2200 Industrial Pkwy, Dayton, OH 45414")]),
        (40, [(420, "INVOICE", 18)]),
        (62, [(400, "Invoice No."), (480, "518804")]),
        (120, [(50, "Bill To:")]),
        (132, [(50, "Allen Precision Machining")]),
        (
            235,
            [
                (50, "Item"),
                (130, "Description"),
                (320, ordered),
                (370, shipped),
                (420, "Price"),
                (490, "Amount"),
            ],
        ),
        (
            250,
            [
                (50, "HX-5816"),
                (130, "Hex bolt zinc"),
                (320, "500"),
                (370, "500"),
                (420, "0.142"),
                (490, "71.00"),
            ],
        ),
        (
            262,
            [
                (50, "NW-516"),
                (130, "Flat washer SAE"),
                (320, "500"),
                (370, "400"),
                (420, "0.031"),
                (490, "12.40"),
            ],
        ),
        (320, [(400, "Total Due"), (490, "83.40")]),
    ]
    f = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]
    assert [x["quantity"] for x in f["line_items"]] == ["500", "400"]
    # no currency printed: the US address places the invoice in the US
    assert f["currency"] == "USD"


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        (
            "Midwest Fastener Supply, Inc.\n2200 Industrial Pkwy, Dayton, OH 45414\nTotal 83.40",
            "USD",
        ),
        ("Malerbetrieb Hartmann GmbH\nGartenweg 3, 04109 Leipzig\nGesamt 1.999,20", "EUR"),
        ("Kelvin Scientific\nUnit 4, Riverside Estate\nSalford M5 3EZ\nOrder Total 648.00", "GBP"),
        ("Coast Mountain Printing\n1220 Hamilton St, Vancouver, BC V6B 2S8\nTotal 716.80", "CAD"),
        ("Southern Cross Plumbing\n8 Harbour Rd, Docklands VIC 3008\nTotal 1,980.00", "AUD"),
        ("Syarikat Perniagaan Maju Sdn Bhd\nNo. 12, Jalan Industri 3\nTotal 689.00", "MYR"),
        # a code in an item's text that looks like a British postcode is none
        ("KEDAI RUNCIT\nLYK OMEGA PLUS 1D G70 2RL\nTotal 12.00", None),
        # two countries: none
        ("Great Lakes Supply LLC\nBill to: Oberhof Bau GmbH\nTotal 83.40", None),
        # a legal form's letters inside a line are a word's ("Sri" of a street's name)
        ("KING'S BAKERY\nNO.41, JALAN SERI BINTANG 2\nTAMAN SRI BINTANG,\nTotal 25.15", None),
    ],
)
def test_a_document_printing_no_currency_pays_in_its_one_home_countrys(
    text: str, currency: str | None
) -> None:
    assert countries.home_currency(text) == currency


def test_a_swedish_postcode_makes_an_unlabelled_customers_address(
    settings: Settings, tmp_path: Path
) -> None:
    # Sweden groups its postcode three and two ("103 16 Stockholm"): the customer's block
    # beside the invoice's details, with no label, is an address
    rows: Rows = [
        (50, [(50, "Fjord Outdoor Gear AS", 16)]),
        (66, [(50, "Strandgata 14, 5013 Bergen, Norway")]),
        (110, [(50, "INVOICE", 18)]),
        (140, [(350, "Invoice no."), (450, "20511")]),
        (152, [(350, "Invoice date"), (450, "12.09.2025")]),
        (140, [(50, "Nordkapp Sport AB")]),
        (152, [(50, "Box 2231")]),
        (164, [(50, "103 16 Stockholm")]),
        (176, [(50, "Sweden")]),
        (300, [(380, "Total NOK"), (500, "18,420.00")]),
    ]
    f = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]
    assert (f["vendor"], f["buyer"]) == ("Fjord Outdoor Gear AS", "Nordkapp Sport AB")


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        # OCR read "E-2207" as "£.2207": a sign apart from any number counts less than
        # one beside an amount
        ("Estimate # £.2207\nTotal $12,490.00", "USD"),
        # a sign alone heading a column still names the currency
        ("Betrag (€)\nGesamt 1.999,20", "EUR"),
        ("Price £ each\nTotal 12.00", "GBP"),
        # a sign of several letters in parentheses after a label names the currency
        ("Subtotal 650.00\nSST 6% 39.00\nTotal (RM) 689.00", "MYR"),
    ],
)
def test_a_currency_sign_beside_an_amount_outweighs_one_apart(text: str, currency: str) -> None:
    assert detect_currency(text) == currency


def test_a_sub_label_in_a_blocks_column_of_labels_ends_the_address(
    settings: Settings, tmp_path: Path
) -> None:
    # the seller's block as an e-invoice's generator prints it: sub-labels on the left,
    # values beside them; the tax number under the address is no part of it
    rows: Rows = [
        (40, [(50, "Rechnung Nr. 280081 vom 13.07.2018", 13)]),
        (80, [(50, "Verkäufer")]),
        (92, [(50, "Name:"), (200, "Lieferant GmbH")]),
        (104, [(50, "Anschrift:"), (200, "Lieferantenstraße 20")]),
        (116, [(200, "80333 München")]),
        (128, [(50, "Steuernummer:"), (200, "201/113/40209")]),
        (140, [(50, "USt.-Id.-Nr.:"), (200, "DE123456789")]),
        (170, [(50, "Käufer")]),
        (182, [(50, "Name:"), (200, "Kunden AG Mitte")]),
        (194, [(50, "Anschrift:"), (200, "Kundenstraße 15")]),
        (206, [(200, "69876 Frankfurt")]),
        (300, [(380, "Gesamtbetrag"), (480, "119,00 EUR")]),
    ]
    f = extract(settings, draw(tmp_path / "r.pdf", rows))["fields"]
    assert (f["vendor"], f["address"]) == ("Lieferant GmbH", "Lieferantenstraße 20, 80333 München")


def test_net_with_its_stop_heads_the_line_amounts(settings: Settings, tmp_path: Path) -> None:
    # "Net." abbreviated with a stop (or a scan's speck after it) heads the net amounts as
    # "Net" does
    rows: Rows = [
        (40, [(50, "Lakeshore Electrical Supply Ltd", 15)]),
        (90, [(50, "INVOICE", 16), (380, "Invoice No. LES-88412")]),
        (130, [(50, "Invoice to:")]),
        (142, [(50, "Ferriby Homes Ltd")]),
        (200, [(50, "Code"), (110, "Description"), (330, "Qty"), (380, "Price"), (480, "Net.")]),
        (
            215,
            [(50, "JB-20"), (110, "Junction box 20A"), (330, "25"), (380, "1.80"), (480, "45.00")],
        ),
        (
            227,
            [
                (50, "SW-1G"),
                (110, "Light switch 1-gang"),
                (330, "30"),
                (380, "2.40"),
                (480, "72.00"),
            ],
        ),
        (260, [(380, "Net total"), (480, "117.00")]),
        (272, [(380, "VAT 20%"), (480, "23.40")]),
        (284, [(380, "Total GBP"), (480, "140.40")]),
    ]
    f = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]
    assert [(x["quantity"], x["unit_price"], x["amount"]) for x in f["line_items"]] == [
        ("25", "1.80", "45.00"),
        ("30", "2.40", "72.00"),
    ]


def test_an_indian_gst_invoice_reads_its_taxable_values_and_integrated_tax(
    settings: Settings, tmp_path: Path
) -> None:
    # "Taxable Value" is a line's net and "IGST 18%" its tax, the "Total" column beside
    # them gross; "Taxable Amount" and "IGST" the totals block's; the GSTIN places the
    # invoice in India, which pays in rupees
    rows: Rows = [
        (40, [(50, "Tax Invoice", 16)]),
        (70, [(50, "Sold By: Sharma Electronics Pvt. Ltd."), (330, "Invoice No: SE/2025-26/0412")]),
        (82, [(50, "Plot 14, MIDC Bhosari, Pune 411026"), (330, "Invoice Date: 18-06-2025")]),
        (94, [(50, "GSTIN: 27AABCS1429B1ZB")]),
        (130, [(50, "Billing Address"), (330, "Shipping Address")]),
        (142, [(50, "Kavya Textiles LLP"), (330, "Kavya Textiles LLP")]),
        (154, [(50, "22 Ring Road, Surat 395002"), (330, "Sachin GIDC, Surat 394230")]),
        (200, [(50, "Product"), (230, "HSN"), (280, "Qty"), (320, "Rate")]),
        (200, [(380, "Taxable Value"), (470, "IGST 18%"), (530, "Total")]),
        (215, [(50, "Inverter 1 kVA"), (230, "8504"), (280, "2"), (320, "6,500.00")]),
        (215, [(380, "13,000.00"), (470, "2,340.00"), (530, "15,340.00")]),
        (227, [(50, "Battery 150Ah"), (230, "8507"), (280, "2"), (320, "11,000.00")]),
        (227, [(380, "22,000.00"), (470, "3,960.00"), (530, "25,960.00")]),
        (270, [(380, "Taxable Amount"), (530, "35,000.00")]),
        (282, [(380, "IGST"), (530, "6,300.00")]),
        (294, [(380, "Grand Total"), (530, "41,300.00")]),
    ]
    f = extract(settings, draw(tmp_path / "in.pdf", rows))["fields"]
    assert (f["subtotal"], f["tax"], f["total"], f["currency"]) == (
        "35000.00",
        "6300.00",
        "41300.00",
        "INR",
    )
    assert [(x["quantity"], x["unit_price"], x["amount"]) for x in f["line_items"]] == [
        ("2", "6500.00", "13000.00"),
        ("2", "11000.00", "22000.00"),
    ]


def _memo(title: str) -> Rows:
    return [
        (40, [(50, "Harbor Tools Inc.", 15)]),
        (56, [(50, "12 Quay Street, Portland, ME 04101")]),
        (90, [(50, title, 14), (380, "No. CM-3391")]),
        (104, [(380, "Date 03/12/2025")]),
        (130, [(50, "Bill to:")]),
        (142, [(50, "Severn Joinery LLC")]),
        (240, [(50, "Description"), (480, "Amount")]),
        (255, [(50, "Return of damaged router (RMA 5512)"), (480, "-240.00")]),
        (312, [(380, "Total"), (480, "-240.00")]),
    ]


def test_a_scanned_titles_number_beside_it_in_capitals(settings: Settings, tmp_path: Path) -> None:
    # OCR's boxes are the ink's: "CREDIT MEMO" in capitals stands only 1.25 times above the
    # body's words, and is still the title its number stands beside
    image = specked(turned(render(draw(tmp_path / "cm.pdf", _memo("CREDIT MEMO")), dpi=200), 0.8))
    result = extract(settings, save_png(image, tmp_path / "cm.png"))
    assert (result["doc_type"], result["fields"]["invoice_number"]) == ("invoice", "CM-3391")


@pytest.mark.parametrize("title", ["CREDIT MEMO", "Credit Note", "DEBIT MEMO"])
def test_a_credit_memo_is_numbered_beside_its_title(
    settings: Settings, tmp_path: Path, title: str
) -> None:
    # American usage calls a credit note a credit memo; "No." beside the title numbers it
    result = extract(settings, draw(tmp_path / "cm.pdf", _memo(title)))
    assert (result["doc_type"], result["fields"]["invoice_number"]) == ("invoice", "CM-3391")


def test_a_date_column_of_the_items_is_each_lines_date_not_its_description(
    settings: Settings, tmp_path: Path
) -> None:
    # "DATE | ACTIVITY | QTY | RATE | AMOUNT": the day each service was supplied stands in
    # its own column, and it is no part of the line's description
    rows: Rows = [
        (40, [(50, "Pinecrest Fabrication LLC", 15), (400, "INVOICE", 16)]),
        (56, [(50, "880 Foundry Road, Dayton, OH 45402")]),
        (120, [(50, "BILL TO"), (400, "INVOICE #"), (480, "2231")]),
        (132, [(50, "Riverside Motors Inc."), (400, "DATE"), (480, "04/09/2025")]),
        (200, [(50, "DATE"), (110, "ACTIVITY"), (300, "QTY"), (360, "RATE"), (480, "AMOUNT")]),
        (215, [(50, "04/02/2025"), (110, "Bracket, welded steel"), (300, "40"), (360, "12.50")]),
        (215, [(480, "500.00")]),
        (230, [(50, "04/03/2025"), (110, "Powder coating"), (300, "40"), (360, "3.00")]),
        (230, [(480, "120.00")]),
        (280, [(360, "TOTAL"), (480, "620.00")]),
    ]
    items = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]["line_items"]
    assert [(i["description"], i["amount"], i.get("delivery_date")) for i in items] == [
        ("Bracket, welded steel", "500.00", "2025-04-02"),
        ("Powder coating", "120.00", "2025-04-03"),
    ]


def test_a_row_of_dates_over_their_values_heads_no_table(
    settings: Settings, tmp_path: Path
) -> None:
    # "Data | Válido até" over two dates: a date names a column of items only beside two
    # other roles ("até" folds to the French "qté", a quantity)
    rows: Rows = [
        (40, [(327, "Corvina Engenharia Lda.", 15)]),
        (56, [(327, "Rua Castanho 78, 4700-000 Braga")]),
        (100, [(50, "FATURA PRÓ-FORMA n.º PF-18467", 14)]),
        (120, [(53, "Data"), (173, "Válido até")]),
        (132, [(53, "20 de junho de 2025"), (173, "20 de julho de 2025")]),
        (144, [(53, "Comercial"), (173, "Expedição"), (293, "Condições de pagamento")]),
        (156, [(53, "Anna Berglund"), (173, "Levantamento"), (293, "60 dias")]),
        (170, [(50, "Pos."), (82, "Designação"), (383, "Qtd."), (421, "Preço unit.")]),
        (170, [(499, "Montante")]),
        (185, [(50, "1"), (82, "Abraçadeiras sortidas"), (391, "25"), (432, "12,00")]),
        (185, [(499, "300,00")]),
        (230, [(345, "Total"), (486, "300,00 €")]),
    ]
    items = extract(settings, draw(tmp_path / "q.pdf", rows))["fields"]["line_items"]
    assert [(i["description"], i["amount"]) for i in items] == [("Abraçadeiras sortidas", "300.00")]


def test_a_rate_whose_separator_has_no_decimals_is_still_a_rate(
    settings: Settings, tmp_path: Path
) -> None:
    # a tax summary of two rates, one row per rate and no sums row; OCR read the space
    # before one row's sign as a speck ("7.%"), and that row's rate is still 7
    rows: Rows = [
        (40, [(50, "Druckerei Lindner GmbH", 15)]),
        (56, [(50, "Gutenbergstraße 7 · 90402 Nürnberg")]),
        (160, [(50, "Rechnung", 14), (380, "Rechnungs-Nr.: 2025-0412")]),
        (210, [(50, "Bezeichnung"), (300, "Menge"), (350, "Einzelpreis"), (480, "Gesamt")]),
        (225, [(50, "Speisekarten A4"), (300, "50"), (350, "4,00"), (480, "200,00")]),
        (240, [(50, "Broschüre Kochbuch"), (300, "20"), (350, "7,50"), (480, "150,00")]),
        (290, [(300, "Netto"), (360, "USt.-Satz"), (420, "USt."), (480, "Brutto")]),
        (302, [(300, "200,00"), (360, "19 %"), (420, "38,00"), (480, "238,00")]),
        (314, [(300, "150,00"), (360, "7.%"), (420, "10,50"), (480, "160,50")]),
        (340, [(360, "Rechnungsbetrag"), (480, "398,50 €")]),
    ]
    f = extract(settings, draw(tmp_path / "r.pdf", rows))["fields"]
    assert (f["subtotal"], f["tax"], f["total"]) == ("350.00", "48.50", "398.50")


def test_a_tax_summary_row_without_and_with_vat_and_the_tax_between(
    settings: Settings, tmp_path: Path
) -> None:
    # a generator's layout: the items print each line with its tax, and a breakdown row
    # prints the rate, the tax, the amount "Without VAT" and the amount "With VAT" (its
    # narrow headers run together: "VAT rate Tax"); the lines' gross amounts (which add
    # up to the total too) are neither subtotal nor tax
    rows: Rows = [
        (40, [(312, "Invoice num.: INV-20931")]),
        (55, [(63, "Provider"), (315, "Date: Sep 3, 2025")]),
        (67, [(63, "Blue Harbor Supplies Inc."), (315, "Due date: Oct 3, 2025")]),
        (79, [(63, "91 Congress St, Austin, TX 78701")]),
        (110, [(312, "Customer")]),
        (122, [(312, "Greenfield Dental Group")]),
        (302, [(60, "Description", 7), (264, "Units", 7), (306, "Price per one", 7)]),
        (302, [(383, "Total price", 7), (445, "Tax", 7), (471, "Total price with tax", 7)]),
        (316, [(60, "Managed IT support", 7), (287, "12", 7), (340, "$850.00", 7)]),
        (316, [(396, "$10,200.00", 7), (452, "8 %", 7), (507, "$11,041.50", 7)]),
        (330, [(60, "Network switch", 7), (291, "2", 7), (340, "$640.00", 7)]),
        (330, [(401, "$1,280.00", 7), (452, "8 %", 7), (511, "$1,385.60", 7)]),
        (351, [(60, "Breakdown VAT", 6)]),
        (359, [(60, "VAT rate", 6), (85, "Tax", 6), (133, "Without VAT", 6), (184, "With VAT", 6)]),
        (367, [(60, "8.25%", 6), (88, "$947.10", 6), (133, "$11,480.00", 6)]),
        (367, [(184, "$12,427.10", 6)]),
        (381, [(340, "Total with tax: $12,427.10", 11)]),
    ]
    f = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]
    assert (f["subtotal"], f["tax"], f["total"]) == ("11480.00", "947.10", "12427.10")


def test_a_date_under_a_label_of_its_own_is_that_labels(settings: Settings, tmp_path: Path) -> None:
    # a date's label whose value is not beside it ("Date of exposure taxable invoice:" in
    # a generator's translation) takes no date from the cell under it that opens with a
    # label of its own: that is the due date's
    rows: Rows = [
        (40, [(50, "Blue Harbor Supplies Inc.", 15)]),
        (56, [(50, "91 Congress St, Austin, TX 78701")]),
        (90, [(50, "INVOICE", 16), (315, "Date of exposure taxable invoice: Sep 3, 2025")]),
        (102, [(315, "Due date: Oct 3, 2025")]),
        (130, [(50, "Bill to:")]),
        (142, [(50, "Greenfield Dental Group")]),
        (200, [(50, "Description"), (480, "Amount")]),
        (215, [(50, "Network switch replacement"), (480, "1,280.00")]),
        (260, [(380, "Total"), (480, "1,280.00")]),
    ]
    f = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]
    assert (f.get("issue_date"), f["due_date"]) == ("2025-09-03", "2025-10-03")


def test_a_heading_opening_with_the_title_and_numbered_after_a_qualifier(
    settings: Settings, tmp_path: Path
) -> None:
    # "Fatura com impostos num.: INV-20931" in large type heads a Portuguese invoice (a
    # generator's translation): the title qualified, then its number; the line "Data de
    # validade" under it is the due date's, no issue date
    rows: Rows = [
        (44, [(312, "Fatura com impostos num.: INV-20931", 15)]),
        (72, [(63, "Fornecedor"), (315, "Data de emissão: 03/09/2025")]),
        (86, [(63, "Azulejaria Ribeiro Lda."), (315, "Data de validade: 03/10/2025")]),
        (98, [(63, "Rua do Almada 120, 4050-031 Porto")]),
        (130, [(312, "Cliente")]),
        (142, [(312, "Padaria Estrela")]),
        (200, [(60, "Descrição"), (300, "Qtd."), (350, "Preço"), (480, "Total")]),
        (215, [(60, "Azulejo pintado 15x15"), (300, "40"), (350, "6,50"), (480, "260,00")]),
        (260, [(350, "Total"), (480, "260,00 €")]),
    ]
    r = extract(settings, draw(tmp_path / "f.pdf", rows))
    assert (r["doc_type"], r["fields"]["invoice_number"]) == ("invoice", "INV-20931")


def test_a_bare_date_word_before_a_terms_end_is_no_issue_date(
    settings: Settings, tmp_path: Path
) -> None:
    # "Data de validade" (and "de vencimento", "de entrega") ends a term or brings goods;
    # the bare "Data" (Italian's word for a date) in it names no issue date
    rows: Rows = [
        (40, [(50, "Azulejaria Ribeiro Lda.", 15)]),
        (56, [(50, "Rua do Almada 120, 4050-031 Porto")]),
        (90, [(50, "FATURA", 16), (315, "Nº FT 2025/118")]),
        (106, [(315, "Data de validade: 3 de outubro de 2025")]),
        (118, [(315, "Data: 3 de setembro de 2025")]),
        (150, [(50, "Cliente:")]),
        (162, [(50, "Padaria Estrela")]),
        (260, [(350, "Total"), (480, "260,00 €")]),
    ]
    f = extract(settings, draw(tmp_path / "f.pdf", rows))["fields"]
    assert f["issue_date"] == "2025-09-03"


def test_an_items_name_beside_its_description_and_its_units(
    settings: Settings, tmp_path: Path
) -> None:
    # "Name | Description | Units | Unit Price | Amount": the name and the description
    # are one text, and "Units" counts them (the unit of measure is "Unit" alone)
    rows: Rows = [
        (40, [(50, "Northwind Analytics LLC", 15), (472, "Invoice", 14)]),
        (56, [(50, "410 Pine St, Denver, CO 80202")]),
        (100, [(50, "Client:"), (150, "Harborview Clinic")]),
        (150, [(87, "Name"), (190, "Description"), (295, "Units"), (376, "Unit Price")]),
        (150, [(471, "Amount")]),
        (165, [(87, "Dashboard build"), (190, "Custom KPI dashboard"), (303, "1")]),
        (165, [(386, "2400"), (477, "2400")]),
        (180, [(87, "Data feed"), (190, "Monthly data feed"), (303, "3"), (389, "150")]),
        (180, [(480, "450")]),
        (220, [(400, "Total"), (470, "2850.00")]),
    ]
    items = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]["line_items"]
    assert [(i["description"], i["quantity"], i["amount"]) for i in items] == [
        ("Dashboard build Custom KPI dashboard", "1", "2400.00"),
        ("Data feed Monthly data feed", "3", "450.00"),
    ]


def _web_invoice(net: str, shipping: str, net_total: str, vat: str, gross: str) -> Rows:
    # a web shop's HTML invoice (a third party's template): the totals block's labels
    # stand right under the items, in the numbers' columns, each beside its amount
    return [
        (40, [(65, "Kranich Werkzeuge GmbH, Hafenstraße 12, 28217 Bremen", 7)]),
        (60, [(65, "Tischlerei Albers")]),
        (72, [(65, "Mühlenweg 3, 26122 Oldenburg")]),
        (110, [(65, "Rechnung: A-40917"), (349, "Kundennummer: K-1182")]),
        (122, [(65, "Rechnungsdatum: 3. September 2025")]),
        (160, [(81, "REF"), (161, "Beschreibung"), (277, "Anzahl"), (330, "Einzelpreis")]),
        (160, [(405, "Steuersatz"), (486, net)]),
        (175, [(73, "HB-220"), (122, "Hobelbank Buche 2 m"), (290, "1"), (335, "820,00 €")]),
        (175, [(418, "19 %"), (479, "820,00 €")]),
        (190, [(77, "SZ-12"), (122, "Schraubzwinge 300 mm"), (287, "10"), (338, "20,00 €")]),
        (190, [(418, "19 %"), (479, "200,00 €")]),
        (210, [(269, shipping), (467, "25,00 €")]),
        (222, [(269, net_total), (467, "1045,00 €")]),
        (234, [(269, vat), (467, "198,55 €")]),
        (246, [(269, gross), (467, "1243,55 €")]),
    ]


def test_the_totals_blocks_labels_under_the_numbers_columns_end_the_items(
    settings: Settings, tmp_path: Path
) -> None:
    # "Versand 25,00 €" under the items, its label in the quantity's column: no item;
    # "Nettogesamt" is the net total
    rows = _web_invoice("Netto", "Versand", "Nettogesamt", "Umsatzsteuer (19%)", "Rechnungsbetrag")
    f = extract(settings, draw(tmp_path / "r.pdf", rows))["fields"]
    assert [(i["description"], i["amount"]) for i in f["line_items"]] == [
        ("Hobelbank Buche 2 m", "820.00"),
        ("Schraubzwinge 300 mm", "200.00"),
    ]
    assert (f["subtotal"], f["tax"], f["total"]) == ("1045.00", "198.55", "1243.55")


def test_a_second_price_header_heads_the_line_amounts(settings: Settings, tmp_path: Path) -> None:
    # "Price per Unit | Tax Rate | Net Price": with no amount header, the second price
    # column holds each line's amount
    rows = _web_invoice("Net Price", "Shipping", "Net total", "VAT (19%)", "Gross total")
    rows[5] = (160, [(81, "REF"), (161, "Description"), (277, "Quantity"), (330, "Price per Unit")])
    rows[6] = (160, [(405, "Tax Rate"), (486, "Net Price")])
    items = extract(settings, draw(tmp_path / "r.pdf", rows))["fields"]["line_items"]
    assert [(i["quantity"], i["unit_price"], i["amount"]) for i in items] == [
        ("1", "820.00", "820.00"),
        ("10", "20.00", "200.00"),
    ]


@pytest.mark.parametrize(
    ("net", "gross", "total"),
    [("Sem imposto", "Com imposto", "Total com imposto"), ("Sin IVA", "Con IVA", "Total con IVA")],
)
def test_an_amount_with_or_without_the_tax_is_no_tax(
    settings: Settings, tmp_path: Path, net: str, gross: str, total: str
) -> None:
    # the Portuguese and Spanish "without tax" and "with tax" name a net and a gross
    # amount: the word for the tax in them labels no tax (and no tax row is printed here,
    # so none is read: the net is not taken for the total's tax and its difference)
    rows: Rows = [
        (40, [(50, "Azulejaria Ribeiro Lda.", 15)]),
        (56, [(50, "Rua do Almada 120, 4050-031 Porto")]),
        (90, [(50, "FATURA", 16), (315, "Nº FT 2025/118")]),
        (106, [(315, "Data: 03/09/2025")]),
        (150, [(60, "Taxa"), (120, net), (200, gross)]),
        (162, [(60, "23%"), (120, "1.000,00"), (200, "1.230,00")]),
        (200, [(300, f"{total}: 1.230,00 €")]),
    ]
    f = extract(settings, draw(tmp_path / "f.pdf", rows))["fields"]
    assert (f["subtotal"], f.get("tax"), f["total"]) == ("1000.00", None, "1230.00")


def _web_app_invoice(client: str) -> Rows:
    # a web application's invoice (a third party's layout): "Quantity | Description |
    # Amount | Total", and the customer named by their login under "Client:"
    return [
        (28, [(510, "Invoice", 16)]),
        (70, [(43, "Mrs Priya Shah"), (369, "AIRE VALLEY JOINERY LTD")]),
        (82, [(43, "Shah Dental Practice"), (369, "14 WHARF ROAD, LEEDS LS1 4DY")]),
        (94, [(43, "3 Chapel Allerton Road, Leeds LS7 3DX")]),
        (190, [(43, "Invoice ID: INV-00217")]),
        (202, [(43, "Invoice Date: 03 Sep 2025")]),
        (214, [(43, f"Client: {client}")]),
        (240, [(34, "Quantity"), (91, "Description"), (441, "Amount"), (539, "Total")]),
        (255, [(34, "2"), (91, "Oak reception desk, bespoke"), (431, "£1,450.00")]),
        (255, [(516, "£2,900.00")]),
        (270, [(34, "1"), (91, "Fitting and delivery"), (440, "£380.00"), (525, "£380.00")]),
        (285, [(451, "Total:"), (516, "£3,280.00")]),
    ]


def test_two_amount_headers_the_rows_arithmetic_tells_the_price(
    settings: Settings, tmp_path: Path
) -> None:
    # "Amount | Total" with no price header: both columns are read, and quantity x the
    # first = the second makes the first the unit price
    rows = _web_app_invoice("pshah")
    items = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]["line_items"]
    assert [(i["quantity"], i["unit_price"], i["amount"]) for i in items] == [
        ("2", "1450.00", "2900.00"),
        ("1", "380.00", "380.00"),
    ]


def test_a_login_in_small_letters_is_no_partys_name(settings: Settings, tmp_path: Path) -> None:
    # "Client: pshah": one token in small letters is an account's login, not the client
    f = extract(settings, draw(tmp_path / "i.pdf", _web_app_invoice("pshah")))["fields"]
    assert f.get("buyer") is None


def test_a_south_african_private_company_pays_in_rand(settings: Settings, tmp_path: Path) -> None:
    # "(Pty) Ltd", its "Pty" in parentheses, is South Africa's private company (Australia
    # writes "Pty Ltd"); the amounts' bare "R" is too common a letter to read as the rand
    rows: Rows = [
        (40, [(50, "Karoo Steel Supplies (Pty) Ltd", 15)]),
        (56, [(50, "14 Voortrekker Road, Bellville, Cape Town, 7530")]),
        (90, [(50, "TAX INVOICE", 14), (380, "Invoice No. KS-20931")]),
        (130, [(50, "Bill To:")]),
        (142, [(50, "Mzansi Builders CC")]),
        (260, [(380, "Subtotal"), (480, "R 13 800,00")]),
        (272, [(380, "VAT 15%"), (480, "R 2 070,00")]),
        (284, [(380, "Total"), (480, "R 15 870,00")]),
    ]
    f = extract(settings, draw(tmp_path / "za.pdf", rows))["fields"]
    assert (f["vendor"], f["total"], f.get("currency")) == (
        "Karoo Steel Supplies (Pty) Ltd",
        "15870.00",
        "ZAR",
    )


def test_a_scans_word_misread_with_one_digit_is_no_number(tmp_path: Path) -> None:
    # OCR read "tributação" as "tributac4o" after a weak label: a word in small letters
    # with one digit among them is a word misread, no document number; a number in
    # capitals and digits beside the same label is one
    from intake.extractors.extraction.analysis import reading_for
    from intake.extractors.extraction.candidates import parse_id
    from intake.extractors.extraction.layout import Cell
    from intake.extractors.reading.text import read_text
    from intake.record import Record, Word

    path = tmp_path / "f.txt"
    path.write_text("Fatura\n", encoding="utf-8")
    record = Record(path=path, original_name=path.name, pages=read_text(path, max_pages=1))
    reading = reading_for(record)

    def scanned(text: str) -> Cell:
        return Cell(1, 0, (Word(text, 50.0, 40.0, 110.0, 50.0, 0.8, 0),), text)

    assert parse_id(reading, scanned("tributac4o"), 0.4) is None
    assert parse_id(reading, scanned("FT2025/118"), 0.4) == (
        "FT2025/118",
        scanned("FT2025/118").span_box(0, 10),
        "FT2025/118",
    )


IMPRINT_LETTER: Rows = [
    (150, [(60, "Konditorei Lindner KG")]),
    (162, [(60, "Hauptstraße 5")]),
    (174, [(60, "79098 Freiburg")]),
    (150, [(360, "Rechnungsnummer:"), (460, "RE-2025-0412")]),
    (162, [(360, "Rechnungsdatum:"), (460, "14.10.2025")]),
    (240, [(60, "Rechnung", 14)]),
    (280, [(60, "Pos."), (90, "Bezeichnung"), (330, "Menge"), (390, "Einzelpreis")]),
    (280, [(480, "Gesamt")]),
    (296, [(60, "1"), (90, "Wartung Heizungsanlage"), (330, "1"), (390, "180,00")]),
    (296, [(480, "180,00")]),
    (340, [(390, "Nettobetrag"), (480, "180,00 €")]),
    (352, [(390, "USt. 19 %"), (480, "34,20 €")]),
    (364, [(390, "Rechnungsbetrag"), (480, "214,20 €")]),
]


@pytest.mark.parametrize("scan", [False, True])
def test_the_imprint_at_the_foot_names_the_issuer_under_a_logo(
    settings: Settings, tmp_path: Path, scan: bool
) -> None:
    # the letterhead is a logo (no words): the page names its issuer in the imprint at
    # its foot, the company's name over its address beside its register and its bank;
    # the name at the top is the customer's, in the window
    foot: Rows = [
        (780, [(50, "Kessler Haustechnik GmbH", 7), (230, "Geschäftsführer: Jan Kessler", 7)]),
        (780, [(400, "Deutsche Kreditbank AG", 7)]),
        (789, [(50, "Am Mühlbach 12", 7), (230, "Amtsgericht Freiburg HRB 71234", 7)]),
        (789, [(400, "IBAN DE12 6805 0101 0012 3456 78", 7)]),
        (798, [(50, "79108 Freiburg", 7), (230, "USt-IdNr. DE298765432", 7)]),
        (798, [(400, "BIC FRSPDE66XXX", 7)]),
    ]
    pdf = draw(tmp_path / "i.pdf", IMPRINT_LETTER + foot)
    path = pdf
    if scan:
        image = specked(turned(render(pdf, dpi=200), 0.8), 0.0005)
        path = save_png(image, tmp_path / "i.png")
    f = extract(settings, path)["fields"]
    assert (f["vendor"], f["buyer"]) == ("Kessler Haustechnik GmbH", "Konditorei Lindner KG")


@pytest.mark.parametrize(
    ("line", "vendor"),
    [
        (
            "Kessler Haustechnik GmbH · Am Mühlbach 12 · 79108 Freiburg · Amtsgericht "
            "Freiburg HRB 71234 · Geschäftsführer: Jan Kessler",
            "Kessler Haustechnik GmbH",
        ),
        (
            "Atelier Durand SARL - 14 rue des Tanneurs, 69002 Lyon - SARL au capital de "
            "10 000 € - RCS Lyon 812 345 678 - IBAN FR76 3000 4000 0500 0012 3456 789",
            "Atelier Durand SARL",
        ),
    ],
)
def test_an_imprint_on_one_line_names_the_issuer(
    settings: Settings, tmp_path: Path, line: str, vendor: str
) -> None:
    # the imprint run into one line at the page's foot: the name first, then its address
    # and register (its bank after them names no issuer)
    pdf = draw(tmp_path / "i.pdf", [*IMPRINT_LETTER, (790, [(50, line, 6)])])
    f = extract(settings, pdf)["fields"]
    assert (f["vendor"], f["buyer"]) == (vendor, "Konditorei Lindner KG")


@pytest.mark.parametrize(
    ("left", "right"),
    [
        # an imprint's foot: the bank's name heads its account's column, and the
        # company's column holds no legal name
        (
            ["Deutsche Kreditbank AG", "IBAN DE12 6805 0101 0012 3456 78", "10117 Berlin"],
            ["Kessler Haustechnik", "Amtsgericht Freiburg HRB 71234", "79108 Freiburg"],
        ),
        # no register, directors or tax number: no imprint, whatever name heads a column
        (
            ["Hansen Logistik GmbH", "Kaiserkai 3", "20457 Hamburg"],
            ["Kessler Haustechnik", "Am Mühlbach 12", "79108 Freiburg"],
        ),
    ],
)
def test_a_banks_column_or_a_foot_without_an_imprint_names_no_issuer(
    settings: Settings, tmp_path: Path, left: list[str], right: list[str]
) -> None:
    foot: Rows = [
        (780 + 9 * k, [(50, a, 7), (300, b, 7)])
        for k, (a, b) in enumerate(zip(left, right, strict=True))
    ]
    f = extract(settings, draw(tmp_path / "i.pdf", IMPRINT_LETTER + foot))["fields"]
    assert f.get("vendor") != left[0]


def test_the_bank_heading_its_accounts_column_at_the_foot_is_not_the_issuer(
    settings: Settings, tmp_path: Path
) -> None:
    # A logo letterhead; the foot prints the bank over its account and the company's
    # register beside it, the company's name without a legal form. The only legal names are
    # the bank's and the window's addressee's, and neither is the issuer; nor is a label.
    left = ["Deutsche Kreditbank AG", "IBAN DE12 6805 0101 0012 3456 78", "BIC BYLADEM1001"]
    right = ["Kessler Haustechnik", "Amtsgericht Freiburg HRB 71234", "79108 Freiburg"]
    foot: Rows = [
        (780 + 9 * k, [(50, a, 7), (300, b, 7)])
        for k, (a, b) in enumerate(zip(left, right, strict=True))
    ]
    f = extract(settings, draw(tmp_path / "i.pdf", IMPRINT_LETTER + foot))["fields"]
    assert "vendor" not in f
    assert f["buyer"] == "Konditorei Lindner KG"


@pytest.mark.parametrize("number", [True, False])
def test_the_windows_street_under_a_logo_names_nobody(
    settings: Settings, tmp_path: Path, number: bool
) -> None:
    # A logo letterhead over the sender's address alone, the addressee in the window with
    # no label: the window's name is the buyer, and neither it nor its street the issuer.
    street = "Neckarhalde 12" if number else "Werkstraße 9"
    rows: Rows = [
        (40, [(380, "Am Mühlbach 12")]),
        (52, [(380, "79108 Freiburg")]),
        (64, [(380, "info@kessler-haustechnik.example")]),
        *[(y, cells) for y, cells in IMPRINT_LETTER if y != 162],
        (162, [(60, street), (360, "Rechnungsdatum:"), (460, "14.10.2025")]),
    ]
    f = extract(settings, draw(tmp_path / "w.pdf", rows))["fields"]
    assert "vendor" not in f
    assert f["buyer"] == "Konditorei Lindner KG"


@pytest.mark.parametrize("town", ["Norwich NR3 1AB", "Austin, TX 78701", "Docklands VIC 3008"])
def test_the_last_line_of_an_address_under_a_logo_names_nobody(
    settings: Settings, tmp_path: Path, town: str
) -> None:
    # a logo letterhead (no words) over the issuer's address alone: its last line, the
    # town with the postcode after it, is no issuer's name
    rows: Rows = [
        (40, [(380, "Unit 4, Riverside Works")]),
        (52, [(380, town)]),
        (64, [(380, "hello@riverside-joinery.example")]),
        (130, [(60, "Bill To:")]),
        (142, [(60, "Carter Interiors Ltd")]),
        (154, [(60, "12 Elm Row, Cambridge CB1 2AA")]),
        (220, [(60, "INVOICE HF-3391", 14)]),
        (260, [(60, "Description"), (330, "Qty"), (390, "Unit price"), (480, "Amount")]),
        (276, [(60, "Oak kitchen cabinets"), (330, "8"), (390, "420.00"), (480, "3,360.00")]),
        (320, [(390, "Total"), (480, "3,360.00")]),
    ]
    f = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]
    assert (f.get("vendor"), f["buyer"]) == (None, "Carter Interiors Ltd")


@pytest.mark.parametrize("company", [None, "Kessler Haustechnik GmbH"])
def test_an_order_under_a_logo_is_bought_by_the_company_its_imprint_names(
    settings: Settings, tmp_path: Path, company: str | None
) -> None:
    # our order (or one read without a company of ours), its letterhead a logo: the
    # imprint at the foot names its issuer, who buys; the window names the supplier
    rows: Rows = [
        (150, [(60, "Metallbau Richter GmbH")]),
        (162, [(60, "Industriestraße 8")]),
        (174, [(60, "77656 Offenburg")]),
        (150, [(360, "Bestellnummer:"), (460, "B-2025-0077")]),
        (162, [(360, "Bestelldatum:"), (460, "20.10.2025")]),
        (240, [(60, "Bestellung", 14)]),
        (280, [(60, "Pos."), (90, "Bezeichnung"), (330, "Menge"), (390, "Einzelpreis")]),
        (280, [(480, "Gesamt")]),
        (296, [(60, "1"), (90, "Edelstahlrohr 40x2, 6 m"), (330, "10"), (390, "48,00")]),
        (296, [(480, "480,00")]),
        (340, [(390, "Nettobetrag"), (480, "480,00 €")]),
        (352, [(390, "USt. 19 %"), (480, "91,20 €")]),
        (364, [(390, "Gesamtbetrag"), (480, "571,20 €")]),
        (780, [(50, "Kessler Haustechnik GmbH", 7), (230, "Geschäftsführer: Jan Kessler", 7)]),
        (789, [(50, "Am Mühlbach 12", 7), (230, "Amtsgericht Freiburg HRB 71234", 7)]),
        (798, [(50, "79108 Freiburg", 7), (230, "USt-IdNr. DE298765432", 7)]),
    ]
    if company:
        settings = settings.model_copy(update={"company_name": company})
    f = extract(settings, draw(tmp_path / "po.pdf", rows))
    assert f["doc_type"] == "purchase_order"
    fields = f["fields"]
    assert (fields["vendor"], fields["buyer"]) == (
        "Metallbau Richter GmbH",
        "Kessler Haustechnik GmbH",
    )


def test_a_buyers_legal_form_read_with_a_digit_is_spelled_as_the_packs_have_it(
    settings: Settings, tmp_path: Path
) -> None:
    # OCR reads the "l" of "S.r.l." as a "1": the buyer's form is mended as the vendor's
    rows: Rows = [
        (40, [(50, "Frigotecnica Bianchi S.r.l.", 14)]),
        (54, [(50, "Via dell'Industria 5, 24040 Bergamo - P.IVA IT01234567890")]),
        (140, [(330, "Spett.le")]),
        (152, [(330, "Ristorante Da Luigi S.r.1.")]),
        (164, [(330, "Via Garibaldi 21")]),
        (176, [(330, "20121 Milano MI")]),
        (140, [(50, "Fattura n. 2025/0318")]),
        (314, [(360, "Totale"), (460, "549,00 €")]),
    ]
    f = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]
    assert f["buyer"] == "Ristorante Da Luigi S.R.L."


def test_a_letterhead_in_words_without_contact_details_is_no_window(
    settings: Settings, tmp_path: Path
) -> None:
    # the issuer's name and address at the top, no telephone or e-mail, and tax words at
    # the foot: the letterhead is in words, so the foot stands for no sender's details
    # and the issuer's own block is no addressee's window
    rows: Rows = [
        (50, [(50, "Rosewall Tools Lda.", 16)]),
        (66, [(50, "Avenida Castanho 114")]),
        (77, [(50, "3023-831 Braga")]),
        (140, [(50, "Harbourline Trading GmbH")]),
        (152, [(50, "Am Gartenweg 24")]),
        (164, [(50, "64210 Kassel")]),
        (210, [(50, "Fatura", 14)]),
        (240, [(50, "Número"), (200, "Data de emissão")]),
        (252, [(50, "INV-3960"), (200, "24 de julho de 2025")]),
        (400, [(330, "Total do documento"), (480, "1.230,00 euros")]),
        (795, [(50, "Rosewall Tools Lda. · NIF PT013393137", 7)]),
    ]
    f = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]
    assert (f["vendor"], f["buyer"]) == ("Rosewall Tools Lda.", "Harbourline Trading GmbH")


@pytest.mark.parametrize(
    "line", ["Kunde: 10233 - Konditorei Lindner KG", "Customer: C-4410 / Konditorei Lindner KG"]
)
def test_the_customers_number_before_its_name_after_the_buyers_label(
    settings: Settings, tmp_path: Path, line: str
) -> None:
    # an ERP prints the customer's number, a dash and its name after the label
    rows: Rows = [
        (40, [(50, "Kessler Haustechnik GmbH", 14)]),
        (54, [(50, "Am Mühlbach 12, 79108 Freiburg · Tel. 0761 556677")]),
        (120, [(50, line)]),
        (132, [(50, "Hauptstraße 5, 79098 Freiburg")]),
        (240, [(60, "Rechnung RE-2025-0412", 14)]),
        (364, [(390, "Rechnungsbetrag"), (480, "214,20 €")]),
    ]
    f = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]
    assert f["buyer"] == "Konditorei Lindner KG"


@pytest.mark.parametrize(
    ("label", "number"),
    [("Invoice No:", "HF-3391"), ("Rechnung Nr.", "2025-118"), ("Facture n°", "FA-0342")],
)
def test_a_titles_number_label_names_no_vendor(
    settings: Settings, tmp_path: Path, label: str, number: str
) -> None:
    # A logo letterhead (a picture) over the sender's address alone: nobody is named as
    # the issuer, and the title with its number's label is no name either.
    rows: Rows = [
        (40, [(380, "Unit 4, Riverside Works")]),
        (52, [(380, "Norwich NR3 1AB")]),
        (64, [(380, "hello@harlowfinch.example")]),
        (130, [(60, "Bill To:"), (360, label), (450, number)]),
        (142, [(60, "Carter Interiors Ltd"), (360, "Date:"), (450, "4 November 2025")]),
        (154, [(60, "12 Elm Row")]),
        (166, [(60, "Cambridge CB1 2AA")]),
        (260, [(60, "Description"), (330, "Qty"), (390, "Unit price"), (480, "Amount")]),
        (276, [(60, "Oak kitchen cabinets"), (330, "8"), (390, "420.00"), (480, "3,360.00")]),
        (320, [(390, "Subtotal"), (480, "3,360.00")]),
        (332, [(390, "VAT 20%"), (480, "672.00")]),
        (344, [(390, "Total"), (480, "£4,032.00")]),
    ]
    f = extract(settings, draw(tmp_path / "f.pdf", rows))["fields"]
    assert "vendor" not in f
    assert f["buyer"] == "Carter Interiors Ltd"
    assert f["invoice_number"] == number


def test_a_currencys_label_and_its_code_name_no_vendor(settings: Settings, tmp_path: Path) -> None:
    # An e-invoice's visualisation: labelled details at the top, the buyer's block, no
    # seller's. Neither the currency's label ("Währung:") nor its code names the issuer.
    rows: Rows = [
        (50, [(60, "Rechnung Nr. 2024-0815 vom 03.05.2024", 13)]),
        (90, [(70, "Währung:"), (260, "EUR")]),
        (110, [(70, "Leistungszeitraum:"), (260, "01.04.2024 bis 30.04.2024")]),
        (220, [(70, "Käufer")]),
        (238, [(70, "Name:"), (260, "Kunde Nord AG")]),
        (256, [(70, "Anschrift:"), (260, "Hafenweg 2")]),
        (274, [(260, "DE 20457 Hamburg")]),
        (320, [(70, "Pos"), (190, "Beschreibung"), (400, "Menge"), (494, "Nettobetrag")]),
        (336, [(70, "1"), (190, "Wartung"), (400, "1"), (494, "100,00")]),
        (380, [(213, "Rechnungssumme ohne USt."), (494, "100,00")]),
        (392, [(213, "Steuerbetrag"), (494, "19,00")]),
        (404, [(213, "Bruttosumme"), (494, "119,00")]),
    ]
    f = extract(settings, draw(tmp_path / "c.pdf", rows))["fields"]
    assert "vendor" not in f
    assert (f["buyer"], f["total"]) == ("Kunde Nord AG", "119.00")


def test_the_customer_first_under_the_title_as_accounting_programs_print_it(
    settings: Settings, tmp_path: Path
) -> None:
    # The title over the customer's block, no label and no legal form; the details in a
    # column of labels over values beside it; the issuer's block on the right.
    rows: Rows = [
        (40, [(50, "TAX INVOICE", 20)]),
        (44, [(300, "Invoice Date"), (430, "Kestrel Analytics Pty Ltd")]),
        (56, [(300, "11 Dec 2026"), (430, "23 Main Street")]),
        (68, [(50, "Ridgeway University"), (300, "Invoice Number"), (430, "Central City")]),
        (80, [(50, "PO Box 41"), (300, "INV-0042"), (430, "MARINEVILLE NSW 2500")]),
        (92, [(50, "Ridgeway NSW 2600"), (300, "ABN"), (430, "AUSTRALIA")]),
        (104, [(300, "12 345 678 901")]),
        (170, [(50, "Description"), (280, "Quantity"), (350, "Unit Price"), (480, "Amount AUD")]),
        (186, [(50, "Data pipeline consulting"), (280, "10.00"), (350, "150.00")]),
        (186, [(480, "1,500.00")]),
        (240, [(350, "Subtotal"), (480, "1,500.00")]),
        (252, [(350, "TOTAL GST 10%"), (480, "150.00")]),
        (270, [(350, "TOTAL AUD", 11), (480, "1,650.00", 11)]),
    ]
    f = extract(settings, draw(tmp_path / "x.pdf", rows))["fields"]
    assert (f["vendor"], f["buyer"]) == ("Kestrel Analytics Pty Ltd", "Ridgeway University")
    assert (f["invoice_number"], f["total"], f["currency"]) == ("INV-0042", "1650.00", "AUD")


def test_a_po_or_sales_order_box_holds_the_customers_order(
    settings: Settings, tmp_path: Path
) -> None:
    rows: Rows = [
        (40, [(50, "INVOICE", 22), (400, "Blue Fern Landscaping", 12)]),
        (56, [(400, "9 Orchard Lane, Burlington, ON L7R 2A1")]),
        (120, [(50, "BILL TO"), (300, "Invoice Number:"), (430, "118")]),
        (132, [(50, "Greenway Property Management"), (300, "P.O./S.O. Number:")]),
        (132, [(430, "PM-5530")]),
        (144, [(50, "220 King St W"), (300, "Invoice Date:"), (430, "May 4, 2026")]),
        (156, [(50, "Toronto, ON M5H 1K4")]),
        (210, [(50, "Items"), (300, "Quantity"), (380, "Price"), (480, "Amount")]),
        (226, [(50, "Spring cleanup"), (300, "1"), (380, "$850.00"), (480, "$850.00")]),
        (290, [(380, "Subtotal:"), (480, "$850.00")]),
        (302, [(380, "HST 13%:"), (480, "$110.50")]),
        (314, [(380, "Total:"), (480, "$960.50")]),
    ]
    f = extract(settings, draw(tmp_path / "w.pdf", rows))["fields"]
    assert (f["invoice_number"], f["po_number"], f["total"]) == ("118", "PM-5530", "960.50")
