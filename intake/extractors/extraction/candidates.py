"""Candidates for a field's value, how they are found beside labels, and how the best is
chosen. Parsers turn the text of a cell into a normalised value (or refuse it)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from intake.extractors.extraction.analysis import Reading
from intake.extractors.extraction.fields.dates import find_dates
from intake.extractors.extraction.fields.idents import clean_id, looks_like_id
from intake.extractors.extraction.fields.money import CURRENCY_CODES
from intake.extractors.extraction.fields.ocr_dates import find_ocr_dates
from intake.extractors.extraction.labels import LABELS, compile_labels
from intake.extractors.extraction.layout import Cell, Hit
from intake.extractors.extraction.postcodes import AFTER_TOWN
from intake.extractors.extraction.vocabulary import vocabulary
from intake.record import Box, Field

__all__ = [
    "Candidate",
    "Parsed",
    "best",
    "cell_dates",
    "find_date",
    "find_id",
    "labelled",
    "parse_date_cell",
    "parse_id",
    "street_line",
]


@dataclass(frozen=True)
class Candidate:
    value: Any
    score: float
    box: Box | None
    raw: str


Parsed = tuple[Any, Box, str]
Parser = Callable[[Reading, Cell, float], Parsed | None]

BELOW = 0.8  # a value under its label is a little less sure than one beside it


def labelled(
    reading: Reading,
    field: str,
    parse: Parser,
    *,
    pages: int | None = 2,
    max_below: int = 3,
) -> Iterator[Candidate]:
    """Values found beside a label (score = label weight) or below it (less). A weak
    label's word inside a cell's text, neither leading it nor closed by a colon, is
    content ("Maintenance contract" describing an item), not a label."""
    layout = reading.layout
    own = field == "own_date"  # the issue date's labels but the order's date's
    date = "issue_date" if own else field
    others = _other_date_labels(date) if date in _DATES else []
    for hit in layout.labels(date, pages=pages):
        if own and any(p.fullmatch(hit.match.group(0)) for p in _order_dates()):
            continue
        if (hit.weight < WEAK and _inside(hit)) or _ends_sentence(hit):
            continue
        if others and _another_label_follows(hit, others):
            continue  # "... 30 days of invoice date: due 14-05-2025": the due date's
        yield from _around(reading, hit, parse, max_below)


#: The fields a date is read for: a date's label followed at once by another's ("invoice
#: date: due 14-05-2025") gives that other label its value.
_DATES = ("issue_date", "due_date", "valid_until", "delivery_date")


@cache
def _order_dates() -> list[re.Pattern[str]]:
    """The labels of an order's date ("Order Date", "Data ordine")."""
    return [p for p, _ in compile_labels(LABELS.get("order_date", []))]


@cache
def _other_date_labels(field: str) -> list[re.Pattern[str]]:
    """The labels of every date field but ``field`` (distractors left out)."""
    return [
        p
        for name in _DATES
        if name != field
        for p, weight in compile_labels(LABELS.get(name, []))
        if weight > 0
    ]


def _another_label_follows(hit: Hit, others: list[re.Pattern[str]]) -> bool:
    """Whether another date's label stands right after the label, in its own cell, before
    any figure: the value that follows is that label's."""
    rest = hit.cell.text[hit.match.end() :].lstrip(" :.-")
    return bool(rest) and not rest[0].isdigit() and any(p.match(rest) for p in others)


#: Under this weight a label word is a label only where it leads its cell or ends in a colon.
WEAK = 0.6


def _inside(hit: Hit) -> bool:
    text = hit.cell.text
    return bool(text[: hit.match.start()].strip()) and not text[
        hit.match.end() :
    ].lstrip().startswith(":")


def _ends_sentence(hit: Hit) -> bool:
    """Whether the label's words end a sentence ("Thank you for your order.", "Bedankt
    voor uw bestelling."): two words or more before them in their cell and its full stop
    after them. What a sentence names has no value beside or below it."""
    text = hit.cell.text
    before, after = text[: hit.match.start()], text[hit.match.end() :].strip()
    return len(before.split()) >= 2 and after in (".", "!")


#: a cell that opens with its own label: words (no digit) closed by a colon, then more
_OWN_LABEL = re.compile(r"\s*(?:[^\W\d_][^\s:\d]*\s+){0,4}[^\W\d_][^\s:\d]*\s*:\s*\S")


