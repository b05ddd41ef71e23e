"""Conventions a held-out probe set showed unread: the short forms of an order
confirmation's number ("AB-Nr.", "N° ARC"), a quote's "Validity:" and an order's
"Receive By", a Latin American customer's "Señor(es):" and document's "Folio:", and
pesos written with "$" or named in words. Each test draws its own document with invented
companies."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from intake.extractors.extraction.fields.money import detect_currency
from intake.settings import Settings
from tests.test_layout_conventions import Rows, drawn_fields


def _confirmation(title: str, label: str, number: str, lines: Rows) -> Rows:
    """A supplier's order confirmation: its number beside ``label``, the customer's
    order number under it."""
    return [
        (40, [(50, "Weidner Pumpenbau GmbH", 13)]),
        (54, [(50, "Industriestraße 7, 88045 Friedrichshafen")]),
        (100, [(50, "Brückner Kältetechnik AG"), (380, label), (460, number)]),
        (112, [(50, "Hafenweg 22"), (380, "Datum:"), (460, "03.09.2025")]),
        (124, [(50, "28217 Bremen")]),
        (170, [(50, title, 15)]),
        *lines,
    ]


_DE_LINES: Rows = [
    (200, [(50, "Pos."), (80, "Artikel"), (300, "Menge"), (380, "Preis"), (480, "Betrag")]),
    (214, [(50, "1"), (80, "Kreiselpumpe KP-80"), (300, "3"), (380, "410,00"), (480, "1.230,00")]),
    (250, [(380, "Nettobetrag"), (480, "1.230,00")]),
    (262, [(380, "MwSt. 19 %"), (480, "233,70")]),
    (274, [(380, "Gesamtbetrag"), (480, "1.463,70 EUR")]),
]


@pytest.mark.parametrize(
    ("title", "label", "number"),
    [
        # "AB" is German's short form of "Auftragsbestätigung"
        ("Auftragsbestätigung", "AB-Nr.:", "AB-2509-118"),
        ("Auftragsbestätigung", "AB-Nummer", "70412"),
        # "ARC" is French's short form of "accusé de réception de commande"
        ("Accusé de réception de commande", "N° ARC", "ARC-5531"),
        ("Accusé de réception de commande", "ARC n°", "25-0917"),
    ],
)
def test_an_order_confirmations_short_number_label(
    settings: Settings, tmp_path: Path, title: str, label: str, number: str
) -> None:
    f = drawn_fields(settings, tmp_path, _confirmation(title, label, number, _DE_LINES))
    assert (f["doc_type"], f.get("order_number")) == ("order_confirmation", number)


def _english(title: str, label: str, value: str) -> Rows:
    return [
        (40, [(50, "Tamarack Field Instruments Inc.", 13)]),
        (54, [(50, "2150 Route 9, Saratoga Springs, NY 12866")]),
        (44, [(380, title, 15)]),
        (70, [(380, "Number"), (470, "TF-8804")]),
        (82, [(380, "Date"), (470, "08/04/2025")]),
        (94, [(380, label), (470, value)]),
        (130, [(50, "Ship To:"), (120, "Oxbow River Water District")]),
        (200, [(50, "Description"), (300, "Qty"), (380, "Unit Price"), (480, "Amount")]),
        (214, [(50, "Flow meter, 4 in"), (300, "2"), (380, "1,150.00"), (480, "2,300.00")]),
        (250, [(380, "Total"), (480, "$2,300.00")]),
    ]


@pytest.mark.parametrize(
    ("title", "label", "field"),
    [
        # the noun before the quote's last valid day
        ("QUOTATION", "Validity:", "valid_until"),
        ("QUOTATION", "Quote Validity", "valid_until"),
        # when the buyer wants to have received the goods
        ("PURCHASE ORDER", "Receive By", "delivery_date"),
        ("PURCHASE ORDER", "To Be Received By:", "delivery_date"),
    ],
)
def test_validity_and_receive_by_label_their_dates(
    settings: Settings, tmp_path: Path, title: str, label: str, field: str
) -> None:
    f = drawn_fields(settings, tmp_path, _english(title, label, "09/15/2025"))
    assert f[field] == "2025-09-15"


def _mexican_quote(customer_label: str, currency: str, total: str) -> Rows:
    return [
        (40, [(50, "Herrajes y Tornillería del Norte S.A. de C.V.", 13)]),
        (54, [(50, "Blvd. Díaz Ordaz 455, 64650 Monterrey, N.L.")]),
        (66, [(50, "RFC: HTN950412KT7")]),
        (44, [(400, "COTIZACIÓN", 15)]),
        (70, [(400, "Folio:"), (470, "CT-4471")]),
        (82, [(400, "Fecha:"), (470, "22/07/2025")]),
        (94, [(400, "Moneda:"), (470, currency)]),
        (130, [(50, customer_label), (130, "Muebles Encino de Saltillo S.A. de C.V.")]),
        (200, [(50, "Descripción"), (300, "Cant."), (380, "P. Unit."), (480, "Importe")]),
        (214, [(50, "Bisagra de acero 3 pulg."), (300, "200"), (380, "12.50"), (480, "2,500.00")]),
        (240, [(380, "Subtotal"), (480, "2,500.00")]),
        (252, [(380, "IVA 16%"), (480, "400.00")]),
        (264, [(380, "Total"), (480, total)]),
    ]


@pytest.mark.parametrize("label", ["Señor(es):", "Sres.:"])
def test_a_latin_american_quotes_customer_folio_and_pesos(
    settings: Settings, tmp_path: Path, label: str
) -> None:
    # "$" beside an RFC and a Mexican legal form is the peso; "Folio" the quote's number
    f = drawn_fields(settings, tmp_path, _mexican_quote(label, "MXN", "$2,900.00"))
    assert (f["buyer"], f["quote_number"], f["currency"]) == (
        "Muebles Encino de Saltillo S.A. de C.V.",
        "CT-4471",
        "MXN",
    )


def test_pesos_in_words_are_the_pesos_of_the_documents_country(
    settings: Settings, tmp_path: Path
) -> None:
    # no sign at all: "Pesos" alone names the peso of the country the RFC places it in
    f = drawn_fields(settings, tmp_path, _mexican_quote("Cliente:", "Pesos", "2,900.00"))
    assert (f["currency"], f["total"]) == ("MXN", "2900.00")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("NIT: 900.123.456-7   Total $ 1.250.000", "COP"),
        ("RUT: 76.543.210-K   Total $ 89.900", "CLP"),
        ("CUIT: 30-71234567-9   Total $ 15.200,00", "ARS"),
        ("Son: CINCO MIL PESOS 00/100 M.N.   Total 5,000.00", "MXN"),
        # "pesos" where no country is named: no currency rather than a guess
        ("Total 5,000.00 pesos", None),
        # a bare "$" on a page naming no country stays the US dollar
        ("Total $ 15.20", "USD"),
    ],
)
def test_pesos_by_the_documents_tax_number(text: str, code: str | None) -> None:
    assert detect_currency(text) == code


@pytest.mark.parametrize(
    ("subject", "kind"),
    [
        ("Objet : Commande n° BC-3318", "purchase_order"),
        ("Subject: Purchase Order No. 3318", "purchase_order"),
        ("Betreff: Angebot Nr. 3318", "estimate"),
    ],
)
def test_a_letters_subject_line_is_its_title(
    settings: Settings, tmp_path: Path, subject: str, kind: str
) -> None:
    # a business letter states what it is in its subject line, where a form prints a
    # title; an order written as a letter names its supplier as the addressee
    rows: Rows = [
        (40, [(50, "Tonnellerie Ravier SARL", 13)]),
        (54, [(50, "3 chemin des Chais, 21200 Beaune")]),
        (120, [(330, "Cartonnages Lemaire SAS")]),
        (132, [(330, "27 rue de l'Industrie")]),
        (144, [(330, "51100 Reims")]),
        (190, [(330, "Beaune, le 9 octobre 2025")]),
        (220, [(50, subject)]),
        (250, [(50, "Madame, Monsieur,")]),
        (300, [(50, "Réf."), (100, "Désignation"), (320, "Qté"), (380, "P.U. HT"), (470, "Total")]),
        (314, [(50, "CT-6"), (100, "Carton 6 bouteilles"), (320, "500"), (380, "1,10")]),
        (314, [(470, "550,00")]),
        (340, [(380, "Total HT"), (470, "550,00 €")]),
        (400, [(50, "Veuillez agréer, Madame, Monsieur, nos salutations distinguées.")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert f["doc_type"] == kind
    if kind == "purchase_order":
        assert (f["vendor"], f["buyer"]) == ("Cartonnages Lemaire SAS", "Tonnellerie Ravier SARL")


def test_a_slash_serial_number_heads_running_numbers(settings: Settings, tmp_path: Path) -> None:
    # "S/N" (serial number) heads the items' running numbers in Nigeria, Ghana, Pakistan
    rows: Rows = [
        (40, [(50, "Adeyemi Office Systems Ltd", 13)]),
        (54, [(50, "9 Broad Street, Lagos Island, Lagos")]),
        (44, [(400, "INVOICE", 15)]),
        (70, [(400, "Invoice No:"), (480, "AOS-2210")]),
        (120, [(50, "Bill To:"), (120, "Ikoyi Dental Clinic Ltd")]),
        (190, [(50, "S/N"), (90, "Description"), (300, "Qty"), (380, "Unit Price")]),
        (190, [(480, "Amount")]),
        (204, [(50, "1"), (90, "Toner cartridge 26A"), (300, "5"), (380, "42,000.00")]),
        (204, [(480, "210,000.00")]),
        (218, [(50, "2"), (90, "A4 paper, carton"), (300, "4"), (380, "18,500.00")]),
        (218, [(480, "74,000.00")]),
        (250, [(380, "Total"), (480, "284,000.00")]),
    ]
    assert [i["description"] for i in drawn_fields(settings, tmp_path, rows)["line_items"]] == [
        "Toner cartridge 26A",
        "A4 paper, carton",
    ]


def _danfe(stub: str) -> Rows:
    """A Brazilian DANFE's top: the receipt stub's sentence naming the issuer, then its
    letterhead, the CNPJ under its label, the customer, and the products' table."""
    return [
        (30, [(30, stub, 7), (450, "NF-e", 9)]),
        (39, [(30, "CONSTANTES DA NOTA FISCAL ELETRÔNICA INDICADA AO LADO", 7)]),
        (52, [(30, "DATA DE RECEBIMENTO", 6), (150, "IDENTIFICAÇÃO E ASSINATURA DO RECEBEDOR", 6)]),
        (75, [(30, "TECELAGEM VALE DO ITAJAÍ LTDA", 11), (260, "DANFE", 14)]),
        (
            88,
            [(30, "Rua XV de Novembro, 870 - Blumenau - SC", 7), (260, "Documento Auxiliar da", 7)],
        ),
        (97, [(260, "Nota Fiscal Eletrônica", 7)]),
        (146, [(30, "INSCRIÇÃO ESTADUAL", 6), (200, "CNPJ", 6)]),
        (154, [(30, "251.778.903", 8), (200, "81.224.560/0001-37", 8)]),
        (172, [(30, "DESTINATÁRIO / REMETENTE", 7)]),
        (181, [(30, "NOME / RAZÃO SOCIAL", 6), (450, "DATA DA EMISSÃO", 6)]),
        (189, [(30, "CONFECÇÕES ARAUCÁRIA LTDA", 8), (450, "03/10/2025", 8)]),
        (225, [(30, "CÁLCULO DO IMPOSTO", 7)]),
        (234, [(30, "BASE DE CÁLCULO DO ICMS", 6), (140, "VALOR DO ICMS", 6)]),
        (234, [(230, "VALOR TOTAL DOS PRODUTOS", 6), (400, "VALOR TOTAL DA NOTA", 6)]),
        (
            242,
            [(30, "2.460,00", 8), (140, "295,20", 8), (230, "2.460,00", 8), (400, "2.460,00", 8)],
        ),
        (289, [(30, "CÓDIGO", 6), (80, "DESCRIÇÃO", 6), (320, "UNID", 6), (350, "QUANT", 6)]),
        (289, [(390, "VALOR UNIT", 6), (440, "VALOR TOTAL", 6)]),
        (298, [(30, "MALHA-12", 7), (80, "MALHA DE ALGODÃO PENTEADO", 7), (320, "KG", 7)]),
        (298, [(350, "120", 7), (390, "20,50", 7), (440, "2.460,00", 7)]),
    ]


