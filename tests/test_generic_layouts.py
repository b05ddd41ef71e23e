"""Generic supplier layouts the layout stress generator's ``benchmarks/synth_layouts.py``
found misread, drawn here at test time with invented companies: seller and buyer blocks
side by side under their role labels (the way e-invoice visualisations print them), the
buyer's on the left."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from intake.extractors.extraction.analysis import reading_for
from intake.extractors.extraction.labels import LABELS, label_set
from intake.extractors.extraction.recipient import recipient_names
from intake.extractors.reading.text import read_text
from intake.record import Record
from intake.settings import Settings
from tests.test_extraction import extract
from tests.test_layouts import draw
from tests.test_unseen_layouts import Rows, letter, ours


@pytest.mark.parametrize(
    ("seller_label", "buyer_label", "title", "number_label"),
    [
        ("Venditore", "Cliente", "FATTURA", "Fattura n."),
        ("Cedente / Prestatore", "Cessionario / Committente", "FATTURA", "Fattura n."),
        ("Emitente", "Cliente", "FATURA", "Fatura n.º"),
        ("Van", "Klant", "FACTUUR", "Factuurnummer"),
        ("From", "Bill to", "INVOICE", "Invoice No."),
    ],
)
def test_seller_and_buyer_side_by_side_under_role_labels(
    settings: Settings,
    tmp_path: Path,
    seller_label: str,
    buyer_label: str,
    title: str,
    number_label: str,
) -> None:
    """The buyer's block and the seller's stand side by side, each under the word of its
    role, under a letterhead: the seller's role word is a label, never the buyer."""
    window: Rows = [
        (130, [(60, buyer_label), (300, seller_label)]),
        (143, [(60, "Vessmark Hydraulics Ltd"), (300, "Corlandi Utensili S.r.l.")]),
        (155, [(60, "22 Quarry Road"), (300, "Via Torretta 18")]),
        (167, [(60, "Leeds LS9 4QT"), (300, "24122 Bergamo")]),
    ]
    pdf = letter(
        tmp_path / "i.pdf",
        [(40, [(300, "Corlandi Utensili S.r.l.")]), (54, [(300, "Via Torretta 18")])],
        window,
        title,
        [(200, [(60, number_label), (200, "CU-77120")])],
    )
    fields = extract(settings, pdf)["fields"]
    assert fields["vendor"] == "Corlandi Utensili S.r.l."
    assert fields["buyer"] == "Vessmark Hydraulics Ltd"


US: Rows = [
    (140, [(60, "Harwick Foundry GmbH")]),
    (152, [(60, "Gießereiweg 4")]),
    (164, [(60, "34117 Kassel")]),
    (176, [(60, "USt-IdNr. DE298765431")]),
]
#: a footer of columns naming the issuer: name and address | bank | register
FOOTER: Rows = [
    (770, [(60, "Brennecke Maschinenbau AG"), (230, "Bank: Nordfeld Bank"), (400, "HRB 4471")]),
    (780, [(60, "Am Ring 7"), (230, "IBAN DE44 5001 0517 5407 3249 31"), (400, "Amtsgericht")]),
    (790, [(60, "28195 Bremen"), (230, "BIC NORDDE2X"), (400, "Geschäftsführer: Ole Marten")]),
]
ORDER_META: Rows = [(200, [(60, "Bestellnummer:"), (200, "BM-4410")])]


def test_customer_order_whose_issuer_repeats_in_its_footer(
    settings: Settings, tmp_path: Path
) -> None:
    """A customer's purchase order names its issuer in the letterhead, the sender line
    and the footer, and us under the supplier label with our VAT id (which the window
    prints as high on the page as a letterhead would): we are the vendor."""
    head: Rows = [
        (40, [(300, "Brennecke Maschinenbau AG")]),
        (54, [(300, "Am Ring 7, 28195 Bremen")]),
        (114, [(60, "Brennecke Maschinenbau AG · Am Ring 7 · 28195 Bremen")]),
    ]
    window: Rows = [(126, [(60, "Lieferant")]), *US]
    pdf = letter(tmp_path / "po.pdf", head + FOOTER, window, "BESTELLUNG", ORDER_META)
    fields = extract(ours(settings), pdf)["fields"]
    # our company, as printed under the supplier label (as a customer's order naming us
    # its supplier reads it: test_addressee_blocks)
    assert fields["vendor"] == "Harwick Foundry GmbH"
    assert fields["buyer"] == "Brennecke Maschinenbau AG"


