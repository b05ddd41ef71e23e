"""Line items checked by their arithmetic: quantity x unit price = amount.

A table's header names its columns, but generators print numbers wider or narrower than
their headers, run two headers into one cell ("Qty: Subtotal: VAT:") or print a line's
amount on the row below its price. Whatever the layout, one convention holds on every
item line of every invoice, order and quote: the quantity times the unit price is the
line amount (to the cent). Where the numbers read by column do not satisfy it, the
numbers of the row are searched for the one assignment that does, kept in reading order
(quantity and price are printed before the amount). A table with a quantity and an
amount but no unit price column gets the price as their quotient, when that comes out in
whole cents (it then is the price the amount was computed from). An item with a discount
(a rate, "5 %", or a sum off) is priced net of it: quantity x unit price x (1 - rate) or
quantity x unit price - the sum off is its amount.
"""

from __future__ import annotations

import itertools
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from intake.extractors.extraction.fields.money import find_amounts, format_money
from intake.extractors.extraction.number_words import thousands_apart
from intake.record import Word

__all__ = [
    "CENT",
    "Discount",
    "check_item",
    "discounts",
    "mend_prices",
    "row_numbers",
]

CENT = Decimal("0.01")
#: how far quantity x unit price may be from the amount: a cent per unit (prices are
#: rounded to the cent before or after multiplying)
TOL = Decimal("0.011")


#: a number's first group, and the rest of it after a space ("1 264,05", "12 500")


def row_numbers(words: list[Word], decimal_comma: bool | None) -> list[tuple[float, Decimal]]:
    """The numbers of a row's words as (x position, value), left to right; a rate
    ("19 %", "21.00%") is no quantity, price or amount; a number whose thousands are set
    apart by a space ("1 264,05") is one number (:func:`thousands_apart`)."""
    out: list[tuple[float, Decimal]] = []
    ordered = sorted(words, key=lambda w: w.x0)
    joined = False
    for i, w in enumerate(ordered):
        if joined:  # the rest of the number before it
            joined = False
            continue
        text = w.text
        if i + 1 < len(ordered) and thousands_apart(w, ordered[i + 1]):
            text, joined = f"{w.text} {ordered[i + 1].text}", True
        found = list(find_amounts(text, decimal_comma))
        if len(found) != 1:
            continue
        start, end, value = found[0]
        nxt = i + 2 if joined else i + 1
        after = text[end:].strip() or (ordered[nxt].text if nxt < len(ordered) else "")
        if after.startswith("%"):
            continue
        out.append((w.x0, value))
    return out


#: a discount as (factor, sum off): the amount is quantity x price x factor - sum off
Discount = tuple[Decimal, Decimal]
NONE: Discount = (Decimal(1), Decimal(0))


#: rates joined by "+" ("10+5", "50 + 10 + 5 %")
_CASCADE = re.compile(r"\d{1,2}(?:[.,]\d{1,2})?(?:\s*\+\s*\d{1,2}(?:[.,]\d{1,2})?)+\s*%?")


def discounts(text: str, decimal_comma: bool | None) -> list[Discount]:
    """What a discount cell may mean: "5 %" a rate; a bare number a rate (under a "Disc. %"
    header) or a sum off, or no discount at all (a price printed under a header run into
    the discount's: "Precio unit.Descuento"); the arithmetic tells which (an empty cell:
    no discount). Rates joined by "+" apply one after the other ("10+5": 10 %, then 5 % of
    the rest, as Italian and Spanish price lists print cascading discounts)."""
    if (chain := _CASCADE.fullmatch(text.strip())) is not None:
        factor = Decimal(1)
        for rate in re.findall(r"\d+(?:[.,]\d+)?", chain.group(0)):
            factor *= Decimal(1) - Decimal(rate.replace(",", ".")) / 100
        return [(factor, Decimal(0))]
    found = list(find_amounts(text, decimal_comma))
    if len(found) != 1 or found[0][2] <= 0:
        return [NONE]
    value = found[0][2]
    rate = (Decimal(1) - value / 100, Decimal(0))
    if "%" in text:
        return [rate] if value < 100 else [(Decimal(1), value)]
    if value >= 100:
        return [(Decimal(1), value), NONE]
    return [rate, (Decimal(1), value), NONE]