def test_a_receipt_stubs_sentence_does_not_name_the_issuer(
    settings: Settings, tmp_path: Path
) -> None:
    # "We received from X the products …": the sentence's words before the issuer's name
    # are no part of it; the letterhead prints the name alone. A DANFE is the print of a
    # nota fiscal, Brazil's invoice; "Destinatário" heads its customer; a CNPJ places the
    # page in Brazil, which prints no currency; "Valor unit." heads the prices
    stub = "RECEBEMOS DE TECELAGEM VALE DO ITAJAÍ LTDA OS PRODUTOS E/OU SERVIÇOS"
    f = drawn_fields(settings, tmp_path, _danfe(stub))
    assert (f["doc_type"], f["vendor"], f["buyer"], f["currency"]) == (
        "invoice",
        "TECELAGEM VALE DO ITAJAÍ LTDA",
        "CONFECÇÕES ARAUCÁRIA LTDA",
        "BRL",
    )
    assert [(i["quantity"], i["unit_price"], i["amount"]) for i in f["line_items"]] == [
        ("120", "20.50", "2460.00")
    ]


def _order_reference(label: str, value: str) -> Rows:
    """An ERP's invoice: its references as a boxed row of labels over their values."""
    return [
        (40, [(50, "Keystone Valve & Fitting Inc.", 13)]),
        (54, [(50, "77 Foundry Rd, Allentown, PA 18103")]),
        (44, [(430, "INVOICE", 15)]),
        (100, [(50, "Bill To:"), (120, "Lehigh Water Authority")]),
        (112, [(120, "1053 Spruce St, Emmaus, PA 18049")]),
        (150, [(40, "Invoice Number"), (120, "Invoice Date"), (190, label), (330, "Terms")]),
        (150, [(400, "Ship Via"), (470, "Salesperson")]),
        (162, [(40, "KV-30917"), (120, "10/02/2025"), (190, value), (330, "Net 30")]),
        (162, [(400, "UPS Ground"), (470, "D. Marsh")]),
        (200, [(50, "Description"), (300, "Qty"), (380, "Price"), (480, "Amount")]),
        (214, [(50, "Ball valve 2 in"), (300, "6"), (380, "88.00"), (480, "528.00")]),
        (250, [(380, "Total"), (480, "$528.00")]),
    ]


