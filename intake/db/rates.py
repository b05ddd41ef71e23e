"""The table of exchange rates: imported reference rates that convert amounts between
currencies for spend reports and currency-qualified amount searches."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from intake.db.models import Base

__all__ = ["ExchangeRate"]


class ExchangeRate(Base):
    """On ``date``, one unit of ``base`` was worth ``rate`` units of ``currency`` (the
    ECB's convention: EUR 1 = USD 1.0813)."""

    __tablename__ = "exchange_rates"

    id: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date)
    base: Mapped[str] = mapped_column(String(3))
    currency: Mapped[str] = mapped_column(String(3))
    #: the rate as a decimal string, exact as published (SQLite has no decimal type)
    rate: Mapped[str] = mapped_column(String(40))

    __table_args__ = (UniqueConstraint("base", "currency", "date"),)