def _fits(qty: Decimal, price: Decimal, amount: Decimal, off: Discount = NONE) -> bool:
    try:
        return abs(qty * price * off[0] - off[1] - amount) <= TOL * max(Decimal(1), abs(qty))
    except InvalidOperation:
        return False


Triple = tuple[Decimal | None, Decimal | None, Decimal | None]
#: An item row prints a handful of numbers; of a longer row (a grid of figures, not an
#: item) only the rightmost this many are tried, so that the search stays small.
MAX_NUMBERS = 10


def _solve(
    numbers: list[tuple[float, Decimal]], read: Triple, off: Discount = NONE
) -> tuple[Decimal, Decimal, Decimal] | None:
    """(quantity, unit price, amount) among a row's numbers, the amount printed right of
    both others; of several, the one whose price is printed with more decimals than its
    quantity ("3 x 8.00", where the columns may read "8 x 3"), then the one that keeps
    most of what the columns ``read`` (quantity, price, amount: "6,00 x 10,00" is not
    "10,00 x 6,00" under a price header), then whose amount is furthest right, then whose
    quantity is a whole number (goods are mostly counted), then the first found."""
    best: tuple[tuple[bool, int, float, int], tuple[Decimal, Decimal, Decimal]] | None = None
    numbers = numbers[-MAX_NUMBERS:]
    for (iq, (_, q)), (ip, (_, p)) in itertools.permutations(enumerate(numbers), 2):
        if q <= 0 or p == 0:
            continue
        for xa, a in numbers[max(iq, ip) + 1 :]:
            if a == 0 or not _fits(q, p, a, off):
                continue
            kept = sum(v is not None and v == r for v, r in zip((q, p, a), read, strict=True))
            rank = (_decimals(p) > _decimals(q), kept, xa, int(q == q.to_integral_value()))
            if best is None or rank > best[0]:
                best = (rank, (q, p, a))
    return best[1] if best else None


def _lost_point(qty: Decimal, price: Decimal, amount: Decimal) -> tuple[Decimal, Decimal] | None:
    """Quantity and price with the decimal point OCR lost put back into one of them ("65"
    read for "6.5"), when exactly that makes them multiply to the amount."""
    for shift in (Decimal(10), Decimal(100)):
        if qty > shift and _fits(qty / shift, price, amount):
            return (qty / shift).normalize(), price
        if price > shift and _fits(qty, price / shift, amount):
            return qty, price / shift
    return None


def _one_apart(read: Decimal, meant: Decimal) -> bool:
    """Whether ``read`` is ``meant`` with one digit misread (same length, one place)."""
    a, b = f"{read:.2f}", f"{meant:.2f}"
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _digit_off(read: Decimal, meant: Decimal) -> bool:
    """Whether a count ``read`` is ``meant`` with one digit misread, added or dropped
    ("42" or "52" for 5 or 12; not "500" for 1750)."""
    if _one_apart(read, meant):
        return True
    a, b = format(read.normalize(), "f"), format(meant.normalize(), "f")
    short, long = sorted((a, b), key=len)
    return len(long) == len(short) + 1 and any(
        long[:i] + long[i + 1 :] == short for i in range(len(long))
    )


def _one_misread(
    qty: Decimal | None, price: Decimal | None, amount: Decimal | None
) -> tuple[Decimal, Decimal] | None:
    """Price and amount of a scan's item whose price or amount OCR misread by one digit
    ("4520.00" for 16 x 95.00 = "1520.00"): the one the other two give to the cent, where
    it is one digit from what was read. Where both could be (5 x "4.30" = "24.50": 4.90,
    or 21.50), nothing is mended: only the printed sum could tell them apart."""
    if qty is None or price is None or amount is None or qty <= 0:
        return None
    mended: list[tuple[Decimal, Decimal]] = []
    if (meant := _cents(qty * price)) is not None and _one_apart(amount, meant):
        mended.append((price, meant))
    each = _cents(amount / qty)
    if each is not None and each * qty == amount and _one_apart(price, each):
        mended.append((each, amount))
    return mended[0] if len(mended) == 1 else None


