"""When a party's label word is a label, and when what follows it is still label.

"A label word is never a value": "Lieferant", "client" or "fournisseur" also occur inside
names and addresses ("Lieferant Hansen KG", "8, impasse du Fournisseur"), and a label may run on
in words that are still label ("Seller trade name", "Nom du destinataire :").

A letter sent to the attention of a person at a company prints that person on a line of
the addressee's block that an attention word begins ("Attn:", "z. Hd.", "À l'attention
de", "t.a.v."; the packs' ``contact`` labels), over or under the company's name: that
line names a contact person, never the party. A postal address may begin with a form of
address on a line of its own ("Firma", "Herrn", "Madame"; the packs' ``address_form``):
that line is no name either.
"""

from __future__ import annotations

import re

from intake.extractors.extraction.confusion import fold_pattern
from intake.extractors.extraction.labels import LABELS, any_label, compile_labels
from intake.extractors.extraction.layout import Cell, Hit, Layout
from intake.extractors.extraction.vocabulary import vocabulary

__all__ = [
    "SUB_LABELLED",
    "colon_beside",
    "contact_line",
    "contact_over_company",
    "detail_word",
    "form_of_address",
    "in_reference_label",
    "label_in_value",
    "more_label",
    "party_label",
    "wrapped_above",
]

_COLON_AFTER = re.compile(r"\s*:")
#: "Nummer:", "Anschrift:", "Name, Dep:": a sub-label at the start of a cell in a party's block
SUB_LABELLED = re.compile(r"\s*([^\W\d_][^\W\d_ .\-/]*(?:[ .,\-/]{1,2}[^\W\d_]+){0,3})\.?\s*:")
_LEGAL_FORM = fold_pattern(vocabulary().name_end_pattern)
#: nothing but legal forms: "GmbH", "S.A.S.", "Co. Ltd"
_LEGAL_ONLY = re.compile(rf"(?:{_LEGAL_FORM})\.?(?:\s+(?:{_LEGAL_FORM})\.?)*", re.IGNORECASE)
#: the sub-labels that announce a party's name, in every language pack ("Name", "Nom")
_NAME_LABEL = re.compile(
    r"(?:" + "|".join(p for p, _ in LABELS.get("party_name", [])) + r")\.?", re.IGNORECASE
)

_CONTACT = any_label(LABELS.get("contact", []))

#: the labels of the document's references, whose words may name a party ("Customer PO",
#: "Nº pedido cliente", "Your order no.")
_REFERENCES = compile_labels(
    [
        entry
        for name in ("po_number", "order_number", "quote_number", "invoice_number")
        for entry in LABELS.get(name, [])
        if entry[1] > 0
    ]
)


def in_reference_label(hit: Hit) -> bool:
    """Whether a party's label word is part of a reference's label: "cliente" in "Nº
    pedido cliente" labels the customer's order number, not the customer."""
    start, end, text = hit.match.start(), hit.match.end(), hit.cell.text
    return any(
        m.start() <= start and end <= m.end() and (m.start(), m.end()) != (start, end)
        for p, _ in _REFERENCES
        for m in p.finditer(text)
    )


_FORM = "|".join(p for p, _ in LABELS.get("address_form", [])) or "(?!)"
#: a line that is nothing but forms of address ("Firma", "Herrn", "Gent.mo Sig.")
_FORMS_ONLY = re.compile(rf"\s*(?:{_FORM})(?:\s*(?:{_FORM}))*\s*:?\s*", re.IGNORECASE)


#: a line that opens with a form of address before a name: a person ("Mrs K. Whitlow")
_PERSON_FIRST = re.compile(rf"\s*(?:{_FORM})\s+[^\W\d_]", re.IGNORECASE)
#: a line of two words or more, capitalised, with no figure: a name, not a street or a town
#: with its postcode
_ORGANISATION = re.compile(r"\s*(?-i:[A-ZÀ-ÖØ-Þ])[^\d\n]*\s[^\d\n]+")


def form_of_address(text: str) -> bool:
    """Whether a line of a postal address is only the form of address that heads it
    ("Firma", "Herrn", "Madame", "Exmo. Sr."): the name is on the next line."""
    return _FORMS_ONLY.fullmatch(text) is not None


