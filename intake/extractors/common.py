"""Field finders shared by every extractor: labelled values, amounts checked by their
arithmetic, parties (vendor and buyer), currency."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from intake.extractors.fields import clean_id, find_amounts, parse_date
from intake.extractors.fields.idents import looks_like_id
from intake.extractors.fields.money import format_money
from intake.extractors.labels import LABELS, compile_labels
from intake.extractors.layout import Cell
from intake.extractors.reading import Reading
from intake.record import Box, Field

__all__ = [
    "Candidate",
    "best",
    "find_amount_fields",
    "find_currency",
    "find_date",
    "find_id",
    "find_parties",
]


@dataclass(frozen=True)
class Candidate:
    value: Any
    score: float
    box: Box | None
    raw: str


@cache
def _patterns(field: str) -> list[tuple[re.Pattern[str], float]]:
    return compile_labels(LABELS[field])


Parser = Callable[[Reading, Cell], tuple[Any, Box, str] | None]


def labelled(
    reading: Reading, field: str, parse: Parser, *, pages: int | None = 2
) -> Iterator[Candidate]:
    """Values found beside (score x1.0) or below (x0.8, less with distance) a label."""
    layout = reading.layout
    for pattern, weight in _patterns(field):
        for hit in layout.find(pattern, pages=pages):
            right = layout.right_of(hit)
            if right is not None and (got := parse(reading, right)) is not None:
                yield Candidate(got[0], weight, got[1], got[2])
                continue
            for distance, cell in enumerate(layout.below(hit)):
                if (got := parse(reading, cell)) is not None:
                    yield Candidate(got[0], weight * 0.8 * 0.9**distance, got[1], got[2])
                    break


def best(candidates: Iterator[Candidate] | list[Candidate], source: str = "layout") -> Field | None:
    """The value with the highest summed score; agreement between labels raises it."""
    totals: dict[Any, float] = {}
    first: dict[Any, Candidate] = {}
    for c in candidates:
        key = c.value
        totals[key] = totals.get(key, 0.0) + c.score
        if key not in first or c.score > first[key].score:
            first[key] = c
    if not totals:
        return None
    key = max(totals, key=lambda k: totals[k])
    c = first[key]
    confidence = min(0.99, 0.5 + 0.4 * min(totals[key], 1.25))
    return Field(c.value, confidence, source, c.box, c.raw)


# --- parsers: (reading, cell) -> (value, box, raw) or None -------------------------------

_ID_TOKEN = re.compile(r"[A-Za-z0-9][\w\-/.]*[A-Za-z0-9]|[0-9]")


def parse_id(reading: Reading, cell: Cell) -> tuple[Any, Box, str] | None:
    text = cell.text
    for m in _ID_TOKEN.finditer(text):
        token = clean_id(m.group(0))
        if m.start() > 12:
            return None
        if looks_like_id(token) and parse_date(token, reading.date_order) is None:
            return token, cell.span_box(m.start(), m.end()), m.group(0)
    return None


def parse_date_cell(reading: Reading, cell: Cell) -> tuple[Any, Box, str] | None:
    from intake.extractors.fields.dates import find_dates

    for start, end, date in find_dates(cell.text, reading.date_order):
        if start <= 12:
            return date.isoformat(), cell.span_box(start, end), cell.text[start:end]
        return None
    return None


def _amount_in(reading: Reading, cell: Cell, *, last: bool) -> tuple[Any, Box, str] | None:
    found = [
        (s, e, v)
        for s, e, v in find_amounts(cell.text, reading.decimal_comma)
        if "." in cell.text[s:e] or "," in cell.text[s:e] or len(cell.text[s:e]) <= 7
    ]
    found = [f for f in found if not _is_percent(cell.text, f[1])]
    if not found:
        return None
    s, e, v = found[-1] if last else found[0]
    return v, cell.span_box(s, e), cell.text[s:e]


def _is_percent(text: str, end: int) -> bool:
    return text[end : end + 2].strip().startswith("%")


# --- finders -----------------------------------------------------------------------------


def find_id(reading: Reading, field: str) -> Field | None:
    return best(labelled(reading, field, parse_id))


def find_date(reading: Reading, field: str) -> Field | None:
    return best(labelled(reading, field, parse_date_cell))


def _amount_candidates(reading: Reading, field: str) -> list[Candidate]:
    layout = reading.layout
    out: list[Candidate] = []
    for pattern, weight in _patterns(field):
        for hit in layout.find(pattern, pages=None):
            line = layout.lines[hit.cell.line]
            rest = hit.cell.tail(hit.match.end())
            cells = ([rest] if rest else []) + [c for c in line.cells if c.x0 > hit.cell.x1]
            got = None
            for cell in reversed(cells):
                got = _amount_in(reading, cell, last=True)
                if got:
                    break
            if got is not None:
                out.append(Candidate(got[0], weight, got[1], got[2]))
                continue
            for cell in layout.below(hit, max_lines=2):
                got = _amount_in(reading, cell, last=False)
                if got is not None:
                    out.append(Candidate(got[0], weight * 0.7, got[1], got[2]))
                    break
    # later pages and lower lines hold the final totals: prefer them slightly
    return out


def _top(cands: list[Candidate], n: int = 6) -> list[Candidate]:
    merged: dict[Decimal, Candidate] = {}
    for c in cands:
        prev = merged.get(c.value)
        if prev is None or c.score > prev.score:
            merged[c.value] = c
    return sorted(merged.values(), key=lambda c: -c.score)[:n]


def find_amount_fields(reading: Reading) -> dict[str, Field]:
    """total, subtotal and tax, chosen together so that subtotal + tax = total holds when
    the document allows it."""
    totals = _top(_amount_candidates(reading, "total"))
    subs = _top(_amount_candidates(reading, "subtotal"))
    taxes = _top(_amount_candidates(reading, "tax"))
    out: dict[str, Field] = {}

    def field(c: Candidate, confidence: float) -> Field:
        return Field(format_money(c.value), confidence, "layout", c.box, c.raw)

    best_combo: tuple[float, Candidate, Candidate, Candidate] | None = None
    for t, s, x in itertools.product(totals, subs, taxes):
        if t.value > 0 and s.value + x.value == t.value and s.value != t.value:
            score = t.score + s.score + x.score
            if best_combo is None or score > best_combo[0]:
                best_combo = (score, t, s, x)
    if best_combo is not None:
        _, t, s, x = best_combo
        return {"total": field(t, 0.97), "subtotal": field(s, 0.95), "tax": field(x, 0.93)}
    # No consistent triple: the largest well-labelled total (totals include the parts).
    if totals:
        top = max(c.score for c in totals)
        strong = [c for c in totals if c.score >= top - 0.05]
        t = max(strong, key=lambda c: c.value)
        out["total"] = field(t, 0.5 + 0.3 * t.score)
    if subs and (t_field := out.get("total")):
        s_best = subs[0]
        if s_best.value != Decimal(t_field.value):
            out["subtotal"] = field(s_best, 0.5 + 0.3 * s_best.score)
    elif subs:
        out["subtotal"] = field(subs[0], 0.5 + 0.3 * subs[0].score)
    if taxes:
        non_zero = [c for c in taxes if c.value != 0] or taxes
        out["tax"] = field(non_zero[0], 0.4 + 0.3 * non_zero[0].score)
    return out


def find_currency(reading: Reading) -> Field | None:
    if reading.currency is None:
        return None
    return Field(reading.currency, 0.8, "text")


# --- parties -------------------------------------------------------------------------------

LEGAL_SUFFIX = re.compile(
    r"\b(?:inc|incorporated|ltd|limited|llc|llp|plc|gmbh|ag|kg|ohg|ug|e\.?\s?k|sa|sas|sarl|"
    r"s\.?\s?a\.?\s?r\.?\s?l|sl|s\.?\s?l\.?\s?u|bv|b\.?\s?v|nv|n\.?\s?v|corp|corporation|"
    r"company|co|pty|sdn\.?\s?bhd|bhd|pte|srl|spa|oy|ab|as|aps)\b\.?",
    re.IGNORECASE,
)
_NOT_NAME = re.compile(
    r"\d{3,}|@|www\.|https?:|\b(?:invoice|rechnung|facture|factura|factuur|page|seite|date|"
    r"total|tel|phone|fax|email|iban|bic|vat|tax|street|str\.|road|avenue)\b",
    re.IGNORECASE,
)


def _name_from(cell: Cell) -> str | None:
    text = cell.text.strip(" :,-")
    if len(text) < 2 or len(text) > 80 or not re.search(r"[A-Za-zÀ-ÿ]{2}", text):
        return None
    if _NOT_NAME.search(text):
        return None
    return text


def find_parties(reading: Reading) -> dict[str, Field]:
    """vendor (the issuer) and buyer (the addressee)."""
    layout = reading.layout
    out: dict[str, Field] = {}
    buyer_lines: set[int] = set()
    buyer_cands: list[Candidate] = []
    for pattern, weight in _patterns("buyer"):
        for hit in layout.find(pattern, pages=1):
            right = layout.right_of(hit)
            cells = ([right] if right else []) + list(layout.below(hit))
            for cell in cells:
                name = _name_from(cell)
                if name:
                    buyer_cands.append(Candidate(name, weight, cell.box, cell.text))
                    buyer_lines.update(range(cell.line, cell.line + 4))
                    break
    if buyer := best(buyer_cands):
        out["buyer"] = buyer

    vendor_cands: list[Candidate] = []
    for pattern, weight in _patterns("vendor"):
        for hit in layout.find(pattern, pages=1):
            right = layout.right_of(hit)
            for cell in ([right] if right else []) + list(layout.below(hit)):
                name = _name_from(cell)
                if name:
                    vendor_cands.append(Candidate(name, weight * 1.2, cell.box, cell.text))
                    break
    first_page = [ln for ln in layout.lines if ln.page == 1]
    if first_page:
        heights = sorted(c.height for ln in first_page for c in ln.cells)
        median = heights[len(heights) // 2]
        for rank, line in enumerate(first_page[:25]):
            if line.index in buyer_lines:
                continue
            for cell in line.cells:
                name = _name_from(cell)
                if not name:
                    continue
                score = 0.0
                if LEGAL_SUFFIX.search(name):
                    score += 0.6
                size = cell.height / median if median else 1.0
                if size > 1.2:
                    score += min(0.25 * size, 0.6)
                score += max(0.0, 0.3 - 0.02 * rank)
                if score >= 0.5:
                    vendor_cands.append(Candidate(name, score, cell.box, cell.text))
    if vendor_cands:
        top = max(vendor_cands, key=lambda c: c.score)
        buyer_value = out["buyer"].value if "buyer" in out else None
        if top.value != buyer_value:
            out["vendor"] = Field(
                top.value, min(0.95, 0.4 + 0.4 * top.score), "layout", top.box, top.raw
            )
    return out
