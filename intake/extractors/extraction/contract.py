"""Contracts: parties, agreement and effective dates, term, renewal, notice period,
expiration date and governing law, read from the language of the agreement.

Parties come from the preamble ("by and between X, a Delaware corporation (the
"Company"), and Y (the "Employee")"): a name followed by the defined term it is given,
or a company name with a legal form. Dates come from their cue ("effective as of",
"dated", "made and entered into as of", "(the "Effective Date")"). The expiration date is
read when printed ("shall expire on ..."), else computed from the effective date and the
term, and then marked ``computed``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from intake.extractors.extraction.analysis import reading_for
from intake.extractors.extraction.classify import type_scores
from intake.extractors.extraction.contract_clauses import (
    clause_sections,
    labelled_end,
    labelled_start,
    stated_start,
)
from intake.extractors.extraction.contract_law import find_governing_law
from intake.extractors.extraction.contract_parties import (
    PREAMBLE,
    find_contract_parties,
    find_recitals,
)
from intake.extractors.extraction.contract_renewal import find_renewal
from intake.extractors.extraction.contract_signatures import find_signatories
from intake.extractors.extraction.fields.dates import DateOrder, add_term, find_dates
from intake.extractors.extraction.fields.terms import DURATION, format_duration, parse_duration
from intake.extractors.extraction.vocabulary import vocabulary
from intake.record import Field, Record

__all__ = ["ContractExtractor"]


_QUOTE = "\"“”'‘’"
_EFFECTIVE = re.compile(
    r"(?:effective|(?:come|comes|came|enter|enters|entered)\s+into\s+(?:force|effect)|"
    r"(?:take|takes)\s+effect)\s+(?:as\s+of\s+|on\s+|from\s+|date\s*(?:of|is|:)?\s*)?(?:the\s+)?",
    re.IGNORECASE,
)
_DATED = re.compile(
    r"(?:dated|made|entered\s+into|executed|signed)(?:\s+and\s+entered\s+into)?"
    r"\s+(?:as\s+of|on|this|effective\s+as\s+of)?\s*(?:the\s+)?",
    re.IGNORECASE,
)
_EFFECTIVE_DEFINED = re.compile(
    rf"\(\s*(?:the\s+|this\s+)?[{_QUOTE}]\s*effective\s+date\s*[{_QUOTE}]\s*\)", re.IGNORECASE
)
_AGREEMENT = (
    r"(?:this|the)\s+(?:letter\s+|confidentiality\s+|non-?disclosure\s+)?(?:agreement|nda|contract)"
)
#: Where a contract states its own duration, surest first. Periods that other clauses
#: set (non-solicitation, survival of confidentiality) are not the term.
_TERM_CUES = [
    re.compile(
        rf"{_AGREEMENT}\s+(?:shall|will)\s+(?:automatically\s+)?(?:terminate|expire|end|"
        r"remain\s+in\s+(?:full\s+)?(?:force\s+and\s+)?effect|continue(?:\s+in\s+(?:full\s+)?"
        r"(?:force\s+and\s+)?effect)?|be\s+(?:in\s+effect|effective))(?:\s+in\s+its\s+entirety)?",
        re.I,
    ),
    re.compile(rf"term\s+of\s+{_AGREEMENT}[^.]{{0,40}}?(?:shall\s+be|is|will\s+be)", re.I),
    # "This contract shall be for a term of one year", "... and shall continue for a term of"
    re.compile(
        rf"(?:{_AGREEMENT}|\bterm\b)[^.]{{0,80}}?(?:shall|will)\s+(?:continue|be|run|remain\s+in"
        r"\s+(?:full\s+)?(?:force\s+and\s+)?effect)\s+for\s+(?:a|an|the)\s+(?:initial\s+)?"
        r"(?:term|period)\s+of",
        re.I,
    ),
    re.compile(
        r"(?:initial|original)\s+term(?:\s+of\s+this\s+agreement)?\s+(?:shall\s+be|is|of)", re.I
    ),
    # "... shall become effective upon the Effective Date and shall remain in effect for
    # five (5) years", "... shall come into force as of ... and remain valid for one year"
    re.compile(
        rf"{_AGREEMENT}[^.]{{0,80}}?(?:shall|will)\s+(?:continue|remain)\s+in\s+(?:full\s+)?"
        r"(?:force\s+and\s+)?effect\s+for\b",
        re.I,
    ),
    # "This Agreement shall come into force as of ... and remain valid for one year"
    re.compile(rf"{_AGREEMENT}[^.]{{0,80}}?\b(?:remain|be)\s+valid\s+for", re.I),
    re.compile(r"\bterm(?:\s+and\s+termination)?\s*[.:]\s", re.I),
    # an NDA's duration is how long its obligations last
    re.compile(
        r"(?:obligations|provisions|confidentiality)[^.]{0,80}?(?:shall|will)\s+(?:continue|"
        r"survive|terminate|expire|remain\s+in\s+(?:full\s+)?(?:force\s+and\s+)?effect|apply)",
        re.I,
    ),
    re.compile(r"for\s+a\s+(?:period|term)\s+of", re.I),
]
_NOT_TERM = re.compile(r"neither|solicit|hire|employ|standstill|disclosure\s+period", re.I)
#: "This Agreement shall continue until the fifth anniversary", "The term of this Agreement
#: will commence upon the Effective Date and will continue until the fifth (5th)
#: anniversary of the Effective Date", "Initial Term shall mean the Effective Date through
#: the day prior to the fourth anniversary": a term that ends on an anniversary.
_ANNIVERSARY = re.compile(
    rf"(?:{_AGREEMENT}|\b(?:initial\s+)?term\b)[^.]{{0,100}}?\b(?:continue|remain\s+in\s+effect|"
    r"terminate|expire|end|through|until)\b[^.]{0,40}?"
    r"\b(?P<nth>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
    r"(?:\s+\(\d+(?:st|nd|rd|th)?\))?\s+anniversary",
    re.I,
)
_NOTICE_NEXT = re.compile(r"[’'s]*\s+(?:prior\s+|advance\s+)?(?:written\s+)?notice\b", re.I)
_SURVIVAL = re.compile(r"surviv|after\s+(?:the\s+)?(?:termination|expiration)", re.I)
_OF_END = re.compile(r"\s*of\s+(?:the\s+|such\s+)?(?:termination|expiration|end)\b", re.I)
_NTH = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
]
#: "sixty (60) days' prior written notice", "written notice 60 days prior to the end"
_NOTICE = [
    re.compile(
        r"(?P<d>[^.;]{0,30}?)(?:’|'|s)?\s+(?:prior\s+|advance\s+)?(?:written\s+)?notice", re.I
    ),
    re.compile(r"notice\s+(?P<d>[^.;]{0,40}?)\s+(?:prior|before|in\s+advance)", re.I),
]
#: "shall expire on <date>", "three (3) years expiring May 31, 2001", "commencing on ... and
#: concluding December 31, 2003": a participle may take its date without "on".
_EXPIRES = re.compile(
    r"(?:(?:expir|terminat|end)(?:e|es|ing)?\s+(?:on|at\s+the\s+close\s+of\s+business\s+on)|"
    r"(?:expiring|ending|concluding)(?:\s+on)?|"
    rf"{_AGREEMENT}[^.]{{0,160}}?(?:through|until)|term[^.]{{0,60}}?effective\s+date\s+through)\s+",
    re.I,
)
#: An agreement with no fixed end: its term runs "until terminated", "indefinitely", "in
#: perpetuity". Its expiration date is then ``perpetual`` (none to compute or to diarise).
_OPEN_ENDED = re.compile(
    rf"(?:{_AGREEMENT}|\bterm\s+of\s+{_AGREEMENT})[^.;]{{0,120}}?\b(?:shall|will)\s+"
    r"(?:continue|remain|be\s+in\s+effect|end|run)[^.;]{0,60}?"
    r"\b(?:indefinitely|perpetual(?:ly)?|in\s+perpetuity|until\s+(?:it\s+is\s+)?terminated|"
    r"when\s+terminated)\b",
    re.I,
)
OBLIGATIONS = 7  # the cue of how long obligations last
STRONG_TERM = 7  # the first cues state the agreement's own term; later ones its obligations


def _date_after(
    text: str, cue: re.Pattern[str], order: DateOrder, window: int = 70
) -> dt.date | None:
    for m in cue.finditer(text):
        for start, _end, date in find_dates(text[m.end() : m.end() + window], order):
            if start <= 25:
                return date
            break
    return None


def _expiration(text: str, order: DateOrder, start: dt.date | None) -> dt.date | None:
    """The first date printed as the end of the agreement that falls after its start (a
    date before the start belongs to another clause: a notice deadline, an earlier deal)."""
    for m in _EXPIRES.finditer(text):
        for begin, _end, date in find_dates(text[m.end() : m.end() + 60], order):
            if begin <= 25 and (start is None or date > start):
                return date
            break
    return None


#: Where the operative part of an agreement begins, after its preamble and recitals.
_OPERATIVE = re.compile(
    r"\bNOW,?\s+THEREFORE\b|\bagrees?\s+as\s+follows\b|\bIT\s+IS\s+(?:HEREBY\s+)?AGREED\b",
    re.IGNORECASE,
)
_OF_AGREEMENT = re.compile(r"\b(?:agreement|term|nda|contract)\b", re.IGNORECASE)


def _effective_date(text: str, order: DateOrder) -> tuple[dt.date, float] | None:
    """The date the agreement takes effect. A date "effective" in the recitals is an
    earlier event (a prior agreement, the day employment ends), not this one's start."""
    head = text[:PREAMBLE]
    recitals = find_recitals(head)
    if recitals is not None:
        lo, hi = recitals
        head = head[:lo] + " " * (hi - lo) + head[hi:]  # positions kept
    for m in _EFFECTIVE_DEFINED.finditer(head):
        dates = list(find_dates(head[max(0, m.start() - 80) : m.start()], order))
        if dates:
            return dates[-1][2], 0.9
    # Past the preamble, "effective <date>" dates one obligation ("employs Employee as CEO
    # effective July 1, 2007") unless its sentence speaks of the agreement or its term, or
    # the date is labelled "Effective Date: ...".
    operative = _OPERATIVE.search(head)
    for m in _EFFECTIVE.finditer(head):
        labelled = "date" in m.group(0).casefold()
        if operative is not None and m.start() > operative.start() and not labelled:
            sentence = re.split(r"(?<=[a-z)])\.\s", head[max(0, m.start() - 200) : m.start()])[-1]
            if not _OF_AGREEMENT.search(sentence):
                continue
        for start, _end, date in find_dates(head[m.end() : m.end() + 70], order):
            if start <= 25:
                return date, 0.85
            break
    return None


