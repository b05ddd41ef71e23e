"""An order's buyer where a seller's label names its supplier outright.

An order is issued by its buyer: its letterhead names the buyer. Where the page labels
its supplier ("Vendor", "Supplier:", "Lieferant") and no label names the buyer, the name
the page sets surest at its top is the buyer. A buyer read under a weaker label is no
better: "Ship to" and "Deliver to" name the issuer's own site, whose first line is a
department or a person ("Dept. of Chemistry, Room 214"), and a "Buyer" line among the
order's details names its purchasing agent ("Dana Pierce"). Where such a read names no
company (no legal form), the letterhead's name is the buyer; so is it where the read
begins with that name (a site or department named after the issuer).
"""

from __future__ import annotations

import re

from intake.extractors.extraction.addressee import name_key
from intake.extractors.extraction.candidates import Candidate
from intake.extractors.extraction.layout import Layout
from intake.extractors.extraction.party_cells import named_cells
from intake.record import Field

__all__ = ["ISSUER", "LETTERHEAD", "SURE", "issued_by", "issuer_buying"]

#: A name's score (its candidates' evidence, added up) from which it is an order's issuer
#: where nothing names the buyer: the first name of the page, set larger than the body
#: (1.15 times its size: 0.3 + 0.3 x 1.15), scores this much on its own; an order is its
#: buyer's, so the name heading it is the buyer's, legal form or not ("Clinique
#: Vétérinaire des Alpes")
ISSUER = 0.64
#: ... and from which it is, over a buyer read under a weak label: the name set largest at
#: the top of the page (1.7 times the body's size, first), or a legal name there
LETTERHEAD = 0.8
#: A buyer's label this sure names the buyer ("Bill to", "Customer"); weaker ones ("Ship
#: to", "Deliver to", "Buyer") may name the issuer's site or agent
SURE = 1.0


def issuer_buying(
    scores: dict[str, float],
    first: dict[str, Candidate],
    sellers: set[str],
    vendor: str,
    buyer: tuple[Field, float] | None,
    legal: re.Pattern[str],
) -> Candidate | None:
    """The issuer of an order whose ``vendor`` (a name key) a seller's label names, to be
    its buyer: the best other name (not under a seller's label) when it scores enough
    against the ``buyer`` read (its field and its label's weight; ``legal`` finds a
    legal form in it); None where the buyer read stands."""
    if vendor not in sellers:
        return None
    others = [k for k in scores if k != vendor and k not in sellers]
    if buyer is not None and buyer[1] < SURE:
        # the issuer's site under "Deliver to" named by the issuer's name shortened
        # ("Pennine Brewing Co." for the letterhead's "Pennine Brewing Company Limited"):
        # the same words before the legal form name the same company, the longer is its name
        read = name_key(str(buyer[0].value))
        same = [k for k in others if len(k) > len(read) and _stem(k, legal) == _stem(read, legal)]
        if _stem(read, legal) and same:
            return first[max(same, key=len)]
    if buyer is not None and not legal.search(read := name_key(str(buyer[0].value))):
        # a site or a department named after the issuer ("City of Springdale - Public
        # Works" under "Ship to"): the buyer is the issuer (a read with a legal form is a
        # company's name: "Acme Devices LLC" under the brand "ACME DEVICES" stays)
        named = [k for k in others if len(k) > 3 and read.startswith(f"{k} ")]
        if named:
            return first[max(named, key=len)]
    if buyer is None:
        need = ISSUER
    elif buyer[1] < SURE and not legal.search(str(buyer[0].value)):
        need = LETTERHEAD
    else:
        return None
    if not others:
        return None
    top = max(others, key=lambda k: scores[k])
    return first[top] if scores[top] >= need else None


def _stem(key: str, legal: re.Pattern[str]) -> str:
    """A name key's words before its first legal form ("" where it begins with one or has
    none: no company's name to compare)."""
    m = legal.search(key)
    return key[: m.start()].strip() if m else ""


def issued_by(layout: Layout) -> set[str]:
    """The names (name keys) the issuer's labels head ("Issued by:", "Emisor"): on an
    order its buyer's, though the label counts as a seller's (an invoice's issuer sells)."""
    out: set[str] = set()
    for hit in layout.labels("issuer", pages=1):
        rest = hit.cell.tail(hit.match.end())
        cells = [rest] if rest is not None and rest.text.strip(" :") else []
        cells += named_cells(layout, list(layout.below(hit)))
        if cells:
            out.add(name_key(cells[0].text))
    return out
