"""The claim protocol: how a dropped file moves into Intake's hands without ever being lost.

1. ``claim_file``: make ``processing/<claim>/``, write ``claim.json`` (where the file came
   from) durably, then rename the file into that folder. The rename is atomic, so of two
   services racing for one file exactly one wins; the loser sees FileNotFoundError.
   A ledger row (state ``processing``) is committed next.
2. The pipeline reads and files the claimed copy (see :mod:`intake.ingest.pipeline`); the original
   goes to the archive, the database commit follows, and only then is the claim folder
   removed (``release``).
3. ``recover_claims`` on start-up and periodically: every claim folder in ``processing/``
   whose owner process is dead (:mod:`intake.ingest.owners`) is adopted and resumed; the claims of
   living owners (another service, an ``intake ingest``, workers that outlived a killed
   service) are left to them. A folder without its file is the trace of a claim that never
   happened (the crash came before the rename) or that was settled and moved already, so
   it is removed.

With a broker (:mod:`intake.queue`) a claim is handed to the queue once its task is
published: its note names the owner :data:`QUEUE`, and no service adopts it (the broker
delivers the task again when a worker vanishes).

A run that starts on a claim leaves a ``.started`` mark in its folder and removes it when
it ends without settling the claim (a retry). A mark found by the next run is the trace of
a run that crashed (or was killed): it counts as an attempt.
"""

from __future__ import annotations

import errno
import json
import logging
import shutil
import time
import uuid
from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from intake.db.engine import Database
from intake.db.models import IntakeFile, LedgerState
from intake.ingest.owners import dead_owners, recovery_lock
from intake.ingest.storage import (
    TEMP_PREFIX,
    copy_atomic,
    fsync_dir,
    safe_name,
    text_of_name,
    write_atomic,
)
from intake.settings import DOC_TYPE_FOLDERS, Settings

__all__ = [
    "QUEUE",
    "Claim",
    "claim_copy",
    "claim_file",
    "count_crash",
    "disown",
    "CLAIM_NOTE",
    "STAGING",
    "claim_file_name",
    "claimed_files",
    "read_note",
    "mark_started",
    "reclaim",
    "record_claim",
    "recover_claims",
    "release",
    "type_hint_for",
    "unmark_started",
]

logger = logging.getLogger(__name__)

CLAIM_NOTE = "claim.json"
STARTED = ".started"
#: The owner of a claim whose task is on the broker's queue.
QUEUE = "queue"


@dataclass(frozen=True)
class Claim:
    """A file in ``processing/<id>/`` together with where it came from."""

    id: str
    path: Path
    original_name: str
    source_path: str  # relative to watch_dir when it came from a drop folder
    folder_hint: str | None  # drop-folder path below watch_dir, e.g. "invoices/ACME"

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def hints(self) -> tuple[str, ...]:
        return tuple(self.folder_hint.split("/")) if self.folder_hint else ()


def type_hint_for(hints: tuple[str, ...]) -> str | None:
    return DOC_TYPE_FOLDERS.get(hints[0]) if hints else None


def _describe(settings: Settings, path: Path) -> tuple[str, str | None]:
    try:
        rel = path.relative_to(settings.watch_dir)
    except ValueError:
        return text_of_name(str(path)), None
    parts = rel.parts[:-1]
    return text_of_name(str(rel)), text_of_name("/".join(parts)) or None


#: A claim folder being made: it appears under its own name only with its note (and so its
#: owner) inside, so that another service's recovery never takes it for an abandoned one.
STAGING = ".new-"
#: Its name carries its maker (``.new-<owner>-<claim id>``): one whose maker is dead was left
#: by a crash between its making and its rename, and holds no file. Without a known maker,
#: it is removed once this old.
STAGING_STALE_SECONDS = 600


def _new_claim_dir(settings: Settings, note: dict[str, Any]) -> tuple[str, Path]:
    claim_id = uuid.uuid4().hex
    staging = settings.processing_dir / f"{STAGING}{note.get('owner') or 'none'}-{claim_id}"
    staging.mkdir(parents=True)
    write_atomic(staging / CLAIM_NOTE, json.dumps(note).encode())
    folder = settings.processing_dir / claim_id
    staging.rename(folder)
    return claim_id, folder


