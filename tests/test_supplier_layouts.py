"""Made-up supplier layouts of kinds the other layout tests do not draw: a DIN 5008 letter
whose return address runs over the addressee's window, totals that charge several tax
rates, boxed headers whose values sit under their labels, the customer's order reference
on an invoice. Every document is drawn at test time with invented companies."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from intake.settings import Settings
from tests.test_extraction import extract
from tests.test_layouts import Cell, draw, items

Rows = list[tuple[float, Sequence[Cell]]]


def din5008_letter(path: Path) -> Path:
    """A German window-envelope invoice: the sender's return address on one line over the
    window, the addressee unlabelled below it, the references in a block to the right, two
    VAT rates in the totals and the seller's registration in the footer."""
    rows: Rows = [
        (40, [(330, "Holzmann Bürotechnik GmbH")]),
        (52, [(330, "Lindenallee 14, 50667 Köln")]),
        (100, [(60, "Holzmann Bürotechnik GmbH · Lindenallee 14 · 50667 Köln")]),
        (120, [(60, "Fahrradwerk Sommer KG"), (380, "Rechnungs-Nr.:"), (470, "RE-77120")]),
        (132, [(60, "Einkauf, Frau Peters"), (380, "Kunden-Nr.:"), (470, "10455")]),
        (144, [(60, "Gartenstraße 9"), (380, "Datum:"), (470, "12.03.2024")]),
        (156, [(60, "34117 Kassel")]),
        (210, [(60, "Rechnung")]),
        (
            240,
            [(60, "Pos."), (90, "Art.-Nr."), (150, "Bezeichnung"), (330, "Menge")]
            + [(370, "Einheit"), (450, "Einzelpreis", "r"), (535, "Gesamt", "r")],
        ),
        (
            258,
            [(60, "1"), (90, "HB-100"), (150, "Aktenvernichter S5"), (350, "2", "r")]
            + [(370, "Stk"), (450, "149,00", "r"), (535, "298,00", "r")],
        ),
        (270, [(150, "mit Partikelschnitt")]),
        (
            286,
            [(60, "2"), (90, "HB-220"), (150, "Druckerpapier A4"), (350, "10", "r")]
            + [(370, "Pck"), (450, "4,50", "r"), (535, "45,00", "r")],
        ),
        (
            302,
            [(60, "3"), (90, "HB-900"), (150, "Fachbuch Büroorganisation"), (350, "1", "r")]
            + [(370, "Stk"), (450, "30,00", "r"), (535, "30,00", "r")],
        ),
        (340, [(330, "Nettobetrag"), (535, "373,00", "r")]),
        (352, [(330, "zzgl. 19 % USt. auf 343,00"), (535, "65,17", "r")]),
        (364, [(330, "zzgl. 7 % USt. auf 30,00"), (535, "2,10", "r")]),
        (378, [(330, "Rechnungsbetrag"), (535, "440,27 EUR", "r")]),
        (780, [(60, "Holzmann Bürotechnik GmbH · HRB 12345 · USt-IdNr. DE123456789")]),
    ]
    return draw(path, rows)


def test_the_addressee_under_a_return_address_line_is_the_buyer(
    settings: Settings, tmp_path: Path
) -> None:
    fields = extract(settings, din5008_letter(tmp_path / "d.pdf"))["fields"]
    assert fields["buyer"] == "Fahrradwerk Sommer KG"
    assert fields["vendor"] == "Holzmann Bürotechnik GmbH"
    assert fields["invoice_number"] == "RE-77120"


def test_several_tax_rates_add_up_to_the_tax(settings: Settings, tmp_path: Path) -> None:
    fields = extract(settings, din5008_letter(tmp_path / "d.pdf"))["fields"]
    assert (fields["subtotal"], fields["tax"], fields["total"]) == ("373.00", "67.27", "440.27")
    assert items(fields) == [
        ("2", "149.00", "298.00"),
        ("10", "4.50", "45.00"),
        ("1", "30.00", "30.00"),
    ]


