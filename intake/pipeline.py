"""The pipeline: small stages over one record, and the one place that decides a file's fate.

Stages (each ``(Record, Context) -> Record``)::

    fingerprint -> read -> classify -> extract

``process_claim`` runs them on a claimed file, then archives the original, commits the
document (filed against products: :func:`intake.matching.file_against_products`) and the
ledger row in one transaction, and only then releases the claim. Any
error lands here: input errors and unexpected ones quarantine the file with the reason,
transient ones leave it claimed for a retry. Nothing else moves or deletes files.
"""

from __future__ import annotations

import logging
import os
import signal
import time
import traceback
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError, OperationalError

from intake.db import Database, LedgerState
from intake.db.filing import document_by_sha, file_record, ledger_row, set_ledger_state
from intake.errors import InputError, ResourceLimit, TransientError, UnsupportedFile
from intake.extractors import (
    EXTENSIONS,
    Registry,
    classify,
    detect_kind,
    extract,
    ocr_options,
    read_file,
)
from intake.ledger import Claim, release, type_hint_for
from intake.matching import file_against_products
from intake.record import Record
from intake.settings import Settings
from intake.storage import move_aside, sha256_file, store_original

__all__ = [
    "STAGES",
    "Context",
    "Outcome",
    "checkpoint",
    "extract_path",
    "extraction_result",
    "process_claim",
    "quarantine",
    "record_for",
    "run_stages",
]

logger = logging.getLogger(__name__)


class DocLog(logging.LoggerAdapter[logging.Logger]):
    """Tags every line about one file with its short claim id."""

    def process(self, msg: Any, kwargs: MutableMapping[str, Any]) -> tuple[Any, Any]:
        return f"[{self.extra['id'] if self.extra else '?'}] {msg}", kwargs


@dataclass(frozen=True)
class Context:
    """What the stages need: settings and the extractors; filing also needs the database.
    One per process."""

    settings: Settings
    registry: Registry
    database: Database | None = None

    @property
    def db(self) -> Database:
        if self.database is None:
            raise RuntimeError("this context has no database")
        return self.database


@dataclass(frozen=True)
class Outcome:
    claim: str
    name: str
    state: str  # a LedgerState, or "retry"
    document_id: int | None = None
    reason: str | None = None
    timings: tuple[tuple[str, float], ...] = ()


# --- stages ---------------------------------------------------------------------------------


def fingerprint(record: Record, ctx: Context) -> Record:
    st = record.path.lstat()
    if record.path.is_symlink():
        raise UnsupportedFile("a symbolic link: links are never followed")
    if not record.path.is_file():
        raise UnsupportedFile("not a regular file")
    limit = ctx.settings.max_file_mb << 20
    if st.st_size > limit:
        raise ResourceLimit(f"the file is {st.st_size:,} bytes; the limit is {limit:,}")
    sha = sha256_file(record.path)
    return record.evolve(sha256=sha, size=st.st_size, kind=detect_kind(record.path))


def read(record: Record, ctx: Context) -> Record:
    s = ctx.settings
    pages, attachments = read_file(
        record.path,
        record.kind,
        max_pages=s.max_pages,
        max_pixels=s.max_pixels,
        ocr=ocr_options(s),
    )
    return record.evolve(pages=pages, attachments=attachments)


def classify_stage(record: Record, ctx: Context) -> Record:
    doc_type, confidence = classify(record, ctx.registry)
    return record.evolve(doc_type=doc_type, doc_type_confidence=confidence)


def extract_stage(record: Record, ctx: Context) -> Record:
    return record.evolve(fields=extract(record, ctx.registry, ctx.settings.templates_dir))


Stage = Callable[[Record, Context], Record]
STAGES: tuple[Stage, ...] = (fingerprint, read, classify_stage, extract_stage)
READ_STAGES = STAGES[1:]


def run_stages(record: Record, ctx: Context, stages: tuple[Stage, ...] = STAGES) -> Record:
    timings = list(record.timings)
    for stage in stages:
        start = time.perf_counter()
        record = stage(record, ctx)
        timings.append((stage.__name__.removesuffix("_stage"), time.perf_counter() - start))
    return record.evolve(timings=tuple(timings))


