"""Conventions of generic supplier layouts that the layout stress generator
(``make synth``) found misread on fresh seeds, each drawn here with invented companies:
a delivery address set close beside the addressee's, a title that carries its number in
heading type, the customer's order reference whose words end in a title word, a
sentence that ends in a label's words, an address block over the item table, a text
column under two headers."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from intake.extractors.extraction.analysis import reading_for
from intake.extractors.extraction.classify import type_scores
from intake.extractors.reading.text import read_text
from intake.record import Record
from intake.settings import Settings
from tests.test_extraction import extract
from tests.test_layouts import items

#: (x, text) or (x, text, size): a cell drawn in Helvetica, 9 points unless sized
Rows = list[tuple[float, Sequence[tuple[float, str] | tuple[float, str, float]]]]


def draw(
    path: Path, *pages: Rows, regular: str = "Helvetica", bold: str = "Helvetica-Bold"
) -> Path:
    """A4 pages: each row is (distance from the top, its cells); a cell of 14 points or
    more is drawn bold, as a heading. ``regular`` and ``bold`` name the fonts (registered
    ones for letters the PDF core fonts lack)."""
    canvas = Canvas(str(path), pagesize=A4)
    for rows in pages:
        for top, cells in rows:
            for cell in cells:
                size = cell[2] if len(cell) > 2 else 9.0
                canvas.setFont(bold if size >= 14 else regular, size)
                canvas.drawString(cell[0], A4[1] - top, cell[1])
        canvas.showPage()
    canvas.save()
    return path


TOTALS: Rows = [
    (400, [(330, "Base tributável"), (470, "1 000,00 EUR")]),
    (412, [(330, "IVA 23 %"), (470, "230,00 EUR")]),
    (424, [(330, "Total a pagar"), (470, "1 230,00 EUR")]),
]
ITEMS: Rows = [
    (330, [(50, "Pos."), (80, "Artigo"), (140, "Designação"), (320, "Qtd."), (370, "Preço")]),
    (330, [(470, "Total")]),
    (345, [(50, "10"), (80, "K7324"), (140, "Tubo de cobre"), (320, "4"), (370, "250,00")]),
    (345, [(470, "1000,00")]),
]


def drawn_fields(settings: Settings, folder: Path, *pages: Rows) -> dict[str, Any]:
    """The fields read from ``pages`` drawn into ``folder``, with the document's type."""
    result = extract(settings, draw(folder / "d.pdf", *pages))
    return {**result["fields"], "doc_type": result["doc_type"]}


