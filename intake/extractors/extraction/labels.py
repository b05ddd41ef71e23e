"""Label vocabularies, per field, compiled from the vocabulary packs
(:mod:`intake.extractors.extraction.vocabulary`: English, German, French, Spanish,
Italian, Dutch, Portuguese, Swedish, Danish, Norwegian, Czech, Finnish, Polish and Malay,
plus optional genre packs).

Each entry is (regex, weight): the weight says how surely the label announces the field
(1.0 = unmistakable, lower for generic words such as "Date" or "Total"). A weight of 0
marks a *distractor*: a label that looks like the field's but announces something else
("Alt Order #", "Customer No.", "Net Total"); where it matches, the field's own weaker
patterns do not. Patterns are matched case-insensitively against the text of one cell,
folded for OCR's letter confusions (:func:`~intake.extractors.extraction.confusion.fold_pattern`:
"T0tal" and "Tota1" read as "Total") rather than listing misread words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from intake.extractors.extraction.confusion import fold_pattern
from intake.extractors.extraction.vocabulary import vocabulary

__all__ = [
    "DETAIL_FIELDS",
    "LABELS",
    "TELLING",
    "TITLES",
    "LabelSet",
    "LabelStarts",
    "any_label",
    "compile_labels",
    "first_match",
    "label_set",
    "matches",
]

_VOCABULARY = vocabulary()
#: field -> [(regex, weight)], from every loaded vocabulary pack
LABELS: dict[str, list[tuple[str, float]]] = _VOCABULARY.table("labels")
#: The fields of a document's own details, its numbers and dates: their labels name no
#: party ("Order Number" over its value, "Supplier Number" under "Supplier").
DETAIL_FIELDS = (
    *("invoice_number", "po_number", "quote_number", "order_number", "document_number"),
    *("issue_date", "due_date", "delivery_date", "valid_until", "order_date"),
)
#: The unqualified addressee's labels ("To:", "Aan", "Destinataire", "Spett.le") label the
#: buyer too; on an order its buyer issues they name the supplier (:mod:`parties`).
LABELS["buyer"] = LABELS.get("buyer", []) + LABELS.get("addressee", [])
#: The issuer's labels ("Issued by", "Emisor") label the seller too; on an order its buyer
#: issues they name the buyer (:mod:`order_buyer`).
LABELS["vendor"] = LABELS.get("vendor", []) + LABELS.get("issuer", [])
#: An order's date ("Order date", "Bestelldatum", "Data ordine") is the date of the buyer's
#: order: a purchase order's own date, and on any other document (a confirmation, an
#: invoice) the date of the order it answers. Those date themselves by it only where no
#: label of their own date is found: ``own_date`` reads the issue date's labels but the
#: order's date's (:func:`candidates.labelled`, :mod:`business`).
LABELS["issue_date"] = LABELS.get("issue_date", []) + LABELS["order_date"]
#: Title words: what a document calls itself, strongest evidence of its type.
TITLES: dict[str, list[tuple[str, float]]] = _VOCABULARY.table("titles")
#: Labels that tell a type apart when no title does (each counts once per document).
TELLING: dict[str, list[tuple[str, float]]] = _VOCABULARY.table("telling")
for _table in (TITLES, TELLING):
    for _type in ("invoice", "purchase_order", "order_confirmation", "estimate", "contract"):
        _table.setdefault(_type, [])

#: A document's title followed by a number word labels the document's own number
#: ("PRIJSOPGAVE Nr.", "ORDINE DI ACQUISTO n.", "Proforma-Rechnung Nr."): each title of
#: a type with "{NO}" after it labels that type's number, a little less surely than the
#: packs' own number labels. Only where it begins its cell: a title word qualified by
#: the word before it names someone else's document ("Agency Order #").
OWN_NUMBER = {
    "invoice": "invoice_number",
    "purchase_order": "po_number",
    "estimate": "quote_number",
    "order_confirmation": "order_number",
}
TITLE_NUMBER = 0.9
for _type, _field in OWN_NUMBER.items():
    LABELS.setdefault(_field, []).extend(
        (_VOCABULARY.expand(rf"^\s*(?:{pattern})\s*-?\s*{{NO}}"), TITLE_NUMBER)
        for pattern, weight in TITLES[_type]
        if weight >= 1.0
    )


@dataclass(frozen=True)
class LabelSet:
    """One field's labels as a single regex; ``weights[group]`` is each alternative's
    weight (alternatives are tried strongest first)."""

    pattern: re.Pattern[str]
    weights: dict[str, float]

    def weight(self, match: re.Match[str]) -> float:
        return self.weights[match.lastgroup or ""]


#: A label starts at a word boundary and is not followed by a letter (a digit may follow
#: directly: "N°123456789"), unless it ends in a number sign, which a number's letters may
#: follow as closely ("#INV-000417"); a label whose letters the fold read as digits does
#: not run on into more digits ("ID" is no "10" in "PO-10218"), nor go on from a number's
#: decimal separator ("SO Nr." is no "50 nr" in "10,50 nr"); nor is a word joined to a
#: number by a hyphen a label: it begins a code ("PST-410", an item's, is no tax's label);
#: nor is a word in the possessive: it qualifies the noun after it ("Buyer's Order No."
#: labels the buyer's order, not the buyer).
_BEFORE = r"(?<![\w])(?<!\d[.,])"
_AFTER = r"(?:(?<=[#°º])|(?![^\W\d_]))(?!(?<=\d)\d)(?!-\d)(?![’']s(?![^\W\d_]))"


def _wrap(pattern: str) -> str:
    return rf"{_BEFORE}(?:{fold_pattern(pattern)}){_AFTER}"


def label_set(entries: list[tuple[str, float]]) -> LabelSet:
    ordered = sorted(enumerate(entries), key=lambda e: (-e[1][1] if e[1][1] else 0, e[0]))
    # distractors (weight 0) go first: at one position, "alt order #" beats "order #"
    ordered = [e for e in ordered if e[1][1] == 0] + [e for e in ordered if e[1][1] != 0]
    parts, weights = [], {}
    for i, (_, (pattern, weight)) in enumerate(ordered):
        parts.append(f"(?P<g{i}>{fold_pattern(pattern)})")
        weights[f"g{i}"] = weight
    # The boundaries stand once around the alternation, not in every alternative: the
    # same matches (an alternative whose end fails its boundary backtracks to the next),
    # but inside a word the search fails at once instead of trying every label there.
    alternation = "|".join(parts)
    return LabelSet(re.compile(f"{_BEFORE}(?:{alternation}){_AFTER}", re.IGNORECASE), weights)


def compile_labels(entries: list[tuple[str, float]]) -> list[tuple[re.Pattern[str], float]]:
    """Each (regex, weight) compiled on its own, anchored at word boundaries."""
    return [(re.compile(_wrap(pattern), re.IGNORECASE), weight) for pattern, weight in entries]


def any_label(entries: list[tuple[str, float]]) -> re.Pattern[str]:
    """One pattern that matches wherever one of ``entries`` does (compiled as by
    :func:`compile_labels`): a text it finds nothing in holds none of them."""
    alternation = "|".join(f"(?:{fold_pattern(pattern)})" for pattern, _ in entries)
    return re.compile(f"{_BEFORE}(?:{alternation or '(?!)'}){_AFTER}", re.IGNORECASE)


class LabelStarts:
    """Where any of a list of labels begins in a text, found in one pass. Each label's
    own pattern is then tried there alone (``matches``): the same as searching the
    whole text with each, at the cost of one search instead of one per label."""

    def __init__(self, entries: list[tuple[str, float]]) -> None:
        self._starts = re.compile(f"(?={any_label(entries).pattern})", re.IGNORECASE)

    def __call__(self, text: str) -> list[int]:
        return [m.start() for m in self._starts.finditer(text)]


def first_match(pattern: re.Pattern[str], text: str, starts: list[int]) -> re.Match[str] | None:
    """``pattern.search(text)`` for one of the labels ``starts`` were found for: its match
    at the first of those starts where it matches."""
    return next((m for start in starts if (m := pattern.match(text, start))), None)


def matches(pattern: re.Pattern[str], text: str, starts: list[int]) -> bool:
    """Whether ``pattern`` (one of the labels ``starts`` were found for) matches ``text``."""
    return first_match(pattern, text, starts) is not None
