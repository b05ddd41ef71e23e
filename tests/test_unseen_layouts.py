"""Layouts the layout stress generator (``benchmarks/synthetic.py``) found misread, each
drawn here at test time with invented companies: the addressee's block closed by its VAT
id, a letterhead of name and address alone over the window, a label heading the window,
purchase orders between us and a supplier, and numbers printed after a title or under a
"No." that comes first."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from intake.extractors.extraction.roles import assign_roles, company_of
from intake.extractors.reading.text import read_text
from intake.record import Field, Record
from intake.settings import Settings
from tests.test_extraction import extract
from tests.test_layouts import Cell

Rows = list[tuple[float, Sequence[Cell]]]

TABLE: Rows = [
    (300, [(60, "Description"), (360, "Qty", "r"), (450, "Unit Price", "r"), (535, "Amount", "r")]),
    (
        316,
        [(60, "Steel shelving unit"), (360, "2", "r"), (450, "120.00", "r"), (535, "240.00", "r")],
    ),
    (330, [(60, "Cable ties"), (360, "10", "r"), (450, "3.50", "r"), (535, "35.00", "r")]),
    (370, [(380, "Subtotal"), (535, "275.00", "r")]),
    (384, [(380, "VAT 20%"), (535, "55.00", "r")]),
    (398, [(380, "Total"), (535, "330.00", "r")]),
]


def letter(
    path: Path, head: Rows, window: Rows, title: str, meta: Rows, *, big_name: bool = False
) -> Path:
    """A letter: ``head`` and ``window`` rows, the title in large bold type 250 pt from the
    top, ``meta`` rows and a priced table with its totals; with ``big_name`` the first row
    of ``head`` (the issuer's name) in large bold type."""
    height = A4[1]
    canvas = Canvas(str(path), pagesize=A4)
    for i, (top, cells) in enumerate([*head, *window, *meta, *TABLE]):
        canvas.setFont(*(("Helvetica-Bold", 18) if big_name and i == 0 else ("Helvetica", 9)))
        for cell in cells:
            if len(cell) > 2:
                canvas.drawRightString(cell[0], height - top, cell[1])
            else:
                canvas.drawString(cell[0], height - top, cell[1])
    canvas.setFont("Helvetica-Bold", 17)
    canvas.drawString(60, height - 250, title)
    canvas.save()
    return path


def test_addressee_block_closed_by_its_vat_id(settings: Settings, tmp_path: Path) -> None:
    """An EU invoice prints the customer's VAT id under its address: the block is still
    the addressee's window, unlabelled, below the seller's details."""
    pdf = letter(
        tmp_path / "i.pdf",
        [(40, [(60, "Quillmore Fasteners Ltd")]), (54, [(60, "VAT No. GB123456789")])],
        [
            (140, [(60, "Ostrander Kitchens Ltd")]),
            (152, [(60, "14 Mill Lane")]),
            (164, [(60, "Leeds LS2 7AB")]),
            (176, [(60, "VAT No. GB987654321")]),
        ],
        "INVOICE",
        [(140, [(380, "Invoice No."), (535, "QF-1182", "r")])],
    )
    fields = extract(settings, pdf)["fields"]
    assert fields["buyer"] == "Ostrander Kitchens Ltd"
    assert fields["vendor"] == "Quillmore Fasteners Ltd"


def test_window_below_a_letterhead_of_name_and_address(settings: Settings, tmp_path: Path) -> None:
    """A letterhead of name, street and town alone (no telephone, no VAT id) still comes
    before the addressee: the name heading the postal block below it is the buyer."""
    pdf = letter(
        tmp_path / "i.pdf",
        [
            (40, [(300, "Verbrugge Drukwerk B.V.")]),
            (54, [(300, "Kerkstraat 12")]),
            (66, [(300, "3511 AB Utrecht")]),
        ],
        [
            (140, [(60, "Hollander Meubelen B.V.")]),
            (152, [(60, "Dorpsweg 8")]),
            (164, [(60, "7411 KK Deventer")]),
        ],
        "FACTUUR",
        [(140, [(380, "Factuurnummer"), (535, "VD-2210", "r")])],
    )
    fields = extract(settings, pdf)["fields"]
    assert fields["buyer"] == "Hollander Meubelen B.V."
    assert fields["vendor"] == "Verbrugge Drukwerk B.V."


@pytest.mark.parametrize(
    ("label", "title"),
    [
        ("Rechnungsadresse", "RECHNUNG"),
        ("Faturar a", "FATURA"),
        ("Intestatario", "FATTURA"),
        ("Factuuradres", "FACTUUR"),
    ],
)
def test_label_heading_the_window_is_no_name(
    settings: Settings, tmp_path: Path, label: str, title: str
) -> None:
    """A label word is never a value: the addressee's block headed by its label gives the
    name under it."""
    pdf = letter(
        tmp_path / "i.pdf",
        [(40, [(60, "Tessaro Lamiere S.p.A.")]), (54, [(60, "Via Roma 4, 24121 Bergamo")])],
        [
            (126, [(60, label)]),
            (140, [(60, "Brockmann Anlagenbau GmbH")]),
            (152, [(60, "Hafenstraße 3")]),
            (164, [(60, "28195 Bremen")]),
        ],
        title,
        [(140, [(380, "No."), (535, "TL-4410", "r")])],
    )
    fields = extract(settings, pdf)["fields"]
    assert fields["buyer"] == "Brockmann Anlagenbau GmbH"
    assert fields["vendor"] == "Tessaro Lamiere S.p.A."


def quote(path: Path, title: str, meta: Rows) -> Path:
    return letter(
        path,
        [(40, [(60, "Tessaro Lamiere S.p.A.")]), (54, [(60, "Via Roma 4, 24121 Bergamo")])],
        [(140, [(60, "Brockmann Anlagenbau GmbH")]), (152, [(60, "28195 Bremen")])],
        title,
        meta,
    )


def beside(label: str, number: str, date_label: str) -> Rows:
    """Labels in a column at the right, each value right-aligned beside its label."""
    return [
        (140, [(380, label), (535, number, "r")]),
        (152, [(380, date_label), (535, "24/09/2024", "r")]),
    ]


@pytest.mark.parametrize(
    ("title", "meta", "field", "number"),
    [
        # a title with its number after a number word: "PRIJSOPGAVE Nr. Q-4410"
        ("PRIJSOPGAVE Nr. Q-4410", [], "quote_number", "Q-4410"),
        ("ORDINE DI ACQUISTO n. BE-2024/118", [], "po_number", "BE-2024/118"),
        # the number word first, its value under it
        ("PREVENTIVO", beside("N. offerta:", "Q-24/3919", "Data:"), "quote_number", "Q-24/3919"),
        ("PEDIDO", beside("Nº de pedido:", "P-24/7781", "Fecha:"), "po_number", "P-24/7781"),
        (
            "NOTA DE ENCOMENDA",
            beside("Nº do pedido:", "E-24/512", "Data:"),
            "po_number",
            "E-24/512",
        ),
        (
            "CONFIRMACIÓN DE PEDIDO",
            beside("Nº confirmación:", "OC-24/77", "Fecha:"),
            "order_number",
            "OC-24/77",
        ),
        (
            "CONFIRMAÇÃO DE ENCOMENDA",
            beside("Nº da confirmação:", "CE-24/78", "Data:"),
            "order_number",
            "CE-24/78",
        ),
        # the customer's order on an invoice: "Votre bon de commande"
        (
            "FACTURE",
            beside("Votre bon de commande :", "BC-24/231", "Date :"),
            "po_number",
            "BC-24/231",
        ),
        # a pro-forma's number in any language
        (
            "Proformarechnung",
            [(270, [(60, "Proforma-Nr.: PF-24-118")])],
            "quote_number",
            "PF-24-118",
        ),
    ],
)
def test_document_numbers_after_titles_and_number_words(
    settings: Settings, tmp_path: Path, title: str, meta: Rows, field: str, number: str
) -> None:
    result = extract(settings, quote(tmp_path / "q.pdf", title, meta))
    assert result["fields"][field] == number


def test_order_reference_under_rif_ordine(settings: Settings, tmp_path: Path) -> None:
    """An Italian invoice names the customer's order "Rif. ordine", its own number
    "N. documento"."""
    meta: Rows = [
        (140, [(380, "N. documento:"), (535, "F-82712", "r")]),
        (152, [(380, "Rif. ordine:"), (535, "PO-26304", "r")]),
    ]
    fields = extract(settings, quote(tmp_path / "i.pdf", "FATTURA", meta))["fields"]
    assert (fields["invoice_number"], fields["po_number"]) == ("F-82712", "PO-26304")


def ours(settings: Settings) -> Settings:
    """The settings with our company named, its VAT id given."""
    return settings.model_copy(
        update={
            "company_name": "Harwick Foundry",
            "company_aliases": ["Harwick Foundry GmbH"],
            "company_vat_ids": ["DE298765431"],
        }
    )


def customer_order(path: Path, supplier_label: str) -> Path:
    """A purchase order a customer sends us: its letterhead, and us in the window,
    with our VAT id (under a supplier label, or none)."""
    window: Rows = [
        (140, [(60, "Harwick Foundry GmbH")]),
        (152, [(60, "Gießereiweg 4")]),
        (164, [(60, "34117 Kassel")]),
        (176, [(60, "USt-IdNr. DE298765431")]),
    ]
    if supplier_label:
        window = [(126, [(60, supplier_label)]), *window]
    return letter(
        path,
        [(40, [(300, "Brennecke Maschinenbau AG")]), (54, [(300, "Am Ring 7, 28195 Bremen")])],
        window,
        "BESTELLUNG",
        [(140, [(380, "Bestellnummer:"), (535, "BM-4410", "r")])],
    )


@pytest.mark.parametrize("supplier_label", ["", "Lieferant"])
def test_purchase_order_addressed_to_us(
    settings: Settings, tmp_path: Path, supplier_label: str
) -> None:
    """A purchase order is addressed to its supplier: sent to us, we are the vendor and
    the customer who issued it is the buyer (our VAT id in the window is the addressee's,
    not a sign that we issued it)."""
    pdf = customer_order(tmp_path / "po.pdf", supplier_label)
    result = extract(ours(settings), pdf)
    assert result["doc_type"] == "purchase_order"
    fields = result["fields"]
    assert fields["vendor"] == "Harwick Foundry GmbH"
    assert fields["buyer"] == "Brennecke Maschinenbau AG"


def test_our_order_with_a_supplier_block(settings: Settings, tmp_path: Path) -> None:
    """Our own purchase order: our letterhead and the supplier's block under its label;
    the supplier is the vendor and we, its issuer, are the buyer, as the letterhead
    names us."""
    pdf = letter(
        tmp_path / "po.pdf",
        [
            (40, [(60, "Harwick Foundry GmbH")]),
            (54, [(60, "Gießereiweg 4, 34117 Kassel")]),
            (66, [(60, "USt-IdNr. DE298765431")]),
        ],
        [
            (126, [(60, "Lieferant")]),
            (140, [(60, "Brennecke Maschinenbau AG")]),
            (152, [(60, "Am Ring 7")]),
            (164, [(60, "28195 Bremen")]),
        ],
        "BESTELLUNG",
        [(140, [(380, "Bestellnummer:"), (535, "HF-4410", "r")])],
    )
    fields = extract(ours(settings), pdf)["fields"]
    assert fields["vendor"] == "Brennecke Maschinenbau AG"
    assert fields["buyer"] == "Harwick Foundry GmbH"


@pytest.mark.parametrize(
    "label",
    # the supplier under its label, or our customer's form of address over it: either way
    # we, the issuer, are named as the letterhead prints us
    ["Spett.le Fornitore", "Fornitore", "Spett.le"],
)
def test_our_italian_order_to_its_supplier(settings: Settings, tmp_path: Path, label: str) -> None:
    """The form of address "Spett.le" addresses whoever receives the document: on our
    order, before "Fornitore" (supplier) it heads the supplier's block, the vendor's."""
    pdf = letter(
        tmp_path / "po.pdf",
        [
            (40, [(60, "Harwick Foundry GmbH")]),
            (54, [(60, "Gießereiweg 4, 34117 Kassel")]),
            (66, [(60, "USt-IdNr. DE298765431")]),
        ],
        [
            (126, [(330, label)]),
            (140, [(330, "Ferramenta Bellini S.r.l.")]),
            (152, [(330, "Via Roma 12")]),
            (164, [(330, "40121 Bologna")]),
        ],
        "ORDINE DI ACQUISTO",
        [(140, [(60, "Ordine n."), (180, "OA-245")])],
    )
    fields = extract(ours(settings), pdf)["fields"]
    assert fields["vendor"] == "Ferramenta Bellini S.r.l."
    assert fields["buyer"] == "Harwick Foundry GmbH"


@pytest.mark.parametrize(
    ("title", "meta"),
    [
        # the bare word over the order's date, in a row of labels
        (
            "PEDIDO",
            [
                (270, [(60, "Fecha"), (180, "Entrega")]),
                (282, [(60, "14/10/2024"), (180, "05/11/2024")]),
            ],
        ),
        (
            "ORDINE DI ACQUISTO",
            [
                (270, [(60, "Data"), (180, "Consegna")]),
                (282, [(60, "14/10/2024"), (180, "05/11/2024")]),
            ],
        ),
        (
            "NOTA DE ENCOMENDA",
            [
                (140, [(380, "Data:"), (535, "14/10/2024", "r")]),
                (152, [(380, "Data de entrega:"), (535, "05/11/2024", "r")]),
            ],
        ),
        (
            "PURCHASE ORDER",
            [
                (140, [(380, "Date:"), (535, "14 October 2024", "r")]),
                (152, [(380, "Required by:"), (535, "5 November 2024", "r")]),
            ],
        ),
        # the bare word alone in its cell beside the date, in every language
        *(
            (
                title,
                [
                    (140, [(380, date), (535, "14/10/2024", "r")]),
                    (152, [(380, word), (535, "05/11/2024", "r")]),
                ],
            )
            for title, date, word in (
                ("PURCHASE ORDER", "Date", "Delivery"),
                ("BESTELLUNG", "Datum", "Lieferung:"),
                ("BON DE COMMANDE", "Date", "Livraison"),
                ("BON DE COMMANDE", "Date", "Livraison souhaitée"),
                ("BESTELLING", "Datum", "Levering"),
            )
        ),
    ],
)
def test_delivery_date_of_an_order(
    settings: Settings, tmp_path: Path, title: str, meta: Rows
) -> None:
    """An order's requested delivery date under "Entrega", "Consegna", "Data de entrega",
    "Required by"."""
    result = extract(settings, quote(tmp_path / "po.pdf", title, meta))
    assert result["doc_type"] == "purchase_order"
    assert result["fields"]["delivery_date"] == "2024-11-05"


def _customer_order(
    path: Path, lang: str, name: str = "Brennecke Maschinenbau AG", **layout: object
) -> tuple[Path, str]:
    """A purchase order a customer sends our company, drawn by the layout stress generator
    (:mod:`benchmarks.synth_draw`) with the layout choices given; returns the PDF and the
    customer's name."""
    import random

    from benchmarks.synth_docs import OUR_NAME, OUR_VAT, Party, make_spec
    from benchmarks.synth_draw import draw as draw_spec

    spec = make_spec(random.Random(11), lang, "purchase_order")
    customer = Party(name, ["Am Ring 7", "28195 Bremen"])
    customer.vat = "DE213329059"
    spec.seller = Party(OUR_NAME, ["Gießereiweg 4", "34117 Kassel"], OUR_VAT)
    spec.buyer, spec.issuer = customer, "buyer"
    spec.layout = {**spec.layout, **layout}
    return draw_spec(path, spec), customer.name


def _generator_settings(settings: Settings) -> Settings:
    from benchmarks.synth_docs import OUR_ALIASES, OUR_NAME, OUR_VAT

    return settings.model_copy(
        update={
            "company_name": OUR_NAME,
            "company_aliases": list(OUR_ALIASES),
            "company_vat_ids": [OUR_VAT],
        }
    )


def test_customer_order_to_us_with_our_vat_id_in_the_window(
    settings: Settings, tmp_path: Path
) -> None:
    """Our VAT id in the window near the top, under a supplier label: we are the supplier
    the order is addressed to, not its issuer (the issuer's letterhead on the right, its
    own VAT id in the footer)."""
    from benchmarks.synth_docs import OUR_NAME

    pdf, customer = _customer_order(
        tmp_path / "po.pdf",
        "es",
        letterhead="right",
        buyer_label=True,
        window_sender=True,
        ship_to=False,
        vat_place="footer",
        attn="over",
    )
    fields = extract(_generator_settings(settings), pdf)["fields"]
    assert (fields["vendor"], fields["buyer"]) == (OUR_NAME, customer)


def test_customer_order_whose_delivery_address_is_its_own(
    settings: Settings, tmp_path: Path
) -> None:
    """A customer's order with its own delivery address beside the window: the issuer
    read as both parties is the buyer, and we (in the window) are the supplier."""
    from benchmarks.synth_docs import OUR_NAME

    pdf, customer = _customer_order(
        tmp_path / "po.pdf",
        "de",
        "Brennecke Maschinenbau GmbH & Co. KG",
        letterhead="right",
        buyer_label=False,
        window_sender=False,
        ship_to=True,
        ship_first=False,
        vat_place="none",
        salutation=True,
    )
    fields = extract(_generator_settings(settings), pdf)["fields"]
    # the buyer is the issuer, as its delivery block names it ("GmbH & Co. KG" is one
    # legal form)
    assert (fields["vendor"], fields["buyer"]) == (OUR_NAME, customer)


def test_a_contact_heading_run_into_a_delivery_label_is_no_buyer(
    settings: Settings, tmp_path: Path
) -> None:
    """Over three blocks side by side (the window, a service address, the seller's
    contacts) the contacts' heading is a sentence ("Sie erreichen uns unter", "you can
    reach us at"), read in one cell with the service address's label: a sentence is no
    name, and the buyer is the one named in the window and under the label."""
    height = A4[1]
    canvas = Canvas(str(tmp_path / "i.pdf"), pagesize=A4)

    def put(x: float, top: float, text: str, size: float = 8.5) -> None:
        canvas.setFont("Helvetica", size)
        canvas.drawString(x, height - top - size, text)

    put(57, 130, "Halvorsen Werkzeuge GmbH · Hafenweg 3 · 28195 Bremen", 5.5)
    put(288, 130, "Leistungsadresse")
    put(429, 130, "Sie erreichen uns unter")
    rows = [
        ("Jonas Peters", "Jonas Peters", "Halvorsen Werkzeuge GmbH"),
        ("Lindenallee 12", "Lindenallee 12", "Anna Berg"),
        ("70188 Stuttgart", "70188 Stuttgart", "Hafenweg 3"),
        ("Deutschland", "", "28195 Bremen"),
    ]
    for i, row in enumerate(rows):
        for x, text in zip((57, 288, 429), row, strict=True):
            put(x, 141 + 10.5 * i, text)
    canvas.setFont("Helvetica-Bold", 11)
    canvas.drawString(57, height - 254, "Rechnung")
    for x, top, text in [
        (57, 278, "Belegnummer"),
        (230, 278, "R-2025-118"),
        (380, 278, "Belegdatum"),
        (470, 278, "18.02.2025"),
        (57, 320, "Pos"),
        (100, 320, "Bezeichnung"),
        (350, 320, "Menge"),
        (420, 320, "Preis"),
        (500, 320, "Betrag"),
        (57, 332, "1"),
        (100, 332, "Toller Artikel"),
        (350, 332, "2"),
        (420, 332, "10,00"),
        (500, 332, "20,00"),
        (380, 360, "Summe netto"),
        (500, 360, "20,00"),
        (380, 372, "USt 19 %"),
        (500, 372, "3,80"),
        (380, 384, "Gesamtbetrag EUR"),
        (500, 384, "23,80"),
    ]:
        put(x, top, text)
    canvas.save()
    fields = extract(settings, tmp_path / "i.pdf")["fields"]
    assert (fields["buyer"], fields["vendor"]) == ("Jonas Peters", "Halvorsen Werkzeuge GmbH")


@pytest.mark.parametrize(
    ("letterhead", "vendor"),
    [
        ("Fjordal Packaging S.r.l. - Corso Pinos 161 - 66971 Parma", "Fjordal Packaging S.r.l."),
        ("Fjordal Packaging - Corso Pinos 161 - 66971 Parma", None),
    ],
)
def test_a_quote_to_us_read_as_sold_by_us_is_not(
    settings: Settings, tmp_path: Path, letterhead: str, vendor: str | None
) -> None:
    # a scan's letterhead unread as a company, our name read as both parties: we did not
    # sell to ourselves, so the vendor is the other company named, else none
    text = tmp_path / "q.txt"
    text.write_text(f"{letterhead}\nHarwick Foundry\nPREVENTIVO\nTotale 100,00\n")
    record = Record(
        path=text,
        original_name=text.name,
        pages=read_text(text, max_pages=1),
        doc_type="estimate",
        fields={
            "vendor": Field("Harwick Foundry", 0.6, "layout"),
            "buyer": Field("Harwick Foundry", 0.7, "layout"),
        },
    )
    fields = assign_roles(record, company_of(ours(settings))).fields
    assert (fields["vendor"].value if "vendor" in fields else None) == vendor
    assert fields["buyer"].value == "Harwick Foundry"