@pytest.mark.parametrize("dot", ["·", "-"])
def test_customer_order_under_a_logo(settings: Settings, tmp_path: Path, dot: str) -> None:
    """A customer's purchase order with a logo for a letterhead names its issuer only in
    the sender line over the window and in the footer: the sender line's own address is
    the issuer's, the window under it (us, with our VAT id) the addressee's. A scan's
    OCR reads the sender line's middle dots as dashes."""
    sender = f"Tessaro Lamiere S.p.A. {dot} Via Roma 4 {dot} 24121 Bergamo"
    head: Rows = [(126, [(60, sender)])]
    window: Rows = [
        (140, [(60, "Harwick Foundry GmbH")]),
        (152, [(60, "Gießereiweg 4")]),
        (164, [(60, "34117 Kassel")]),
        (176, [(60, "P. IVA DE298765431")]),
    ]
    footer: Rows = [
        (770, [(60, "Tessaro Lamiere S.p.A."), (230, "Banca Verdello"), (400, "REA BG 40417")]),
        (780, [(60, "Via Roma 4"), (230, "IBAN IT60 X054 2811 1010 0000 0123 456")]),
        (790, [(60, "24121 Bergamo"), (230, "BIC VERDITM1"), (400, "Amministratore: Ugo Sala")]),
    ]
    meta: Rows = [(200, [(60, "Ordine n.:"), (200, "TL-2210")])]
    pdf = letter(tmp_path / "po.pdf", head + footer, window, "ORDINE DI ACQUISTO", meta)
    fields = extract(ours(settings), pdf)["fields"]
    assert fields["vendor"] == "Harwick Foundry GmbH"
    assert fields["buyer"] == "Tessaro Lamiere S.p.A."


@pytest.mark.parametrize(
    ("words", "totals"),
    [
        (
            ("Taux", "Base HT", "Montant TVA", "TTC", "FACTURE", "Facture n°"),
            (
                "Total hors taxes",
                "Montant total TVA",
                "Total TTC",
                "Acompte versé",
                "Reste à payer",
            ),
        ),
        (
            ("Tarief", "Netto", "Btw", "Bruto", "FACTUUR", "Factuurnummer"),
            ("Totaal netto", "Totaal btw", "Totaal bruto", "Reeds betaald", "Te betalen"),
        ),
    ],
)
def test_tax_summary_and_totals_named_net_tax_gross(
    settings: Settings, tmp_path: Path, words: tuple[str, ...], totals: tuple[str, ...]
) -> None:
    """A tax summary table under the lines (rate | net | tax | gross), then the totals
    named net, tax and gross, a prepaid amount deducted from the gross: the total is the
    gross, the net total the subtotal, and neither is the tax's total."""
    rate, net, tax, gross, title, number = words
    dutch = title == "FACTUUR"  # thousands grouped with a dot, the currency's code after

    def amount(text: str, marked: bool = False) -> str:
        text = text.replace(" ", ".") if dutch else text
        return f"{text} EUR" if marked and dutch else f"{text} €" if marked else text

    rows: Rows = [
        (40, [(300, "Velours Atelier SARL")]),
        (54, [(300, "12 rue des Tanneurs, 69002 Lyon")]),
        (140, [(60, "Brakel Meubelen B.V.")]),
        (152, [(60, "Kerkstraat 12")]),
        (164, [(60, "3512 AB Utrecht")]),
        (200, [(60, title)]),
        (216, [(60, number), (200, "VA-5531")]),
        (260, [(60, "Qté"), (100, "Désignation"), (450, "PU", "r"), (535, "Montant", "r")]),
        (276, [(60, "4"), (100, "Fauteuil en chêne"), (450, "680,00", "r")]),
        (276, [(535, amount("2 720,00"), "r")]),
        (330, [(60, rate), (260, net, "r"), (360, tax, "r"), (460, gross, "r")]),
        (344, [(60, "20 %"), (260, amount("2 720,00"), "r"), (360, "544,00", "r")]),
        (344, [(460, amount("3 264,00"), "r")]),
        (380, [(350, totals[0]), (535, amount("2 720,00", True), "r")]),
        (394, [(350, totals[1]), (535, amount("544,00", True), "r")]),
        (408, [(350, totals[2]), (535, amount("3 264,00", True), "r")]),
        (422, [(350, totals[3]), (535, amount("-1 000,00", True), "r")]),
        (436, [(350, totals[4]), (535, amount("2 264,00", True), "r")]),
    ]
    fields = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]
    assert (fields["subtotal"], fields["tax"], fields["total"]) == ("2720.00", "544.00", "3264.00")


