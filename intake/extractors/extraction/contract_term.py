"""A contract's term and the end it states: how long the agreement runs, and the date it
expires when one is printed.

The term is read from the sentence that states the agreement's own duration ("This
Agreement shall remain in effect for five (5) years", "The term of this Agreement shall be
two (2) years", "... until the third anniversary"); periods that other clauses set (a
non-solicitation period, how long confidentiality survives) are not the term. Three
conventions of drafting keep other periods out:

* A termination clause is not a term: "This Agreement shall terminate (a) upon ninety
  days' notice, or (b) if a breach is not cured within ten days" gives the ways the
  agreement may end early; a period after a condition ("upon", "if", "in the event",
  "at the option of", "unless", "within") times that condition.
* A term that runs from an event ("one year after the closing of any sale", "four years
  from the date the channel is launched") is a term, but its end cannot be computed from
  the agreement's start; nor can that of a term that ends at "the earlier of" two times.
  Such a term is not ``fixed``.
* A printed end date belongs to the agreement only when its sentence is about the
  agreement or its term ("This Agreement shall expire on ...", "the Term ... ending on
  ..."); "Phase I will end on ..." or "the lease terminates on ..." dates something else.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from intake.extractors.extraction.contract_anchors import anchored, starts_at_event
from intake.extractors.extraction.fields.terms import DURATION, format_duration, joined_duration
from intake.extractors.extraction.vocabulary import vocabulary

__all__ = ["AGREEMENT", "OF_AGREEMENT", "OPEN_ENDED", "SENTENCE_END", "Term", "find_term", "nth"]

_VOCABULARY = vocabulary()

AGREEMENT = (
    r"(?:this|the)\s+(?:letter\s+|confidentiality\s+|non-?disclosure\s+)?(?:agreement|nda|contract)"
)
#: Where a contract states its own duration, surest first. Periods that other clauses
#: set (non-solicitation, survival of confidentiality) are not the term.
_TERM_CUES = [
    # (the agreement as the subject: "obligations under this Agreement shall continue" time
    # the obligations)
    re.compile(
        rf"(?<!under\s)(?<!of\s)(?<!to\s){AGREEMENT}\s+(?:shall|will)\s+(?:automatically\s+)?(?:terminate|expire|end|"
        r"remain\s+in\s+(?:full\s+)?(?:force\s+and\s+)?effect|continue(?:\s+in\s+(?:full\s+)?"
        r"(?:force\s+and\s+)?effect)?|be\s+(?:in\s+(?:full\s+)?(?:force|effect)(?:\s+and\s+effect)?|"
        r"effective))(?:\s+in\s+its\s+entirety)?|"
        # the present tense of the same: "This Agreement expires twelve (12) months after ..."
        rf"{AGREEMENT}\s+(?:automatically\s+)?(?:terminates|expires|ends)\b",
        re.I,
    ),
    # "The term of this Agreement shall be ...", and its older form "The term hereof shall be"
    re.compile(
        rf"term\s+(?:of\s+{AGREEMENT}|hereof)[^.]{{0,40}}?(?:shall\s+be|is|will\s+be)", re.I
    ),
    # "This contract shall be for a term of one year", "... and shall continue for a term of"
    re.compile(
        rf"(?:{AGREEMENT}|\bterm\b)[^.]{{0,80}}?(?:shall|will)\s+(?:continue|be|run|remain\s+"
        r"(?:valid\s+and\s+)?in\s+(?:full\s+)?(?:force|effect)(?:\s+and\s+(?:force|effect))?)\s+for"
        r"\s+(?:a|an|the)\s+(?:initial\s+)?(?:term|period)\s+of|"
        # "is entered into for an initial period of", "is concluded for a firm period of":
        # the agreement made for a period its adjective fixes
        rf"{AGREEMENT}(?:[^.]{{0,80}}?\band)?\s+(?:is|shall\s+be|has\s+been)\s+(?:entered\s+into|"
        r"concluded|made)\s+for"
        r"\s+(?:a|an|the)\s+(?:(?:initial|original|firm|fixed|definite)\s+)?(?:term|period)\s+of",
        re.I,
    ),
    re.compile(
        r"(?:initial|original)\s+term(?:\s+of\s+this\s+agreement)?\s+(?:shall\s+be|is|of)|"
        # a key-details row with no colon: "Initial Term Two (2) years from the Effective
        # Date" (the label as printed, the length right after it); the rows of an order
        # form or a schedule name the term with its kind ("Subscription Term 36 months",
        # "Contract Term", "Item 3 Term 2 years"); "the Term" in a sentence, a "Renewal
        # Term" or a "Payment Term" is no such row
        r"(?-i:\b(?:Initial|Subscription|Contract|Agreement|Service|Minimum)\s+Term|\bINITIAL\s+TERM|"
        r"(?<![Tt]he\s)(?<!Renewal\s)(?<!Payment\s)(?<!Further\s)\bTerm)\s+"
        r"(?=(?:[A-Za-z]+(?:-[a-z]+)?|\d+)\s*"
        r"(?:\(\d+\)\s*)?(?:years?|months?)\b)|"
        # its definition: ""Initial Term" means the period of five (5) years commencing ..."
        r"(?:initial\s+|original\s+)?term[”\"]?\s+(?:means|shall\s+mean)\s+(?:the\s+)?(?:period|term)"
        r"\s+of|"
        # "The term of this Agreement shall expire on the date that is two years after ...",
        # "... the term of this Agreement shall expire ten (10) years from the date of ...",
        # in the present tense too, its start stated first: "The term of this Agreement
        # begins on the Effective Date and expires ten (10) years from the Effective Date"
        rf"\bterm\s+of\s+{AGREEMENT}\s+(?:(?:(?:shall|will)\s+)?(?:begins?|commences?|starts?)"
        r"\b[^.]{0,80}?\band\s+)?(?:(?:shall|will)\s+(?:expire|terminate|end)|expires|terminates|"
        r"ends)\b(?:\s+on\s+the\s+date\s+(?:that|which)\s+is)?|"
        # the defined Term, capitalised: "The Term shall be one (1) year beginning on ..."
        # (not as it is extended: "The Term shall be extended for further periods of two
        # years" gives the renewal)
        r"\bthe\s+(?-i:Term)\s+(?:shall\s+be|is|will\s+be)\s+"
        r"(?!(?:automatically\s+)?(?:extended|renewed|prolonged)\b)(?:for\s+)?(?=\S)|"
        # "This Agreement has a term of three (3) years", "... shall have a duration of"
        rf"{AGREEMENT}\s+(?:has|(?:shall|will)\s+have)\s+(?:a|an)\s+(?:initial\s+)?"
        r"(?:term|duration)\s+of|"
        # the length before its noun: "This Agreement shall have a five-year term"
        rf"{AGREEMENT}\s+(?:has|(?:shall|will)\s+have)\s+(?:a|an)\s+(?:initial\s+)?"
        r"(?=[\w()\s-]{1,30}?\s*\b(?:initial\s+)?term\b)",
        re.I,
    ),
    # "... shall become effective upon the Effective Date and shall remain in effect for
    # five (5) years", "... shall come into force as of ... and remain valid for one year"
    re.compile(
        rf"{AGREEMENT}[^.]{{0,80}}?(?:(?:shall|will)\s+(?:continue|remain)|continues|remains)"
        r"\s+in\s+(?:full\s+)?(?:force|effect)(?:\s+and\s+(?:force|effect))?\s+for\b|"
        # "This Agreement begins on the Effective Date and continues for three (3) years"
        rf"{AGREEMENT}[^.]{{0,80}}?\bcontinues\s+for\b|"
        # "This Agreement shall commence on the Effective Date and continue for a period of
        # three (3) years": the start and the length of one agreement in one sentence
        # (or comes into force first: "shall come into force on the date of signature by the
        # last party to sign it and shall continue in force for an initial period of")
        rf"{AGREEMENT}\s+(?:shall|will)\s+(?:commence|begin|start|become\s+effective|"
        r"come\s+into\s+(?:force|effect)|take\s+effect)\b"
        # (a clause set off by commas may stand between: "and, unless earlier terminated,
        # shall continue for")
        r"[^.]{0,80}?\band(?:\s*,[^,.]{0,60},)?\s+(?:shall\s+|will\s+)?(?:(?:continue|remain)(?:\s+in\s+"
        r"(?:full\s+)?(?:force|effect)(?:\s+and\s+(?:force|effect))?)?|run)\s+for\b",
        re.I,
    ),
    # "This Agreement shall come into force as of ... and remain valid for one year"
    re.compile(rf"{AGREEMENT}[^.]{{0,80}}?\b(?:remain|be|is)\s+valid\s+for", re.I),
    # a heading ("8. Term.", "Term: ...") or a label, not the defined term ending a
    # sentence ("... continues for the Initial Term. 2.2 The Council may ...")
    re.compile(
        r"(?<!\bthe\s)(?<!\bThe\s)(?<!\bthe\sInitial\s)(?<!\bthe\sFurther\s)(?<!\bthe\sRenewal\s)"
        r"\bterm(?:\s+and\s+termination)?\s*[.:]\s",
        re.I,
    ),
    # an NDA's duration is how long its obligations last
    re.compile(
        r"(?:obligations|provisions|confidentiality)[^.]{0,80}?(?:shall|will)\s+(?:continue|"
        r"survive|terminate|expire|remain\s+in\s+(?:full\s+)?(?:force\s+and\s+)?effect|apply)",
        re.I,
    ),
    # ("for an initial period of three years", "for an original term of")
    re.compile(r"for\s+(?:a|an)\s+(?:(?:initial|original)\s+)?(?:period|term)\s+of", re.I),
]
_NOT_TERM = re.compile(r"neither|solicit|hire|employ|standstill|disclosure\s+period", re.I)
#: "This Agreement shall continue until the fifth anniversary", "The term of this Agreement
#: will commence upon the Effective Date and will continue until the fifth (5th)
#: anniversary of the Effective Date", "Initial Term shall mean the Effective Date through
#: the day prior to the fourth anniversary": a term that ends on an anniversary.
_ANNIVERSARY = re.compile(
    rf"(?:{AGREEMENT}|\b(?:initial\s+)?term\b)[^.]{{0,100}}?\b(?:continue|remain\s+in\s+effect|"
    # (a time of day's dots between: "expire at 5:00 p.m. (Regina time) on the third")
    # (the participle of a period's definition: ""Term" means the period commencing on
    # the Commencement Date and ending on the third anniversary ...")
    # (the present tense too: "This Agreement is effective on the Effective Date and
    # terminates on the third anniversary thereof")
    r"terminate|expire|end|terminates|expires|ends|continues|through|until|ending|expiring|"
    r"terminating)\b(?:[ap]\.m\.|[^.]){0,40}?"
    # the ordinal in words (the packs' ordinals: "fifth", "twentieth") or in figures ("5th")
    rf"\b(?P<nth>{_VOCABULARY.day_ordinal_pattern}|\d{{1,2}}(?:st|nd|rd|th))"
    # (the figure in brackets as OCR reads it too: "(Sth)" for "(5th)")
    r"(?:\s+\([^()\s]{1,6}\))?\s+anniversary",
    re.I,
)
_NOTICE_NEXT = re.compile(r"[’'s]*\s+(?:prior\s+|advance\s+)?(?:written\s+)?notice\b", re.I)
#: The notice's period after its noun: "written notice at least 3 months before", "notice
#: of not less than ninety (90) days".
_NOTICE_BEFORE = re.compile(
    r"\bnotice\s+(?:of\s+)?(?:(?:at\s+least|not\s+less\s+than|no\s+less\s+than|no\s+later\s+than|"
    r"a\s+minimum\s+of)\s+)?$",
    re.I,
)
_SURVIVAL = re.compile(r"surviv|after\s+(?:the\s+)?(?:termination|expiration)", re.I)
_OF_END = re.compile(r"\s*of\s+(?:the\s+|such\s+)?(?:termination|expiration|end)\b", re.I)
#: An agreement with no fixed end: its term runs "until terminated", "indefinitely", "in
#: perpetuity". Its expiration date is then ``perpetual`` (none to compute or to diarise).
OPEN_ENDED = re.compile(
    rf"(?:{AGREEMENT}|\bterm\s+of\s+{AGREEMENT})[^.;]{{0,120}}?\b(?:shall|will)\s+"
    # (its start may come first: "shall commence on the date hereof and continue in
    # perpetuity")
    r"(?:(?:commence|begin|start|take\s+effect)\b[^.;]{0,80}?\band\s+(?:shall\s+|will\s+)?)?"
    r"(?:continue|remain|be|end|run)\b[^.;]{0,60}?"
    r"\b(?:indefinitely|perpetual(?:ly)?|in\s+perpetuity|until\s+(?:it\s+is\s+)?terminated|"
    r"when\s+terminated|until\s+(?:either|any|one)\s+(?:party|of\s+the\s+parties)\s+terminates)\b|"
    # "This Agreement is concluded for an indefinite period", "... has no fixed term"
    rf"(?:{AGREEMENT}|\bterm\s+of\s+{AGREEMENT})[^.;]{{0,80}}?\b(?:indefinite\s+(?:period|"
    r"term|duration)|no\s+fixed\s+(?:term|duration|end)|(?:shall\s+be|is)\s+indefinite)\b",
    re.I,
)
OBLIGATIONS = 7  # the cue of how long obligations last
STRONG_TERM = 7  # the first cues state the agreement's own term; later ones its obligations


#: A condition before the period: the period times the condition (a notice, a cure), not
#: the agreement. "upon the Effective Date" and "upon execution" are its start instead.
_CONDITION = re.compile(
    r"\b(?:upon(?!\s+(?:the\s+)?(?:effective\s+date|(?:full\s+)?execution|signing|"
    r"date\s+(?:hereof|of\s+this)))|if|in\s+the\s+event|at\s+the\s+(?:option|election)|"
    r"unless|breach|cured?|within)\b",
    re.I,
)
#: A term that ends at the first (or last) of two times: its end is not known in advance.
_EITHER = re.compile(r"\b(?:earlier|earliest|sooner|later|latest)\s+(?:of|to\s+occur)\b", re.I)
#: The subject of a sentence that dates the agreement's end (a deed, as Australian and
#: English drafting has one, calls itself "this deed": "This deed commences on the date of
#: this deed and ends on 7 March 2025").
OF_AGREEMENT = re.compile(r"\b(?:agreement|term|contract|nda|it|(?<=this\s)deed)\b", re.I)
SENTENCE_END = re.compile(r"(?<=[a-z)])\.\s")


class Term(NamedTuple):
    """A term as read: its value ("2 years"), the words it was read from, whether it is
    the agreement's own term (not how long obligations last), and whether its end follows
    from the agreement's start (``fixed``)."""

    value: str
    raw: str
    own: bool
    fixed: bool


