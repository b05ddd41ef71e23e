"""Generic supplier layouts, drawn at test time: the visible page alone (no e-invoice XML)
in German, French and English. Totals blocks that name net sums and tax amounts in
their own words, totals printed as a tax table, line items whose numbers sit apart from
their headers or wrap to a second row, and labels that are never values."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from intake.extractors.extraction.line_arithmetic import check_item
from intake.settings import Settings
from tests.test_extraction import extract

#: (x, text) draws text from x; (x, text, "r") draws it ending at x (right-aligned numbers)
Cell = tuple[Any, ...]


def draw(path: Path, rows: Sequence[tuple[float, Sequence[Cell]]]) -> Path:
    """One A4 page: each row is (distance from the top, its cells)."""
    width, height = A4
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica", 9)
    for top, cells in rows:
        for cell in cells:
            x, text = cell[0], cell[1]
            if len(cell) > 2:
                canvas.drawRightString(x, height - top, text)
            else:
                canvas.drawString(x, height - top, text)
    canvas.save()
    return path


def items(fields: dict[str, Any]) -> list[tuple[str | None, str | None, str | None]]:
    return [(i["quantity"], i["unit_price"], i["amount"]) for i in fields["line_items"]]


def german_invoice(path: Path, totals: Sequence[tuple[str, str]]) -> Path:
    """A German invoice whose title carries its number after its kind, whose parties sit
    in labelled blocks, whose items print their amount on a second row, and whose totals
    block names the net sum and the tax amount."""
    rows: list[tuple[float, Sequence[Cell]]] = [
        (50, [(60, "Handelsrechnung (380) Nr. 2024-0815 vom 03.05.2024")]),
        (90, [(70, "Währung:"), (260, "EUR")]),
        (130, [(70, "Verkäufer")]),
        (148, [(70, "Name:"), (260, "Brandt Werkzeuge GmbH")]),
        (166, [(70, "Anschrift:"), (260, "Hauptstraße 5")]),
        (184, [(260, "DE 70173 Stuttgart")]),
        (220, [(70, "Käufer")]),
        (238, [(70, "Name:"), (260, "Kunde Nord AG")]),
        (256, [(70, "Anschrift:"), (260, "Hafenweg 2")]),
        (
            300,
            [(70, "Pos"), (190, "Beschreibung"), (340, "Nettopreis"), (400, "Menge")]
            + [(437, "Steuersatz"), (494, "Nettobetrag")],
        ),
        (
            330,
            [(70, "1"), (190, "Schrauben M6"), (380, "0,2500", "r"), (425, "400", "r")]
            + [(470, "19 %", "r")],
        ),
        (339, [(540, "100,00", "r")]),
        (
            375,
            [(70, "2"), (190, "Dübel 8 mm"), (380, "0,1000", "r"), (425, "250", "r")]
            + [(470, "19 %", "r")],
        ),
        (384, [(540, "25,00", "r")]),
    ]
    top = 440.0
    for label, amount in totals:
        rows.append((top, [(213, label), (540, amount, "r")]))
        top += 30
    return draw(path, rows)


def test_a_german_totals_block_names_its_net_sum_and_tax_amount(
    settings: Settings, tmp_path: Path
) -> None:
    totals = [
        ("Positionssumme", "125,00"),
        ("Rechnungssumme ohne USt.", "125,00"),
        ("Steuerbetrag", "23,75"),
        ("Bruttosumme", "148,75"),
        ("Offene Zahlungen", "50,00"),
        ("Zahlbetrag", "198,75"),
    ]
    result = extract(settings, german_invoice(tmp_path / "r.pdf", totals))
    fields = result["fields"]
    assert fields["invoice_number"] == "2024-0815"
    assert (fields["subtotal"], fields["tax"], fields["total"]) == ("125.00", "23.75", "148.75")
    assert fields["vendor"] == "Brandt Werkzeuge GmbH"
    # each item's amount is on the row under it; the position number is no part of it
    assert items(fields) == [("400", "0.25", "100.00"), ("250", "0.10", "25.00")]
    assert [i["description"] for i in fields["line_items"]] == ["Schrauben M6", "Dübel 8 mm"]


def test_a_tax_exempt_invoice_has_a_zero_tax_and_an_open_balance_is_no_tax(
    settings: Settings, tmp_path: Path
) -> None:
    totals = [
        ("Rechnungssumme ohne USt.", "125,00"),
        ("Steuerbetrag", "0,00"),
        ("Bruttosumme", "125,00"),
        ("Offene Zahlungen", "125,00"),
        ("Zahlbetrag", "250,00"),
    ]
    fields = extract(settings, german_invoice(tmp_path / "r.pdf", totals))["fields"]
    # 250 = 125 + 125 adds up, but no tax is as large as its base
    assert (fields["subtotal"], fields["tax"], fields["total"]) == ("125.00", "0.00", "125.00")


def test_totals_printed_as_a_tax_table_and_items_read_by_their_arithmetic(
    settings: Settings, tmp_path: Path
) -> None:
    # headers left-aligned over right-aligned numbers, two headers run into one cell
    rows: list[tuple[float, Sequence[Cell]]] = [
        (45, [(447, "INVOICE 2024-0077")]),
        (63, [(489, "Apr 01, 2024")]),
        (134, [(38, "From:"), (300, "To:")]),
        (150, [(38, "Harbor Supplies Ltd"), (300, "Mary King")]),
        (166, [(38, "12 Dock Street"), (300, "4 Elm Road")]),
        (274, [(37, "Item:"), (266, "Price:"), (331, "Qty: Subtotal: VAT:"), (494, "Total:")]),
        (
            292,
            [(37, "Coffee mug"), (325, "8.00", "r"), (360, "3", "r"), (430, "24.00", "r")]
            + [(490, "21.00", "r"), (560, "29.04", "r")],
        ),
        (
            310,
            [(37, "Paper tray"), (325, "19.00", "r"), (360, "4", "r"), (430, "76.00", "r")]
            + [(490, "21.00", "r"), (560, "91.96", "r")],
        ),
        (
            342,
            [(37, "TAX:"), (111, "% Base amount:"), (255, "Tax amount:"), (386, "Total:")]
            + [(516, "Curr.:")],
        ),
        (
            360,
            [(57, "VAT 21.00"), (245, "100.00", "r"), (376, "21.00", "r")]
            + [(507, "121.00 EUR", "r")],
        ),
        (378, [(245, "100.00", "r"), (376, "21.00", "r"), (507, "121.00 EUR", "r")]),
    ]
    fields = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]
    assert (fields["subtotal"], fields["tax"], fields["total"]) == ("100.00", "21.00", "121.00")
    assert items(fields) == [("3", "8.00", "24.00"), ("4", "19.00", "76.00")]
    assert (fields["vendor"], fields["buyer"]) == ("Harbor Supplies Ltd", "Mary King")


def test_french_labels_are_never_values(settings: Settings, tmp_path: Path) -> None:
    rows: list[tuple[float, Sequence[Cell]]] = [
        (40, [(57, "Atelier Durand SARL")]),
        (55, [(57, "8, impasse du Fournisseur, Bâtiment du Fournisseur")]),
        (70, [(57, "45000 Orléans")]),
        (100, [(380, "FACTURE N° F-2026-031")]),
        (115, [(380, "Date : 02/09/2026")]),
        (150, [(57, "Destinataire de la facture :")]),
        (180, [(57, "Adresse du client")]),
        (195, [(57, "Mairie de Blois")]),
        (210, [(57, "2 place de la Mairie")]),
        (250, [(57, "Désignation"), (410, "Qté"), (489, "Montant HT")]),
        (268, [(57, "Entretien chaudière"), (425, "1.00", "r"), (540, "2400.00 €", "r")]),
        (283, [(57, "Déplacement technicien"), (425, "3.00", "r"), (540, "135.00 €", "r")]),
        (315, [(414, "Total HT"), (540, "2535.00 €", "r")]),
        (330, [(434, "TVA"), (540, "507.00 €", "r")]),
        (345, [(407, "Total TTC"), (540, "3042.00 €", "r")]),
    ]
    fields = extract(settings, draw(tmp_path / "f.pdf", rows))["fields"]
    # "Fournisseur" inside an address line is no seller label
    assert fields["vendor"] == "Atelier Durand SARL"
    # "de la facture :" is the rest of a label; the client's block is headed last
    assert fields["buyer"] == "Mairie de Blois"
    # no price column: each price is the amount over the quantity
    assert items(fields) == [("1", "2400.00", "2400.00"), ("3", "45.00", "135.00")]
    assert (fields["subtotal"], fields["tax"], fields["total"]) == ("2535.00", "507.00", "3042.00")


def test_an_items_numbers_are_assigned_by_their_arithmetic() -> None:
    # the columns read a price as the quantity: the row's numbers say which is which
    item: dict[str, Any] = {"quantity": "8", "unit_price": None, "amount": "24.00"}
    numbers = [(305.0, Decimal("8.00")), (355.0, Decimal("3")), (403.0, Decimal("24.00"))]
    assert check_item(item, numbers, has_price_column=True)
    assert (item["quantity"], item["unit_price"], item["amount"]) == ("3", "8.00", "24.00")
    # of two readings that both add up, the one the header's columns gave is kept
    item = {"quantity": "6", "unit_price": "10.00", "amount": None}
    numbers = [(574.0, Decimal("6")), (622.0, Decimal("10.00")), (850.0, Decimal("60.00"))]
    assert check_item(item, numbers, has_price_column=True)
    assert (item["quantity"], item["unit_price"], item["amount"]) == ("6", "10.00", "60.00")
    # nothing adds up and there is a price column: nothing is invented
    item = {"quantity": "3", "unit_price": None, "amount": "100.00"}
    numbers = [(1.0, Decimal("3")), (2.0, Decimal("100.00"))]
    assert not check_item(item, numbers, has_price_column=True)
    assert item["unit_price"] is None


def test_a_due_date_stated_in_the_payment_terms_and_a_french_order_reference(
    settings: Settings, tmp_path: Path
) -> None:
    rows: list[tuple[float, Sequence[Cell]]] = [
        (40, [(57, "Atelier Durand SARL")]),
        (100, [(380, "FACTURE N° F-2026-032")]),
        (115, [(380, "Date : 02/09/2026")]),
        (130, [(380, "N° BON DE COMMANDE : BC-7781")]),
        (250, [(57, "Désignation"), (410, "Qté"), (489, "Montant HT")]),
        (268, [(57, "Entretien chaudière"), (425, "1.00", "r"), (540, "200.00 €", "r")]),
        (300, [(414, "Total HT"), (540, "200.00 €", "r")]),
        (315, [(434, "TVA"), (540, "40.00 €", "r")]),
        (330, [(407, "Total TTC"), (540, "240.00 €", "r")]),
        (370, [(57, "Facture à régler avant le 02/10/2026, escompte 2 % avant")]),
        (382, [(57, "le 12/09/2026.")]),
    ]
    fields = extract(settings, draw(tmp_path / "f.pdf", rows))["fields"]
    assert fields["due_date"] == "2026-10-02"  # the first date the terms give, not the discount's
    assert fields["po_number"] == "BC-7781"


def test_an_invoice_that_charges_no_tax_says_so(settings: Settings, tmp_path: Path) -> None:
    rows: list[tuple[float, Sequence[Cell]]] = [
        (40, [(57, "Grafikbüro Lenz"), (430, "Lenz Design GmbH")]),
        (100, [(57, "Rechnung")]),
        (130, [(57, "Belegnummer"), (172, "R-2025-019"), (288, "Belegdatum"), (429, "18.02.2025")]),
        (180, [(57, "Pos."), (85, "Menge"), (255, "Bezeichnung"), (429, "EP"), (485, "GP")]),
        (
            195,
            [(57, "1"), (95, "2,00", "r"), (255, "Logoentwurf"), (460, "45,00", "r")]
            + [(510, "90,00", "r")],
        ),
        (220, [(57, "Rechnungssumme"), (510, "90,00", "r")]),
        (250, [(57, "Im ausgewiesenen Rechnungsbetrag ist gemäß § 19 UStG keine Umsatzsteuer")]),
        (262, [(57, "enthalten. Die Rechnung ist zahlbar zum 25.02.2025 rein netto.")]),
    ]
    fields = extract(settings, draw(tmp_path / "k.pdf", rows))["fields"]
    assert (fields["subtotal"], fields["tax"], fields["total"]) == ("90.00", "0.00", "90.00")
    assert fields["due_date"] == "2025-02-25"
    # "EP" and "GP" head the unit price and the amount
    assert items(fields) == [("2", "45.00", "90.00")]


def test_an_english_totals_block_with_charges_and_a_total_without_tax(
    settings: Settings, tmp_path: Path
) -> None:
    rows: list[tuple[float, Sequence[Cell]]] = [
        (40, [(57, "PURCHASE ORDER:"), (200, "PO-2020-118")]),
        (60, [(57, "SELLER: Kestrel Components Ltd")]),
        (200, [(300, "Totals")]),
        (215, [(300, "Total Amount of lines:"), (540, "310.00", "r")]),
        (230, [(300, "Charges Amount:"), (540, "21.00", "r")]),
        (245, [(300, "Allowances Amount:"), (540, "31.00", "r")]),
        (260, [(300, "Total Amount Without VAT:"), (540, "300.00 GBP", "r")]),
        (275, [(300, "Total VAT Amount"), (540, "60.00", "r")]),
        (290, [(300, "Total Gross Amount"), (540, "360.00 GBP", "r")]),
    ]
    fields = extract(settings, draw(tmp_path / "o.pdf", rows))["fields"]
    assert (fields["subtotal"], fields["tax"], fields["total"]) == ("300.00", "60.00", "360.00")


def test_a_name_that_wraps_around_its_centred_label(settings: Settings, tmp_path: Path) -> None:
    rows: list[tuple[float, Sequence[Cell]]] = [
        (50, [(60, "Rechnung Nr. 2024-0816 vom 03.05.2024")]),
        (288, [(70, "Verkäufer")]),
        (302, [(70, "Nummer:"), (260, "549910")]),
        (316, [(260, "Ostholsteiner Gartenbau")]),
        (328, [(70, "Name:"), (260, "und Landschaftspflege GmbH")]),
        (358, [(70, "Anschrift:"), (260, "Am Deich 4")]),
        (376, [(260, "DE 23730 Neustadt")]),
        (450, [(213, "Rechnungssumme ohne USt."), (540, "100,00", "r")]),
        (480, [(213, "Steuerbetrag"), (540, "19,00", "r")]),
        (510, [(213, "Bruttosumme"), (540, "119,00", "r")]),
    ]
    fields = extract(settings, draw(tmp_path / "w.pdf", rows))["fields"]
    assert fields["vendor"] == "Ostholsteiner Gartenbau und Landschaftspflege GmbH"


@pytest.mark.parametrize(
    ("title", "net", "tax", "total"),
    [
        ("Fattura n. 2024/17", "Totale imponibile", "Totale IVA 22%", "Totale documento"),
        ("Fatura n.º 2024/17", "Total sem IVA", "IVA 22%", "Total a pagar"),
        ("Factuur nr. 2024/17", "Totaal excl. btw", "Btw 22%", "Totaal"),
        ("Factura n.º 2024/17", "Total sin IVA", "IVA 22%", "Total factura"),
    ],
)
def test_a_net_total_is_the_subtotal_in_every_language(
    settings: Settings, tmp_path: Path, title: str, net: str, tax: str, total: str
) -> None:
    rows: list[tuple[float, Sequence[Cell]]] = [
        (50, [(60, title)]),
        (300, [(330, net), (540, "100,00 €", "r")]),
        (315, [(330, tax), (540, "22,00 €", "r")]),
        (330, [(330, total), (540, "122,00 €", "r")]),
    ]
    fields = extract(settings, draw(tmp_path / "t.pdf", rows))["fields"]
    assert (fields["subtotal"], fields["tax"], fields["total"]) == ("100.00", "22.00", "122.00")
    # without its gross line, the page's net total is still no total
    fields = extract(settings, draw(tmp_path / "n.pdf", rows[:-1]))["fields"]
    assert (fields["subtotal"], fields["tax"]) == ("100.00", "22.00")
    assert "total" not in fields


def test_the_addressees_window_is_the_buyer_not_the_issuer(
    settings: Settings, tmp_path: Path
) -> None:
    # the issuer's name is only in its logo: its block gives an address and contacts
    rows: list[tuple[float, Sequence[Cell]]] = [
        (55, [(453, "FACTURE")]),
        (80, [(472, "N° 2026-0412")]),
        (96, [(470, "Date : 15/05/2026")]),
        (121, [(43, "38 rue Carnot")]),
        (131, [(43, "75013 PARIS")]),
        (141, [(43, "+33 (0)1 02 03 04 05")]),
        (151, [(43, "www.atelier-lumiere.fr")]),
        (159, [(383, "BOULANGERIE MARTIN")]),
        (170, [(383, "4 AVENUE FOCH")]),
        (181, [(383, "69002 LYON")]),
        (300, [(340, "Total HT"), (540, "100,00 €", "r")]),
        (315, [(340, "TVA 20%"), (540, "20,00 €", "r")]),
        (330, [(340, "Total TTC"), (540, "120,00 €", "r")]),
    ]
    fields = extract(settings, draw(tmp_path / "f.pdf", rows))["fields"]
    assert fields["buyer"] == "BOULANGERIE MARTIN"
    assert "vendor" not in fields  # no name of its own is printed: none is made up


def test_a_form_with_aligned_colons_and_a_pay_to_block(settings: Settings, tmp_path: Path) -> None:
    rows: list[tuple[float, Sequence[Cell]]] = [
        (60, [(50, "Handelsrechnung Nr. KR-2024-88 vom 06.10.2024")]),
        (300, [(50, "Käufer/Leistungsempfänger:")]),
        (311, [(50, "Nummer"), (134, ": 204711")]),
        (322, [(50, "Globale Nummer: 4012345000009 (GTIN)")]),
        (333, [(50, "ELBTAL HANDEL GMBH")]),
        (344, [(50, "KUNDENWEG 88")]),
        (355, [(50, "DE 01067 DRESDEN")]),
        (420, [(50, "Pay to:"), (120, "Nordlicht Energie GmbH, IBAN DE02120300000000202051")]),
        (450, [(213, "Rechnungssumme ohne USt."), (540, "100,00", "r")]),
        (480, [(213, "Steuerbetrag"), (540, "19,00", "r")]),
        (510, [(213, "Bruttosumme"), (540, "119,00", "r")]),
    ]
    fields = extract(settings, draw(tmp_path / "k.pdf", rows))["fields"]
    assert fields["invoice_number"] == "KR-2024-88"
    assert fields["buyer"] == "ELBTAL HANDEL GMBH"  # "Nummer" is a label: its colon is aligned


def test_line_arithmetic_survives_numbers_no_item_prints() -> None:
    """A price beyond any precision, and a row that is a grid of figures: no error, and
    no item made up from them."""
    huge = {"quantity": "3", "unit_price": None, "amount": "1e60"}
    assert check_item(huge, [], has_price_column=False) is False
    assert huge["unit_price"] is None
    grid = [(float(x), Decimal(7 + x)) for x in range(500)]
    row = {"quantity": None, "unit_price": None, "amount": None}
    assert check_item(row, grid, has_price_column=True) is False
