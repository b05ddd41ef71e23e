"""Where a contract's recitals stand: the background it tells after naming its parties
("WHEREAS, Acme Corp. (the "Supplier") ...", "RECITALS A. ...", "BACKGROUND (A) ..."),
up to the start of the operative clauses ("NOW, THEREFORE", "agree as follows"). Names
and dates there describe earlier deals and other companies, not this agreement's.
"""

from __future__ import annotations

import re

__all__ = ["CLAUSE", "FIRST_SECTION", "before_recitals", "find_recitals"]

#: The clause that names the parties: "between", "among".
CLAUSE = re.compile(r"\b(?:between|among|amongst)\b[:\s]", re.IGNORECASE)
#: Where the recitals begin: names given a defined term there ("WHEREAS, Acme Corp. (the
#: "Supplier") ...") describe the background, not the parties.
_RECITALS = re.compile(
    r"\b(?:WHEREAS|RECITALS|BACKGROUND|WITNESSETH|PRELIMINARY\s+STATEMENTS?)\b|"
    r"(?<=[.:)”\"]\s)A\.\s+(?=[A-Z])"
)
#: Where the recitals end and the parties' agreement begins.
_OPERATIVE = re.compile(
    r"\bNOW,?\s+THEREFORE\b|\bagrees?\s+as\s+follows\b|\bIT\s+IS\s+(?:HEREBY\s+)?AGREED\b",
    re.IGNORECASE,
)

#: The first numbered section ("1. Services.", "ARTICLE I - DEFINITIONS", "Section 1"): the
#: operative part of an agreement that has no "NOW, THEREFORE" begins there.
FIRST_SECTION = re.compile(
    r"(?:(?<=[.:;)”\"]\s)|^)(?:1\.|ARTICLE\s+(?:1|I)\b\.?|Section\s+1\b\.?)\s*[-–—:]?\s+[A-Z][A-Za-z]"
)


def find_recitals(head: str) -> tuple[int, int] | None:
    """Where the recitals (the background after the parties are named: "WHEREAS ...",
    "RECITALS A. ...") begin and end, if the agreement has them."""
    clause = CLAUSE.search(head)
    start = _RECITALS.search(head, clause.end() if clause else 0)
    if start is None:
        return None
    end = _OPERATIVE.search(head, start.end())
    return start.start(), end.start() if end else len(head)


def before_recitals(head: str, found: list[tuple[int, str, bool]]) -> list[tuple[int, str, bool]]:
    """Drop the names found in the recitals when the preamble before them already named a
    party for sure (the recitals tell the background: earlier agreements, affiliates, the
    person a company acts for; a party the preamble leaves blank is not named there).
    Past the start of the operative clauses ("NOW, THEREFORE", "agree as follows") the
    parties are named already: a company given a defined term there is a carrier, an
    agent, a supplier the agreement speaks of."""
    # (with no "NOW, THEREFORE", the first numbered section begins it: "ARTICLE I -
    # DEFINITIONS ... the General Terms and Conditions of Transporter's Tariff ("GT&C")")
    starts = [m.start() for m in (_OPERATIVE.search(head), FIRST_SECTION.search(head)) if m]
    operative = min(starts, default=None)
    if operative is not None and any(pos < operative for pos, _, sure in found if sure):
        found = [f for f in found if f[0] < operative]
    recitals = find_recitals(head)
    if recitals is None:
        return found
    if not any(sure and pos < recitals[0] for pos, _, sure in found):
        return found
    return [f for f in found if f[0] < recitals[0]]
