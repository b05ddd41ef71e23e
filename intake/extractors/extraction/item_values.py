"""One row of a line-item table as the item's values: its columns' text and numbers,
the notes under it joined to its description, what the rows under it take off its amount,
all checked by quantity x unit price = amount (:mod:`.line_arithmetic`). Used by
:mod:`intake.extractors.extraction.line_items`, which finds the tables and their rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from intake.extractors.extraction.analysis import Reading
from intake.extractors.extraction.fields.dates import find_dates
from intake.extractors.extraction.fields.money import format_money
from intake.extractors.extraction.line_arithmetic import (
    Discount,
    check_item,
    discounts,
    row_numbers,
)
from intake.extractors.extraction.table_rows import (
    AGAIN,
    OTHER,
    SPECK,
    Item,
    counted_unit,
    value_of,
)
from intake.record import Box, Field, Word

__all__ = ["TEXT_ROLES", "LineItems", "in_item_rows", "item_values", "set_smaller"]

#: the columns that hold text, not numbers
TEXT_ROLES = {"description", "code", "position", "unit", "delivery_date", "date", OTHER}
#: a label of a few words, its colon and a value of one or two words: a detail's row
_DETAIL = re.compile(r"\s*[^\W\d_][\w.\-/ ]{0,24}?\s*:\s*\S+(?:\s+\S+)?\s*")
#: a line under an item set at most this share of the item's type size is its note
NOTE_SIZE = 0.85
#: what a column of running numbers holds: "3", "30", "1.2", "2.1.4"
_RUNNING = re.compile(r"\d{1,4}(?:\.\d{1,3})*\.?")


def position_code(text: str) -> str:
    """The code in a number column's cell: a bare "No." or "Nr." heads the items' running
    numbers in some layouts and their article numbers in others (Business Central's
    "Nr."); a value that is no running number ("1.4301-BL2", "FRACHT", "400123") is the
    item's code, a running number ("3", "1.2") none."""
    text = text.strip()
    return "" if not text or _RUNNING.fullmatch(text) else text


def set_smaller(words: list[Word], item: Item) -> bool:
    """Whether a text layer's line under ``item`` is set in smaller type than the item's
    row: a note under it ("Lieferdatum: 05.05.2025"), not its description wrapped (which
    keeps its size). Word boxes are one em tall there; OCR's follow the letters' shapes,
    so a scan's lines are not compared."""
    own = [w.bottom - w.top for ws in item.cells.values() for w in ws]
    return bool(own and words) and max(w.bottom - w.top for w in words) < NOTE_SIZE * max(own)


def set_bolder(words: list[Word], item: Item) -> bool:
    """Whether a line of text under ``item`` is set in bold where the item's description is
    not: a section's heading over the next items ("Labor & Services"), not the description
    wrapped (which keeps its face). Only a text layer says a word's face."""
    own = item.cells.get("description", [])
    return bool(own and words) and all(w.bold for w in words) and not any(w.bold for w in own)


def item_values(
    reading: Reading, item: Item, *, has_price_column: bool = True
) -> tuple[dict[str, Any], bool]:
    """An item row's values (description, code, quantity, unit, prices, its box, a
    delivery date), repaired by its arithmetic; and whether that holds."""
    qty = value_of(reading, item, "quantity")
    price = value_of(reading, item, "unit_price")
    amount = value_of(reading, item, "amount")
    if amount is not None and item.less:
        amount += sum(item.less, Decimal(0))  # net of the discount rows under it
    # a labelled detail on a row of its own under the item ("SE_ID: 542668", "Lieferdatum:
    # 21.03.2025") is a property of it, not its description
    extra = [e for e in item.extra if not _DETAIL.fullmatch(e)]
    description = " ".join([item.text("description"), *extra]).strip()
    words = [w for ws in item.cells.values() for w in ws]
    code = item.text("code") or position_code(item.text("position"))
    if item.page in reading.ocr_pages:
        code = code.strip(SPECK)
    out: dict[str, Any] = {
        "description": description,
        "code": code or None,
        "quantity": format(qty.normalize(), "f") if qty is not None else None,
        "unit": (counted[1] if (counted := counted_unit(item.cells)) else item.text("unit"))
        or None,
        "unit_price": format_money(price) if price is not None else None,
        "amount": format_money(amount) if amount is not None else None,
        "box": _box(item.page, words),
    }
    # a line's own date ("Date", "Service Date") is the day it was supplied
    if when := item.text("delivery_date") or item.text("date"):
        found = next(find_dates(when, reading.date_order), None)
        if found is not None:
            out["delivery_date"] = found[2].isoformat()
    numbers = row_numbers(  # every column that may hold a number (a rate without its %)
        [w for role, ws in item.cells.items() if role.rstrip(AGAIN) not in TEXT_ROLES for w in ws],
        reading.decimal_comma,
    )
    checked = check_item(
        out,
        numbers,
        has_price_column=has_price_column,
        scan=item.page in reading.ocr_pages,
        offs=_offs(reading, item),
    )
    return out, checked


def _offs(reading: Reading, item: Item) -> list[Discount]:
    """What an item's amount may be net of: the sums the rows under it take off, else
    the rates they give (or none: the amount may be before them), else its discount
    column's."""
    if item.less:
        return [(Decimal(1), -sum(item.less, Decimal(0)))]
    if item.rates:
        factor = Decimal(1)
        for rate in item.rates:
            factor *= 1 - rate / 100
        return [(factor, Decimal(0)), (Decimal(1), Decimal(0))]
    return discounts(item.text("discount"), reading.decimal_comma)


def _box(page: int, words: list[Word]) -> dict[str, float] | None:
    if not words:
        return None
    b = Box.around(page, words)
    return {"page": b.page, "x0": b.x0, "top": b.top, "x1": b.x1, "bottom": b.bottom}


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


def in_item_rows(box: Box, items: list[Any]) -> bool:
    """Whether ``box`` lies inside the box of one of ``items`` (read from a table)."""
    middle = (box.top + box.bottom) / 2
    return any(
        isinstance(i, dict)
        and isinstance(b := i.get("box"), dict)
        and b["page"] == box.page
        and b["top"] - 1 <= middle <= b["bottom"] + 1
        and b["x0"] - 1 <= box.x0 <= b["x1"] + 1
        for i in items
    )


#: a description's leading number, apart from its words: a position number run into it
_LEADING_NUMBER = re.compile(r"(\d{1,4})\.?\s+(?=\S)")


def strip_positions(items: list[dict[str, Any]]) -> None:
    """Position numbers read into the descriptions: where every item's description begins
    with its running number (1, 2, 3 ... or 10, 20, 30 ...) and a space, the table's
    position column stood under the description's heading ("Item Description" read as one
    heading): the numbers are cut from the descriptions. One description beginning with a
    number ("2 x cables") is its own."""
    heads = [_LEADING_NUMBER.match(item.get("description") or "") for item in items]
    if len(items) < 2 or not all(heads):
        return
    numbers = [int(m.group(1)) for m in heads if m]
    step = numbers[1] - numbers[0]
    if step not in (1, 10) or numbers[0] != step:
        return
    if any(b - a != step for a, b in zip(numbers, numbers[1:], strict=False)):
        return
    for item, m in zip(items, heads, strict=True):
        if m:
            item["description"] = item["description"][m.end() :]
