"""A company's name with its legal form: found in a cell's text, and spelled as the
vocabulary has it.

OCR misreads a legal form's letters as look-alike figures ("ACME TRADING 5/8" for "S/B",
"Acme GmbH" as "Acme GrnbH"); the letter fold of :mod:`confusion` finds the form the
misreading stands for, and the name is filed with that form.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from intake.extractors.extraction.confusion import fold_pattern, unfold
from intake.extractors.extraction.layout import Cell
from intake.extractors.extraction.party_names import clean_name, name_like
from intake.extractors.extraction.vocabulary import vocabulary
from intake.record import Box, Word

__all__ = ["LEGAL_END", "LEGAL_FORM", "canonical_form", "legal_names", "unsure"]

_VOCABULARY = vocabulary()
#: Every legal form of the vocabulary packs, folded for OCR's letter confusions ("5dn 8hd").
LEGAL_FORM = fold_pattern(_VOCABULARY.name_end_pattern)
#: a legal form standing as a word of its own (not a hyphen's part: "Co-operative")
LEGAL_END = re.compile(rf"(?<![\w])(?:{LEGAL_FORM})\.?(?![\w])(?!-[^\W\d_])", re.IGNORECASE)
#: OCR confidence (0..1) under which a cell's words are no name
MIN_NAME_CONF = 0.6

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


#: A word of a company name: "Acme", "Électricité", "A.B.C.", "O'Neil", "(UK)", "FOODS/NY)",
#: "(NY" (OCR lost the bracket); with OCR's symbols for letters ("A.8.¥."); one way each.
_TOKEN = r"(?:\(?(?:[^\W_]|&)|\([\w.]*\s[\w. ]{0,18}\))[\w&'’.\-()/¥§|!]*"
#: A short legal form right after a figure is a unit of measure ("sac 25 kg": KG), but
#: after a year ("Brauerei 1516 KG").
_MEASURE = re.compile(r"(?<![\w.,])(?!1[89]\d\d\b|20\d\d\b)\d+(?:[.,]\d+)?\s*[^\W\d_]{1,3}\.?$")

#: words in small letters before a capitalised name: a sentence's, not the name's
#: (two words at least: "name of", "operated by"; one is as often a name's, in a shop's
#: lettering or as OCR read it: "ecosway.com SDN BHD")
_SENTENCE_HEAD = re.compile(r"^(?:[a-zß-öø-ÿ]\S*\s+){2,}(?=[A-ZÀ-ÖØ-Þ])")
#: the words before a company's name on the line that signs for it ("For Acme Ltd")
_SIGNING_FOR = re.compile(
    rf"^(?:{'|'.join(_VOCABULARY.signing_for) or '(?!)'})\s+(?=[^\W\d_])", re.IGNORECASE
)
#: a name ending in a company's word ("Trading", "Group"; no legal form), and the word in
#: small letters after it that goes on with a sentence
_COMPANY_WORD_END = re.compile(rf"\b(?:{'|'.join(_VOCABULARY.company_words)})\.?$", re.I)
_SENTENCE_GOES_ON = re.compile(r"\s+[a-zß-öø-ÿ]{2,}")
#: a legal form written out ("Limited", "Company") takes no abbreviation's stop: the
#: sentence's ("… Supply Limited. Registered in England …")
_FULL_STOP = re.compile(r"(?<![.])\b([^\W\d_]{5,})\.$")
_NAME_BEFORE = re.compile(
    rf"((?:{_TOKEN},?\s+){{0,6}}?(?:{_TOKEN},?\s+)?(?:{LEGAL_FORM})\.?"
    # "Acme Co. (UK) Ltd", "Co., Ltd.", "Redgum Roasting Co Pty Ltd"
    rf"(?:,?\s+(?:\([\w.]{{1,12}}\)\s+)?(?:{LEGAL_FORM})\.?){{0,2}})"
    # a hyphen after it joins a word ("Co-operative") or a number ("SI-204417": a code),
    # and a state's abbreviation before its ZIP code is no legal form ("Fort Collins, CO
    # 80526")
    r"(?![\w])(?!-[^\W_])(?!\s+\d{5}(?:-\d{4})?(?!\d))",
    re.IGNORECASE,
)
#: what every match of the pattern above holds: a cell without it holds no name, found
#: without trying the name's words at every position of the cell
_ANY_FORM = re.compile(rf"(?:{LEGAL_FORM})\.?(?![\w])", re.IGNORECASE)


def unsure(words: Sequence[Word]) -> bool:
    """OCR that is unsure of these words (by length)."""
    size = sum(len(w.text) for w in words) or 1
    return sum(w.conf * len(w.text) for w in words) / size < MIN_NAME_CONF


def legal_names(cell: Cell, *, leading_digit: bool = False) -> list[tuple[str, Box]]:
    """The names with a legal form in ``cell`` ("Acme Supply Ltd"), and their boxes;
    ``leading_digit`` allows a name that begins with a figure ("7 Star Mart Sdn Bhd")."""
    if not _ANY_FORM.search(cell.text):
        return []
    out = []
    offsets = cell.offsets()
    for m in _NAME_BEFORE.finditer(cell.text):
        # the words of a sentence before the name ("… is a trading name of Acme Supply Ltd")
        name = _SIGNING_FOR.sub("", _SENTENCE_HEAD.sub("", clean_name(m.group(1))))
        name = _FULL_STOP.sub(r"\1", name)
        words = [
            w for w, pos in zip(cell.words, offsets, strict=True) if m.start(1) <= pos < m.end(1)
        ]
        if _SENTENCE_GOES_ON.match(cell.text, m.end(1)) and _COMPANY_WORD_END.search(name):
            continue  # "… is a trading name of …": a sentence's word, no name's end
        if (
            not unsure(words)
            and len(name.split()) >= 2
            and name_like(name, leading_digit=leading_digit)
            and LEGAL_END.search(name)
            and not _MEASURE.search(name)
        ):
            out.append((name, cell.span_box(m.start(1), m.end(1))))
    return out
