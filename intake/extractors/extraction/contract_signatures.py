"""The parties to a contract as they sign it: the signature blocks at its end.

Agreements close with one block per party. A company's block names the company (often
in capitals, sometimes after its role: "LICENSEE:" on the line above, or "ACME, INC.:"),
then the officer who signs for it on a "By:" line, with "Name:" and "Title:" below; the
officer is never a party. Between the name and the "By:" line there may be the company's
address. A person who signs for themselves has no "By:": their name stands on the
signature line ("/s/ Jane Q. Public") or, printed, just above it. Blocks set side by side
come out as columns on one line, two or more spaces apart.

The preamble is the better witness of who the parties are (it gives each the defined
term the agreement uses); the blocks name the parties a preamble leaves unnamed ("the
undersigned", "you", "the person whose name is set forth on the signature page").
"""

from __future__ import annotations

import re

from intake.extractors.extraction.parties import LEGAL_FORM

__all__ = ["SIGNATURES", "find_signatories"]

#: How far from the end the signature blocks are looked for.
SIGNATURES = 3000
#: How many lines above a signature line its party's name may stand (an address between).
_REACH = 4

_COLUMNS = re.compile(r"\s{2,}")
#: A company's signature line: "By:", "BY /s/", "By: ______".
_BY = re.compile(r"^by\b\s*:?", re.IGNORECASE)
#: A signature as filed ("/s/ Jane Q. Public") or its line ("______").
_SIGNED = re.compile(r"^/s/\s*(?P<name>.*)$", re.IGNORECASE)
#: Whoever signs as a witness, attests or notarises is not a party.
_WITNESS = re.compile(r"\b(?:witness(?:es|ed)?|attest(?:ed)?|notary)\b", re.IGNORECASE)
#: A person's name as printed under a signature: two to four capitalised words or initials.
_PERSON = re.compile(r"(?:[A-Z][A-Za-z'’\-]+|[A-Z]\.)(?:\s+(?:[A-Z][A-Za-z'’\-]+|[A-Z]\.)){1,3}")
#: A role label alone ("LICENSEE:", "ACCEPTED AND AGREED TO:", "(Print Name)").
_LABEL = re.compile(r"^(?:[^:]{0,40}:|\(.*\)|\[.*\])$")
#: "MASTER FRANCHISEE: ACME, INC.": the role before the name.
_ROLE = re.compile(r"^[A-Z][A-Za-z ]{0,30}:\s+(?=\S)")
_START = re.compile(r"\bIN\s+WITNESS\s+WHEREOF\b", re.IGNORECASE)


#: A sub-label of a block ("By", "Name:", "Its"), set apart from its value by spaces.
_SUBLABEL = re.compile(r"^(?:by|name|title|its|date|signature)\b\s*:?", re.IGNORECASE)


def _columns(line: str) -> list[str]:
    """The columns of a line; a sub-label alone ("By:") is joined to the value after it."""
    out: list[str] = []
    for column in (c.strip() for c in _COLUMNS.split(line.strip())):
        if not column:
            continue
        if out and _SUBLABEL.fullmatch(out[-1]):
            out[-1] = f"{out[-1]} {column}"
        else:
            out.append(column)
    return out


def _column(columns: list[str], index: int, width: int) -> str | None:
    """The column of a line above or below that stands over column ``index`` of a line of
    ``width`` columns: the same column when the lines have as many, the only one when the
    other line has one, and over a single signature line the one column that is neither a
    label nor a witness's ("ATTEST  ACME, INC.:" over "By:")."""
    if len(columns) == width:
        return columns[index]
    if len(columns) == 1:
        return columns[0]
    if width == 1:
        named = [c for c in columns if not _WITNESS.search(c) and _entity(c) is not None]
        return named[0] if len(named) == 1 else None
    return None


