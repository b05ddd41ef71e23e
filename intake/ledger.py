"""The claim protocol: how a dropped file moves into Intake's hands without ever being lost.

1. ``claim_file``: make ``processing/<claim>/``, write ``claim.json`` (where the file came
   from) durably, then rename the file into that folder. The rename is atomic, so of two
   services racing for one file exactly one wins; the loser sees FileNotFoundError.
   A ledger row (state ``processing``) is committed next.
2. The pipeline reads and files the claimed copy (see :mod:`intake.pipeline`); the original
   goes to the archive, the database commit follows, and only then is the claim folder
   removed (``release``).
3. ``recover_claims`` on start-up: every claim folder left in ``processing/`` is resumed.
   A folder without its file is the trace of a claim that never happened (the crash came
   before the rename), so it is removed: the file is still in the drop folder.

Several services may share the data folder and the drop folders (scaling out). The process
that will see a claim through holds an exclusive lock on the folder's ``claim.lock`` (taken
before the file is renamed in, dropped with the folder); the lock dies with its process, so
``recover_claims`` takes over exactly the claims whose process is gone and leaves alone
those another live service is working on.
"""

from __future__ import annotations

import errno
import fcntl
import json
import logging
import os
import shutil
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from intake.db import Database, IntakeFile, LedgerState
from intake.settings import DOC_TYPE_FOLDERS, Settings
from intake.storage import copy_atomic, fsync_dir, safe_name, write_atomic

__all__ = [
    "Claim",
    "claim_copy",
    "claim_file",
    "hold",
    "let_go",
    "reclaim",
    "recover_claims",
    "release",
    "type_hint_for",
]

logger = logging.getLogger(__name__)

CLAIM_NOTE = "claim.json"
CLAIM_LOCK = "claim.lock"

# Claim id -> the descriptor holding that claim's lock, for the claims this process sees
# through (the service's main process: the workers it hands them to hold none).
_held: dict[str, int] = {}
_held_guard = threading.Lock()


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
        return str(path), None
    parts = rel.parts[:-1]
    return str(rel), "/".join(parts) or None


def _lock_folder(folder: Path) -> int | None:
    """Lock a claim folder for this process: the descriptor holding the lock, or None when
    another live process holds it or the folder is gone."""
    path = folder / CLAIM_LOCK
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except FileNotFoundError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        mine, there = os.fstat(fd), path.stat()
        if (mine.st_dev, mine.st_ino) != (there.st_dev, there.st_ino):
            raise FileNotFoundError(path)  # the folder was removed before the lock was had
    except (BlockingIOError, FileNotFoundError):
        os.close(fd)
        return None
    except BaseException:
        os.close(fd)
        raise
    return fd


def _keep(claim_id: str, fd: int) -> None:
    with _held_guard:
        old = _held.pop(claim_id, None)
        _held[claim_id] = fd
    if old is not None:
        os.close(old)


def hold(claim: Claim) -> bool:
    """Make sure this process holds ``claim``'s lock; False when another live process
    holds it (and so sees it through) or the claim is gone."""
    with _held_guard:
        if claim.id in _held:
            return True
    fd = _lock_folder(claim.folder)
    if fd is None:
        return False
    _keep(claim.id, fd)
    return True


def let_go(claim_id: str) -> None:
    """Drop this process's lock on a claim (once its state is settled)."""
    with _held_guard:
        fd = _held.pop(claim_id, None)
    if fd is not None:
        os.close(fd)


def _new_claim_dir(settings: Settings, note: dict[str, Any]) -> tuple[str, Path]:
    while True:
        claim_id = uuid.uuid4().hex
        folder = settings.processing_dir / claim_id
        folder.mkdir(parents=True)
        fd = _lock_folder(folder)
        if fd is not None:
            break
        # Another service starting up took the new, empty folder for an abandoned one.
    _keep(claim_id, fd)
    write_atomic(folder / CLAIM_NOTE, json.dumps(note).encode())
    return claim_id, folder


def _record(db: Database, claim: Claim, size: int | None, ledger_id: int | None = None) -> None:
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


def _stored_name(original: str) -> str:
    # The claimed copy keeps the original name when it is safe to create; the ledger and
    # claim.json keep the exact original either way.
    return safe_name(original, max_bytes=200)