def test_a_column_headed_like_the_net_total_is_not_the_subtotal(
    settings: Settings, tmp_path: Path
) -> None:
    # the items' column is headed "Total HT", as is the totals block's net sum; two rates
    rows: Rows = [
        (50, [(60, "ATELIER DES CÈDRES SARL")]),
        (62, [(60, "12 rue des Tanneurs")]),
        (74, [(60, "31000 Toulouse")]),
        (130, [(340, "Client")]),
        (142, [(340, "Librairie du Port SAS")]),
        (154, [(340, "3 quai Vauban")]),
        (200, [(60, "FACTURE N° FA-2024-0193")]),
        (214, [(60, "Date : 05/02/2024")]),
        (
            260,
            [(60, "Réf."), (120, "Désignation"), (340, "Qté", "r"), (420, "PU HT", "r")]
            + [(470, "TVA", "r"), (535, "Total HT", "r")],
        ),
        (
            276,
            [(60, "CD-01"), (120, "Étagère chêne 80 cm"), (340, "3", "r"), (420, "120,00", "r")]
            + [(470, "20 %", "r"), (535, "360,00", "r")],
        ),
        (
            290,
            [(60, "CD-07"), (120, "Livres jeunesse"), (340, "2", "r"), (420, "50,00", "r")]
            + [(470, "5,5 %", "r"), (535, "100,00", "r")],
        ),
        (330, [(360, "Total HT"), (535, "460,00 €", "r")]),
        (342, [(360, "TVA 20 %"), (535, "72,00 €", "r")]),
        (354, [(360, "TVA 5,5 %"), (535, "5,50 €", "r")]),
        (366, [(360, "Total TTC"), (535, "537,50 €", "r")]),
    ]
    fields = extract(settings, draw(tmp_path / "f.pdf", rows))["fields"]
    assert (fields["subtotal"], fields["tax"], fields["total"]) == ("460.00", "77.50", "537.50")
    assert fields["buyer"] == "Librairie du Port SAS"


def test_an_invoice_with_its_customers_po_and_a_po_box_is_an_invoice(
    settings: Settings, tmp_path: Path
) -> None:
    # boxed headers, each value under its label; the customer's order number and a
    # "PO Box" are no evidence of a purchase order
    rows: Rows = [
        (50, [(60, "Harbor Marine Parts Inc."), (420, "INVOICE NO.")]),
        (62, [(60, "1200 Dock Road, Norfolk, VA 23510"), (420, "HM-40021")]),
        (80, [(420, "DATE")]),
        (92, [(420, "June 3, 2024")]),
        (130, [(60, "SOLD TO:"), (320, "SHIP TO:")]),
        (142, [(60, "Bayside Yacht Club"), (320, "Bayside Yacht Club")]),
        (154, [(60, "PO Box 77"), (320, "Pier 4")]),
        (166, [(60, "Hampton, VA 23669"), (320, "Hampton, VA 23669")]),
        (200, [(60, "CUST. PO #"), (200, "TERMS"), (320, "SALES REP")]),
        (212, [(60, "BYC-9003"), (200, "Net 30"), (320, "J. Ortiz")]),
        (
            250,
            [(60, "QTY"), (110, "PART NO."), (200, "DESCRIPTION")]
            + [(460, "UNIT PRICE", "r"), (535, "TOTAL", "r")],
        ),
        (
            266,
            [(60, "4"), (110, "BL-225"), (200, "Bilge pump 12V")]
            + [(460, "89.95", "r"), (535, "359.80", "r")],
        ),
        (320, [(400, "SUBTOTAL"), (535, "359.80", "r")]),
        (332, [(400, "TAX 5.3%"), (535, "19.07", "r")]),
        (344, [(400, "TOTAL DUE"), (535, "378.87", "r")]),
    ]
    result = extract(settings, draw(tmp_path / "u.pdf", rows))
    assert result["doc_type"] == "invoice"
    fields = result["fields"]
    assert (fields["invoice_number"], fields["po_number"]) == ("HM-40021", "BYC-9003")
    assert fields["buyer"] == "Bayside Yacht Club"


