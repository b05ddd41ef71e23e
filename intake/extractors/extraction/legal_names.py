"""A company's name with its legal form spelled as the vocabulary has it.

OCR misreads a legal form's letters as look-alike figures ("ACME TRADING 5/8" for "S/B",
"Acme GmbH" as "Acme GrnbH"); the letter fold of :mod:`confusion` finds the form the
misreading stands for, and the name is filed with that form.
"""

from __future__ import annotations

import re

from intake.extractors.extraction.confusion import fold_pattern, unfold
from intake.extractors.extraction.vocabulary import vocabulary

__all__ = ["canonical_form"]

_PLAIN_FORM = re.compile(vocabulary().name_end_pattern, re.IGNORECASE)
_FOLDED_END = re.compile(
    rf"(?<![\w])({fold_pattern(vocabulary().name_end_pattern)})\.?$", re.IGNORECASE
)


def canonical_form(name: str) -> str:
    """A name whose legal form OCR misread ("ACME TRADING 5/8") with the form spelled as
    the vocabulary has it ("S/B"); the rest of the name as read."""
    m = _FOLDED_END.search(name)
    if m is None or _PLAIN_FORM.fullmatch(m.group(1)):
        return name
    fixed = unfold(m.group(1), _PLAIN_FORM)
    return name if fixed is None else name[: m.start(1)] + fixed + name[m.end(1) :]
