"""When the parties sign a contract: the dates by the signatures at its end, and whether
the agreement takes effect on the last of them.

Agreements record the day each party signs in one of a few ways, each a convention of a
drafting tradition rather than of one agreement:

* a label by the signature block: "Date: 7/21/2015", "Dated: January 27, 2016";
* the place and the date on a line of their own over the signature, as agreements drafted
  on the Continent sign ("Munich, 12.03.2024 ____", "In Lyon, on 05/02/2023 For the
  Supplier: ____"): a place, a comma, the date, and a signature below or beside it;
* a closing sentence that names where it was signed and then when ("Thus done and signed
  at Durban on this 4th day of June 2021", "Signed in duplicate in Utrecht on 1 June
  2022", "signed for and on behalf of the Landlord at Perth on 14 May 2020").

An agreement that takes effect when the last party signs says so in words of effect and
of signature together ("effective as of the date of the last signature below", "as of
the date last signed below (the "Effective Date")", "takes
effect on the later of the dates of signature", "shall come into force upon signature by
both Parties", "enters into force when signed by both Parties", "shall take effect on the
date of its signature by the last Party"), or runs its term from then ("shall expire two
(2) years after the date on which it has been signed by both parties"): its effective date
is the latest date by the signatures. So is the start of one that commences on a defined
term meaning that date (""Signature Date" means the date of signature of this Agreement by
the Party signing last" with "shall commence on the Signature Date").
"""

from __future__ import annotations

import datetime as dt
import re

from intake.extractors.extraction.fields.dates import DateOrder, find_dates

__all__ = [
    "LAST_SIGNED",
    "SIGNATURES",
    "last_signed_start",
    "signing_date",
    "starts_at_last_signature",
]

