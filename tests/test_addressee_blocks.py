"""The addressee's block as suppliers print it, drawn at test time with invented
companies: a contact person's line ("z. Hd.", "Attn:", "À l'attention de") over or under
the company's name, the block's label in words a pack must know ("Facturer à", "Aan"),
and the buyer named by the window alone while a customer number stands among the
document's details (layouts the layout stress generator found misread)."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake.extractors.base import Registry
from intake.extractors.extraction.roles import _other_company, company_of
from intake.ingest.stages import (
    Context,
    classify_stage,
    fingerprint,
    read,
    record_for,
    roles_stage,
    run_stages,
)
from intake.record import Field
from intake.settings import Settings
from tests.test_extraction import extract
from tests.test_unseen_layouts import Rows, letter, ours

HEAD: Rows = [
    (40, [(60, "Tessaro Lamiere S.p.A.")]),
    (54, [(60, "Via Roma 4, 24121 Bergamo")]),
    (66, [(60, "P. IVA IT01234567890")]),
]


def window_buyer(
    settings: Settings,
    tmp_path: Path,
    lines: list[str],
    label: str = "",
    title: str = "RECHNUNG",
    number: tuple[str, str] = ("Rechnung Nr.", "TL-4410"),
) -> object:
    """The buyer read from a letter under ``HEAD``'s letterhead whose addressee's window
    holds ``lines``, under ``label`` where one is given."""
    window: Rows = [(140 + 12 * i, [(60, line)]) for i, line in enumerate(lines)]
    if label:
        window = [(126, [(60, label)]), *window]
    meta: Rows = [(140, [(380, number[0]), (535, number[1], "r")])]
    pdf = letter(tmp_path / "i.pdf", HEAD, window, title, meta)
    return extract(settings, pdf)["fields"].get("buyer")


@pytest.mark.parametrize(
    ("contact", "over"),
    [
        ("z. Hd. Frau Ilse Kranich", True),
        ("z. Hd. Herrn Olaf Brink", False),
        ("Attn: Mr Dale Penrose", True),
        ("Attn: Ms Nora Quint", False),
        ("À l'attention de M. Rémi Fauchet", False),
        ("Alatt. de M. Rémi Fauchet", True),  # OCR lost the apostrophe and the space
        ("AC Sra. Joana Prates", True),  # "A/C", OCR lost the slash
        ("t.a.v. mevr. Sanne Hofstra", True),
        ("Alla c.a. di Sig. Piero Gatti", False),
    ],
)
def test_contact_person_in_the_window_is_no_buyer(
    settings: Settings, tmp_path: Path, contact: str, over: bool
) -> None:
    """A letter to the attention of a person at a company: the company heading the
    window is the buyer, the person's line over or under it is not."""
    company = [(60, "Brockmann Anlagenbau GmbH")]
    person = [(60, contact)]
    window: Rows = [
        (140, person if over else company),
        (152, company if over else person),
        (164, [(60, "Hafenstraße 3")]),
        (176, [(60, "28195 Bremen")]),
    ]
    pdf = letter(
        tmp_path / "i.pdf",
        HEAD,
        window,
        "FATTURA",
        [(140, [(380, "Fattura n."), (535, "TL-4410", "r")])],
    )
    fields = extract(settings, pdf)["fields"]
    assert fields["buyer"] == "Brockmann Anlagenbau GmbH"
    assert fields["vendor"] == "Tessaro Lamiere S.p.A."


@pytest.mark.parametrize(("label", "title"), [("Facturer à", "FACTURE"), ("Aan", "FACTUUR")])
def test_label_words_heading_the_window(
    settings: Settings, tmp_path: Path, label: str, title: str
) -> None:
    """The addressee's block headed by its label in the document's language: the label
    is no name, the company under it is the buyer."""
    window: Rows = [
        (126, [(60, label)]),
        (140, [(60, "Brockmann Anlagenbau GmbH")]),
        (152, [(60, "Hafenstraße 3")]),
        (164, [(60, "28195 Bremen")]),
    ]
    pdf = letter(
        tmp_path / "i.pdf", HEAD, window, title, [(140, [(380, "N°"), (535, "TL-4410", "r")])]
    )
    fields = extract(settings, pdf)["fields"]
    assert fields["buyer"] == "Brockmann Anlagenbau GmbH"


