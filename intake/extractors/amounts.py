"""Totals, subtotals and tax: found on labelled rows, then chosen together so that their
arithmetic holds (subtotal + tax = total, and the line amounts add up to the subtotal)."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

from intake.extractors.candidates import Candidate
from intake.extractors.fields import find_amounts
from intake.extractors.fields.money import format_money
from intake.extractors.layout import Cell, Hit
from intake.extractors.reading import Reading
from intake.record import Box, Field

__all__ = ["find_amount_fields", "money_in"]

_CURRENCY_NEAR = re.compile(
    r"[€$£¥₹]|\b(?:EUR|USD|GBP|CHF|RM|PLN|INR|CAD|AUD|SEK|NOK|DKK)\b", re.IGNORECASE
)
_GROSS = re.compile(r"gross|brutto|ttc|total|amount|betrag|montant|importe|bedrag", re.I)
_NET = re.compile(r"\bnet\b|netto|\bht\b|comm|discount|rabatt|remise|rate|price|qty", re.I)
TOL = Decimal("0.011")


def money_in(reading: Reading, cell: Cell) -> list[tuple[Decimal, Box, str]]:
    """Amounts in a cell that look like money: with decimals, or beside a currency sign."""
    text = cell.text
    out = []
    for start, end, value in find_amounts(text, reading.decimal_comma):
        raw = text[start:end]
        after = text[end : end + 2].strip()
        if after.startswith("%"):
            continue
        has_cents = bool(re.search(r"[.,]\d{2}$", raw))
        near = _CURRENCY_NEAR.search(text[max(0, start - 4) : end + 5])
        if not (has_cents or near):
            continue
        out.append((value, cell.span_box(start, end), raw))
    return out


def _header_word(reading: Reading, cell: Cell) -> str:
    for above in reading.layout.above(cell, max_lines=4):
        if not any(ch.isdigit() for ch in above.text):
            return above.text
    return ""


def _row_amount(reading: Reading, hit: Hit, field: str) -> tuple[Decimal, Box, str] | None:
    """The field's amount on the label's row: the largest for a total (gross beats net,
    commission and tax), the rightmost otherwise; a column header saying "net" or "rate"
    disqualifies an amount."""
    layout = reading.layout
    rest = hit.cell.tail(hit.match.end())
    cells = ([rest] if rest else []) + layout.cells_right(hit.cell)
    found: list[tuple[Decimal, Box, str, Cell]] = []
    for cell in cells:
        for value, box, raw in money_in(reading, cell):
            found.append((value, box, raw, cell))
    if not found:
        return None
    if len(found) > 1:
        headed = [f for f in found if not _NET.search(_header_word(reading, f[3]))]
        gross = [f for f in headed if _GROSS.search(_header_word(reading, f[3]))]
        found = gross or headed or found
    if field == "total":
        value, box, raw, _ = max(found, key=lambda f: f[0])
    else:
        value, box, raw, _ = found[-1]
    return value, box, raw


def _candidates(reading: Reading, field: str) -> list[Candidate]:
    layout = reading.layout
    out: list[Candidate] = []
    last_page = reading.record.pages[-1].number if reading.record.pages else 1
    for hit in layout.labels(field):
        got = _row_amount(reading, hit, field)
        score = hit.weight
        if got is None:
            for cell in layout.below(hit, max_lines=2):
                found = money_in(reading, cell)
                if found:
                    got = found[0]
                    score *= 0.75
                    break
        if got is None:
            continue
        if hit.cell.page == last_page:
            score += 0.02  # final totals sit on the last page
        out.append(Candidate(got[0], score, got[1], got[2]))
    return out


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


def find_amount_fields(reading: Reading, line_sum: Decimal | None = None) -> dict[str, Field]:
    """total, subtotal and tax, checked against each other (and against ``line_sum``, the
    sum of the line items' amounts, when known)."""
    totals = _top(_candidates(reading, "total"))
    subs = _top(_candidates(reading, "subtotal"))
    taxes = _top(_candidates(reading, "tax"))

    best: tuple[float, Candidate, Candidate, Candidate] | None = None
    for t, s, x in itertools.product(totals, subs, taxes):
        if t.value > 0 and x.value != 0 and abs(s.value + x.value - t.value) < TOL:
            score = t.score + s.score + x.score
            if line_sum is not None and abs(line_sum - s.value) < TOL:
                score += 0.5
            if best is None or score > best[0]:
                best = (score, t, s, x)
    if best is not None:
        _, t, s, x = best
        return {"total": _field(t, 0.97), "subtotal": _field(s, 0.95), "tax": _field(x, 0.93)}

    out: dict[str, Field] = {}
    if totals:
        top_score = totals[0].score
        close = [c for c in totals if c.score >= top_score - 0.05]
        t = max(close, key=lambda c: c.value)
        agrees = line_sum is not None and abs(line_sum - t.value) < TOL
        out["total"] = _field(t, (0.9 if agrees else 0.5) + 0.3 * min(t.score, 1.0) * 0.5)
    total_value = Decimal(out["total"].value) if "total" in out else None
    for name, cands in (("subtotal", subs), ("tax", taxes)):
        usable = cands
        if name == "tax":
            usable = [c for c in cands if c.value != 0 and c.value != total_value] or cands
        elif total_value is not None:
            usable = [c for c in cands if c.value <= total_value]
        if usable:
            c = usable[0]
            agrees = name == "subtotal" and line_sum is not None and abs(line_sum - c.value) < TOL
            out[name] = _field(c, (0.85 if agrees else 0.45) + 0.15 * min(c.score, 1.0))
    return out
