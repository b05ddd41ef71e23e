"""Corrections of a document's fields and type, and confirmations of fields as read."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from intake.documents.audit import record_audit
from intake.documents.corrections.common import InvalidCorrection, check_version, recompute
from intake.documents.view import display_value, load_document
from intake.record import DOC_TYPES
from intake.values import FIELD_KINDS, TEXT, normalise

__all__ = ["STANDARD_FIELDS", "confirm_document", "correct_fields", "editable_fields"]

#: The fields a form offers for each type, besides those already found.
STANDARD_FIELDS = {
    "invoice": [
        "vendor",
        "buyer",
        "invoice_number",
        "po_number",
        "quote_number",
        "issue_date",
        "due_date",
        "delivery_date",
        "currency",
        "subtotal",
        "tax",
        "total",
    ],
    "purchase_order": [
        "vendor",
        "buyer",
        "po_number",
        "quote_number",
        "issue_date",
        "delivery_date",
        "currency",
        "subtotal",
        "tax",
        "total",
    ],
    "order_confirmation": [
        "vendor",
        "buyer",
        "order_number",
        "po_number",
        "quote_number",
        "issue_date",
        "delivery_date",
        "currency",
        "subtotal",
        "tax",
        "total",
    ],
    "estimate": [
        "vendor",
        "buyer",
        "quote_number",
        "issue_date",
        "valid_until",
        "currency",
        "subtotal",
        "tax",
        "total",
    ],
    "contract": ["parties", "agreement_date", "effective_date", "governing_law", "term"],
}


def editable_fields(doc_type: str | None, present: list[str]) -> list[str]:
    """The fields a correction form offers: the type's usual ones, then any others found."""
    names = list(STANDARD_FIELDS.get(doc_type or "", STANDARD_FIELDS["invoice"]))
    return names + [n for n in present if n not in names and n != "line_items"]


# --- documents ---------------------------------------------------------------------------


def correct_fields(
    session: Session,
    doc_id: int,
    values: Mapping[str, str],
    *,
    user: str,
    version: str | None = None,
) -> list[str]:
    """Set the given fields (and ``doc_type``) to what a person typed; returns the names
    that changed. Raises InvalidCorrection, Conflict or NotFound."""
    doc = load_document(session, doc_id)
    check_version(doc, version)
    fields: dict[str, Any] = {k: dict(v) for k, v in (doc.fields or {}).items()}
    errors: dict[str, str] = {}
    changed: list[str] = []
    new_type = values.get("doc_type")
    if new_type is not None and new_type != (doc.doc_type or ""):
        if new_type not in DOC_TYPES:
            errors["doc_type"] = f"one of {', '.join(DOC_TYPES)}"
        else:
            record_audit(
                session,
                user=user,
                action="correct",
                entity="document",
                entity_id=doc.id,
                field="doc_type",
                old=doc.doc_type,
                new=new_type,
            )
            doc.doc_type, doc.doc_type_confidence = new_type, 1.0
            changed.append("doc_type")
    for name, text in values.items():
        if name == "doc_type":
            continue
        if name == "line_items" or not re.fullmatch(r"[a-z][a-z0-9_]{0,63}", name):
            errors[name] = "not a field that can be corrected here"
            continue
        try:
            value = normalise(FIELD_KINDS.get(name, TEXT), text)
        except ValueError as exc:
            errors[name] = str(exc)
            continue
        old = fields.get(name)
        old_value = old.get("value") if isinstance(old, dict) else None
        if value == old_value:
            continue
        if value is None:
            fields.pop(name, None)
        else:
            box = old.get("box") if isinstance(old, dict) else None
            fields[name] = {
                "value": value,
                "confidence": 1.0,
                "source": "user",
                "box": box,
                "raw": display_value(old_value) or None,
            }
        record_audit(
            session,
            user=user,
            action="correct",
            entity="document",
            entity_id=doc.id,
            field=name,
            old=display_value(old_value),
            new=display_value(value),
        )
        changed.append(name)
    if errors:
        raise InvalidCorrection(errors)
    if changed:
        doc.fields = fields
        recompute(doc, session)
    return changed


def confirm_document(
    session: Session, doc_id: int, names: list[str], *, user: str, version: str | None = None
) -> list[str]:
    """A person vouches for these fields as read (``doc_type`` for the type): their
    confidence becomes 1. Returns the names confirmed."""
    doc = load_document(session, doc_id)
    check_version(doc, version)
    fields: dict[str, Any] = {k: dict(v) for k, v in (doc.fields or {}).items()}
    done = []
    for name in names:
        if name == "doc_type" and doc.doc_type and doc.doc_type_confidence < 1.0:
            old = f"{doc.doc_type} ({doc.doc_type_confidence:.0%})"
            doc.doc_type_confidence = 1.0
        elif isinstance(f := fields.get(name), dict) and float(f.get("confidence") or 0) < 1.0:
            confidence = float(f.get("confidence") or 0)
            old = f"{display_value(f.get('value'))} ({confidence:.0%}, {f.get('source')})"
            f["confidence"] = 1.0
        else:
            continue
        record_audit(
            session,
            user=user,
            action="confirm",
            entity="document",
            entity_id=doc.id,
            field=name,
            old=old,
            new="confirmed",
        )
        done.append(name)
    if done:
        doc.fields = fields
        recompute(doc, session)
    return done
