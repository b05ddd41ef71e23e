"""A quote's validity written as a period ("valid for 30 days", "valid for thirty (30)
days", "Angebot gültig 4 Wochen", "30 Tage gültig", "offre valable 3 mois"): the last
valid day is computed from the issue date, months as calendar months.

The field is marked ``source="computed"`` with the phrase it was computed from in ``raw``,
so that people and the review page can tell it from a printed date.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from dateutil.relativedelta import relativedelta

from intake.extractors.extraction.confusion import fold_pattern
from intake.extractors.extraction.fields.dates import DateOrder, find_dates
from intake.extractors.extraction.labels import LABELS, LabelSet, label_set
from intake.extractors.extraction.layout import Layout
from intake.extractors.extraction.vocabulary import longest_first, vocabulary
from intake.record import Box, Field

__all__ = ["computed_valid_until", "dated_in_text", "labelled_period"]

#: the number, in figures, or in words with its figures after it ("thirty (30)")
_N = r"(?:[^\W\d_]+(?:-[^\W\d_]+)?\s*\(\s*)?(?P<n>\d{1,3})(?:\s*\)|\.(?!\d))?"
_MAX_DAYS = 3 * 366


def _any(patterns: list[str]) -> str:
    return "|".join(longest_first(patterns)) or "(?!)"


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(a validity phrase worded before its period, one worded after, a period alone),
    from the packs' ``[validity]`` tables: a word that says a quote holds, the words
    that may stand between it and its period, then the period ("Validez del
    presupuesto: 15 días"); or the period before a word that says so ("30 Tage
    gültig"). Folded for OCR's letter confusions ("giltig" read for "gültig", "dias"
    for "días")."""
    words = vocabulary().validity
    unit = "|".join(f"(?P<{kind}>{_any(words.get(kind, []))})" for kind in ("day", "week", "month"))
    period = rf"{_N}\s*(?:{unit})(?![\w])"
    # an elided article ("dell'") runs into the next word
    between = rf"(?:[\s:,]*(?:{_any(words.get('between', []))})(?:(?<=['’])|(?![\w])))*"
    before = rf"(?<![\w])(?:{_any(words.get('before', []))})(?![\w]){between}[\s:,]*{period}"
    after = rf"{period}\s*(?:{_any(words.get('after', []))})(?![\w])"

    def compiled(pattern: str) -> re.Pattern[str]:
        return re.compile(fold_pattern(pattern), re.IGNORECASE)

    return compiled(before), compiled(after), compiled(period)


def _period(m: re.Match[str]) -> relativedelta:
    """The period ``m`` matched: months are calendar months ("3 mois" from 3 February
    is 3 May)."""
    n = int(m.group("n"))
    if m.group("week"):
        return relativedelta(weeks=n)
    if m.group("month"):
        return relativedelta(months=n)
    return relativedelta(days=n)


def computed_valid_until(text: str, issue_date: str | None) -> Field | None:
    """The last valid day of a quote whose text gives its validity as a period, counted
    from ``issue_date`` (ISO); None without either."""
    if (issued := _issued(issue_date)) is None:
        return None
    flat = " ".join(text.split())
    before, after, _ = _patterns()
    found = [m for m in (before.search(flat), after.search(flat)) if m is not None]
    return _until(issued, min(found, key=lambda m: m.start())) if found else None


#: what may stand between a validity's label and its date in a sentence ("valid until:
#: 17th October 2025", "valid until the 17th October")
_TO_DATE = re.compile(r"[\s:,]*(?:the\s+)?", re.IGNORECASE)


def dated_in_text(text: str, order: DateOrder, issue_date: str | None) -> Field | None:
    """The last valid day a sentence states with a strong validity label right before it
    ("This quotation is valid until 17th October 2025."): running text holds no label
    for the layout to read, but the words and their date say what a label would. A day
    before the issue date is none."""
    flat = " ".join(text.split())
    issued = _issued(issue_date)
    labels = _validity_labels()
    for m in labels.pattern.finditer(flat):
        if labels.weight(m) < 1.0:  # the full label alone ("valid until"), no weaker one
            continue
        start = _TO_DATE.match(flat, m.end())
        after = flat[start.end() if start else m.end() :][:40]
        found = next(find_dates(after, order), None)
        if found is not None and found[0] == 0 and (issued is None or found[2] > issued):
            return Field(found[2].isoformat(), 0.7, "layout", raw=flat[m.start() : m.end() + 40])
    return None


@cache
def _validity_labels() -> LabelSet:
    return label_set(LABELS.get("valid_until", []))


def _issued(issue_date: str | None) -> dt.date | None:
    """The quote's date (ISO, a time after it ignored), or None."""
    try:
        return dt.date.fromisoformat(str(issue_date)[:10]) if issue_date else None
    except ValueError:
        return None


def _until(issued: dt.date, m: re.Match[str], box: Box | None = None) -> Field | None:
    """The last valid day ``m``'s period after ``issued``, within reason."""
    until = issued + _period(m)
    if 0 < (until - issued).days <= _MAX_DAYS:
        return Field(until.isoformat(), 0.7, "computed", box, m.group(0))
    return None


def labelled_period(layout: Layout, issue_date: str | None) -> Field | None:
    """The last valid day of a quote whose validity label has a period for its value, on
    its line or under it in a grid of labels over values ("Validez" over "30 días"),
    counted from ``issue_date``."""
    if (issued := _issued(issue_date)) is None:
        return None
    for hit in layout.labels("valid_until"):
        for cell in (layout.right_of(hit), next(layout.below(hit, max_lines=1), None)):
            if cell is not None and (m := _patterns()[2].fullmatch(cell.text.strip(" :."))):
                return _until(issued, m, cell.box)
    return None