#: a label's second half, in another language, after a slash: words without figures up
#: to the value ("/ No de BC ", "/ Date de facture : ")
_OTHER_HALF = re.compile(
    r"\s*/\s*(?:(?:[^\W\d_][^\s\d]*\.?\s+){1,4}(?=[^\s:]*\d)|[^\d/]{2,40}?:\s*)"
)
#: one word in small letters
_QUALIFIER = re.compile(r"(?-i:[a-zß-öø-ÿ]{3,})")


def _around(reading: Reading, hit: Hit, parse: Parser, max_below: int) -> Iterator[Candidate]:
    layout = reading.layout
    right = layout.right_of(hit)
    if right is not None and right.line == hit.cell.line and right.x0 < hit.cell.x1:
        # the rest of the label's cell is a word in small letters that qualifies the label
        # ("Fecha de entrega prevista"): its value is in the next cell
        if _QUALIFIER.fullmatch(right.text.strip(" :")):
            right = layout.next_cell(hit.cell)
        elif right is not None and (other := _OTHER_HALF.match(right.text)):
            # a label in two languages ("PO No. / No de BC  URD-25-0733"): the value
            # follows its second half
            right = right.tail(other.end())
    if right is not None and (got := parse(reading, right, hit.weight)) is not None:
        yield Candidate(got[0], hit.weight, got[1], got[2])
        return
    for distance, cell in enumerate(layout.below(hit, max_lines=max_below)):
        if _OWN_LABEL.match(cell.text) or cell.text.rstrip().endswith(":"):
            # "Due date: Oct 3, 2025" under a date's label: that label's value; "Sold To:"
            # alone: the values under it are its own
            return
        if (got := parse(reading, cell, hit.weight)) is not None:
            yield Candidate(got[0], hit.weight * BELOW * 0.9**distance, got[1], got[2])
            return


def best(candidates: Iterable[Candidate], source: str = "layout") -> Field | None:
    """The value with the highest summed score; agreement between labels raises it."""
    totals: dict[Any, float] = {}
    top: dict[Any, Candidate] = {}
    for c in candidates:
        key = c.value
        if key in top:  # found again under another label: a little surer
            totals[key] = max(totals[key], c.score) + 0.1
        else:
            totals[key] = c.score
        if key not in top or c.score > top[key].score:
            top[key] = c
    if not totals:
        return None
    key = max(totals, key=lambda k: (totals[k], top[k].score))
    c = top[key]
    confidence = min(0.98, 0.35 + 0.5 * min(totals[key], 1.25))
    return Field(c.value, round(confidence, 3), source, c.box, c.raw)


# --- identifiers --------------------------------------------------------------------------

#: a house number (after a lot's or a unit's word, "Lot 3"), a word or three, and a street's
#: word: an address line
_STREET_LINE = re.compile(
    rf"\s*(?:{vocabulary().street_pattern}\.?\s+)?\d+[a-z]?\s+(?:[^\W\d_]+\s+){{0,3}}"
    rf"{vocabulary().street_pattern}\.?(?![\w])",
    re.IGNORECASE,
)


#: a town and the postcode printed after it, ending the cell ("Mona Vale NSW 2103"): an
#: address's last line beside a number's label, no number
_TOWN_LINE = re.compile(rf"[^\W\d_]{{2,}},?\s+(?-i:{AFTER_TOWN})\s*$", re.IGNORECASE)


def street_line(text: str) -> bool:
    """Whether ``text`` begins with a street's address ("910 SE Oak St", "12 Main Road",
    "Lot 3 Windsor Rd")."""
    return _STREET_LINE.match(text) is not None


_ID_TOKEN = re.compile(r"[A-Za-z0-9][\w\-/.]*[A-Za-z0-9]|[0-9]")
_ID_PREFIX = re.compile(r"(?<![\w])([A-Z]{2,4})\s+$")
#: the word a tax or registration number follows (the packs' ``tax_words`` and
#: ``address_stops``: "VAT", "GST", "KvK", "BTW")
_TAX_ID = re.compile(vocabulary().words("tax_words", "address_stops"), re.IGNORECASE)
_NOT_ID_WORDS = re.compile(
    r"^(?:date|datum|page|seite|of|von|de|du|the|and|und|et|y|en|nr|no|number|total|amount|"
    r"tel|fax|phone|email|vat|tax|iban|bic|swift|qty|rev|revision)$",
    re.IGNORECASE,
)


#: a page's number ("Page 1 of 2", "Seite 2/3": the packs' ``[columns] page`` words),
#: under a title or beside a label: no document's number
_PAGE_COUNT = re.compile(rf"\s*{vocabulary().column_words('page')}\.?\s*\d", re.IGNORECASE)


