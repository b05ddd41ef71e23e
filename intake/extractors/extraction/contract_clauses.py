"""Dates a contract states in its clauses rather than its preamble.

Two conventions, each holding across agreements whatever their trade:

* A summary of the agreement's period labels its dates ("Effective Date: January 1,
  2019", "Termination Date: December 31, 2023", "Expiration Date: ..."): a label that
  names the start or the end of the agreement followed at once by a date. A label that
  is part of a sentence ("the Effective Date shall mean ...") is not followed by a colon.
* Agreements are divided into numbered sections with headings ("8.1 Term.", "ARTICLE
  XII - TERM", "7. Term and Termination."); the sentences under the heading of the term
  state the agreement's own duration and end, where the same words elsewhere (a
  non-solicitation period, a survival period) state an obligation's. The headings are
  vocabulary (``[clause_headings]`` of the language packs).
* The clause on the term says when the agreement itself takes effect ("This Agreement
  shall be effective as of November 1, 2002", "This Agreement shall come into force as of
  January 1, 2013", "This Agreement shall commence on ...", "The term of this Agreement
  will begin on ..."): the subject is the agreement or its term, the verb its taking
  effect or beginning, and the date follows the cue. It stands in the Term section,
  often far from the preamble. The present tense says the same ("This Agreement applies
  from 1 May 2022", "... is in force from ...", "This agreement starts on ..."), and so
  does a period of the agreement's that begins on a day ("is entered into for a definite
  period of two (2) years, commencing on 1 January 2020", "shall subsist for a period of
  five years from and after ...").
* Where such a cue names a defined term instead of a date ("shall commence on the
  Commencement Date"), the date is the one the term's definition gives (""Commencement
  Date" means 1 March 2019", or unquoted, as Australian drafting writes it).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from intake.extractors.extraction.contract_anchors import anchored
from intake.extractors.extraction.fields.dates import DateOrder, find_dates
from intake.extractors.extraction.fields.terms import DURATION, format_duration, parse_duration
from intake.extractors.extraction.vocabulary import vocabulary

__all__ = [
    "DEFINED_NAME",
    "clause_sections",
    "defined_date",
    "defined_period",
    "labelled_end",
    "labelled_start",
    "stated_start",
]

#: How much text under a heading is read as its section.
SECTION = 1500
#: A section number: "8.1", "12.", "XII", "Article 8", "Section 8.1", "§ 8".
_NUMBER = r"(?:(?:article|section|§)\s*)?(?:\d{1,2}(?:\.\d{1,2}){0,2}\.?|[IVXLC]{1,6}\b\.?)"


@cache
def _heading(clause: str) -> re.Pattern[str]:
    """A numbered heading of ``clause``: its number, the heading, then a full stop, a
    colon or a dash, or the capital that begins the section's first sentence."""
    words = "|".join(sorted(vocabulary().clause_headings.get(clause, []), key=len, reverse=True))
    return re.compile(
        rf"(?:^|(?<=\s)){_NUMBER}\s*[-–—:)]?\s*(?:{words or '(?!)'})"
        r"\s*(?:[.:\-–—]\s|\s(?=[A-Z(0-9]))",
        re.IGNORECASE,
    )


def clause_sections(text: str, clause: str) -> list[str]:
    """The text under each heading of ``clause`` ("term", "renewal") in ``text`` (its
    whitespace collapsed), in order; empty when the agreement has no such heading."""
    return [text[m.end() : m.end() + SECTION] for m in _heading(clause).finditer(text)]