#: a legal form that ends a line: the line names a company
_ENDS_COMPANY = re.compile(rf"(?<![\w])(?:{_LEGAL_FORM})\.?\s*$", re.IGNORECASE)
#: what a line says besides legal forms and the words that join them ("GmbH & Co. KG")
_NOT_LEGAL = re.compile(rf"(?<![\w])(?:(?:{_LEGAL_FORM})\.?|co\.?)(?![\w])|[&+,]", re.IGNORECASE)


#: a name line that ends in a word joining two parts of a name ("Redwood Fabrication and")
_JOINED_END = re.compile(
    r"(?:^|\s)(?:" + "|".join(vocabulary().name_joiners or ["(?!)"]) + r")\s*$", re.IGNORECASE
)


def _names_company(text: str) -> bool:
    """Whether ``text`` ends with a legal form written in letters: the fold reads OCR's
    digits as letters, so "Calle Pinos 51" would end in "S.L." without the letters."""
    m = _ENDS_COMPANY.search(text)
    return m is not None and any(ch.isalpha() for ch in m.group(0))


#: one capitalised word of letters alone on its line
_ONE_WORD = re.compile(r"\s*[^\W\d_a-z][^\W\d_]{2,}\s*")
#: a document's title or a detail word alone ("INVOICE", "Datum"): no part of a name
_TITLE_OR_DETAIL = re.compile(rf"\s*{fold_pattern(vocabulary().detail_pattern)}\W*", re.I)


def detail_word(text: str) -> bool:
    """Whether ``text`` is a title or a detail's word alone ("INVOICE", "ADDRESS", "Datum"),
    a label heading a block without its colon: no name."""
    return _TITLE_OR_DETAIL.fullmatch(text) is not None


def wraps_onto(text: str, below: str) -> bool:
    """Whether a company's name goes on from ``text`` onto ``below``, which ends with a
    legal form ("Welding Services LLC", "Söhne GmbH"): the line ends in a word that joins
    two parts of a name ("Redwood Fabrication and", "Müller &"), or it is one capitalised
    word over a capitalised line ("Stadtwerke" over "Freiburg GmbH": a narrow address
    window breaks a long name so), not a title or a detail word. One word is no contact:
    a person is printed with a given name and a surname, and a department alone on its
    line is a ``contact`` label of the packs ("Buchhaltung", "Accounting")."""
    if not _names_company(below):
        return False
    if _JOINED_END.search(text) is not None:
        return True
    return (
        _ONE_WORD.fullmatch(text) is not None
        and not detail_word(text)
        and below.lstrip()[:1].isupper()
        and not contact_line(text)
        and not form_of_address(text)
    )


def contact_over_company(text: str, below: str) -> bool:
    """Whether a line without a legal form heads the block of a company named with its
    legal form on the line under it ("Oberhof Bau AG", "Redwood Fabrication LLC"): a
    person, by form of address or not ("Frau Petra Schulz", "John Smith"), or a
    department ("Accounts Payable") is the company's contact, and the company the party
    (a business document is addressed to a company; its people and offices are how it
    is reached). A legal form alone on the line under a name ends that name ("Müller
    Maschinenbau" over "GmbH & Co. KG")."""
    return (
        not _names_company(text)
        and _names_company(below)
        and _NOT_LEGAL.sub("", below).strip(" .") != ""
        and not wraps_onto(text, below)
        # a line that goes on in lower case qualifies the name above ("c/o Redwood
        # Fabrication LLC", "dba …"): the name above is the party
        and not below.lstrip()[:1].islower()
    )


def contact_line(text: str) -> bool:
    """Whether a line of a party's block names a contact person: an attention word
    begins it ("Attn: Jane Doe", "z. Hd. Herrn Muster")."""
    text = text.lstrip()
    return bool(_CONTACT.match(text))


