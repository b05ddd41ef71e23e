"""The addressee's window: an unlabelled name over a postal address, below the sender's.

A letter puts its sender first (the letterhead, with its telephone, e-mail, web site,
bank or tax numbers) and its addressee in the window: a name over a street and a
postcode with a town, and nothing else. A name that heads such a block, printed below a
line of the sender's contact details, is the addressee, not the issuer. A window
envelope's letter (DIN 5008, the French and Swiss norms alike) prints the sender's
return address on one line over the window, its parts run together with separators
("Acme GmbH · Hauptstr. 1 · 12345 Stadt"): that line is the sender's details too.
"""

from __future__ import annotations

import re

from intake.extractors.extraction.layout import Cell, Layout
from intake.record import Box

__all__ = ["recipient_names"]

_CONTACT = re.compile(
    r"@|www\.|https?:|\+\d|\b(?:tel|phone|fax|t[ée]l[ée]phone|e-?mail|iban|bic|vat|tva|ust)\b",
    re.IGNORECASE,
)
#: a postcode before its town: "69002 LYON", "DE-80333 München", "75013 Paris"
_POSTCODE = re.compile(r"(?<![\d.,])\d{4,5}\s+[^\W\d_]{2,}")
#: a return address on one line: a postcode with its town among parts run together with
#: separators ("Acme GmbH · Hauptstr. 1 · 12345 Stadt", "Acme SARL - 2 rue Neuve - 75002 Paris")
_RETURN_ADDRESS = re.compile(
    r"(?:[·•|]|\s[-–]\s|,\s).*\d{4,5}\s+[^\W\d_]{2,}|[^·•|]+[·•][^·•|]+[·•][^·•|]+"
)
#: words in a line of a postal address, at most: a longer line is a sentence
MAX_WORDS = 7
#: lines of an address block under its name, at most
MAX_LINES = 5


def _block(layout: Layout, cell: Cell) -> list[Cell]:
    """The cells under ``cell`` that start where it starts, line after line."""
    out: list[Cell] = []
    bottom = cell.bottom
    for line in layout.lines[cell.line + 1 : cell.line + 1 + MAX_LINES]:
        if line.page != cell.page or line.top - bottom > 2 * max(cell.height, 6.0):
            break
        below = next((c for c in line.cells if abs(c.x0 - cell.x0) < 3), None)
        if below is None or len(below.text.split()) > MAX_WORDS:
            break
        out.append(below)
        bottom = below.bottom
    return out


def recipient_names(layout: Layout) -> list[tuple[Box, str]]:
    """The names (box, text) that head an addressee's block on the first page."""
    first = [line for line in layout.lines if line.page == 1]
    contact_tops = [
        c.top
        for line in first
        for c in line.cells
        if _CONTACT.search(c.text) or _RETURN_ADDRESS.search(c.text)
    ]
    if not contact_tops:
        return []
    out = []
    for line in first:
        if line.top > 0.5 * line.page_height:
            break
        for cell in line.cells:
            if any(ch.isdigit() for ch in cell.text) or _CONTACT.search(cell.text):
                continue
            if not any(top < cell.top for top in contact_tops):
                continue  # the sender's details come first
            block = _block(layout, cell)
            if not block or any(_CONTACT.search(c.text) for c in block):
                continue
            if any(_POSTCODE.search(c.text) for c in block):
                out.append((cell.box, cell.text.strip()))
    return out
