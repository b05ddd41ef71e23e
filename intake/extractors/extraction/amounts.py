"""Totals, subtotals and tax: found on labelled rows, then chosen together so that their
arithmetic holds (subtotal + tax = total, and the line amounts add up to the subtotal)."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable
from decimal import Decimal

from intake.extractors.extraction.amount_tables import column_role, table_candidates
from intake.extractors.extraction.analysis import Reading
from intake.extractors.extraction.candidates import Candidate
from intake.extractors.extraction.fields.money import format_money
from intake.extractors.extraction.item_values import in_item_rows
from intake.extractors.extraction.line_items import find_line_items, item_header
from intake.extractors.extraction.misread_total import digit_misread, one_digit_off
from intake.extractors.extraction.money_cells import money_in, printed_amounts
from intake.extractors.extraction.tax_gap import tax_between
from intake.extractors.extraction.tax_rates import (
    MAX_RATE,
    printed_rates,
    rated_tax,
    rates_head,
    summed_taxes,
    taxed_pair,
)
from intake.extractors.extraction.totals_rows import (
    Found,
    before_prepayment,
    charges,
    discounts,
    row_amounts,
)
from intake.extractors.extraction.under_labels import (
    STRONG_LABEL,
    heads_tax_summary,
    labelled,
    one_row_of_several,
)
from intake.record import Box, Field

__all__ = ["find_amount_fields", "money_in"]

TOL = Decimal("0.011")
#: A total this sure was confirmed by arithmetic (subtotal + tax, or what was paid).
CONFIRMED = 0.9
#: How much less sure a subtotal = total is when the tax that joins them is zero.
ZERO_TAX = 0.2


def _pick(reading: Reading, found: list[Found], field: str) -> Found:
    """The field's amount among several on one row: a tax, the rate of the base beside it;
    by column header when the headers say, else the largest for a total (gross beats net,
    commission and tax) and the rightmost for the others."""
    text = reading.layout.lines[found[0][3].line].text
    if field == "tax" and (tax := rated_tax(text, [f[0] for f in found])) is not None:
        return next(f for f in found if f[0] == tax)
    roles = {id(f): column_role(reading, f[3]) for f in found}
    matching = [f for f in found if roles[id(f)] == field]
    if matching:
        return max(matching, key=lambda f: f[0]) if field == "total" else matching[-1]
    if field == "total":
        unwanted = ("subtotal", "tax")
        usable = [f for f in found if roles[id(f)] not in unwanted] or found
        return max(usable, key=lambda f: f[0])
    return found[-1]


def _candidates(reading: Reading, field: str) -> list[Candidate]:
    """Amounts for ``field``: on rows labelled for it, in the columns headed for it."""
    layout = reading.layout
    out: list[Candidate] = []
    last_page = reading.record.pages[-1].number if reading.record.pages else 1
    for label in ("total", "subtotal", "tax"):
        for hit in layout.labels(label):
            if label == "total" and heads_tax_summary(reading, hit):
                continue
            bonus = 0.02 if hit.cell.page == last_page else 0.0  # final totals come last
            found = row_amounts(reading, hit)
            if label != field:
                if len(found) > 1:
                    for f in found:
                        if column_role(reading, f[3]) == field:
                            out.append(Candidate(f[0], 0.8 * hit.weight + bonus, f[1], f[2]))
                continue
            if found:
                value, box, raw, _ = _pick(reading, found, field)
                out.append(Candidate(value, hit.weight + bonus, box, raw))
                continue
            under = [] if rates_head(hit.cell.text) else list(layout.below(hit, max_lines=2))
            for k, cell in enumerate(under):
                if labelled(cell):
                    break  # "Total" over "Cash 10.50": that amount is the cash
                if amounts := money_in(reading, cell):
                    if label == "subtotal" and one_row_of_several(reading, amounts, under[k + 1 :]):
                        break
                    value, box, raw = amounts[0]
                    # "Net" heading the items' amounts: the first item's amount is under it
                    # (a total's label there is left to the totals' arithmetic)
                    if (
                        label != "total"
                        and item_header(reading, layout.lines[hit.cell.line])
                        and in_item_rows(box, find_line_items(reading).items)
                    ):
                        break
                    out.append(Candidate(value, 0.75 * hit.weight + bonus, box, raw))
                    break
    return out + table_candidates(reading, field, money_in)


def _charges(reading: Reading) -> Decimal:
    """The charges and rounding the totals block adds, not the items' own rows."""
    return charges(reading, _in_items(reading))


def _discounts(reading: Reading) -> Decimal:
    """The discounts the totals block takes off, not the items' own rows."""
    return discounts(reading, _in_items(reading))


