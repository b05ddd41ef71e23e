"""What a party's name looks like: the text of a cell cleaned to a name, and whether it is
shaped like one (a company's or a person's), not an address line, a label with its value,
a sentence or an identifier."""

from __future__ import annotations

import re

from intake.extractors.extraction.confusion import fold_pattern
from intake.extractors.extraction.layout import NUMBER_WORD
from intake.extractors.extraction.party_labels import form_of_address
from intake.extractors.extraction.postcodes import AFTER_TOWN
from intake.extractors.extraction.vocabulary import vocabulary

__all__ = ["STORE_NO", "clean_name", "name_like", "picture_read"]

_VOCABULARY = vocabulary()
#: a word in lower case: names capitalise theirs but for a particle or two ("of the")
_LOWER_WORD = re.compile(r"(?<![\w.@/-])[^\W\d_A-Z][^\W\d_]{2,}(?![\w.@/-])")
_YEAR = re.compile(r"(?<![\w])(?:19|20)\d\d(?![\w])")
#: a line of this many tokens or more, nearly all of one or two letters, is no name
SPACED = 6
#: a chain's shop number after its name: "QUIKSTOP #2291"
STORE_NO = re.compile(r"(?<=[^\W\d_]{4})\s+#\s?\d{1,5}$")

#: What a name does not hold: contact details, a label of the document's details or its
#: title (the vocabulary packs' ``detail_words`` and titles), a street with a number
#: ("12 Main Street": a name may hold a street's word, "Maple Street Landscaping LLC"),
#: or a town of three words at most and the postcode after it ("Norwich NR3 1AB",
#: "Austin, TX 78701": the address's last line).
_NOT_NAME = re.compile(
    rf"@|www\.|https?:|\b{_VOCABULARY.details_and_titles_pattern}(?![\w])"
    rf"|^\s*[^\W\d_][^\W\d_'.-]*(?:[\s,]+[^\W\d_][^\W\d_'.-]*){{0,2}},?\s+(?-i:{AFTER_TOWN})\s*$"
    rf"|(?=.*\d).*\b{_VOCABULARY.street_pattern}(?![\w])",
    re.IGNORECASE,
)
#: A label, its colon and a value with a digit ("Confirmation n°: AB-2024-118", "Tel: 0301
#: 5561"): a labelled value printed beside the party's label, not a name.
_LABELLED_VALUE = re.compile(r"(?<!\S)[^\W\d_][^\s:]{0,20}:\s*\S*\d")
#: A title a name may be printed beside ("Tax Invoice ACME LTD"): cut from it.
_TITLE_WORDS = re.compile(rf"\b{_VOCABULARY.title_pattern}\b\.?", re.IGNORECASE)
_TITLE_ONLY = re.compile(rf"{_VOCABULARY.title_pattern}\.?", re.IGNORECASE)
#: A currency's code or word alone ("EUR", "Euro"): the value of a currency's label.
_CURRENCY_ONLY = re.compile(rf"{_VOCABULARY.currency_pattern}\.?", re.IGNORECASE)
#: A title right after a word (the title's own qualifier, when that word is all there is).
_QUALIFIES_TITLE = re.compile(rf"\s+{_VOCABULARY.title_pattern}\b", re.IGNORECASE)


#: a legal form, a dash set apart and the words after it
_SITE_AFTER_FORM = re.compile(
    rf"((?<![\w]){fold_pattern(_VOCABULARY.name_end_pattern)}\.?)\s+[-–—]\s+[^\W\d_].*$",
    re.IGNORECASE,
)
#: A registration number in brackets ending a name ("Sdn Bhd (139386 X)", "(524463-X)",
#: a legal form OCR misread before it: "SDN BEIED (139386 X)"): the company's number, no
#: part of its name.
_NUMBER_AFTER = re.compile(r"(\S)\s*[(\[{]\s*[\w~-]*\d{3,}[\w~ -]*[)\]}]?\s*$")
#: A form of address before a firm's name ("M/s.", "Messrs.", "Spett.le"): cut from it.
_FIRM_ADDRESS = re.compile(
    rf"^\s*(?:{'|'.join(_VOCABULARY.firm_address) or '(?!)'})\s+(?=\S)", re.IGNORECASE
)


