"""``intake verify``: is everything where the database says, unchanged, and accounted for?

Checks: every ledger row is in a terminal state; ``processing/`` is empty; every
document's original is in the archive and re-hashes to its sha256; no archived file lacks
a document; a filed or duplicate row points at a document that exists; quarantined and
duplicate files are where their rows say, and no file in those folders lacks its row; the
search index holds exactly the documents the database marks as indexed.

Not problems, but reported: the temporary files of writes a crash interrupted and notes
whose file was never moved beside them (a crash between the note and the commit); both
are litter, never a file that was dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from intake.db.engine import Database
from intake.db.models import Document, IntakeFile, LedgerState
from intake.index.store import SearchIndex
from intake.ingest.storage import TEMP_PREFIX, archive_path, sha256_file, stored_location
from intake.settings import Settings

__all__ = ["Report", "verify"]


@dataclass
class Report:
    documents: int = 0
    ledger_rows: int = 0
    by_state: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    litter: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


_ARCHIVED = re.compile(r"[0-9a-f]{64}\.[a-z0-9]{1,8}")


def verify(
    settings: Settings,
    db: Database,
    *,
    index: SearchIndex | None = None,
    progress: Callable[[int], object] | None = None,
) -> Report:
    report = Report()
    with db.session() as s:
        rows = list(
            s.execute(
                select(
                    IntakeFile.claim,
                    IntakeFile.state,
                    IntakeFile.stored_path,
                    IntakeFile.original_name,
                    IntakeFile.document_id,
                    IntakeFile.sha256,
                )
            )
        )
        docs = list(
            s.execute(select(Document.id, Document.sha256, Document.ext, Document.change_seq))
        )
    report.ledger_rows = len(rows)
    report.documents = len(docs)
    known_docs = {doc_id for doc_id, *_ in docs}
    set_aside: set[Path] = set()
    # A filing killed between the archive write and its commit (a timeout, a crash) leaves
    # the archived copy of a file that then went to quarantine: litter, not a lost file.
    quarantined = {sha for _, state, _, _, _, sha in rows if state == LedgerState.QUARANTINED}
    for claim, state, stored, name, doc_id, _sha in rows:
        report.by_state[state] = report.by_state.get(state, 0) + 1
        if state not in LedgerState.TERMINAL:
            report.problems.append(f"ledger: {name!r} (claim {claim[:8]}) is still {state}")
        if state in (LedgerState.FILED, LedgerState.DUPLICATE) and doc_id not in known_docs:
            report.problems.append(f"ledger: {state} {name!r} names no document ({doc_id})")
        if state in LedgerState.TERMINAL and stored and state != LedgerState.FILED:
            path = stored_location(settings.data_dir, stored)
            set_aside.add(path)
            if not path.exists() and not path.is_symlink():
                report.problems.append(f"ledger: {state} file of {name!r} is missing: {stored}")
    if settings.processing_dir.is_dir():
        for leftover in settings.processing_dir.iterdir():
            report.problems.append(f"processing: {leftover.name} is left over")
    _check_set_aside(settings, set_aside, report)

    expected: set[Path] = set()
    for doc_id, sha, ext, _ in docs:
        path = archive_path(settings.archive_dir, sha, ext)
        expected.add(path)
        if not path.exists():
            report.problems.append(f"archive: document {doc_id} has no original ({path.name})")
        elif sha256_file(path) != sha:
            report.problems.append(f"archive: document {doc_id}'s original changed ({path.name})")
        if progress:
            progress(1)
    if settings.archive_dir.is_dir():
        for path in settings.archive_dir.rglob("*"):
            if path.is_file() and _ARCHIVED.fullmatch(path.name) and path not in expected:
                if path.stem in quarantined and sha256_file(path) == path.stem:
                    report.litter.append(
                        f"archive: {path.name} is a copy of a quarantined file"
                        " (its filing was interrupted)"
                    )
                else:
                    report.problems.append(f"archive: {path.name} belongs to no document")
            elif path.is_file() and path.name.startswith(TEMP_PREFIX):
                report.litter.append(f"archive: interrupted write {path.name}")
            elif path.is_file() and not _ARCHIVED.fullmatch(path.name):
                report.problems.append(
                    f"archive: stray file {path.relative_to(settings.archive_dir)}"
                )

    if index is not None:
        indexed = index.ids()
        caught_up = index.caught_up_to()
        should = {doc_id for doc_id, _, _, seq in docs if seq <= caught_up}
        known = {doc_id for doc_id, *_ in docs}
        for doc_id in sorted(should - indexed):
            report.problems.append(f"index: document {doc_id} is missing from the search index")
        for doc_id in sorted(indexed - known):
            report.problems.append(f"index: entry {doc_id} has no document")
    return report


def _check_set_aside(settings: Settings, expected: set[Path], report: Report) -> None:
    """Every file in quarantine/ and duplicates/ belongs to a ledger row."""
    for folder, suffix in (
        (settings.quarantine_dir, ".error.json"),
        (settings.duplicates_dir, ".duplicate.json"),
    ):
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.name.startswith(TEMP_PREFIX):
                report.litter.append(f"{folder.name}: interrupted write {path.name}")
            elif path.name.endswith(suffix):
                twin = path.with_name(path.name.removesuffix(suffix))
                if not twin.exists() and not twin.is_symlink():
                    report.litter.append(f"{folder.name}: note without its file {path.name}")
            elif path not in expected:
                report.problems.append(f"{folder.name}: {path.name} belongs to no ledger row")
