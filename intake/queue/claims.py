"""Claims that belong to the queue: a claim whose task is published is owned by the queue
(its note says so), so no service adopts it; a worker opens it by id from the folder.
The claim folder and its note are the ledger's (:mod:`intake.ingest.ledger`)."""

from __future__ import annotations

import json
import uuid

from intake.ingest.ledger import (
    CLAIM_NOTE,
    QUEUE,
    STAGING,
    Claim,
    claim_file_name,
    claimed_files,
    read_note,
)
from intake.ingest.storage import TEMP_PREFIX
from intake.settings import Settings

__all__ = ["hand_to_queue", "open_claim", "queued_claims"]


def hand_to_queue(claim: Claim) -> None:
    """The claim's task is on the queue: no service adopts it from now on. Never makes the
    folder again (a worker may have settled and released the claim already: then
    FileNotFoundError). Not fsynced: a note that loses this goes back to its dead owner,
    whose claims are adopted and queued again (the second task finds it settled)."""
    note = read_note(claim.folder)
    if not note:
        raise FileNotFoundError(claim.folder)
    note["owner"] = QUEUE
    tmp = claim.folder / f"{TEMP_PREFIX}{uuid.uuid4().hex}"
    tmp.write_bytes(json.dumps(note).encode())
    tmp.replace(claim.folder / CLAIM_NOTE)


def open_claim(settings: Settings, claim_id: str) -> Claim | None:
    """The claim ``claim_id`` as its folder holds it (a worker's view of a queued claim);
    None when the folder is gone (the claim was settled and released). A folder whose file
    was moved already (settled, not yet released) gives a claim whose path is missing."""
    if not claim_id.isalnum():
        return None
    folder = settings.processing_dir / claim_id
    try:
        files = claimed_files(folder)
    except FileNotFoundError:
        return None
    note = read_note(folder)
    name = str(note.get("original_name") or (files[0].name if files else claim_id))
    return Claim(
        claim_id,
        files[0] if files else folder / claim_file_name(name),
        name,
        str(note.get("source_path") or name),
        note.get("folder_hint"),
    )


def queued_claims(settings: Settings) -> list[str]:
    """The ids of the claims in ``processing/`` that belong to the queue."""
    root = settings.processing_dir
    if not root.is_dir():
        return []
    return [
        folder.name
        for folder in sorted(root.iterdir())
        if folder.is_dir()
        and not folder.name.startswith(STAGING)
        and read_note(folder).get("owner") == QUEUE
    ]
