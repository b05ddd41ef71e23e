"""Where an agreement's end is printed ("shall expire on June 30, 2027", "runs from
January 1, 2020 to December 31, 2020"), or counted: the last day of a month that many
months after the start, or the end of a calendar year. Used by
:mod:`intake.extractors.extraction.contract`; the term's length is :mod:`contract_term`'s."""

from __future__ import annotations

import datetime as dt
import re

from dateutil.relativedelta import relativedelta

from intake.extractors.extraction.contract_clauses import DEFINED_NAME as _DEFINED_NAME
from intake.extractors.extraction.contract_clauses import defined_date
from intake.extractors.extraction.contract_term import AGREEMENT as _AGREEMENT
from intake.extractors.extraction.contract_term import OF_AGREEMENT as _OF_AGREEMENT
from intake.extractors.extraction.contract_term import SENTENCE_END as _SENTENCE_END
from intake.extractors.extraction.contract_term import nth as _nth
from intake.extractors.extraction.fields.dates import DateOrder, find_dates
from intake.extractors.extraction.vocabulary import vocabulary

__all__ = ["find_expiration"]

_VOCABULARY = vocabulary()

#: "shall expire on <date>", "three (3) years expiring May 31, 2001", "commencing on ... and
#: concluding December 31, 2003": a participle may take its date without "on".
#: An hour of the day: "11:59 p.m." (and its time zone, bracketed or not: "(Eastern Time)",
#: "New York City time").
_HOUR = r"\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\.?)?(?:\s*\(?[a-z.\s]{1,30}?\btime\)?)?"
_EXPIRES = re.compile(
    r"(?:(?:expir|terminat|end)(?:e|es|s|ing)?\s+(?:automatically\s+)?"
    # "shall expire at 11:59 p.m. on July 6, 2019"
    rf"(?:at\s+(?:midnight|the\s+close\s+of\s+business|{_HOUR})\s+)?on|"
    r"(?:expiring|ending|concluding)(?:\s+on)?|"
    # an end bounded after an event's: "until the completion of the Services, but in any
    # event not later than May 31, 2022", "until the completion of the Works or 31 March
    # 2023, whichever is the earlier"
    rf"(?:{_AGREEMENT}|\bterm\b)[^.]{{0,160}}?\buntil\b[^.;\d]{{0,80}}?(?:\b(?:not|no)\s+later\s+than|"
    r"\bor(?=\s[^.;]{0,30}?,?\s+whichever\s+(?:is|occurs|shall\s+occur)\s+(?:the\s+)?"
    r"(?:earlier|earliest|sooner|first)\b))|"
    # ("till" as Indian and British drafting write "until": "shall remain valid till ...")
    # (an hour may come first: "until 11:59 p.m. Central Time on March 31, 2022")
    rf"(?:{_AGREEMENT}|\bterm\b)[^.]{{0,160}}?\b(?:through|until|till|up\s+to\s+and\s+including)"
    rf"(?:\s+{_HOUR}\s+on)?|"
    # "The term ... shall run from January 1, 2020 to December 31, 2020": from one date (or
    # the agreement's own start: "from the Effective Date to March 31, 2022") to the next
    rf"(?:{_AGREEMENT}|\bterm\b)[^.]{{0,120}}?\bfrom\s+(?:[^.;]{{0,40}}?\d{{4}},?|the\s+"
    r"effective\s+date|the\s+date\s+(?:hereof|of\s+(?:this|the)\s+agreement))\s+(?:to|till)|"
    r"term[^.]{0,60}?effective\s+date\s+through)\s+",
    re.I,
)