def _abandoned_staging(folder: Path, living: Container[str]) -> bool:
    maker = folder.name.removeprefix(STAGING).rpartition("-")[0]
    if maker and maker != "none":
        return maker not in living
    try:
        return time.time() - folder.stat().st_mtime > STAGING_STALE_SECONDS
    except FileNotFoundError:
        return False


def record_claim(
    db: Database, claim: Claim, size: int | None, ledger_id: int | None = None
) -> None:
    """Make sure the claim has its ledger row (idempotent)."""
    with db.session() as s:
        exists = s.scalar(select(IntakeFile.id).where(IntakeFile.claim == claim.id))
        earlier = s.get(IntakeFile, ledger_id) if ledger_id is not None else None
        if exists is None and earlier is not None:
            # A retried file whose ledger row was not yet moved to its new claim.
            earlier.claim = claim.id
            earlier.state = LedgerState.PROCESSING
            earlier.attempts = 0
            earlier.error = None
            earlier.stored_path = None
        elif exists is None:
            s.add(
                IntakeFile(
                    claim=claim.id,
                    source_path=claim.source_path,
                    original_name=claim.original_name,
                    folder_hint=claim.folder_hint,
                    size=size,
                    state=LedgerState.PROCESSING,
                    attempts=0,
                )
            )


def claim_file_name(original: str) -> str:
    # The claimed copy keeps the original name when it is safe to create; the ledger and
    # claim.json keep the exact original either way.
    return safe_name(original, max_bytes=200)


def claim_file(
    settings: Settings,
    db: Database,
    path: Path,
    *,
    owner: str | None = None,
    origin: tuple[str, str, str | None] | None = None,
) -> Claim | None:
    """Take ``path`` out of its drop folder for ``owner`` (None: a claim any recovering
    process may adopt at once). Returns None when another process took it.

    ``origin`` (original name, source path, folder hint) describes a file that did not come
    from a drop folder (an upload, :mod:`intake.ingest.uploads`); by default they are read
    from ``path``."""
    if origin is None:
        source_path, folder_hint = _describe(settings, path)
        name = text_of_name(path.name)
    else:
        name, source_path, folder_hint = origin
    note = {
        "source_path": source_path,
        "original_name": name,
        "folder_hint": folder_hint,
        "owner": owner,
    }
    claim_id, folder = _new_claim_dir(settings, note)
    dest = folder / claim_file_name(name)
    try:
        size = path.lstat().st_size
        path.rename(dest)
    except FileNotFoundError:
        shutil.rmtree(folder, ignore_errors=True)
        return None
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        # Drop folder on another filesystem (a network share): copy durably, then remove.
        try:
            copy_atomic(path, dest)
        except OSError:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        path.unlink()
    fsync_dir(folder)
    claim = Claim(claim_id, dest, name, source_path, folder_hint)
    try:
        record_claim(db, claim, size)
    except SQLAlchemyError as exc:
        # The file is ours now (the rename is done) and must reach a worker whatever the
        # database said (unreachable, a connection dropped mid-statement ...): its ledger
        # row is written by the worker that processes it (idempotently), or by recovery.
        logger.warning("[%s] ledger row not written yet (%s)", claim_id[:8], exc)
    logger.info("[%s] claimed %s", claim_id[:8], source_path)
    return claim


def claim_copy(settings: Settings, db: Database, path: Path, *, owner: str | None = None) -> Claim:
    """Claim a copy of ``path`` (``intake ingest``): the file given stays where it is."""
    name, source = text_of_name(path.name), text_of_name(str(path))
    note = {"source_path": source, "original_name": name, "folder_hint": None, "owner": owner}
    claim_id, folder = _new_claim_dir(settings, note)
    dest = folder / claim_file_name(name)
    try:
        copy_atomic(path, dest)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    claim = Claim(claim_id, dest, name, source, None)
    record_claim(db, claim, dest.stat().st_size)
    return claim