def item_rows(fields: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Each line item as (description, quantity, unit price, amount)."""
    return [
        (i["description"], i["quantity"], i["unit_price"], i["amount"])
        for i in fields.get("line_items") or []
    ]


def test_a_delivery_address_set_close_beside_the_addressee(
    settings: Settings, tmp_path: Path
) -> None:
    # the contact line under the addressee's name ends 8 points left of the delivery
    # address's column, a little more than a space: read as one line of text, the two
    # blocks would be one cell and the addressee's block would end at its name
    rows: Rows = [
        (60, [(300, "Westerly Tools Lda.")]),
        (72, [(300, "Rua do Norte 12, 4000-123 Porto")]),
        (84, [(300, "Tel. +351 22 123 4567")]),
        (122, [(57, "Westerly Tools Lda. · Rua do Norte 12 · 4000-123 Porto", 7)]),
        (132, [(57, "Harbourline Trading Lda."), (197, "Local de entrega")]),
        (144, [(57, "A/C Sra. Ana Teixeira Gonçalves"), (197, "Harbourline Trading Lda.")]),
        (156, [(57, "Avenida da Liberdade 69"), (197, "Avenida da Liberdade 69")]),
        (168, [(57, "1250-096 Lisboa"), (197, "1250-096 Lisboa")]),
        (220, [(50, "FATURA FT-2024/118", 16)]),
        (250, [(50, "Data: 12/03/2024")]),
        *TOTALS,
    ]
    fields = extract(settings, draw(tmp_path / "f.pdf", rows))["fields"]
    assert fields["buyer"] == "Harbourline Trading Lda."
    assert fields["vendor"] == "Westerly Tools Lda."


def test_a_heading_title_with_its_number_is_the_title(settings: Settings, tmp_path: Path) -> None:
    # "Fatura Nº …" in heading type is the title with the document's number, however
    # long the number: it outweighs the purchase orders' drop folder it was put in
    rows: Rows = [
        (60, [(50, "Kestrel Software Lda. · Rua Berken 79 · 8158-880 Coimbra", 7)]),
        (80, [(50, "Cliente")]),
        (92, [(50, "Solanto Têxteis S.A.")]),
        (104, [(50, "Rua Linden 147")]),
        (116, [(50, "4312-671 Braga")]),
        (200, [(50, "Fatura Nº INV-24-54187", 17)]),
        (240, [(50, "Data"), (170, "Vencimento")]),
        (254, [(50, "23/03/2025"), (170, "07/05/2025")]),
        *TOTALS,
    ]
    folder = settings.watch_dir / "purchase_orders"
    folder.mkdir(parents=True, exist_ok=True)
    result = extract(settings, draw(folder / "f.pdf", rows))
    assert result["doc_type"] == "invoice"
    fields = result["fields"]
    assert (fields["invoice_number"], fields["due_date"]) == ("INV-24-54187", "2025-05-07")


def test_the_customers_order_reference_is_no_title(settings: Settings, tmp_path: Path) -> None:
    # "Ihre Bestellung" ends in a word that titles a purchase order, but its first word
    # makes it the customer's order; an invoice that prints no title is told by its
    # labels (its number, its due date)
    rows: Rows = [
        (60, [(50, "Brandt Werkzeuge GmbH · Hauptstraße 5 · 70173 Stuttgart", 7)]),
        (80, [(50, "Kunde Nord AG")]),
        (92, [(50, "Hafenweg 2")]),
        (104, [(50, "20457 Hamburg")]),
        (230, [(50, "Ihre Bestellung"), (170, "Fällig am"), (290, "Rechnungsnummer")]),
        (242, [(50, "4500-1877"), (170, "23.04.2025"), (290, "RE-24118")]),
        (400, [(330, "Nettobetrag"), (470, "1.000,00 EUR")]),
        (412, [(330, "USt. 19 %"), (470, "190,00 EUR")]),
        (424, [(330, "Rechnungsbetrag"), (470, "1.190,00 EUR")]),
    ]
    result = extract(settings, draw(tmp_path / "r.pdf", rows))
    assert result["doc_type"] == "invoice"
    assert result["fields"]["po_number"] == "4500-1877"


def test_a_sentence_ending_in_a_labels_words_labels_nothing(
    settings: Settings, tmp_path: Path
) -> None:
    # "Bedankt voor uw bestelling." thanks the customer for its order: the footer under
    # it (the seller's street and bank account) holds no order number
    rows: Rows = [
        (60, [(50, "Rosewall Tools B.V. · Lindenweg 132 · 8060 AB Utrecht", 7)]),
        (80, [(50, "Harbourline Trading GmbH")]),
        (92, [(50, "Lindenstraße 166")]),
        (104, [(50, "72364 Ulm")]),
        (200, [(50, "Factuur F14877", 16)]),
        (230, [(50, "Datum: 17-09-2024")]),
        (400, [(330, "Totaal excl. btw"), (470, "1.000,00 EUR")]),
        (412, [(330, "Btw 21 %"), (470, "210,00 EUR")]),
        (424, [(330, "Totaal incl. btw"), (470, "1.210,00 EUR")]),
        (700, [(50, "Bedankt voor uw bestelling.")]),
        (720, [(50, "Lindenweg 132"), (200, "IBAN NL91 ABNA 0417 1643 00")]),
        (732, [(50, "8060 AB Utrecht"), (200, "KvK 63800123")]),
    ]
    fields = extract(settings, draw(tmp_path / "f.pdf", rows))["fields"]
    assert fields["invoice_number"] == "F14877"
    assert "po_number" not in fields


def test_an_address_block_over_the_items_is_no_table_header(
    settings: Settings, tmp_path: Path
) -> None:
    # the addressee's block and the delivery address beside it, read as one band of
    # tight lines, hold a word a column header may use ("At." for a count) and a label
    # that heads a delivery date: their words are a name, a street and a town, not
    # column headers, and the heading's number under them is no item
    rows: Rows = [
        (60, [(300, "Westerly Packaging S.A.")]),
        (72, [(300, "Rua Roble 153, 2265-287 Coimbra")]),
        (84, [(300, "Contribuinte PT871223794")]),
        (132, [(57, "Cliente"), (232, "Local de entrega")]),
        (144, [(57, "At. Sra. Paula Herrera"), (232, "Harbourline Trading GmbH")]),
        (156, [(57, "Harbourline Trading GmbH"), (232, "55422 Bremen")]),
        (168, [(57, "Departamento de compras"), (232, "Am Berkenweg 39")]),
        (180, [(57, "Am Berkenweg 39")]),
        (192, [(57, "55422 Bremen")]),
        (230, [(50, "FATURA Nº F24/78641", 17)]),
        (260, [(50, "Pedido do cliente: BE-202456379")]),
        (272, [(50, "Data: 2025-03-11")]),
        *ITEMS,
        *TOTALS,
    ]
    fields = extract(settings, draw(tmp_path / "f.pdf", rows))["fields"]
    assert items(fields) == [("4", "250.00", "1000.00")]
    assert (fields["invoice_number"], fields["po_number"]) == ("F24/78641", "BE-202456379")


@pytest.mark.parametrize(
    "number",
    [
        "Invoice No. 4711",
        "Rechnung Nr. 4711",
        "Facture n° 4711",
        "Factura n.º 4711",
        "Fattura n. 4711",
        "Factuur nr. 4711",
        "Fatura Nº 4711",
    ],
)
def test_an_invoices_number_label_tells_an_invoice_in_every_language(
    tmp_path: Path, number: str
) -> None:
    # in body type, "Invoice No." is a label, not a title; but only an invoice labels its
    # own number so, in any language
    path = tmp_path / "i.txt"
    path.write_text(f"Harwick Foundry\n{number}\n12.03.2024\n", encoding="utf-8")
    record = Record(path=path, original_name=path.name, pages=read_text(path, max_pages=1))
    scores = type_scores(reading_for(record))
    assert scores["invoice"] >= 0.5
    assert max(scores, key=lambda t: scores[t]) == "invoice"


def test_a_discount_abbreviated_over_its_column(settings: Settings, tmp_path: Path) -> None:
    # "Desc." abbreviates the description in English, but where another header names
    # the description ("Descrição") it heads the discount column
    rows: Rows = [
        (60, [(50, "Elmsworth Eléctrica S.A. · Rua Pinos 85 · 6121-239 Braga", 7)]),
        (80, [(50, "Cliente")]),
        (92, [(50, "Harbourline Trading Lda.")]),
        (200, [(50, "FATURA FT-24/0815", 16)]),
        (230, [(50, "Data: 27/09/2024")]),
        # numbers set flush right under their headers, the rates' cells narrower
        (320, [(50, "Linha"), (82, "Descrição"), (270, "Quantidade"), (360, "Preço")]),
        (320, [(405, "Desc."), (452, "IVA"), (518, "Total")]),
        (335, [(50, "1"), (82, "Tubo de cobre"), (302, "8 un"), (358, "461,48")]),
        (335, [(409, "10 %"), (447, "23 %"), (504, "3322,66")]),
        (350, [(50, "2"), (82, "Cadeiras de escritório"), (299, "3 un."), (350, "1491,49")]),
        (350, [(414, "5 %"), (447, "23 %"), (504, "4250,75")]),
        (400, [(330, "Total ilíquido"), (470, "7573,41 EUR")]),
        (412, [(330, "IVA 23 %"), (470, "1741,88 EUR")]),
        (424, [(330, "Total a pagar"), (470, "9315,29 EUR")]),
    ]
    fields = extract(settings, draw(tmp_path / "f.pdf", rows))["fields"]
    assert items(fields) == [("8", "461.48", "3322.66"), ("3", "1491.49", "4250.75")]


def test_header_words_run_together_after_an_abbreviation(
    settings: Settings, tmp_path: Path
) -> None:
    # a header wider than its column runs into the next one after an abbreviation's
    # full stop ("Pos.Quantidade"): the position and the quantity keep their columns
    rows: Rows = [
        (60, [(50, "Granatto Software Lda. · Avenida Linden 97 · 4859-727 Braga", 7)]),
        (80, [(50, "Cliente")]),
        (92, [(50, "Harbourline Trading Lda.")]),
        (200, [(50, "FATURA FT-24/0816", 16)]),
        (230, [(50, "Data: 27/09/2024")]),
        (320, [(50, "Pos.Quantidade"), (140, "Designação"), (360, "Preço"), (450, "Valor")]),
        (335, [(50, "1"), (105, "9 un."), (140, "Berbequim sem fios"), (360, "235,54")]),
        (335, [(450, "2119,86")]),
        (350, [(50, "2"), (105, "19 un."), (140, "Cadeiras"), (360, "100,00"), (450, "1900,00")]),
        (400, [(330, "Total ilíquido"), (470, "4019,86 EUR")]),
        (412, [(330, "IVA 23 %"), (470, "924,57 EUR")]),
        (424, [(330, "Total a pagar"), (470, "4944,43 EUR")]),
    ]
    fields = extract(settings, draw(tmp_path / "f.pdf", rows))["fields"]
    assert items(fields) == [("9", "235.54", "2119.86"), ("19", "100.00", "1900.00")]


def test_a_number_word_read_as_digits_does_not_run_into_a_number(
    settings: Settings, tmp_path: Path
) -> None:
    # OCR's fold reads "ID" where "10" is printed: in "PO-10218" under its label it is no
    # label word of the title "PO" followed by a number word, and the number stays whole
    rows: Rows = [
        (60, [(300, "Harbourline Trading GmbH")]),
        (72, [(300, "Am Berkenweg 88, 42301 Kassel")]),
        (84, [(300, "Tel. +49 561 44 21")]),
        (122, [(57, "Harbourline Trading GmbH · Am Berkenweg 88 · 42301 Kassel", 7)]),
        (132, [(57, "Westerly Werkzeuge GmbH")]),
        (144, [(57, "Lindenallee 14")]),
        (156, [(57, "50667 Köln")]),
        (200, [(50, "Bestellung", 16)]),
        (230, [(50, "Bestell-Nr."), (170, "Datum")]),
        (242, [(50, "PO-10218"), (170, "17.09.2025")]),
        (400, [(330, "Nettobetrag"), (470, "1.000,00 EUR")]),
        (412, [(330, "USt. 19 %"), (470, "190,00 EUR")]),
        (424, [(330, "Gesamtbetrag"), (470, "1.190,00 EUR")]),
    ]
    fields = extract(settings, draw(tmp_path / "o.pdf", rows))["fields"]
    assert fields["po_number"] == "PO-10218"


def test_a_text_column_under_two_headers_keeps_the_texts_last_number(
    settings: Settings, tmp_path: Path
) -> None:
    # "Artikel" and "Bezeichnung" both head the text: the column runs under both, so the
    # "1" of "Übertrag von Seite 1" (the sum carried to the next page) is no quantity,
    # the row is that sum, and the items under it are read
    header = [(50, "Pos."), (82, "Artikel"), (144, "Bezeichnung"), (300, "Anz.")]
    header += [(382, "Einzelpreis"), (485, "Gesamtpreis")]
    first: Rows = [
        (60, [(50, "Corvina Foods AG · Roblestraße 71 · 66023 Ulm", 7)]),
        (80, [(50, "Kunde")]),
        (92, [(50, "Yarrowby Logistics GmbH")]),
        (200, [(50, "Rechnung Nr. RE-70753", 16)]),
        (230, [(50, "Datum: 25.01.2025")]),
        (270, header),
        (288, [(50, "1"), (82, "K9151"), (144, "Regal"), (296, "1 Stk."), (394, "1.000,00")]),
        (288, [(504, "1.000,00")]),
        (354, [(144, "Zwischensumme Übertrag"), (504, "1.000,00")]),
        (746, [(50, "Zahlbar innerhalb 14 Tagen netto.")]),
    ]
    second: Rows = [
        (34, [(50, "Rechnung RE-70753"), (520, "Seite 2")]),
        (73, header),
        (90, [(144, "Übertrag von Seite 1"), (504, "1.000,00")]),
        (105, [(50, "2"), (82, "C542-79"), (144, "Kupferrohr"), (291, "10 Stk.")]),
        (105, [(402, "15,00"), (504, "150,00")]),
        (172, [(345, "Nettobetrag"), (486, "1.150,00 €")]),
        (187, [(345, "MwSt. 19 %"), (492, "218,50 €")]),
        (202, [(345, "Endbetrag"), (486, "1.368,50 €")]),
    ]
    fields = extract(settings, draw(tmp_path / "r.pdf", first, second))["fields"]
    assert items(fields) == [("1", "1000.00", "1000.00"), ("10", "15.00", "150.00")]


@pytest.mark.parametrize(
    ("running", "title", "net", "total"),
    [
        ("Seite 2", "Rechnung Nr. RE-70754", "Nettobetrag", "Endbetrag"),
        ("Page 2", "Invoice No. INV-70754", "Net amount", "Total due"),
        ("Página 2", "Factura n.º FA-70754", "Base imponible", "Total factura"),
    ],
)
def test_a_running_headers_page_number_over_a_tables_continuation_is_no_item(
    settings: Settings, tmp_path: Path, running: str, title: str, net: str, total: str
) -> None:
    # the table fills its page to the foot and goes on at the top of the next, under
    # the running header that numbers the page at the right, over the amounts' column
    rows = [(60, [(50, "Corvina Foods AG · Roblestraße 71 · 66023 Ulm", 7)])]
    rows += [(200, [(50, title, 16)]), (230, [(50, "25.01.2025")])]
    rows += [(270, [(50, "Pos."), (82, "Text"), (344, "Qty"), (382, "Price"), (485, "Amount")])]
    for k in range(27):
        rows += [(290 + 20 * k, [(50, f"{k + 1}"), (82, f"Part {k + 1}"), (350, "1")])]
        rows += [(290 + 20 * k, [(394, "10,00"), (504, "10,00")])]
    second: Rows = [
        (34, [(50, title), (480, running)]),
        (80, [(50, "28"), (82, "Part 28"), (350, "2"), (394, "10,00"), (504, "20,00")]),
        (120, [(345, net), (486, "290,00 €")]),
        (135, [(345, "MwSt. 19 %"), (492, "55,10 €")]),
        (150, [(345, total), (486, "345,10 €")]),
    ]
    fields = extract(settings, draw(tmp_path / "r.pdf", rows, second))["fields"]
    assert items(fields) == [("1", "10.00", "10.00")] * 27 + [("2", "10.00", "20.00")]


def test_the_day_of_a_date_written_month_first_is_no_number(
    settings: Settings, tmp_path: Path
) -> None:
    # the title's "Sales Order" over the details' date column: the day of "April 26, 2025"
    # under it is part of a date, no order number
    rows: Rows = [
        (60, [(50, "Westerly Tools Ltd · 88 High Street · Norwich NR2 1AB", 7)]),
        (80, [(50, "Customer")]),
        (92, [(50, "Oberlin Tools Inc.")]),
        (213, [(312, "Sales Order Acknowledgement", 14)]),
        (247, [(50, "Confirmation No."), (170, "Your order no."), (290, "Date")]),
        (259, [(50, "SO-2441939"), (170, "PO-75528"), (290, "April 26, 2025")]),
        (400, [(330, "Total excl. VAT"), (470, "1,000.00 USD")]),
        (412, [(330, "Sales tax 20%"), (470, "200.00 USD")]),
        (424, [(330, "Amount due"), (470, "1,200.00 USD")]),
    ]
    fields = extract(settings, draw(tmp_path / "c.pdf", rows))["fields"]
    assert fields["order_number"] == "SO-2441939"
    assert fields["po_number"] == "PO-75528"


@pytest.mark.parametrize(
    ("title", "number", "po", "date"),
    [
        ("SALES ORDER", "Order No. SO-44821", "Customer PO PO-1187", "Order Date 03/05/2024"),
        (
            "PEDIDO DE VENTA",
            "Pedido de venta n.º SO-44821",
            "Su pedido: PO-1187",
            "Fecha 05/03/2024",
        ),
    ],
)
def test_a_sales_order_is_the_sellers_confirmation(
    settings: Settings, tmp_path: Path, title: str, number: str, po: str, date: str
) -> None:
    # a sales order is the seller's record of the customer's order, sent to confirm it: no
    # purchase order, its letterhead the seller's and its customer the buyer
    rows: Rows = [
        (50, [(50, "Acme Industrial Supply Inc.", 16)]),
        (70, [(50, "1200 Commerce St, Dallas, TX 75202")]),
        (82, [(50, "Phone (214) 555-0100")]),
        (130, [(50, "Sold To")]),
        (142, [(50, "Harbourline Trading LLC")]),
        (154, [(50, "55 Water St")]),
        (166, [(50, "New York, NY 10041")]),
        (200, [(50, title, 16)]),
        (230, [(50, number), (300, date)]),
        (242, [(50, po)]),
        (300, [(50, "Description"), (300, "Qty"), (360, "Unit Price"), (470, "Amount")]),
        (315, [(50, "Hex bolts M8"), (300, "100"), (360, "0.45"), (470, "45.00")]),
        (420, [(330, "Subtotal"), (470, "45.00 USD")]),
        (432, [(330, "Sales Tax 8.25%"), (470, "3.71 USD")]),
        (444, [(330, "Total"), (470, "48.71 USD")]),
    ]
    result = extract(settings, draw(tmp_path / "so.pdf", rows))
    assert result["doc_type"] == "order_confirmation"
    fields = result["fields"]
    assert (fields["order_number"], fields["po_number"]) == ("SO-44821", "PO-1187")
    assert (fields["vendor"], fields["buyer"]) == (
        "Acme Industrial Supply Inc.",
        "Harbourline Trading LLC",
    )
    assert fields["issue_date"] == "2024-03-05"  # month first in the US, day first in Spain


#: An English invoice's buyer, title, number and totals, with no seller on it
BILLED: Rows = [
    (130, [(50, "Bill to")]),
    (142, [(50, "Oberhof Construction Ltd")]),
    (154, [(50, "5 Market Square")]),
    (166, [(50, "Leeds LS1 2AB")]),
    (200, [(50, "INVOICE", 16)]),
    (230, [(50, "Invoice No: INV-7001"), (300, "Date: 12/03/2024")]),
    (420, [(330, "Subtotal"), (470, "200.00 GBP")]),
    (432, [(330, "VAT 20%"), (470, "40.00 GBP")]),
    (444, [(330, "Total"), (470, "240.00 GBP")]),
]


@pytest.mark.parametrize("label", ["Please remit payment to:", "Kindly make cheques payable to:"])
def test_the_payee_is_the_seller(settings: Settings, tmp_path: Path, label: str) -> None:
    # no letterhead in text (a logo drawn as a picture): the seller is named where the
    # invoice says whom to pay, a label closed by its colon however it begins, not the
    # bank named above it
    rows: Rows = [
        *BILLED,
        (480, [(50, "Our bank: Barclays Bank PLC, 1 Churchill Place, London")]),
        (500, [(50, label)]),
        (512, [(50, "Norvale Components Ltd")]),
        (524, [(50, "Account 12345678, Sort code 12-34-56")]),
    ]
    fields = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]
    assert fields["vendor"] == "Norvale Components Ltd"
    assert fields["buyer"] == "Oberhof Construction Ltd"


def test_a_brand_in_the_letterhead_stands_for_its_registered_name(
    settings: Settings, tmp_path: Path
) -> None:
    # the letterhead prints the brand in large type, the footer the registered name that
    # begins with it: the vendor is the company that is registered (and owes the VAT)
    rows: Rows = [
        (50, [(50, "NORVALE", 20)]),
        (66, [(50, "precision parts since 1982")]),
        *BILLED,
        (800, [(50, "Norvale Components Ltd · 12 Quay Road · Leeds LS1 4AB · VAT GB123456789", 7)]),
    ]
    fields = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]
    assert fields["vendor"] == "Norvale Components Ltd"


def test_net_plus_its_tax_printed_is_the_total_over_an_amount_column(
    settings: Settings, tmp_path: Path
) -> None:
    # "Brutto" labels no total any pack knows, and the items' "Amount" column heads the
    # net: the net plus the tax its printed rate confirms is printed below them, and due
    rows: Rows = [
        (50, [(50, "Norvale Components GmbH", 16)]),
        (66, [(50, "Hafenstraße 3, 28195 Bremen")]),
        (130, [(50, "Kunde")]),
        (142, [(50, "Oberhof Bau AG")]),
        (200, [(50, "RECHNUNG", 16)]),
        (230, [(50, "Rechnung Nr. 2024-56"), (300, "Datum: 12.03.24")]),
        (300, [(50, "Description"), (300, "Qty"), (360, "Unit price"), (470, "Amount")]),
        (315, [(50, "Consulting"), (300, "2"), (360, "100,00"), (470, "200,00")]),
        (420, [(330, "Netto"), (470, "200,00 EUR")]),
        (432, [(330, "MwSt. 19%"), (470, "38,00 EUR")]),
        (444, [(330, "Brutto"), (470, "238,00 EUR")]),
    ]
    fields = extract(settings, draw(tmp_path / "r.pdf", rows))["fields"]
    assert (fields["subtotal"], fields["tax"], fields["total"]) == ("200.00", "38.00", "238.00")


def test_a_sellers_label_inside_a_sentence_names_no_seller(
    settings: Settings, tmp_path: Path
) -> None:
    # "from:" ends the words of a sentence that goes on after it: what follows is where
    # the goods left from, not who sells them
    rows: Rows = [
        (50, [(50, "Norvale Components Ltd", 16)]),
        (66, [(50, "12 Quay Road, Leeds LS1 4AB")]),
        *BILLED,
        (260, [(50, "Goods shipped from: Harbour Storage Ltd, Hull")]),
    ]
    fields = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]
    assert fields["vendor"] == "Norvale Components Ltd"


def test_an_attention_line_beside_a_delivery_label_heads_no_table(
    settings: Settings, tmp_path: Path
) -> None:
    # "At." (Portuguese "to the attention of") and "Local de entrega" (place of delivery)
    # each hold a column word: read as a table's header, the addresses under them became
    # items and the invoice's number an item's quantity
    rows: Rows = [
        (60, [(57, "Westerly Tools Lda. · Rua do Norte 12 · 4000-123 Porto", 7)]),
        (72, [(57, "At. Ana Teixeira"), (230, "Local de entrega")]),
        (84, [(57, "Harbourline Trading Lda."), (230, "Harbourline Trading Lda.")]),
        (96, [(57, "Avenida da Liberdade 69"), (230, "1250-096 Lisboa")]),
        (108, [(57, "1250-096 Lisboa"), (230, "Avenida da Liberdade 69")]),
        (150, [(493, "Fatura", 16)]),
        (180, [(50, "Fatura n.º: F24/71824")]),
        (192, [(50, "Data de emissão: 15/06/2024")]),
        *ITEMS,
        *TOTALS,
    ]
    fields = extract(settings, draw(tmp_path / "f.pdf", rows))["fields"]
    assert fields["invoice_number"] == "F24/71824"
    assert [i["description"] for i in fields["line_items"]] == ["Tubo de cobre"]


@pytest.mark.parametrize(
    ("headers", "amounts", "totals"),
    [
        (
            ("Description", "Qty", "Rate", "Net"),
            ("310.00", "620.00", "6.50", "156.00"),
            [("Net total", "776.00"), ("VAT @ 20%", "155.20"), ("Total GBP", "931.20")],
        ),
        (
            ("Bezeichnung", "Menge", "Einzelpreis", "Netto"),
            ("310,00", "620,00", "6,50", "156,00"),
            [("Summe netto", "776,00"), ("MwSt. 19 %", "147,44"), ("Gesamtbetrag", "923,44")],
        ),
    ],
)
def test_a_bare_net_heads_the_line_amounts(
    settings: Settings,
    tmp_path: Path,
    headers: tuple[str, ...],
    amounts: tuple[str, ...],
    totals: list[tuple[str, str]],
) -> None:
    # "Net | VAT | Gross", "Netto | MwSt. | Brutto": the bare word heads the amount before
    # tax. Unread, the table had no amount column and gave no item.
    rows: Rows = [
        (50, [(50, "Harrow & Pike Ltd", 16)]),
        (66, [(50, "14 Quay Street, Bristol BS1 4DJ")]),
        (190, [(50, "INVOICE", 16), (380, "Invoice No: HP-7781")]),
        (240, [(50, headers[0]), (330, headers[1]), (380, headers[2]), (480, headers[3])]),
        (255, [(50, "Label printer"), (330, "2"), (380, amounts[0]), (480, amounts[1])]),
        (270, [(50, "Thermal labels"), (330, "24"), (380, amounts[2]), (480, amounts[3])]),
        *[(320 + 12 * k, [(380, label), (480, value)]) for k, (label, value) in enumerate(totals)],
    ]
    fields = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]
    assert items(fields) == [("2", "310.00", "620.00"), ("24", "6.50", "156.00")]


def test_a_header_over_two_lines_that_each_name_columns(settings: Settings, tmp_path: Path) -> None:
    # "Unit" over "Price", "Line" over "Total": the second line, read alone, is a header of
    # its own, and the first line's table ended at it (descriptions lost)
    rows: Rows = [
        (50, [(50, "Northgate Supplies Ltd", 16)]),
        (190, [(50, "INVOICE", 16), (380, "Invoice No. NG-5521")]),
        (
            236,
            [(50, "Item"), (110, "Description"), (330, "Quantity"), (390, "Unit"), (480, "Line")],
        ),
        (246, [(390, "Price"), (480, "Total")]),
        (262, [(50, "HB-10"), (110, "Hinge, brass"), (330, "24"), (390, "3.25"), (480, "78.00")]),
        (277, [(50, "SC-4"), (110, "Screws 4x30"), (330, "3"), (390, "7.90"), (480, "23.70")]),
        (320, [(380, "Subtotal"), (480, "101.70")]),
    ]
    fields = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]
    lines = [(i["code"], i["description"], i["quantity"]) for i in fields["line_items"]]
    assert lines == [("HB-10", "Hinge, brass", "24"), ("SC-4", "Screws 4x30", "3")]


def test_the_net_after_a_discount_is_the_base_of_several_rates(
    settings: Settings, tmp_path: Path
) -> None:
    # "Total HT" less "Remise 5 %" is "Net HT", the base both rates are charged on: net
    # plus the two taxes is the total
    rows: Rows = [
        (50, [(50, "Atelier Morvan SARL", 16)]),
        (66, [(50, "12 rue des Tanneurs, 35000 Rennes")]),
        (200, [(50, "FACTURE N° F2025-0311", 14)]),
        (218, [(50, "Date : 18/02/2025")]),
        (340, [(330, "Total HT"), (480, "3 250,00")]),
        (352, [(330, "Remise 5 %"), (480, "-162,50")]),
        (364, [(330, "Net HT"), (480, "3 087,50")]),
        (376, [(330, "TVA 20 %"), (480, "608,00")]),
        (388, [(330, "TVA 5,5 %"), (480, "2,61")]),
        (400, [(330, "Total TTC"), (480, "3 698,11 €")]),
    ]
    fields = extract(settings, draw(tmp_path / "f.pdf", rows))["fields"]
    assert (fields["subtotal"], fields["tax"], fields["total"]) == ("3087.50", "610.61", "3698.11")


GERMAN_ITEMS: Rows = [
    (50, [(50, "Brandl Technik GmbH", 16)]),
    (66, [(50, "Bahnhofstr. 2, 93047 Regensburg")]),
    (190, [(50, "Rechnung", 16)]),
    (206, [(50, "Rechnungs-Nr.: 2025-771"), (330, "Datum: 30.09.2025")]),
    (240, [(50, "Bezeichnung"), (280, "Menge"), (340, "Einzelpreis"), (480, "Gesamt")]),
    (255, [(50, "Akku-Schrauber"), (280, "2"), (340, "150,00"), (480, "300,00")]),
    (270, [(50, "Fachbuch"), (280, "5"), (340, "12,00"), (480, "60,00")]),
]


@pytest.mark.parametrize(
    "closing",
    [
        [(370, [(320, "Rechnungsbetrag"), (480, "421,20 €")])],
        [(356, [(250, "Summe"), (320, "360,00"), (400, "61,20"), (480, "421,20")])],
    ],
    ids=["total-apart", "sums-row"],
)
def test_a_tax_summary_with_a_row_per_rate_adds_up_its_rows(
    settings: Settings, tmp_path: Path, closing: Rows
) -> None:
    # one row per rate, each printing its own: without a sums row under them, the net and
    # the tax are each column's rows added up, not its last row (7 % alone)
    rows: Rows = [
        *GERMAN_ITEMS,
        (320, [(250, "USt.-Satz"), (320, "Netto"), (400, "USt."), (480, "Brutto")]),
        (332, [(250, "19 %"), (320, "300,00"), (400, "57,00"), (480, "357,00")]),
        (344, [(250, "7 %"), (320, "60,00"), (400, "4,20"), (480, "64,20")]),
        *closing,
    ]
    fields = extract(settings, draw(tmp_path / "r.pdf", rows))["fields"]
    assert (fields["subtotal"], fields["tax"], fields["total"]) == ("360.00", "61.20", "421.20")


def test_a_bare_net_heads_a_tax_summarys_base(settings: Settings, tmp_path: Path) -> None:
    # "VAT rate | Net | VAT | Gross": the bare "Net" names the base (unread, the table gave
    # no subtotal and the total less one rate's tax was taken); "Net 30" stays a term
    rows: Rows = [
        (50, [(50, "Northgate Supplies Ltd", 16)]),
        (190, [(50, "INVOICE", 16), (380, "Invoice No. NG-5521")]),
        (206, [(50, "Terms: Net 30"), (380, "Date: 21/07/2025")]),
        (240, [(50, "Description"), (330, "Qty"), (380, "Unit Price"), (480, "Amount")]),
        (255, [(50, "Materials"), (330, "1"), (380, "800.00"), (480, "800.00")]),
        (270, [(50, "Labour"), (330, "10"), (380, "40.00"), (480, "400.00")]),
        (320, [(300, "VAT rate"), (360, "Net"), (420, "VAT"), (480, "Gross")]),
        (332, [(300, "20%"), (360, "800.00"), (420, "160.00"), (480, "960.00")]),
        (344, [(300, "5%"), (360, "400.00"), (420, "20.00"), (480, "420.00")]),
        (370, [(360, "Total"), (480, "1,380.00")]),
    ]
    fields = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]
    assert (fields["subtotal"], fields["tax"], fields["total"]) == ("1200.00", "180.00", "1380.00")


def test_an_order_under_a_supplier_label_is_bought_by_its_issuer(
    settings: Settings, tmp_path: Path
) -> None:
    # an order is issued by its buyer: with the supplier under its label and no buyer
    # label, the letterhead's company is the buyer (it was left empty, or our own name)
    rows: Rows = [
        (50, [(50, "Pfeiffer Maschinenbau KG", 16)]),
        (66, [(50, "Industriestraße 12, 09111 Chemnitz")]),
        (120, [(50, "Lieferant:")]),
        (132, [(50, "Lindner Stahlhandel GmbH")]),
        (144, [(50, "Am Anger 4, 99084 Erfurt")]),
        (190, [(50, "Bestellung Nr. B-25-0412", 14)]),
        (208, [(50, "Bestelldatum: 03.11.2025")]),
        (240, [(50, "Bezeichnung"), (330, "Menge"), (420, "Preis"), (490, "Betrag")]),
        (255, [(50, "Flachstahl 40x10 S235"), (330, "120"), (420, "1,85"), (490, "222,00")]),
    ]
    result = extract(settings, draw(tmp_path / "b.pdf", rows))
    assert result["doc_type"] == "purchase_order"
    fields = result["fields"]
    assert (fields["vendor"], fields["buyer"]) == (
        "Lindner Stahlhandel GmbH",
        "Pfeiffer Maschinenbau KG",
    )


def test_an_orders_part_number_and_extended_cost_head_columns(
    settings: Settings, tmp_path: Path
) -> None:
    # "Part Number" heads the codes and "Ext. Cost" the amounts: unread, the amounts fell
    # into the unit cost's column and no item was read
    rows: Rows = [
        (50, [(50, "Crestline Tooling LLC", 16)]),
        (110, [(50, "PURCHASE ORDER", 16), (380, "PO Number: 4500-2291")]),
        (230, [(50, "Line"), (80, "Part Number"), (170, "Description"), (340, "Qty")]),
        (230, [(370, "UOM"), (410, "Unit Cost"), (480, "Ext. Cost")]),
        (245, [(50, "1"), (80, "HP-220-SS"), (170, "Hydraulic pump"), (340, "2"), (370, "EA")]),
        (245, [(410, "1,250.00"), (480, "2,500.00")]),
        (260, [(50, "2"), (80, "SV-14"), (170, "Solenoid valve"), (340, "10"), (370, "EA")]),
        (260, [(410, "48.50"), (480, "485.00")]),
    ]
    fields = extract(settings, draw(tmp_path / "p.pdf", rows))["fields"]
    lines = [(i["code"], i["quantity"], i["amount"]) for i in fields["line_items"]]
    assert lines == [("HP-220-SS", "2", "2500.00"), ("SV-14", "10", "485.00")]


def test_items_opened_by_their_running_number_over_rows_of_details(
    settings: Settings, tmp_path: Path
) -> None:
    # each item opens with its number and its text, prints its figures a row below and
    # notes under them, items set further apart than a table's rows: the next number
    # keeps the table going, and the opening row's text describes the item
    rows: Rows = [
        (50, [(50, "Norvale Components GmbH", 16)]),
        (110, [(50, "Rechnung Nr. 2024-56"), (300, "Datum: 12.03.2024")]),
        (200, [(50, "#"), (70, "Artikel"), (300, "Menge"), (360, "Preis"), (470, "Betrag")]),
    ]
    for k, (name, qty, price, amount) in enumerate(
        [
            ("Ventil DN25", "4", "18,50", "74,00"),
            ("Dichtung EPDM", "10", "2,40", "24,00"),
            ("Flansch PN16", "2", "55,00", "110,00"),
        ]
    ):
        top = 220 + 90 * k
        rows += [
            (top, [(50, str(k + 1)), (70, name)]),
            (top + 12, [(300, qty), (360, price), (470, amount)]),
            (top + 24, [(70, f"Lieferschein LS-{k + 7}")]),
            (top + 36, [(70, "Teillieferung möglich")]),
        ]
    fields = extract(settings, draw(tmp_path / "r.pdf", rows))["fields"]
    assert items(fields) == [
        ("4", "18.50", "74.00"),
        ("10", "2.40", "24.00"),
        ("2", "55.00", "110.00"),
    ]
    described = [i["description"].split(" Lieferschein")[0] for i in fields["line_items"]]
    assert described == ["Ventil DN25", "Dichtung EPDM", "Flansch PN16"]


def test_a_title_set_large_beside_small_print_heads_one_of_its_rows(
    settings: Settings, tmp_path: Path
) -> None:
    # "FACTUUR." in 18 points spans the seller's name and its street, in 8: read as one
    # line, the two rows ran together ("Coolblue Weena 664 B.V.")
    rows: Rows = [
        (67, [(45, "FACTUUR.", 18)]),
        (58, [(445, "Lindqvist Audio B.V.", 8)]),
        (72, [(445, "Weena 664", 8)]),
        (86, [(445, "3012 CN Rotterdam", 8)]),
        (160, [(45, "Factuurnummer: 993548900")]),
        (172, [(45, "Factuurdatum: 19 april 2014")]),
        (220, [(45, "Artikel"), (300, "Aantal"), (380, "Prijs"), (480, "Totaal")]),
        (235, [(45, "Koptelefoon"), (300, "1"), (380, "€ 99,00"), (480, "€ 99,00")]),
        (300, [(380, "Totaal"), (480, "€ 99,00")]),
    ]
    fields = extract(settings, draw(tmp_path / "f.pdf", rows))["fields"]
    assert (fields["vendor"], fields["address"]) == (
        "Lindqvist Audio B.V.",
        "Weena 664, 3012 CN Rotterdam",
    )


def test_a_name_that_begins_with_an_accented_capital(settings: Settings, tmp_path: Path) -> None:
    # "Électricité Le Goff SARL" lost its first letter ("lectricité ..."): a name's first
    # word may begin with any letter
    rows: Rows = [
        (50, [(50, "Électricité Le Goff SARL", 16)]),
        (66, [(50, "5 rue Crébillon, 44000 Nantes")]),
        (120, [(330, "SCI Les Tilleuls")]),
        (132, [(330, "18 boulevard Guist'hau, 44000 Nantes")]),
        (190, [(50, "Devis n° 2025-118", 14)]),
        (206, [(50, "Nantes, le 3 février 2025")]),
        (310, [(370, "Total TTC"), (470, "2 085,60 €")]),
    ]
    fields = extract(settings, draw(tmp_path / "d.pdf", rows))["fields"]
    assert fields["vendor"] == "Électricité Le Goff SARL"


def test_a_title_set_large_under_the_letterhead_is_no_address_line(
    settings: Settings, tmp_path: Path
) -> None:
    # the gap to "PROPOSAL" (16 points) is small for its own type, large for the 9 points
    # of the address above it: the address ended with the title in it
    rows: Rows = [
        (50, [(50, "Brightwater Landscapes Ltd", 16)]),
        (66, [(50, "Unit 4, Mill Yard, Frome BA11 1AA")]),
        (98, [(50, "PROPOSAL", 16), (380, "Proposal No: BW-2291")]),
        (126, [(380, "Date: 14 March 2025")]),
        (314, [(380, "Total"), (480, "£6,000.00")]),
    ]
    fields = extract(settings, draw(tmp_path / "p.pdf", rows))["fields"]
    assert fields["address"] == "Unit 4, Mill Yard, Frome BA11 1AA"


def test_a_tax_summarys_row_of_figures_under_the_items_is_no_item(
    settings: Settings, tmp_path: Path
) -> None:
    # base, tax and total alone on a row (their header and rate lost, as OCR loses them):
    # the tax is the base times a rate the document prints, and the row closes the items
    rows: Rows = [
        (50, [(50, "Norvale Components S.L.", 16)]),
        (110, [(50, "Factura nº A-2025-310"), (330, "Fecha: 14/10/2025")]),
        (240, [(50, "Descripción"), (280, "Cant."), (340, "Precio"), (480, "Importe")]),
        (255, [(50, "Taladro percutor"), (280, "4"), (340, "75,00"), (480, "300,00")]),
        (270, [(50, "Broca 8 mm"), (280, "10"), (340, "2,50"), (480, "25,00")]),
        (290, [(340, "325,00"), (400, "68,25"), (480, "393,25")]),
        (330, [(50, "Tipo de IVA aplicado: 21 %")]),
    ]
    fields = extract(settings, draw(tmp_path / "f.pdf", rows))["fields"]
    assert items(fields) == [("4", "75.00", "300.00"), ("10", "2.50", "25.00")]


def test_a_totals_label_run_into_its_amount(settings: Settings, tmp_path: Path) -> None:
    # "Total incl. VAT121712.21": the label's last word runs into the amount without a
    # space; the label ends at the letters
    rows: Rows = [
        (50, [(50, "Zephyrin Packaging Ltd", 16)]),
        (130, [(50, "TAX INVOICE"), (380, "Invoice No: ZP-2291")]),
        (341, [(345, "Total excl. VAT 1000.00 pounds sterling")]),
        (356, [(345, "VAT 20%"), (427, "200.00 pounds sterling")]),
        (371, [(345, "Total incl. VAT1200.00 pounds sterling")]),
    ]
    fields = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]
    assert (fields["subtotal"], fields["tax"], fields["total"]) == ("1000.00", "200.00", "1200.00")


def test_a_party_word_as_another_labels_value_labels_no_party(
    settings: Settings, tmp_path: Path
) -> None:
    # "Spedizione: Destinatario" (carriage paid by the consignee): "Destinatario" is the
    # value of "Spedizione", not the buyer's label; the column header under it ("Q.tà")
    # was read as the buyer
    rows: Rows = [
        (123, [(57, "Pellucid Textiles S.p.A. · Via Linden 38 · 58338 Parma", 7)]),
        (133, [(57, "Offerta per"), (415, "Preventivo n.:"), (487, "AN-2024-8363")]),
        (145, [(57, "Oberhof Bau AG"), (415, "Data:"), (500, "14/08/2024")]),
        (157, [(57, "Moulinstraße 14")]),
        (169, [(57, "15670 Kassel")]),
        (213, [(50, "PREVENTIVO")]),
        (247, [(50, "Agente: Pablo Herrera"), (300, "Spedizione: Destinatario")]),
        (285, [(50, "Codice"), (112, "Descrizione"), (384, "Q.tà"), (438, "Prezzo")]),
        (285, [(513, "Totale")]),
        (302, [(50, "X6272"), (112, "LED panel"), (391, "10"), (432, "1.201,91")]),
        (302, [(499, "12.019,10")]),
    ]
    fields = extract(settings, draw(tmp_path / "p.pdf", rows))["fields"]
    assert fields["buyer"] == "Oberhof Bau AG"


@pytest.mark.parametrize(
    ("second", "want"),
    [
        # a word with a figure under "Artikel" on every row: the codes' column
        (
            [(50, "7740"), (120, "Eisakku groß")],
            [("7731", "Kühlbox 60 l"), ("7740", "Eisakku groß")],
        ),
        # one row's text starts under "Artikel": the two headers head one text, as printed
        ([(50, "Eisakku groß")], [(None, "7731 Kühlbox 60 l"), (None, "Eisakku groß")]),
    ],
)
def test_two_headers_over_the_text_whose_first_holds_a_code_on_every_row(
    settings: Settings,
    tmp_path: Path,
    second: list[tuple[float, str]],
    want: list[tuple[str | None, str]],
) -> None:
    rows: Rows = [
        (50, [(50, "Weber & Söhne KG", 16)]),
        (110, [(50, "Rechnung Nr. 2025/0917"), (300, "Datum: 05.05.2025")]),
        (200, [(50, "Artikel"), (120, "Beschreibung"), (330, "Anzahl"), (400, "Preis")]),
        (200, [(480, "Betrag")]),
        (215, [(50, "7731"), (120, "Kühlbox 60 l"), (330, "10"), (400, "89,00"), (480, "890,00")]),
        (230, [*second, (330, "40"), (400, "3,50"), (480, "140,00")]),
    ]
    fields = extract(settings, draw(tmp_path / "a.pdf", rows))["fields"]
    assert [(i["code"], i["description"]) for i in fields["line_items"]] == want


def test_a_partnership_whose_partner_is_a_company_keeps_its_whole_legal_form(
    settings: Settings, tmp_path: Path
) -> None:
    # "GmbH & Co. KG" is one legal form: the name does not end at its "GmbH"
    rows: Rows = [
        (40, [(50, "Schulze Druck GmbH & Co. KG", 15)]),
        (56, [(50, "Gutenbergstr. 1 · 04103 Leipzig")]),
        (134, [(50, "Verlag Am Markt GmbH")]),
        (146, [(50, "Markt 10")]),
        (158, [(50, "06108 Halle (Saale)")]),
        (210, [(50, "Rechnung Nr. RG-104882"), (360, "Datum: 30.09.2025")]),
        (250, [(330, "Gesamtbetrag brutto"), (490, "505,75 EUR")]),
    ]
    fields = extract(settings, draw(tmp_path / "a.pdf", rows))["fields"]
    assert (fields["vendor"], fields["buyer"]) == (
        "Schulze Druck GmbH & Co. KG",
        "Verlag Am Markt GmbH",
    )


def test_the_goods_value_closes_the_items_before_the_charges_under_it(
    settings: Settings, tmp_path: Path
) -> None:
    # "Warenwert" sums the goods; the shipping under it is a charge of the totals block
    rows: Rows = [
        (40, [(50, "Lorenz Bürobedarf e.K.", 15)]),
        (180, [(50, "Rechnung Nr.: 25-3310"), (360, "Datum: 18.02.2025")]),
        (220, [(50, "Menge"), (170, "Bezeichnung"), (390, "Einzelpreis"), (480, "Gesamtpreis")]),
        (235, [(50, "5"), (170, "Kopierpapier A4"), (390, "4,90"), (480, "24,50")]),
        (250, [(50, "2"), (170, "Toner schwarz"), (390, "59,00"), (480, "118,00")]),
        (290, [(370, "Warenwert"), (480, "142,50")]),
        (302, [(370, "Versandkosten"), (480, "5,90")]),
        (314, [(370, "Nettobetrag"), (480, "148,40")]),
        (326, [(370, "MwSt. 19 %"), (480, "28,20")]),
        (338, [(370, "Endbetrag"), (480, "176,60 €")]),
    ]
    fields = extract(settings, draw(tmp_path / "a.pdf", rows))["fields"]
    assert items(fields) == [("5", "4.90", "24.50"), ("2", "59.00", "118.00")]
    assert (fields["subtotal"], fields["tax"], fields["total"]) == ("148.40", "28.20", "176.60")


@pytest.mark.parametrize(
    ("validity", "until"),
    [
        ("30 días", "2025-05-15"),
        ("2 meses", "2025-06-15"),
        ("según condiciones", None),  # no period, no date: nothing is computed
    ],
)
def test_a_validity_labelled_in_a_grid_over_its_period(
    settings: Settings, tmp_path: Path, validity: str, until: str | None
) -> None:
    # the quote's details as labels over their values: "Validez" over "30 días" is a
    # period counted from the quote's date
    rows: Rows = [
        (40, [(50, "Reformas Costa Blanca S.L.", 15)]),
        (100, [(50, "PRESUPUESTO", 15)]),
        (130, [(50, "Nº presupuesto"), (170, "Fecha"), (280, "Validez")]),
        (142, [(50, "P-2025-0412"), (170, "15/04/2025"), (280, validity)]),
        (314, [(370, "TOTAL"), (480, "9.425,90 €")]),
    ]
    result = extract(settings, draw(tmp_path / "q.pdf", rows))
    assert result["doc_type"] == "estimate"
    assert result["fields"].get("valid_until") == until


def test_two_header_words_in_capitals_run_together_head_two_columns(
    settings: Settings, tmp_path: Path
) -> None:
    # "PRECIO" and "DESCUENTO" set touching, extracted as one word: the price and the
    # discount columns, each under its own part
    rows: Rows = [
        (40, [(50, "Solanto Systems S.L.", 15)]),
        (110, [(50, "PEDIDO Nº PO-2231"), (300, "Fecha: 2025-01-18")]),
        (200, [(50, "REF."), (112, "DESCRIPCIÓN"), (341, "UDS."), (396, "PRECIODESCUENTO")]),
        (200, [(507, "IMPORTE")]),
        (215, [(50, "K5385"), (112, "Copper pipe"), (352, "6"), (388, "2.448,89")]),
        (215, [(499, "14.693,34")]),
        (230, [(50, "K4168"), (112, "Steel shelving unit"), (347, "40"), (388, "2.308,50")]),
        (230, [(447, "10 %"), (499, "83.106,00")]),
    ]
    fields = extract(settings, draw(tmp_path / "p.pdf", rows))["fields"]
    assert items(fields) == [("6", "2448.89", "14693.34"), ("40", "2308.50", "83106.00")]


def test_a_word_in_capitals_splits_only_into_two_header_words() -> None:
    from intake.extractors.extraction.column_roles import ROLES
    from intake.extractors.extraction.header_band import run_together

    assert run_together("PRECIODESCUENTO", [], ROLES) == [
        ("unit_price", 0, 6),
        ("discount", 6, 15),
    ]
    # two counts set touching each keep their column: served (the quantity) and pending
    assert run_together("SERVIDOPENDIENTE", [], ROLES) == [
        ("quantity", 0, 7),
        ("count", 7, 16),
    ]
    assert run_together("WAREHOUSING", [], ROLES) == []  # no header words in it
    assert run_together("GESAMTPREIS", [(0, 11)], ROLES) == []  # read whole already


SECTIONED: Rows = [
    (40, [(50, "Sterling Elektro GmbH", 15)]),
    (180, [(50, "Rechnung Nr. 2025-7712"), (380, "Datum: 11.11.2025")]),
    (220, [(50, "Pos."), (80, "Bezeichnung"), (300, "Menge"), (345, "Einh.")]),
    (220, [(390, "Einzelpreis"), (480, "Gesamtpreis")]),
    (238, [(80, "Titel 1: Elektroinstallation", 10)]),
    (252, [(50, "1.1"), (80, "Kabel verlegen"), (300, "120,00"), (345, "m"), (390, "3,80")]),
    (252, [(480, "456,00")]),
    (266, [(50, "1.2"), (80, "Schalterdose setzen"), (300, "14,00"), (345, "Stk")]),
    (266, [(390, "12,50"), (480, "175,00")]),
]


@pytest.mark.parametrize(
    ("sum_label", "want"),
    [
        # a sum that names its section closes the section: the next one's items follow
        (
            "Summe Titel 1",
            [("120", "3.80", "456.00"), ("14", "12.50", "175.00"), ("8", "45.00", "360.00")],
        ),
        # a sum that names nothing else closes the items
        ("Summe", [("120", "3.80", "456.00"), ("14", "12.50", "175.00")]),
    ],
)
def test_a_sum_that_names_its_section_closes_the_section_not_the_items(
    settings: Settings, tmp_path: Path, sum_label: str, want: list[tuple[str, str, str]]
) -> None:
    rows: Rows = [
        *SECTIONED,
        (280, [(300, sum_label), (480, "631,00")]),
        (298, [(80, "Titel 2: Beleuchtung", 10)]),
        (312, [(50, "2.1"), (80, "LED-Downlight montieren"), (300, "8,00"), (345, "Stk")]),
        (312, [(390, "45,00"), (480, "360,00")]),
        (360, [(370, "Nettobetrag"), (480, "991,00")]),
    ]
    fields = extract(settings, draw(tmp_path / "s.pdf", rows))["fields"]
    assert items(fields) == want


def test_a_code_under_its_item_and_a_note_under_a_free_row_are_no_description(
    settings: Settings, tmp_path: Path
) -> None:
    # "Art.-Nr. WP-8000" under an item is its code; a note under a row that charges
    # nothing (an item: the old unit taken away, at no charge) is that row's, not the item
    # above it
    rows: Rows = [
        *SECTIONED[:4],
        (235, [(50, "1"), (80, "Wärmepumpe 8 kW"), (300, "1"), (390, "7.900,00")]),
        (235, [(480, "7.900,00")]),
        (247, [(80, "Art.-Nr. WP-8000", 7)]),
        (262, [(50, "2"), (80, "Entsorgung Altgerät"), (300, "1"), (390, "0,00"), (480, "0,00")]),
        (274, [(80, "Hinweis: Abholung durch den Kunden", 7)]),
        (320, [(370, "Summe netto"), (480, "7.900,00")]),
    ]
    fields = extract(settings, draw(tmp_path / "c.pdf", rows))["fields"]
    got = [(i["code"], i["description"]) for i in fields["line_items"]]
    assert got == [("WP-8000", "Wärmepumpe 8 kW"), (None, "Entsorgung Altgerät")]


def test_a_company_name_that_holds_a_streets_word(settings: Settings, tmp_path: Path) -> None:
    # "Maple Street Landscaping LLC" is a name: a street's word makes an address only
    # with a number ("88 Maple St"); before, the terms' "Net 30" was taken as the vendor
    rows: Rows = [
        (40, [(50, "Maple Street Landscaping LLC", 13), (430, "INVOICE", 18)]),
        (56, [(50, "88 Maple St, Springfield, IL 62704")]),
        (110, [(50, "BILL TO"), (420, "INVOICE #"), (500, "1043")]),
        (122, [(50, "Greenfield HOA"), (420, "TERMS"), (500, "Net 30")]),
        (284, [(380, "TOTAL"), (480, "$490.00")]),
    ]
    fields = extract(settings, draw(tmp_path / "q.pdf", rows))["fields"]
    assert (fields["vendor"], fields["buyer"]) == ("Maple Street Landscaping LLC", "Greenfield HOA")


@pytest.mark.parametrize("header", ["ACTIVITY", "Items", "Item & Description"])
def test_the_items_text_headed_as_small_business_tools_head_it(
    settings: Settings, tmp_path: Path, header: str
) -> None:
    rows: Rows = [
        (40, [(50, "Lakeside Photography LLC", 15)]),
        (120, [(330, "Invoice Number:"), (450, "27")]),
        (200, [(50, header), (300, "Qty"), (380, "Rate"), (480, "Amount")]),
        (215, [(50, "Wedding photography package"), (300, "1"), (380, "950.00"), (480, "950.00")]),
        (230, [(50, "Extra prints"), (300, "10"), (380, "15.00"), (480, "150.00")]),
        (270, [(380, "Total:"), (480, "$1,100.00")]),
    ]
    fields = extract(settings, draw(tmp_path / "w.pdf", rows))["fields"]
    got = [(i["code"], i["description"]) for i in fields["line_items"]]
    assert got == [(None, "Wedding photography package"), (None, "Extra prints")]


def test_a_number_label_beside_another_blocks_address_takes_its_value_below(
    settings: Settings, tmp_path: Path
) -> None:
    # "Invoice Number" over "INV-0457", the seller's "14 Dock St" beside it: a street's
    # line holds no number of the document's
    rows: Rows = [
        (40, [(50, "TAX INVOICE", 18), (430, "Southbank Joinery Pty Ltd")]),
        (64, [(330, "Invoice Number"), (430, "14 Dock St")]),
        (76, [(330, "INV-0457"), (430, "Southbank VIC 3006")]),
        (268, [(380, "TOTAL AUD"), (480, "3,960.00")]),
    ]
    fields = extract(settings, draw(tmp_path / "x.pdf", rows))["fields"]
    assert fields["invoice_number"] == "INV-0457"


def test_gesamt_alone_closes_a_german_totals_block(settings: Settings, tmp_path: Path) -> None:
    # "Gesamt" alone under the net and an unreadable tax label is the amount due
    rows: Rows = [
        (40, [(50, "Malerbetrieb Hartmann GmbH", 15)]),
        (200, [(50, "Kostenvoranschlag Nr. KV-2025-031"), (380, "Kassel, 03.03.2025")]),
        (320, [(370, "Netto"), (480, "1.680,00")]),
        (332, [(370, "19 % Mws.St."), (480, "319,20")]),
        (344, [(370, "Gesamt"), (480, "1.999,20")]),
    ]
    assert extract(settings, draw(tmp_path / "k.pdf", rows))["fields"]["total"] == "1999.20"


def test_a_spanish_orders_ordered_served_and_pending_counts(
    settings: Settings, tmp_path: Path
) -> None:
    # "Pedido" (ordered) and "Pendiente" (still open) are counts, "Servido" (shipped) the
    # quantity charged; the last two set touching
    rows: Rows = [
        (40, [(50, "Suministros Ibéricos S.L.", 15)]),
        (225, [(50, "Factura Nº RE6546"), (300, "Fecha: 15/12/2024")]),
        (309, [(50, "Nº"), (89, "PEDIDO"), (126, "SERVIDOPENDIENTE"), (215, "DESCRIPCIÓN")]),
        (309, [(425, "P. UNITARIO"), (517, "TOTAL")]),
        (324, [(50, "1"), (106, "17"), (148, "12"), (193, "5"), (215, "LED panel")]),
        (324, [(440, "529,63"), (504, "6.355,56")]),
    ]
    fields = extract(settings, draw(tmp_path / "e.pdf", rows))["fields"]
    assert items(fields) == [("12", "529.63", "6355.56")]