_START_LABEL = re.compile(
    r"\b(?:effective|commencement|start)\s+date\s*:\s*|"
    # a row of key details with no colon, the label as printed: "Commencement Date 1 July
    # 2025", "Subscription Start Date 15/04/2025" (as the end's, below)
    r"(?-i:\b(?:Effective|Commencement|Start|EFFECTIVE|COMMENCEMENT|START)\s+(?:Date|DATE))\s+"
    r"(?=\d|[A-Z][a-z]+\s+\d)",
    re.IGNORECASE,
)
_END_LABEL = re.compile(
    r"\b(?:termination|expiration|expiry|end)\s+date\s*:\s*|"
    # a row of key details with no colon, the label as printed: "Expiry Date 14 January 2023"
    r"(?-i:\b(?:Termination|Expiration|Expiry|End|TERMINATION|EXPIRATION|EXPIRY|END)\s+"
    r"(?:Date|DATE))\s+(?=\d|[A-Z][a-z]+\s+\d)|"
    # its definition: ""Expiration Date" means June 30, 2024"
    r"[“\"](?:termination|expiration|expiry|end)\s+date[”\"]\s+(?:means|shall\s+mean)\s+",
    re.IGNORECASE,
)
#: The agreement as a subject: "this Agreement", "The Contract", "This Framework Agreement".
_THE_AGREEMENT = r"\b(?:this|the)\s+(?-i:(?:[A-Z][\w-]*\s+){0,3})(?:agreement|contract)"
_STATED = re.compile(
    rf"{_THE_AGREEMENT}\s+(?:(?:shall|will|is\s+to)\s+"
    r"(?:be(?:come)?\s+effective|come\s+into\s+(?:force|effect)|enter\s+into\s+(?:force|effect)|"
    # ("This Contract shall run from 1 April 2019 until 31 March 2022")
    r"take\s+effect|commence|begin|start|apply|run(?=\s+from)|be\s+in\s+(?:full\s+)?force)|"
    # the present tense: "This Agreement applies from ...", "... is in force from ...",
    # "This agreement starts on the Commencement Date"
    r"applies|is\s+in\s+(?:full\s+)?force|commences|begins|starts)\s+(?:as\s+of|on|from)\s+(?:the\s+)?|"
    # the defined Term as the subject: "The Term commences on the Commencement Date", "The
    # Initial Term shall begin on ...", "The Contract Period shall commence on ..."
    r"\bthe\s+(?-i:Term|Initial\s+Term|Contract\s+(?:Term|Period))\s+(?:(?:shall|will)\s+"
    r"(?:commence|begin|start)|commences|begins|starts)"
    r"\s+(?:as\s+of|on|from)\s+(?:the\s+)?|"
    # "The term of this Agreement (the "Term") will begin on ...": the term starts with it
    r"\bthe\s+(?:term|duration)\s+of\s+this\s+[\w\s-]{0,40}?(?:\([^()]{0,30}\)\s+)?(?:shall|will)\s+"
    r"(?:begin|commence|start)\s+(?:as\s+of|on|from)\s+(?:the\s+)?|"
    # "The term of this Agreement shall be for a period of one year commencing March 1",
    # "This Agreement is entered into for a definite period of two (2) years, commencing on
    # 1 January 2020": the participle dates the term's start
    # (an agreement that calls itself a lease: "The term of this Lease shall be five (5)
    # years, commencing on April 1, 2023")
    r"\bthe\s+term\s+of\s+this\s+(?:agreement|contract|lease)\b[^.;]{0,80}?\b(?:commencing|beginning|"
    r"starting)\s+(?:on\s+|as\s+of\s+|from\s+)?(?:the\s+)?|"
    rf"{_THE_AGREEMENT}\b[^.;]{{0,60}}?\bfor\s+(?:a|an|the)\s+(?:[a-z]+\s+)?(?:period|term)\s+of\b"
    r"[^.;]{0,50}?\b(?:commencing|beginning|starting)\s+(?:on\s+|as\s+of\s+|from\s+)?(?:the\s+)?|"
    # the definition of the agreement's period: ""Term" means the period commencing on the
    # Commencement Date and ending on ...", "Initial Term means the period of 3 years
    # beginning on ...": the period starts that day
    r"(?<![\w-])[“\"]?(?-i:(?:Initial\s+)?Term)[”\"]?\s+(?:means|shall\s+mean)\s+the\s+period\b"
    r"[^.;]{0,50}?\b(?:commencing|beginning|starting)\s+(?:on\s+|as\s+of\s+|from\s+)?(?:the\s+)?|"
    # "This Agreement shall subsist for a period of five years from and after the Date of
    # Entry": the period runs from its start
    rf"{_THE_AGREEMENT}\b[^.;]{{0,60}}?\bfor\s+(?:a|an|the)\s+(?:[a-z]+\s+)?(?:period|term)\s+of\b"
    r"[^.;]{0,40}?\bfrom\s+(?:and\s+after\s+)?(?:the\s+)?|"
    # a term that ends on an anniversary of a defined day counts from that day: "This
    # Agreement shall continue for an initial term ending on the fifth (5th) anniversary of
    # the Commencement Date" (with ""Commencement Date" means 1 March 2020")
    rf"(?:{_THE_AGREEMENT}|\bterm\b)[^.;]{{0,80}}?\b(?:ending|ends?|expir\w*|terminat\w*|until)"
    r"\b[^.;]{0,40}?\banniversary\s+of\s+the\s+(?=(?-i:[A-Z]))",
    re.IGNORECASE,
)
#: How far after its cue a date may begin ("as of the 1st day of ...").
_NEAR = 3