def parse_id(reading: Reading, cell: Cell, weight: float) -> Parsed | None:
    """The first identifier-like token at the start of ``cell``: it has a digit, is not a
    date or an amount; weak labels need a longer one. A street's line ("14 Dock St", a
    block's address beside the label) and a page's number hold none."""
    text = cell.text
    if _STREET_LINE.match(text) or _TOWN_LINE.search(text) or _PAGE_COUNT.match(text):
        return None
    for m in _ID_TOKEN.finditer(text):
        if m.start() > 14:
            return None
        token = clean_id(m.group(0))
        if _NOT_ID_WORDS.match(token):
            continue
        if _MISREAD_WORD.fullmatch(token) and any(w.conf < 1.0 for w in cell.words):
            continue  # on a scan, a word in small letters with one digit is a word misread
        if not looks_like_id(token):
            if any(c.isdigit() for c in token):
                return None
            continue
        if parse_dates_in(reading, token) or (weight < 0.5 and len(token) < 4):
            return None
        if _in_date(reading, text, m.start()):
            return None  # the day of a date written out ("28 de junio", "April 26, 2025")
        start = m.start()
        if prefix := _ID_PREFIX.search(text, 0, m.start()):  # "PO 0077", "INV 2024/0118"
            if _TAX_ID.fullmatch(prefix.group(1)):
                return None  # a tax or registration number ("GST 118-402-556", "BTW …")
            if prefix.group(1).upper() not in CURRENCY_CODES:
                token, start = f"{prefix.group(1)} {token}", prefix.start(1)
        if any(w.conf < 1.0 for w in cell.words):
            token = _ZERO_FOR_O.sub("O", token)
            if _DOLLAR_FOR_S.search(text, 0, start) and _LETTERS_FIRST.match(token):
                token, start = f"S{token}", start - 1
        return token, cell.span_box(start, m.end()), text[start : m.end()]
    return None


#: a word in small letters with one digit among them ("tributac4o"): numbers are printed
#: in digits and capitals, and OCR reads a letter of a word as a digit now and then
_MISREAD_WORD = re.compile(r"[^\W\d_A-Z]{2,}\d[^\W\d_A-Z]+")
#: On a scan, a zero that begins a number's letter prefix is the letter O OCR read as a
#: digit ("0C2024/15930" for "OC2024/15930"): a prefix of capitals, then the digits.
_ZERO_FOR_O = re.compile(r"^0(?=[A-Z]{1,3}[-/]?\d)")
#: and a dollar sign right before such a prefix, at the start of a word, is its S ("$O-51472"
#: for "SO-51472"): a currency sign stands before an amount, never before letters
_DOLLAR_FOR_S = re.compile(r"(?:^|(?<=\s))\$$")
_LETTERS_FIRST = re.compile(r"[A-Z]{1,3}[-/]?\d")


def _in_date(reading: Reading, text: str, at: int) -> bool:
    """Whether the character at ``at`` of ``text`` is part of a date."""
    return any(start <= at < end for start, end, _ in find_dates(text, reading.date_order))


def parse_dates_in(reading: Reading, text: str) -> bool:
    return next(find_dates(text, reading.date_order), None) is not None


#: How much less a date repaired from an OCR misreading is trusted than one read as printed:
#: a date read as printed anywhere on the page outweighs it.
REPAIRED = 0.5


def cell_dates(reading: Reading, cell: Cell) -> Iterator[tuple[int, int, dt.date, float]]:
    """The dates in ``cell`` as (start, end, date, trust): 1.0 for a date read as printed,
    :data:`REPAIRED` for one repaired from OCR misreadings (on OCR pages only)."""
    if cell.page in reading.ocr_pages:
        for start, end, date, repaired in find_ocr_dates(cell.text, reading.date_order):
            yield start, end, date, REPAIRED if repaired else 1.0
    else:
        for start, end, date in find_dates(cell.text, reading.date_order):
            yield start, end, date, 1.0


def parse_date_cell(reading: Reading, cell: Cell, weight: float) -> Parsed | None:
    """A date at (or near) the start of ``cell``."""
    for start, end, date, _trust in cell_dates(reading, cell):
        if start <= 14:
            return date.isoformat(), cell.span_box(start, end), cell.text[start:end]
        return None
    return None


def find_id(reading: Reading, field: str) -> Field | None:
    return best(labelled(reading, field, parse_id))


def find_date(reading: Reading, field: str) -> Field | None:
    return best(labelled(reading, field, parse_date_cell))