def _in_items(reading: Reading) -> Callable[[Box], bool]:
    """Whether a box lies in one of the rows of the items read from the document's table."""
    items = find_line_items(reading).items
    return lambda box: in_item_rows(box, items)


def _top(cands: list[Candidate], n: int = 6) -> list[Candidate]:
    merged: dict[Decimal, Candidate] = {}
    for c in cands:
        prev = merged.get(c.value)
        if prev is None:
            merged[c.value] = c
        else:  # the same amount under two labels: more sure
            merged[c.value] = Candidate(c.value, max(prev.score, c.score) + 0.1, prev.box, prev.raw)
    return sorted(merged.values(), key=lambda c: -c.score)[:n]


def _field(c: Candidate, confidence: float) -> Field:
    return Field(format_money(c.value), round(min(confidence, 0.99), 3), "layout", c.box, c.raw)


def find_amount_fields(
    reading: Reading,
    line_sum: Decimal | None = None,
    paid: Candidate | None = None,
    summed: Candidate | None = None,
) -> dict[str, Field]:
    """total, subtotal and tax, checked against each other (and against ``line_sum``, the
    sum of the line items' amounts, when known). ``paid`` is what a receipt says was paid
    (:func:`~intake.extractors.extraction.cash_tendered.find_paid`):
    it confirms a total that equals it and
    stands in for a total read from weak labels only. ``summed`` is an amount printed
    under a subtotal and its adjustments that equals their sum
    (:func:`intake.extractors.extraction.sums.find_summed_total`): shown twice, it replaces a total
    that no arithmetic confirms."""
    out = _with_paid(reading, _amount_fields(reading, line_sum), paid, line_sum)
    if summed is None:
        return out
    total = out.get("total")
    if total is not None and Decimal(total.value) == summed.value:
        out["total"] = dataclasses.replace(total, confidence=max(total.confidence, 0.95))
    elif total is None or total.confidence < CONFIRMED:
        out["total"] = _field(summed, 0.9)
        if (sub := out.get("subtotal")) is not None and sub.source == "computed":
            # worked out from the total replaced ("Balance Due" less the tax): the
            # subtotal printed is the one the block's sum starts from, else none is known
            subs = [c for c in _top(_candidates(reading, "subtotal")) if c.value <= summed.value]
            if subs:
                out["subtotal"] = _field(subs[0], 0.6)
            else:
                del out["subtotal"]
    return out


def _with_paid(
    reading: Reading,
    out: dict[str, Field],
    paid: Candidate | None,
    line_sum: Decimal | None = None,
) -> dict[str, Field]:
    """``out`` with its total confirmed, or replaced, by what was paid. A total the line
    items add up to is confirmed by them: it stands against a paid amount that differs
    (tender and change are read once each, and OCR misreads either as easily)."""
    if paid is None:
        return out
    total = out.get("total")
    if total is not None and Decimal(total.value) == paid.value:
        out["total"] = dataclasses.replace(total, confidence=max(total.confidence, 0.9))
        return out
    cands = _top(_candidates(reading, "total"), 20)
    # the tendered amount itself (under an "Amount" column, say) does not confirm itself
    agreeing = [c for c in cands if c.value == paid.value and c.box != paid.box]
    chosen = [c for c in cands if total is not None and c.value == Decimal(total.value)]
    if agreeing:
        out["total"] = _field(agreeing[0], 0.9)
    elif total is None or (
        chosen and chosen[0].score < STRONG_LABEL and Decimal(total.value) != line_sum
    ):
        out["total"] = Field(format_money(paid.value), 0.6, "computed", paid.box, paid.raw)
    return out


def _tax_below_base(out: dict[str, Field], subs: list[Candidate], taxes: list[Candidate]) -> None:
    """A tax is a fraction of its base (no rate reaches 100 %): a tax read larger than the
    subtotal was read from the other's column. The two are swapped when each amount was
    also found under the other's label; else the tax is dropped (no answer beats a wrong
    one)."""
    sub, tax = out.get("subtotal"), out.get("tax")
    if sub is None or tax is None or abs(Decimal(tax.value)) <= abs(Decimal(sub.value)):
        return
    sub_values = {c.value for c in subs}
    tax_values = {c.value for c in taxes}
    if Decimal(tax.value) in sub_values and Decimal(sub.value) in tax_values:
        out["subtotal"] = dataclasses.replace(tax, confidence=min(tax.confidence, 0.6))
        out["tax"] = dataclasses.replace(sub, confidence=min(sub.confidence, 0.6))
    else:
        del out["tax"]


