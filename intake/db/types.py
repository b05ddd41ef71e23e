"""Column types shared by the models."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Dialect
from sqlalchemy.types import TypeDecorator

__all__ = ["Money"]

_SCALE = Decimal(10) ** 4
_FOUR = Decimal("0.0001")
_TWO = Decimal("0.01")


class Money(TypeDecorator[Decimal]):
    """An exact decimal amount stored as a whole number of 1/10,000 units.

    Portable (SQLite has no decimal type and SQLAlchemy warns about float rounding there),
    exact for four decimal places, and still ordered and summable in SQL.
    """

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        return int((Decimal(value) * _SCALE).to_integral_value())

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        exact = (Decimal(int(value)) / _SCALE).quantize(_FOUR)
        cents = exact.quantize(_TWO)
        return cents if cents == exact else exact