def test_a_portuguese_invoice_addressed_by_its_form_of_address(
    settings: Settings, tmp_path: Path
) -> None:
    rows: Rows = [
        (50, [(60, "Gráfica Atlântico, Lda.")]),
        (62, [(60, "Rua do Ouro 120, 1100-063 Lisboa")]),
        (74, [(60, "NIF PT501234567 · geral@grafica-atlantico.pt")]),
        (120, [(330, "Exmo.(s) Sr.(s)")]),
        (132, [(330, "Escola Vale Verde, Lda.")]),
        (144, [(330, "Av. da Liberdade 5")]),
        (200, [(60, "FATURA N.º FT 2024/318")]),
        (214, [(60, "Data de emissão: 11-07-2024")]),
        (226, [(60, "Sua encomenda: ENC-7781")]),
        (
            260,
            [(60, "Código"), (120, "Descrição"), (340, "Qtd.", "r"), (420, "Preço unit.", "r")]
            + [(470, "IVA", "r"), (535, "Valor", "r")],
        ),
        (
            276,
            [(60, "P-10"), (120, "Cartazes A2"), (340, "50", "r"), (420, "2,40", "r")]
            + [(470, "23%", "r"), (535, "120,00", "r")],
        ),
        (
            290,
            [(60, "L-02"), (120, "Manuais escolares"), (340, "20", "r"), (420, "12,50", "r")]
            + [(470, "6%", "r"), (535, "250,00", "r")],
        ),
        (330, [(360, "Total ilíquido"), (535, "370,00 €", "r")]),
        (342, [(360, "IVA 23%"), (535, "27,60 €", "r")]),
        (354, [(360, "IVA 6%"), (535, "15,00 €", "r")]),
        (366, [(360, "Total a pagar"), (535, "412,60 €", "r")]),
    ]
    fields = extract(settings, draw(tmp_path / "p.pdf", rows))["fields"]
    assert fields["buyer"] == "Escola Vale Verde, Lda."
    assert (fields["invoice_number"], fields["po_number"]) == ("FT 2024/318", "ENC-7781")
    assert (fields["subtotal"], fields["tax"], fields["total"]) == ("370.00", "42.60", "412.60")
    assert items(fields) == [("50", "2.40", "120.00"), ("20", "12.50", "250.00")]


def test_abbreviated_column_headers_in_italian_and_dutch(
    settings: Settings, tmp_path: Path
) -> None:
    italian: Rows = [
        (50, [(60, "Studio Grafico Lumen S.n.c.")]),
        (110, [(60, "FATTURA N. 57/A"), (330, "Destinatario")]),
        (122, [(60, "Data: 03/10/2024"), (330, "Pasticceria Dolce Vita S.r.l.")]),
        (
            190,
            [(60, "Cod."), (110, "Descrizione"), (340, "Q.tà", "r"), (420, "Prezzo", "r")]
            + [(535, "Importo", "r")],
        ),
        (
            206,
            [(60, "LG1"), (110, "Logo e immagine coordinata"), (340, "1", "r")]
            + [(420, "900,00", "r"), (535, "900,00", "r")],
        ),
        (
            220,
            [(60, "BV2"), (110, "Biglietti da visita"), (340, "500", "r"), (420, "0,12", "r")]
            + [(535, "60,00", "r")],
        ),
        (260, [(380, "Imponibile"), (535, "960,00", "r")]),
        (272, [(380, "IVA 22%"), (535, "211,20", "r")]),
        (284, [(380, "Totale"), (535, "1.171,20", "r")]),
    ]
    fields = extract(settings, draw(tmp_path / "i.pdf", italian))["fields"]
    assert items(fields) == [("1", "900.00", "900.00"), ("500", "0.12", "60.00")]
    assert fields["line_items"][0]["code"] == "LG1"
    dutch: Rows = [
        (60, [(60, "Rijwiel Groothandel B.V."), (400, "FACTUUR")]),
        (120, [(380, "Factuurnr.:"), (460, "F24-0917")]),
        (
            210,
            [(60, "Art.nr."), (120, "Omschrijving"), (340, "Aantal", "r")]
            + [(430, "Stukprijs", "r"), (535, "Totaal", "r")],
        ),
        (
            226,
            [(60, "FB-33"), (120, "Fietsband 28 inch"), (340, "8", "r"), (430, "14,95", "r")]
            + [(535, "119,60", "r")],
        ),
        (
            240,
            [(60, "VL-02"), (120, "Ventielen (doos)"), (340, "2", "r"), (430, "9,20", "r")]
            + [(535, "18,40", "r")],
        ),
        (280, [(380, "Totaal excl. BTW"), (535, "138,00", "r")]),
        (292, [(380, "BTW 21%"), (535, "28,98", "r")]),
        (304, [(380, "Totaal incl. BTW"), (535, "€ 166,98", "r")]),
    ]
    fields = extract(settings, draw(tmp_path / "n.pdf", dutch))["fields"]
    assert items(fields) == [("8", "14.95", "119.60"), ("2", "9.20", "18.40")]
    assert [i["code"] for i in fields["line_items"]] == ["FB-33", "VL-02"]


