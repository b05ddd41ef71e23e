"""The audit log: who changed what, when, from which value to which."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.db.models import AuditEntry

__all__ = ["AuditRow", "history", "record_audit"]

MAX_VALUE = 4000


@dataclass(frozen=True)
class AuditRow:
    at: dt.datetime
    user: str
    action: str
    field: str | None
    old: str | None
    new: str | None


def _text(value: object) -> str | None:
    if value is None:
        return None
    return str(value)[:MAX_VALUE]


def record_audit(
    session: Session,
    *,
    user: str,
    action: str,
    entity: str,
    entity_id: int | None,
    field: str | None = None,
    old: object = None,
    new: object = None,
) -> None:
    """Add one entry to the session (committed with the change it describes)."""
    session.add(
        AuditEntry(
            user=user[:200],
            action=action[:64],
            entity=entity[:64],
            entity_id=entity_id,
            field=field[:200] if field else None,
            old=_text(old),
            new=_text(new),
        )
    )


def history(session: Session, entity: str, entity_id: int, limit: int = 200) -> list[AuditRow]:
    """The newest entries about one thing, newest first."""
    stmt = (
        select(AuditEntry)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.id.desc())
        .limit(limit)
    )
    return [AuditRow(e.at, e.user, e.action, e.field, e.old, e.new) for e in session.scalars(stmt)]
