"""Writing a processed record into the database, and the ledger's state changes."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
import zlib
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from intake.db.models import Document, DocumentPage, IntakeFile, LedgerState, LineItem, Vendor
from intake.record import Record, page_from_json, page_to_json

__all__ = [
    "NUMBER_FIELD",
    "document_by_sha",
    "file_record",
    "ledger_row",
    "load_pages",
    "set_ledger_state",
    "vendor_key",
]

#: The field that holds a document's own number, per type.
NUMBER_FIELD = {
    "invoice": "invoice_number",
    "purchase_order": "po_number",
    "order_confirmation": "order_number",
    "estimate": "quote_number",
}

_LEGAL = re.compile(
    r"\b(inc|incorporated|ltd|limited|llc|llp|plc|gmbh|ag|kg|sa|sas|sarl|bv|nv|co|corp|"
    r"corporation|company|sdn|bhd|pte|the|pty|srl|spa)\b"
)


def vendor_key(name: str) -> str:
    """How vendor names are compared: case, punctuation and legal suffixes ignored."""
    s = unicodedata.normalize("NFKC", name).casefold()
    s = re.sub(r"[^\w\s]", " ", s)
    s = _LEGAL.sub(" ", s)
    return " ".join(s.split())[:300]


def get_vendor(session: Session, name: str | None) -> Vendor | None:
    if not name or not (key := vendor_key(name)):
        return None
    vendor = session.scalar(select(Vendor).where(Vendor.key == key))
    if vendor is not None:
        return vendor
    # Two workers may meet the same new vendor at once: the loser of the insert takes the
    # winner's row rather than failing the whole document.
    try:
        with session.begin_nested():
            vendor = Vendor(name=name[:300], key=key)
            session.add(vendor)
    except IntegrityError:
        vendor = session.scalar(select(Vendor).where(Vendor.key == key))
        if vendor is None:
            raise
    return vendor


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _money(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _text(value: Any, limit: int) -> str | None:
    return str(value)[:limit] if value not in (None, "") else None


def document_by_sha(session: Session, sha256: str) -> int | None:
    return session.scalar(select(Document.id).where(Document.sha256 == sha256))


def ledger_row(session: Session, claim: str) -> IntakeFile:
    row = session.scalar(select(IntakeFile).where(IntakeFile.claim == claim))
    if row is None:
        raise LookupError(f"no ledger row for claim {claim}")
    return row


def set_ledger_state(session: Session, claim: str, state: str, **values: Any) -> bool:
    """Settle a claim that is still ``processing`` (the run that settles it counts as an
    attempt). A compare-and-set: False, and nothing changed, when the claim was settled
    already, so that of two runs racing to settle one file exactly one wins."""
    result = session.execute(
        update(IntakeFile)
        .where(IntakeFile.claim == claim, IntakeFile.state == LedgerState.PROCESSING)
        .values(state=state, attempts=IntakeFile.attempts + 1, **values)
        .execution_options(synchronize_session="fetch")
    )
    return bool(getattr(result, "rowcount", 0) == 1)


def apply_fields(doc: Document, fields: Mapping[str, Any], session: Session) -> None:
    """Copy key field values (plain values, not Field objects) onto the document's columns."""
    doc.number = _text(fields.get(NUMBER_FIELD.get(doc.doc_type or "", "")), 200)
    doc.invoice_number = _text(fields.get("invoice_number"), 200)
    doc.po_number = _text(fields.get("po_number"), 200)
    doc.quote_number = _text(fields.get("quote_number"), 200)
    vendor = get_vendor(session, fields.get("vendor"))
    doc.vendor_id = vendor.id if vendor else None
    doc.buyer = _text(fields.get("buyer"), 300)
    doc.issue_date = _date(fields.get("issue_date") or fields.get("agreement_date"))
    doc.due_date = _date(fields.get("due_date"))
    doc.valid_until = _date(fields.get("valid_until"))
    doc.delivery_date = _date(fields.get("delivery_date"))
    doc.currency = _text(fields.get("currency"), 3)
    doc.subtotal = _money(fields.get("subtotal"))
    doc.tax = _money(fields.get("tax"))
    doc.total = _money(fields.get("total"))


def _lines(items: Any) -> list[LineItem]:
    out = []
    for position, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict):
            continue
        out.append(
            LineItem(
                position=position,
                description=str(item.get("description") or "")[:5000],
                code=_text(item.get("code"), 200),
                quantity=_money(item.get("quantity")),
                unit=_text(item.get("unit"), 32),
                unit_price=_money(item.get("unit_price")),
                amount=_money(item.get("amount")),
                delivery_date=_date(item.get("delivery_date")),
            )
        )
    return out


def file_record(
    session: Session,
    record: Record,
    *,
    ext: str,
    source_path: str,
    folder_hint: str | None,
) -> Document:
    """Insert the document for ``record`` (not yet committed)."""
    values = {name: f.value for name, f in record.fields.items()}
    confidences = [f.confidence for f in record.fields.values()]
    doc = Document(
        sha256=record.sha256,
        original_name=record.original_name[:1024],
        source_path=source_path[:4096],
        folder_hint=folder_hint,
        kind=record.kind,
        ext=ext,
        size=record.size,
        page_count=len(record.pages),
        doc_type=record.doc_type,
        doc_type_confidence=record.doc_type_confidence,
        confidence=min([record.doc_type_confidence, *confidences]),
        fields={name: f.to_json() for name, f in record.fields.items()},
        content=record.text.replace("\x00", ""),
        needs_index=True,
    )
    apply_fields(doc, values, session)
    doc.lines = _lines(values.get("line_items"))
    doc.pages = [
        DocumentPage(
            number=p.number,
            width=p.width,
            height=p.height,
            source=p.source,
            words=zlib.compress(json.dumps(page_to_json(p)).encode(), 6),
        )
        for p in record.pages
    ]
    session.add(doc)
    session.flush()
    return doc


def load_pages(doc: Document) -> list[Any]:
    """The stored pages of a document as :class:`intake.record.Page` objects."""
    return [page_from_json(json.loads(zlib.decompress(p.words))) for p in doc.pages]


def terminal(state: str) -> bool:
    return state in LedgerState.TERMINAL
