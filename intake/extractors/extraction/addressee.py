"""The party a document is addressed to when the buyer's label named its issuer.

On an order, the address the goods go to is the issuer's own: a "Ship to" or
"Lieferanschrift" block under the orderer's letterhead names the same company as the
letterhead. The issuer and the addressee are two parties, so the addressee is then the
name heading the window (the unlabelled postal block below the sender's details), else
the best other name the page gives strong evidence for: a seller's label, or a legal
name in the letterhead zone.
"""

from __future__ import annotations

import re

from intake.extractors.extraction.candidates import Candidate
from intake.extractors.extraction.layout import Layout
from intake.extractors.extraction.party_address import address_under
from intake.extractors.extraction.party_labels import contact_line
from intake.extractors.extraction.postcodes import POSTCODE
from intake.extractors.extraction.vocabulary import vocabulary
from intake.record import Box, Field

__all__ = ["OTHER_SELLER", "addressee_of", "attended", "name_key", "unlabelled_customer"]

#: The score a name other than the issuer's needs to be taken for the addressee: a
#: seller's label (1.1 x its weight), or a legal name in the letterhead zone (0.95 and up).
OTHER_SELLER = 0.9
#: A document's title alone on its line ("TAX INVOICE", "Rechnung").
_TITLE = re.compile(rf"{vocabulary().title_pattern}\.?", re.IGNORECASE)
#: How sure an addressee found this way is.
CONFIDENCE = 0.5


def name_key(name: str) -> str:
    """A name as names are compared: case and punctuation aside."""
    return re.sub(r"\W+", " ", name.casefold()).strip()


def addressee_of(
    window: list[tuple[Box, str]],
    scores: dict[str, float],
    first: dict[str, Candidate],
    issuer: str,
) -> Field | None:
    """The addressee: the first window name that is not the ``issuer`` (a name key), else
    the best-scored other candidate (``scores`` and ``first`` by name key) of at least
    :data:`OTHER_SELLER`; None when the page names no other party so surely."""
    for box, name in window:
        if name_key(name) != issuer:
            return Field(name, CONFIDENCE, "layout", box, name)
    others = [k for k in scores if k != issuer and scores[k] >= OTHER_SELLER]
    if not others:
        return None
    c = first[max(others, key=lambda k: scores[k])]
    return Field(c.value, CONFIDENCE, "layout", c.box, c.raw)


def unlabelled_customer(
    layout: Layout, scores: dict[str, float], first: dict[str, Candidate], issuer: str
) -> Field | None:
    """The customer of a document that labels no buyer and has no window, where the
    issuer's block and the customer's stand side by side at the top (accounting programs
    print them so, the customer's under the title): the best other legal name of the
    letterhead zone (at least :data:`OTHER_SELLER`) that heads a postal address of its
    own, or any name first under the document's title. Not a name of the issuer's own
    ("Acme" for "Acme Ltd", or the second line of its name wrapped: "Automation Pty Ltd"
    for "Gillespie Electrical & Automation Pty Ltd"), nor one with a figure."""
    others = [
        k
        for k in scores
        if (scores[k] >= OTHER_SELLER or _under_title(layout, first[k].box))
        and not (k.startswith(issuer) or issuer.startswith(k) or issuer.endswith(f" {k}"))
        and not any(ch.isdigit() for ch in k)
    ]
    for key in sorted(others, key=lambda k: -scores[k]):
        c = first[key]
        address = address_under(layout, c.box)
        if address is not None and POSTCODE.search(str(address.value)):
            return Field(c.value, CONFIDENCE, "layout", c.box, c.raw)
    return None


def _under_title(layout: Layout, box: Box | None) -> bool:
    """Whether the name at ``box`` is the first line under the document's title, in the
    title's column: where accounting programs print the customer ("TAX INVOICE" over
    "Ridgeway University"), legal form or not."""
    if (cell := layout.holding(box)) is None:
        return False
    above = next(layout.above(cell, max_lines=2), None)
    return (
        above is not None
        and abs(above.x0 - cell.x0) < 3
        and _TITLE.fullmatch(above.text.strip()) is not None
    )


def attended(layout: Layout, box: Box | None) -> bool:
    """Whether the name in ``box`` heads a block with an attention line under it ("Attention:
    Oliver Stainton", "Attn: Accounts Payable"): a block addressed to someone there, the
    addressee's, whatever its position (Xero prints the customer's block, unlabelled, left
    of the issuer's)."""
    cell = layout.holding(box) if box is not None else None
    return cell is not None and any(contact_line(c.text) for c in layout.under(cell, max_lines=2))
