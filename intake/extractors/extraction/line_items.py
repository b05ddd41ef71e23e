"""Line items: tables found by their header row, columns inferred from the header words.

A header is a line naming at least two column roles (description, code, quantity, unit,
unit price, amount) in the words of any vocabulary pack (``[columns]``), one of them
numeric. Each word of
the rows below is assigned to the column whose span (extended to the middle of the gap to
its neighbours) holds the word's centre, so right-aligned numbers wider than their header
still land in the right column. A row with a number in a numeric column is an item; a
text-only row right under an item continues its description. The table ends at a totals
row, a wide vertical gap, or the end of the page; a header repeated on the next page
starts the next part. Quantity x unit price = amount raises an item's confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from intake.extractors.extraction.analysis import Reading
from intake.extractors.extraction.confusion import fold_pattern
from intake.extractors.extraction.fields.dates import find_dates
from intake.extractors.extraction.fields.money import find_amounts, format_money
from intake.extractors.extraction.layout import Line
from intake.extractors.extraction.line_arithmetic import check_item, row_numbers
from intake.extractors.extraction.vocabulary import vocabulary
from intake.record import Box, Field, Word

__all__ = ["LineItems", "find_line_items"]

_VOCABULARY = vocabulary()
#: The column roles, in the order a header's words are given to them (the first role
#: whose words match a span takes it: "Gesamtpreis" is an amount before it is a price).
ROLE_ORDER = (
    "amount",
    "unit_price",
    "tax_rate",
    "quantity",
    "unit",
    "delivery_date",
    "code",
    "description",
    "position",
)


def _header_words(role: str) -> re.Pattern[str]:
    patterns = _longest_first(_VOCABULARY.columns.get(role, [])) or ["(?!)"]
    alternation = "|".join(fold_pattern(p) for p in patterns)
    # a header word stands between non-letters; OCR's specks ("Pos_", "‘Qty") do not join it
    return re.compile(rf"(?<![^\W_])(?:{alternation})(?![^\W_])", re.I)


def _longest_first(patterns: list[str]) -> list[str]:
    return sorted(dict.fromkeys(patterns), key=len, reverse=True)


#: role -> the header words of every vocabulary pack (``[columns]``)
ROLES: dict[str, re.Pattern[str]] = {role: _header_words(role) for role in ROLE_ORDER}
NUMERIC = {"quantity", "unit_price", "amount"}
_TEXT_ROLES = {"description", "code", "position", "unit", "delivery_date"}
_STOP = re.compile(
    r"^(?:" + "|".join(_longest_first(_VOCABULARY.columns.get("table_end", []))) + r")\b",
    re.I,
)
#: What a word must hold to be read on a scan: a letter, a digit or a sign that means
#: something in a table (currency, percent). OCR reads specks of dust, the remains of a
#: table's rules and the grain of the paper as ".", "_", "|", "—", ";" or "‘": not words;
#: or as a letter or two it is hardly sure of ("oe", "a"): below this confidence, a word
#: of at most two letters and no digit is a speck too.
_MEANT = re.compile(r"[^\W_]|[$€£¥%#&]")
SPECK_CONFIDENCE = 0.3
#: The marks OCR sticks onto either end of a code ("‘DL-7001", "KX-4410.").
_SPECK = "‘’'\"`.,;:|_~—–-"


@dataclass
class Column:
    role: str
    x0: float
    x1: float
    lo: float = 0.0
    hi: float = 0.0


@dataclass
class _Item:
    cells: dict[str, list[Word]] = field(default_factory=dict)
    extra: list[str] = field(default_factory=list)
    page: int = 1

    def text(self, role: str) -> str:
        return " ".join(w.text for w in self.cells.get(role, []))


@dataclass(frozen=True)
class LineItems:
    items: list[dict[str, Any]]
    checked: int  # items whose quantity x unit price equals their amount
    line_sum: Decimal | None

    def field(self) -> Field | None:
        if not self.items:
            return None
        confidence = 0.5 + 0.45 * self.checked / len(self.items)
        return Field(self.items, round(confidence, 3), "layout")


def _header_roles(line: Line) -> list[Column]:
    """The roles a line names, one per word span, or [] if it is not a header."""
    columns: list[Column] = []
    for cell in line.cells:
        if re.search(r"\d[.,]\d", cell.text):
            return []
        text = cell.text
        taken: list[tuple[int, int]] = []
        for role, pattern in ROLES.items():
            for m in pattern.finditer(text):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                if role == "unit" and re.match(
                    r"\s*(?:price|cost|preis|prix)", text[m.end() :], re.I
                ):
                    continue
                taken.append((m.start(), m.end()))
                box = cell.span_box(m.start(), m.end())
                columns.append(Column(role, box.x0, box.x1))
    roles = {c.role for c in columns}
    if len(roles) < 2 or not roles & NUMERIC or len(columns) > 9:
        return []
    columns.sort(key=lambda c: c.x0)
    if "description" not in roles:  # "Item | Qty | Rate | Amount": the item is described
        for c in columns:
            if c.role == "code":
                c.role = "description"
                break
    # one column per role: the first (left-most) mention wins
    seen: set[str] = set()
    unique = []
    for c in columns:
        if c.role not in seen:
            seen.add(c.role)
            unique.append(c)
    return unique


def _bounds(columns: list[Column], width: float) -> None:
    for i, c in enumerate(columns):
        c.lo = 0.0 if i == 0 else (columns[i - 1].x1 + c.x0) / 2
        c.hi = width if i == len(columns) - 1 else (c.x1 + columns[i + 1].x0) / 2


def _assign(columns: list[Column], words: list[Word]) -> dict[str, list[Word]]:
    """Each word to its column. A long description runs on past the middle of the gap to
    a numeric column; a word there without a digit still belongs to the text on its left
    (as long as it starts left of the numeric column's header), and so does a number
    inside that text: it ends before the header starts, and the text runs on both sides
    of it without a column's gap ("... 160 mm centres"; a column's numbers sit under its
    header, and a number that ends a text may be a price printed beside it)."""
    out: dict[str, list[Word]] = {}
    prev: Word | None = None
    prev_role = ""
    for k, w in enumerate(words):
        after = words[k + 1] if k + 1 < len(words) else None
        centre = (w.x0 + w.x1) / 2
        for i, c in enumerate(columns):
            if c.lo <= centre < c.hi:
                left = columns[i - 1] if i else None
                if (
                    left is not None
                    and c.role in NUMERIC
                    and left.role in ("description", "code")
                    and w.x0 < c.x0
                    and (
                        not any(ch.isdigit() for ch in w.text)
                        or (
                            w.x1 <= c.x0
                            and prev_role == left.role
                            and _glued(prev, w)
                            and after is not None
                            and after.x0 < c.x0
                            and _glued(w, after)
                        )
                    )
                ):
                    c = left
                out.setdefault(c.role, []).append(w)
                prev, prev_role = w, c.role
                break
    return out


def _glued(prev: Word | None, w: Word) -> bool:
    """Whether ``w`` follows ``prev`` as the next word of one text (no column's gap)."""
    if prev is None:
        return False
    return w.x0 - prev.x1 <= max(1.2 * (w.bottom - w.top), 7.0)


def _number(text: str, decimal_comma: bool | None) -> Decimal | None:
    found = [
        f for f in find_amounts(text, decimal_comma) if not text[f[1] :].lstrip().startswith("%")
    ]
    if len(found) != 1:
        return None
    return found[0][2]


def _is_item(reading: Reading, cells: dict[str, list[Word]]) -> bool:
    for role in ("amount", "unit_price", "quantity"):
        text = " ".join(w.text for w in cells.get(role, []))
        if text and _number(text, reading.decimal_comma) is not None:
            return True
    return False


def _rows(reading: Reading, header: Line, columns: list[Column]) -> list[_Item]:
    """The items under ``header``; a table that runs to the foot of its page goes on at
    the top of the next page (after its running header) unless a new header starts."""
    layout = reading.layout
    items: list[_Item] = []
    prev_bottom = header.bottom
    page = header.page
    skipped = 0  # lines skipped at the top of a continuation page
    for line in layout.lines[header.index + 1 :]:
        if _header_roles(line):
            break
        if line.page != page:
            if line.page != page + 1 or not items:
                break
            page, prev_bottom, skipped = line.page, 0.0, 0
        scan = line.page in reading.ocr_pages
        words = [w for c in line.cells for w in c.words if not scan or _read(w)]
        if not words:
            continue
        first = next((c.text for c in line.cells if not scan or any(map(_read, c.words))), "")
        if _STOP.match(first.lstrip(_SPECK) if scan else first):
            break
        cells = _assign(columns, words)
        if _is_item(reading, cells):
            gap = line.top - prev_bottom if prev_bottom else 0.0
            numbered = _numbered(reading, cells)
            # a table whose first item prints two numbers or more prints them all so
            full = bool(items) and len(_numbered(reading, items[0].cells)) >= 2
            if items and _amount_below(items[-1], numbered, gap, line.height):
                for role, ws in cells.items():  # the item's amount, wrapped to its 2nd row
                    items[-1].cells.setdefault(role, []).extend(ws)
            elif full and len(numbered) == 1 and "amount" not in numbered:
                pass  # a price or count alone under a full item annotates it (a gross price)
            elif gap > (6.0 if full and len(numbered) >= 2 else 3.5) * max(line.height, 6.0):
                break
            else:
                items.append(_Item(cells, page=line.page))
        elif not prev_bottom:
            skipped += 1  # a running header at the top of a continuation page
            if skipped > 8:
                break
            continue
        elif items and line.top - prev_bottom < 1.6 * max(line.height, 6.0):
            items[-1].extra.append(" ".join(w.text for w in words))
        elif items and line.top - prev_bottom > 3.5 * max(line.height, 6.0):
            break
        elif items:
            continue  # a note between items, a little apart: the table goes on
        prev_bottom = line.bottom
    return items


def _read(word: Word) -> bool:
    """Whether an OCR word is something printed, not a speck (see :data:`_MEANT`)."""
    if not _MEANT.search(word.text):
        return False
    if word.conf >= SPECK_CONFIDENCE or any(ch.isdigit() for ch in word.text):
        return True
    return sum(ch.isalnum() for ch in word.text) > 2


def _numbered(reading: Reading, cells: dict[str, list[Word]]) -> set[str]:
    """The numeric columns of a row that hold a number."""
    return {
        role
        for role in NUMERIC
        if cells.get(role) and _number(" ".join(w.text for w in cells[role]), reading.decimal_comma)
    }


def _amount_below(prev: _Item, numbered: set[str], gap: float, height: float) -> bool:
    """Whether a row whose only number is an amount, right under an item that has none,
    is that item's amount printed on its second row (beside the rest of its text)."""
    if prev.cells.get("amount") or numbered != {"amount"}:
        return False
    return gap < 1.6 * max(height, 6.0)


def _value(reading: Reading, item: _Item, role: str) -> Decimal | None:
    return _number(item.text(role), reading.decimal_comma)


def _to_dict(
    reading: Reading, item: _Item, *, has_price_column: bool = True
) -> tuple[dict[str, Any], bool]:
    qty = _value(reading, item, "quantity")
    price = _value(reading, item, "unit_price")
    amount = _value(reading, item, "amount")
    description = " ".join([item.text("description"), *item.extra]).strip()
    words = [w for ws in item.cells.values() for w in ws]
    code = item.text("code")
    if item.page in reading.ocr_pages:
        code = code.strip(_SPECK)
    out: dict[str, Any] = {
        "description": description,
        "code": code or None,
        "quantity": format(qty.normalize(), "f") if qty is not None else None,
        "unit": item.text("unit") or None,
        "unit_price": format_money(price) if price is not None else None,
        "amount": format_money(amount) if amount is not None else None,
        "box": _box(item.page, words),
    }
    if when := item.text("delivery_date"):
        found = next(find_dates(when, reading.date_order), None)
        if found is not None:
            out["delivery_date"] = found[2].isoformat()
    numbers = row_numbers(  # every column that may hold a number (a rate without its %)
        [w for role, ws in item.cells.items() if role not in _TEXT_ROLES for w in ws],
        reading.decimal_comma,
    )
    checked = check_item(
        out, numbers, has_price_column=has_price_column, scan=item.page in reading.ocr_pages
    )
    return out, checked


def _box(page: int, words: list[Word]) -> dict[str, float] | None:
    if not words:
        return None
    b = Box.around(page, words)
    return {"page": b.page, "x0": b.x0, "top": b.top, "x1": b.x1, "bottom": b.bottom}


def find_line_items(reading: Reading) -> LineItems:
    """Every table of items in the document, in order."""
    items: list[dict[str, Any]] = []
    checked = 0
    for line in reading.layout.lines:
        columns = _header_roles(line)
        if not columns:
            continue
        _bounds(columns, line.page_width)
        priced = any(c.role == "unit_price" for c in columns)
        for raw in _rows(reading, line, columns):
            item, ok = _to_dict(reading, raw, has_price_column=priced)
            items.append(item)
            checked += ok
    amounts = [Decimal(i["amount"]) for i in items if i["amount"] is not None]
    line_sum = sum(amounts, Decimal(0)) if amounts and len(amounts) == len(items) else None
    return LineItems(items, checked, line_sum)