def _as_candidate(f: Field) -> Candidate:
    return Candidate(Decimal(str(f.value)), 0.0, f.box, f.raw or "")


def _adds_up(t: Candidate, s: Candidate, x: Candidate) -> bool:
    """subtotal + tax = total, with a tax no larger than the highest rate charged anywhere
    (:data:`~intake.extractors.extraction.tax_rates.MAX_RATE`) of its subtotal: an amount
    due that adds an open balance to the total is not a tax on it. A credit note's three
    are all negative (or the tax zero)."""
    if abs(s.value + x.value - t.value) >= TOL:
        return False
    if t.value < 0 and s.value < 0:  # a credit note: the same amounts, negative
        t, s, x = (dataclasses.replace(c, value=-c.value) for c in (t, s, x))
    if x.value < 0:
        return False
    return bool(x.value == 0 or x.value <= s.value * MAX_RATE / 100 + TOL)


def _adding_up(
    totals: list[Candidate],
    subs: list[Candidate],
    taxes: list[Candidate],
    line_sum: Decimal | None,
    charged: Decimal,
) -> tuple[float, Candidate, Candidate, Candidate] | None:
    """The surest (score, total, subtotal, tax) where subtotal + tax + ``charged`` =
    total, the lines' sum confirming the subtotal."""
    best: tuple[float, Candidate, Candidate, Candidate] | None = None
    for t, s, x in itertools.product(totals, subs, taxes):
        due = dataclasses.replace(t, value=t.value - charged) if charged else t
        if t.value > 0 and _adds_up(due, s, x):
            # a zero tax (an exempt invoice) confirms total = subtotal less surely than another
            score = t.score + s.score + x.score - (ZERO_TAX if x.value == 0 else 0.0)
            if line_sum is not None and abs(line_sum - s.value) < TOL:
                score += 0.5
            if best is None or score > best[0]:
                best = (score, t, s, x)
    return best


def _amount_fields(reading: Reading, line_sum: Decimal | None) -> dict[str, Field]:
    totals = before_prepayment(reading, _top(_candidates(reading, "total")))
    subs = _top(_candidates(reading, "subtotal"))
    labelled_taxes = _candidates(reading, "tax")
    taxes = _top(labelled_taxes)
    # one tax row per rate, added up, or per part of one tax (India's CGST and SGST halves)
    several = summed_taxes(labelled_taxes)
    best = _adding_up(totals, subs, taxes + several, line_sum, Decimal(0))
    if charged := _charges(reading):
        # the charges added after the tax (shipping) count where net plus tax alone add up
        # to no total or to a less sure one (the first amount under a "Total" header)
        more = _adding_up(totals, subs, taxes + several, line_sum, charged)
        best = more if best is None or (more and more[1].score > best[1].score) else best
    if best is None and line_sum is not None and (off := _discounts(reading)):
        # a discount the block takes off the items' sum, with no net after it printed
        # ("Subtotal 300.00 / Discount -30.00 / VAT 20% 36.00 / VAT 5% 4.50 / Total"):
        # the items' sum confirms the subtotal it is taken off
        summed = [c for c in subs if abs(c.value - line_sum) < TOL]
        best = _adding_up(totals, summed, taxes + several, line_sum, charged - off)
    if best is not None:
        _, t, s, x = best
        return {"total": _field(t, 0.97), "subtotal": _field(s, 0.95), "tax": _field(x, 0.93)}

    out: dict[str, Field] = {}
    pair = taxed_pair(subs, taxes, printed_rates(reading.text))
    if pair is not None:  # no total confirms them, a printed rate does
        subs, taxes = [pair[0]], [pair[1]]
    if (computed := _net_and_tax(reading, pair, totals)) is not None:
        out["total"] = computed
    elif totals:
        top_score = totals[0].score
        close = [c for c in totals if c.score >= top_score - 0.05]
        t = max(close, key=lambda c: c.value)
        agrees = line_sum is not None and abs(line_sum - t.value) < TOL
        out["total"] = _field(t, (0.9 if agrees else 0.5) + 0.3 * min(t.score, 1.0) * 0.5)
    total_value = Decimal(out["total"].value) if "total" in out else None
    for name, cands in (("subtotal", subs), ("tax", taxes)):
        usable = cands
        if name == "tax" and pair is None:
            usable = [c for c in cands if c.value != 0 and c.value != total_value] or cands
        elif name == "subtotal" and total_value is not None:
            usable = [c for c in cands if abs(c.value) <= abs(total_value)]
        if usable:
            c = usable[0]
            agrees = name == "subtotal" and line_sum is not None and abs(line_sum - c.value) < TOL
            out[name] = _field(c, (0.85 if agrees else 0.45) + 0.15 * min(c.score, 1.0))
    _tax_below_base(out, subs, taxes)
    if "total" not in out and "subtotal" in out and "tax" not in out:
        # the only total printed is a net one ("Net Total"): it is what is to be paid
        sub = out["subtotal"]
        out["total"] = Field(
            sub.value, round(sub.confidence * 0.7, 3), "computed", sub.box, sub.raw
        )
    if "total" in out and "subtotal" in out:
        # a tax row's label unread: its rate and the difference of the two say it
        due, base = (_as_candidate(out[k]) for k in ("total", "subtotal"))
        tax = out.get("tax")
        if tax is None or abs(base.value + Decimal(str(tax.value)) - due.value) >= TOL:
            if (found := tax_between(reading, [due], [base], money_in)) is not None:
                out["tax"] = _field(found[2], 0.8)
            elif tax is not None and _tax_misread(reading, tax, due.value, base.value):
                # on a scan, the total less the net is the tax read with one digit wrong
                # ("424.31" for 124.31): the total and net would need more than one
                out["tax"] = Field(format_money(due.value - base.value), 0.6, "computed", tax.box)
    if "subtotal" not in out and "total" in out and "tax" in out:
        _net_of_taxes(reading, out, labelled_taxes, line_sum)
    if (read := out.get("total")) and (net_field := out.get("subtotal")) and "tax" not in out:
        net = Decimal(net_field.value)
        scanned = read.box is not None and read.box.page in reading.ocr_pages
        if scanned and line_sum == net and one_digit_off(Decimal(read.value), net):
            if not _charges(reading):  # nothing added to the net: the total misread
                out["total"] = Field(net_field.value, 0.6, "computed", read.box, read.raw)
    return out


