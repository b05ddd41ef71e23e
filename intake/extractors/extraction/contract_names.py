"""What a party's name looks like in a contract's preamble: capitalised words, perhaps a
legal form, never a place alone ("Delaware", "the United States"), a role ("Licensee"),
an office ("Vice President") or the words of a sentence ("... TO BE BOUND").
"""

from __future__ import annotations

import re

from intake.extractors.extraction.fields.dates import find_dates
from intake.extractors.extraction.layout import CELL_GAP
from intake.extractors.extraction.parties import LEGAL_FORM

__all__ = ["JOINERS", "NOT_IN_NAME", "key", "plausible"]

NOT_IN_NAME = re.compile(
    r"\b(?:agreement|amendment|stock|shares|exhibit|section|schedule|date|dated)\b", re.I
)
#: The small words a name joins its capitalised words with ("Bank of the West", "Banco de
#: la Plata", "Maquinados del Norte", "Banco do Brasil"; "the" only after "of").
JOINERS = frozenset(
    {"of", "the", "de", "del", "des", "da", "do", "du", "van", "von", "der", "la", "y"}
)
#: Capitalised words that are not, on their own, the name of a party.
_NOT_ALONE = frozenset(
    """alabama alaska arizona arkansas california colorado connecticut delaware florida georgia
    hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
    michigan minnesota mississippi missouri montana nebraska nevada hampshire jersey mexico york
    carolina dakota ohio oklahoma oregon pennsylvania rhode tennessee texas utah vermont virginia
    washington wisconsin wyoming america usa canada england wales scotland ireland germany
    france spain italy netherlands belgium switzerland austria denmark sweden norway finland
    israel china japan india singapore australia brazil bermuda cayman luxembourg
    contract markets commercial trademarks affiliates staff company parties party licensor
    licensee customer supplier distributor consultant employee executive recipient developer
    celebrity talent artist licensed investment foreign jr sr ii iii iv""".split()
)
#: Words that describe a legal form rather than name a company.
_KIND = frozenset({"liability", "limited", "partnership", "north", "south", "new", "west", "east"})
_PLACES = re.compile(
    r"^(?:the\s+)?(?:united\s+states(?:\s+of\s+america)?|united\s+kingdom|people['’]s\s+republic"
    r"\s+of\s+china|european\s+union|state\s+of\s+\w+)$",
    re.IGNORECASE,
)
_NOT_PARTY = re.compile(
    r"^(?:the\s+)?(?:company|agreement|parties|party|employee|executive|disclosing|receiving|"
    r"recipient|discloser|buyer|seller|purchaser|licensor|licensee|confidential|exhibit|"
    r"this|such|each|any|all|its|their|his|her|effective|state|laws?|section|article|"
    r"whereas|now|in|by|if|upon|page)\b",
    re.IGNORECASE,
)
_ENDS_IN_FORM = re.compile(rf"\b(?:{LEGAL_FORM})\.$", re.IGNORECASE)


def plausible(name: str) -> bool:
    if not 2 <= len(name) <= 90 or _NOT_PARTY.match(name) or NOT_IN_NAME.search(name):
        return False
    words = name.split()
    if len(words) == 1 and name.casefold().strip(".") in _NOT_ALONE:
        return False
    if len(words) == 1 and name.endswith(".") and not _ENDS_IN_FORM.search(name):
        return False  # a lone abbreviation ("Calif.", "Dept.") names no party
    if any(re.fullmatch(r"[A-Z][a-z]{3,}\.", w) for w in words[:-1]):
        return False  # a sentence ends inside it ("... by its Partners. Regional Office ...")
    if _PLACES.match(name) or all(w.casefold().strip(".,") in _NOT_ALONE for w in words):
        return False
    if not key(name) or all(w in _NOT_ALONE or w in _KIND for w in key(name)):
        return False  # "Limited Liability Company", "a North Carolina corporation"
    if re.search(r"\b(?:TO|IF|WOULD|SHALL|IS|ARE)\b", name) or _ROLE_END.search(name):
        return False
    # a name may start with a number ("1st Choice Supply Inc."), never with a lower-case word
    first = words[0][:1]
    if len(words) > 9 or not (first.isupper() or first.isdigit()):
        return False
    if "AGREEMENT" in name.upper().split():
        return False
    if next(find_dates(name), None) is not None or not re.search(r"[A-Za-z]{2}", name):
        return False
    # the small words a name joins its words with ("Bank of the West") do not count
    named = [w for w in words if w not in JOINERS]
    return sum(w[:1].isupper() or not w[:1].isalpha() for w in named) >= 0.6 * len(named)


#: A name ending in one of these is an office or a department, not a party.
_ROLE_END = re.compile(
    r"\b(?:officer|president|director|secretary|counsel|treasurer|resources|department|"
    r"representatives?|commission)$",
    re.IGNORECASE,
)


def key(name: str) -> tuple[str, ...]:
    """A name's words without punctuation and legal forms."""
    words = re.sub(rf"\b(?:{LEGAL_FORM})\b\.?", " ", name.casefold())
    return tuple(w for w in re.split(r"[^\w]+", words) if w)


def own_cell(name: str, lines: str) -> str:
    """``name`` without the row's label cell it was read together with: a name fills a
    cell of its own, and the cell before it in its row labels it ("Lessor  Bunyip Plant
    Hire Pty Ltd", "The Customer  Fenmarsh Health Ltd"). ``lines`` is the text with its
    rows' cells apart."""
    flat = " ".join(name.split())
    for row in lines.splitlines():
        cells = [" ".join(c.split()) for c in row.split(CELL_GAP) if c.strip()]
        for label, value in zip(cells, cells[1:], strict=False):
            words = label.split()
            # the label whole, or its last words ("Customer" of "The Customer")
            for tail in (" ".join(words[i:]) for i in range(len(words))):
                at = flat.find(f"{tail} ")
                if at < 0 or (at and flat[at - 1] != " "):
                    continue
                rest = flat[at + len(tail) + 1 :]
                if value.startswith(rest) and plausible(rest):
                    return rest
    return name
