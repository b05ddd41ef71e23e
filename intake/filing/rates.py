"""Exchange rates: importing reference rates, and converting amounts with them.

A rate says that on a day one unit of a base currency was worth ``rate`` units of another
(the ECB's convention: EUR 1 = USD 1.0813). Two layouts are read:

* ``date,currency,rate`` (a header row, then one rate a row) against the base currency of
  the settings (``INTAKE_BASE_CURRENCY``);
* the ECB's reference-rate CSV (``eurofxref-hist.csv``: ``Date,USD,JPY,...`` with one day
  a row, ``N/A`` where a currency has no rate), against EUR.

An amount is converted at the rate of its day, or of the nearest earlier day that has one
(weekends and holidays have none), else of the first day after; through any base both
currencies have rates against.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import io
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.db.rates import ExchangeRate
from intake.errors import IntakeError

__all__ = ["RateImport", "Rates", "import_rates", "load_rates"]

logger = logging.getLogger(__name__)

MAX_ROWS = 2_000_000


@dataclass
class RateImport:
    layout: str  # "plain" or "ecb"
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text.strip())


def _rate(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() and value > 0 else None


def _code(text: str) -> str | None:
    code = text.strip().upper()
    return code if len(code) == 3 and code.isalpha() else None


def _parse(
    data: bytes, base: str
) -> tuple[str, list[tuple[dt.date, str, str, Decimal]], list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IntakeError("the rates file is not UTF-8 text") from exc
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise IntakeError(f"the rates file is not CSV: {exc}") from exc
    if not rows:
        raise IntakeError("the rates file is empty")
    head = [h.strip().lower() for h in rows[0]]
    out: list[tuple[dt.date, str, str, Decimal]] = []
    errors: list[str] = []
    if head[:3] == ["date", "currency", "rate"]:
        layout = "plain"
        for n, row in enumerate(rows[1:], start=2):
            if not any(c.strip() for c in row):
                continue
            try:
                day = _date(row[0])
                code, rate = _code(row[1]), _rate(row[2])
            except (IndexError, ValueError):
                errors.append(f"line {n}: not date,currency,rate")
                continue
            if code is None or rate is None:
                errors.append(f"line {n}: not a currency code and a positive rate")
                continue
            out.append((day, base, code, rate))
    elif head and head[0] == "date" and len(head) > 1:
        layout = "ecb"
        codes = [_code(h) for h in rows[0][1:]]
        for n, row in enumerate(rows[1:], start=2):
            if not any(c.strip() for c in row):
                continue
            try:
                day = _date(row[0])
            except ValueError:
                errors.append(f"line {n}: {row[0][:20]!r} is not a date")
                continue
            for code, cell in zip(codes, row[1:], strict=False):
                if code is None or not cell.strip() or cell.strip().upper() == "N/A":
                    continue
                if (rate := _rate(cell)) is None:
                    errors.append(f"line {n}: {cell[:20]!r} is not a rate for {code}")
                    continue
                out.append((day, "EUR", code, rate))
    else:
        raise IntakeError(
            "a rates file starts date,currency,rate or is the ECB's CSV (Date,USD,...)"
        )
    if len(out) > MAX_ROWS:
        raise IntakeError(f"more than {MAX_ROWS:,} rates in one file")
    return layout, out, errors


def import_rates(session: Session, data: bytes, *, base: str) -> RateImport:
    """Add (or update) the rates of a CSV file; a rate of the same base, currency and day
    is replaced. Rows that cannot be read are listed in ``errors`` and skipped."""
    layout, rows, errors = _parse(data, base.upper())
    report = RateImport(layout, errors=errors)
    existing = {(r.base, r.currency, r.date): r for r in session.scalars(select(ExchangeRate))}
    for day, b, code, rate in rows:
        if code == b:
            continue
        text = str(rate)
        row = existing.get((b, code, day))
        if row is None:
            row = ExchangeRate(date=day, base=b, currency=code, rate=text)
            session.add(row)
            existing[(b, code, day)] = row
            report.added += 1
        elif Decimal(row.rate) != rate:
            row.rate = text
            report.updated += 1
        else:
            report.unchanged += 1
    session.flush()
    logger.info("rates imported (%s): %d added, %d updated", layout, report.added, report.updated)
    return report


class Rates:
    """Every imported rate, in memory, for converting many amounts."""

    def __init__(self, rows: list[tuple[dt.date, str, str, Decimal]]) -> None:
        series: dict[tuple[str, str], list[tuple[dt.date, Decimal]]] = defaultdict(list)
        for day, base, code, rate in rows:
            series[(base, code)].append((day, rate))
        self._days: dict[tuple[str, str], list[dt.date]] = {}
        self._rates: dict[tuple[str, str], list[Decimal]] = {}
        for key, points in series.items():
            points.sort()
            self._days[key] = [d for d, _ in points]
            self._rates[key] = [r for _, r in points]
        self.bases = sorted({base for base, _ in series})

    def __bool__(self) -> bool:
        return bool(self._days)

    def rate(self, base: str, code: str, on: dt.date) -> Decimal | None:
        """Units of ``code`` per unit of ``base`` on ``on`` (or the nearest earlier day)."""
        if base == code:
            return Decimal(1)
        days = self._days.get((base, code))
        if not days:
            return None
        i = bisect.bisect_right(days, on) - 1
        return self._rates[(base, code)][max(i, 0)]

    def convert(
        self, amount: Decimal, source: str | None, target: str, on: dt.date | None
    ) -> Decimal | None:
        """``amount`` in ``source`` as ``target``; None when no rate connects them."""
        if not source:
            return None
        source, target = source.upper(), target.upper()
        if source == target:
            return amount
        day = on or dt.date.today()
        for base in self.bases:
            a, b = self.rate(base, source, day), self.rate(base, target, day)
            if a is not None and b is not None:
                return (amount / a * b).quantize(Decimal("0.01"))
        return None


def load_rates(session: Session) -> Rates:
    rows = session.execute(
        select(ExchangeRate.date, ExchangeRate.base, ExchangeRate.currency, ExchangeRate.rate)
    )
    return Rates([(d, b, c, Decimal(r)) for d, b, c, r in rows])
