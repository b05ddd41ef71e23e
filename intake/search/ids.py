"""A condition on ``documents.id`` being among many ids (the documents a query matched)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from intake.db import Document

__all__ = ["MANY_IDS", "id_in"]

#: Above this many ids, SQLite is steered away from one row lookup per id: the rows
#: carry the documents' text, while the facet index holds all a count needs.
MANY_IDS = 2000


def id_in(session: Session, ids: Sequence[int]) -> ColumnElement[bool]:
    """``documents.id`` among ``ids``. On SQLite the ids travel as one JSON parameter, so
    that tens of thousands of them cost one bind, not one each."""
    if session.get_bind().dialect.name == "sqlite":
        values = func.json_each(json.dumps(list(ids))).table_valued("value")
        # ``id + 0`` cannot use the rowid, so SQLite scans a covering index instead.
        column = Document.id + 0 if len(ids) > MANY_IDS else Document.id
        return column.in_(select(values.c.value))
    return Document.id.in_(list(ids))
