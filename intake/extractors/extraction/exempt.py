"""Invoices that charge no tax and say so.

A small business exempt from VAT, or a supply exempt by law, prints a sentence instead of
a tax line: "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet", "TVA non applicable,
art. 293 B du CGI", "VAT exempt". The phrases are data (``no_tax`` in the vocabulary
packs). Where a document says so and no tax was read, its tax is zero and its total is
also its subtotal.
"""

from __future__ import annotations

from intake.extractors.extraction.analysis import Reading
from intake.extractors.extraction.labels import LABELS, compile_labels
from intake.record import Field

__all__ = ["exempt_amounts"]

_PHRASES = compile_labels(LABELS.get("no_tax", []))


def exempt_amounts(reading: Reading, amounts: dict[str, Field]) -> dict[str, Field]:
    """``amounts`` with a zero tax and the total as subtotal, where the document states
    that it charges no tax and neither was read."""
    total = amounts.get("total")
    if total is None or "tax" in amounts:
        return amounts
    if "subtotal" in amounts and amounts["subtotal"].value != total.value:
        return amounts
    if not any(p.search(reading.text) for p, _ in _PHRASES):
        return amounts
    out = dict(amounts)
    out["tax"] = Field("0.00", round(total.confidence * 0.8, 3), "computed", raw="no tax charged")
    out.setdefault(
        "subtotal", Field(total.value, round(total.confidence * 0.8, 3), "computed", raw="total")
    )
    return out