#: A defined term where a date would stand: "shall commence on the Commencement Date".
DEFINED_NAME = re.compile(r"[A-Z][\w-]*(?:\s+(?:of\s+)?[A-Z][\w-]*){1,3}\b")
_QUOTES = "\"“”'‘’"


def defined_date(text: str, name: str, order: DateOrder) -> dt.date | None:
    """The date the definition of ``name`` gives (""Commencement Date" means 1 March
    2019", or unquoted as Australian drafting has it: "Commencement Date means 1 July
    2020"), or a schedule's label of it ("Acceptance Date: November 1, 2018", or in a
    table of key details with no colon: "Start Date 1 May 2023"), if that is a date."""
    means = re.compile(
        rf"(?<![\w-])[{_QUOTES}]?{re.escape(name)}[{_QUOTES}]?(?:\s+(?:means|shall\s+mean)\s+|\s*:?\s*)"
    )
    return _first_date(text, means, order, defined=False)


def _first_date(
    text: str, cue: re.Pattern[str], order: DateOrder, defined: bool = True
) -> dt.date | None:
    """The date right after the first ``cue`` followed by one, or (``defined``) the date
    that the definition of a term standing there gives."""
    for m in cue.finditer(text):
        for start, _end, date in find_dates(text[m.end() : m.end() + 60], order):
            if start <= _NEAR:
                return date
            break
        name = DEFINED_NAME.match(text, m.end())
        if defined and name is not None and (given := defined_date(text, name.group(0), order)):
            return given
    return None


def labelled_start(text: str, order: DateOrder) -> dt.date | None:
    """The date after a label naming the agreement's start ("Effective Date: ...")."""
    return _first_date(text, _START_LABEL, order)


def labelled_end(text: str, order: DateOrder) -> dt.date | None:
    """The date after a label naming the agreement's end ("Termination Date: ...")."""
    return _first_date(text, _END_LABEL, order)


def stated_start(text: str, order: DateOrder) -> dt.date | None:
    """The date the agreement says it takes effect, wherever its term clause stands."""
    return _first_date(text, _STATED, order)


#: "This Agreement shall continue for the Primary Period": the agreement runs for a period
#: it names by a defined term ("Primary Period", "Framework Period", "Supply Term").
_FOR_DEFINED = re.compile(
    rf"{_THE_AGREEMENT}[^.;]{{0,60}}?\b(?:continue|remain|run|be\s+in\s+(?:full\s+)?force)\w*"
    r"[^.;]{0,40}?\bfor\s+the\s+(?P<name>(?-i:(?:[A-Z][\w-]*\s+){1,2}(?:Period|Term)))\b",
    re.IGNORECASE,
)


def defined_period(text: str) -> tuple[str, str, bool] | None:
    """The term of an agreement that runs for a defined period, as that period's definition
    states it (""Primary Period" means the period of five (5) years from 1 October 2020"):
    its length, the words it was read from, and whether its end follows from its start (not
    from an event: "... from the first delivery")."""
    for m in _FOR_DEFINED.finditer(text):
        name = re.escape(m["name"])
        definition = re.search(
            rf"(?<![\w-])[{_QUOTES}]?{name}[{_QUOTES}]?\s*(?:means|shall\s+mean|:)\s+(?:the|a)\s+"
            r"(?:period|term)\s+of\s+",
            text,
        )
        if definition is None:
            continue
        d = DURATION.match(text, definition.end())
        if d is None or (parsed := parse_duration(d.group(0))) is None:
            continue
        return format_duration(*parsed), m.group(0), anchored(text[d.end() : d.end() + 80], text)
    return None