def mend_prices(items: list[dict[str, Any]], text: str, decimal_comma: bool | None) -> int:
    """Where a scan's items' amounts add up to a sum printed in its ``text``, they were
    read right: an item's price one digit from its amount / quantity (to the cent) is that
    quotient (see :func:`_one_misread`). The number of items mended."""
    amounts = [_dec(i.get("amount")) for i in items]
    printed = {value for *_, value in find_amounts(text, decimal_comma)}
    if len(items) < 2 or None in amounts:
        return 0
    if sum(filter(None, amounts), Decimal(0)) not in printed:
        return _mend_amount(items, [a or Decimal(0) for a in amounts], printed)
    mended = 0
    for item in items:
        qty, price, amount = (_dec(item.get(k)) for k in ("quantity", "unit_price", "amount"))
        if qty is None or price is None or amount is None or qty <= 0 or _fits(qty, price, amount):
            continue
        each = _cents(amount / qty)
        if each is not None and each * qty == amount and _one_apart(price, each):
            item["unit_price"] = format_money(each)
            mended += 1
    return mended


def _mend_amount(items: list[dict[str, Any]], amounts: list[Decimal], printed: set[Decimal]) -> int:
    """Where a scan's items' amounts add up to no printed sum, the one item whose amount
    is one digit from its quantity x price ("4.200,00" read for 500 x 2,40) and whose
    product makes them add up to one was misread: its amount is the product. The number
    of items mended (0 or 1); ``amounts`` are the items' amounts as read."""
    total = sum(amounts, Decimal(0))
    found = []
    for item, amount in zip(items, amounts, strict=True):
        qty, price = _dec(item.get("quantity")), _dec(item.get("unit_price"))
        if qty is None or price is None or qty <= 0 or _fits(qty, price, amount):
            continue
        meant = _cents(qty * price)
        if meant is not None and _one_apart(amount, meant) and total - amount + meant in printed:
            found.append((item, meant))
    if len(found) != 1:
        return 0
    found[0][0]["amount"] = format_money(found[0][1])
    return 1


#: The largest count taken from an amount and a price (:func:`_count`).
MAX_COUNT = Decimal(10000)


def _count(price: Decimal | None, amount: Decimal | None, off: Discount = NONE) -> Decimal | None:
    """The quantity a scan's item lost or misread, from its price and amount: OCR drops a
    lone digit in a narrow column and misreads one ("42" for "12"), while the price and
    amount, printed with their cents, were read; their quotient, when it comes out a whole
    or half count that multiplies back to the amount to the cent, is the quantity they
    were computed from (a misread cent makes no whole count by chance). Under a discount
    ``off`` the amount is the discounted one: the count is worked back through it."""
    factor, less = off
    if price is None or amount is None or price <= CENT or amount <= 0 or factor <= 0:
        return None
    try:
        count = (amount + less) / (price * factor)
        halves = (count * 2).quantize(Decimal(1))
    except InvalidOperation:
        return None
    count = (halves / 2).normalize()
    net = (count * price * factor - less).quantize(CENT, ROUND_HALF_UP)
    if not 0 < count <= MAX_COUNT or net != amount:
        return None
    return count


def _lost_price(qty: Decimal, amount: Decimal, off: Discount) -> Decimal | None:
    """The price a scan's item lost, from its quantity and amount: the amount before the
    discount ``off`` over the quantity, where that comes out in whole cents (the price the
    amount was computed from) and gives the amount back, exactly without a discount and
    to the cent through one."""
    factor, less = off
    if factor <= 0:
        return None
    each = _cents((amount + less) / factor / qty)
    if each is None or each <= 0:
        return None
    if off == NONE:
        return each if each * qty == amount else None
    return each if _fits(qty, each, amount, off) else None


