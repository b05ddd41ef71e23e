"""Line items: tables found by their header row, columns inferred from the header words.

A header is a line naming at least two column roles (description, code, quantity, unit,
unit price, amount) in the words of any vocabulary pack (``[columns]``), one numeric, or a
band of such lines stacked tight (:mod:`.header_band`). Each word below goes to the column
whose span (extended to the middle of the gap to its neighbours) holds its centre, so
right-aligned numbers wider than their header land right. A row with a number in a
numeric column is an item unless it charges nothing, sums the section above it, or (in a
priced table) counts only; a text-only row under an item continues its description,
indented notes keep the table going. It ends at a totals row, a wide gap, or the page's
end (not after "Continued": ``carried``); a header on the next page starts the next part.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from intake.extractors.extraction.analysis import Reading
from intake.extractors.extraction.column_roles import (
    DISCOUNT_ABBREVIATION,
    DISCOUNT_ROW,
    ROLES,
    TAX_QUALIFIED,
)
from intake.extractors.extraction.header_band import band_roles, run_together, stacked_header
from intake.extractors.extraction.header_spans import one_text, overlaps
from intake.extractors.extraction.item_notes import across, dates_only, in_text_column, indented
from intake.extractors.extraction.item_values import (
    LineItems,
    item_values,
    set_bolder,
    set_smaller,
    strip_positions,
)
from intake.extractors.extraction.item_words import code_column, code_row, runs_on
from intake.extractors.extraction.layout import Line
from intake.extractors.extraction.line_arithmetic import mend_prices
from intake.extractors.extraction.number_words import goes_with_next, sign_before
from intake.extractors.extraction.party_labels import contact_line
from intake.extractors.extraction.table_end import closes_table, ends_items, section_sum, tax_row
from intake.extractors.extraction.table_rows import (
    AGAIN,
    NUMERIC,
    ONE_WORD,
    OTHER,
    SPECK,
    Column,
    Item,
    amount_below,
    bounds,
    carried,
    centred_beside,
    count_only,
    deduction,
    discount_rate,
    free,
    is_item,
    next_position,
    numbered,
    opened,
    printed,
    printed_words,
    sums,
)
from intake.extractors.extraction.vocabulary import longest_first, vocabulary
from intake.record import Word

__all__ = ["LineItems", "find_line_items", "item_header"]

_VOCABULARY = vocabulary()


def _any_of(name: str, start: str = r"\b", end: str = r"\b") -> re.Pattern[str]:
    return re.compile(rf"{start}{_VOCABULARY.column_words(name)}{end}", re.I)


#: a line that breaks off mid-phrase ("Oak worktop, oiled," "Hinges and") goes on below
_GOES_ON = re.compile(
    rf"(?:[,/+&-]|(?<![\w])(?:{'|'.join(longest_first(_VOCABULARY.name_joiners))}))\s*$", re.I
)
#: a line that says the table goes on over the page ("Carried forward", "Continued on
#: page 2", "À reporter"): the word opens it; inside a description ("survey report",
#: "transport to site") it says nothing of the table
_CARRIED = _any_of("carried", start=r"^\W*")
#: a price word after a unit's ("Unit price", "Unit cost"): the unit price's, not a unit's
_PRICE = _any_of("unit_then_price", start=r"\s*", end="")
_NOTE = _any_of("note", start=r"^\W*", end=r"\s*:")
#: a label's colon with words after it: a value, which no column's header holds
_LABEL_VALUE = re.compile(r"[^\W\d_]:\s*[^\W\d_]+\s+\S")
#: a word in small letters, and how many make a cell a sentence (no column's header)
_SMALL_WORD = re.compile(r"(?<![\w])(?-i:[a-zß-öø-ÿ]){2,}(?![\w])")
SENTENCE = 6
#: a letter or a figure: what a row of text holds ("- - -" fills an empty template row)
_MARK = re.compile(r"[^\W_]")
_STOP = _any_of("table_end", start="^")
#: a running header's page number over a table's continuation ("Seite 2", "Page 2 of 3")
_PAGE = _any_of("page", end=r"\.?\s*\d+\b")


def item_header(reading: Reading, line: Line) -> bool:
    """Whether ``line`` heads a table of items (names two roles or more, one numeric);
    remembered for the reading, as :func:`find_line_items` read it."""
    known: dict[int, bool] = reading.memo.setdefault(_HEADERS, {})
    if line.index not in known:
        known[line.index] = bool(_header_roles(line))
    return known[line.index]


_HEADERS = "item_headers"  # the memo key of the lines known to head (or not) a table


def _header_roles(line: Line, *, last_price: bool = True) -> list[Column]:
    """The roles a line names, one per word span, or [] if it is not a header.
    ``last_price``: a second price header heads the amounts where none does."""
    columns: list[Column] = []
    unnamed: list[Column] = []
    others: list[Column] = []
    for cell in line.cells:
        if re.search(r"\d[.,]\d", cell.text) or contact_line(cell.text):
            return []  # an amount, or an address block's attention line ("At. Ana Gil")
        if _LABEL_VALUE.search(cell.text) or len(_SMALL_WORD.findall(cell.text)) >= SENTENCE:
            # a label and its value ("Amount in words: Rupees Two Lakh …"), or a sentence
            # ("This is not a tax invoice. Tax invoice will be issued …")
            return []
        text = cell.text
        taken: list[tuple[int, int]] = []
        found: list[tuple[int, int, str]] = []
        qualified: list[tuple[int, int]] = []  # the tax words that qualify a heading
        for role, pattern in ROLES.items():
            for m in pattern.finditer(text):
                if overlaps(m, taken):
                    continue
                if role == "unit" and _PRICE.match(text, m.end()):
                    continue
                if role == "tax_rate" and TAX_QUALIFIED.search(text, 0, m.start()):
                    qualified.append((m.start(), m.end()))
                    continue  # "Amount ex GST": the tax word qualifies the heading before it
                taken.append((m.start(), m.end()))
                found.append((m.start(), m.end(), role))
        for start, end in qualified:  # the heading before spans its qualifier too
            if before := [f for f in found if f[1] <= start]:
                k = found.index(max(before, key=lambda f: f[1]))
                found[k] = (found[k][0], end, found[k][2])
        columns += [Column(role, *cell.printed_span(a, b)) for a, b, role in one_text(found, text)]
        if not found and ONE_WORD.fullmatch(text.strip()):
            others.append(Column(OTHER, cell.x0, cell.x1))
        for role, start, end in run_together(text, taken, ROLES):  # "PRECIODESCUENTO"
            columns.append(Column(role, *cell.printed_span(start, end)))
        for m in DISCOUNT_ABBREVIATION.finditer(text):
            if not overlaps(m, taken):
                unnamed.append(Column("discount", *cell.printed_span(m.start(), m.end())))
    roles = {c.role for c in columns}
    if unnamed and "description" in roles and "discount" not in roles:
        # a discount's abbreviation that would head a description ("Desc."), where another
        # header names the description ("Descrição ... Preço  Desc.  IVA"), heads the discount
        columns.append(unnamed[0])
        roles.add("discount")
    # a date heads columns of many rows that are no items ("Date | Due date | Terms"):
    # it counts toward no table's two roles
    if len(roles - {"date"}) < 2 or not roles & NUMERIC or len(columns) > 10:
        return []
    if roles <= {"amount", "tax_rate", "count", "discount"}:
        # "Basis | Rate | Tax amount": the tax breakdown; "Base imponible | % IVA | Total
        # pedido": the totals block laid out as a row; no items, which say what or how many
        return []
    # a one-word header naming no role right of the item's text ("Rev") bounds the text
    if described := next((c for c in columns if c.role == "description"), None):
        columns += [c for c in others if c.x0 > described.x1]
    columns.sort(key=lambda c: c.x0)
    prices = [c for c in columns if c.role == "unit_price"]
    if last_price and len(prices) >= 2 and "amount" not in roles:
        prices[-1].role = "amount"  # "Price per Unit | ... | Net Price": the line's amount
    if "description" not in roles and (codes := [c for c in columns if c.role == "code"]):
        # "Item | Qty | Rate | Amount": the item is described; of two such headings
        # ("Código | Artículo") the later one: a table prints a thing's code before its name
        codes[-1].role = "description"
    # one column per role, the first (left-most) mention's; but counts (ordered, back-
    # ordered) may flank the quantity, a second amount ("Amount | Total": the arithmetic
    # tells price from amount) and a second code ("Art. no. | EAN") keep their columns
    seen: set[str] = set()
    unique: list[Column] = []
    for c in columns:
        if c.role in ("count", "amount", "code") and c.role in seen:
            c.role = f"{c.role}{AGAIN}"
        if c.role == "description" and unique and unique[-1].role == c.role:
            unique[-1].x1, unique[-1].split = c.x1, c.x0  # "Artikel  Bezeichnung"
        elif c.role not in seen or c.role == OTHER:
            seen.add(c.role)
            unique.append(c)
    return unique


def _assign(columns: list[Column], words: list[Word]) -> dict[str, list[Word]]:
    """Each word to its column; a long description's words past the middle of the gap to
    the next column stay with it where :func:`runs_on` says so."""
    out: dict[str, list[Word]] = {}
    prev, prev_role = None, ""
    for k, w in enumerate(words):
        after = words[k + 1] if k + 1 < len(words) else None
        # a number's first group goes with its rest, a currency's sign with its amount
        sign = after is not None and sign_before(w, after)
        near = after if after is not None and goes_with_next(w, after) else w
        centre = (near.x0 + near.x1) / 2
        for i, c in enumerate(columns):
            if c.lo <= centre < c.hi:
                if i and not sign and runs_on(c, columns[i - 1], w, prev, prev_role, after):
                    c = columns[i - 1]
                out.setdefault(c.role, []).append(w)
                prev, prev_role = w, c.role
                break
    return out


def _rows(
    reading: Reading, header: Line, columns: list[Column], before: Decimal | None
) -> list[Item]:
    """The items under ``header``, going on at the next page's top (under its running
    header) unless a header starts; the sum carried over (``before``) is skipped."""
    layout = reading.layout
    items: list[Item] = []
    prev_bottom = header.bottom
    page = header.page
    skipped = 0  # lines skipped at the top of a continuation page
    section = 0  # where the current section's items begin
    closed = False  # whether a section's sum closed the last item
    # the row that opens the next item with its running number, its numbers on a row
    # below (and the rows between): the item's description and notes
    opening: tuple[dict[str, list[Word]], list[str]] | None = None
    lead: list[Word] = []  # a description's first line, its numbers on the row below
    for k in range(header.index + 1, len(lines := layout.lines)):
        if item_header(reading, line := lines[k]) and not in_text_column(line, columns):
            break  # the next table's header; not an item's note naming a column's word
        if line.page != page:
            if line.page != page + 1 or not items:
                break
            page, prev_bottom, skipped = line.page, 0.0, 0
        scan = line.page in reading.ocr_pages
        words = [w for c in line.cells for w in (printed_words(c.words) if scan else c.words)]
        if not words:
            continue
        first = next((c.text for c in line.cells if not scan or any(map(printed, c.words))), "")
        if not prev_bottom and _PAGE.search(" ".join(w.text for w in words)):
            skipped += 1  # the running header's page number: the table goes on under it
            continue
        cells = _assign(columns, words)
        if carried(reading, cells, first, None if items else before, _CARRIED):
            prev_bottom = line.bottom
            continue
        if items and _CARRIED.search(first) and not numbered(reading, cells):
            prev_bottom = 0.0  # "Continued ...": the items go on over the page's foot
            continue
        if (stop := _STOP.match(first.lstrip(SPECK) if scan else first)) or ends_items(first, scan):
            named = first[stop.end() :] if stop else ""
            # a totals word with no figure right under the header is its second line ("netto")
            if not (stop and section_sum(reading, line, named, cells, items[section:])) and (
                k > header.index + 1 or any(map(str.isdigit, line.text))
            ):
                break
            section, closed, prev_bottom = len(items), True, line.bottom  # "Summe Titel 1"
            continue
        if not items and tax_row(reading, words):
            break  # the header heads a tax summary by rate or tariff code, its rows no items
        if items and closes_table(
            reading, line, words, cells, columns, DISCOUNT_ROW, items[section:], items
        ):
            break  # a tax summary's row of figures (rate, base, tax), or the totals block
        if is_item(reading, cells) and not count_only(reading, cells, columns):
            gap = line.top - prev_bottom if prev_bottom else 0.0
            filled = numbered(reading, cells)
            # a table whose first item prints two numbers or more prints them all so
            full = bool(items) and len(numbered(reading, items[0].cells)) >= 2
            if free(reading, cells, filled):
                closed = True  # a row that charges nothing ("Freight waived 1 0.00 0.00"): no
                # item, and the text under it is its own, no other item's
            elif filled == {"amount"} and sums(reading, items[section:], cells):
                section = len(items)  # a section's sum: the items above it, added up
                closed = True  # the text under it heads the next section
            elif (
                items
                and not closed
                and items[-1].cells.get("amount")
                and gap < 1.6 * max(line.height, 6.0)
                and (off := deduction(reading, cells, filled, ROLES["discount"], items[-1]))
                is not None
            ):
                items[-1].less.append(off)  # a discount under the item, off its amount
            elif items and amount_below(items[-1], filled, gap, line.height):
                for role, ws in cells.items():  # the item's amount, wrapped to its 2nd row
                    items[-1].cells.setdefault(role, []).extend(ws)
            elif full and len(filled) == 1 and "amount" not in filled:
                pass  # a price or count alone under a full item annotates it (a gross price)
            elif gap > (6.0 if full and len(filled) >= 2 else 3.5) * max(line.height, 6.0) and (
                not next_position(cells, len(items))
            ):
                break
            else:
                if lead:  # the description began on the line above, its numbers here
                    cells["description"] = lead + cells.get("description", [])
                items.append(opened(Item(cells, page=line.page), opening))
                opening, closed, lead = None, False, []
        elif prev_bottom and next_position(cells, len(items)):
            opening = cells, []  # the next item's running number over its rows: it goes on
        elif opening is not None and line.top - prev_bottom < 1.6 * max(line.height, 6.0):
            opening[1].append(" ".join(w.text for w in words))
        elif not prev_bottom:
            skipped += 1  # a running header at the top of a continuation page
            if skipped > 8:
                break
            continue
        elif set(cells) == {"description"} and centred_beside(line, lines[k + 1 : k + 2]):
            lead = lead + words  # the next row's numbers, centred on a taller description
        elif items and not closed and line.top - prev_bottom < 1.6 * max(line.height, 6.0):
            text = " ".join(w.text for w in words)
            if (rate := discount_rate(text, DISCOUNT_ROW)) is not None:
                items[-1].rates.append(rate)  # "Remise de 5 %" under the item
            elif (code := code_row(words, ROLES["code"])) is not None:
                items[-1].cells.setdefault("code", code)  # "Art.-Nr. WP-8000" under it
            elif set_bolder(words, items[-1]):
                closed = True  # a section's heading: the text under it heads the next item
            elif (not scan and set_smaller(words, items[-1])) or _NOTE.match(text):
                pass  # a note in smaller type under the item, or one that says it is ("NOTE:
                # Lines 3-4 ship on dry ice"): no part of its description
            elif across(line, columns) or dates_only(reading, text) or not _MARK.search(text):
                pass  # a heading over the next items, across the columns, the item's period
                # ("Sep 1, 2025 - Oct 1, 2025"), or an empty template row's dashes: no text
            elif not lead and set(cells) == {"description"} and _GOES_ON.search(text):
                lead = words  # a line that breaks off mid-phrase: the next item's, or ...
            else:
                items[-1].extra.extend([" ".join(w.text for w in lead), text] if lead else [text])
                lead = []  # ... the item's own, where a line of text follows it
        elif not items and set(cells) == {"description"} and _GOES_ON.search(words[-1].text):
            lead = words  # the first item's description begins above its numbers
        elif items and indented(line, columns):
            pass  # the item's notes, indented under its description: the table goes on
        elif items and line.top - prev_bottom > 3.5 * max(line.height, 6.0):
            break
        elif items:
            continue  # a note between items, a little apart: the table goes on
        prev_bottom = line.bottom
    return items


def find_line_items(reading: Reading) -> LineItems:
    """Every table of items in the document, in order; read once per reading."""
    if "line_items" not in reading.memo:
        reading.memo["line_items"] = _find_line_items(reading)
    found: LineItems = reading.memo["line_items"]
    return found


def _find_line_items(reading: Reading) -> LineItems:
    items: list[dict[str, Any]] = []
    checked = skip_to = 0
    layout = reading.layout
    for line in layout.lines:
        if line.index < skip_to:
            continue
        columns = _header_roles(line) if item_header(reading, line) else []  # remembered
        band = stacked_header(layout, line.index)
        if band is not None:
            stacked = band_roles(band[0], ROLES)
            # the band, where it names more roles, or where its last line names roles of
            # its own ("Unit | Line" over "Price | Total"): read alone, the first line's
            # table would end at the second (the line read as it prints: "Preis" over
            # "Gesamt-preis" names no amount on its first line)
            alone = _header_roles(line, last_price=False) if stacked and columns else []
            if stacked and (
                len({c.role for c in stacked} - {OTHER}) > len({c.role for c in alone} - {OTHER})
                or _header_roles(layout.lines[band[1]])
            ):
                columns, line, skip_to = stacked, layout.lines[band[1]], band[1] + 1
        if not columns:
            continue
        bounds(columns, line.page_width)
        priced = any(c.role == "unit_price" for c in columns)  # a table of priced items
        so_far = [i["amount"] for i in items]
        before = sum(map(Decimal, so_far), Decimal(0)) if so_far and None not in so_far else None
        raws = _rows(reading, line, columns, before)
        code_column(raws, max(c.split for c in columns))  # codes under "Artikel"
        for raw in raws:
            item, ok = item_values(reading, raw, has_price_column=priced)
            items.append(item)
            checked += ok
    strip_positions(items)  # position numbers read into the descriptions
    if reading.ocr_pages:  # a scan's prices misread by a digit, where its amounts add up
        checked += mend_prices(items, reading.text, reading.decimal_comma)
    amounts = [Decimal(i["amount"]) for i in items if i["amount"] is not None]
    line_sum = sum(amounts, Decimal(0)) if amounts and len(amounts) == len(items) else None
    return LineItems(items, checked, line_sum)
