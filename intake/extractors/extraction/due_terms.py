"""A due date stated in the payment terms' sentence rather than beside a label.

Payment terms are often written as a sentence: "Zahlbar innerhalb 30 Tagen netto bis
04.07.2018", "Die Rechnung ist zahlbar zum 25.02.2025", "Payable within 14 days by
3 May 2024", "Facture à régler avant le 12/10/2026". The date right after such a phrase
(``due_phrase`` in the vocabulary packs) is when payment is due; the first one counts (a
second is a discount's deadline: "..., 2 % Skonto bis 10.03.2024"). A labelled due date
wins over it.

Terms that give a number of days instead ("Net 30", "zahlbar innerhalb von 14 Tagen",
"paiement à 30 jours", ``due_days``) put the due date that many days after the
document's date, marked ``source="computed"`` with the phrase in ``raw``. Where several
are given, the longest is the net term (a cash discount's is shorter: "2 % Skonto
innerhalb 10 Tagen, 30 Tage netto"); terms counted to a month's end ("30 jours fin de
mois", ``month_end``) give none, as does a document without its own date.
"""

from __future__ import annotations

import datetime as dt

from intake.extractors.extraction.analysis import Reading
from intake.extractors.extraction.candidates import cell_dates
from intake.extractors.extraction.labels import LABELS, compile_labels
from intake.record import Field

__all__ = ["due_in_days", "due_in_terms"]

_PHRASES = compile_labels(LABELS.get("due_phrase", []))
_DAYS = compile_labels(LABELS.get("due_days", []))
_MONTH_END = compile_labels(LABELS.get("month_end", []))
#: the longest payment term read as one (longer numbers of days are something else)
MAX_DAYS = 180
#: how far (characters) after the phrase its date may begin ("bis zum", "le")
NEAR = 4
#: a date read from a sentence is less sure than one beside its label
CONFIDENCE = 0.7
#: and one computed from a number of days less sure still
DAYS = 0.6


def due_in_terms(reading: Reading) -> Field | None:
    """The due date of the first payment-terms sentence that states one."""
    for cell in reading.layout.cells():
        for pattern, _weight in _PHRASES:
            for m in pattern.finditer(cell.text):
                for start, end, date, trust in cell_dates(reading, cell):
                    if m.end() <= start <= m.end() + NEAR and trust == 1.0:
                        box = cell.span_box(start, end)
                        return Field(date.isoformat(), CONFIDENCE, "layout", box, cell.text)
    return None


def due_in_days(reading: Reading, issued: Field | None) -> Field | None:
    """The due date that payment terms in days put after ``issued``, the document's date."""
    if issued is None:
        return None
    terms: list[tuple[int, Field]] = []
    for cell in reading.layout.cells():
        if any(p.search(cell.text) for p, _ in _MONTH_END):
            return None
        for pattern, _weight in _DAYS:
            for m in pattern.finditer(cell.text):
                days = int(next(g for g in m.groups() if g))
                if 0 < days <= MAX_DAYS:
                    due = dt.date.fromisoformat(str(issued.value)) + dt.timedelta(days=days)
                    box = cell.span_box(m.start(), m.end())
                    terms.append((days, Field(due.isoformat(), DAYS, "computed", box, m[0])))
    return max(terms, key=lambda t: t[0])[1] if terms else None