def boxed_grid(path: Path, title: str, cells: list[tuple[str, str]]) -> Path:
    """An invoice whose details stand in a row of boxes, a small label cell over each
    value cell, under its title, with the totals named as usual below the lines."""
    width, height = A4
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica-Bold", 18)
    canvas.drawString(60, height - 50, "Lisboa Molduras Lda.")
    canvas.setFont("Helvetica", 10)
    for i, text in enumerate(["Brakel Meubelen B.V.", "Kerkstraat 12", "3512 AB Utrecht"]):
        canvas.drawString(60, height - 140 - 12 * i, text)
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawRightString(width - 60, height - 210, title)
    top = height - 240
    for i, (label, value) in enumerate(cells):
        x = 60 + 120 * i
        canvas.rect(x, top - 12, 120, 14)
        canvas.rect(x, top - 30, 120, 18)
        canvas.setFont("Helvetica", 7)
        canvas.drawString(x + 3, top - 8, label)
        canvas.setFont("Helvetica", 9)
        canvas.drawString(x + 3, top - 25, value)
    canvas.setFont("Helvetica", 9)
    for y, (left, right) in enumerate(
        [("Molduras de carvalho", "1.200,00"), ("Subtotal", "1.200,00")]
        + [("IVA 23%", "276,00"), ("Total factura", "1.476,00")]
    ):
        canvas.drawString(300 if y else 60, top - 80 - 16 * y, left)
        canvas.drawRightString(width - 60, top - 80 - 16 * y, right)
    canvas.save()
    return path


@pytest.mark.parametrize(
    ("title", "number_label"),
    [("FATURA", "Número"), ("FATURA", "Nº da fatura"), ("FACTURA", "Nº factura")],
)
def test_number_in_a_boxed_grid(
    settings: Settings, tmp_path: Path, title: str, number_label: str
) -> None:
    """The document's number in a boxed grid of label cells over value cells, its label
    the number word first ("Nº factura") or alone ("Número") under the title."""
    cells = [(number_label, "LM-2024/0815"), ("Data", "14/03/2024"), ("Vencimento", "13/04/2024")]
    pdf = boxed_grid(tmp_path / "i.pdf", title, cells)
    assert extract(settings, pdf)["fields"]["invoice_number"] == "LM-2024/0815"


def test_italian_totals_subtotale_and_netto_a_pagare(settings: Settings, tmp_path: Path) -> None:
    """An Italian totals block: "Subtotale" is the sum before tax and "Netto a pagare"
    (what is to be paid) the total; a discount line under an item is no total."""
    rows: Rows = [
        (40, [(60, "Ferralba Cornici S.r.l.")]),
        (54, [(60, "Via Garibaldi 9, 43121 Parma")]),
        (140, [(60, "Brakel Meubelen B.V.")]),
        (152, [(60, "Kerkstraat 12")]),
        (164, [(60, "3512 AB Utrecht")]),
        (200, [(60, "FATTURA N. FC-2291")]),
        (
            240,
            [(60, "DESCRIZIONE"), (380, "Q.TÀ", "r"), (460, "PREZZO", "r"), (535, "TOTALE", "r")],
        ),
        (256, [(60, "Cornice in noce"), (380, "1", "r"), (460, "2.420,23", "r")]),
        (256, [(535, "2.420,23", "r")]),
        (270, [(60, "Specchio ovale"), (380, "4", "r"), (460, "1.693,66", "r")]),
        (270, [(535, "6.774,64", "r")]),
        (284, [(60, "Sconto 10 %"), (535, "-677,46", "r")]),
        (298, [(60, "Telaio in ferro"), (380, "1", "r"), (460, "1.162,09", "r")]),
        (298, [(535, "1.162,09", "r")]),
        (340, [(350, "Subtotale"), (535, "9.679,50 EUR", "r")]),
        (354, [(350, "IVA 22%"), (535, "2.129,49 EUR", "r")]),
        (368, [(350, "Netto a pagare"), (535, "11.808,99 EUR", "r")]),
    ]
    fields = extract(settings, draw(tmp_path / "i.pdf", rows))["fields"]
    assert (fields["subtotal"], fields["tax"], fields["total"]) == (
        "9679.50",
        "2129.49",
        "11808.99",
    )