#: How far from the end the signatures are looked for.
SIGNATURES = 3000
#: Words that put an agreement in effect: "effective", "takes effect", "comes into force".
_TAKES_EFFECT = (
    r"\b(?:effective|(?:take|takes|took)\s+effect|"
    r"(?:come|comes|came|enter|enters|entered)\s+into\s+(?:force|effect))\b"
)
#: The day of the last signature: "the date of the last signature", "the date of last
#: execution", or with the participle after its noun, "the date last signed below".
_LAST_DATE = r"date\s+(?:of\s+(?:the\s+)?last\s+(?:signature|execution)|last\s+(?:signed|executed))"
#: The day the last party signs, told by who signs: "the date on which it has been signed by
#: both parties", "the day this Agreement is executed by all parties".
_BY_ALL = (
    r"(?:date|day)\s+(?:on\s+which\s+)?(?:it\s+|this\s+agreement\s+)?(?:is|has\s+been)\s+"
    r"(?:last\s+)?(?:signed|executed)\s+by\s+(?:both|all|the\s+last)"
)
#: An agreement that takes effect when the last party signs it (see the module's doc).
LAST_SIGNED = re.compile(
    rf"{_TAKES_EFFECT}[^.;]{{0,80}}?(?:{_LAST_DATE}|{_BY_ALL}|"
    r"later\s+of\s+the\s+(?:two\s+|respective\s+)?dates?\s+of\s+(?:signature|execution)|"
    # the dates named by where they stand: "the later of the dates beneath the parties'
    # signatures", "the later of the two dates set forth below the signatures"
    r"later\s+of\s+the\s+(?:two\s+|respective\s+)?dates?\s+(?:set\s+forth\s+|written\s+)?"
    r"(?:beneath|below|under|next\s+to|beside)\s+(?:the\s+|their\s+)?(?:parties['’]?\s+)?"
    r"signatures?|"
    # "upon signature by both Parties", "the date of its signature by the last Party",
    # "when signed by both Parties", "once executed by all parties"
    r"(?:its\s+)?(?:signature|execution|signed|executed)\s+by\s+(?:both|all|the\s+last)\b)|"
    # a term that runs from the last signature: "shall expire eighteen (18) months after the
    # date on which it has been signed by both parties"
    # (or "shall remain in effect for three (3) years from the date of the last signature")
    r"\b(?:expire|expires|terminate|terminates|end|ends|continue|continues|remain|remains)\b"
    rf"[^.;]{{0,60}}?\b(?:after|from|following)\s+the\s+(?:{_BY_ALL}|{_LAST_DATE})\b|"
    # the date first, the defined term after it: "as of the date of the last signature below
    # (the "Effective Date")", "as of the date on which it has been signed by both parties
    # (the "Effective Date")"
    rf"\b(?:{_LAST_DATE}|{_BY_ALL})\b[^.;]{{0,60}}?\beffective\s+date\b|"
    # an agreement dated by its last signature, with no other day of effect: it takes
    # effect when it is made ("This Agreement is dated on the date of the last signature
    # below", "made as of the date last signed below")
    rf"\b(?:dated|made|entered\s+into)\s+(?:as\s+of\s+|on\s+)?(?:the\s+)?(?:{_LAST_DATE}|{_BY_ALL})\b",
    re.IGNORECASE,
)
#: "shall become effective on the first day of the calendar month following the date on
#: which it has been executed by both parties": the first of the month after that day.
_NEXT_MONTH = re.compile(
    r"\bfirst\s+day\s+of\s+the\s+(?:next\s+)?(?:calendar\s+)?month\s+(?:following|after)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def last_signed_start(parts: list[str], signed: dt.date) -> dt.date | None:
    """The day an agreement takes effect by its last signature (``signed``) when one of
    ``parts`` says so (:data:`LAST_SIGNED`): that day, or the first of the next month
    where the agreement starts then."""
    for part in parts:
        if (m := LAST_SIGNED.search(part)) is None:
            continue
        day = re.search(rf"\b(?:{_LAST_DATE}|{_BY_ALL})", m.group(0), re.IGNORECASE)
        cue = m.group(0)[: day.start()] if day else ""
        if _NEXT_MONTH.search(cue):
            return (signed.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        return signed
    return None


#: "Date: 7/21/2015", "Dated: January 27, 2016" by the signatures at the end.
_SIGNED_ON = re.compile(r"\b(?:date|dated|signed\s+on)\s*:\s*", re.IGNORECASE)
#: A place of up to four capitalised words ("Cape Town", "Aix-en-Provence").
_PLACE = r"[A-Z][\w'’.-]*(?:[\s-]+(?:[a-z]{1,3}[\s-]+)?[A-Z][\w'’.-]*){0,3}"
#: "Munich, 12.03.2024", "In Lyon, on 05/02/2023", "Done at Cork, 18 February 2019": a
#: line that begins with the place of signing, a comma and the date.
_PLACE_LINE = re.compile(
    # (a recital's opening word is no place: "WHEREAS, on March 1, 2019 the parties signed a
    # letter of intent" tells of an earlier event)
    r"^\s*(?!(?:whereas|now|recitals?)\b)"
    rf"(?:(?:done|made|signed|executed)\s+)?(?:(?:in|at)\s+)?(?-i:{_PLACE}),\s+"
    r"(?:(?:on|this|the)\s+){0,2}",
    re.IGNORECASE,
)
#: "signed at Durban on this 4th day of ...", "signed in duplicate in Utrecht on ...": the
#: place of signing, then the date; a sentence may stand between the verb and the place.
_SIGNED_AT = re.compile(
    rf"\b(?:signed|executed|done)\b[^.;:]{{0,60}}?\b(?:at|in)\s+(?-i:{_PLACE}),?\s+on\s+"
    r"(?:this\s+)?(?:the\s+)?",
    re.IGNORECASE,
)
#: An execution clause that dates the signature, as English drafting words it: "Signed by
#: an authorised signatory for and on behalf of X Limited on 7 June 2019", "Executed by
#: Y Pty Ltd ... on 12 June 2019": the verb, who signs, then "on" and the date.
_SIGNED_BY_ON = re.compile(
    r"\b(?:signed|executed)\s+(?:by|for)\b[^.;:]{0,120}?\bon\s+(?:this\s+)?(?:the\s+)?"
    r"(?=\d|(?-i:[A-Z][a-z]+)\s+\d)",
    re.IGNORECASE,
)
#: A signature beside or below a place-and-date line: a drawn rule or a signature's label.
_SIGNATURE = re.compile(r"_{3,}|\bsignature\b|\bBy\s*:|/s/|\bsigned\b", re.IGNORECASE)
#: How many lines from a place-and-date line its signature may stand.
_BELOW = 3


#: A start on a defined term: "shall commence on the ...", "takes effect on the ...".
_STARTS = (
    r"(?i:\b(?:effective|(?:take|takes)\s+effect|(?:come|comes|enter|enters)\s+into\s+force|"
    r"commence|commences|begin|begins|start|starts)\s+(?:on|from|as\s+of)\s+the\s+)"
)
#: A defined term for the last signature's date: ""Signature Date" means the date of
#: signature of this Agreement by the Party signing last".
_LAST_SIGNATURE_DEFINED = re.compile(
    r"[“\"](?P<name>[A-Z][\w ]{2,40}?)[”\"]\s+(?:means|shall\s+mean)\s+the\s+date\s+[^.;]{0,80}?"
    r"\b(?:(?:party|parties)\s+(?:signing|to\s+sign)\s+last|last\s+(?:party\s+)?to\s+sign)\b",
    re.IGNORECASE,
)


def starts_at_last_signature(text: str) -> bool:
    """Whether the agreement ``text`` starts on a defined term that means the date of the
    last signature ("shall commence on the Signature Date")."""
    for m in _LAST_SIGNATURE_DEFINED.finditer(text):
        if re.search(rf"{_STARTS}{re.escape(m['name'])}\b", text):
            return True
    return False


def _dated_after(text: str, cues: list[re.Match[str]], order: DateOrder) -> list[dt.date]:
    """The dates that begin right after each of ``cues`` in ``text``."""
    return [
        date
        for m in cues
        for start, _end, date in find_dates(text[m.end() : m.end() + 40], order)
        if start <= 3
    ]


#: The signature block's opening words, and the heading of an exhibit after it (as
#: headings print them, in capitals: "EXHIBIT A", "SCHEDULE 2", "ANNEX I").
_WITNESS = re.compile(r"\bIN\s+WITNESS\s+WHEREOF\b", re.IGNORECASE)
_EXHIBIT = re.compile(
    r"(?<![\w-])(?:EXHIBIT|SCHEDULE|ANNEX|APPENDIX|ATTACHMENT)\s+(?:[A-Z]|\d{1,2}|[IVX]{1,4})\b"
)


def _signed_part(text: str) -> str:
    """``text`` up to the exhibits attached after its signature block: a statement of
    work's dates ("Target Go-Live Date: October 15, 2025") are not its signatures'."""
    witnesses = list(_WITNESS.finditer(text))
    if not witnesses or (exhibit := _EXHIBIT.search(text, witnesses[-1].end())) is None:
        return text
    return text[: exhibit.start()]


def signing_date(text: str, lines: str, order: DateOrder) -> dt.date | None:
    """The day the last party signed: the latest date the signatures at the end of
    ``text`` (its whitespace collapsed; ``lines`` the same with its line breaks) carry."""
    text, lines = _signed_part(text), _signed_part(lines)
    tail = text[-SIGNATURES:]
    dates = _dated_after(tail, list(_SIGNED_AT.finditer(tail)), order)
    dates += _dated_after(tail, list(_SIGNED_BY_ON.finditer(tail)), order)
    if re.search(r"/s/|\bBy:|signature|IN\s+WITNESS", tail, re.IGNORECASE):
        dates += _dated_after(tail, list(_SIGNED_ON.finditer(tail)), order)
    rows = lines[-SIGNATURES:].splitlines()
    for row, line in enumerate(rows):
        if (m := _PLACE_LINE.match(line)) is None:
            continue
        if any(_SIGNATURE.search(near) for near in rows[row : row + _BELOW + 1]):
            dates += _dated_after(line, [m], order)
    return max(dates, default=None)