@pytest.mark.parametrize(
    ("label", "value"),
    [
        # the customer's order named in full, as ERPs print it
        ("Customer Purchase Order No.", "LWA-7781"),
        # a "local purchase order" (East and West Africa, the Gulf)
        ("LPO No.", "LWA/LPO/118"),
    ],
)
def test_the_customers_order_named_in_full_or_as_a_local_order(
    settings: Settings, tmp_path: Path, label: str, value: str
) -> None:
    assert drawn_fields(settings, tmp_path, _order_reference(label, value))["po_number"] == value


def test_a_quotes_recipient_is_its_buyer(settings: Settings, tmp_path: Path) -> None:
    rows: Rows = [
        (40, [(50, "Northshore Lawn & Snow Ltd.", 13)]),
        (54, [(50, "41 Lakeshore Dr, Barrie, ON L4N 7Y3")]),
        (44, [(400, "Quote #2291", 15)]),
        (82, [(400, "Sent on"), (470, "Oct 3, 2025")]),
        (130, [(50, "Recipient:"), (120, "Marguerite Lalonde")]),
        (142, [(120, "18 Birch Cres, Barrie, ON L4M 2K8")]),
        (200, [(50, "Product/Service"), (300, "Qty"), (380, "Unit Price"), (480, "Total")]),
        (214, [(50, "Seasonal snow clearing"), (300, "1"), (380, "950.00"), (480, "$950.00")]),
        (250, [(380, "Total"), (480, "$950.00")]),
    ]
    assert drawn_fields(settings, tmp_path, rows)["buyer"] == "Marguerite Lalonde"


