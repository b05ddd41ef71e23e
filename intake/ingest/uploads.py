"""Files uploaded through the web UI, claimed exactly like dropped ones.

An upload is written, under a name of our own making, into ``<data>/uploads/`` (never a
path built from the name the browser sent), flushed to disk, and then claimed with
:func:`intake.ingest.ledger.claim_file`: the same atomic rename into ``processing/<claim>/``, the
same claim note and ledger row as a file dropped into a watch folder. From there the
service's workers file it, set it aside as a duplicate or quarantine it, and the ledger
row says which. The name the browser sent is kept as text only (its last path component),
for the ledger and the status page.

A file over the size limit (``max_file_mb``) is refused before it is claimed; what was
written of it is removed. A crash between the write and the claim leaves a file in
``uploads/`` that nobody claimed (the browser saw no answer); such leftovers are removed
by the next upload once they are a day old.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from sqlalchemy import select

from intake.db.engine import Database
from intake.db.models import IntakeFile
from intake.errors import ResourceLimit, UnsupportedFile
from intake.ingest.ledger import Claim, claim_file
from intake.ingest.storage import fsync_dir, text_of_name
from intake.settings import DOC_TYPE_FOLDERS, Settings

__all__ = ["UPLOAD_PREFIX", "Upload", "claim_upload", "upload_name"]

logger = logging.getLogger(__name__)

#: The source path of an upload reads ``upload/<user>/<name>`` (it names no real folder).
UPLOAD_PREFIX = "upload"
CHUNK = 1 << 16
STALE_SECONDS = 24 * 3600
MAX_NAME = 255


@dataclass(frozen=True)
class Upload:
    """An uploaded file, claimed: its claim and the ledger row that tells its fate."""

    claim: Claim
    ledger_id: int | None  # None if the row could not be written yet (the worker writes it)
    size: int


def upload_name(sent: str | None) -> str:
    """The name to keep for a file the browser sent as ``sent``: its last path component
    (either separator), as text, without control characters; "upload" when empty."""
    name = text_of_name(sent or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable()).strip()
    if name in ("", ".", ".."):
        return "upload"
    return name[:MAX_NAME]


def _uploads_dir(settings: Settings) -> Path:
    folder = settings.data_dir / "uploads"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def _remove_stale(folder: Path) -> None:
    cutoff = time.time() - STALE_SECONDS
    for leftover in folder.iterdir():
        try:
            if leftover.is_file() and leftover.stat().st_mtime < cutoff:
                leftover.unlink()
                logger.warning("removed an upload left unclaimed: %s", leftover.name)
        except OSError:
            continue


def _write(stream: IO[bytes], dest: Path, limit: int) -> int:
    """Copy ``stream`` to ``dest`` durably; ResourceLimit past ``limit`` bytes."""
    size = 0
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > limit:
                raise ResourceLimit(f"larger than the limit of {limit >> 20} MB")
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    return size


def claim_upload(
    settings: Settings,
    db: Database,
    stream: IO[bytes],
    sent_name: str | None,
    *,
    user: str,
    folder: str = "inbox",
    owner: str | None = None,
) -> Upload:
    """Write an uploaded file and claim it for ``owner`` (the service's workers, who are
    then handed the claim by the caller); without an owner the claim is left to whichever
    service recovers claims next. ``folder`` is the drop folder the upload stands for (one
    of :data:`intake.settings.DOC_TYPE_FOLDERS`: it hints at the document type).

    ResourceLimit when the file is over ``max_file_mb``; UnsupportedFile when ``folder`` is
    not a drop folder. An empty or unreadable file is claimed all the same: the pipeline
    quarantines it with its reason, as it would a dropped one."""
    if folder not in DOC_TYPE_FOLDERS:
        raise UnsupportedFile(f"no drop folder {folder!r}")
    name = upload_name(sent_name)
    spool = _uploads_dir(settings)
    _remove_stale(spool)
    staged = spool / f"{uuid.uuid4().hex}.upload"
    try:
        size = _write(stream, staged, settings.max_file_mb << 20)
        fsync_dir(spool)
        origin = (name, f"{UPLOAD_PREFIX}/{user}/{name}", folder)
        claim = claim_file(settings, db, staged, owner=owner, origin=origin)
    finally:
        staged.unlink(missing_ok=True)  # gone after the claim's rename; else a refused file
    if claim is None:  # nobody else knows this name: the rename cannot have been lost
        raise FileNotFoundError(staged)
    with db.session() as s:
        ledger_id = s.scalar(select(IntakeFile.id).where(IntakeFile.claim == claim.id))
    logger.info("[%s] %s uploaded by %s (%d bytes)", claim.id[:8], name, user, size)
    return Upload(claim, ledger_id, size)
