"""The addressee's window: an unlabelled name over a postal address, below the sender's.

A letter puts its sender first (the letterhead, with its telephone, e-mail, web site,
bank or tax numbers) and its addressee in the window: a name over a street and a
postcode with a town, and nothing else. A name that heads such a block, printed below a
line of the sender's contact details, is the addressee, not the issuer. A window
envelope's letter (DIN 5008, the French and Swiss norms alike) prints the sender's
return address on one line over the window, its parts run together with separators
("Acme GmbH · Hauptstr. 1 · 12345 Stadt"): that line is the sender's details too.

The addressee's own VAT id may close its block (an invoice between businesses in the EU
must print the customer's VAT id, and does so under its address): that line is part of
the address, not the sender's details. Under a logo (no words) the page may print no
sender's details at its top: an imprint at its foot (:mod:`imprint`) stands for them.
A label heading the block ("Rechnungsadresse", "Fournisseur"), or any line ending in a
colon, is no name: a label word is never a value; nor is a contact person's line ("z. Hd.
Frau Muster") over or under the
addressee's name.
"""

from __future__ import annotations

import re

from intake.extractors.extraction.imprint import imprint_on_foot
from intake.extractors.extraction.labels import DETAIL_FIELDS, LABELS, any_label, compile_labels
from intake.extractors.extraction.layout import ALIGNED, Cell, Layout
from intake.extractors.extraction.party_labels import (
    contact_line,
    detail_word,
    form_of_address,
    name_heading,
)
from intake.extractors.extraction.postcodes import POSTCODE
from intake.extractors.extraction.vocabulary import vocabulary
from intake.record import Box

__all__ = ["LETTERHEAD", "recipient_names", "return_sender", "window_lines"]

#: a sender's contact details (a web or mail address, a telephone number, the packs'
#: contact words) or a VAT id (the packs' tax words)
_CONTACT = re.compile(
    rf"@|www\.|https?:|\+\d|\b{vocabulary().words('contact_words', 'tax_words')}\b", re.I
)
#: the sender's contact details that never close an addressee's block (a VAT id may)
_SENDER_ONLY = re.compile(rf"@|www\.|https?:|\+\d|\b{vocabulary().words('contact_words')}\b", re.I)
#: a party's label, the buyer's or the seller's, any language
_BUYER = [(p, w) for p, w in LABELS.get("buyer", []) if w > 0]
_SELLER = [(p, w) for p, w in LABELS.get("vendor", []) if w > 0]
#: the label of one of the document's numbers or dates ("Order Number", "Delivery Date")
_DETAIL = [(p, w) for f in DETAIL_FIELDS for p, w in LABELS[f] if w > 0]
_BUYER_LABELS, _SELLER_LABELS, _DETAIL_LABELS = map(compile_labels, (_BUYER, _SELLER, _DETAIL))
#: a return address on one line: a postcode with its town among parts run together with
#: separators ("Acme GmbH · Hauptstr. 1 · 12345 Stadt", "Acme SARL - 2 rue Neuve - 75002 Paris")
_RETURN_ADDRESS = re.compile(
    r"(?:[·•|]|\s[-–]\s|,\s).*\d{4,5}\s+[^\W\d_]{2,}|[^·•|]+[·•][^·•|]+[·•][^·•|]+"
)
#: what separates the parts of a return address (a scan reads its dots as "«", "*", "°")
_PARTS = re.compile(r"\s*[·•|]\s*|\s[-–«»*+°]\s")
#: an item table's column heading alone ("Descrição", "Quantity"): no one's name
_COLUMN = re.compile(
    "|".join(vocabulary().column_words(r) for r in ("description", "quantity", "amount")), re.I
)
#: a figure: a digit not inside a word (OCR reads a letter as one: "H6tel" for "Hôtel")
_FIGURE = re.compile(r"\d(?![^\W\d_])|(?<![^\W\d_])\d")
#: how far above the window's first name its return address lies, at most (points)
RETURN_GAP = 60.0
#: the letterhead's share of the page, from its top: where a sender prints its details;
#: a page with no words in its top ``LOGO`` share has a logo (an image) for a letterhead
LETTERHEAD = 0.3
LOGO = 0.12
#: words in a line of a postal address, at most: a longer line is a sentence
MAX_WORDS = 7
#: lines of an address block under its name, at most
MAX_LINES = 5


def _block(layout: Layout, cell: Cell) -> list[Cell]:
    """The cells under ``cell`` that start where it starts, line after line. A line with
    nothing under the block is another column's, read in between where the two columns'
    rows are not aligned (a letter's details beside its window, each spaced on its own):
    it is passed over."""
    out: list[Cell] = []
    bottom = cell.bottom
    for line in layout.lines[cell.line + 1 : cell.line + 1 + 2 * MAX_LINES]:
        if line.page != cell.page or line.top - bottom > 2 * max(cell.height, 6.0):
            break
        below = next((c for c in line.cells if abs(c.x0 - cell.x0) < 3), None)
        if below is None and not any(c.x0 < cell.x1 and c.x1 > cell.x0 for c in line.cells):
            continue
        if below is None or len(below.text.split()) > MAX_WORDS:
            break
        out.append(below)
        bottom = below.bottom
        if len(out) == MAX_LINES:
            break
    return out


