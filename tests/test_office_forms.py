"""Office-form conventions the layout stress generator's ``benchmarks/synth_forms.py``
found misread, drawn here at test time with invented companies: a row of boxed details
(the person in charge, the carrier, the delivery and payment terms) between a document's
details and its table, a quote's customer under "Prepared for", and a shipping charge
added after the tax."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake.extractors.extraction.roles import name_key
from intake.settings import Settings
from tests.test_extraction import extract
from tests.test_layouts import draw
from tests.test_unseen_layouts import TABLE, Rows, ours

#: our letterhead (the settings of :func:`ours` name us) and the supplier in the window
OUR_ORDER_HEAD: Rows = [
    (40, [(60, "Harwick Foundry GmbH")]),
    (54, [(60, "Gießereiweg 4, 34117 Kassel")]),
    (66, [(60, "USt-IdNr. DE298765431")]),
    (140, [(60, "Bramwell Castings Ltd")]),
    (152, [(60, "22 Quarry Road")]),
    (164, [(60, "Leeds LS9 4QT")]),
    (230, [(60, "PURCHASE ORDER")]),
    (250, [(60, "PO Number:"), (160, "PO-55120")]),
]


#: a supplier's letterhead, over the customer's window
SUPPLIER_HEAD: Rows = [
    (40, [(60, "Aldermoor Metals Ltd")]),
    (54, [(60, "58 High Street, Bristol BS1 4AB")]),
]


@pytest.mark.parametrize(
    ("headers", "values"),
    [
        (["Buyer", "Ship Via", "F.O.B.", "Terms"], ["Tom Ashby", "UPS Ground", "Origin", "Net 30"]),
        (
            ["Comprador", "Envío", "Condiciones de entrega", "Forma de pago"],
            ["Anna Berglund", "Agencia", "Portes pagados", "Transferencia 30 días"],
        ),
    ],
)
def test_the_buyer_in_a_row_of_boxed_details_is_a_person_not_the_party(
    settings: Settings, tmp_path: Path, headers: list[str], values: list[str]
) -> None:
    """Our order names its buyer (the person who buys for us) in a row of boxed details:
    the header's value is the cell under it, not the header beside it, and a person in
    charge of the order is not the buying company."""
    xs = (60, 180, 300, 420)
    details: Rows = [
        (270, list(zip(xs, headers, strict=True))),
        (282, list(zip(xs, values, strict=True))),
    ]
    pdf = draw(tmp_path / "po.pdf", [*OUR_ORDER_HEAD, *details, *TABLE])
    fields = extract(ours(settings), pdf)["fields"]
    assert fields["po_number"] == "PO-55120"
    assert fields["vendor"] == "Bramwell Castings Ltd"
    assert fields["buyer"] == "Harwick Foundry GmbH"


def test_a_label_word_among_boxed_values_is_a_value(settings: Settings, tmp_path: Path) -> None:
    """ "Destinatario" (who pays the carriage) under "Spedizione" is a value of the row,
    not the label of the customer's block: the customer is the addressee in the window."""
    rows: Rows = [
        (40, [(60, "Corvina Utensili S.r.l.")]),
        (54, [(60, "Via Olivo 9, 43121 Parma")]),
        (140, [(60, "Ostrander Kitchens S.r.l.")]),
        (152, [(60, "Corso Roble 95")]),
        (164, [(60, "20121 Milano")]),
        (230, [(60, "OFFERTA")]),
        (250, [(60, "Offerta n."), (160, "OF-2207")]),
        (270, [(60, "Referente"), (180, "Spedizione"), (300, "Resa"), (420, "Pagamento")]),
        (282, [(60, "Tom Ashby"), (180, "Destinatario"), (300, "Franco destino"), (420, "30 gg")]),
        *TABLE,
    ]
    fields = extract(settings, draw(tmp_path / "q.pdf", rows))["fields"]
    assert fields["vendor"] == "Corvina Utensili S.r.l."
    assert fields["buyer"] == "Ostrander Kitchens S.r.l."


@pytest.mark.parametrize(
    ("label", "title"),
    [
        ("Prepared for", "QUOTATION"),
        ("Angebot für", "ANGEBOT"),
        ("Devis pour", "DEVIS"),
        ("Preparato per", "PREVENTIVO"),
    ],
)
def test_a_quote_names_its_customer_under_prepared_for(
    settings: Settings, tmp_path: Path, label: str, title: str
) -> None:
    """A quote heads its customer's block "Prepared for" (or "Quote for"): the words are
    the block's label, the name under them the buyer."""
    rows: Rows = [
        *SUPPLIER_HEAD,
        (128, [(60, label)]),
        (140, [(60, "Vessmark Hydraulics Ltd")]),
        (152, [(60, "22 Quarry Road")]),
        (164, [(60, "Leeds LS9 4QT")]),
        (230, [(60, title)]),
        *TABLE,
    ]
    fields = extract(settings, draw(tmp_path / "q.pdf", rows))["fields"]
    assert fields["vendor"] == "Aldermoor Metals Ltd"
    assert fields["buyer"] == "Vessmark Hydraulics Ltd"


