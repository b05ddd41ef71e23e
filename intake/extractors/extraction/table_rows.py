"""The rows of a line-item table: which are items, which are an item's notes, a free row,
a section's sum, or a speck of OCR; and the numbers they print. Used by
:mod:`intake.extractors.extraction.line_items`, which finds the table and its columns;
where the table ends is :mod:`intake.extractors.extraction.table_end`'s."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from intake.extractors.extraction.analysis import Reading
from intake.extractors.extraction.fields.money import find_amounts
from intake.extractors.extraction.layout import Line
from intake.extractors.extraction.tax_rates import TOL
from intake.record import Word

__all__ = [
    "ONE_WORD",
    "AGAIN",
    "NUMERIC",
    "OTHER",
    "SPECK",
    "SPECK_CONFIDENCE",
    "Column",
    "Item",
    "amount_below",
    "bounds",
    "carried",
    "centred_beside",
    "count_only",
    "deduction",
    "discount_rate",
    "free",
    "is_item",
    "next_position",
    "number_in",
    "numbered",
    "opened",
    "printed",
    "printed_words",
    "sums",
    "value_of",
]

NUMERIC = {"quantity", "unit_price", "amount"}
#: the suffix of a role's second column (see :func:`header_band.band_roles`)
AGAIN = "+"
#: the role of a column whose one-word header names no role ("Rev", "Lot"), right of the
#: item's text: its values are no part of the text, and nothing else reads them
OTHER = "other"
#: a header of one word of letters ("Rev", "Lot", "Batch"), or of two abbreviations
#: joined by a slash or hyphen ("HSN/SAC"): a column of no role
ONE_WORD = re.compile(r"[^\W\d_]{2,12}(?:[/-][^\W\d_]{2,12})?\.?")
#: What a word must hold to be read on a scan: a letter, a digit or a sign that means
#: something in a table (currency, percent). OCR reads specks of dust, the remains of a
#: table's rules and the grain of the paper as ".", "_", "|", "—", ";" or "‘": not words;
#: or as a letter or two it is hardly sure of ("oe", "a"): below this confidence, a word
#: of at most two letters and no digit is a speck too.
_MEANT = re.compile(r"[^\W_]|[$€£¥%#&]")
_LETTER = re.compile(r"[^\W\d_]")
SPECK_CONFIDENCE = 0.3
#: The marks OCR sticks onto either end of a code ("‘DL-7001", "KX-4410.").
SPECK = "‘’'\"`.,;:|_~—–-"


@dataclass
class Column:
    role: str
    x0: float
    x1: float
    lo: float = 0.0
    hi: float = 0.0
    #: where a second header naming the same role starts ("Artikel  Bezeichnung": both
    #: head the item's text), 0 where one header names it
    split: float = 0.0


@dataclass
class Item:
    cells: dict[str, list[Word]] = field(default_factory=dict)
    extra: list[str] = field(default_factory=list)
    page: int = 1
    #: what the rows under it take off its amount (each negative: "Rabatt 10 %  -12,00")
    less: list[Decimal] = field(default_factory=list)
    #: the discount rates the rows under it give, in percent ("Remise de 5 %")
    rates: list[Decimal] = field(default_factory=list)

    def text(self, role: str) -> str:
        return " ".join(w.text for w in self.cells.get(role, []))


def number_in(text: str, decimal_comma: bool | None) -> Decimal | None:
    found = [
        f for f in find_amounts(text, decimal_comma) if not text[f[1] :].lstrip().startswith("%")
    ]
    if len(found) != 1:
        return None
    return found[0][2]


def is_item(reading: Reading, cells: dict[str, list[Word]]) -> bool:
    for role in ("amount", "unit_price", "quantity"):
        text = " ".join(w.text for w in cells.get(role, []))
        if text and number_in(text, reading.decimal_comma) is not None:
            return True
    return False


def count_only(reading: Reading, cells: dict[str, list[Word]], columns: list[Column]) -> bool:
    """Whether a row of a priced table (one with a price or amount column) has a number
    only under the quantity: an item says what it costs, so that number belongs to a note
    or a reference under the item ("Batch: 4711", "Line ref: 2")."""
    if not any(c.role in ("unit_price", "amount") for c in columns):
        return False
    return numbered(reading, cells) == {"quantity"}


def free(reading: Reading, cells: dict[str, list[Word]], numbered: set[str]) -> bool:
    """Whether a row is one of zeros, no item: every price and amount it prints is zero
    and it supplies nothing, no quantity above zero of something described (an empty
    template row, "0  0.00  0.00"). A row that gives a described thing at no charge
    ("Calibration certificate (no charge)  10  0.00  0.00") is an item, as an e-invoice
    lists it among its lines."""
    money = [
        number_in(" ".join(w.text for w in cells[role]), reading.decimal_comma)
        for role in ("unit_price", "amount")
        if role in numbered
    ]
    if not money or any(v != 0 for v in money):
        return False
    counted = counted_unit(cells)
    count = number_in(
        counted[0] if counted else " ".join(w.text for w in cells.get("quantity", [])),
        reading.decimal_comma,
    )
    described = any(ch.isalpha() for w in cells.get("description", []) for ch in w.text)
    return not (described and count is not None and count > 0)


def sums(reading: Reading, items: list[Item], cells: dict[str, list[Word]]) -> bool:
    """Whether a row's only number, an amount, is the sum of the items above it (since the
    table began or the last such sum): a section's total, not an item."""
    amount = number_in(" ".join(w.text for w in cells["amount"]), reading.decimal_comma)
    values = [value_of(reading, item, "amount") for item in items]
    if amount is None or not values or any(v is None for v in values):
        return False
    return sum((v for v in values if v is not None), Decimal(0)) == amount


