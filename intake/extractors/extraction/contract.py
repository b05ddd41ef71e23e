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
import unicodedata
from collections.abc import Mapping
from typing import Any

from intake.extractors.extraction.analysis import reading_for
from intake.extractors.extraction.classify import type_scores
from intake.extractors.extraction.contract_clauses import (
    clause_sections,
    defined_period,
    labelled_end,
    labelled_start,
    stated_start,
)
from intake.extractors.extraction.contract_ends import find_expiration
from intake.extractors.extraction.contract_languages import cues_for, read_in_language
from intake.extractors.extraction.contract_law import find_governing_law
from intake.extractors.extraction.contract_parties import (
    PREAMBLE,
    find_contract_parties,
    find_recitals,
)
from intake.extractors.extraction.contract_recitals import FIRST_SECTION
from intake.extractors.extraction.contract_renewal import (
    read_renewal,
    renewal_notice,
)
from intake.extractors.extraction.contract_signatures import find_signatories
from intake.extractors.extraction.contract_signing import (
    last_signed_start,
    signing_date,
    starts_at_last_signature,
)
from intake.extractors.extraction.contract_term import (
    OPEN_ENDED,
    Term,
    find_term,
)
from intake.extractors.extraction.fields.dates import DateOrder, add_term, find_dates
from intake.extractors.extraction.fields.terms import DURATION, format_duration, parse_duration
from intake.extractors.extraction.vocabulary import vocabulary
from intake.record import Field, Record

__all__ = ["ContractExtractor"]


_QUOTE = "\"“”'‘’"
_EFFECTIVE = re.compile(
    r"(?:effective|(?:come|comes|came|enter|enters|entered)\s+into\s+(?:force|effect)|"
    r"(?:take|takes)\s+effect|with\s+effect)\s+(?:as\s+of\s+|on\s+|from\s+|date\s*(?:of|is|:)?\s*)?(?:the\s+)?",
    re.IGNORECASE,
)
_DATED = re.compile(
    # (a restated agreement is dated by its restatement: "amended and restated as of ...")
    r"(?:dated|made|entered\s+into|executed|signed|amended\s+and\s+restated)(?:\s+and\s+entered\s+into)?"
    r"\s+(?:as\s+of|on|this|effective\s+as\s+of)?\s*(?:the\s+)?",
    re.IGNORECASE,
)
_EFFECTIVE_DEFINED = re.compile(
    # (an amendment's or a restatement's own: "(the "Restatement Effective Date")")
    rf"\(\s*(?:the\s+|this\s+)?[{_QUOTE}]\s*(?:(?:restatement|amendment)\s+)?effective\s+date"
    rf"\s*[{_QUOTE}]\s*\)",
    re.IGNORECASE,
)
#: "sixty (60) days' prior written notice", "written notice 60 days prior to the end"
_NOTICE = [
    re.compile(
        r"(?P<d>[^.;]{0,30}?)(?:’|'|s)?\s+(?:prior\s+|advance\s+)?(?:written\s+)?notice", re.I
    ),
    re.compile(r"notice\s+(?P<d>[^.;]{0,40}?)\s+(?:prior|before|in\s+advance)", re.I),
]


#: Where the operative part of an agreement begins, after its preamble and recitals.
_OPERATIVE = re.compile(
    r"\bNOW,?\s+THEREFORE\b|\bagrees?\s+as\s+follows\b|\bIT\s+IS\s+(?:HEREBY\s+)?AGREED\b",
    re.IGNORECASE,
)
_OF_AGREEMENT = re.compile(r"\b(?:agreement|term|nda|contract)\b", re.IGNORECASE)


def _stated(local: Mapping[str, tuple[Any, str]], field: str) -> Any:
    """The value an agreement in another language states for ``field``, else None."""
    return local[field][0] if field in local else None


def _effective_date(text: str, order: DateOrder) -> tuple[dt.date, float] | None:
    """The date the agreement takes effect. A date "effective" in the recitals is an
    earlier event (a prior agreement, the day employment ends), not this one's start."""
    head = _without_recitals(text[:PREAMBLE])
    for m in _EFFECTIVE_DEFINED.finditer(head):
        dates = list(find_dates(head[max(0, m.start() - 80) : m.start()], order))
        if dates:
            return dates[-1][2], 0.9
    # Past the preamble, "effective <date>" dates one obligation ("employs Employee as CEO
    # effective July 1, 2007") unless its sentence speaks of the agreement or its term, or
    # the date is labelled "Effective Date: ...".
    starts = [m.start() for m in (_OPERATIVE.search(head), FIRST_SECTION.search(head)) if m]
    operative = min(starts, default=None)
    for m in _EFFECTIVE.finditer(head):
        labelled = "date" in m.group(0).casefold()
        if operative is not None and m.start() > operative and not labelled:
            sentence = re.split(r"(?<=[a-z)])\.\s", head[max(0, m.start() - 200) : m.start()])[-1]
            if not _OF_AGREEMENT.search(sentence):
                continue
        # "... and replaces the services agreement between them effective January 1, 2015":
        # the date of another document, as after "dated"
        if not labelled and not _dates_this(head, m, None):
            continue
        for start, _end, date in find_dates(head[m.end() : m.end() + 70], order):
            if start <= 25 and not _JOINED.search(head, m.end(), m.end() + start):
                return date, 0.85
            break
    return None


