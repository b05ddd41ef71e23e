"""What corrections of fields and of lines share: the error, the version check, the
recomputation of a document after a change."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from intake.db.models import Document
from intake.db.persist import apply_fields
from intake.errors import Conflict, IntakeError

__all__ = ["InvalidCorrection", "check_version", "recompute"]


class InvalidCorrection(IntakeError):
    """Values a person typed that cannot be used; ``errors`` maps each name to why."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = dict(errors)


def check_version(doc: Document, version: str | None) -> None:
    if version is not None and doc.updated_at.isoformat() != version:
        raise Conflict(
            "this document was changed by someone else meanwhile; reload it and try again"
        )


def recompute(doc: Document, session: Session) -> None:
    """Columns, overall confidence and the index mark, after the fields changed."""
    fields = doc.fields or {}
    values = {k: f.get("value") for k, f in fields.items() if isinstance(f, dict)}
    apply_fields(doc, values, session)
    confidences = [
        float(f.get("confidence") or 0.0)
        for k, f in fields.items()
        if isinstance(f, dict) and k != "line_items"
    ]
    doc.confidence = min([doc.doc_type_confidence, *confidences])
    doc.needs_index = True