def _agreement_date(text: str, order: DateOrder) -> dt.date | None:
    head = text[:PREAMBLE]
    if (date := _date_after(head, _DATED, order)) is not None:
        return date
    # a letter agreement: the date heading the letter
    for start, _end, date in find_dates(head[:700], order):
        return date if start < 700 else None
    return None


#: "Date: 7/21/2015", "Dated: January 27, 2016" by the signatures at the end.
_SIGNED_ON = re.compile(r"\b(?:date|dated|signed\s+on)\s*:\s*", re.IGNORECASE)
SIGNATURES = 3000


def _signing_date(text: str, order: DateOrder) -> dt.date | None:
    """The day the last party signed (when an agreement states no date of its own, it
    takes effect once signed by all): the latest date written next to a "Date:" by the
    signatures at the end."""
    tail = text[-SIGNATURES:]
    if not re.search(r"/s/|\bBy:|signature|IN\s+WITNESS", tail, re.IGNORECASE):
        return None
    dates = [
        date
        for m in _SIGNED_ON.finditer(tail)
        for start, _end, date in find_dates(tail[m.end() : m.end() + 40], order)
        if start <= 3
    ]
    return max(dates, default=None)


def _term(text: str, section: bool = False) -> tuple[str, str, bool] | None:
    """The term, the text it was read from, and whether it is the agreement's own term
    (rather than how long its obligations last). In the agreement's section on its term
    (``section``) a period is its own unless the sentence times obligations."""
    for m in _ANNIVERSARY.finditer(text):
        # an anniversary of the termination is how long obligations survive it
        after = text[m.end() : m.end() + 40]
        if _SURVIVAL.search(m.group(0)) or _OF_END.match(after):
            continue
        return format_duration(_NTH.index(m.group("nth").lower()) + 1, "year"), m.group(0), True
    for rank, cue in enumerate(_TERM_CUES):
        for m in cue.finditer(text):
            window = text[m.end() : m.end() + 200]
            window = re.split(r"(?<=[a-z)])\.\s", window, maxsplit=1)[0]  # this sentence
            # "upon thirty (30) days written notice" is a notice period, not the term
            d = next(
                (d for d in DURATION.finditer(window) if not _NOTICE_NEXT.match(window, d.end())),
                None,
            )
            # a period of a covenant (not to solicit, hire, buy shares) is not the term,
            # whether the covenant is named before or after the period in its sentence
            before = re.split(r"(?<=[a-z)])\.\s", text[max(0, m.start() - 150) : m.start()])[-1]
            if d is None or _NOT_TERM.search(before + window):
                continue
            if parsed := parse_duration(d.group(0)):
                raw = text[m.start() : m.end() + d.end()]
                own = rank < STRONG_TERM or (section and rank != OBLIGATIONS)
                return format_duration(*parsed), raw, own
    return None