@pytest.mark.parametrize(
    ("label", "contact", "title"),
    [
        ("Lieferant", "z. Hd. Herrn Olaf Brink", "BESTELLUNG"),
        ("Supplier", "Attn: Ms Nora Quint", "PURCHASE ORDER"),
    ],
)
def test_our_order_to_a_contact_at_the_supplier(
    settings: Settings, tmp_path: Path, label: str, contact: str, title: str
) -> None:
    """Our own purchase order to the attention of a person at the supplier: the contact
    line between the supplier label and the supplier's name belongs to the block, so the
    supplier is the vendor and we are the buyer, named as the letterhead names us."""
    pdf = letter(
        tmp_path / "po.pdf",
        [
            (40, [(60, "Harwick Foundry GmbH")]),
            (54, [(60, "Gießereiweg 4, 34117 Kassel")]),
            (66, [(60, "USt-IdNr. DE298765431")]),
        ],
        [
            (126, [(60, label)]),
            (140, [(60, contact)]),
            (152, [(60, "Brennecke Maschinenbau AG")]),
            (164, [(60, "Am Ring 7")]),
            (176, [(60, "28195 Bremen")]),
        ],
        title,
        [(140, [(380, "No."), (535, "HF-4410", "r")])],
    )
    fields = extract(ours(settings), pdf)["fields"]
    assert fields["vendor"] == "Brennecke Maschinenbau AG"
    assert fields["buyer"] == "Harwick Foundry GmbH"


US_HEAD: Rows = [
    (40, [(60, "Harwick Foundry GmbH")]),
    (54, [(60, "Gießereiweg 4")]),
    (66, [(60, "34117 Kassel")]),
    (78, [(60, "USt-IdNr. DE298765431")]),
]


def our_delivery(x: float, label: str) -> list[tuple[float, list[tuple[float, str]]]]:
    """Our own address beside the window, under a delivery label."""
    return [
        (126, [(x, label)]),
        (140, [(x, "Harwick Foundry GmbH")]),
        (152, [(x, "Gießereiweg 4")]),
        (164, [(x, "34117 Kassel")]),
    ]