@pytest.mark.parametrize(
    ("title", "label", "field"),
    [
        ("PROFORMA-RECHNUNG", "Proforma-Nr.", "quote_number"),
        ("Proformarechnung", "Belegnummer", "quote_number"),
        ("CONFERMA D'ORDINE", "N. conferma", "order_number"),
        # the number word first, under a title of another word for a quote
        ("COTIZACIÓN", "Nº presupuesto", "quote_number"),
        ("PROPOSTA", "Nº orçamento", "quote_number"),
        ("OFFRE DE PRIX", "N° devis", "quote_number"),
    ],
)
def test_number_of_a_proforma_a_quote_and_a_confirmation(
    settings: Settings, tmp_path: Path, title: str, label: str, field: str
) -> None:
    """A pro-forma invoice's number under its own label or the generic document number
    ("Belegnummer"), an order confirmation's and a quote's with the number word first."""
    rows: Rows = [
        (40, [(60, "Ostwald Leuchten GmbH")]),
        (54, [(60, "Lindenstraße 4, 34117 Kassel")]),
        (140, [(60, "Brakel Meubelen B.V.")]),
        (152, [(60, "Kerkstraat 12")]),
        (164, [(60, "3512 AB Utrecht")]),
        (200, [(60, title)]),
        (230, [(60, label), (200, "Datum"), (340, "Seite")]),
        (242, [(60, "PF-2024-5520"), (200, "14.03.2024"), (340, "1")]),
        (280, [(60, "Wandleuchte"), (380, "2", "r"), (460, "150,00", "r"), (535, "300,00", "r")]),
        (320, [(350, "Summe netto"), (535, "300,00", "r")]),
        (334, [(350, "MwSt. 19 %"), (535, "57,00", "r")]),
        (348, [(350, "Gesamtbetrag"), (535, "357,00", "r")]),
    ]
    assert extract(settings, draw(tmp_path / "q.pdf", rows))["fields"][field] == "PF-2024-5520"


def spanish_invoice(path: Path, details: Rows, item: str) -> Path:
    """A Spanish invoice: letterhead, addressee, ``details`` and one item named ``item``."""
    rows: Rows = [
        (40, [(60, "Talleres Urbión S.L.")]),
        (54, [(60, "Calle Mayor 8, 42002 Soria")]),
        (140, [(60, "Brakel Meubelen B.V.")]),
        (152, [(60, "Kerkstraat 12")]),
        (164, [(60, "3512 AB Utrecht")]),
        (200, [(60, "FACTURA")]),
        *details,
        (280, [(60, "Concepto"), (380, "Cant.", "r"), (460, "Precio", "r"), (535, "Importe", "r")]),
        (296, [(60, item), (380, "2", "r"), (460, "1.048,00", "r"), (535, "2.096,00", "r")]),
        (330, [(350, "Base imponible"), (535, "2.096,00", "r")]),
        (344, [(350, "IVA 21%"), (535, "440,16", "r")]),
        (358, [(350, "Total factura"), (535, "2.536,16", "r")]),
    ]
    return draw(path, rows)