def reclaim(
    settings: Settings,
    *,
    ledger_id: int,
    path: Path,
    original_name: str,
    source_path: str,
    folder_hint: str | None,
    owner: str,
) -> Claim:
    """Claim a file Intake holds already (a quarantined one, for a retry) for its existing
    ledger row: the same folder, note and atomic rename as a dropped file. The caller moves
    the ledger row to the new claim (if it cannot, ``recover_claims`` does once ``owner``
    is dead), then hands the claim to a worker or :func:`disown` s it.
    FileNotFoundError when the file is gone (another retry took it)."""
    note = {
        "source_path": source_path,
        "original_name": original_name,
        "folder_hint": folder_hint,
        "ledger_id": ledger_id,
        "owner": owner,
    }
    claim_id, folder = _new_claim_dir(settings, note)
    dest = folder / claim_file_name(original_name)
    try:
        path.rename(dest)
    except FileNotFoundError:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    fsync_dir(folder)
    fsync_dir(path.parent)
    logger.info("[%s] reclaimed %s for a retry", claim_id[:8], original_name)
    return Claim(claim_id, dest, original_name, source_path, folder_hint)


def disown(claim: Claim) -> None:
    """Leave a claim to whichever service recovers it next (no worker at hand here)."""
    note = read_note(claim.folder)
    note["owner"] = None
    write_atomic(claim.folder / CLAIM_NOTE, json.dumps(note).encode())


def read_note(folder: Path) -> dict[str, Any]:
    try:
        note = json.loads((folder / CLAIM_NOTE).read_text())
    except (OSError, ValueError):
        return {}
    return note if isinstance(note, dict) else {}


def claimed_files(folder: Path) -> list[Path]:
    """The claimed file of a claim folder (a list: empty, or one), never its note, its
    start mark or the temporary file of an interrupted write."""
    return [
        p
        for p in folder.iterdir()
        if p.name != CLAIM_NOTE and p.name != STARTED and not p.name.startswith(TEMP_PREFIX)
    ]


def recover_claims(settings: Settings, db: Database, *, owner: str) -> list[Claim]:
    """Adopt for ``owner`` the claims in ``processing/`` whose owner is dead (or that have
    none), to be processed again. The claims of living owners are left alone."""
    claims: list[Claim] = []
    root = settings.processing_dir
    if not root.is_dir():
        return claims
    with (
        recovery_lock(settings.locks_dir),
        dead_owners(settings.locks_dir, alive=owner) as (
            _dead,
            living,
        ),
    ):
        for folder in sorted(root.iterdir()):
            if not folder.is_dir():
                continue
            if folder.name.startswith(STAGING):  # being made (or left by a crash: no file)
                if _abandoned_staging(folder, living):
                    shutil.rmtree(folder, ignore_errors=True)
                continue
            note = read_note(folder)
            if note.get("owner") in living:
                continue
            files = claimed_files(folder)
            if not files:
                shutil.rmtree(folder, ignore_errors=True)
                continue
            if note.get("owner") == QUEUE:  # its task is on the queue (or being run)
                continue
            note = {
                "source_path": files[0].name,
                "original_name": files[0].name,
                **note,
                "owner": owner,
            }
            write_atomic(folder / CLAIM_NOTE, json.dumps(note).encode())
            claim = Claim(
                folder.name,
                files[0],
                str(note.get("original_name") or files[0].name),
                str(note.get("source_path") or files[0].name),
                note.get("folder_hint"),
            )
            ledger_id = note.get("ledger_id")
            if not isinstance(ledger_id, int):
                ledger_id = None
            record_claim(db, claim, files[0].lstat().st_size, ledger_id)
            logger.info("[%s] resuming %s left in processing", claim.id[:8], claim.source_path)
            claims.append(claim)
    return claims


def mark_started(claim: Claim) -> None:
    """A run starts on the claim. Not fsynced: a mark lost with power costs no attempt."""
    (claim.folder / STARTED).touch()


def unmark_started(claim: Claim) -> None:
    """The run ends without settling the claim (it is retried): it did not crash."""
    (claim.folder / STARTED).unlink(missing_ok=True)


def count_crash(db: Database, claim: Claim) -> int | None:
    """If an earlier run on the claim started and never ended (a crash, a kill, a timeout),
    count it as an attempt and return the attempts so far; None when there was none."""
    if not (claim.folder / STARTED).exists():
        return None
    with db.session() as s:
        row = s.scalar(select(IntakeFile).where(IntakeFile.claim == claim.id))
        if row is None:
            return None
        if row.state == LedgerState.PROCESSING:
            row.attempts += 1
        attempts = row.attempts
    unmark_started(claim)
    return attempts


def release(claim: Claim) -> None:
    """Remove the claim folder once the file's state is committed. Not fsynced: a folder
    that comes back after a crash belongs to a settled ledger row and is released again."""
    shutil.rmtree(claim.folder, ignore_errors=True)