#: Words between an "effective" cue and a date that make the date another time's: "the
#: period beginning on the Effective Date and ending on May 4", "effective until the end
#: of June": the date then ends something, it does not start the agreement.
_JOINED = re.compile(r"\b(?:and|or|until|through|to|ending|ends?|expir\w*|terminat\w*)\b", re.I)


#: Another document named with an article ("a Subscription Agreement dated ...", "the
#: Schedule 13G ... dated as of ...", "that certain Lease dated ..."): a date after it dates
#: that document. An agreement's own name takes "this" ("This Agreement, dated ...",
#: "THIS SUPPLY AGREEMENT is made ...") or stands as the title, in capitals.
_OTHER_DOCUMENT = re.compile(
    r"\b(?:[Aa]n?|[Tt]he|[Tt]hat\s+certain|[Ss]uch|[Ss]aid)\s+(?:(?:[A-Z][\w/&.\-]*\s+){1,6}"
    r"(?:Agreement|Contract)|(?:[A-Z][\w/&.\-]*\s+){0,6}(?:Schedule|Statement|Plan|Note|"
    r"Indenture|Lease|Policy|Certificate|Amendment|Form))\b"
)
_THIS_DOCUMENT = re.compile(r"\b(?:this|This|THIS)\b|\b[A-Z]{2,}\s+(?:AGREEMENT|CONTRACT)\b")


_REPLACED = re.compile(r"\b(?:replac|supersed)(?:es|e|ing)\s+(?:the|that|any|all|a|an)\b", re.I)
_EARLIER = re.compile(r"\b(?:originally|initially|previously)\s+$", re.IGNORECASE)


def _dates_this(head: str, cue: re.Match[str], recitals: tuple[int, int] | None) -> bool:
    """Whether a date cue ("dated as of", "made") dates this agreement: not in the
    recitals (they tell of earlier deals), nor after another document it names."""
    if recitals is not None and recitals[0] <= cue.start() < recitals[1]:
        return False
    # "originally entered into as of March 1, 2015": the first version's date, not this one's
    if _EARLIER.search(head, max(0, cue.start() - 20), cue.start()):
        return False
    before = re.split(r"(?<=[a-z)])\.\s", head[max(0, cue.start() - 250) : cue.start()])[-1]
    # what this agreement replaces or supersedes is another document, whatever its name
    other = [m.end() for m in (*_OTHER_DOCUMENT.finditer(before), *_REPLACED.finditer(before))]
    this = [m.end() for m in _THIS_DOCUMENT.finditer(before)]
    return not other or (bool(this) and this[-1] > other[-1])


def _without_recitals(text: str) -> str:
    """``text`` with its recitals blanked out, positions kept."""
    recitals = find_recitals(text[:PREAMBLE])
    if recitals is None:
        return text
    lo, hi = recitals
    return text[:lo] + " " * (hi - lo) + text[hi:]


