"""The language a scan is written in, told from its first reading: which OCR model reads
its letters.

A scan is read first with the configured model (``INTAKE_OCR_LANG``, English by default).
The English model reads the Latin alphabet, but not the letters other languages add to it:
"Müller" comes out "Muller", "Großhandel" "GroRhandel", "Éditions" "Editions", "Gudenå"
"Gudena". Those are the names a coordinator files and searches for. The words the first
reading did read tell the language: each language pack lists words its documents use
(``language_words``: "Rechnung", "MwSt", "facture", "TVA") and its prose's function words
(its contracts' ``words``: "der", "und", "le", "et"), and names the tesseract model of its
letters (``ocr_model``). Where one language's words are clearly the commonest and its
model is not the one that read the page, the page is read again with that model first
and the configured one beside it (:func:`intake.ingest.stages.language_stage`). Measured
on 60 invented scans in eight languages (quotes, orders, invoices): 16 read right in
every field before, 27 after; the language's model alone read as many, with more
accents kept ("Ferretería") but more codes and dates misread ("2025-0C-118").

Clearly: at least :data:`MIN_HITS` of its words, and more than twice as many as the
configured language's own (a German product name on an English invoice changes
nothing). A language without a model installed leaves the first reading as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from intake.extractors.extraction.vocabulary import vocabulary

__all__ = ["MIN_HITS", "ocr_model_for"]

#: words of one language, at least, before its model reads the page again
MIN_HITS = 3


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    return {
        model: re.compile(rf"(?<![\w])(?:{'|'.join(words)})(?![\w])", re.IGNORECASE)
        for model, words in vocabulary().ocr_models.items()
        if words
    }


def ocr_model_for(words: Iterable[str], configured: str) -> str | None:
    """The tesseract model of the language ``words`` (a first reading's) are written in,
    where it is another than the ``configured`` one(s) ("eng", "eng+deu") and clearly
    the document's; else None."""
    text = " ".join(words)
    hits = {model: len(p.findall(text)) for model, p in _patterns().items()}
    if not hits:
        return None
    best = max(hits, key=hits.__getitem__)
    own = set(configured.split("+"))
    if best in own or hits[best] < MIN_HITS:
        return None
    if hits[best] <= 2 * max((hits.get(m, 0) for m in own), default=0):
        return None
    return best