def _notice_period(text: str) -> tuple[str, str] | None:
    """How long before the end notice must be given (the first period stated with it)."""
    for pattern in _NOTICE:
        for m in pattern.finditer(text):
            d = DURATION.search(m.group("d"))
            if d is not None and (parsed := parse_duration(d.group(0))):
                return format_duration(*parsed), m.group(0).strip()
    return None


#: A numeric date whose first number cannot be a month (25/12/2020): written day first.
_DAY_FIRST = re.compile(
    r"(?<![\d/.-])(1[3-9]|2\d|3[01])[/.-](0?[1-9]|1[0-2])[/.-](?:\d{4}|\d{2})(?!\d)"
)


def _date_order(text: str, order: DateOrder, law: str | None) -> DateOrder:
    """A contract governed by the law of a region that writes dates month first (a US
    state) is read month first, unless one of its own dates is plainly day first."""
    if law is not None and law.casefold() in vocabulary().mdy_regions:
        if _DAY_FIRST.search(text) is None:
            return "mdy"
    return order


class ContractExtractor:
    doc_type = "contract"

    def score(self, record: Record) -> float:
        return type_scores(reading_for(record)).get(self.doc_type, 0.0)

    def extract(self, record: Record) -> Mapping[str, Field]:
        reading = reading_for(record)
        text = " ".join(reading.text.split())
        law = find_governing_law(text)
        order = _date_order(text, reading.date_order, law[0] if law else None)
        fields: dict[str, Field] = {}
        if parties := find_contract_parties(text, find_signatories(reading.text)):
            fields["parties"] = Field(parties, 0.7, "text")
        agreement = _agreement_date(text, order)
        if agreement is not None:
            fields["agreement_date"] = Field(agreement.isoformat(), 0.7, "text")
        elif (signed := _signing_date(text, order)) is not None:
            # an agreement that states no date of its own is dated by its signatures
            fields["agreement_date"] = Field(signed.isoformat(), 0.5, "text", raw="signed")
        effective = _effective_date(text, order)
        if effective is None and (
            stated := stated_start(text, order) or labelled_start(text, order)
        ):
            effective = stated, 0.8
        if effective is not None:
            fields["effective_date"] = Field(effective[0].isoformat(), effective[1], "text")
        elif agreement is not None:  # an agreement takes effect when made, unless it says
            fields["effective_date"] = Field(agreement.isoformat(), 0.55, "text")
        elif (signed := _signing_date(text, order)) is not None:
            fields["effective_date"] = Field(signed.isoformat(), 0.5, "text", raw="signed")
        if law:
            fields["governing_law"] = Field(law[0], 0.8, "text", raw=law[1][-300:])
        # the term's own section first: the same words elsewhere time an obligation
        sections = clause_sections(text, "term")
        term = next(filter(None, (_term(s, True) for s in sections)), None) or _term(text)
        if term is not None:
            fields["term"] = Field(term[0], 0.7, "text", raw=term[1])
        if renewal := find_renewal(text, term[0] if term is not None and term[2] else None):
            fields["renewal_term"] = Field(renewal, 0.6, "text")
        start = effective[0] if effective else agreement
        expires = next(
            filter(None, (_expiration(section, order, start) for section in sections)), None
        ) or _expiration(text, order, start)
        if (
            expires is None
            and (end := labelled_end(text, order))
            and (start is None or end > start)
        ):
            expires = end
        if expires is not None:
            fields["expiration_date"] = Field(expires.isoformat(), 0.75, "text")
        elif (
            start is not None and term is not None and term[2] and (end := add_term(start, term[0]))
        ):
            fields["expiration_date"] = Field(
                end.isoformat(), 0.5, "computed", raw=f"{start.isoformat()} + {term[0]}"
            )
        elif (term is None or not term[2]) and (open_ended := _OPEN_ENDED.search(text)):
            fields["expiration_date"] = Field("perpetual", 0.6, "text", raw=open_ended.group(0))
        if notice := _notice_period(text):
            fields["notice_period"] = Field(notice[0], 0.5, "text", raw=notice[1])
        return fields