def _tax_misread(reading: Reading, tax: Field, due: Decimal, net: Decimal) -> bool:
    """Whether ``tax``, read by OCR, is the total (``due``) less the ``net`` with one digit
    misread, and that difference a tax the net can bear (no rate above the highest), where
    nothing else explains the difference."""
    scanned = tax.box is not None and tax.box.page in reading.ocr_pages
    gap, read = due - net, Decimal(str(tax.value))
    if not (scanned and 0 < gap <= net * MAX_RATE / 100 and digit_misread(read, gap)):
        return False
    # a tax that is a printed rate of the net was read right: the total holds more (a
    # rounding, a charge), and so does a total the block adds a rounding or charge to
    rated = any(abs(net * rate / 100 - read) < TOL for rate in printed_rates(reading.text))
    return not rated and not _charges(reading)


def _net_and_tax(
    reading: Reading, pair: tuple[Candidate, Candidate] | None, totals: list[Candidate]
) -> Field | None:
    """Net plus tax as the total, where a printed rate confirms them (``pair``) and no
    total read is more: every total read is less (OCR misread it: "§5.222,12"), or none
    is, and their sum is printed (its label unread; an "Amount" heading the items)."""
    if pair is None or any(c.value > pair[0].value for c in totals):
        return None
    net, tax = pair
    made_of = net.value + tax.value
    below = bool(totals) and all(c.value < net.value for c in totals)
    if not below and made_of not in printed_amounts(reading):
        return None
    return Field(format_money(made_of), 0.6, "computed", raw=f"{net.raw} + {tax.raw}")


def _net_of_taxes(
    reading: Reading, out: dict[str, Field], taxes: list[Candidate], line_sum: Decimal | None
) -> None:
    """The subtotal where no label named it: the total less the tax. A document that
    charges several rates prints one tax row per rate, and the tax is then their sum, not
    the first row: the total less a tax (one row's, or the sum of two or three rows) is
    taken where the lines' sum or an amount printed on the page confirms it, else the
    total less the tax read."""
    total = Decimal(out["total"].value)
    printed = printed_amounts(reading)
    out_tax = _as_candidate(out["tax"])
    charged = {Decimal(0), _charges(reading)}  # a rounding ("Round Off (-)0.90"), freight
    for x, net in (
        (x, total - x.value - c) for x in [out_tax, *summed_taxes(taxes)] for c in charged
    ):
        if net > 0 and ((line_sum is not None and abs(line_sum - net) < TOL) or net in printed):
            if x is not out_tax:
                out["tax"] = _field(x, 0.8)
            out["subtotal"] = Field(format_money(net), 0.7, "computed", raw=f"total - {x.raw}")
            return
    net = total - out_tax.value
    if net > 0:  # a tax as large as the total was no tax of it
        out["subtotal"] = Field(format_money(net), 0.5, "computed", raw="total - tax")
