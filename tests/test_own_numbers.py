"""A document's own number under words that name no kind, or in the order some languages
write them, and a party's label that holds a title word. Every document is drawn at test
time with invented companies."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from intake.settings import Settings
from tests.test_extraction import extract
from tests.test_layouts import Cell, draw

Rows = list[tuple[float, Sequence[Cell]]]

TABLE: Rows = [
    (260, [(60, "Item"), (340, "Qty", "r"), (420, "Price", "r"), (535, "Amount", "r")]),
    (276, [(60, "Brass fittings"), (340, "4", "r"), (420, "25,00", "r"), (535, "100,00", "r")]),
    (320, [(360, "Subtotal"), (535, "100,00", "r")]),
    (332, [(360, "VAT 20%"), (535, "20,00", "r")]),
    (344, [(360, "Total"), (535, "120,00", "r")]),
]


def stack(top: float, *texts: str) -> Rows:
    """Lines of one cell each at the left margin, 12 points apart from ``top`` down."""
    return [(top + 12 * i, [(60, text)]) for i, text in enumerate(texts)]


def test_a_pro_forma_invoice_addressed_under_invoice_to_is_a_quote(
    settings: Settings, tmp_path: Path
) -> None:
    # "Invoice to" labels the customer's block: its title word makes no invoice of a
    # document that calls itself a pro-forma
    rows: Rows = [
        *stack(50, "Wrenfield Valves Ltd", "4 Canal Row, Leeds LS2 7EE"),
        *stack(110, "Invoice to", "Pellow Marine Ltd", "9 Dock Street, Hull HU1 3AB"),
        (190, [(60, "Proforma Invoice No. PF-2207")]),
        (204, [(60, "Date: 14/03/2024")]),
        *TABLE,
    ]
    result = extract(settings, draw(tmp_path / "p.pdf", rows))
    assert result["doc_type"] == "estimate"
    assert result["fields"]["quote_number"] == "PF-2207"


def test_a_number_labelled_document_number_is_the_documents_own(
    settings: Settings, tmp_path: Path
) -> None:
    rows: Rows = [
        *stack(50, "Kesselberg Druck AG", "Hafenstraße 3, 28195 Bremen"),
        *stack(120, "Möbelhaus Tanne GmbH", "Ulmenweg 8, 34117 Kassel"),
        (190, [(60, "PROFORMA-RECHNUNG")]),
        *stack(206, "Belegnummer: PR-5521", "Datum: 14.03.2024"),
        *TABLE,
    ]
    result = extract(settings, draw(tmp_path / "b.pdf", rows))
    assert result["doc_type"] == "estimate"
    assert result["fields"]["quote_number"] == "PR-5521"


def test_an_italian_confirmation_number_with_the_number_word_first(
    settings: Settings, tmp_path: Path
) -> None:
    rows: Rows = [
        *stack(50, "Officine Brenta S.r.l.", "Via dei Mille 4, 35100 Padova"),
        *stack(120, "Spett.le", "Ferramenta Colli S.p.A.", "Corso Roma 12, 10121 Torino"),
        (190, [(60, "CONFERMA D'ORDINE")]),
        *stack(206, "N. conferma: CO-7731", "Vostro ordine n.: ORD-0412", "Data: 14/03/2024"),
        *TABLE,
    ]
    result = extract(settings, draw(tmp_path / "c.pdf", rows))
    assert result["doc_type"] == "order_confirmation"
    assert (result["fields"]["order_number"], result["fields"]["po_number"]) == (
        "CO-7731",
        "ORD-0412",
    )


def test_an_invoice_to_block_on_an_order_makes_no_invoice(
    settings: Settings, tmp_path: Path
) -> None:
    # a purchase order tells the supplier where to send the bill: "Invoice to" labels that
    # address, and its word "Invoice" is no title
    rows: Rows = [
        *stack(50, "Pellow Marine Ltd", "9 Dock Street, Hull HU1 3AB"),
        (110, [(60, "Invoice to"), (330, "Deliver to")]),
        (122, [(60, "Pellow Marine Ltd, Accounts"), (330, "Pellow Marine Ltd, Yard 2")]),
        (134, [(60, "PO Box 12, Hull HU1 1AA"), (330, "Quay Road, Hull HU9 1TX")]),
        (190, [(60, "PO Number: PM-4410")]),
        (204, [(60, "Date: 14/03/2024")]),
        *TABLE,
    ]
    result = extract(settings, draw(tmp_path / "o.pdf", rows))
    assert result["doc_type"] == "purchase_order"
    assert result["fields"]["po_number"] == "PM-4410"


def test_a_customers_reference_in_a_row_of_labels_and_a_contract_in_the_lines(
    settings: Settings, tmp_path: Path
) -> None:
    # "Su referencia de pedido" over its value; "contract" inside an item's description is
    # no label of an order number
    rows: Rows = [
        *stack(50, "Talleres Ebro S.L.", "Calle Mayor 5, 50001 Zaragoza"),
        *stack(120, "Cliente", "Granja Olmos S.A.", "Avenida Sol 3, 41001 Sevilla"),
        (190, [(60, "CONFIRMACIÓN DE PEDIDO")]),
        (210, [(60, "Nº confirmación"), (170, "Su referencia de pedido"), (330, "Fecha")]),
        (222, [(60, "AB-771"), (170, "OS-2024/118"), (330, "14/03/2024")]),
        (260, [(60, "Concepto"), (340, "Cant.", "r"), (420, "Precio", "r"), (535, "Total", "r")]),
        (
            276,
            [(60, "Maintenance contract"), (340, "4", "r"), (420, "25,00", "r")]
            + [(535, "100,00", "r")],
        ),
        (320, [(360, "Base imponible"), (535, "100,00", "r")]),
        (332, [(360, "IVA 21%"), (535, "21,00", "r")]),
        (344, [(360, "Total"), (535, "121,00", "r")]),
    ]
    result = extract(settings, draw(tmp_path / "s.pdf", rows))
    assert result["doc_type"] == "order_confirmation"
    assert (result["fields"]["order_number"], result["fields"]["po_number"]) == (
        "AB-771",
        "OS-2024/118",
    )


def test_an_items_code_under_a_title_is_no_document_number(
    settings: Settings, tmp_path: Path
) -> None:
    # the title in large type, then the item table: the first row's code, under the
    # title's search for its number, is an item's code and no number of the document
    height = A4[1]
    pdf = tmp_path / "t.pdf"
    canvas = Canvas(str(pdf), pagesize=A4)
    canvas.setFont("Helvetica", 9)
    for top, x, text in [
        (50, 60, "Solvang Tegel B.V."),
        (62, 60, "Kade 4, 3011 AB Rotterdam"),
        (110, 60, "Bouwbedrijf Meeuw B.V."),
        (122, 60, "Dorpsstraat 8, 1011 AA Amsterdam"),
        (134, 60, "Datum: 14-03-2024"),
    ]:
        canvas.drawString(x, height - top, text)
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(60, height - 180, "ORDERBEVESTIGING")
    canvas.setFont("Helvetica", 9)
    for top, cells in [
        (200, [(60, "Artikelnr."), (150, "Omschrijving"), (420, "Aantal"), (535, "Totaal")]),
        (214, [(60, "TG-3301"), (150, "Vloertegels"), (420, "40"), (535, "100,00")]),
        (250, [(360, "Netto"), (535, "100,00")]),
        (262, [(360, "BTW 21%"), (535, "21,00")]),
        (274, [(360, "Totaal"), (535, "121,00")]),
    ]:
        for x, text in cells:
            canvas.drawString(x, height - top, text)
    canvas.save()
    result = extract(settings, pdf)
    assert result["doc_type"] == "order_confirmation"
    assert "order_number" not in result["fields"]
    assert [i["code"] for i in result["fields"]["line_items"]] == ["TG-3301"]


def test_the_only_date_left_is_the_due_dates_not_the_issue_dates(
    settings: Settings, tmp_path: Path
) -> None:
    # the issue date unreadable (a scan's smudge): the one date printed is labelled as the
    # due date, and is no issue date
    rows: Rows = [
        *stack(50, "Kesselberg Druck AG", "Hafenstraße 3, 28195 Bremen"),
        *stack(120, "Möbelhaus Tanne GmbH", "Ulmenweg 8, 34117 Kassel"),
        (190, [(60, "RECHNUNG")]),
        *stack(206, "Rechnungsnummer: KD-5522", "Fällig am: 14. September 2025"),
        *TABLE,
    ]
    fields = extract(settings, draw(tmp_path / "f.pdf", rows))["fields"]
    assert fields["due_date"] == "2025-09-14"
    assert "issue_date" not in fields


def test_the_day_of_a_written_out_date_under_the_title_is_no_number(
    settings: Settings, tmp_path: Path
) -> None:
    # the title names the number ("Confirmación de pedido") but the grid's labels were
    # lost (OCR drops small print): under the title stands the date, not a number
    rows: Rows = [
        *stack(50, "Lindqvar Suministros S.L.", "Avenida Garten 105, 30001 Murcia"),
        *stack(120, "Ferretería Colmenar S.A.", "Calle Mayor 12, 50001 Zaragoza"),
        (190, [(200, "CONFIRMACIÓN DE PEDIDO")]),
        (212, [(60, "SO-202486990"), (200, "28 de junio de 2024")]),
        *TABLE,
    ]
    result = extract(settings, draw(tmp_path / "c.pdf", rows))
    assert result["doc_type"] == "order_confirmation"
    assert result["fields"]["issue_date"] == "2024-06-28"
    assert "order_number" not in result["fields"]  # ("28" before) no answer beats a wrong one