@pytest.mark.parametrize(
    "details",
    [
        [(220, [(60, "Factura n.º:"), (200, "TU-118")]), (234, [(60, "Nº pedido cliente:")])]
        + [(234, [(200, "2474586")])],
        [(220, [(60, "Factura n.º"), (200, "Su referencia de pedido")])]
        + [(234, [(60, "TU-118"), (200, "2474586")])],
    ],
)
def test_customer_order_number_after_a_label_closed_by_its_colon(
    settings: Settings, tmp_path: Path, details: Rows
) -> None:
    """The customer's order number beside a label whose last words are still label up to
    its colon ("Nº pedido cliente:"), or under a grid's label cell; an item describing a
    maintenance contract names no reference."""
    pdf = spanish_invoice(tmp_path / "i.pdf", details, "Maintenance contract")
    fields = extract(settings, pdf)["fields"]
    assert (fields["invoice_number"], fields.get("po_number")) == ("TU-118", "2474586")


def test_an_item_describing_a_contract_names_no_order(settings: Settings, tmp_path: Path) -> None:
    """A weak label's word inside an item's description ("Maintenance contract") is the
    item's content: no order number is read from the item's quantity."""
    details: Rows = [(220, [(60, "Factura n.º:"), (200, "TU-118")])]
    pdf = spanish_invoice(tmp_path / "i.pdf", details, "Maintenance contract")
    assert "po_number" not in extract(settings, pdf)["fields"]


@pytest.mark.parametrize("text", ["N® confirmacién", "N° confirmación", "Nº confirmacion"])
def test_the_fold_reads_small_accents_and_the_ordinal_sign_as_ocr_prints_them(
    text: str,
) -> None:
    """A scan's small glyphs: the accent over a vowel read as another ("confirmacién"),
    the raised ordinal sign of "Nº" read as "°" or "®"; the label still matches fully."""
    confirmation = label_set(LABELS["order_number"])
    m = confirmation.pattern.search(text)
    assert m is not None and m.group(0) == text and confirmation.weight(m) == 1.0


def test_our_order_with_role_labels_joined_by_a_slash(settings: Settings, tmp_path: Path) -> None:
    """Our purchase order under our letterhead, the supplier's block and ours side by side
    under role labels that join two words with a slash ("Cedente / Prestatore"): the
    label is no addressee, the supplier under it is the vendor."""
    window: Rows = [
        (130, [(60, "Cedente / Prestatore"), (300, "Cessionario / Committente")]),
        (143, [(60, "Corlandi Utensili S.r.l."), (300, "Harwick Foundry GmbH")]),
        (155, [(60, "Via Torretta 18"), (300, "Gießereiweg 4")]),
        (167, [(60, "24122 Bergamo"), (300, "34117 Kassel")]),
        (179, [(60, "Partita IVA IT01586037701"), (300, "Partita IVA DE298765431")]),
    ]
    head: Rows = [
        (40, [(250, "Harwick Foundry GmbH")]),
        (54, [(250, "Gießereiweg 4 · 34117 Kassel · Tel. +49 561 4421")]),
    ]
    meta: Rows = [(200, [(60, "Ordine n.:"), (200, "HF-3310")])]
    pdf = letter(tmp_path / "po.pdf", head, window, "ORDINE DI ACQUISTO", meta)
    fields = extract(ours(settings), pdf)["fields"]
    assert fields["vendor"] == "Corlandi Utensili S.r.l."
    assert fields["buyer"] == "Harwick Foundry GmbH"


def test_role_labels_joined_by_a_slash_head_no_window(tmp_path: Path) -> None:
    """Two words of one role joined by a slash ("Cedente / Prestatore") are the seller's
    label over its block: neither the label nor the seller heads an addressee's window."""
    path = tmp_path / "order.txt"
    lines = [
        "Harwick Foundry GmbH",
        "Gießereiweg 4 · 34117 Kassel · Tel. +49 561 4421",
        "",
        "Cedente / Prestatore",
        "Corlandi Utensili S.r.l.",
        "Via Torretta 18",
        "24122 Bergamo",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    record = Record(path=path, original_name=path.name, pages=read_text(path, max_pages=1))
    names = [name for _, name in recipient_names(reading_for(record).layout)]
    assert names == []
