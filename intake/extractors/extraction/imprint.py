"""The issuer named by its imprint at the foot of the page.

A company's business letters must state who it legally is: its name and registered
office, its register and number, its managing directors, its VAT id (the German GmbHG
§ 35a and HGB § 37a, the French Code de commerce R123-237, the British Companies Act
s. 82, and their like). Suppliers print this imprint in small type across the foot of the
page, often in columns: the company's name over its address, its register entries, its
bank. Many letterheads are a logo (an image, no text), so the imprint may be the only
place the page names its issuer in words, while the name printed largest at the top is
the customer's, in the window.

So a legal name that heads a column of the page's foot, over its postal address (a
street or a postcode with a town), or that begins a line of the foot followed by its
address (an imprint on one line), where the foot also carries an imprint's words (the
packs' ``imprint`` labels: "HRB", "Amtsgericht", "Geschäftsführer", "RCS", "SIRET",
"Company No.", "KvK", "P. IVA" …), names the issuer. A bank's name heading the column of
its account (the packs' ``bank`` labels: IBAN, BIC, "Konto", "RIB" …) is the issuer's
bank, not the issuer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from intake.extractors.extraction.addressee import name_key
from intake.extractors.extraction.candidates import Candidate
from intake.extractors.extraction.labels import LABELS, compile_labels
from intake.extractors.extraction.layout import Cell, Layout
from intake.extractors.extraction.postcodes import POSTCODE
from intake.extractors.extraction.vocabulary import vocabulary
from intake.record import Box

__all__ = ["FOOT", "IMPRINT", "banks", "imprint_on_foot", "imprinted"]

#: The page's foot: below this share of its height.
FOOT = 0.8
#: The score of an imprint's name among the vendor's candidates: above a legal name
#: first in the letterhead zone (1.05), which may be the window's customer. (Where the
#: letterhead names it too, its box and address stay the letterhead's.)
IMPRINT = 1.2
_IMPRINT = compile_labels(LABELS.get("imprint", []))
_BANK = compile_labels(LABELS.get("bank", []))
_STREET = compile_labels([(vocabulary().street_pattern, 1.0)])


def _any(patterns: list[tuple[re.Pattern[str], float]], text: str) -> bool:
    return any(p.search(text) for p, _ in patterns)


def _foot_text(layout: Layout) -> str:
    return " ".join(
        c.text
        for line in layout.lines
        if line.page == 1 and line.top >= FOOT * line.page_height
        for c in line.cells
    )


def imprint_on_foot(layout: Layout) -> bool:
    """Whether the first page's foot carries an imprint's words: the sender's details."""
    return _any(_IMPRINT, _foot_text(layout))


def _address(text: str) -> re.Match[str] | None:
    return POSTCODE.search(text) or next(
        (m for p, _ in _STREET if (m := p.search(text)) is not None), None
    )


def _heads(layout: Layout, cell: Cell, *, leads: bool) -> bool:
    """Whether ``cell``, on the foot, heads the column of an imprint (its postal address
    under it, no bank account), or, where the name ``leads`` the cell, is a one-line
    imprint (the name, then its address before any bank account: "Acme Ltd. Registered
    office: 1 High St, Leeds LS1 1AA")."""
    column = [c.text for c in layout.under(cell, max_lines=3)]
    if any(map(_address, column)) and not _any(_BANK, " ".join([cell.text, *column])):
        return True
    address = _address(cell.text) if leads else None
    return address is not None and not _any(_BANK, cell.text[: address.start()])


def _cells_of(layout: Layout, cands: list[Candidate]) -> Iterator[tuple[Candidate, Box, Cell]]:
    """Each candidate on the first page's foot with its box and the cell that holds it."""
    first = next((ln for ln in layout.lines if ln.page == 1), None)
    if first is None:
        return
    foot = FOOT * first.page_height
    for c in cands:
        box = c.box
        if box is not None and box.page == 1 and box.top >= foot:
            if (cell := layout.holding(box)) is not None:
                yield c, box, cell


def banks(layout: Layout, cands: list[Candidate]) -> set[str]:
    """The name keys of the candidates that name the issuer's bank on the foot: a name
    alone in its cell with a bank's words ("IBAN", "Sort code", "Bankverbindung") right
    under it or right over it: the account's column it heads, or the bank's label it
    follows."""
    out = set()
    for c, _, cell in _cells_of(layout, cands):
        if name_key(cell.text) != name_key(c.value):
            continue  # the name leads a line of more (a one-line imprint): no column
        near = [*layout.under(cell, max_lines=1), *layout.above(cell, max_lines=1)]
        if any(
            abs(other.top - cell.top) < 3 * cell.height and _any(_BANK, other.text)
            for other in near
        ):
            out.add(name_key(c.value))
    return out


def imprinted(layout: Layout, cands: list[Candidate]) -> set[str]:
    """The name keys (:func:`~addressee.name_key`) of the candidates whose cell heads an
    imprint on the first page's foot, where the foot holds an imprint's words."""
    if not imprint_on_foot(layout):
        return set()
    return {
        name_key(c.value)
        for c, box, cell in _cells_of(layout, cands)
        if _heads(layout, cell, leads=box.x0 <= cell.x0 + 1)
    }
