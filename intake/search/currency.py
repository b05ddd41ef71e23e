"""Amount conditions with a currency (``amount:>1000 EUR``): a document's total is
compared in that currency, converted at the rate of its issue date where imported rates
allow (:mod:`intake.filing.rates`); a total in a currency no rate connects is left out.

The condition becomes one on document ids, which the database and the index path both
answer."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.db.models import Document
from intake.filing.rates import load_rates
from intake.search.query import Condition

__all__ = ["resolve_currencies"]


def _ids_in_range(session: Session, cond: Condition) -> tuple[int, ...]:
    assert cond.currency is not None
    rates = load_rates(session)
    rows = session.execute(
        select(Document.id, Document.total, Document.currency, Document.issue_date).where(
            Document.total.is_not(None)
        )
    )
    keep = []
    for doc_id, total, currency, day in rows:
        if total is None:
            continue
        value: Decimal | None = total
        if (currency or "").upper() != cond.currency:
            value = rates.convert(total, currency, cond.currency, day) if rates else None
        if value is None:
            continue
        if (cond.low is None or value >= cond.low) and (cond.high is None or value <= cond.high):
            keep.append(int(doc_id))
    return tuple(keep)


def resolve_currencies(session: Session, conditions: Sequence[Condition]) -> list[Condition]:
    """The conditions with each currency-qualified amount turned into a set of ids."""
    out = []
    for cond in conditions:
        if cond.column == "total" and cond.currency:
            ids = _ids_in_range(session, cond)
            out.append(Condition("id", values=ids, negated=cond.negated))
        else:
            out.append(cond)
    return out