def merged(*blocks: list[tuple[float, list[tuple[float, str]]]]) -> Rows:
    """Blocks printed side by side, merged row by row."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for block in blocks:
        for top, cells in block:
            rows.setdefault(top, []).extend(cells)
    return sorted(rows.items())


@pytest.mark.parametrize(
    ("supplier_label", "delivery_label", "title"),
    [
        ("", "Lieferanschrift", "BESTELLUNG"),
        ("Supplier", "Delivery address", "PURCHASE ORDER"),
        ("", "Adresse de livraison", "BON DE COMMANDE"),
    ],
)
def test_our_order_with_our_delivery_address_beside(
    settings: Settings, tmp_path: Path, supplier_label: str, delivery_label: str, title: str
) -> None:
    """Our own order: our letterhead, the supplier in the window (labelled or not) and
    our own address beside it as the delivery address. The delivery label names the
    issuer, so the supplier in the window is the other party: the vendor."""
    supplier = [
        (140, [(60, "Brennecke Maschinenbau AG")]),
        (152, [(60, "Am Ring 7")]),
        (164, [(60, "28195 Bremen")]),
    ]
    if supplier_label:
        supplier = [(126, [(60, supplier_label)]), *supplier]
    window = merged(supplier, our_delivery(300, delivery_label))
    pdf = letter(
        tmp_path / "po.pdf", US_HEAD, window, title, [(200, [(380, "No."), (535, "HF-4410", "r")])]
    )
    fields = extract(ours(settings), pdf)["fields"]
    assert fields["vendor"] == "Brennecke Maschinenbau AG"
    assert fields["buyer"] == "Harwick Foundry GmbH"


def test_customer_order_with_its_delivery_address_beside(
    settings: Settings, tmp_path: Path
) -> None:
    """A customer's order to us: its letterhead, us in the window, its own address beside
    us as the delivery address. We are the vendor, the customer is the buyer."""
    head: Rows = [
        (40, [(60, "Brennecke Maschinenbau AG")]),
        (54, [(60, "Am Ring 7")]),
        (66, [(60, "28195 Bremen")]),
        (78, [(60, "USt-IdNr. DE123456789")]),
    ]
    us = [
        (140, [(60, "Harwick Foundry GmbH")]),
        (152, [(60, "Gießereiweg 4")]),
        (164, [(60, "34117 Kassel")]),
    ]
    theirs = [
        (126, [(300, "Lieferanschrift")]),
        (140, [(300, "Brennecke Maschinenbau AG")]),
        (152, [(300, "Am Ring 7")]),
        (164, [(300, "28195 Bremen")]),
    ]
    pdf = letter(
        tmp_path / "po.pdf",
        head,
        merged(us, theirs),
        "BESTELLUNG",
        [(200, [(380, "Bestellnummer:"), (535, "BM-4410", "r")])],
    )
    fields = extract(ours(settings), pdf)["fields"]
    assert fields["vendor"] == "Harwick Foundry GmbH"
    assert fields["buyer"] == "Brennecke Maschinenbau AG"


def test_supplier_block_read_in_its_column(settings: Settings, tmp_path: Path) -> None:
    """Our order with our delivery address on the left and the supplier's block beside
    it, a contact line between its label and its name: the label heads the supplier's
    column, whatever the line beside it says."""
    supplier = [
        (126, [(300, "Vendor")]),
        (140, [(300, "Attn: Ms Nora Quint")]),
        (152, [(300, "Pellowes Signage Ltd")]),
        (164, [(300, "22 Quarry Road")]),
        (176, [(300, "Norwich NR3 1AB")]),
    ]
    window = merged(our_delivery(60, "Deliver to"), supplier)
    pdf = letter(
        tmp_path / "po.pdf",
        US_HEAD,
        window,
        "PURCHASE ORDER",
        [(200, [(380, "PO Number"), (535, "HF-4410", "r")])],
    )
    fields = extract(ours(settings), pdf)["fields"]
    assert fields["vendor"] == "Pellowes Signage Ltd"
    assert fields["buyer"] == "Harwick Foundry GmbH"


@pytest.mark.parametrize(
    ("label", "title"),
    [("Nº pedido cliente:", "CONFIRMACIÓN DE PEDIDO"), ("Codice cliente:", "FATTURA")],
)
def test_customer_word_in_a_reference_label_is_no_buyer_label(
    settings: Settings, tmp_path: Path, label: str, title: str
) -> None:
    """A buyer's word inside the label of a reference or of the customer's number ("Nº
    pedido cliente", "Codice cliente") labels that reference: what stands under it (a
    table's header) is no buyer; the window names the buyer."""
    meta: Rows = [
        (200, [(60, "Nº:"), (160, "TL-4410")]),
        (212, [(60, label), (160, "BE-24/4329")]),
        (226, [(60, "Descripción del artículo"), (200, "Cantidad"), (300, "Importe")]),
    ]
    window: Rows = [
        (140, [(60, "Brockmann Anlagenbau GmbH")]),
        (152, [(60, "Hafenstraße 3")]),
        (164, [(60, "28195 Bremen")]),
    ]
    fields = extract(settings, letter(tmp_path / "i.pdf", HEAD, window, title, meta))["fields"]
    assert fields["buyer"] == "Brockmann Anlagenbau GmbH"


def test_window_under_a_letterhead_with_a_hyphenated_postcode(
    settings: Settings, tmp_path: Path
) -> None:
    """A Portuguese letterhead's postcode has a hyphen ("4700-123 Braga"): it is the
    sender's address all the same, so the unlabelled block below it is the addressee."""
    head: Rows = [
        (40, [(60, "Cordeiro Têxteis Lda.")]),
        (54, [(60, "Rua do Souto, 12")]),
        (66, [(60, "4700-123 Braga")]),
    ]
    window: Rows = [
        (140, [(60, "Brockmann Anlagenbau GmbH")]),
        (152, [(60, "Hafenstraße 3")]),
        (164, [(60, "28195 Bremen")]),
    ]
    meta: Rows = [(140, [(380, "Fatura n.º"), (535, "CT-2210", "r")])]
    fields = extract(settings, letter(tmp_path / "i.pdf", head, window, "FATURA", meta))["fields"]
    assert fields["buyer"] == "Brockmann Anlagenbau GmbH"
    assert fields["vendor"] == "Cordeiro Têxteis Lda."


@pytest.mark.parametrize("beside", [False, True])
def test_buyer_label_over_a_number_labels_the_number(
    settings: Settings, tmp_path: Path, beside: bool
) -> None:
    """A buyer's word before a bare number ("Réf. client" over "C88614", or "Réf. client:
    C88614") labels that number: the table header under it is no buyer; the window
    names the buyer."""
    meta: Rows = [
        (200, [(60, "Réf. client"), (170, "Date")]),
        (212, [(60, "C88614"), (170, "14/05/2025")]),
        (236, [(60, "Désignation"), (300, "Quantité"), (400, "Montant HT")]),
    ]
    if beside:
        meta = [(212, [(60, "Réf. client: C88614")]), meta[2]]
    window: Rows = [
        (140, [(60, "Brockmann Anlagenbau GmbH")]),
        (152, [(60, "Hafenstraße 3")]),
        (164, [(60, "28195 Bremen")]),
    ]
    pdf = letter(tmp_path / "d.pdf", HEAD, window, "DEVIS", meta)
    assert extract(settings, pdf)["fields"]["buyer"] == "Brockmann Anlagenbau GmbH"


@pytest.mark.parametrize(
    ("form", "name"),
    [("Firma", "Brockmann Anlagenbau GmbH"), ("Madame", "Odile Ferrand"), ("Herrn", "Jonas Wendt")],
)
def test_form_of_address_over_the_window_name(
    settings: Settings, tmp_path: Path, form: str, name: str
) -> None:
    """A postal address may begin with its form of address on a line of its own
    ("Firma", "Herrn", "Madame"): the name under it is the buyer, a person's too."""
    window: Rows = [
        (128, [(60, form)]),
        (140, [(60, name)]),
        (152, [(60, "Hafenstraße 3")]),
        (164, [(60, "28195 Bremen")]),
    ]
    meta: Rows = [(140, [(380, "Rechnung Nr."), (535, "TL-4410", "r")])]
    pdf = letter(tmp_path / "i.pdf", HEAD, window, "RECHNUNG", meta)
    assert extract(settings, pdf)["fields"]["buyer"] == name


def test_supplier_address_past_its_contact_line(settings: Settings, tmp_path: Path) -> None:
    """Our order to a supplier's contact person: the supplier's address under its name
    leaves out the contact's line."""
    window: Rows = [
        (126, [(60, "Lieferant")]),
        (140, [(60, "Brennecke Maschinenbau AG")]),
        (152, [(60, "z. Hd. Herrn Olaf Brink")]),
        (164, [(60, "Am Ring 7")]),
        (176, [(60, "28195 Bremen")]),
    ]
    meta: Rows = [(140, [(380, "Bestellnummer:"), (535, "HF-4410", "r")])]
    pdf = letter(tmp_path / "po.pdf", US_HEAD, window, "BESTELLUNG", meta)
    fields = extract(ours(settings), pdf)["fields"]
    assert fields["vendor"] == "Brennecke Maschinenbau AG"
    assert fields["address"] == "Am Ring 7, 28195 Bremen"


@pytest.mark.parametrize(
    "contact", ["t.a.v. dhr. Olaf Brink", "ta.v. dhr. Olaf Brink", "tav Olaf Brink"]
)
def test_our_order_to_a_supplier_contact_written_or_read_without_its_dots(
    settings: Settings, tmp_path: Path, contact: str
) -> None:
    # Dutch "t.a.v." is also written "tav", and OCR loses its dots: the line names the
    # supplier's contact, and the supplier is the name under it
    window: Rows = [
        (126, [(60, "Leverancier")]),
        (140, [(60, contact)]),
        (152, [(60, "Brennecke Techniek B.V.")]),
        (164, [(60, "Pinosstraat 87")]),
        (176, [(60, "3090 AB Arnhem")]),
    ]
    meta: Rows = [(140, [(380, "Ordernummer:"), (535, "HF-4410", "r")])]
    pdf = letter(tmp_path / "po.pdf", US_HEAD, window, "BESTELBON", meta)
    fields = extract(ours(settings), pdf)["fields"]
    assert (fields["vendor"], fields["buyer"]) == (
        "Brennecke Techniek B.V.",
        "Harwick Foundry GmbH",
    )


def test_two_company_names_side_by_side_stay_two() -> None:
    """Blocks printed side by side keep their cells apart: the supplier's name beside our
    delivery address is the supplier's alone, not run on into our name (whose last word,
    "Trading", may end a company's name as a legal form does)."""
    us = company_of(Settings(company_name="Harbourline Trading"))
    text = "BESTELLUNG\nJovanic Metals S.A.  Harbourline Trading\nAm Ring 7  Olivostraße 1"
    assert _other_company(text, us) == ("Jovanic Metals S.A.", 0.4)


def test_a_labelled_reference_beside_the_buyers_label_is_no_name(
    settings: Settings, tmp_path: Path
) -> None:
    # the document's details start on the line of the buyer's label, far to its right: a
    # label, its colon and a number ("Confirmation n°: AB-2024-331") name no party
    window: Rows = [
        (120, [(60, "Client"), (400, "Confirmation n°: AB-2024-331")]),
        (132, [(60, "Ebbro Ceramiche S.r.l."), (400, "Date: 04/12/2024")]),
        (144, [(60, "Via Po 9")]),
        (156, [(60, "10123 Torino")]),
    ]
    pdf = letter(tmp_path / "c.pdf", HEAD, window, "CONFIRMATION DE COMMANDE", [])
    assert extract(settings, pdf)["fields"]["buyer"] == "Ebbro Ceramiche S.r.l."


def test_the_label_of_the_block_beside_is_no_name(settings: Settings, tmp_path: Path) -> None:
    # the billing and delivery blocks side by side, their labels close enough to read as
    # one cell ("Rechnungsempfänger Lieferadresse"): the second label is no name
    window: Rows = [
        (120, [(60, "Rechnungsempfänger"), (150, "Lieferadresse")]),
        (132, [(60, "Ebbro Ceramiche S.r.l."), (163, "Ebbro Ceramiche S.r.l.")]),
        (144, [(60, "Via Po 9"), (150, "Magazzino 2, Via Dora 1")]),
        (156, [(60, "10123 Torino"), (150, "10124 Torino")]),
    ]
    pdf = letter(tmp_path / "t.pdf", HEAD, window, "RECHNUNG", [])
    assert extract(settings, pdf)["fields"]["buyer"] == "Ebbro Ceramiche S.r.l."


def test_a_name_run_into_its_twin_beside_it() -> None:
    # the two blocks' first lines, the same company's name, read by OCR as one line
    from intake.extractors.extraction.party_names import clean_name as _clean_name

    twice = "Pellucid Engineering GmbH & Co. KG Pellucid Engineering GmbH & Co. KG"
    assert _clean_name(twice) == "Pellucid Engineering GmbH & Co. KG"
    assert _clean_name("Walla Walla") == "Walla Walla"


@pytest.mark.parametrize("agent", ["Buyer: Tom Ashby", "Comprador: Tom Ashby"])
def test_our_orders_buyer_line_names_our_agent_not_the_supplier(
    settings: Settings, tmp_path: Path, agent: str
) -> None:
    """On an order the buyer is its issuer: a "Buyer:" line of details on our own order
    names the person who orders for us, and the supplier is the one the order is
    addressed to, in its window."""
    window: Rows = [
        (140, [(60, "Brennecke Maschinenbau AG")]),
        (152, [(60, "Am Ring 7")]),
        (164, [(60, "28195 Bremen")]),
    ]
    meta: Rows = [
        (140, [(380, "Bestellnummer:"), (535, "HF-4410", "r")]),
        (280, [(60, agent), (380, "Versand: Abholung")]),
    ]
    pdf = letter(tmp_path / "po.pdf", US_HEAD, window, "BESTELLUNG", meta)
    fields = extract(ours(settings), pdf)["fields"]
    assert fields["vendor"] == "Brennecke Maschinenbau AG"
    assert fields["buyer"] == "Harwick Foundry GmbH"


def test_our_orders_supplier_label_outweighs_a_buyer_line(
    settings: Settings, tmp_path: Path
) -> None:
    """Our own order that names its supplier under a supplier's label, read with our
    letterhead as the issuer and its "Buyer:" line as the addressee: the company under
    the label is the vendor, not our purchasing agent."""
    window: Rows = [
        (126, [(60, "Fornitore")]),
        (140, [(60, "Istrano Labs S.p.A.")]),
        (152, [(60, "Via Berken 32")]),
        (164, [(60, "64963 Parma")]),
    ]
    meta: Rows = [(280, [(60, "Buyer: Tom Ashby"), (380, "Vettore: BRT")])]
    pdf = letter(tmp_path / "po.pdf", US_HEAD, window, "ORDINE DI ACQUISTO", meta)
    ctx = Context(ours(settings), Registry.default())
    record = run_stages(record_for(pdf), ctx, (fingerprint, read, classify_stage))
    assert record.doc_type == "purchase_order"
    read_so = {
        "vendor": Field("Harwick Foundry GmbH", 0.95, "layout", None, "Harwick Foundry GmbH"),
        "buyer": Field("Tom Ashby", 0.78, "layout", None, ": Tom Ashby"),
    }
    fields = roles_stage(record.evolve(fields=read_so), ctx).fields
    assert fields["vendor"].value == "Istrano Labs S.p.A."
    assert fields["buyer"].value == "Harwick Foundry GmbH"


@pytest.mark.parametrize("agent", ["Buyer: Anna Berglund", "Acheteur: Anna Berglund"])
def test_a_customers_order_to_us_with_a_buyer_line(
    settings: Settings, tmp_path: Path, agent: str
) -> None:
    """A customer's order sent to us: we head the addressee's window (our VAT id under
    us, in the top quarter of the page), and its "Buyer:" line names the customer's
    purchasing agent. We are the vendor, the customer the buyer, not the agent."""
    window: Rows = [
        (140, [(60, "Harwick Foundry GmbH")]),
        (152, [(60, "Gießereiweg 4")]),
        (164, [(60, "34117 Kassel")]),
        (176, [(60, "USt-IdNr. DE298765431")]),
    ]
    meta: Rows = [
        (140, [(380, "Ordine n."), (535, "TL-4410", "r")]),
        (280, [(60, agent), (380, "Vettore: BRT")]),
    ]
    pdf = letter(tmp_path / "po.pdf", HEAD, window, "ORDINE DI ACQUISTO", meta)
    fields = extract(ours(settings), pdf)["fields"]
    assert fields["vendor"] == "Harwick Foundry GmbH"
    assert fields["buyer"] == "Tessaro Lamiere S.p.A."


@pytest.mark.parametrize("label", ["", "Kunde"])
@pytest.mark.parametrize(
    ("person", "company"),
    [
        ("Frau Petra Schulz", "Oberhof Bau AG"),
        ("Mr John Doe", "Oberhof Construction Ltd"),
        # a person or a department without a form of address
        ("John Smith", "Redwood Fabrication LLC"),
        ("Accounts Payable", "Redwood Fabrication LLC"),
        ("Einkauf", "Oberhof Bau AG"),
    ],
)
def test_a_person_addressed_over_a_companys_name_is_its_contact(
    settings: Settings, tmp_path: Path, label: str, person: str, company: str
) -> None:
    """A block that names a person or an office over a company's name with its legal
    form: the person is the company's contact, the company the buyer."""
    lines = [person, company, "Am Markt 5", "80331 München"]
    assert window_buyer(settings, tmp_path, lines, label) == company


@pytest.mark.parametrize(
    ("label", "title", "number"),
    [
        # a label no pack knows: its colon says it is one
        ("Goods for:", "INVOICE", "Invoice No."),
        # French "addressed to", with and without its colon
        ("Adressé à :", "FACTURE", "Facture n°"),
        ("Adressé à", "FACTURE", "Facture n°"),
    ],
)
def test_a_line_ending_in_a_colon_heads_the_window_and_names_nobody(
    settings: Settings, tmp_path: Path, label: str, title: str, number: str
) -> None:
    pdf = letter(
        tmp_path / "i.pdf",
        [(40, [(60, "Quillmore Fasteners Ltd")]), (54, [(60, "VAT No. GB123456789")])],
        [
            (116, [(330, label)]),
            (128, [(330, "Ostrander Kitchens Ltd")]),
            (140, [(330, "14 Mill Lane")]),
            (152, [(330, "Bradford BD1 2AB")]),
        ],
        title,
        [(200, [(60, number), (140, "QF-1182")])],
    )
    fields = extract(settings, pdf)["fields"]
    assert fields["buyer"] == "Ostrander Kitchens Ltd"
    assert fields["vendor"] == "Quillmore Fasteners Ltd"


@pytest.mark.parametrize("form", ["Sres.", "Señores", "Exmos. Senhores"])
def test_a_plural_form_of_address_over_the_window_name(
    settings: Settings, tmp_path: Path, form: str
) -> None:
    # "Señores" (Spanish) and "Senhores" (Portuguese) address the company's people as a
    # whole, over its name: a salutation, not the addressee
    pdf = letter(
        tmp_path / "f.pdf",
        [
            (40, [(60, "Suministros Ortega S.L.")]),
            (54, [(60, "Calle Mayor 8, 28013 Madrid")]),
            (66, [(60, "CIF B12345678")]),
        ],
        [
            (128, [(330, form)]),
            (140, [(330, "Construcciones Vega S.A.")]),
            (152, [(330, "Av. de la Paz 3")]),
            (164, [(330, "41001 Sevilla")]),
        ],
        "FACTURA",
        [(200, [(60, "Factura nº"), (140, "A-2024-77")])],
    )
    fields = extract(settings, pdf)["fields"]
    assert fields["buyer"] == "Construcciones Vega S.A."
    assert fields["vendor"] == "Suministros Ortega S.L."


def test_a_legal_form_alone_under_a_name_ends_the_name(settings: Settings, tmp_path: Path) -> None:
    # a long name wraps its legal form onto the next line: the line above is the company's
    name = "Oberhof Maschinen- und Anlagenbau"
    lines = [name, "GmbH & Co. KG", "Am Markt 5", "80331 München"]
    assert window_buyer(settings, tmp_path, lines) == name


@pytest.mark.parametrize(
    ("label", "agent", "title"),
    [
        ("Proveedor", "Comprador: Lucie Morand", "PEDIDO"),
        ("Supplier", "Buyer: Lucie Morand", "PURCHASE ORDER"),
    ],
)
def test_a_customers_order_naming_us_its_supplier_and_its_agent(
    settings: Settings, tmp_path: Path, label: str, agent: str, title: str
) -> None:
    """A customer's order names us under its supplier label and its purchasing agent on a
    "Buyer:" line: we are the vendor, and the buyer is the customer, not its agent."""
    window: Rows = [
        (126, [(60, label)]),
        (140, [(60, "Harwick Foundry GmbH")]),
        (152, [(60, "Gießereiweg 4")]),
        (164, [(60, "34117 Kassel")]),
    ]
    meta: Rows = [
        (140, [(380, "No."), (535, "TL-4410", "r")]),
        (280, [(60, agent), (380, "Incoterm: DAP")]),
    ]
    pdf = letter(tmp_path / "po.pdf", HEAD, window, title, meta)
    fields = extract(ours(settings), pdf)["fields"]
    assert fields["vendor"] == "Harwick Foundry GmbH"
    assert fields["buyer"] == "Tessaro Lamiere S.p.A."


@pytest.mark.parametrize(
    ("label", "first", "second"),
    [
        ("Bill To:", "Redwood Fabrication and", "Welding Services LLC"),
        ("", "Brennecke Vater &", "Söhne GmbH"),
        ("Kunde", "Stadtwerke Oberhof Wasser und", "Energie GmbH"),
        # one capitalised word over the rest: a narrow window broke the name
        ("", "Stadtwerke", "Oberhof GmbH"),
        ("Bill To:", "Northfield", "Precision Castings Inc."),
        ("", "Gemeinnützige", "Wohnungsbaugesellschaft Oberhof mbH"),
    ],
)
def test_a_name_wrapped_after_a_joining_word_is_one_name(
    settings: Settings, tmp_path: Path, label: str, first: str, second: str
) -> None:
    """A long company name wraps after the word that joins its parts ("and", "&", "und"),
    or after its first word: the two lines are one name, not a contact over the company."""
    lines = [first, second, "Am Markt 5", "80331 München"]
    assert window_buyer(settings, tmp_path, lines, label) == f"{first} {second}"


@pytest.mark.parametrize(
    ("label", "department"),
    [("", "Verwaltung"), ("Bill To:", "Accounting"), ("Cliente", "Compras"), ("", "Achats")],
)
def test_a_department_alone_over_the_company_is_its_contact(
    settings: Settings, tmp_path: Path, label: str, department: str
) -> None:
    """A department alone on its line over the company's name (a pack's ``contact``
    words) is how the company is reached, not the first word of its name."""
    lines = [department, "Brockmann Anlagenbau GmbH", "Am Markt 5", "80331 München"]
    assert window_buyer(settings, tmp_path, lines, label) == "Brockmann Anlagenbau GmbH"


def test_a_person_over_a_street_whose_number_folds_to_a_legal_form_is_the_buyer(
    settings: Settings, tmp_path: Path
) -> None:
    # "51" folds to "SL" (S.L., a Spanish legal form): a street is no company, and the
    # person over it is the buyer herself, not a company's contact
    lines = ["Giulia Ferri", "Calle Pinos 51", "45893 Zaragoza"]
    number = ("Factura n.º", "F-4410")
    assert window_buyer(settings, tmp_path, lines, "Cliente", "FACTURA", number) == "Giulia Ferri"


@pytest.mark.parametrize(
    ("name", "qualifier"),
    [
        ("Maria Lopez", "c/o Redwood Fabrication LLC"),
        ("Redwood Fab", "dba Redwood Fabrication LLC"),
    ],
)
def test_a_company_line_that_goes_on_in_lower_case_qualifies_the_name_above(
    settings: Settings, tmp_path: Path, name: str, qualifier: str
) -> None:
    lines = [name, qualifier, "Am Markt 5", "80331 München"]
    assert window_buyer(settings, tmp_path, lines, "Kunde") == name


@pytest.mark.parametrize(
    ("line", "buyer"),
    [
        # the block run into one line: its name, not the whole line
        ("Ship to: Oakridge Builders Ltd, 14 Mill Lane, Leeds LS2 7AB", "Oakridge Builders Ltd"),
        # an address alone (the issuer's own site) names no buyer: the window's name does
        (
            "Adresse de livraison : ZI des Forges, 59300 Valenciennes",
            "Brockmann Anlagenbau GmbH",
        ),
    ],
)
def test_a_buyers_label_whose_value_runs_on_into_an_address(
    settings: Settings, tmp_path: Path, line: str, buyer: str
) -> None:
    window: Rows = [
        (140, [(60, "Brockmann Anlagenbau GmbH")]),
        (152, [(60, "Hafenstraße 3")]),
        (164, [(60, "28195 Bremen")]),
        (200, [(60, line)]),
    ]
    meta: Rows = [(140, [(380, "Invoice No."), (535, "TL-4410", "r")])]
    pdf = letter(tmp_path / "i.pdf", HEAD, window, "INVOICE", meta)
    assert extract(settings, pdf)["fields"]["buyer"] == buyer


@pytest.mark.parametrize(
    ("label", "title"),
    [
        ("To:", "PURCHASE ORDER"),
        ("Aan", "BESTELBON"),
        ("Spett.le", "ORDINE DI ACQUISTO"),
        ("Destinataire :", "BON DE COMMANDE"),
        ("", "BESTELLUNG"),  # the addressee's window, no label over it
    ],
)
def test_an_order_addressed_to_its_supplier_is_bought_by_its_issuer(
    settings: Settings, tmp_path: Path, label: str, title: str
) -> None:
    # with no company of ours to go by: an order is sent by its buyer, so the letterhead
    # buys and the company it is addressed to, unqualified, supplies
    window: Rows = [
        *([(126, [(60, label)])] if label else []),
        (140, [(60, "Brennecke Maschinenbau AG")]),
        (152, [(60, "Am Ring 7")]),
        (164, [(60, "28195 Bremen")]),
    ]
    meta: Rows = [(140, [(380, "Order No."), (535, "HF-4410", "r")])]
    fields = extract(settings, letter(tmp_path / "po.pdf", US_HEAD, window, title, meta))["fields"]
    assert (fields["vendor"], fields["buyer"]) == (
        "Brennecke Maschinenbau AG",
        "Harwick Foundry GmbH",
    )
    assert fields["address"] == "Am Ring 7, 28195 Bremen"


def test_only_an_unqualified_label_addresses_an_order_to_its_supplier() -> None:
    from intake.extractors.extraction.role_labels import addressed

    assert addressed("To:") and addressed("Aan") and addressed("Spett.le")
    # "Invoice to:" and "Ship to:" name the issuer's own addresses on an order
    assert not addressed("Invoice to:") and not addressed("Ship to:")


def test_an_orders_supplier_label_names_its_vendor_over_a_repeated_letterhead(
    settings: Settings, tmp_path: Path
) -> None:
    # the issuer's name in the letterhead and again in the return address over the
    # window: on an order the company under "Lieferant" is the vendor, and the issuer buys
    head: Rows = [*US_HEAD, (112, [(60, "Harwick Foundry GmbH · Gießereiweg 4 · 34117 Kassel")])]
    window: Rows = [
        (126, [(60, "Lieferant")]),
        (140, [(60, "Brennecke Maschinenbau AG")]),
        (152, [(60, "Am Ring 7")]),
        (164, [(60, "28195 Bremen")]),
    ]
    meta: Rows = [(140, [(380, "Bestellnummer:"), (535, "HF-4410", "r")])]
    fields = extract(settings, letter(tmp_path / "po.pdf", head, window, "BESTELLUNG", meta))[
        "fields"
    ]
    assert (fields["vendor"], fields["buyer"]) == (
        "Brennecke Maschinenbau AG",
        "Harwick Foundry GmbH",
    )
