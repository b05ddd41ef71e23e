"""The one place that decides a file's fate: filed, duplicate, quarantined, or retried.

``process_claim`` runs the stages (:mod:`intake.ingest.stages`) on a claimed file, then
archives the original, commits the document (filed against products by the context's filing
steps: :func:`intake.filing.matching.steps.file_against_products`) and the ledger row in one
transaction, and only then releases the claim. Any error lands here: input errors and
unexpected ones quarantine the file with the reason, failures of the environment (database
locked, disk full) leave it claimed for a retry that does not count as an attempt. Nothing
else moves or deletes files.
"""

from __future__ import annotations

import contextlib
import logging
import stat
import time
import traceback
from collections.abc import MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError

from intake.db.models import IntakeFile, LedgerState
from intake.db.persist import document_by_sha, file_record, ledger_row, set_ledger_state
from intake.errors import InputError
from intake.extractors.reading.detect import EXTENSIONS
from intake.filing.matching.steps import file_against_products
from intake.ingest.faults import checkpoint, environmental, stop_in_foreign_call
from intake.ingest.ledger import (
    Claim,
    count_crash,
    mark_started,
    record_claim,
    release,
    unmark_started,
)
from intake.ingest.stages import (
    READ_STAGES,
    Context,
    fingerprint,
    record_for,
    run_stages,
)
from intake.ingest.storage import (
    fsync_dir,
    place_aside,
    sha256_file,
    store_original,
    stored_location,
    stored_name,
    write_note,
)
from intake.learning.apply import learn_on_filing
from intake.record import Record

__all__ = [
    "RETRY",
    "Outcome",
    "process_claim",
    "quarantine",
]

logger = logging.getLogger(__name__)


class DocLog(logging.LoggerAdapter[logging.Logger]):
    """Tags every line about one file with its short claim id."""

    def process(self, msg: Any, kwargs: MutableMapping[str, Any]) -> tuple[Any, Any]:
        return f"[{self.extra['id'] if self.extra else '?'}] {msg}", kwargs


#: The state of an outcome that leaves the claim for a later run.
RETRY = "retry"


@dataclass(frozen=True)
class Outcome:
    claim: str
    name: str
    state: str  # a LedgerState, or RETRY
    document_id: int | None = None
    reason: str | None = None
    timings: tuple[tuple[str, float], ...] = ()
    counted: bool = True  # a retry: whether the failed run counted as an attempt


# --- the fate of a claimed file ------------------------------------------------------------
#
# A claim is settled in this order: (1) the note beside the file's new place is written,
# (2) the ledger row moves from ``processing`` to its terminal state (a compare-and-set,
# with the document in the same transaction when it is filed), (3) the file is moved to
# that place, (4) the claim folder is released. A crash after (2) is finished by the next
# run (``_finish``): the row says where the file goes. So a file is never both in
# quarantine and filed, never in quarantine without its row, and a failed commit leaves it
# claimed for a retry.


class WriteConflict(Exception):
    """Another run's write conflicted with the filing (a unique row both inserted): run
    again. Counted as an attempt, so that a conflict that is not a race but a fault of the
    file or of the code ends in quarantine rather than in retries for ever."""


class _Settled(Exception):
    """The claim was settled by another run meanwhile."""


def _finish(ctx: Context, claim: Claim, row: IntakeFile) -> Outcome:
    """Finish a claim whose row is settled already: put the file where the row says, then
    release the claim (a run that crashed between its commit and its move; or a claim that
    a second run, which lost the race, must leave alone)."""
    data_dir = ctx.settings.data_dir
    stored = stored_location(data_dir, row.stored_path) if row.stored_path else None
    if (
        row.state in (LedgerState.QUARANTINED, LedgerState.DUPLICATE)
        and stored is not None
        and not stored.exists()
        and (claim.path.exists() or claim.path.is_symlink())
    ):
        stored.parent.mkdir(parents=True, exist_ok=True)
        claim.path.replace(stored)
        fsync_dir(stored.parent)
    release(claim)
    return Outcome(claim.id, claim.original_name, row.state, row.document_id, row.error)