def extraction_result(record: Record, file: str) -> dict[str, Any]:
    """The JSON object ``intake extract --json`` prints for one file."""
    fields = dict(record.fields)
    confidences = [record.doc_type_confidence] + [f.confidence for f in fields.values()]
    return {
        "file": file,
        "doc_type": record.doc_type,
        "fields": {name: f.value for name, f in fields.items()},
        "confidence": round(min(confidences), 3),
        "doc_type_confidence": record.doc_type_confidence,
        "field_confidence": {name: round(f.confidence, 3) for name, f in fields.items()},
        "sources": {name: f.source for name, f in fields.items()},
        "pages": len(record.pages),
        "ocr_pages": sum(1 for p in record.pages if p.source == "ocr"),
    }


_registry: list[Registry] = []


def extract_path(settings: Settings, file: str) -> dict[str, Any]:
    """Read, classify and extract one file without filing it (for ``intake extract``)."""
    if not _registry:
        _registry.append(Registry.default())
    ctx = Context(settings, _registry[0])
    path = Path(file)
    record = run_stages(record_for(path, hints=_hints_of(path, settings)), ctx)
    return extraction_result(record, file)


def _hints_of(path: Path, settings: Settings) -> tuple[str, ...]:
    try:
        rel = path.absolute().relative_to(settings.watch_dir)
    except ValueError:
        return ()
    return rel.parts[:-1]


def record_for(path: Path, *, name: str | None = None, hints: tuple[str, ...] = ()) -> Record:
    return Record(
        path=path, original_name=name or path.name, hints=hints, type_hint=type_hint_for(hints)
    )


# --- fault injection ------------------------------------------------------------------------

#: Named points of ``process_claim`` where INTAKE_CRASH_AT can kill the process.
CRASH_POINTS = ("claimed", "read", "archived", "committed", "released")


def checkpoint(ctx: Context, step: str) -> None:
    if ctx.settings.crash_at == step:
        logger.warning("crash injected at %s", step)
        os.kill(os.getpid(), signal.SIGKILL)


# --- the fate of a claimed file ------------------------------------------------------------


def quarantine(
    ctx: Context, claim: Claim, reason: str, *, sha256: str | None = None, detail: str = ""
) -> Outcome:
    """Move the claimed file to quarantine with a note, and commit that state."""
    with ctx.db.session() as s:
        row = ledger_row(s, claim.id)
        if row.state in LedgerState.TERMINAL:  # settled already (killed after its commit)
            state = row.state
            release(claim)
            return Outcome(claim.id, claim.original_name, state, row.document_id)
        note = {
            "reason": reason,
            "original_name": claim.original_name,
            "source_path": claim.source_path,
            "sha256": sha256 or row.sha256,
            "attempts": row.attempts + 1,  # this one included
        }
        if detail:
            note["detail"] = detail
        dest = move_aside(claim.path, ctx.settings.quarantine_dir, claim.original_name, note)
        set_ledger_state(
            s,
            claim.id,
            LedgerState.QUARANTINED,
            error=reason,
            stored_path=str(dest),
            sha256=sha256 or row.sha256,
        )
    release(claim)
    DocLog(logger, {"id": claim.id[:8]}).warning("quarantined: %s", reason)
    return Outcome(claim.id, claim.original_name, LedgerState.QUARANTINED, reason=reason)


def _duplicate(ctx: Context, claim: Claim, record: Record, existing: int) -> Outcome:
    with ctx.db.session() as s:
        note = {
            "duplicate_of": existing,
            "sha256": record.sha256,
            "original_name": claim.original_name,
            "source_path": claim.source_path,
        }
        dest = move_aside(
            claim.path, ctx.settings.duplicates_dir, claim.original_name, note, ".duplicate.json"
        )
        set_ledger_state(
            s,
            claim.id,
            LedgerState.DUPLICATE,
            sha256=record.sha256,
            size=record.size,
            document_id=existing,
            stored_path=str(dest),
        )
    release(claim)
    DocLog(logger, {"id": claim.id[:8]}).info("duplicate of document %d", existing)
    return Outcome(claim.id, claim.original_name, LedgerState.DUPLICATE, document_id=existing)