def clean_name(text: str) -> str:
    """A cell's text as a name: a title printed beside it and a form of address before it
    cut, and nothing where the cell is only a title."""
    text = _FIRM_ADDRESS.sub("", text)
    if _TITLE_ONLY.fullmatch(text.replace(" ", "")):
        return ""  # a title set in spaced capitals, as OCR reads it ("FA CTU R E")
    cut = _TITLE_WORDS.sub(" ", text)
    rest = " ".join(cut.split()).strip(" :,;-|#*")
    if cut != text and NUMBER_WORD.fullmatch(rest):
        return ""  # the label of the document's number ("Invoice No:"), not a name
    if cut != text and " " not in rest and _QUALIFIES_TITLE.match(text, len(rest)):
        return ""  # one word qualifying the title it leads ("OFFICIAL ORDER", "PROFORMA INVOICE")
    # a legal form ends a company's name: what a dash sets after it names one of the
    # company's sites or departments ("Moldes Barreiro, Lda. – Armazém", "Acme GmbH - Werk 2")
    text = _NUMBER_AFTER.sub(r"\1", _SITE_AFTER_FORM.sub(r"\1", rest))
    # the same name twice: two blocks side by side (billing and delivery address) whose
    # first lines OCR ran into one
    words = text.split()
    half = len(words) // 2
    if len(words) >= 4 and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return text


#: a word in small letters, two letters or more
_SMALL_WORD = re.compile(r"(?<![\w.@/-])[^\W\d_A-Z][^\W\d_]+(?![\w.@/-])")


def picture_read(text: str) -> bool:
    """Whether ``text`` is OCR's reading of a picture or a band of colour ("SEA AAR RI EAE
    SIE, DAS I ED PS"): no name runs to six words of three letters or fewer."""
    tokens = text.split()
    return len(tokens) >= SPACED and all(len(t.strip(",.;:")) <= 3 for t in tokens)


def name_like(text: str, *, leading_digit: bool = False, years: bool = False) -> bool:
    """Shaped like a name; ``leading_digit`` allows "7 Star Mart" (with a legal form),
    ``years`` a year among two words or more ("Jane Doe 2020", "Vision 2030 Trust")."""
    text = text.strip()
    if not 2 <= len(text) <= 80 or not re.search(r"[^\W\d_]{2}", text):
        return False
    if _NOT_NAME.search(text) or text.endswith(":") or _LABELLED_VALUE.search(text):
        return False
    if _CURRENCY_ONLY.fullmatch(text) or form_of_address(text):
        return False  # a currency, or a salutation alone ("Exmos. Senhores", "Messrs.")
    lower = len(_LOWER_WORD.findall(text))
    # two-letter words count where the words end in small letters: a sentence's piece
    # ("of Acme's products is"); a name ends in a capital ("van der Berg en Zn")
    small = len(_SMALL_WORD.findall(text)) if text.split()[-1][:1].islower() else lower
    if lower >= 4 or (small >= 3 and 2 * small > len(text.split())):
        # a sentence ("bitte überweisen Sie auf ...", "Sie erreichen uns unter"), not a
        # name: names capitalise their words but for a particle or two ("Bank of the West")
        return False
    if " " not in text and (any(c.isdigit() for c in text) or text.islower()):
        return False  # one token with digits, or in small letters, is an identifier (a login)
    tokens = text.split()
    if len(tokens) >= SPACED and sum(len(t) <= 2 for t in tokens) >= 0.8 * len(tokens):
        return False  # a heading set in spaced letters, as OCR splits it ("P Uu rc h a se")
    if picture_read(text):
        return False
    counted = STORE_NO.sub("", text)  # a chain's shop: "QUIKSTOP #2291"
    if years and len(re.findall(r"[^\W\d_]{2,}", text)) >= 2:
        counted = _YEAR.sub("", counted)
    digits = sum(c.isdigit() for c in counted)
    first = text[0]
    return (
        digits <= max(2, len(text) // 4)
        and (leading_digit or not first.isdigit())
        and (first.isalnum() or first in "&'\"")
    )
