"""The cells of a party's block that may hold its name: the value beside its label in a
key-value header, the cells under it past sub-labels ("Nummer: 549910", "Anschrift:"),
and a name broken over two lines joined again. Used by
:mod:`intake.extractors.extraction.parties`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from intake.extractors.extraction.candidates import street_line
from intake.extractors.extraction.labels import DETAIL_FIELDS, LABELS, any_label, compile_labels
from intake.extractors.extraction.layout import ALIGNED, Cell, Hit, Layout
from intake.extractors.extraction.legal_names import LEGAL_END
from intake.extractors.extraction.party_labels import (
    SUB_LABELLED,
    colon_beside,
    party_label,
    wrapped_above,
)
from intake.extractors.extraction.postcodes import POSTCODE

__all__ = [
    "Block",
    "beside_value",
    "concat",
    "in_blocks",
    "in_details_row",
    "label_cells",
    "named_cells",
    "whole_labels",
]


def concat(first: Cell, second: Cell) -> Cell:
    return Cell(first.page, second.line, first.words + second.words, f"{first.text} {second.text}")


#: How far right of a party's label a cell is another column's, where the label heads a
#: block of its own, as a share of the page's width: a value set in a key-value grid
#: sits nearer ("Advertiser  Acme PAC"); "Delivery Address" and "Requisitioner" head two
#: columns, "Billing Address:" at the margin and "Sales Region" in mid-page two blocks
FAR = 0.15
#: ... and where it heads none: a cell across the page is another block's
ACROSS = 0.4
_LETTERS = re.compile(r"[^\W\d_]{2}")
#: A sub-label between a party's label and its name: "Advertiser  Name:  Acme".
_SUB_LABEL = re.compile(r"(?:full\s*|legal\s*)?name\s*:?", re.IGNORECASE)
#: The issuer's person in charge ("Prepared by", "Ihr Ansprechpartner"): a label, no value.
_ISSUER_CONTACT = compile_labels(LABELS.get("issuer_contact", []))
#: The title of a buyer's person in charge of its orders ("Buyer", "Einkäufer").
_BUYING_AGENT = any_label(LABELS.get("buying_agent", []))
#: a label with its colon and a value after it ("Condições de pagamento: 60 dias.")
_LABEL_AND_VALUE = re.compile(r"[^\W\d_]{2,}\s*:\s*\S")
#: The fields whose labels, found in a cell, make it no name.
_LABELLED = (
    "buyer",
    "vendor",
    "invoice_number",
    "po_number",
    "issue_date",
    "due_date",
    "total",
)


@dataclass(frozen=True)
class Block:
    """Where a party's block lies: the lines and the span a label heads."""

    lines: frozenset[int]
    x0: float
    x1: float

    @classmethod
    def under(cls, label: Cell) -> Block:
        """The six lines from ``label``'s down, at least 180 points wide from its left."""
        return cls(
            frozenset(range(label.line, label.line + 6)),
            label.x0 - 5,
            max(label.x1, label.x0 + 180),
        )


def in_blocks(cell: Cell, blocks: list[Block]) -> bool:
    """Whether ``cell`` lies in one of the party's ``blocks`` (its names are that party's)."""
    return any(cell.line in b.lines and cell.x0 < b.x1 and cell.x1 > b.x0 for b in blocks)


def label_cells(layout: Layout) -> set[tuple[int, float]]:
    return {
        (hit.cell.line, hit.cell.x0)
        for name in _LABELLED
        for hit in layout.labels(name, pages=1)
        if hit.match.start() == 0
    }


def whole_labels(layout: Layout) -> set[tuple[int, float]]:
    """The first page's cells that are a label alone: closed by a colon, even one no pack
    knows ("Rechnungsnummer:"), or all a label of a party, a detail or an amount, bar its
    colon ("Supplier", "Delivery required", as OCR reads them without one). A label names
    nobody."""
    colons = {
        (c.line, c.x0) for c in layout.cells() if c.page == 1 and c.text.rstrip().endswith(":")
    }
    return colons | {
        (hit.cell.line, hit.cell.x0)
        for name in (*_LABELLED, *DETAIL_FIELDS, "subtotal", "tax")
        for hit in layout.labels(name, pages=1)
        if hit.match.start() == 0 and not hit.cell.text[hit.match.end() :].strip(" :.")
    }


def beside_value(layout: Layout, cell: Cell, labels: set[tuple[int, float]]) -> list[Cell]:
    """The value to the right of a party's label, as in a key-value header ("Advertiser
    Acme PAC"): the next cell, past a "Name:" sub-label; none where that cell is
    another label ("Bill To  Ship To", "Customer  Invoice No."), none where the label heads a
    row of boxed details, nor one farther off than :data:`FAR` where it heads a block of
    its own (:func:`_heads_block`) or :data:`ACROSS` where not: its value is under it."""
    if layout.heads_values(cell.line):
        return []
    width = layout.lines[cell.line].page_width
    for other in layout.cells_right(cell):
        gap = (other.x0 - cell.x1) / width
        if gap > ACROSS or (gap > FAR and _heads_block(layout, cell, labels)):
            return []  # another column's: the label's value is under it
        if _SUB_LABEL.fullmatch(other.text.strip()):
            continue
        if (other.line, other.x0) in labels or other.text.rstrip().endswith(":"):
            return []
        if any(p.match(other.text) for p, _ in _ISSUER_CONTACT):
            return []  # "Prepared for  Prepared by": the issuer's person's label
        return [other]
    return []