def deduction(
    reading: Reading,
    cells: dict[str, list[Word]],
    numbered: set[str],
    discount: re.Pattern[str],
    above: Item,
) -> Decimal | None:
    """The sum a row takes off the item ``above`` it: its only number a negative amount,
    its text a discount's word or a percentage ("Rabatt 10 %  -12,00", "less 5% discount");
    the item's amount printed above it is before the discount (a line allowance). Printed
    without its minus (or OCR lost it), the amount is the item's amount times the one
    percentage on the row, and the row names a discount or was scanned ("Dto. 10 %
    172,41" under 1 724,14, where OCR may misread the word too)."""
    if numbered != {"amount"}:
        return None
    value = number_in(" ".join(w.text for w in cells["amount"]), reading.decimal_comma)
    if value is None or value == 0:
        return None
    text = " ".join(w.text for role, ws in cells.items() if role != "amount" for w in ws)
    if value < 0:
        return value if "%" in text or discount.search(text) else None
    base, rate = value_of(reading, above, "amount"), _one_rate(text)
    if base is None or rate is None:
        return None
    if above.page in reading.ocr_pages or discount.search(text):
        return -value if abs(base * rate / 100 - value) <= TOL else None
    return None


def carried(
    reading: Reading,
    cells: dict[str, list[Word]],
    text: str,
    before: Decimal | None,
    words: re.Pattern[str],
) -> bool:
    """Whether a row is the sum a table carries over a page break: its only number an
    amount, and it says so ("Übertrag", "Carried forward", "À reporter": ``words``), or,
    first under a continuation page's header, it is the sum of the items ``before``."""
    if numbered(reading, cells) != {"amount"}:
        return False
    if words.search(text):
        return True
    amount = number_in(" ".join(w.text for w in cells["amount"]), reading.decimal_comma)
    return before is not None and amount == before


_RATE = re.compile(r"(?<![\d.,])(\d{1,2}(?:[.,]\d{1,2})?)\s*%")


def discount_rate(text: str, discount: re.Pattern[str]) -> Decimal | None:
    """The rate of a text row under an item that names a discount and one percentage
    ("Remise de 5 %", "less 10% discount"): the item's amount may be net of it."""
    return _one_rate(text) if discount.search(text) else None


def _one_rate(text: str) -> Decimal | None:
    """The one percentage ``text`` prints ("10 %", "5,5%"), else None (none, or several)."""
    rates = _RATE.findall(text)
    return Decimal(rates[0].replace(",", ".")) if len(rates) == 1 else None


def printed(word: Word) -> bool:
    """Whether an OCR word is something printed, not a speck (see :data:`_MEANT`)."""
    if not _MEANT.search(word.text):
        return False
    if word.conf >= SPECK_CONFIDENCE or any(ch.isdigit() for ch in word.text):
        return True
    return sum(ch.isalnum() for ch in word.text) > 2


def printed_words(words: Sequence[Word]) -> list[Word]:
    """A cell's OCR words that are printed (:func:`printed`), and a dash standing between
    two of its words of letters: a separator in the text ("Copier rental - Model X"), not
    a speck of a rule, which stands apart from words."""
    kept = []
    for k, w in enumerate(words):
        dash = w.text in ("-", "–", "—") and 0 < k < len(words) - 1
        if printed(w) or (dash and all(_LETTER.search(n.text) for n in words[k - 1 : k + 2 : 2])):
            kept.append(w)
    return kept


def numbered(reading: Reading, cells: dict[str, list[Word]]) -> set[str]:
    """The numeric columns of a row that hold a number."""
    return {
        role
        for role in NUMERIC
        if cells.get(role)
        # a zero is a number too (a free item's price): not a missing one
        and number_in(" ".join(w.text for w in cells[role]), reading.decimal_comma) is not None
    }