#: each label list above as one alternation: a cell none of its labels matches anywhere
#: is none of them, found with one search instead of one per label
_ANY = {
    id(compiled): any_label(entries)
    for compiled, entries in (
        (_BUYER_LABELS, _BUYER),
        (_SELLER_LABELS, _SELLER),
        (_DETAIL_LABELS, _DETAIL),
    )
}


def _is_label(text: str, labels: list[tuple[re.Pattern[str], float]]) -> bool:
    """Whether a cell is one of ``labels`` and nothing else ("Rechnungsadresse",
    "Bill to:"), or labels of one role joined by slashes ("Cedente / Prestatore")."""
    text = text.strip().rstrip(":").strip()
    if (any_label := _ANY.get(id(labels))) is not None and not any_label.search(text):
        return False
    words = text.split(maxsplit=1)
    if len(words) == 2 and form_of_address(words[0]):
        text = words[1]  # "Spett.le Fornitore": the form of address over the supplier's block
    return any(
        all(any((m := p.search(w)) and m.group(0) == w for p, _ in labels) for w in words)
        for words in ([text], [w.strip() for w in text.split("/")])
        if all(words)
    )


def return_sender(layout: Layout, window: list[Box]) -> tuple[Box, str] | None:
    """The sender a window envelope's return address names: the first of the parts run
    together on the line over the window ("Malerbetrieb Kühn · Lindenallee 7 · 04109
    Leipzig"), where it holds no figure (a name, not a street); None without a window."""
    if not window:
        return None
    first = min(window, key=lambda b: b.top)
    for line in layout.lines:
        if line.page != first.page or line.top >= first.top:
            break
        if first.top - line.top > RETURN_GAP:
            continue
        for cell in line.cells:
            parts = _PARTS.split(cell.text.strip())
            if len(parts) >= 3 and POSTCODE.search(cell.text) and parts[0]:
                if not any(ch.isdigit() for ch in parts[0]):
                    return cell.span_box(0, len(parts[0])), parts[0]
    return None


def recipient_names(layout: Layout) -> list[tuple[Box, str]]:
    """The names (box, text) that head an addressee's block on the first page."""
    first = [line for line in layout.lines if line.page == 1]
    # The sender's details: its contact lines, its return address, and the postcode line
    # of its own address (a letterhead of name, street and town alone comes first too).
    contact_tops = [
        c.top
        for line in first
        for c in line.cells
        if _CONTACT.search(c.text) or _RETURN_ADDRESS.search(c.text) or POSTCODE.search(c.text)
    ]
    if (
        first
        and first[0].top > LOGO * first[0].page_height
        and imprint_on_foot(layout)
        and not any(
            _CONTACT.search(c.text) or _RETURN_ADDRESS.search(c.text)
            for line in first
            if line.top < LETTERHEAD * line.page_height
            for c in line.cells
        )
    ):
        # a logo (no words on the page's top) over no sender's details: they stand at the
        # page's foot, its imprint
        contact_tops.append(0.0)
    if not contact_tops:
        return []
    out = []
    supplier: set[tuple[int, float]] = set()  # the block under a seller's label
    for line in first:
        if line.top > 0.5 * line.page_height:
            break
        for cell in line.cells:
            if _FIGURE.search(cell.text) or _CONTACT.search(cell.text):
                continue
            if _is_label(cell.text, _SELLER_LABELS):
                # the supplier's block ("Lieferant", "Fournisseur"): not the addressee
                supplier.update((c.line, c.x0) for c in _block(layout, cell))
                continue
            if (cell.line, cell.x0) in supplier or _is_label(cell.text, _BUYER_LABELS):
                continue
            if _is_label(cell.text, _DETAIL_LABELS) or any(
                abs(up.x0 - cell.x0) <= ALIGNED and _is_label(up.text, _DETAIL_LABELS)
                for up in layout.above(cell, max_lines=3)
            ):
                # "Order Number" over its value in a column of details, and the labels
                # under it in that column ("Reference" over "Job 2291 Manly"): no names
                continue
            if cell.text.rstrip().endswith(":") or detail_word(cell.text):
                # a label, even one no pack knows ("Adressé à :"), or a detail's word
                # alone ("ADDRESS" over the customer's block): what it heads
                continue
            if contact_line(cell.text) or form_of_address(cell.text):
                continue  # a contact person or "Firma" over the addressee's name
            if not any(top < cell.top for top in contact_tops) and not any(
                contact_line(c.text) for c in layout.under(cell, max_lines=1)
            ):
                continue  # the sender's details come first; but a name with an attention
                # line under it heads a block addressed to someone there, wherever it stands
            block = _block(layout, cell)
            if not block or any(_SENDER_ONLY.search(c.text) for c in block):
                continue
            if block[0].text.rstrip().endswith(":"):
                continue  # a label under it ("VENDOR:"): another block, under a detail's label
            if (name := name_heading(cell.text, block[0].text)) is None:
                continue  # "Frau Petra Schulz" over "Oberhof Bau AG": its contact
            if any(POSTCODE.search(c.text) for c in block) and not _COLUMN.fullmatch(name):
                out.append((cell.box, name))  # a column's heading names no one
    return out


def window_lines(layout: Layout, names: list[Box]) -> list[Box]:
    """The boxes of the address lines under the window's ``names``: the addressee's street
    and town, no one's name."""
    cells = [cell for box in names if (cell := layout.holding(box)) is not None]
    return [below.box for cell in cells for below in _block(layout, cell)]
