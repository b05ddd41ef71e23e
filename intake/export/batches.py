"""Export batches: which documents go out, recording each export, repeating one.

By default an export takes the filed documents of one type (invoices) that are not
flagged (:func:`document_flags`) and were not exported in that format before. A document
corrected after its export is not sent again by itself: it is reported as *changed*, and
``again=BATCH`` sends that batch's documents again, as they are now. So nothing goes to
the books twice by accident, and nothing corrected is forgotten silently.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from intake.db.engine import Database
from intake.db.export import ExportBatch, ExportItem, ExportRule
from intake.db.models import Document, LineItem
from intake.errors import NotFound
from intake.export.base import ExportDoc, ExportError, ExportOptions
from intake.export.formats import get_format
from intake.export.prepare import Coding, format_reasons, prepare_document
from intake.filing.matching.order_status import order_flags
from intake.settings import Settings

__all__ = [
    "BatchInfo",
    "Changed",
    "ExportRequest",
    "ExportResult",
    "Skipped",
    "batch_file",
    "document_flags",
    "list_batches",
    "run_export",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExportRequest:
    """What to export. ``lines`` None means the default (no lines; a repeated batch's own
    setting). ``document_ids`` narrows a repeated batch to some of its documents."""

    format: str
    since: dt.date | None = None
    doc_type: str = "invoice"
    lines: bool | None = None
    again: int | None = None
    document_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Skipped:
    """A document left out of an export, and why."""

    document_id: int
    label: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Changed:
    """A document changed after it was exported in ``batch_id``."""

    document_id: int
    label: str
    batch_id: int


@dataclass(frozen=True)
class ExportResult:
    batch_id: int | None  # None: nothing was exported, no batch recorded
    format: str
    filename: str
    media_type: str
    content: bytes
    document_ids: tuple[int, ...]
    blocked: tuple[Skipped, ...]  # lacking something the export needs (an account code, ...)
    held: tuple[Skipped, ...]  # flagged by document_flags (a duplicate, ...)
    changed: tuple[Changed, ...]  # exported before and changed since
    warned: tuple[Skipped, ...] = ()  # exported, changed to fit the target (shortened, ...)

    @property
    def empty(self) -> bool:
        return self.batch_id is None


@dataclass(frozen=True)
class BatchInfo:
    id: int
    created_at: dt.datetime
    format: str
    user: str
    document_count: int
    again_of_id: int | None
    filename: str
    options: dict[str, Any]


def document_flags(doc: Document) -> list[str]:
    """Why a filed document must not go to the books yet; empty when it may.

    The one place that decides it: a duplicate of another document (same vendor and
    number) is flagged, and so is an invoice that does not match its purchase order until
    a person accepts it (:func:`intake.filing.matching.order_flags`).
    """
    flags = []
    if doc.duplicate_of_id is not None:
        flags.append(f"duplicate of document {doc.duplicate_of_id}")
    flags += order_flags(doc)
    return flags


def _label(doc: Document) -> str:
    vendor = doc.vendor.name if doc.vendor else "no vendor"
    return f"{doc.number or doc.original_name} ({vendor})"


def _with_parts(stmt: Select[Document]) -> Select[Document]:
    return stmt.options(
        selectinload(Document.vendor),
        selectinload(Document.lines).selectinload(LineItem.product),
    )


def _exported_in(fmt: str) -> Select[int]:
    return select(ExportItem.document_id).where(ExportItem.format == fmt)


def _candidates(s: Session, fmt: str, request: ExportRequest) -> list[Document]:
    stmt = select(Document).where(
        Document.doc_type == request.doc_type, Document.id.not_in(_exported_in(fmt))
    )
    if request.since:
        stmt = stmt.where(Document.issue_date >= request.since)
    return list(s.scalars(_with_parts(stmt.order_by(Document.issue_date, Document.id))))


def _changed(s: Session, fmt: str, request: ExportRequest) -> list[Changed]:
    """Documents whose last export in ``fmt`` holds an older version than the filed one."""
    stmt = (
        select(ExportItem.batch_id, ExportItem.document_updated_at, Document)
        .join(ExportBatch, ExportItem.batch_id == ExportBatch.id)
        .join(Document, ExportItem.document_id == Document.id)
        .where(ExportBatch.format == fmt, Document.doc_type == request.doc_type)
        .options(selectinload(Document.vendor))
        .order_by(ExportItem.batch_id)
    )
    if request.since:
        stmt = stmt.where(Document.issue_date >= request.since)
    last: dict[int, tuple[int, dt.datetime, Document]] = {}
    for batch_id, version, doc in s.execute(stmt):
        last[doc.id] = (batch_id, version, doc)
    return [
        Changed(doc.id, _label(doc), batch_id)
        for batch_id, version, doc in last.values()
        if doc.updated_at > version
    ]


def _first_vat_id(settings: Settings) -> str:
    """Our VAT number, from ``INTAKE_COMPANY_VAT_IDS`` where this build has that setting."""
    value = getattr(settings, "company_vat_ids", None)
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    if isinstance(value, list | tuple) and value:
        return str(value[0]).strip()
    return ""


def export_options(settings: Settings, *, lines: bool = False) -> ExportOptions:
    return ExportOptions(
        lines=lines,
        date_order=settings.export_date_order,
        ap_account=settings.export_ap_account,
        tax_account=settings.export_tax_account,
        company_name=settings.company_name,
        company_country=settings.company_country,
        company_endpoint=settings.company_endpoint,
        company_street=settings.company_street,
        company_city=settings.company_city,
        company_postcode=settings.company_postcode,
        company_vat_id=_first_vat_id(settings),
    )


Deliver = Callable[["ExportResult"], None]


def run_export(
    db: Database,
    settings: Settings,
    request: ExportRequest,
    user: str,
    deliver: Deliver | None = None,
) -> ExportResult:
    """Export what is due (or repeat batch ``request.again``) and record it as a batch.

    The selection, the file and its record are made in one transaction: the documents of
    a batch are marked exported exactly when the batch (with the file's bytes, which can
    be fetched again with :func:`batch_file`) is committed. ``deliver`` (writing the file,
    say) is called with the result before that commit: when it raises, nothing is
    recorded. Of two exports racing for the same documents, the database lets one
    commit; the other raises :class:`ExportError`.
    """
    try:
        return _run_export(db, settings, request, user, deliver)
    except IntegrityError as exc:
        raise ExportError(
            "another export took some of these documents at the same time; export again"
        ) from exc


def _run_export(
    db: Database,
    settings: Settings,
    request: ExportRequest,
    user: str,
    deliver: Deliver | None,
) -> ExportResult:
    with db.session() as s:
        source: ExportBatch | None = None
        if request.again is not None:
            source = s.get(ExportBatch, request.again)
            if source is None:
                raise NotFound(f"no export batch {request.again}")
            if request.format and request.format != source.format:
                raise ExportError(
                    f"batch {source.id} was a {source.format} export, not {request.format}"
                )
            request = replace(
                request,
                format=source.format,
                lines=(
                    request.lines
                    if request.lines is not None
                    else bool(source.options.get("lines", False))
                ),
            )
        elif request.document_ids:
            raise ExportError("documents are chosen by id only to export a batch again")
        lines = bool(request.lines)
        fmt = get_format(request.format)
        options = export_options(settings, lines=lines)
        fmt.check(options)
        coding = Coding(s.scalars(select(ExportRule)))
        if source is not None:
            ids = [item.document_id for item in source.items]
            if request.document_ids:
                missing = [i for i in request.document_ids if i not in ids]
                if missing:
                    raise ExportError(
                        f"batch {source.id} has no document {', '.join(map(str, missing))}"
                    )
                ids = [i for i in ids if i in request.document_ids]
            found = {
                d.id: d
                for d in s.scalars(_with_parts(select(Document).where(Document.id.in_(ids))))
            }
            docs = [found[i] for i in ids if i in found]
            changed: list[Changed] = []
        else:
            docs = _candidates(s, fmt.name, request)
            changed = _changed(s, fmt.name, request)

        ready: list[tuple[Document, ExportDoc]] = []
        blocked: list[Skipped] = []
        held: list[Skipped] = []
        for doc in docs:
            if flags := document_flags(doc):
                held.append(Skipped(doc.id, _label(doc), tuple(flags)))
                continue
            prepared = prepare_document(doc, coding, own_postcode=options.company_postcode)
            reasons = list(prepared.reasons)
            if prepared.doc is not None:
                reasons += format_reasons(prepared.doc, fmt.requires)
            if reasons or prepared.doc is None:
                blocked.append(Skipped(doc.id, _label(doc), tuple(reasons)))
                continue
            ready.append((doc, prepared.doc))
        screening = fmt.screen([d for _, d in ready], options)
        blocked += [
            Skipped(doc.id, _label(doc), screening.blocked[doc.id])
            for doc, _ in ready
            if doc.id in screening.blocked
        ]
        ready = [(doc, d) for doc, d in ready if doc.id not in screening.blocked]
        warned = tuple(
            Skipped(doc.id, _label(doc), screening.warnings[doc.id])
            for doc, _ in ready
            if doc.id in screening.warnings
        )

        if not ready:
            return ExportResult(
                None, fmt.name, "", fmt.media_type, b"", (), tuple(blocked), tuple(held),
                tuple(changed),
            )  # fmt: skip
        batch = ExportBatch(
            format=fmt.name,
            user=user[:200],
            options={
                "lines": lines,
                "since": request.since.isoformat() if request.since else None,
                "doc_type": request.doc_type,
            },
            again_of_id=source.id if source else None,
            document_count=len(ready),
        )
        s.add(batch)
        s.flush()
        content = fmt.render([d for _, d in ready], replace(options, batch_id=batch.id))
        batch.filename = f"intake-export-{batch.id}-{fmt.name}.{fmt.extension}"
        batch.media_type = fmt.media_type
        batch.content = content
        for doc, prepared_doc in ready:
            s.add(
                ExportItem(
                    batch_id=batch.id,
                    document_id=doc.id,
                    format=fmt.name,
                    again=source is not None,
                    document_updated_at=doc.updated_at,
                    total=prepared_doc.total,
                )
            )
        result = ExportResult(
            batch.id,
            fmt.name,
            batch.filename,
            fmt.media_type,
            content,
            tuple(doc.id for doc, _ in ready),
            tuple(blocked),
            tuple(held),
            tuple(changed),
            warned,
        )
        if deliver is not None:
            deliver(result)  # raising here rolls the batch back: nothing is recorded
        logger.info(
            "export batch %d: %d documents as %s by %s (%d blocked, %d held)",
            batch.id, len(ready), fmt.name, user, len(blocked), len(held),
        )  # fmt: skip
        return result


def list_batches(db: Database, limit: int = 50) -> list[BatchInfo]:
    """The latest export batches, newest first."""
    with db.session() as s:
        rows = s.scalars(select(ExportBatch).order_by(ExportBatch.id.desc()).limit(limit))
        return [
            BatchInfo(
                b.id,
                b.created_at,
                b.format,
                b.user,
                b.document_count,
                b.again_of_id,
                b.filename,
                dict(b.options),
            )
            for b in rows
        ]


def batch_file(db: Database, batch_id: int) -> tuple[str, str, bytes]:
    """(file name, media type, bytes) of an export batch exactly as it was handed out."""
    with db.session() as s:
        batch = s.get(ExportBatch, batch_id)
        if batch is None:
            raise NotFound(f"no export batch {batch_id}")
        return batch.filename, batch.media_type, batch.content
