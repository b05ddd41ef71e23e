"""The tax whose label was not read, found by the arithmetic of the totals block.

A totals block prints the subtotal, the tax row ("VAT 21 %  9,729.93") and the total, top
to bottom. OCR misreads a short label now and then ("BTW" as "BIW", "IVA" as "1VA"), and a
tax label may be one no vocabulary pack holds; the subtotal and the total are then read
and the tax is not. But the tax row still says what it is by its figures: it prints a
rate, and an amount that is that rate of the subtotal (to the cent) and is also the
difference between the total and the subtotal, on a row between the two. Those three
checks together make the row the tax whatever its label reads as; a row without a rate
(a freight charge, a rounding adjustment) is not taken. Several rates print a row each,
and their amounts add up to the difference. It only fills a tax left empty, or one
that does not add up, between a total and a subtotal already chosen: letting it choose
them too moved shop receipts' totals (their dev check half 0.821 -> 0.817).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from intake.extractors.extraction.amount_tables import Money
from intake.extractors.extraction.analysis import Reading
from intake.extractors.extraction.candidates import Candidate
from intake.extractors.extraction.tax_rates import MAX_RATE, printed_rates

__all__ = ["tax_between"]

CENT = Decimal("0.01")
#: How far a rate x subtotal may be from the tax printed (rounding to the cent, each rate).
TOL = Decimal("0.011")
#: Figures with separators anywhere ("2.58232"): a number whose separator OCR moved, or
#: lost to a space ("1210 72"); a run of such groups is tried from each group on.
_FIGURES = re.compile(r"(?<![\d.,])\d(?:[\d.,]| (?=\d))*\d(?![\d.,%]|\s?%)")
#: At most this many tax rows, one per rate, add up to the tax.
MAX_ROWS = 3
#: Score of a tax found this way (a labelled tax row scores 0.5-1.0).
SCORE = 0.4


def tax_between(
    reading: Reading, totals: list[Candidate], subs: list[Candidate], money: Money
) -> tuple[Candidate, Candidate, Candidate] | None:
    """(total, subtotal, tax) where a row between a subtotal and a total below it prints a
    rate and an amount (read by ``money``) that is both that rate of the subtotal and
    their difference."""
    for t in totals:
        for s in subs:
            if t.box is None or s.box is None or t.box.page != s.box.page:
                continue
            gap = t.value - s.value
            if gap <= 0 or gap > s.value * MAX_RATE / 100:
                continue
            if abs(t.box.top - s.box.top) < 2:  # a tax summary's row: rate, net, tax, gross
                found = _on_row(reading, s, gap, money)
            elif s.box.bottom <= t.box.top:
                found = _row_between(reading, t, s, gap, money)
            else:
                continue
            if found is not None:
                return t, s, found
    return None


def _on_row(reading: Reading, s: Candidate, gap: Decimal, money: Money) -> Candidate | None:
    """The tax printed on the subtotal's own row, beside the total: a tax summary's row
    ("8.25% | 947.10 | 11,480.00 | 12,427.10") whose rate of the subtotal is the gap."""
    assert s.box is not None
    for line in reading.layout.lines:
        if line.page != s.box.page or abs(line.top - s.box.top) >= 2:
            continue
        if any(_is_rate_of(s.value, r, gap) for r in printed_rates(line.text)):
            for value, box, raw in (a for cell in line.cells for a in money(reading, cell)):
                if abs(value - gap) < TOL:
                    return Candidate(gap, SCORE, box, raw)
    return None


def _row_between(
    reading: Reading, t: Candidate, s: Candidate, gap: Decimal, money: Money
) -> Candidate | None:
    """The tax row(s) between ``s`` and ``t``: one row whose rate of the subtotal is the
    gap, its amount printed (or its digits, where OCR moved the decimal separator:
    "2.58232" for "2.582,32"); or up to :data:`MAX_ROWS` rows, each with a rate, whose
    amounts add up to the gap (one row per rate, each on its share of the subtotal), one
    of them by its digits where OCR moved its separator."""
    assert t.box is not None and s.box is not None
    digits = _digits(f"{gap:.2f}")
    taxed: list[Candidate] = []
    unread: list[list[str]] = []  # the figures of each rate's row without an amount read
    for line in reading.layout.lines:
        if line.page != s.box.page or not s.box.bottom <= line.top < t.box.top:
            continue
        rates = [r for r in printed_rates(line.text) if 0 < r <= MAX_RATE]
        if not rates:
            continue
        amounts = [a for cell in line.cells for a in money(reading, cell)]
        if any(_is_rate_of(s.value, r, gap) for r in rates):
            for value, box, raw in amounts:
                if abs(value - gap) < TOL:
                    return Candidate(gap, SCORE, box, raw)
            for cell in line.cells:
                for start, end in _figures(cell.text):
                    if _digits(cell.text[start:end]) == digits:
                        return Candidate(
                            gap, SCORE, cell.span_box(start, end), cell.text[start:end]
                        )
        fits = [a for a in amounts if 0 < a[0] <= s.value * max(rates) / 100 + TOL]
        if fits:
            value, box, raw = fits[-1]  # the row's amount is printed last
            taxed.append(Candidate(value, SCORE, box, raw))
        else:
            unread.append([cell.text[a:b] for cell in line.cells for a, b in _figures(cell.text)])
    if 2 <= len(taxed) <= MAX_ROWS and abs(sum(c.value for c in taxed) - gap) < TOL:
        return Candidate(gap, SCORE, taxed[0].box, " + ".join(c.raw for c in taxed))
    if taxed and len(unread) == 1 and len(taxed) < MAX_ROWS:
        # one rate's row read as no amount ("3.88434" for "3.884,34"): what the others
        # leave of the gap, where its digits are that row's figures
        rest = gap - sum(c.value for c in taxed)
        want = _digits(f"{rest:.2f}")
        if rest > 0 and any(_digits(f) == want for f in unread[0]):
            return Candidate(gap, SCORE, taxed[0].box, " + ".join([*(c.raw for c in taxed), want]))
    return None


def _digits(text: str) -> str:
    """The digits of a figure, leading zeros dropped: how a figure whose separators OCR
    moved or lost is compared with an amount."""
    return re.sub(r"\D", "", text).lstrip("0")


def _figures(text: str) -> list[tuple[int, int]]:
    """The spans of the figures in ``text`` (:data:`_FIGURES`), each run of space-separated
    groups also from each of its later groups on ("19 1210 72": also "1210 72" and "72")."""
    spans = []
    for m in _FIGURES.finditer(text):
        spans.append(m.span())
        spans += [(m.start() + g.end(), m.end()) for g in re.finditer(r" ", m.group(0))]
    return spans


def _is_rate_of(base: Decimal, rate: Decimal, tax: Decimal) -> bool:
    return (
        0 < rate <= MAX_RATE and abs((base * rate / 100).quantize(CENT, ROUND_HALF_UP) - tax) < TOL
    )
