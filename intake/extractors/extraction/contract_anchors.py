"""What a contract's term runs from, and whether that day is known when it is made.

A term's end can be computed from the agreement's start only when the term runs from
that start. Two drafting conventions tie it to an event instead, whose day no one knows
yet, and then no end is computed:

* the period names what it runs from after it ("two years after the closing", "24 months
  after the Go-Live Date", "three years beginning on its acceptance date");
* the term's start names a day by what happens on it, before or after the period ("shall
  commence on the date the Equipment is delivered to Lessee and continue for sixty (60)
  months", "thirty-six (36) months, beginning on the Service Commencement Date" where
  "The Service Commencement Date is the date on which Provider notifies Client ..."). The
  agreement's own days ("the date hereof", "the date first written above", "the date of
  the last signature", "the Effective Date") are not such events.
"""

from __future__ import annotations

import re

__all__ = ["EVENT", "anchored", "starts_at_event"]

#: What a period runs from ("two years after ..."): an event whose day is not known when
#: the agreement is made (a closing, a sale, a launch, an approval, a notice, the end of
#: something else) leaves the end of the term unknown too.
_FROM = re.compile(
    r"^\W*(?:\)\s*)?(?:after|from|following|of|(?:beginning|commencing|starting)(?:\s+(?:on|"
    r"with|upon))?)\s+(?P<anchor>[^,.;]{0,60})",
    re.I,
)
EVENT = re.compile(
    r"\b(?:termination|expiration|receipt|notice|closing|sale|employment|separation|launch(?:ed)?|"
    r"disclosure|"
    r"upload(?:ed)?|opened|occurrence|delivery|completion|approval|acceptance|first\s+commercial|"
    # a service's first day in use: "24 months after the Go-Live Date"
    r"go-?live|installation|activation|cut-?over|in-service|"
    r"change\s+(?:in|of)\s+control|later\s+of|earlier\s+of)\b",
    re.I,
)
#: A day named by what happens on it: "the date on which Provider notifies Client", "the
#: date the Equipment is delivered", "the day when the Store first opens". ("the date that
#: is two years after" counts a period instead; "the date hereof", "the date first written
#: above" and "the date of ..." are not so.)
_EVENT_DAY = re.compile(
    r"\bthe\s+(?:first\s+)?(?:date|day)\s+(?:(?:on|upon)\s+which|when|that(?!\s+is\b)|"
    r"(?!(?:hereof|herein|first|set|last|written|above|below|of|this|that)\b)"
    r"(?:(?:the|such|each|its)\s+)?[A-Za-z-]+(?:\s+[A-Za-z-]+)?\s+(?:is|are|has|have|shall|will)\b)",
    re.I,
)
#: The day the agreement is signed is its own day, not an event's.
_SIGNED = re.compile(r"\b(?:sign\w*|execut\w*)\b", re.I)
#: A start stated before the period: "shall commence on <the day> and continue for ...".
_STARTS_ON = re.compile(
    r"\b(?:commenc\w*|begin\w*|start\w*)\s+(?:on|upon|with|from|as\s+of)\s+(?P<anchor>[^,.;]{0,90})",
    re.I,
)
#: A defined day as the anchor: "the Service Commencement Date".
_NAMED_DAY = re.compile(r"^(?:the\s+)?(?P<name>(?-i:[A-Z][\w-]*\s+){1,3}(?-i:Date|Day))\b", re.I)
_QUOTES = "\"“”'‘’"


def _event_day(words: str) -> bool:
    return (day := _EVENT_DAY.search(words)) is not None and not _SIGNED.search(words, day.end())


def _is_event(anchor: str, text: str) -> bool:
    """Whether ``anchor`` (what a term runs from) is an event: named as one, a day named by
    what happens on it, or a defined day whose definition in ``text`` is such a day."""
    anchor = re.split(r"\s+(?:and|until|through|to)\s+", anchor, maxsplit=1)[0]
    if EVENT.search(anchor) or _event_day(anchor):
        return True
    named = _NAMED_DAY.match(anchor)
    if named is None or named["name"].casefold().startswith("effective"):
        return False
    definition = re.search(
        rf"[{_QUOTES}]?{re.escape(named['name'])}[{_QUOTES}]?\s+(?:means|shall\s+mean|is|shall"
        r"\s+be)\s+(?P<what>[^.;]{0,120})",
        text,
    )
    return definition is not None and _event_day(definition["what"])


def anchored(after: str, text: str = "") -> bool:
    """Whether a period followed by ``after`` (an anniversary by what it is "of") runs
    from the agreement's start (``text``, the agreement, holds the definitions)."""
    m = _FROM.match(after)
    if m is None:
        return True
    return not _is_event(m.group("anchor"), text or after)


def starts_at_event(before: str, text: str) -> bool:
    """Whether the term's start stated before its period (``before``, the sentence up to
    it) is an event: "shall commence on the date the Equipment is delivered and ..."."""
    return any(_is_event(m["anchor"], text) for m in _STARTS_ON.finditer(before))
