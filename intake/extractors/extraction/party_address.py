"""A vendor's postal address: the lines printed under its name in the letterhead."""

from __future__ import annotations

import re

from intake.extractors.extraction.layout import Layout
from intake.extractors.extraction.party_labels import SUB_LABELLED, contact_line
from intake.extractors.extraction.vocabulary import vocabulary
from intake.record import ALIKE, Box, Field

__all__ = ["address_under"]

#: what ends an address block: a web or mail address, or the packs' contact, tax and
#: address-stop words ("Tel", "USt-IdNr.", "SIRET", "Invoice Date")
_ADDRESS_STOP = re.compile(
    r"@|www\.|https?:|\b"
    + vocabulary().words("contact_words", "tax_words", "address_stops")
    + r"\b",
    re.IGNORECASE,
)


#: A label with its colon, then its value: another detail ("Deliver by: 05/20/2025"), no
#: line of an address.
_LABELLED = re.compile(r"\s*[^\W\d_][^:]{0,25}:\s*\S")
#: A company's registration number on a line of its own: "(Co. Reg 123456-A)", "001234567-X".
_REGISTRATION = re.compile(
    r"[(\[{]?\s*(?:co(?:mpany)?\.?\s*)?(?:reg(?:istration)?\.?\s*)?(?:no\.?)?\s*[:.]?\s*"
    r"[A-Z]{0,3}\d[\d\s-]{3,}[A-Z]?\s*[)\]}]?$",
    re.IGNORECASE,
)
#: A tax number of the packs' ``tax_ids`` ("CVR-nr. 31456789", "Org.nr. NO 921 456 789
#: MVA", "ABN 51 824 753 556"): the company's register entry, where its address ends (what
#: is before it on its line is the address's last part: "Havnegade 41, 6700 Esbjerg · CVR
#: 40211873").
_TAX_NUMBER = re.compile("|".join(f"(?:{p})" for p, _ in vocabulary().tax_ids) or "(?!)")
#: A line whose middle is this close (points) to the name's is centred under it.
CENTRED = 20.0
#: The separators of a name run together with its address on one line (OCR reads a
#: middle dot as a dash).
_SEPARATOR = re.compile(r"\s+[·•|\-–]\s+")


def _run_together(layout: Layout, start: int, box: Box) -> Field | None:
    """The address printed on the name's own line after separators: a window envelope's
    sender line ("Acme GmbH · Hauptstr. 1 · 12345 Stadt") and a one-line letterhead say
    it there, and the lines under a sender line are the addressee's window."""
    cell = next(
        (c for c in layout.lines[start].cells if c.x0 <= box.x0 + 1 and c.x1 >= box.x1 - 1),
        None,
    )
    parts = _SEPARATOR.split(cell.text.strip()) if cell is not None else []
    if len(parts) < 3 or not any(ch.isdigit() for ch in " ".join(parts[1:])):
        return None
    return Field(", ".join(p.strip(" ,") for p in parts[1:]), 0.5, "layout")


def address_under(layout: Layout, box: Box | None) -> Field | None:
    """The lines under the vendor's name in the same column (or centred under it, as on a
    receipt), past a company registration number, up to a contact line."""
    if box is None:
        return None
    start = None
    for ln in layout.lines:  # the name's last line (a name may run over two)
        if ln.page == box.page and box.top - 2 < ln.top < box.bottom - 2:
            start = ln.index
    if start is None:
        return None
    if (together := _run_together(layout, start, box)) is not None:
        return together
    parts: list[str] = []
    prev_bottom = box.bottom
    prev_height = layout.lines[start].height
    # a text layer's boxes are its type's sizes (OCR's are the ink's, specks any size)
    typeset = all(p.source != "ocr" for p in layout.record.pages if p.number == box.page)
    middle = (box.x0 + box.x1) / 2
    for line in layout.lines[start + 1 : start + 7]:
        # the gap in the block's own type, not a larger one's below it
        height = min(line.height, prev_height) if typeset else line.height
        if line.page != box.page or line.top - prev_bottom > 2.5 * max(height, 6):
            break
        cell = next(
            (
                c
                for c in line.cells
                if abs(c.x0 - box.x0) < 15 or abs((c.x0 + c.x1) / 2 - middle) < CENTRED
            ),
            None,
        )
        if cell is not None and (
            (not parts and _REGISTRATION.match(cell.text.strip())) or contact_line(cell.text)
        ):
            prev_bottom = line.bottom  # a contact person's line is no part of the address
            continue
        if cell is None or _ADDRESS_STOP.search(cell.text) or _LABELLED.match(cell.text):
            break
        if (tax := _TAX_NUMBER.search(cell.text)) is not None:
            before = _SEPARATOR.split(cell.text[: tax.start()] + " ")
            if rest := ", ".join(p.strip(" ,") for p in before if p.strip(" ,")):
                parts.append(rest)
            break
        if parts and any(c.x1 <= cell.x0 and SUB_LABELLED.fullmatch(c.text) for c in line.cells):
            break  # a new sub-label alone in the block's column of labels ("Steuernummer:")
        if typeset and parts and cell.height > ALIKE * prev_height:
            break  # set larger than the block (a title in heading type): no address line
        parts.append(cell.text.strip(" ,"))
        prev_bottom, prev_height = line.bottom, cell.height
    if not parts or not any(ch.isdigit() for ch in " ".join(parts)):
        return None
    return Field(", ".join(parts), 0.5, "layout")