def amount_below(prev: Item, numbered: set[str], gap: float, height: float) -> bool:
    """Whether a row whose only number is an amount, right under an item that has none,
    is that item's amount printed on its second row (beside the rest of its text)."""
    if prev.cells.get("amount") or numbered != {"amount"}:
        return False
    return gap < 1.6 * max(height, 6.0)


def centred_beside(line: Line, below: list[Line]) -> bool:
    """Whether the row ``below`` (in a list of one, or none) rises into ``line``, its top
    above the line's bottom by a quarter of its height: its cells are centred on a taller
    cell beside them, a description over several lines (HTML tables centre cells so), and
    ``line`` is part of that description. Rows of a table never overlap otherwise."""
    return any(
        b.page == line.page and line.top < b.top < line.bottom - 0.25 * line.height for b in below
    )


#: A quantity with its unit glued on ("5h", "10pcs", "2,5kg"): printed so, or as OCR reads
#: a narrow space.
_QTY_UNIT = re.compile(r"\s*(\d+(?:[.,]\d+)?)([^\W\d_]{1,5}\.?)\s*")
#: a count and its unit in one cell ("40 stk", "2,5 h")
_COUNT_UNIT = re.compile(r"\s*(\d+(?:[.,]\d+)*)\s+([^\W\d_]{1,6}\.?)\s*")


def counted_unit(cells: dict[str, list[Word]]) -> tuple[str, str] | None:
    """The count and the unit a row prints together under the unit's header where no
    column heads the quantity ("Ant.  Enh." read as the unit's alone over "40 stk"): the
    count is the item's quantity, the word its unit."""
    unit = " ".join(w.text for w in cells.get("unit", []))
    if cells.get("quantity") or not (m := _COUNT_UNIT.fullmatch(unit)):
        return None
    return m.group(1), m.group(2)


def _garbled(word: Word, decimal_comma: bool | None) -> bool:
    """Whether an OCR word holds digits that no number read from it covers ("2;257,3F",
    where only "2" reads): a number OCR garbled, whose readable part is not its value."""
    text = word.text
    spans = [(start, end) for start, end, _ in find_amounts(text, decimal_comma)]
    left = "".join(c for i, c in enumerate(text) if not any(a <= i < b for a, b in spans))
    return bool(spans) and any(c.isdigit() for c in left)


def value_of(reading: Reading, item: Item, role: str) -> Decimal | None:
    text = item.text(role)
    if item.page in reading.ocr_pages and any(
        _garbled(w, reading.decimal_comma) for w in item.cells.get(role, [])
    ):
        return None
    if role == "quantity" and (glued := _QTY_UNIT.fullmatch(text)):
        text = glued.group(1)
    if role == "quantity" and (counted := counted_unit(item.cells)):
        text = counted[0]
    value = number_in(text, reading.decimal_comma)
    if value is None and item.cells.get(f"{role}{AGAIN}"):
        return number_in(item.text(f"{role}{AGAIN}"), reading.decimal_comma)
    return value


def opened(item: Item, opening: tuple[dict[str, list[Word]], list[str]] | None) -> Item:
    """``item``, whose numbers row prints no text, with the text of the row that opened it
    (its running number, code and description) and of the rows between."""
    if opening is None or item.cells.get("description"):
        return item
    cells, between = opening
    for role in ("position", "code", "description"):
        if cells.get(role) and not item.cells.get(role):
            item.cells[role] = cells[role]
    item.extra[:0] = between
    return item


def next_position(cells: dict[str, list[Word]], count: int) -> bool:
    """Whether the row's position column holds the running number of the item after the
    ``count`` read ("2" or "20" after one item): items set far apart, each over several
    rows of details, still belong to the table their numbers run through."""
    words = cells.get("position", [])
    if len(words) != 1 or not (text := words[0].text.rstrip(".")).isdigit():
        return False
    if any(w.x0 < words[0].x0 for ws in cells.values() for w in ws):
        return False  # a number inside the row ("LN: 3", a reference), not the one it opens with
    return int(text) in (count + 1, 10 * (count + 1))


def bounds(columns: list[Column], width: float) -> None:
    """Each column's span (``lo``, ``hi``): to the middle of the gap to its neighbours,
    the first from the page's left edge, the last to its right edge."""
    for i, c in enumerate(columns):
        c.lo = 0.0 if i == 0 else (columns[i - 1].x1 + c.x0) / 2
        c.hi = width if i == len(columns) - 1 else (c.x1 + columns[i + 1].x0) / 2