def _set_aside(
    ctx: Context,
    claim: Claim,
    state: str,
    folder: Path,
    note: dict[str, Any],
    suffix: str,
    **values: Any,
) -> bool:
    """Steps (1) to (4) for quarantine and duplicates. False when another run settled the
    claim first (nothing was moved)."""
    dest = place_aside(folder, claim.original_name)
    note_path = write_note(dest, note, suffix)
    try:
        with ctx.db.session() as s:
            stored = stored_name(ctx.settings.data_dir, dest)
            won = set_ledger_state(s, claim.id, state, stored_path=stored, **values)
    except BaseException:
        note_path.unlink(missing_ok=True)
        raise
    if not won:
        note_path.unlink(missing_ok=True)
        return False
    checkpoint(ctx, "settled")
    if claim.path.exists() or claim.path.is_symlink():
        claim.path.replace(dest)
        fsync_dir(folder)
    release(claim)
    return True


def _settled_meanwhile(ctx: Context, claim: Claim) -> Outcome:
    with ctx.db.session() as s:
        row = ledger_row(s, claim.id)
    DocLog(logger, {"id": claim.id[:8]}).error("settled by another run meanwhile (%s)", row.state)
    return _finish(ctx, claim, row)


def _sha_of_regular(path: Path) -> str | None:
    """The sha256 of a regular file (a quarantine that came before the fingerprint: a
    timeout, a crash); None for a link, a pipe or a device, which are never opened."""
    try:
        if not stat.S_ISREG(path.lstat().st_mode):
            return None
        return sha256_file(path)
    except OSError:
        return None


def quarantine(
    ctx: Context, claim: Claim, reason: str, *, sha256: str | None = None, detail: str = ""
) -> Outcome:
    """Move the claimed file to quarantine with a note, and commit that state."""
    with ctx.db.session() as s:
        row = ledger_row(s, claim.id)
    if row.state in LedgerState.TERMINAL:  # settled already (killed after its commit)
        return _finish(ctx, claim, row)
    sha256 = sha256 or row.sha256 or _sha_of_regular(claim.path)
    note = {
        "reason": reason,
        "original_name": claim.original_name,
        "source_path": claim.source_path,
        "sha256": sha256 or row.sha256,
        "attempts": row.attempts + 1,  # this one included
    }
    if detail:
        note["detail"] = detail
    values = {"error": reason[:2000], "sha256": sha256 or row.sha256}
    if not _set_aside(
        ctx,
        claim,
        LedgerState.QUARANTINED,
        ctx.settings.quarantine_dir,
        note,
        ".error.json",
        **values,
    ):
        return _settled_meanwhile(ctx, claim)
    DocLog(logger, {"id": claim.id[:8]}).warning("quarantined: %s", reason)
    return Outcome(claim.id, claim.original_name, LedgerState.QUARANTINED, reason=reason)


def _duplicate(ctx: Context, claim: Claim, record: Record, existing: int) -> Outcome:
    note = {
        "duplicate_of": existing,
        "sha256": record.sha256,
        "original_name": claim.original_name,
        "source_path": claim.source_path,
    }
    values = {"sha256": record.sha256, "size": record.size, "document_id": existing}
    if not _set_aside(
        ctx,
        claim,
        LedgerState.DUPLICATE,
        ctx.settings.duplicates_dir,
        note,
        ".duplicate.json",
        **values,
    ):
        return _settled_meanwhile(ctx, claim)
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
            learn_on_filing(s, doc, list(record.pages))  # in a savepoint; never raises
            file_against_products(s, doc, ctx.settings, ctx.steps)  # savepoint; never raises
            doc_id = doc.id
            if not set_ledger_state(
                s,
                claim.id,
                LedgerState.FILED,
                sha256=record.sha256,
                size=record.size,
                document_id=doc_id,
                error=None,
            ):
                raise _Settled(claim.id)
    except _Settled:
        return _settled_meanwhile(ctx, claim)
    except IntegrityError:
        # Another worker filed the same bytes between our check and our commit.
        with ctx.db.session() as s:
            existing = document_by_sha(s, record.sha256)
        if existing is None:  # some other row raced ours (a vendor, a product link): retry
            raise WriteConflict("a concurrent write conflicted with this one") from None
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


