"""A scanned receipt's total, chosen by arithmetic among the amounts OCR read.

OCR misreads a till receipt's total more often than any other row (it is printed large or
bold, and thermal print fades), and takes the amounts under other total-like labels for
it. But a till prints the amount due several times over and works it out in several
independent ways, each a *witness* of it:

- a tax summary row prints a rate's taxable amount beside its tax ("SR @ 6%  16.98  1.02":
  the tax is the amount times the rate); their sum is what the goods cost with the tax;
- the cash tendered less the change given back is what was paid;
- a subtotal and the rows adjusting it (tax, service charge, rounding) add up to an amount
  printed under them.

An amount printed on the page that a witness confirms is the total; where no printed
amount is confirmed but two witnesses of different kinds agree, their value is (the
total's own row was unreadable). A total that a witness already confirms is kept, and
without any witness nothing changes: an unconfirmed guess never replaces another. Where
no total is read at all, the tax a tax-inclusive total states it includes bounds it, and
the one amount printed in those bounds is taken (:mod:`included_tax`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from intake.extractors.extraction.amounts import TOL, money_in
from intake.extractors.extraction.analysis import Reading
from intake.extractors.extraction.candidates import Candidate
from intake.extractors.extraction.fields.money import format_money
from intake.extractors.extraction.included_tax import INCLUDED, included_total
from intake.extractors.extraction.sums import COIN, ROUNDING
from intake.extractors.extraction.tax_rates import MAX_RATE, printed_rates
from intake.record import Box, Field

__all__ = ["Witness", "choose_receipt_total", "summary_witnesses"]

#: A summary's tax is rounded once per rate (or summed from taxes rounded per line): it may
#: lie this far from amount x rate.
SUMMARY_TOL = Decimal("0.021")
#: The confidence of a printed total that a witness confirms, and of a total computed by
#: two witnesses that agree where no printed amount does.
CONFIRMED = 0.9
COMPUTED = 0.7


@dataclass(frozen=True)
class Witness:
    """An amount the receipt's arithmetic says was due, and how it was worked out."""

    value: Decimal
    kind: str  # "summary", "paid" or "summed"
    raw: str


def _taxed(amount: Decimal, tax: Decimal, rates: Iterable[Decimal]) -> bool:
    """Whether ``tax`` is ``amount`` times one of ``rates`` (percent), to the cent."""
    return any(r > 0 and abs(amount * r / 100 - tax) <= SUMMARY_TOL for r in rates)


def _rates(text: str, page: set[Decimal]) -> set[Decimal]:
    """The tax rates a row can charge: those printed on it, else those printed on the page;
    where the row prints a rate OCR made unreadable ("SR@6 . 00%"), any whole percentage up
    to the highest rate in use."""
    rates = {r for r in printed_rates(text) if r > 0} or {r for r in page if r > 0}
    if not rates and "%" in text:
        return {Decimal(r) for r in range(1, int(MAX_RATE) + 1)}
    return rates


def summary_witnesses(reading: Reading) -> list[Witness]:
    """Amount plus tax where a taxable amount is printed with its tax right after it (on
    its row, or alone on the next row under a tax label: "Taxable amount 50.57" over "6% GST
    3.03", not "Service charge (10%) 5.62"), the tax
    being the amount times a rate printed there (see :func:`_rates`)."""
    page_rates = printed_rates(reading.text)
    taxes = {hit.line for hit in reading.layout.labels("tax")}
    out: list[Witness] = []
    previous: tuple[int, list[tuple[Decimal, Box, str]], str] | None = None
    for line in reading.layout.lines:
        amounts = [a for cell in line.cells for a in money_in(reading, cell)]
        pairs = list(zip(amounts, amounts[1:], strict=False))
        text = line.text
        if previous is not None and len(amounts) == 1 and len(previous[1]) == 1:
            if previous[0] == line.index - 1 and line.index in taxes:
                pairs.append((previous[1][0], amounts[0]))
                text = f"{previous[2]} {text}"
        for (amount, _, raw_a), (tax, _, raw_t) in pairs:
            if 0 < tax < amount and _taxed(amount, tax, _rates(text, page_rates)):
                out.append(Witness(amount + tax, "summary", f"{raw_a} + {raw_t}"))
        previous = (line.index, amounts, line.text) if amounts else None
    return out


@dataclass(frozen=True)
class _Printed:
    value: Decimal
    label: float  # the weight of the total label on its row (0 without one)
    line: int
    box: Box
    raw: str


def _printed(reading: Reading) -> list[_Printed]:
    """Every amount printed on the page, with the weight of a total label on its row."""
    layout = reading.layout
    weights: dict[int, float] = {}
    for hit in layout.labels("total"):
        weights[hit.line] = max(weights.get(hit.line, 0.0), hit.weight)
    out: list[_Printed] = []
    for line in layout.lines:
        for cell in line.cells:
            for value, box, raw in money_in(reading, cell):
                if value > 0:
                    out.append(_Printed(value, weights.get(line.index, 0.0), line.index, box, raw))
    return out


def _rounded(reading: Reading, total: _Printed) -> _Printed:
    """What was paid for ``total`` where a rounding row follows it: the amount printed
    under it that differs from it by less than the smallest coin and is a whole number of
    such coins ("65.53", "Rounding Adj 0.02", "65.55"); else ``total``."""
    lines = reading.layout.lines
    if not any(ROUNDING.search(ln.text) for ln in lines[total.line + 1 : total.line + 4]):
        return total
    for p in _printed(reading):
        if p.line <= total.line or p.line > total.line + 4:
            continue
        if 0 < abs(p.value - total.value) < COIN and p.value % COIN == 0:
            return p
    return total