def claim_file(settings: Settings, db: Database, path: Path) -> Claim | None:
    """Take ``path`` out of its drop folder. Returns None when another process took it."""
    source_path, folder_hint = _describe(settings, path)
    note = {"source_path": source_path, "original_name": path.name, "folder_hint": folder_hint}
    claim_id, folder = _new_claim_dir(settings, note)
    dest = folder / _stored_name(path.name)
    try:
        size = path.lstat().st_size
        path.rename(dest)
    except FileNotFoundError:
        _drop_folder(claim_id, folder)
        return None
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            _drop_folder(claim_id, folder)
            raise
        # Drop folder on another filesystem (a network share): copy durably, then remove.
        copy_atomic(path, dest)
        path.unlink()
    fsync_dir(folder)
    claim = Claim(claim_id, dest, path.name, source_path, folder_hint)
    _record(db, claim, size)
    logger.info("[%s] claimed %s", claim_id[:8], source_path)
    return claim


def claim_copy(settings: Settings, db: Database, path: Path) -> Claim:
    """Claim a copy of ``path`` (``intake ingest``): the file given stays where it is."""
    note = {"source_path": str(path), "original_name": path.name, "folder_hint": None}
    claim_id, folder = _new_claim_dir(settings, note)
    dest = folder / _stored_name(path.name)
    copy_atomic(path, dest)
    claim = Claim(claim_id, dest, path.name, str(path), None)
    _record(db, claim, dest.stat().st_size)
    return claim


def reclaim(
    settings: Settings,
    *,
    ledger_id: int,
    path: Path,
    original_name: str,
    source_path: str,
    folder_hint: str | None,
) -> Claim:
    """Claim a file Intake holds already (a quarantined one, for a retry) for its existing
    ledger row: the same folder, note and atomic rename as a dropped file. The caller moves
    the ledger row to the new claim; if it cannot, ``recover_claims`` does on start-up.
    FileNotFoundError when the file is gone (another retry took it)."""
    note = {
        "source_path": source_path,
        "original_name": original_name,
        "folder_hint": folder_hint,
        "ledger_id": ledger_id,
    }
    claim_id, folder = _new_claim_dir(settings, note)
    dest = folder / _stored_name(original_name)
    try:
        path.rename(dest)
    except FileNotFoundError:
        _drop_folder(claim_id, folder)
        raise
    fsync_dir(folder)
    fsync_dir(path.parent)
    # Whoever processes it takes the lock again (``hold``); until then, a service starting
    # up may resume it.
    let_go(claim_id)
    logger.info("[%s] reclaimed %s for a retry", claim_id[:8], original_name)
    return Claim(claim_id, dest, original_name, source_path, folder_hint)


def recover_claims(settings: Settings, db: Database) -> list[Claim]:
    """Claims left in ``processing/`` by an earlier run, to be processed again."""
    claims: list[Claim] = []
    root = settings.processing_dir
    if not root.is_dir():
        return claims
    for folder in sorted(root.iterdir()):
        if not folder.is_dir():
            continue
        fd = _lock_folder(folder)
        if fd is None:
            continue  # another live process is seeing this claim through
        try:
            files = [p for p in folder.iterdir() if p.name not in (CLAIM_NOTE, CLAIM_LOCK)]
        except FileNotFoundError:
            files = []
        if not files:
            shutil.rmtree(folder, ignore_errors=True)
            os.close(fd)
            continue
        _keep(folder.name, fd)
        try:
            note = json.loads((folder / CLAIM_NOTE).read_text())
        except (OSError, ValueError):
            note = {"source_path": files[0].name, "original_name": files[0].name}
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
        _record(db, claim, files[0].lstat().st_size, ledger_id)
        attempts = note_crash(db, claim.id)  # the run that left it here did not finish
        logger.info(
            "[%s] resuming %s left in processing (attempt %d)",
            claim.id[:8],
            claim.source_path,
            attempts + 1,
        )
        claims.append(claim)
    return claims


def note_crash(db: Database, claim_id: str) -> int:
    """Count a run on this claim that ended without an outcome (a crash, a kill); returns
    the attempts so far. A claim still in processing only; a settled one is left alone."""
    with db.session() as s:
        row = s.scalar(select(IntakeFile).where(IntakeFile.claim == claim_id))
        if row is None:
            return 0
        if row.state == LedgerState.PROCESSING:
            row.attempts += 1
        return row.attempts


def _drop_folder(claim_id: str, folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    let_go(claim_id)


def release(claim: Claim) -> None:
    """Remove the claim folder once the file's state is committed. Not fsynced: a folder
    that comes back after a crash belongs to a settled ledger row and is released again."""
    _drop_folder(claim.id, claim.folder)