def _entity(text: str) -> str | None:
    """``text`` as a party's name, if it can be one: a role label, an address line, a
    sentence or a witness's line cannot."""
    text = _ROLE.sub("", text.strip()).strip(" :;,_")
    if not text:
        return None
    if re.search(r"\d", text) or _WITNESS.search(text) or text.endswith("."):
        if not re.search(rf"\b(?:{LEGAL_FORM}|L\.P|N\.A|S\.A)\.$", text, re.IGNORECASE):
            return None
    if re.search(r"\b(?:of|and|or|the|for)$", text, re.IGNORECASE):
        return None  # a name broken over two lines
    if len(text.split()) > 9 or not text[:1].isupper() and not text[:1].isdigit():
        return None
    # over a signature stands a company (its legal form or name in capitals) or a
    # person's name in capitals; a title ("Vice President") is neither
    if not re.search(rf"\b(?:{LEGAL_FORM})\b", text, re.IGNORECASE):
        if not (text.isupper() and len(re.findall(r"[A-Z]{2,}", text)) >= 2):
            return None
    return text


def _company(name: str | None) -> bool:
    return name is not None and bool(re.search(rf"\b(?:{LEGAL_FORM})\b", name, re.IGNORECASE))


def _blocked(line: str) -> bool:
    """A line above a block that ends the search for its name: prose, another block's
    signature or a page number."""
    stripped = line.strip()
    return bool(
        _SUBLABEL.match(stripped)
        or _SIGNED.match(stripped)
        or (len(stripped.split()) > 9)
        or re.fullmatch(r"[-–\s\d]+", stripped)
    )


def _name_above(lines: list[str], row: int, index: int, width: int) -> str | None:
    """The party's name over column ``index`` of signature line ``row``."""
    for above in range(row - 1, max(-1, row - 1 - _REACH), -1):
        line = lines[above]
        if not line.strip():
            continue
        column = _column(_columns(line), index, width)
        if column is None or _blocked(column):
            return None
        if _WITNESS.search(column):
            return None
        if _LABEL.match(column) and not re.search(rf"\b(?:{LEGAL_FORM})\b", column, re.I):
            # "LICENSEE:", "(Print Name)": the name may stand above it; right over the
            # signature a name in capitals with a colon is the party ("ACME TOOLS:"),
            # a role word there is left to the parties' own check
            if above == row - 1 and column.endswith(":") and (name := _entity(column)):
                return name
            continue
        if (name := _entity(column)) is not None:
            return name
    return None


_RULE = re.compile(r"^[-_–—=\s.]*$")


def _printed_below(lines: list[str], row: int, index: int, width: int, name: str) -> bool:
    """Whether a person's signature ``name`` on line ``row`` signs for themselves: the
    line under it (past a drawn rule) repeats the name or only labels the line
    ("(Signature)", "Name:"). A company's name there ("Acme", "Jane Roe, Acme Inc.") means
    the person signs for it."""
    for below in lines[row + 1 : row + 3]:
        column = _column(_columns(below), index, width) if below.strip() else ""
        if column is None or _RULE.match(column):
            continue
        return column.strip(" ,") == name or bool(_LABEL.match(column))
    return False


def find_signatories(text: str) -> list[str]:
    """The parties named by the signature blocks at the end of ``text`` (with its line
    breaks), in order: each company whose officer signs "By:", and each person who signs
    for themselves."""
    tail = text[-SIGNATURES:]
    if (start := _START.search(tail)) is not None:
        tail = tail[start.end() :]
    lines = tail.splitlines()
    found: list[str] = []
    for row, line in enumerate(lines):
        columns = _columns(line)
        for index, column in enumerate(columns):
            by = _BY.match(column)
            signed = _SIGNED.match(column[by.end() :].strip() if by else column)
            if by is None and signed is None:
                continue
            if _WITNESS.search(column):
                continue
            name = _name_above(lines, row, index, len(columns))
            if name is None and by is None and signed is not None:
                # a signature without "By:" under no name is a person's own: their name
                # is printed under it, or the line is only labelled
                signer = signed.group("name").strip(" ,")
                person = _PERSON.fullmatch(signer)
                if person and _printed_below(lines, row, index, len(columns), signer):
                    name = person.group(0)
            if name is not None and name not in found:
                found.append(name)
    return found