def nth(ordinal: str) -> int:
    """The number an ordinal names: "fifth", "twentieth", "5th"."""
    figures = re.match(r"\d+", ordinal)
    return int(figures.group(0)) if figures else _VOCABULARY.day_of(ordinal)


#: Periods that are no length: "on a month-to-month basis" (a rolling basis), "to the end
#: of a calendar month" (a point in time).
_ROLLING_NEXT = re.compile(r"[\s-]+to[\s-]+(?:day|week|month|year)\b", re.I)
_END_OF = re.compile(r"\b(?:end|close|last\s+day)\s+of\s+(?:the\s+|each\s+)?$", re.I)


def _a_length(window: str, d: re.Match[str]) -> bool:
    """Whether the period ``d`` in ``window`` is a length: not a notice period ("thirty
    (30) days' written notice"), a rolling basis or the end of a period."""
    return not (
        _NOTICE_NEXT.match(window, d.end())
        or _NOTICE_BEFORE.search(window, 0, d.start())
        or _ROLLING_NEXT.match(window, d.end())
        or _END_OF.search(window, 0, d.start())
    )


def _headed_length(section: str, context: str) -> Term | None:
    """The length the term's heading is followed by: the term, as a row of key details
    or a heading states it ("Term  24 months from the Commencement Date", "Term: 3 years")."""
    lead = len(section) - len(section.lstrip(" :.-–"))
    d = DURATION.match(section, lead)
    if d is None or not _a_length(section, d) or not (parsed := joined_duration(section, d)):
        return None
    after = SENTENCE_END.split(section[d.end() : d.end() + 200], maxsplit=1)[0]
    return Term(format_duration(*parsed), section[: d.end()], True, anchored(after, context))