def name_heading(text: str, below: str, after: str = "") -> str | None:
    """The name a block's line gives with the line under it (and the one ``after`` that):
    none where it is the contact over a company's name (:func:`contact_over_company`),
    directly or over the contact's position ("Siobhán Naughton" over "Operations
    Director" over "Connemara Smokehouse Ltd"), or a person, by form of address, over a
    name, both lines where the name wraps onto the next (:func:`wraps_onto`), else the
    line itself."""
    if contact_over_company(text, below):
        return None
    if (
        after
        and not _names_company(below)
        and not any(ch.isdigit() for ch in text + below)
        and contact_over_company(text, after)
        and not wraps_onto(text, below)
    ):
        return None
    if _PERSON_FIRST.match(text) and not _names_company(text) and _ORGANISATION.fullmatch(below):
        return None  # a person over a name with no figure: "Mrs K. Whitlow, School Business
        # Manager" over "St Aldhelm's Primary School" (a street or a town has its figures)
    if wraps_onto(text, below):
        return f"{text.strip()} {below.strip()}"
    return text.strip()


def label_in_value(hit: Hit, *, keyed: bool = False) -> bool:
    """Whether a party's label word is part of a value: of an address line, after its
    number or a comma and not closed by a colon ("8, impasse du Fournisseur"), or of
    another label, after its colon ("Spedizione: Destinatario"). With ``keyed`` (the
    seller's labels: "From:", "Lieferant", "Fournisseur :"), a label leads its cell or
    ends in a colon, anywhere else the word
    is content, and a seller's word before a legal form is the name itself ("Lieferant
    GmbH"); the buyer's block may be headed with its label last ("Adresse du client")."""
    text = hit.cell.text
    if keyed and _LEGAL_ONLY.fullmatch(text[hit.match.end() :].strip()):
        return True
    if hit.match.start() == 0 or _COLON_AFTER.match(text, hit.match.end()):
        return False
    if form_of_address(text[: hit.match.start()].strip()):
        return False  # after a form of address it heads the block ("Spett.le Fornitore")
    if text[: hit.match.start()].rstrip().endswith(":"):
        return True  # another label's value ("Spedizione: Destinatario", carriage paid by whom)
    # a label that closes its line with its colon heads the block below it ("Please remit
    # payment to:"); with more after it ("Delivery from: Leeds") it is a sentence's words
    if hit.match.group(0).rstrip().endswith(":") and not text[hit.match.end() :].strip():
        return False
    return keyed or bool(re.search(r"[\d,]", text[: hit.match.start()]))


_PARTY_LABELS = any_label(
    [e for field in ("buyer", "vendor") for e in LABELS.get(field, []) if e[1] > 0]
)


def party_label(text: str) -> bool:
    """Whether ``text`` is all a party's label ("Invoice to", "Lieferadresse", "Supplier:"):
    the label of a block, never a name nor a title."""
    text = text.rstrip(": ").strip()
    return bool(_PARTY_LABELS.fullmatch(text))


def more_label(text: str) -> bool:
    """Whether what follows a party's label in its cell is more label, not a value: empty,
    lower-case words ending in a colon ("Nom du destinataire :"), or ending
    in a name's sub-label ("Seller trade name")."""
    stripped = text.strip(" :")
    if not stripped or (text.rstrip().endswith(":") and stripped[0].islower()):
        return True
    text = stripped
    words = text.split()
    return _NAME_LABEL.fullmatch(words[-1].strip(".")) is not None


def wrapped_above(layout: Layout, value: Cell) -> Cell | None:
    """The first line of a name that wraps around its label: a form centres its label
    ("Name:") on a two-line value, so the value's first line stands alone on the line
    above, aligned with it and closer than the form's rows are to each other."""
    if value.line == 0:
        return None
    above = layout.lines[value.line - 1]
    if above.page != value.page or len(above.cells) != 1:
        return None
    first = above.cells[0]
    if abs(first.x0 - value.x0) > 2 or ":" in first.text:
        return None
    if value.top - first.bottom > 0.6 * value.height:
        return None
    return first


def colon_beside(layout: Layout, cell: Cell) -> bool:
    """Whether the cell's colon begins the next cell: a form that aligns its colons
    ("Nummer      : 549910") makes ``cell`` a label."""
    after = layout.next_cell(cell)
    return after is not None and after.text.lstrip().startswith(":")
