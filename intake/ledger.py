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
"""

from __future__ import annotations

import errno
import json
import logging
import shutil
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
    "reclaim",
    "recover_claims",
    "release",
    "type_hint_for",
]

logger = logging.getLogger(__name__)

CLAIM_NOTE = "claim.json"


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


def _new_claim_dir(settings: Settings, note: dict[str, Any]) -> tuple[str, Path]:
    claim_id = uuid.uuid4().hex
    folder = settings.processing_dir / claim_id
    folder.mkdir(parents=True)
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
        shutil.rmtree(folder, ignore_errors=True)
        return None
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            shutil.rmtree(folder, ignore_errors=True)
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
        shutil.rmtree(folder, ignore_errors=True)
        raise
    fsync_dir(folder)
    fsync_dir(path.parent)
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
        files = [p for p in folder.iterdir() if p.name != CLAIM_NOTE]
        if not files:
            shutil.rmtree(folder, ignore_errors=True)
            continue
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


def release(claim: Claim) -> None:
    """Remove the claim folder once the file's state is committed. Not fsynced: a folder
    that comes back after a crash belongs to a settled ledger row and is released again."""
    shutil.rmtree(claim.folder, ignore_errors=True)