def test_a_po_number_written_p_slash_o(settings: Settings, tmp_path: Path) -> None:
    rows: Rows = [
        (50, [(60, "Summit Lab Instruments Inc.")]),
        (110, [(60, "Customer:"), (140, "Alpine Water Testing LLC")]),
        (122, [(60, "Customer No.:"), (140, "C-20931")]),
        (110, [(360, "Invoice Number:"), (460, "SLI-88310")]),
        (134, [(360, "P/O No.:"), (460, "AWT-1142")]),
        (250, [(380, "Total"), (535, "$1,376.00", "r")]),
    ]
    fields = extract(settings, draw(tmp_path / "p.pdf", rows))["fields"]
    assert (fields["po_number"], fields["buyer"]) == ("AWT-1142", "Alpine Water Testing LLC")


def test_items_with_indented_properties_a_free_row_and_a_tax_breakdown(
    settings: Settings, tmp_path: Path
) -> None:
    # each item's properties are set in under its description, further apart than its
    # rows; the second row charges nothing for a thing it lists (an item, as an e-invoice
    # lists it); the tax breakdown under the table holds no items
    rows: Rows = [
        (50, [(60, "Rechnung Nr. ST-2024-19 vom 02.02.2024")]),
        (90, [(60, "Verkäufer: Stadtwerke Talheim GmbH")]),
        (
            140,
            [(60, "Pos"), (120, "Beschreibung"), (300, "Nettopreis"), (370, "Menge")]
            + [(420, "USt."), (535, "Nettobetrag", "r")],
        ),
        (
            160,
            [(60, "1"), (120, "Wärmelieferung"), (330, "0,0850", "r"), (400, "8000", "r")]
            + [(420, "19 %"), (535, "680,00", "r")],
        ),
        (172, [(80, "WL-01"), (120, "Grundversorgung")]),
        (205, [(120, "Weitere Eigenschaften:")]),
        (235, [(120, "Zählpunkt: DE000111222333")]),
        (
            270,
            [(60, "2"), (120, "Zählermiete"), (330, "0,0000", "r"), (400, "1", "r")]
            + [(420, "19 %"), (535, "0,00", "r")],
        ),
        (
            300,
            [(60, "3"), (120, "Messdienstleistung"), (330, "40,0000", "r"), (400, "1", "r")]
            + [(420, "19 %"), (535, "40,00", "r")],
        ),
        (360, [(60, "Umsatzsteueraufschlüsselung")]),
        (380, [(60, "Basisbetrag"), (300, "Steuersatz"), (535, "Steuerbetrag", "r")]),
        (395, [(60, "720,00"), (300, "19"), (535, "136,80", "r")]),
        (430, [(300, "Rechnungssumme ohne USt."), (535, "720,00", "r")]),
        (445, [(300, "Steuerbetrag"), (535, "136,80", "r")]),
        (460, [(300, "Bruttosumme"), (535, "856,80", "r")]),
    ]
    fields = extract(settings, draw(tmp_path / "w.pdf", rows))["fields"]
    assert items(fields) == [
        ("8000", "0.0850", "680.00"),
        ("1", "0.00", "0.00"),
        ("1", "40.00", "40.00"),
    ]
    assert (fields["subtotal"], fields["tax"], fields["total"]) == ("720.00", "136.80", "856.80")


def test_a_window_under_a_return_address_without_a_postcode_of_digits(
    settings: Settings, tmp_path: Path
) -> None:
    # a British return address over the window; the customer's VAT id is labelled with the
    # customer's label word, and a sentence under the title is no address
    rows: Rows = [
        (150, [(71, "Lumen Optics Ltd. · 12 Quarry Lane · LS2 7EW Leeds")]),
        (166, [(71, "Brightline Systems Corp."), (340, "Rechnungsnummer:"), (468, "LO-2024-311")]),
        (181, [(71, "Dana Whitfield"), (340, "Rechnungsdatum:"), (468, "03.04.2024")]),
        (196, [(71, "88 Harbour Street"), (340, "USt-IdNr. Kunde:"), (468, "GB-998877665")]),
        (211, [(71, "10001 New York")]),
        (317, [(71, "Rechnung")]),
        (337, [(71, "Diese Rechnung ersetzt die Rechnung LO-2024-00290 vom 1. März 2024")]),
        (390, [(71, "Gesamtbetrag Netto"), (539, "100,00 €", "r")]),
        (405, [(71, "Umsatzsteuer (19 %)"), (539, "19,00 €", "r")]),
        (420, [(71, "Gesamtbetrag Brutto"), (539, "119,00 €", "r")]),
    ]
    fields = extract(settings, draw(tmp_path / "w.pdf", rows))["fields"]
    assert fields["buyer"] == "Brightline Systems Corp."