def _agreement_date(text: str, order: DateOrder) -> dt.date | None:
    head = text[:PREAMBLE]
    recitals = find_recitals(head)
    cued = []  # where the dates after a date cue begin
    for m in _DATED.finditer(head):
        for start, _end, date in find_dates(head[m.end() : m.end() + 70], order):
            if start <= 25:
                if _dates_this(head, m, recitals):
                    return date
                cued.append(m.end() + start)
            break
    # a letter agreement: the date heading the letter (not one that dates another document,
    # nor one the recitals tell of: "WHEREAS, on March 1, 2019 the parties signed a letter
    # of intent" is an earlier event)
    for start, _end, date in find_dates(head[:700], order):
        if start in cued or (recitals is not None and recitals[0] <= start < recitals[1]):
            continue
        return date
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
        # compatibility forms read as their plain letters: a PDF's font may print a
        # semicolon as the Greek question mark, "fi" as a ligature, a space as a wide one
        lines = unicodedata.normalize("NFKC", reading.text)
        text = " ".join(lines.split())
        law = find_governing_law(text)
        order = _date_order(text, reading.date_order, law[0] if law else None)
        fields: dict[str, Field] = {}
        # an agreement in another pack's language: its own cues first
        cues = cues_for(text)
        local = read_in_language(text, order, cues) if cues is not None else {}
        if parties := _stated(local, "parties") or find_contract_parties(
            text, find_signatories(lines), lines
        ):
            fields["parties"] = Field(parties, 0.7, "text")
        agreement = _stated(local, "agreement_date") or _agreement_date(text, order)
        if agreement is not None:
            fields["agreement_date"] = Field(agreement.isoformat(), 0.7, "text")
        elif (signed := signing_date(text, lines, order)) is not None:
            # an agreement that states no date of its own is dated by its signatures
            fields["agreement_date"] = Field(signed.isoformat(), 0.5, "text", raw="signed")
        effective = (local["effective_date"][0], 0.85) if "effective_date" in local else None
        effective = effective or _effective_date(text, order)
        # the term's own section first: the same words elsewhere time an obligation
        sections = clause_sections(text, "term")
        if effective is None and (signed := signing_date(text, lines, order)) is not None:
            if begins := last_signed_start([text[:PREAMBLE], *sections], signed):
                effective = begins, 0.6
            elif starts_at_last_signature(text):
                effective = signed, 0.6
        if effective is None and (
            stated := stated_start(text, order) or labelled_start(text, order)
        ):
            effective = stated, 0.8
        if effective is not None:
            fields["effective_date"] = Field(effective[0].isoformat(), effective[1], "text")
        elif agreement is not None:  # an agreement takes effect when made, unless it says
            fields["effective_date"] = Field(agreement.isoformat(), 0.55, "text")
        elif (signed := signing_date(text, lines, order)) is not None:
            fields["effective_date"] = Field(signed.isoformat(), 0.5, "text", raw="signed")
        law = local.get("governing_law") or law
        if law:
            fields["governing_law"] = Field(law[0], 0.8, "text", raw=law[1][-300:])
        in_sections = (find_term(section, True, text) for section in sections)
        # the recitals tell of earlier deals: "a Distribution Agreement dated as of January 1,
        # 2017, which by its terms expires on December 31, 2021" ends that one, not this
        body = _without_recitals(text)
        term = next(filter(None, in_sections), None) or find_term(body, context=text)
        if term is None and (period := defined_period(body)):
            term = Term(period[0], period[1], True, period[2])
        if "term" in local:
            term = Term(local["term"][0], local["term"][1], True, True)
        if term is not None:
            fields["term"] = Field(term.value, 0.7, "text", raw=term.raw)
        stated = _stated(local, "renewal_term")
        renewal = (
            (stated, False)
            if stated
            else read_renewal(text, term.value if term is not None and term.own else None)
        )
        if renewal is not None:
            fields["renewal_term"] = Field(renewal[0], 0.6, "text")
            if renewal[1]:  # a party's option to renew: the contract ends unless it is taken
                fields["renewal_by_option"] = Field("yes", 0.6, "text")
        start = effective[0] if effective else agreement
        expires = next(
            filter(None, (find_expiration(section, order, start) for section in sections)), None
        ) or find_expiration(body, order, start)
        if "expiration_date" in local and (start is None or local["expiration_date"][0] > start):
            expires = local["expiration_date"]
        if (
            expires is None
            and (end := labelled_end(text, order))
            and (start is None or end > start)
        ):
            expires = end, "labelled"
        if expires is not None:
            fields["expiration_date"] = Field(expires[0].isoformat(), 0.75, "text", raw=expires[1])
        elif (
            start is not None
            and term is not None
            and term.own
            and term.fixed
            and (end := add_term(start, term.value))
        ):
            # a computed end says so in its source, with the sum it was computed from
            fields["expiration_date"] = Field(
                end.isoformat(), 0.5, "computed", raw=f"{start.isoformat()} + {term.value}"
            )
        elif (term is None or not term.own or not term.fixed) and (
            open_ended := OPEN_ENDED.search(text)
        ):
            fields["expiration_date"] = Field("perpetual", 0.6, "text", raw=open_ended.group(0))
        elif "open_ended" in local and (term is None or not term.own):
            fields["expiration_date"] = Field("perpetual", 0.6, "text", raw=local["open_ended"][1])
        # the notice that stops a renewal is the one its own sentence gives
        if notice := local.get("notice_period") or renewal_notice(text) or _notice_period(text):
            fields["notice_period"] = Field(notice[0], 0.5, "text", raw=notice[1])
        return fields