@pytest.mark.parametrize(
    "header",
    [
        # "Artikel" beside "Omschrijving" heads the article's code
        ("Artikel", "Omschrijving", "Aantal", "Prijs", "Bedrag"),
        # a bare "Wert" or "Value" with its currency's sign heads the lines' amounts
        ("Art.-Nr.", "Bezeichnung", "Menge", "Preis", "Wert €"),
        ("Code", "Description", "Qty", "Unit Price", "Value £"),
    ],
)
def test_article_and_value_headers(
    settings: Settings, tmp_path: Path, header: tuple[str, ...]
) -> None:
    def row(*cells: str) -> list[tuple[float, str]]:
        return list(zip((50.0, 120.0, 320.0, 380.0, 480.0), cells, strict=True))

    rows: Rows = [
        (40, [(50, "Vermeer Kozijnen B.V.", 13)]),
        (54, [(50, "Dorpsstraat 4, 1741 BC Schagen")]),
        (44, [(400, "FACTUUR", 15)]),
        (70, [(400, "Factuurnummer"), (480, "VK-2025-077")]),
        (120, [(50, "Aan:"), (90, "Duinzicht Vakantiepark B.V.")]),
        (190, row(*header)),
        (204, row("HK-90", "Hang- en sluitwerk set", "4", "45,00", "180,00")),
        (218, row("BEZ", "Bezorgkosten", "1", "35,00", "35,00")),
        (250, [(380, "Totaal"), (480, "215,00")]),
    ]
    items = drawn_fields(settings, tmp_path, rows)["line_items"]
    assert [(i["description"], i["amount"]) for i in items] == [
        ("Hang- en sluitwerk set", "180.00"),
        ("Bezorgkosten", "35.00"),
    ]