def check_item(
    out: dict[str, Any],
    numbers: list[tuple[float, Decimal]],
    *,
    has_price_column: bool,
    scan: bool = False,
    offs: list[Discount] | None = None,
) -> bool:
    """Repair ``out`` (an item as :func:`find_line_items` gives it) by its arithmetic;
    True when quantity x unit price = amount holds afterwards. On a ``scan`` a decimal
    point lost from the quantity or the price is put back when the arithmetic says so."""
    qty, price, amount = (_dec(out.get(k)) for k in ("quantity", "unit_price", "amount"))
    offs = [NONE] if offs is None else offs
    if qty is not None and price is not None and amount is not None:
        if any(_fits(qty, price, amount, off) for off in offs):
            return True
    solved = next((s for off in offs if (s := _solve(numbers, (qty, price, amount), off))), None)
    if solved is not None:
        qty, price, amount = solved
        out["quantity"] = format(qty.normalize(), "f")
        out["unit_price"] = format_money(price)
        out["amount"] = format_money(amount)
        return True
    if (gross := _gross(numbers, (qty, price, amount), offs)) is not None:
        out["quantity"] = format(gross[0].normalize(), "f")
        out["unit_price"] = format_money(gross[1])
        return True
    if scan and qty is not None and price is not None:
        # the amount read, else one of the row's numbers where no column gave it one
        for total in [amount] if amount is not None else [n for _, n in numbers]:
            if (found := _lost_point(qty, price, total)) is not None:
                out["quantity"] = format(found[0], "f")
                out["unit_price"], out["amount"] = format_money(found[1]), format_money(total)
                return True
    if scan:
        # the count OCR lost or misread by a digit, from price and amount (through a
        # discount); a count read further from it says the amount was misread instead
        for discount in offs:
            count = _count(price, amount, discount)
            if count is not None and (qty is None or _digit_off(qty, count)):
                out["quantity"] = format(count, "f")
                return True
    if scan and offs == [NONE] and (mended := _one_misread(qty, price, amount)) is not None:
        out["unit_price"], out["amount"] = map(format_money, mended)
        return True
    if scan and price is None and qty is not None and qty > 0 and amount:
        # the price OCR passed over or could not read, from quantity and amount (through
        # a discount: a discounted amount's bare quotient is no price)
        for discount in offs if offs == [NONE] else [o for o in offs if o != NONE]:
            if (each := _lost_price(qty, amount, discount)) is not None:
                out["unit_price"] = format_money(each)
                return True
    if offs != [NONE]:
        return False  # a discounted amount: its quotient is no price
    if price is None and not has_price_column and qty is not None and qty > 0 and amount:
        try:
            each = (amount / qty).quantize(CENT)
        except InvalidOperation:  # beyond the context's precision: no price of any till
            return False
        if each * qty == amount:
            out["unit_price"] = format_money(each)
    return False


def _gross(
    numbers: list[tuple[float, Decimal]], read: Triple, offs: list[Discount]
) -> tuple[Decimal, Decimal] | None:
    """Quantity and price of an item whose amount is net of a sum the rows under it take
    off: the row prints the gross amount, quantity x price, and the net amount is that
    less the sum (the quantity is found among the row's numbers by the gross)."""
    amount = read[2]
    for factor, off in offs:
        if amount is None or factor != 1 or not off:
            continue
        gross = amount + off
        solved = _solve(numbers, (read[0], read[1], gross))
        if solved is not None and solved[2] == gross:
            return solved[0], solved[1]
    return None


def _cents(value: Decimal) -> Decimal | None:
    try:
        return value.quantize(CENT)
    except InvalidOperation:  # beyond the context's precision
        return None


def _decimals(value: Decimal) -> int:
    """How many decimals a number was printed with ("8.00": 2, "3": 0)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _dec(value: object) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None
