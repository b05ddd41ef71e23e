"""A price-history chart as plain geometry, for the product page to draw as inline SVG
(no script, no style attribute: the page's Content-Security-Policy allows neither).

One chart per currency: time across, unit price up, one line per vendor, a dot per
document (its title says which).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal

from intake.filing.dossier import PriceSeries

__all__ = ["Chart", "ChartSeries", "price_charts"]

COLORS = ("#1f6fb2", "#c2410c", "#15803d", "#7c3aed", "#b91c1c", "#0e7490", "#a16207", "#475569")
WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 12, 36


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    title: str
    document_id: int


@dataclass(frozen=True)
class ChartSeries:
    label: str
    color: str
    points: tuple[ChartPoint, ...]

    @property
    def path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


@dataclass(frozen=True)
class Chart:
    currency: str
    width: int
    height: int
    series: tuple[ChartSeries, ...]
    x_ticks: tuple[tuple[float, str], ...]
    y_ticks: tuple[tuple[float, str], ...]
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


def _nice_step(span: float, count: int = 4) -> float:
    raw = span / count if span > 0 else 1.0
    power = 10.0 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * power:
            return m * power
    return 10 * power


def _chart(currency: str, group: list[tuple[int, PriceSeries]]) -> Chart:
    points = [(p.date, float(p.unit_price)) for _, s in group for p in s.points]
    first = min(d for d, _ in points)
    last = max(d for d, _ in points)
    if first == last:
        first, last = first - dt.timedelta(days=15), last + dt.timedelta(days=15)
    low = min(v for _, v in points)
    high = max(v for _, v in points)
    step = _nice_step(high - low if high > low else max(high, 1.0))
    y0 = math.floor((low if high > low else 0.0) / step) * step
    y1 = math.ceil(high / step) * step
    if y1 <= y0:
        y1 = y0 + step
    days = (last - first).days
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_of(d: dt.date) -> float:
        return LEFT + plot_w * (d - first).days / days

    def y_of(v: float) -> float:
        return TOP + plot_h * (1 - (v - y0) / (y1 - y0))

    series = []
    for i, s in group:
        pts = tuple(
            ChartPoint(
                x_of(p.date),
                y_of(float(p.unit_price)),
                f"{s.vendor}: {p.unit_price} {currency} on {p.date}"
                f" ({(p.doc_type or 'document').replace('_', ' ')} {p.number or p.document_id})",
                p.document_id,
            )
            for p in s.points
        )
        series.append(ChartSeries(s.vendor, COLORS[i % len(COLORS)], pts))
    y_ticks = []
    v = y0
    while v <= y1 + step / 2:
        y_ticks.append((y_of(v), f"{Decimal(str(round(v, 6))).normalize():f}"))
        v += step
    n = min(5, max(2, days // 30 + 1))
    x_ticks = [
        (x_of(first + dt.timedelta(days=round(days * k / (n - 1)))),
         (first + dt.timedelta(days=round(days * k / (n - 1)))).isoformat())
        for k in range(n)
    ]  # fmt: skip
    return Chart(currency, WIDTH, HEIGHT, tuple(series), tuple(x_ticks), tuple(y_ticks))


def price_charts(history: tuple[PriceSeries, ...]) -> list[Chart]:
    """One chart per currency of the price history (vendors keep their colour across)."""
    by_currency: dict[str, list[tuple[int, PriceSeries]]] = {}
    for i, s in enumerate(history):
        if s.points:
            by_currency.setdefault(s.currency or "", []).append((i, s))
    return [_chart(currency, group) for currency, group in sorted(by_currency.items())]