def test_a_flush_right_titles_number_under_it(settings: Settings, tmp_path: Path) -> None:
    # "Avoir" flush right in large type over "N° AV-…", also flush right: the title's
    # number, as "ORDINE" over "N. 118" set flush left is
    title, number = "Avoir", "N° AV-2025-0107"
    right = 520.0
    rows: Rows = [
        (40, [(50, "Céramiques Lenoir SARL", 13)]),
        (54, [(50, "9 rue des Potiers, 18000 Bourges")]),
        (50, [(right - stringWidth(title, "Helvetica-Bold", 20), title, 20)]),
        (72, [(right - stringWidth(number, "Helvetica", 9), number)]),
        (130, [(50, "Client :"), (100, "Maison Caudron SAS")]),
        (200, [(50, "Désignation"), (320, "Qté"), (380, "P.U. HT"), (480, "Total HT")]),
        (214, [(50, "Retour vase fêlé"), (320, "-1"), (380, "80,00"), (480, "-80,00")]),
        (250, [(380, "Total TTC"), (480, "-96,00 €")]),
    ]
    assert drawn_fields(settings, tmp_path, rows)["invoice_number"] == "AV-2025-0107"


@pytest.mark.parametrize(
    ("text", "code"), [("GRAND TOTAL ₦4,547,250.00", "NGN"), ("KSh 12,400", "KES")]
)
def test_the_naira_and_shilling_signs(text: str, code: str) -> None:
    assert detect_currency(text) == code


def test_a_currency_sign_set_apart_before_its_amount_is_no_text(
    settings: Settings, tmp_path: Path
) -> None:
    # "€ 2.400,00" printed flush right under "Prijs": the sign belongs to the amount, not
    # to the description whose column it reaches into
    def row(top: float, qty: str, text: str, price: str) -> tuple[float, list[tuple[float, str]]]:
        return (top, [(40, qty), (80, text), (430 - stringWidth(price, "Helvetica", 9), price)])

    rows: Rows = [
        (40, [(50, "Vrijland Software B.V.", 13)]),
        (54, [(50, "Stationsweg 8, 3811 MZ Amersfoort")]),
        (44, [(400, "OFFERTE", 15)]),
        (70, [(400, "Offertenummer"), (480, "OF-2025-044")]),
        (120, [(50, "Aan:"), (90, "Gieterij Hengelo B.V.")]),
        (200, [(40, "Aantal"), (80, "Omschrijving"), (412, "Prijs"), (530, "Totaal")]),
    ]
    lines = [("1 x", "Licentie planningsmodule, per jaar", "€ 1.800,00", "€ 1.800,00")]
    lines += [("12 x", "Implementatie (uren)", "€ 95,00", "€ 1.140,00")]
    for i, (qty, text, price, amount) in enumerate(lines):
        top = 216 + 16 * i
        rows.append(row(top, qty, text, price))
        rows.append((top, [(555 - stringWidth(amount, "Helvetica", 9), amount)]))
    rows.append((260, [(412, "Totaal"), (500, "€ 2.940,00")]))
    items = drawn_fields(settings, tmp_path, rows)["line_items"]
    assert [(i["description"], i["unit_price"]) for i in items] == [
        ("Licentie planningsmodule, per jaar", "1800.00"),
        ("Implementatie (uren)", "95.00"),
    ]


def test_req_by_dates_an_orders_delivery(settings: Settings, tmp_path: Path) -> None:
    rows = _english("PURCHASE ORDER", "Req. By", "09/15/2025")
    assert drawn_fields(settings, tmp_path, rows)["delivery_date"] == "2025-09-15"


def test_the_net_date_after_a_cash_discounts_in_a_sentence(
    settings: Settings, tmp_path: Path
) -> None:
    rows = _confirmation("Rechnung", "Rechnungs-Nr.", "R-2025-311", _DE_LINES)
    sentence = "Zahlbar innerhalb von 10 Tagen mit 2 % Skonto (29,27 €) oder bis zum"
    rows.append((320, [(50, f"{sentence} 03.10.2025 ohne Abzug.")]))
    assert drawn_fields(settings, tmp_path, rows)["due_date"] == "2025-10-03"
