"""Corrections of a document's lines: their values and their product links."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from intake.db.models import Document, LineItem, Product
from intake.documents.audit import record_audit
from intake.documents.corrections.common import InvalidCorrection, check_version
from intake.documents.corrections.memory import MatchMemory, feed_match_memory
from intake.documents.view import display_value, load_document
from intake.errors import NotFound
from intake.values import parse_money

__all__ = ["LINE_ATTRIBUTES", "add_line", "correct_line", "delete_line"]

LINE_ATTRIBUTES = ("description", "code", "quantity", "unit", "unit_price", "amount")


def _line(doc: Document, line_id: int) -> LineItem:
    for line in doc.lines:
        if line.id == line_id:
            return line
    raise NotFound(f"document {doc.id} has no line {line_id}")


def _product_for(session: Session, sku: str) -> Product | None:
    sku = sku.strip()
    if not sku:
        return None
    product = session.scalar(select(Product).where(func.lower(Product.sku) == sku.lower()))
    if product is None:
        raise ValueError(f"there is no product {sku!r} in the catalog")
    return product


def _sync_line_field(doc: Document) -> None:
    fields: dict[str, Any] = {k: dict(v) for k, v in (doc.fields or {}).items()}
    items = [
        {
            k: (str(v) if isinstance(v, Decimal) else v)
            for k, v in ((a, getattr(ln, a)) for a in LINE_ATTRIBUTES)
            if v is not None
        }
        for ln in sorted(doc.lines, key=lambda ln: ln.position)
    ]
    old = fields.get("line_items") or {}
    fields["line_items"] = {
        **old,
        "value": items,
        "source": "user",
        "confidence": old.get("confidence", 1.0),
    }
    doc.fields = fields


def _set_line(
    session: Session,
    doc: Document,
    line: LineItem,
    values: Mapping[str, str],
    user: str,
    memories: Sequence[MatchMemory],
) -> list[str]:
    errors: dict[str, str] = {}
    changed: list[str] = []
    label = f"line {line.position + 1}"
    for attr in LINE_ATTRIBUTES:
        if attr not in values:
            continue
        text = values[attr].strip()
        try:
            if attr in ("quantity", "unit_price", "amount"):
                value: Any = Decimal(parse_money(text)) if text else None
            elif attr == "description":
                value = text[:5000]
            else:
                value = text[: 200 if attr == "code" else 32] or None
        except ValueError as exc:
            errors[attr] = str(exc)
            continue
        old = getattr(line, attr)
        if value != old:
            record_audit(
                session,
                user=user,
                action="correct",
                entity="document",
                entity_id=doc.id,
                field=f"{label} {attr}",
                old=display_value(old),
                new=display_value(value),
            )
            setattr(line, attr, value)
            changed.append(attr)
    if "product" in values:
        try:
            product = _product_for(session, values["product"])
        except ValueError as exc:
            errors["product"] = str(exc)
        else:
            same = (product.id if product else None) == line.product_id
            # A person's own methods: "user", or "not_product" (set by the matching memory).
            decided = line.match_method == ("user" if product else "not_product")
            confirm = same and values.get("confirm") == "1" and not decided
            if not same or confirm:
                record_audit(
                    session,
                    user=user,
                    action="confirm" if same else "link",
                    entity="document",
                    entity_id=doc.id,
                    field=f"{label} product",
                    old=line.product.sku if line.product else None,
                    new=product.sku if product else None,
                )
                line.product = product
                line.product_id = product.id if product else None
                line.match_method = "user" if product else None
                line.match_score = 1.0 if product else None
                session.flush()
                feed_match_memory(session, line, product, user=user, memories=memories)
                changed.append("product")
    if errors:
        raise InvalidCorrection(errors)
    return changed


def correct_line(
    session: Session,
    doc_id: int,
    line_id: int,
    values: Mapping[str, str],
    *,
    user: str,
    memories: Sequence[MatchMemory],
    version: str | None = None,
) -> list[str]:
    """Change a line's attributes and product link (``product``: a SKU, or "" to unlink).

    ``confirm`` = "1" confirms the link as it stands (a weak match, or "no product" for
    an unlinked line): it becomes a person's link and feeds the matching ``memories``."""
    doc = load_document(session, doc_id)
    check_version(doc, version)
    changed = _set_line(session, doc, _line(doc, line_id), values, user, memories)
    if changed:
        _sync_line_field(doc)
        doc.needs_index = True
    return changed


def add_line(
    session: Session,
    doc_id: int,
    values: Mapping[str, str],
    *,
    user: str,
    memories: Sequence[MatchMemory],
    version: str | None = None,
) -> int:
    """Append a line a person typed; returns its id."""
    doc = load_document(session, doc_id)
    check_version(doc, version)
    line = LineItem(position=max((ln.position for ln in doc.lines), default=-1) + 1)
    doc.lines.append(line)
    session.flush()
    record_audit(
        session,
        user=user,
        action="add",
        entity="document",
        entity_id=doc.id,
        field=f"line {line.position + 1}",
    )
    _set_line(session, doc, line, {"description": "", **values}, user, memories)
    _sync_line_field(doc)
    doc.needs_index = True
    return line.id


def delete_line(
    session: Session, doc_id: int, line_id: int, *, user: str, version: str | None = None
) -> None:
    doc = load_document(session, doc_id)
    check_version(doc, version)
    line = _line(doc, line_id)
    old = " · ".join(display_value(getattr(line, a)) for a in LINE_ATTRIBUTES)
    record_audit(
        session,
        user=user,
        action="delete",
        entity="document",
        entity_id=doc.id,
        field=f"line {line.position + 1}",
        old=old,
    )
    doc.lines.remove(line)
    _sync_line_field(doc)
    doc.needs_index = True
