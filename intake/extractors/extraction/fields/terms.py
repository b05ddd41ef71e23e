"""Durations in contract language: "two (2) years", "a period of 24 months", "three-year".

Normalised to "<n> years" / "<n> months" / "<n> weeks" / "<n> days"."""

from __future__ import annotations

import re

from intake.extractors.extraction.confusion import DIGIT_FOR

__all__ = ["DURATION", "format_duration", "joined_duration", "parse_duration"]

_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a": 1,
    "an": 1,
}


def _alternatives(values: range) -> str:
    words = (k for k, v in _NUMBERS.items() if v in values and len(k) > 2)
    return "|".join(sorted(words, key=len, reverse=True))


_UNITS, _TENS = _alternatives(range(1, 10)), _alternatives(range(20, 100, 10))
#: Below a hundred: "ninety", "forty-five", "eighteen", "six".
_BELOW_100 = rf"(?:(?:{_TENS})(?:[\s-](?:{_UNITS}))?|{_alternatives(range(1, 20))})"
#: A number in words: "one hundred eighty", "one hundred and twenty", "forty-five", "a".
_WORD = rf"(?:(?:{_UNITS})\s+hundred(?:\s+(?:and\s+)?{_BELOW_100})?|{_BELOW_100}|an?)"
#: A year or month an agreement counts by a name of its own: "four (4) calendar years",
#: "two (2) Contract Years", "one (1) Lease Year" (each as long as a plain one).
_KIND_OF = r"(?:calendar|contract|lease|license|licence)"
#: A duration: "two (2) years", "2 years", "24-month", "three year".
#: (A lone "|", "l" or "I" before a unit is a 1 OCR read as the letter it looks like: the
#: generic fold of 1/l/I/|, where only a number can stand.)
DURATION = re.compile(
    rf"(?<![\w|])(?:(?P<word>{_WORD})\s*(?:\(\s*(?P<paren>\d+)\s*\))?|(?P<num>\d+|[|lI](?=\s+\w))"
    rf"(?:\s*\(\s*{_WORD}\s*\))?)[\s-]*(?P<unit>year|month|week|day|{_KIND_OF}\s+(?:month|year))s?(?![\w])",
    re.IGNORECASE,
)


def _word_value(word: str) -> int | None:
    """The value of a number in words (:data:`_WORD`): "one hundred and twenty" is 120."""
    value = 0
    for part in word.lower().replace("-", " ").split():
        if part == "hundred":
            value *= 100
        elif part in _NUMBERS:
            value += _NUMBERS[part]
        elif part != "and":
            return None
    return value or None


def parse_duration(text: str) -> tuple[int, str] | None:
    """The first duration in ``text`` as (number, unit), e.g. (2, "year")."""
    m = DURATION.search(text)
    if m is None:
        return None
    if m.group("num"):
        n: int | None = int(m.group("num").translate(DIGIT_FOR))
    elif m.group("paren"):
        n = int(m.group("paren"))
    else:
        n = _word_value(m.group("word"))
    if not n or n > 1200:
        return None
    unit = m.group("unit").lower().split()[-1]
    return n, unit


def joined_duration(text: str, d: re.Match[str]) -> tuple[int, str] | None:
    """The duration ``d`` (a :data:`DURATION` match in ``text``) with months joined to its
    years by "and": "two (2) years and six (6) months" is 30 months, not two years."""
    parsed = parse_duration(d.group(0))
    more = re.compile(r"\s+and\s+").match(text, d.end())
    if parsed is None or parsed[1] != "year" or more is None:
        return parsed
    months = DURATION.match(text, more.end())
    extra = parse_duration(months.group(0)) if months else None
    if extra is None or extra[1] != "month":
        return parsed
    return parsed[0] * 12 + extra[0], "month"


def format_duration(n: int, unit: str) -> str:
    return f"{n} {unit}{'s' if n != 1 else ''}"