def find_term(text: str, section: bool = False, context: str = "") -> Term | None:
    """The term, the text it was read from, whether it is the agreement's own term and
    whether its end can be computed. In the agreement's section on its term (``section``)
    a period is its own unless the sentence times obligations. ``context``, the whole
    agreement, holds the definitions of the days a term may run from (else ``text``)."""
    if section and (term := _headed_length(text, context or text)):
        return term
    for m in _ANNIVERSARY.finditer(text):
        # an anniversary of the termination is how long obligations survive it
        after = text[m.end() : m.end() + 40]
        if _SURVIVAL.search(m.group(0)) or _OF_END.match(after):
            continue
        years = format_duration(nth(m.group("nth")), "year")
        return Term(years, m.group(0), True, anchored(after, context or text))
    for rank, cue in enumerate(_TERM_CUES):
        for m in cue.finditer(text):
            window = text[m.end() : m.end() + 200]
            window = SENTENCE_END.split(window, maxsplit=1)[0]  # this sentence
            # "upon thirty (30) days written notice" is a notice period, not the term
            d = next((d for d in DURATION.finditer(window) if _a_length(window, d)), None)
            # a period of a covenant (not to solicit, hire, buy shares) is not the term,
            # whether the covenant is named before or after the period in its sentence
            before = SENTENCE_END.split(text[max(0, m.start() - 150) : m.start()])[-1]
            if d is None or _NOT_TERM.search(before + window):
                continue
            if _CONDITION.search(window, 0, d.start()):
                continue
            if parsed := joined_duration(window, d):  # ("two years and six months")
                raw = text[m.start() : m.end() + d.end()]
                own = rank < STRONG_TERM or (section and rank != OBLIGATIONS)
                fixed = (
                    anchored(window[d.end() :], context or text)
                    and not _EITHER.search(window)
                    and not starts_at_event(
                        text[m.start() : m.end()] + window[: d.start()], context or text
                    )
                )
                return Term(format_duration(*parsed), raw, own, fixed)
    return None
