"""A quote's validity written as a period ("valid for 30 days", "valid for thirty (30)
days", "Angebot gültig 4 Wochen", "30 Tage gültig", "offre valable 3 mois"): the last
valid day is computed from the issue date, months as calendar months.

The field is marked ``source="computed"`` with the phrase it was computed from in ``raw``,
so that people and the review page can tell it from a printed date.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil.relativedelta import relativedelta

from intake.extractors.extraction.confusion import fold_pattern
from intake.extractors.extraction.layout import Layout
from intake.record import Box, Field

__all__ = ["VALID_FOR", "computed_valid_until", "labelled_period"]

#: the number, in figures, or in words with its figures after it ("thirty (30)")
_N = r"(?:[^\W\d_]+(?:-[^\W\d_]+)?\s*\(\s*)?(?P<n>\d{1,3})(?:\s*\)|\.(?!\d))?"
_UNIT = (
    r"(?P<unit>days?|calendar\s*days?|weeks?|months?|tagen?|wochen|monate?n?|jours?|semaines?|"
    r"mois|d[íi]as?|semanas?|mes(?:es)?|dagen|weken|maanden|giorni|settimane|mesi)"
)
#: How quotes say how long they hold, per language: the number and unit are named groups.
VALID_FOR: tuple[str, ...] = (
    rf"valid(?:ity)?\s*(?:for|of|:)?\s*(?:a\s*period\s*of\s*)?{_N}\s*{_UNIT}",
    rf"(?:open|binding)\s*for\s*{_N}\s*{_UNIT}",
    rf"g[üu]ltig(?:keit)?\s*(?:f[üu]r|:)?\s*{_N}\s*{_UNIT}",
    rf"{_N}\s*{_UNIT}\s*g[üu]ltig",
    rf"bindefrist\s*:?\s*{_N}\s*{_UNIT}",
    rf"valable\s*(?:pendant\s*|durant\s*)?{_N}\s*{_UNIT}",
    rf"validit[ée]\s*(?:de\s*l['’]offre\s*)?:?\s*{_N}\s*{_UNIT}",
    rf"v[áa]lid[oa]\s*(?:por|durante)\s*{_N}\s*{_UNIT}",
    rf"validez\s*(?:de\s*la\s*oferta\s*)?:?\s*{_N}\s*{_UNIT}",
    rf"{_N}\s*{_UNIT}\s*geldig",
    rf"geldig\s*(?:gedurende\s*)?{_N}\s*{_UNIT}",
    rf"valid[oa]\s*per\s*{_N}\s*{_UNIT}",
)
#: folded for OCR's letter confusions ("giltig" read for "gültig", "dias" for "días")
_EACH = [re.compile(fold_pattern(p), re.IGNORECASE) for p in VALID_FOR]
_MAX_DAYS = 3 * 366


def _period(n: int, unit: str) -> relativedelta:
    """The period ``n`` ``unit``: months are calendar months ("3 mois" from 3 February is
    3 May)."""
    u = unit.casefold()
    if u.startswith(("week", "woche", "semaine", "semana", "wek", "settiman")):
        return relativedelta(weeks=n)
    if u.startswith(("month", "monat", "mois", "mes", "maand")):
        return relativedelta(months=n)
    return relativedelta(days=n)


def computed_valid_until(text: str, issue_date: str | None) -> Field | None:
    """The last valid day of a quote whose text gives its validity as a period, counted
    from ``issue_date`` (ISO); None without either."""
    if (issued := _issued(issue_date)) is None:
        return None
    flat = " ".join(text.split())
    for pattern in _EACH:
        if (m := pattern.search(flat)) is not None:
            return _until(issued, m)
    return None


def _issued(issue_date: str | None) -> dt.date | None:
    """The quote's date (ISO, a time after it ignored), or None."""
    try:
        return dt.date.fromisoformat(str(issue_date)[:10]) if issue_date else None
    except ValueError:
        return None


def _until(issued: dt.date, m: re.Match[str], box: Box | None = None) -> Field | None:
    """The last valid day ``m``'s period after ``issued``, within reason."""
    until = issued + _period(int(m.group("n")), m.group("unit"))
    if 0 < (until - issued).days <= _MAX_DAYS:
        return Field(until.isoformat(), 0.7, "computed", box, m.group(0))
    return None


#: a period alone in its cell ("30 días", "thirty (30) days")
_PERIOD = re.compile(fold_pattern(rf"{_N}\s*{_UNIT}"), re.IGNORECASE)


def labelled_period(layout: Layout, issue_date: str | None) -> Field | None:
    """The last valid day of a quote whose validity label has a period for its value, on
    its line or under it in a grid of labels over values ("Validez" over "30 días"),
    counted from ``issue_date``."""
    if (issued := _issued(issue_date)) is None:
        return None
    for hit in layout.labels("valid_until"):
        for cell in (layout.right_of(hit), next(layout.below(hit, max_lines=1), None)):
            if cell is not None and (m := _PERIOD.fullmatch(cell.text.strip(" :."))):
                return _until(issued, m, cell.box)
    return None
