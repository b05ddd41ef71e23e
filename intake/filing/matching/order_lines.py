"""One invoice line against the order line it bills: the statuses, the tolerances, how
lines are paired and how each pair is judged and explained (see :mod:`.orders`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from rapidfuzz import fuzz

from intake.db.models import Document, LineItem
from intake.filing.matching.catalog_index import fuzzy_text
from intake.keys import code_key
from intake.settings import Settings

__all__ = [
    "CENT",
    "EPSILON",
    "HELD",
    "MATCHED",
    "NO_PO",
    "OVER_BILLED",
    "PRICE_MISMATCH",
    "QUANTITY_MISMATCH",
    "SEVERITY",
    "STATUSES",
    "Tolerances",
    "Verdict",
    "check_line",
    "money_text",
    "pair_lines",
]

MATCHED = "matched"
PRICE_MISMATCH = "price_mismatch"
QUANTITY_MISMATCH = "quantity_mismatch"
OVER_BILLED = "over_billed"
NO_PO = "no_po"
STATUSES = (MATCHED, PRICE_MISMATCH, QUANTITY_MISMATCH, OVER_BILLED, NO_PO)
SEVERITY = {MATCHED: 0, PRICE_MISMATCH: 1, QUANTITY_MISMATCH: 2, OVER_BILLED: 3}
#: Statuses that hold an invoice back from export until a person accepts it.
HELD = frozenset({PRICE_MISMATCH, QUANTITY_MISMATCH, OVER_BILLED})
#: How alike two descriptions must be (0..100) to pair lines that share no product or code.
PAIR_SIMILARITY = 80
CENT = Decimal("0.01")
EPSILON = Decimal("0.0001")


@dataclass(frozen=True)
class Tolerances:
    price: Decimal
    quantity: Decimal

    @classmethod
    def of(cls, settings: Settings) -> Tolerances:
        return cls(
            Decimal(str(settings.price_tolerance)), Decimal(str(settings.quantity_tolerance))
        )


def _n(value: Decimal | None) -> str:
    if value is None:
        return "?"
    text = f"{value.normalize():f}"
    return text if "." not in text or len(text.split(".")[1]) >= 2 else f"{value:.2f}"


def money_text(value: Decimal) -> str:
    return f"{value.quantize(CENT):f}"


def _pct(value: Decimal) -> str:
    return f"{(value * 100).normalize():f} %"


def _unit_price(line: LineItem) -> Decimal | None:
    if line.unit_price is not None:
        return line.unit_price
    if line.amount is not None and line.quantity:
        return line.amount / line.quantity
    return None


def _label(line: LineItem) -> str:
    what = " ".join(p for p in (line.code or "", line.description or "") if p).strip()
    return f"line {line.position + 1}" + (f" ({what[:60]})" if what else "")


# --- pairing lines -------------------------------------------------------------------------


def pair_lines(
    invoice_lines: Sequence[LineItem], order_lines: Sequence[LineItem]
) -> dict[int, LineItem | None]:
    """Each invoice line (by id) with the order line it bills, or None."""
    free = list(order_lines)
    pairs: dict[int, LineItem | None] = {ln.id: None for ln in invoice_lines}
    tests = (
        lambda a, b: a.product_id is not None and a.product_id == b.product_id,
        lambda a, b: bool(a.code and b.code and code_key(a.code) == code_key(b.code)),
    )
    for same in tests:
        for line in invoice_lines:
            if pairs[line.id] is not None:
                continue
            match = next((o for o in free if same(line, o)), None)
            if match is not None:
                pairs[line.id] = match
                free.remove(match)
    for line in invoice_lines:
        if pairs[line.id] is not None or not free or not line.description:
            continue
        text = fuzzy_text(line.description)
        scored = [(fuzz.token_sort_ratio(text, fuzzy_text(o.description or "")), o) for o in free]
        score, best = max(scored, key=lambda t: t[0])
        if score >= PAIR_SIMILARITY:
            pairs[line.id] = best
            free.remove(best)
    return pairs


# --- checking ------------------------------------------------------------------------------


@dataclass
class Verdict:
    status: str
    explanation: str


def check_line(
    line: LineItem,
    ordered: LineItem | None,
    order: Document,
    billed_before: Decimal,
    tol: Tolerances,
) -> Verdict:
    ref = order.number or f"document {order.id}"
    if ordered is None:
        return Verdict(OVER_BILLED, f"{_label(line)}: not on order {ref}")
    where = f"order {ref} line {ordered.position + 1}"
    problems: list[tuple[str, str]] = []
    notes: list[str] = []
    price, want = _unit_price(line), _unit_price(ordered)
    if price is not None and want is not None:
        if abs(price - want) > want * tol.price + EPSILON:
            change = (price - want) / want if want else Decimal(1)
            problems.append(
                (
                    PRICE_MISMATCH,
                    f"billed at {money_text(price)}, ordered at {money_text(want)} "
                    f"({'+' if change > 0 else ''}{_pct(change.quantize(Decimal('0.001')))}, "
                    f"tolerance {_pct(tol.price)})",
                )
            )
    qty, ordered_qty = line.quantity, ordered.quantity
    if qty is not None and ordered_qty is not None:
        still_open = ordered_qty - billed_before
        allowed = still_open + ordered_qty * tol.quantity
        if qty > allowed + EPSILON:
            if qty > ordered_qty * (1 + tol.quantity) + EPSILON:
                problems.append(
                    (
                        QUANTITY_MISMATCH,
                        f"billed {_n(qty)}, ordered {_n(ordered_qty)} "
                        f"({_n(qty - ordered_qty)} more than ordered)",
                    )
                )
            else:
                problems.append(
                    (
                        OVER_BILLED,
                        f"billed {_n(qty)} of {_n(ordered_qty)} ordered, but earlier invoices "
                        f"billed {_n(billed_before)} already: "
                        f"{_n(qty - max(still_open, Decimal(0)))} more than ordered in all",
                    )
                )
        elif qty < still_open - EPSILON:
            notes.append(f"partial: {_n(qty)} of {_n(still_open)} open, the rest stays open")
    if not problems:
        detail = "; ".join(notes) if notes else "quantity and unit price as ordered"
        return Verdict(MATCHED, f"{_label(line)}: {detail} ({where})")
    status = max((p[0] for p in problems), key=SEVERITY.__getitem__)
    text = "; ".join(p[1] for p in problems)
    return Verdict(status, f"{_label(line)}: {text} ({where})")
