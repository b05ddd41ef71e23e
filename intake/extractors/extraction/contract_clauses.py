"""Dates a contract states in its clauses rather than its preamble.

Two conventions, each holding across agreements whatever their trade:

* A summary of the agreement's period labels its dates ("Effective Date: January 1,
  2019", "Termination Date: December 31, 2023", "Expiration Date: ..."): a label that
  names the start or the end of the agreement followed at once by a date. A label that
  is part of a sentence ("the Effective Date shall mean ...") is not followed by a colon.
* The clause on the term says when the agreement itself takes effect ("This Agreement
  shall be effective as of November 1, 2002", "This Agreement shall come into force as of
  January 1, 2013"): the subject is the agreement, the verb its taking effect, and the
  date follows the cue. It stands in the Term section, often far from the preamble.
"""

from __future__ import annotations

import datetime as dt
import re

from intake.extractors.extraction.fields.dates import DateOrder, find_dates

__all__ = ["labelled_end", "labelled_start", "stated_start"]

_START_LABEL = re.compile(r"\b(?:effective|commencement|start)\s+date\s*:\s*", re.IGNORECASE)
_END_LABEL = re.compile(r"\b(?:termination|expiration|expiry|end)\s+date\s*:\s*", re.IGNORECASE)
_STATED = re.compile(
    r"\b(?:this|the)\s+(?:agreement|contract)\s+(?:shall|will|is\s+to)\s+"
    r"(?:be(?:come)?\s+effective|come\s+into\s+(?:force|effect)|enter\s+into\s+(?:force|effect)|"
    r"take\s+effect)\s+(?:as\s+of|on|from)\s+(?:the\s+)?",
    re.IGNORECASE,
)
#: How far after its cue a date may begin ("as of the 1st day of ...").
_NEAR = 3


def _first_date(text: str, cue: re.Pattern[str], order: DateOrder) -> dt.date | None:
    for m in cue.finditer(text):
        for start, _end, date in find_dates(text[m.end() : m.end() + 60], order):
            if start <= _NEAR:
                return date
            break
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