#: "... until the last day of the twenty-fourth (24th) month following the Effective Date":
#: the end of the month that many months after the start's.
_MONTH_END = re.compile(
    rf"(?:{_AGREEMENT}|\bterm\b)[^.]{{0,120}}?\blast\s+day\s+of\s+the\s+"
    # the ordinal in words, in figures, or both (any word where the figures follow)
    rf"(?:(?P<nth>{_VOCABULARY.day_ordinal_pattern}|\d{{1,3}}(?:st|nd|rd|th))\b|[a-z]+(?:-[a-z]+)?)?\s*"
    r"(?:\((?P<fig>\d{1,3})(?:st|nd|rd|th)?\)\s*)?(?:full\s+)?(?:calendar\s+)?month\s+"
    r"(?:following|after)\s+(?:the\s+)?(?:effective\s+date|commencement\s+date|date\s+"
    r"(?:hereof|of\s+this\s+agreement))",
    re.I,
)


def _month_end(text: str, start: dt.date | None) -> tuple[dt.date, str] | None:
    """The end of a term that runs to the last day of a month counted from the start."""
    m = _MONTH_END.search(text)
    if m is None or start is None or not (m.group("fig") or m.group("nth")):
        return None
    months = int(m.group("fig")) if m.group("fig") else _nth(m.group("nth"))
    first = dt.date(start.year, start.month, 1) + relativedelta(months=months + 1)
    return first - dt.timedelta(days=1), m.group(0)


#: "until the end of the calendar year in which the Commencement Date falls", "through the
#: end of the then-current calendar year", "through the end of calendar year 2024": the
#: last day of that year.
_YEAR_END = re.compile(
    rf"(?:{_AGREEMENT}|\bterm\b)[^.]{{0,160}}?\b(?:until|through|to)\s+the\s+end\s+of\s+"
    r"(?:the\s+)?(?:(?P<current>then[-\s]current|current)\s+)?calendar\s+year"
    r"(?:\s+(?P<year>\d{4})\b|\s+in\s+which\s+(?P<what>[^.;]{0,50}?)\s+falls\b)?",
    re.I,
)
#: The agreement's own start, named: "the Commencement Date", "the date hereof".
_START_NAME = re.compile(
    r"\b(?:effective|commencement|start)\s+date\b|\bdate\s+(?:hereof|of\s+this\s+agreement)\b", re.I
)


def _year_end(text: str, order: DateOrder, start: dt.date | None) -> tuple[dt.date, str] | None:
    """The end of a term that runs to the end of a calendar year: the year printed, the
    year a date (or the start) falls in, or the start's ("the then-current")."""
    for m in _YEAR_END.finditer(text):
        what = m.group("what")
        dates = [date for _b, _e, date in find_dates(what, order)] if what else []
        if m.group("year"):
            year = int(m.group("year"))
        elif dates:
            year = dates[0].year
        elif start is not None and (m.group("current") or (what and _START_NAME.search(what))):
            year = start.year
        else:
            continue
        end = dt.date(year, 12, 31)
        if start is None or end > start:
            return end, m.group(0)
    return None


def find_expiration(
    text: str, order: DateOrder, start: dt.date | None
) -> tuple[dt.date, str] | None:
    """The first date printed as the end of the agreement that falls after its start (a
    date before the start belongs to another clause: a notice deadline, an earlier deal),
    with the words it was read from; else the last day of the month (or the calendar year)
    the term runs to."""
    for m in _EXPIRES.finditer(text):
        # the sentence up to the cue (a cue may hold full stops itself: "at 11:59 p.m. on")
        sentence = _SENTENCE_END.split(text[max(0, m.start() - 200) : m.start()])[-1] + m.group(0)
        if not _OF_AGREEMENT.search(sentence):
            continue
        for begin, end, date in find_dates(text[m.end() : m.end() + 60], order):
            if begin <= 25 and (start is None or date > start):
                return date, sentence + text[m.end() : m.end() + end]
            break
        # a defined term where the date would stand: "ends on the Expiry Date"
        the = re.match(r"(?:the\s+)?", text[m.end() :], re.I)
        name = _DEFINED_NAME.match(text, m.end() + (the.end() if the else 0))
        given = defined_date(text, name[0], order) if name is not None else None
        if name is not None and given is not None and (start is None or given > start):
            return given, sentence + name[0]
    return _month_end(text, start) or _year_end(text, order, start)