def _to_coin(reading: Reading, read: _Printed, total: Field) -> Field:
    """``total`` rounded to the nearest whole number of the smallest coin where a rounding
    row follows its row but the rounded amount could not be read (:func:`_rounded` found
    none): a till that prints a rounding adjustment charges the rounded amount, and that
    amount due, not the sum before it, is what the customer pays. Measured on scanned
    shop receipts: total on the half not studied 155 -> 159 of 200, studied 162 -> 163."""
    lines = reading.layout.lines
    if not read.value % COIN or not any(
        ROUNDING.search(ln.text) for ln in lines[read.line + 1 : read.line + 4]
    ):
        return total
    value = (read.value / COIN).quantize(Decimal(1), ROUND_HALF_UP) * COIN
    return Field(format_money(value), total.confidence, "computed", total.box, total.raw)


def _sections(total: Decimal, part: Decimal, printed: list[_Printed]) -> bool:
    """Whether ``total`` sums ``part`` and another amount printed on the page: a receipt
    in sections (one per tax rate, say) prints each section's total, and the amount due
    is their sum. (It only ever keeps the total its labels gave.)"""
    return any(abs(part + p.value - total) < TOL for p in printed)


def _kinds(value: Decimal, witnesses: list[Witness]) -> set[str]:
    return {w.kind for w in witnesses if abs(w.value - value) < TOL}


def _adds_up(amounts: dict[str, Field]) -> bool:
    """Whether the subtotal and tax read from their labels add up to the total read."""
    try:
        values = [Decimal(str(amounts[name].value)) for name in ("total", "subtotal", "tax")]
    except KeyError:
        return False
    total, subtotal, tax = values
    read = amounts["subtotal"].source != "computed"
    return read and tax != 0 and abs(subtotal + tax - total) < TOL


def choose_receipt_total(
    reading: Reading,
    amounts: dict[str, Field],
    paid: Candidate | None = None,
    summed: Candidate | None = None,
) -> Field | None:
    """The total: the one in ``amounts`` (read from labels) where its subtotal and tax or a
    witness confirm it, or no witness confirms anything else; else the printed amount that
    most witnesses confirm (on a total's row first, then the lowest on the page; after
    its rounding, see :func:`_rounded`); else the value two kinds of witness agree on;
    else the total read. ``paid`` is tendered less change
    (:func:`~intake.extractors.extraction.cash_tendered.find_paid`), ``summed`` a subtotal
    with its adjustments (:func:`~intake.extractors.extraction.sums.find_summed_total`).
    A total read from the page is taken after its cash rounding (:func:`_rounded`,
    :func:`_to_coin`)."""
    total = _choose(reading, amounts, paid, summed)
    if total is None and (included := included_total(reading)) is not None:
        total = Field(format_money(included.value), INCLUDED, "layout", included.box, included.raw)
    if total is None or total.box is None or total.source == "computed":
        return total
    box = total.box
    middle = (box.top + box.bottom) / 2
    line = next(
        (
            ln.index
            for ln in reading.layout.lines
            if ln.page == box.page and ln.top - 1 <= middle <= ln.bottom + 1
        ),
        None,
    )
    if line is None:
        return total
    read = _Printed(Decimal(str(total.value)), 0.0, line, box, total.raw or "")
    rounded = _rounded(reading, read)
    if rounded is read:
        return _to_coin(reading, read, total)
    return Field(format_money(rounded.value), total.confidence, "layout", rounded.box, rounded.raw)


def _choose(
    reading: Reading,
    amounts: dict[str, Field],
    paid: Candidate | None = None,
    summed: Candidate | None = None,
) -> Field | None:
    """See :func:`choose_receipt_total`."""
    witnesses = summary_witnesses(reading)
    if paid is not None:
        witnesses.append(Witness(paid.value, "paid", paid.raw))
    if summed is not None:
        witnesses.append(Witness(summed.value, "summed", summed.raw))
    total = amounts.get("total")
    if not witnesses or _adds_up(amounts):
        return total
    # a total worked out from what was paid is no witness of itself: it stands unless
    # another witness says otherwise
    others = [w for w in witnesses if total is None or w.raw != total.raw]
    if total is not None and (not others or _kinds(Decimal(str(total.value)), others)):
        return total
    printed = _printed(reading)
    # the tendered amount is no witness of itself (what was paid is worked out from it)
    tendered = paid.box if paid is not None else None
    confirmed = [
        (len(_kinds(p.value, witnesses)), p.label, p.line, p) for p in printed if p.box != tendered
    ]
    confirmed = [c for c in confirmed if c[0] > 0]
    if confirmed:
        best = _rounded(reading, max(confirmed, key=lambda c: c[:3])[3])
        if total is not None and _sections(Decimal(str(total.value)), best.value, printed):
            return total
        return Field(format_money(best.value), CONFIRMED, "layout", best.box, best.raw)
    agreed = [w for w in witnesses if len(_kinds(w.value, witnesses)) >= 2]
    if agreed:
        w = agreed[0]
        return Field(format_money(w.value), COMPUTED, "computed", raw=w.raw)
    return total
