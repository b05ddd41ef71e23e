"""A condition on ``documents.id`` being among many ids (the documents a query matched)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import ARRAY, ColumnElement, Integer, any_, func, literal, select
from sqlalchemy.orm import Session

from intake.db.models import Document

__all__ = ["MANY_IDS", "id_in"]

#: Above this many ids, SQLite is steered away from one row lookup per id: the rows
#: carry the documents' text, while the facet index holds all a count needs.
MANY_IDS = 2000


def id_in(session: Session, ids: Sequence[int]) -> ColumnElement[bool]:
    """``documents.id`` among ``ids``. On SQLite the ids travel as one JSON parameter and
    on PostgreSQL as one array, so that tens of thousands of them cost one bind, not one
    each (PostgreSQL refuses a statement with more than 65,535 parameters)."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        values = func.json_each(json.dumps(list(ids))).table_valued("value")
        # ``id + 0`` cannot use the rowid, so SQLite scans a covering index instead.
        column = Document.id + 0 if len(ids) > MANY_IDS else Document.id
        return column.in_(select(values.c.value))
    if dialect == "postgresql":
        return Document.id == any_(literal(list(ids), ARRAY(Integer)))
    return Document.id.in_(list(ids))
