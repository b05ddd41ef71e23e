"""A due date stated in the payment terms' sentence rather than beside a label.

Payment terms are often written as a sentence: "Zahlbar innerhalb 30 Tagen netto bis
04.07.2018", "Die Rechnung ist zahlbar zum 25.02.2025", "Payable within 14 days by
3 May 2024", "Facture à régler avant le 12/10/2026". The date right after such a phrase
(``due_phrase`` in the vocabulary packs) is when payment is due; the first one counts (a
second is a discount's deadline: "..., 2 % Skonto bis 10.03.2024"). A labelled due date
wins over it.
"""

from __future__ import annotations

from intake.extractors.extraction.analysis import Reading
from intake.extractors.extraction.candidates import cell_dates
from intake.extractors.extraction.labels import LABELS, compile_labels
from intake.record import Field

__all__ = ["due_in_terms", "net_date"]

_PHRASES = compile_labels(LABELS.get("due_phrase", []))
#: how far (characters) after the phrase its date may begin ("bis zum", "le")
NEAR = 4
#: a date read from a sentence is less sure than one beside its label
CONFIDENCE = 0.7
#: a cash discount for early payment ("2 % Skonto", "less 2 % discount"): the packs' words
_CASH_DISCOUNT = compile_labels(LABELS.get("cash_discount", []))


def net_date(reading: Reading, due: Field) -> Field | None:
    """The net date of payment terms that offer a cash discount: "Zahlbar bis 12.04.2025
    mit 2 % Skonto, bis 02.05.2025 netto", "pay by 12/04/2025 less 2 % discount, or by
    02/05/2025 net". The date read as due (the first) is the discount's deadline; the
    latest date of the sentence is when payment is due. None where the terms offer no
    discount (a discount is offered at a rate: "Pas d'escompte", with none, offers none)
    or name no later date."""
    cell = reading.layout.holding(due.box)
    if cell is None or "%" not in cell.text:
        return None
    if not any(p.search(cell.text) for p, _ in _CASH_DISCOUNT):
        return None
    first = str(due.value)
    later = [
        (date.isoformat(), cell.span_box(start, end))
        for start, end, date, trust in cell_dates(reading, cell)
        if trust == 1.0 and date.isoformat() > first
    ]
    if not later:
        return None
    value, box = max(later, key=lambda found: found[0])
    return Field(value, CONFIDENCE, "layout", box, cell.text)


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