def test_a_shipping_charge_after_several_taxes(settings: Settings, tmp_path: Path) -> None:
    """Net, a tax row per rate, then shipping and handling, then the total: the total is
    net plus both taxes plus the charge, so the tax is the two rows' sum."""
    rows: Rows = [
        *SUPPLIER_HEAD,
        (140, [(60, "Vessmark Hydraulics Ltd")]),
        (152, [(60, "22 Quarry Road")]),
        (230, [(60, "INVOICE")]),
        (250, [(60, "Invoice No.:"), (160, "AM-3381")]),
        (
            300,
            [
                (60, "Description"),
                (360, "Qty", "r"),
                (450, "Unit Price", "r"),
                (535, "Amount", "r"),
            ],
        ),
        (316, [(60, "Printer toner"), (360, "2", "r"), (450, "120.00", "r"), (535, "240.00", "r")]),
        (330, [(60, "Cable ties"), (360, "10", "r"), (450, "3.50", "r"), (535, "35.00", "r")]),
        (370, [(380, "Subtotal"), (535, "275.00", "r")]),
        (384, [(380, "VAT 5%"), (535, "12.00", "r")]),
        (398, [(380, "VAT 20%"), (535, "7.00", "r")]),
        (412, [(380, "Shipping & Handling"), (535, "15.95", "r")]),
        (426, [(380, "Total"), (535, "309.95", "r")]),
    ]
    fields = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]
    assert fields["subtotal"] == "275.00"
    assert fields["tax"] == "19.00"
    assert fields["total"] == "309.95"


def test_quantities_ordered_shipped_and_back_ordered_under_a_discounted_item(
    settings: Settings, tmp_path: Path
) -> None:
    """An invoice of a short delivery prints the quantity ordered, shipped and back-
    ordered; a discount row under an item takes a sum off the gross amount printed on
    it. The quantity charged is the one that multiplies with the price to that gross."""
    rows: Rows = [
        *SUPPLIER_HEAD,
        (140, [(60, "Vessmark Hydraulics Ltd")]),
        (230, [(60, "INVOICE")]),
        (250, [(60, "Invoice No.:"), (160, "AM-3382")]),
        (
            300,
            [
                (60, "Description"),
                (290, "Ordered", "r"),
                (335, "Shipped", "r"),
                (370, "B/O", "r"),
                (450, "Unit Price", "r"),
                (535, "Amount", "r"),
            ],
        ),
        (
            316,
            [
                (60, "Cable ties"),
                (290, "10", "r"),
                (335, "5", "r"),
                (370, "5", "r"),
                (450, "1,009.18", "r"),
                (535, "5,045.90", "r"),
            ],
        ),
        (328, [(70, "Discount 15%"), (535, "-756.88", "r")]),
        (
            344,
            [
                (60, "Copper pipe"),
                (290, "40", "r"),
                (335, "40", "r"),
                (370, "0", "r"),
                (450, "2,388.84", "r"),
                (535, "95,553.60", "r"),
            ],
        ),
        (380, [(380, "Subtotal"), (535, "99,842.62", "r")]),
        (394, [(380, "VAT 20%"), (535, "19,968.52", "r")]),
        (408, [(380, "Total"), (535, "119,811.14", "r")]),
    ]
    items = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]["line_items"]
    got = [(i["quantity"], i["unit_price"], i["amount"]) for i in items]
    assert got == [("5", "1009.18", "4289.02"), ("40", "2388.84", "95553.60")]


@pytest.mark.parametrize(
    ("supplier_label", "buyer_line"),
    [("Fournisseur", "Acheteur: Lucie Morand"), ("Supplier", "Buyer: Tom Ashby")],
)
def test_our_order_names_the_person_who_buys_for_us(
    settings: Settings, tmp_path: Path, supplier_label: str, buyer_line: str
) -> None:
    """Our order, the supplier under its label, our name in the sender line and a
    "Buyer: <person>" line among the details: we are the buyer, the person buys for us."""
    rows: Rows = [
        (40, [(60, "Harwick Foundry GmbH · Gießereiweg 4 · 34117 Kassel")]),
        (60, [(60, supplier_label), (240, "Deliver to")]),
        (72, [(60, "Elmsworth Software SA"), (240, "Harwick Foundry GmbH")]),
        (84, [(60, "169 rue des Gartens"), (240, "Gießereiweg 4")]),
        (96, [(60, "89098 Rennes"), (240, "34117 Kassel")]),
        (160, [(60, "PURCHASE ORDER")]),
        (180, [(60, "PO Number: BE-5212")]),
        (192, [(60, "Date: 16/01/2024")]),
        (204, [(60, buyer_line), (300, "Ship via: UPS Ground")]),
        *TABLE,
    ]
    fields = extract(ours(settings), draw(tmp_path / "po.pdf", rows))["fields"]
    assert fields["vendor"] == "Elmsworth Software SA"
    assert name_key(fields["buyer"]) == name_key("Harwick Foundry")  # us, legal form or not