def test_label_words_after_the_customer_label_and_a_delivery_address_label(
    settings: Settings, tmp_path: Path
) -> None:
    english: Rows = [
        (
            48,
            [(40, "Lindqvist Fasteners GmbH & Co. KG"), (307, "Invoice number:"), (485, "778812")],
        ),
        (151, [(40, "Customer name / company")]),
        (168, [(40, "Oakridge Hardware Inc.")]),
        (178, [(40, "12 Mill Road, 40789 Oakridge")]),
        (400, [(301, "Total amount (gross):"), (513, "119,00 €", "r")]),
    ]
    fields = extract(settings, draw(tmp_path / "e.pdf", english))["fields"]
    assert fields["buyer"] == "Oakridge Hardware Inc."
    french: Rows = [
        (32, [(111, "Les Ateliers du Lac SARL - 4 chemin du Port - 74000 Annecy")]),
        (94, [(31, "Facture FA-2024-0077")]),
        (124, [(37, "Adresse de livraison")]),
        (141, [(37, "Fromagerie des Alpes")]),
        (147, [(326, "Jeanne Morel")]),
        (153, [(37, "9 place du Marché")]),
        (165, [(37, "73000 Chambéry")]),
        (308, [(34, "N° TVA client"), (155, "FR19787878784")]),
        (420, [(442, "Total TTC"), (562, "120,00 €", "r")]),
    ]
    fields = extract(settings, draw(tmp_path / "f.pdf", french))["fields"]
    assert fields["buyer"] == "Fromagerie des Alpes"


def test_section_headings_and_section_sums_are_no_items(settings: Settings, tmp_path: Path) -> None:
    rows: Rows = [
        (50, [(60, "Kestrel Events Ltd")]),
        (90, [(400, "INVOICE")]),
        (105, [(400, "Invoice No: KE-3310")]),
        (200, [(60, "Description"), (330, "Qty", "r"), (430, "Price", "r"), (535, "Amount", "r")]),
        (214, [(60, "Venue")]),
        (228, [(60, "Hall rental"), (330, "1", "r"), (430, "800.00", "r"), (535, "800.00", "r")]),
        (242, [(60, "Cleaning"), (330, "1", "r"), (430, "120.00", "r"), (535, "120.00", "r")]),
        (256, [(300, "Section total"), (535, "920.00", "r")]),
        (272, [(60, "Catering")]),
        (286, [(60, "Buffet per person"), (330, "50", "r"), (430, "18.00", "r")]),
        (286, [(535, "900.00", "r")]),
        (300, [(300, "Section total"), (535, "900.00", "r")]),
        (340, [(380, "Subtotal"), (535, "1,820.00", "r")]),
        (352, [(380, "VAT 20%"), (535, "364.00", "r")]),
        (364, [(380, "Total"), (535, "2,184.00", "r")]),
    ]
    fields = extract(settings, draw(tmp_path / "s.pdf", rows))["fields"]
    assert items(fields) == [
        ("1", "800.00", "800.00"),
        ("1", "120.00", "120.00"),
        ("50", "18.00", "900.00"),
    ]
    assert [i["description"] for i in fields["line_items"]] == [
        "Hall rental",
        "Cleaning",
        "Buffet per person",
    ]


def test_a_reference_number_beside_an_item_is_no_item(settings: Settings, tmp_path: Path) -> None:
    # each item's reference (the buyer's line number) is printed on a row of its own over
    # the item's numbers, under the quantity's header; an item says what it costs, those
    # rows do not
    rows: Rows = [
        (50, [(60, "Ostwind Bauteile GmbH")]),
        (90, [(60, "Rechnung Nr. OB-5521")]),
        (
            140,
            [(60, "Pos"), (100, "Artikel"), (330, "Menge", "r"), (430, "Preis", "r")]
            + [(535, "Betrag", "r")],
        ),
        (156, [(100, "Ihre Zeile:"), (330, "4711", "r")]),
        (
            168,
            [(60, "1"), (100, "Dichtring 40 mm"), (330, "20", "r"), (430, "1,50", "r")]
            + [(535, "30,00", "r")],
        ),
        (184, [(100, "Ihre Zeile:"), (330, "4712", "r")]),
        (
            196,
            [
                (60, "2"),
                (100, "Flansch DN50"),
                (330, "2", "r"),
                (430, "35,00", "r"),
                (535, "70,00", "r"),
            ],
        ),
        (240, [(380, "Nettobetrag"), (535, "100,00", "r")]),
        (252, [(380, "MwSt. 19 %"), (535, "19,00", "r")]),
        (264, [(380, "Gesamtbetrag"), (535, "119,00", "r")]),
    ]
    fields = extract(settings, draw(tmp_path / "r.pdf", rows))["fields"]
    assert items(fields) == [("20", "1.50", "30.00"), ("2", "35.00", "70.00")]


