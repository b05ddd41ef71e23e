"""Subtotal and tax told apart by the rates a document prints.

A tax is its base times a rate, and every rate a document charges is printed on it ("USt
19 %", "TVA 20,00 %", "Tax 8.25%"). Where no total confirms a subtotal and a tax (a partial
invoice, a total after a prepayment, a page with no total), the pair of labelled amounts
whose ratio is one of those rates is the subtotal and its tax, whichever label each sat
under: a tax table prints base and tax on one row, so the two are easily swapped.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

from intake.extractors.extraction.candidates import Candidate

__all__ = ["printed_rates", "rated_tax", "rates_head", "summed_taxes", "taxed_pair"]

#: a percentage: "19 %", "20,00%", "8.25 %"; a separator with no decimals after it is
#: still the whole number (OCR reads a space before the sign as a speck: "7.%")
_RATE = re.compile(r"(?<![\d.,])(\d{1,2}(?:[.,]\d{0,3})?)\s?%")
#: tax rates in use anywhere are below this (percent)
MAX_RATE = Decimal(30)
#: a tax is rounded to the cent (per line or per rate): this far from base x rate it may be
TOL = Decimal("0.011")


def printed_rates(text: str) -> set[Decimal]:
    """The percentages printed in ``text`` that can be tax rates (0 included)."""
    out = set()
    for m in _RATE.finditer(text):
        rate = Decimal(m.group(1).replace(",", "."))
        if rate <= MAX_RATE:
            out.add(rate)
    return out


def rates_head(text: str) -> bool:
    """Whether a tax's label is a column's head over the rates: a percent sign and no
    figure ("%IVA", "MwSt. %"), where "MwSt. 19 %" over an amount labels that amount."""
    return "%" in text and not any(ch.isdigit() for ch in text)


def rated_tax(text: str, values: list[Decimal]) -> Decimal | None:
    """The tax among the amounts of a tax row that prints its rate and the base it is
    charged on ("TVA 2,6 % sur 3'340.50   86.85", "MwSt. 19 % auf 100,00  19,00"): the
    amount that is the rate of another, to the cent; None where none is."""
    for rate in printed_rates(text):
        for base in values:
            for tax in values:
                if tax is not base and rate and abs(base * rate / 100 - tax) <= Decimal("0.01"):
                    return tax
    return None


#: At most this many tax rows are added up (a document charges two or three rates).
MAX_RATES = 3


def summed_taxes(taxes: list[Candidate]) -> list[Candidate]:
    """The tax of a document that charges several rates: one tax row per rate ("USt 19 %",
    "USt 7 %"), whose sum is the tax that joins subtotal and total. Sums of two or three
    labelled taxes, each printed on a row of its own; as sure as the least sure of them."""
    rows: dict[tuple[int, int], Candidate] = {}
    for c in taxes:
        if c.box is None or c.value <= 0:
            continue
        key = (c.box.page, round(c.box.top))
        if key not in rows or c.score > rows[key].score:
            rows[key] = c
    distinct = list(rows.values())
    out: list[Candidate] = []
    for size in range(2, min(MAX_RATES, len(distinct)) + 1):
        for group in itertools.combinations(distinct, size):
            value = sum((c.value for c in group), Decimal(0))
            raw = " + ".join(c.raw for c in group)
            out.append(Candidate(value, min(c.score for c in group), None, raw))
    return out


def taxed_pair(
    subs: list[Candidate], taxes: list[Candidate], rates: set[Decimal]
) -> tuple[Candidate, Candidate] | None:
    """The (subtotal, tax) among the labelled amounts whose tax is the subtotal times one
    printed rate, the best labelled pair first; None when no pair, or when two pairs of
    different amounts are equally good (no guess between them)."""
    positive = {r for r in rates if r > 0}
    if not positive and Decimal(0) not in rates:
        return None
    pool = [(c, c in subs, c in taxes) for c in {id(c): c for c in subs + taxes}.values()]
    scored: list[tuple[float, Candidate, Candidate]] = []
    for s, s_is_sub, _ in pool:
        if s.value <= 0:
            continue
        for x, _, x_is_tax in pool:
            if x is s or x.value >= s.value or x.value < 0:
                continue
            if x.value == 0:
                fits = Decimal(0) in rates and x_is_tax
            else:
                fits = any(abs(s.value * r / 100 - x.value) < TOL for r in positive)
            if fits:
                score = s.score * (1.0 if s_is_sub else 0.6) + x.score * (1.0 if x_is_tax else 0.6)
                scored.append((score, s, x))
    if not scored:
        return None
    scored.sort(key=lambda e: -e[0])
    best = scored[0]
    for other in scored[1:]:
        if other[0] < best[0] - 1e-9:
            break
        if (other[1].value, other[2].value) != (best[1].value, best[2].value):
            return None
    return best[1], best[2]