def _file(ctx: Context, claim: Claim, record: Record) -> Outcome:
    start = time.perf_counter()
    ext = EXTENSIONS[record.kind]
    store_original(ctx.settings.archive_dir, record.path, record.sha256, ext)
    checkpoint(ctx, "archived")
    try:
        with ctx.db.session() as s:
            doc = file_record(
                s, record, ext=ext, source_path=claim.source_path, folder_hint=claim.folder_hint
            )
            file_against_products(s, doc, ctx.settings)  # in a savepoint; never raises
            set_ledger_state(
                s,
                claim.id,
                LedgerState.FILED,
                sha256=record.sha256,
                size=record.size,
                document_id=doc.id,
                error=None,
            )
            doc_id = doc.id
    except IntegrityError:
        # Another worker filed the same bytes between our check and our commit.
        with ctx.db.session() as s:
            existing = document_by_sha(s, record.sha256)
        if existing is None:  # some other row raced ours (a vendor, a product link): retry
            raise TransientError("a concurrent write conflicted with this one") from None
        return _duplicate(ctx, claim, record, existing)
    checkpoint(ctx, "committed")
    release(claim)
    checkpoint(ctx, "released")
    timings = (*record.timings, ("file", time.perf_counter() - start))
    DocLog(logger, {"id": claim.id[:8]}).info(
        "filed as document %d (%s, %.2f)", doc_id, record.doc_type, record.doc_type_confidence
    )
    return Outcome(
        claim.id,
        claim.original_name,
        LedgerState.FILED,
        document_id=doc_id,
        timings=timings,
    )


def process_claim(ctx: Context, claim: Claim) -> Outcome:
    """Take a claimed file to a terminal state (or leave it claimed for a retry)."""
    log = DocLog(logger, {"id": claim.id[:8]})
    with ctx.db.sessions() as s:
        row = ledger_row(s, claim.id)
        state, attempts = row.state, row.attempts
    if state in LedgerState.TERMINAL:  # settled before a crash left its folder behind
        release(claim)
        return Outcome(claim.id, claim.original_name, state, row.document_id)
    if attempts >= ctx.settings.max_attempts:
        return quarantine(ctx, claim, f"processing failed or crashed {attempts} times; given up")
    attempts += 1  # this run
    checkpoint(ctx, "claimed")
    record = record_for(claim.path, name=claim.original_name, hints=claim.hints)
    try:
        record = run_stages(record, ctx, (fingerprint,))
        with ctx.db.sessions() as s:  # a read: the sha is committed with the file's fate
            existing = document_by_sha(s, record.sha256)
        if existing is not None:
            return _duplicate(ctx, claim, record, existing)
        record = run_stages(record, ctx, READ_STAGES)
        checkpoint(ctx, "read")
        return _file(ctx, claim, record)
    except InputError as exc:
        return quarantine(ctx, claim, str(exc), sha256=record.sha256 or None)
    except (TransientError, OperationalError, OSError) as exc:
        if attempts >= ctx.settings.max_attempts:
            return quarantine(
                ctx,
                claim,
                f"gave up after {attempts} attempts: {exc}",
                sha256=record.sha256 or None,
            )
        log.warning("attempt %d failed, will retry: %s", attempts, exc)
        with ctx.db.session() as s:
            failed = ledger_row(s, claim.id)
            failed.error = str(exc)[:2000]
            failed.attempts = attempts
        return Outcome(claim.id, claim.original_name, "retry", reason=str(exc))
    except Exception as exc:  # a bug or a reader choking on odd input: never lose the file
        log.exception("unexpected error")
        return quarantine(
            ctx,
            claim,
            f"unexpected error while reading: {type(exc).__name__}: {exc}",
            sha256=record.sha256 or None,
            detail=traceback.format_exc(limit=8),
        )