def _retry(ctx: Context, claim: Claim, exc: BaseException, attempts: int | None) -> Outcome:
    """Leave the claim for a later run; ``attempts`` (when the failure counts) is stored."""
    log = DocLog(logger, {"id": claim.id[:8]})
    if attempts is None:
        log.warning("the environment failed (%s); will retry", exc)
    else:
        log.warning("attempt %d failed, will retry: %s", attempts, exc)
    with contextlib.suppress(OperationalError), ctx.db.session() as s:
        failed = ledger_row(s, claim.id)
        failed.error = str(exc)[:2000]
        if attempts is not None:
            failed.attempts = attempts
    with contextlib.suppress(OSError):
        unmark_started(claim)
    return Outcome(
        claim.id, claim.original_name, RETRY, reason=str(exc), counted=attempts is not None
    )


def process_claim(ctx: Context, claim: Claim) -> Outcome:
    """Take a claimed file to a terminal state (or leave it claimed for a retry)."""
    try:
        return _process(ctx, claim)
    except Exception as exc:
        if not environmental(exc):
            raise
        return _retry(ctx, claim, exc, None)


def _process(ctx: Context, claim: Claim) -> Outcome:
    log = DocLog(logger, {"id": claim.id[:8]})
    with ctx.db.session() as s:
        row = s.scalar(select(IntakeFile).where(IntakeFile.claim == claim.id))
    if row is None:  # the claiming process could not write it (database locked)
        record_claim(ctx.db, claim, None)
        with ctx.db.session() as s:
            row = ledger_row(s, claim.id)
    if row.state in LedgerState.TERMINAL:  # settled before a crash left its folder behind
        return _finish(ctx, claim, row)
    crashed = count_crash(ctx.db, claim)
    attempts = row.attempts if crashed is None else crashed
    if attempts >= ctx.settings.max_attempts:
        return quarantine(ctx, claim, f"processing failed or crashed {attempts} times; given up")
    attempts += 1  # this run
    mark_started(claim)
    checkpoint(ctx, "claimed")
    record = record_for(claim.path, name=claim.original_name, hints=claim.hints)
    try:
        record = run_stages(record, ctx, (fingerprint,))
        with ctx.db.session() as s:  # a read: the sha is committed with the file's fate
            existing = document_by_sha(s, record.sha256)
        if existing is not None:
            return _duplicate(ctx, claim, record, existing)
        record = run_stages(record, ctx, READ_STAGES)
        checkpoint(ctx, "read")
        return _file(ctx, claim, record)
    except InputError as exc:
        return quarantine(ctx, claim, str(exc), sha256=record.sha256 or None)
    except MemoryError:
        limit = ctx.settings.memory_limit_mb
        return quarantine(
            ctx,
            claim,
            f"reading the file needs more memory than the worker's {limit} MB limit",
            sha256=record.sha256 or None,
        )
    except RecursionError:
        return quarantine(
            ctx,
            claim,
            "the file's structure is nested too deeply (a loop in its objects?)",
            sha256=record.sha256 or None,
        )
    except Exception as exc:
        if environmental(exc):
            raise
        if (stop := stop_in_foreign_call(exc)) is not None:
            raise stop from exc
        if isinstance(exc, OSError | WriteConflict):
            if attempts >= ctx.settings.max_attempts:
                return quarantine(
                    ctx,
                    claim,
                    f"gave up after {attempts} attempts: {exc}",
                    sha256=record.sha256 or None,
                )
            return _retry(ctx, claim, exc, attempts)
        # a bug or a reader choking on odd input: never lose the file
        log.exception("unexpected error")
        return quarantine(
            ctx,
            claim,
            f"unexpected error while reading: {type(exc).__name__}: {exc}",
            sha256=record.sha256 or None,
            detail=traceback.format_exc(limit=8),
        )
