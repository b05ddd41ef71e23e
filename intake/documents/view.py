"""What the document page (and the API) shows of one document: its fields with confidence,
source and the box where each was read, its lines with their product links, its pages,
the chain it belongs to (estimate -> purchase order -> invoice), duplicates, and history.

Other concerns add their own parts as :class:`DocumentSection` contributors passed to
:func:`document_view` by the composition (:class:`intake.filing.wiring.Wiring`): the
purchase order / invoice match status of line-item matching arrives that way, as one more
section, without changing this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol, runtime_checkable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from intake.db.models import Document, DocumentPage, IntakeFile, LineItem
from intake.documents.audit import AuditRow, history
from intake.documents.chain import LinkedDoc, chain_of, duplicates_of
from intake.errors import NotFound
from intake.values import json_value

__all__ = [
    "BoxView",
    "DocumentSection",
    "DocumentView",
    "FieldView",
    "LineView",
    "LinkedDoc",
    "Section",
    "SectionItem",
    "document_json",
    "document_view",
    "field_label",
    "load_document",
]


LABELS = {
    "po_number": "PO number",
    "quote_number": "quote number",
    "issue_date": "issue date",
    "due_date": "due date",
    "valid_until": "valid until",
    "delivery_date": "delivery date",
    "doc_type": "document type",
}


def field_label(name: str) -> str:
    return LABELS.get(name, name.replace("_", " "))


def display_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(display_value(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {display_value(v)}" for k, v in value.items())
    return str(value)


@dataclass(frozen=True)
class BoxView:
    page: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class FieldView:
    name: str
    label: str
    value: str
    confidence: float
    source: str
    box: BoxView | None
    raw: str | None = None
    data: Any = None  # the value as stored (a string, number or list)


@dataclass(frozen=True)
class LineView:
    id: int
    position: int
    description: str
    code: str | None
    quantity: Decimal | None
    unit: str | None
    unit_price: Decimal | None
    amount: Decimal | None
    product_id: int | None
    product_sku: str | None
    product_name: str | None
    match_method: str | None
    match_score: float | None


@dataclass(frozen=True)
class PageView:
    number: int
    width: float
    height: float
    source: str
    boxes: tuple[tuple[FieldView, BoxView], ...]


@dataclass(frozen=True)
class SectionItem:
    label: str
    value: str
    document_id: int | None = None
    product_id: int | None = None


@dataclass(frozen=True)
class Section:
    """A part of the page contributed by another concern: a title, an optional status
    word (``matched``, ``mismatch``...), label/value rows that may link somewhere, and the
    names of actions editors may take on it (the web layer knows their forms)."""

    title: str
    items: tuple[SectionItem, ...] = ()
    status: str | None = None
    actions: tuple[str, ...] = ()


@runtime_checkable
class DocumentSection(Protocol):
    def build(self, session: Session, doc: Document) -> Section | None: ...


@dataclass(frozen=True)
class IntakeRow:
    id: int
    at: dt.datetime
    source_path: str
    original_name: str
    state: str
    error: str | None


@dataclass(frozen=True)
class DocumentView:
    id: int
    doc_type: str | None
    doc_type_confidence: float
    number: str | None
    vendor: str | None
    vendor_id: int | None
    original_name: str
    kind: str
    page_count: int
    size: int
    created_at: dt.datetime
    version: str  # for optimistic locking of corrections
    content: str
    fields: tuple[FieldView, ...]
    lines: tuple[LineView, ...]
    pages: tuple[PageView, ...]
    chain: tuple[LinkedDoc, ...]
    duplicates: tuple[LinkedDoc, ...]
    intake: tuple[IntakeRow, ...]
    history: tuple[AuditRow, ...]
    sections: tuple[Section, ...]
    confidence: float


def load_document(session: Session, doc_id: int) -> Document:
    doc = session.scalar(
        select(Document)
        .where(Document.id == doc_id)
        .options(
            selectinload(Document.vendor),
            selectinload(Document.lines).selectinload(LineItem.product),
        )
    )
    if doc is None:
        raise NotFound(f"no document {doc_id}")
    return doc


def _box(data: Any) -> BoxView | None:
    if not isinstance(data, dict):
        return None
    try:
        x0, top, x1, bottom = (float(data[k]) for k in ("x0", "top", "x1", "bottom"))
        return BoxView(int(data["page"]), x0, top, max(x1 - x0, 1.0), max(bottom - top, 1.0))
    except (KeyError, TypeError, ValueError):
        return None


def _fields(doc: Document) -> tuple[FieldView, ...]:
    out = []
    for name, f in sorted((doc.fields or {}).items()):
        if name == "line_items" or not isinstance(f, dict):
            continue
        out.append(
            FieldView(
                name,
                field_label(name),
                display_value(f.get("value")),
                float(f.get("confidence") or 0.0),
                str(f.get("source") or ""),
                _box(f.get("box")),
                f.get("raw"),
                f.get("value"),
            )
        )
    return tuple(out)


def _lines(doc: Document) -> tuple[LineView, ...]:
    return tuple(
        LineView(
            ln.id,
            ln.position,
            ln.description,
            ln.code,
            ln.quantity,
            ln.unit,
            ln.unit_price,
            ln.amount,
            ln.product_id,
            ln.product.sku if ln.product else None,
            ln.product.name if ln.product else None,
            ln.match_method,
            ln.match_score,
        )
        for ln in doc.lines
    )


def _pages(session: Session, doc: Document, fields: tuple[FieldView, ...]) -> tuple[PageView, ...]:
    rows = session.execute(
        select(DocumentPage.number, DocumentPage.width, DocumentPage.height, DocumentPage.source)
        .where(DocumentPage.document_id == doc.id)
        .order_by(DocumentPage.number)
    ).all()
    return tuple(
        PageView(
            number,
            width,
            height,
            source,
            tuple((f, f.box) for f in fields if f.box is not None and f.box.page == number),
        )
        for number, width, height, source in rows
    )


def _intake(session: Session, doc_id: int) -> tuple[IntakeRow, ...]:
    rows = session.scalars(
        select(IntakeFile).where(IntakeFile.document_id == doc_id).order_by(IntakeFile.id)
    )
    return tuple(
        IntakeRow(r.id, r.created_at, r.source_path, r.original_name, r.state, r.error)
        for r in rows
    )


def document_view(
    session: Session, doc_id: int, sections: Sequence[DocumentSection]
) -> DocumentView:
    """Everything the document page shows, with the extra ``sections`` that build one;
    NotFound if there is no such document."""
    doc = load_document(session, doc_id)
    fields = _fields(doc)
    built = tuple(s for c in sections if (s := c.build(session, doc)) is not None)
    return DocumentView(
        id=doc.id,
        doc_type=doc.doc_type,
        doc_type_confidence=doc.doc_type_confidence,
        number=doc.number,
        vendor=doc.vendor.name if doc.vendor else None,
        vendor_id=doc.vendor_id,
        original_name=doc.original_name,
        kind=doc.kind,
        page_count=doc.page_count,
        size=doc.size,
        created_at=doc.created_at,
        version=doc.updated_at.isoformat(),
        content=doc.content,
        fields=fields,
        lines=_lines(doc),
        pages=_pages(session, doc, fields),
        chain=tuple(chain_of(session, doc)),
        duplicates=tuple(duplicates_of(session, doc)),
        intake=_intake(session, doc.id),
        history=tuple(history(session, "document", doc.id)),
        sections=built,
        confidence=doc.confidence,
    )


def document_json(view: DocumentView) -> dict[str, Any]:
    """The document as the JSON API returns it."""

    def linked(d: LinkedDoc) -> Mapping[str, Any]:
        return {k: json_value(v) for k, v in d.__dict__.items()}

    return {
        "id": view.id,
        "doc_type": view.doc_type,
        "doc_type_confidence": view.doc_type_confidence,
        "number": view.number,
        "vendor": view.vendor,
        "file": view.original_name,
        "kind": view.kind,
        "pages": view.page_count,
        "filed_at": json_value(view.created_at),
        "version": view.version,
        "fields": {
            f.name: {
                "value": f.data,
                "confidence": f.confidence,
                "source": f.source,
                "box": dict(f.box.__dict__) if f.box else None,
            }
            for f in view.fields
        },
        "lines": [{k: json_value(v) for k, v in ln.__dict__.items()} for ln in view.lines],
        "chain": [linked(d) for d in view.chain],
        "duplicates": [linked(d) for d in view.duplicates],
    }
