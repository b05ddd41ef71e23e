"""Failures of the environment, not of the file: a full disk and a database held locked by
another connection. The file stays claimed and is retried (the attempt is not counted, so
it is never quarantined for it), and is filed once the disk or the database is free again.
A locked or truncated search index is covered in tests/test_index.py.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from intake.db.engine import open_database
from intake.db.models import IntakeFile, LedgerState
from intake.filing.wiring import Wiring
from intake.ingest.ledger import claim_file
from intake.ingest.pipeline import RETRY, process_claim
from intake.ingest.stages import Context
from intake.ingest.verify import verify
from tests.factory import make_pdf, sample_invoice
from tests.test_pipeline import drop


def row_of(ctx: Context, claim_id: str) -> IntakeFile:
    with ctx.db.session() as s:
        row = s.scalar(select(IntakeFile).where(IntakeFile.claim == claim_id))
        assert row is not None
        return row


def test_a_database_locked_by_another_connection_delays_filing_but_never_quarantines(
    ctx: Context, invoice_pdf: Path
) -> None:
    settings = ctx.settings.model_copy(update={"db_busy_timeout": 0.2})
    db = open_database(settings.db_url, busy_timeout=settings.db_busy_timeout)
    local = Wiring.default().context(settings, db)
    try:
        claim = claim_file(settings, db, drop(settings, invoice_pdf))
        assert claim is not None
        holder = sqlite3.connect(settings.data_dir / "intake.db", isolation_level=None)
        try:
            holder.execute("BEGIN EXCLUSIVE")  # another process writing, for longer than we wait
            outcomes = [process_claim(local, claim) for _ in range(4)]
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert [o.state for o in outcomes] == [RETRY] * 4, outcomes
        assert "locked" in (outcomes[0].reason or "")
        assert claim.path.exists()  # still claimed, not moved anywhere
        row = row_of(local, claim.id)
        assert row.state == LedgerState.PROCESSING and row.attempts == 0  # never counted
        assert list(settings.quarantine_dir.iterdir()) == []

        final = process_claim(local, claim)  # the lock is gone
        assert final.state == LedgerState.FILED
        assert row_of(local, claim.id).attempts == 1
        assert verify(settings, db).ok
    finally:
        db.dispose()


FULL_DISK = """
import json, os, sys
from pathlib import Path
from sqlalchemy import select
from intake.db.models import IntakeFile
from intake.db.engine import open_database
from intake.filing.wiring import Wiring
from intake.ingest.ledger import claim_file
from intake.ingest.owners import Owner
from intake.ingest.pipeline import process_claim
from intake.settings import Settings
from intake.ingest.verify import verify

root, src = Path(sys.argv[1]), Path(sys.argv[2])
settings = Settings(data_dir=root / "data", watch_dir=root / "watch", memory_limit_mb=0)
settings.ensure_dirs()
db = open_database(settings.db_url)
ctx = Wiring.default().context(settings, db)
owner = Owner.create(settings.locks_dir)
dropped = settings.watch_dir / "invoices" / "invoice.pdf"
dropped.parent.mkdir(parents=True, exist_ok=True)
dropped.write_bytes(src.read_bytes())
claim = claim_file(settings, db, dropped, owner=owner.id)

fd = os.open(root / "filler", os.O_WRONLY | os.O_CREAT)
full = None
while full is None:
    try:
        os.write(fd, b"\\0" * 65536)
    except OSError as exc:
        full = exc.errno
os.close(fd)

def row():
    with db.session() as s:
        r = s.scalar(select(IntakeFile).where(IntakeFile.claim == claim.id))
        return r.state, r.attempts

runs = [process_claim(ctx, claim) for _ in range(3)]
still_claimed = claim.path.exists()
while_full = row()
quarantined = len(list(settings.quarantine_dir.iterdir()))
(root / "filler").unlink()
last = process_claim(ctx, claim)
report = verify(settings, db)
print(json.dumps({
    "errno": full,
    "runs": [[o.state, o.reason] for o in runs],
    "still_claimed": still_claimed,
    "while_full": while_full,
    "quarantined": quarantined,
    "last": last.state,
    "after": row(),
    "problems": report.problems,
}))
"""


def can_mount_tmpfs() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=1m none /mnt"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


@pytest.mark.skipif(not can_mount_tmpfs(), reason="no user namespaces to mount a small tmpfs")
def test_a_full_disk_delays_filing_but_never_quarantines_or_loses(tmp_path: Path) -> None:
    """The data folder on a 4 MB tmpfs (in a private mount namespace), filled up after the
    file was claimed: every write of the pipeline can fail with ENOSPC."""
    src = make_pdf(tmp_path / "invoice.pdf", sample_invoice(number="FULL-1"))
    disk = tmp_path / "disk"
    disk.mkdir()
    script = 'mount -t tmpfs -o size=4m none "$1" && exec "$2" -c "$3" "$1" "$4"'
    args = ["sh", str(disk), sys.executable, FULL_DISK, str(src)]
    proc = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    assert got["errno"] == 28  # ENOSPC: the disk really was full
    assert [state for state, _ in got["runs"]] == [RETRY] * 3, got
    assert all("No space left" in (why or "") or "full" in (why or "") for _, why in got["runs"])
    assert got["still_claimed"] and got["quarantined"] == 0, got
    assert got["while_full"] == ["processing", 0], got  # retried, never counted as an attempt
    assert got["last"] == LedgerState.FILED and got["after"] == ["filed", 1], got
    assert got["problems"] == [], got