def test_a_header_stacked_on_tight_lines(settings: Settings, tmp_path: Path) -> None:
    # each column's header words are stacked over two or three lines closer together
    # than the rows; a gross price column stays empty and a net price one is printed; the
    # quantity a price is given for comes before the quantity ordered
    rows: Rows = [
        (50, [(40, "Brightwell Components Ltd")]),
        (66, [(40, "ORDER CONFIRMATION"), (400, "Confirmation No."), (500, "OC-88120")]),
        (103, [(60, "Item"), (380, "Per"), (440, "Net"), (500, "Ordered")]),
        (110, [(40, "#"), (60, "Description"), (300, "Gross Price"), (380, "Qty")]),
        (110, [(440, "Price"), (500, "Qty"), (560, "Line")]),
        (117, [(560, "Total")]),
        (140, [(40, "1"), (60, "Hex bolt M8 x 40")]),
        (152, [(394, "1,00", "r"), (464, "12,00", "r"), (520, "5,00", "r"), (600, "60,00", "r")]),
        (170, [(40, "2"), (60, "Washer 8 mm")]),
        (182, [(394, "1,00", "r"), (464, "0,50", "r"), (520, "40,00", "r"), (600, "20,00", "r")]),
        (230, [(450, "Total"), (600, "80,00", "r")]),
    ]
    fields = extract(settings, draw(tmp_path / "o.pdf", rows))["fields"]
    assert items(fields) == [("5", "12.00", "60.00"), ("40", "0.50", "20.00")]


def _two_rate_invoice(path: Path, labels: tuple[str, str, str, str, str]) -> Path:
    """An invoice of two lines charged at two rates, its totals block labelled ``labels``
    (sum before tax, first rate's tax, second rate's tax, amount due, and the title)."""
    net, low, high, due, title = labels
    rows: Rows = [
        (50, [(60, "Ferrant Lighting Works")]),
        (62, [(60, "8 Mill Lane, 4410 Riverton")]),
        (120, [(330, "Corvo Event Hall")]),
        (132, [(330, "22 Quay Street")]),
        (200, [(60, f"{title} 2024-118")]),
        (214, [(60, "12/03/2024")]),
        (260, [(60, "Item"), (340, "Qty", "r"), (420, "Price", "r"), (535, "Amount", "r")]),
        (276, [(60, "Stage lamp"), (340, "3", "r"), (420, "120,00", "r"), (535, "360,00", "r")]),
        (290, [(60, "Catalogues"), (340, "2", "r"), (420, "50,00", "r"), (535, "100,00", "r")]),
        (330, [(360, net), (535, "460,00", "r")]),
        (342, [(360, low), (535, "5,00", "r")]),
        (354, [(360, high), (535, "66,00", "r")]),
        (366, [(360, due), (535, "531,00", "r")]),
    ]
    return draw(path, rows)


def test_the_tax_of_several_rates_is_their_sum_without_a_subtotal_label(
    settings: Settings, tmp_path: Path
) -> None:
    # the sum before tax under a label no pack knows: the total less both rates' taxes is
    # printed on the page, so their sum is the tax (not the first rate's alone)
    labels = ("Goods value", "VAT 5%", "VAT 22%", "Amount due", "Invoice")
    fields = extract(settings, _two_rate_invoice(tmp_path / "e.pdf", labels))["fields"]
    assert (fields["subtotal"], fields["tax"], fields["total"]) == ("460.00", "71.00", "531.00")


def test_italian_and_dutch_totals_words(settings: Settings, tmp_path: Path) -> None:
    # "Netto a pagare" is what is left to pay (the total); a Dutch "Netto" the sum before tax
    italian = ("Subtotale", "IVA 5%", "IVA 22%", "Netto a pagare", "Fattura")
    dutch = ("Netto", "btw 5%", "btw 22%", "Totaal incl. btw", "Factuur")
    for name, labels in (("it", italian), ("nl", dutch)):
        fields = extract(settings, _two_rate_invoice(tmp_path / f"{name}.pdf", labels))["fields"]
        assert (fields["subtotal"], fields["tax"], fields["total"]) == (
            "460.00",
            "71.00",
            "531.00",
        ), name