def _heads_block(layout: Layout, cell: Cell, labels: set[tuple[int, float]]) -> bool:
    """Whether the label ``cell`` heads a block: the next line starts right under it (within
    :data:`ALIGNED` points) with a value, no label ("Billing Address:" over the customer's
    name; "Delivery Address | Requisitioner" over their values). A cell beside such a label
    is another column's, not its value."""
    index = cell.line + 1
    if index >= len(layout.lines) or layout.lines[index].page != cell.page:
        return False
    for under in layout.lines[index].cells:
        if abs(under.x0 - cell.x0) <= ALIGNED:
            text = under.text.strip()
            return (
                (under.line, under.x0) not in labels
                and not text.endswith(":")
                and _LETTERS.search(text) is not None
            )
    return False


def in_details_row(layout: Layout, hit: Hit) -> bool:
    """Whether a party's label word was found in a row of boxed details rather than over
    a party's block: among the values, under their headers ("Destinatario" under
    "Spedizione": who pays the carriage), or, as the title of a buyer's person in charge
    (the packs' ``buying_agent``), heading one row of values and no more ("Buyer | Ship
    via | Terms" over "A. Berg | UPS | Net 30": the person who placed the order; the
    parties' blocks side by side go on with their addresses). The customer's or the
    vendor's own word over one row of details names that party ("Customer | Invoice # |
    Terms" over "Lakeside Dental Group | 77812 | Net 30"). A label whose column goes on
    under its value with an address heads a party's block, in a row of details or not
    ("Billed To | Date of Issue | Invoice Number" over the customer's name and address,
    the dates and number beside it)."""
    line = hit.line
    if line > 0 and layout.heads_values(line - 1):
        return True
    title = hit.match.group(0).strip(" :.")
    if not _BUYING_AGENT.fullmatch(title):
        return False
    if not layout.heads_values(line):
        return _agent_among_details(layout, hit)
    if layout.heads_values(line + 1):
        return False
    under = [c.text for c in layout.below(hit, max_lines=3)]
    return not any(POSTCODE.search(t) or street_line(t) for t in under[1:])


def _agent_among_details(layout: Layout, hit: Hit) -> bool:
    """Whether a buying agent's title labels one of the document's details, its value
    beside it: a person's name among the order's dates and terms, in their column
    ("Acheteur : Claire Dumas" between "Livraison souhaitée :" and "Conditions :") or on
    their line ("Payment: 60 days. Buyer: R. Smith."). It names the person who placed the
    order, not the buying company, unless the value is a company's name (a legal form)
    or an address goes on under it (a party's block)."""
    value = layout.right_of(hit)
    if value is None or LEGAL_END.search(value.text):
        return False
    under = [c.text for c in layout.under(value, max_lines=2)]
    if any(POSTCODE.search(t) or street_line(t) for t in under):
        return False
    before = hit.cell.text[: hit.match.start()]
    if _LABEL_AND_VALUE.search(before):
        return True  # another detail's label and value before it on its line
    x0 = hit.cell.x0
    for index in (hit.line - 1, hit.line + 1):
        if not 0 <= index < len(layout.lines) or layout.lines[index].page != hit.cell.page:
            continue
        for cell in layout.lines[index].cells:
            if abs(cell.x0 - x0) <= ALIGNED and (label := SUB_LABELLED.match(cell.text)):
                return not party_label(label.group(1))
    return False


#: the sub-labels that announce the party's name, in every language pack ("Name:", "Firma:")
_NAME_LABEL = re.compile(
    r"(?:" + "|".join(p for p, _ in LABELS.get("party_name", [])) + r")\.?", re.IGNORECASE
)


#: how far right of the name's sub-label its value starts, at most (points)
NAME_GAP = 100.0


def _name_beside(layout: Layout, cell: Cell) -> bool:
    """Whether ``cell`` is the name's sub-label with no colon, its value close beside it
    ("Name  Fjord Housing AS" under "BUYER"); not "Firma" over the name, with another
    label further along its line."""
    if not _NAME_LABEL.fullmatch(cell.text.strip()):
        return False
    right = layout.cells_right(cell)[:1]
    return bool(right) and right[0].x0 - cell.x1 < NAME_GAP and not right[0].text.endswith(":")


#: the labels of a document's or a party's number and of its dates, distractors too
#: ("Supplier Number", "Customer No.", "Order Date"), in every pack
_NUMBER_LABELS = any_label(
    [
        (p, w)
        for field in (*DETAIL_FIELDS, "vendor", "buyer")
        for p, w in LABELS.get(field, [])
        if w == 0 or field not in ("vendor", "buyer")
    ]
)


def _number_label(text: str) -> bool:
    """Whether ``text`` is a label of a number or a date and nothing more."""
    text = text.strip().rstrip(":").strip()
    return bool(_NUMBER_LABELS.fullmatch(text))


def named_cells(layout: Layout, cells: list[Cell]) -> list[Cell]:
    """The cells of a party's block that can hold its name. A label word is never a value:
    a cell that is a sub-label alone, or begins with one, is left out ("Nummer: 549910",
    "Anschrift: ..."), except the sub-label of the name itself, whose value is taken
    (after it in the cell, or in the next cell to its right)."""
    out: list[Cell] = []
    for cell in cells:
        if _number_label(cell.text):
            continue  # "Supplier Number" under "Supplier" in a column of keys: a key
        m = SUB_LABELLED.match(cell.text)
        if m is None and (colon_beside(layout, cell) or _name_beside(layout, cell)):
            m = SUB_LABELLED.match(f"{cell.text}:")  # "Nummer  : 549910", colon aligned
        if m is None:
            out.append(cell)
            continue
        if not _NAME_LABEL.fullmatch(m.group(1).strip()):
            continue
        rest = cell.tail(m.end())
        if rest is not None and rest.text.strip():
            out.append(rest)
        for value in [] if rest is not None and rest.text.strip() else layout.cells_right(cell)[:1]:
            first = wrapped_above(layout, value)
            out.append(value if first is None else concat(first, value))
    return out
