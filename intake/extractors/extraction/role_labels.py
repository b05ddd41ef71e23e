"""Which label heads a party's block: a supplier's ("Supplier", "Lieferant",
"Fournisseur") or an unqualified addressee's ("To:", "Aan", "Spett.le"), on the name's
line left of it or on the first line above it in its column (:mod:`roles`)."""

from __future__ import annotations

from collections.abc import Callable

from intake.extractors.extraction.labels import LABELS, compile_labels
from intake.extractors.extraction.party_labels import contact_line
from intake.record import Box, Record

__all__ = ["addressed", "headed", "supplier_labelled"]

#: A supplier label ("Supplier", "Lieferant", "Fournisseur"...) on the line of a name or
#: the line above it: that name is the supplier the order is addressed to. A contact
#: person's line ("Attn: ...", "z. Hd. ...") between the two belongs to the block.
_SUPPLIER_LABELS = compile_labels([(p, w) for p, w in LABELS["vendor"] if w >= 0.9])


def supplier_labelled(line: str) -> bool:
    return any(pattern.search(line) for pattern, _ in _SUPPLIER_LABELS)


#: the labels of whoever a document is addressed to, unqualified ("To:", "Aan", "Spett.le")
_ADDRESSEE_LABELS = compile_labels([(p, w) for p, w in LABELS.get("addressee", []) if w > 0])


def addressed(line: str) -> bool:
    """Whether ``line`` is an unqualified addressee's label and nothing more ("To:", not
    "Invoice to:")."""
    text = line.strip()
    return any(p.fullmatch(text) or p.fullmatch(text.rstrip(" :")) for p, _ in _ADDRESSEE_LABELS)


def headed(record: Record, box: Box, labelled: Callable[[str], bool]) -> bool | None:
    """Whether a label (``labelled``) heads the block of the name at ``box``: on its line
    left of it, or on the first line above it in its column that is no contact person's;
    None where the box is on no line of the page."""
    if not 0 < box.page <= len(record.pages):
        return None
    lines = record.pages[box.page - 1].lines
    at = next((i for i, ln in enumerate(lines) if any(w.top <= box.top < w.bottom for w in ln)), -1)
    if at < 0:
        return None
    before = [w.text for w in lines[at] if w.x1 <= box.x0 and w.x0 > box.x0 - 150]
    if before and labelled(" ".join(before)):
        return True
    for line in reversed(lines[max(0, at - 3) : at]):
        text = " ".join(w.text for w in line if w.x0 < box.x1 and w.x1 > box.x0 - 2)
        if text and not contact_line(text):
            return labelled(text)
    return False
