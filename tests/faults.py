"""Fault injection on the real service: ``intake run`` in a subprocess, killed (SIGKILL) at
a named pipeline step or at a random moment, restarted, and checked with ``intake verify``
and an account of every file dropped.

A drop is a set of generated files with unique names: invoices (PDF and plain text), exact
copies of some of them under other names (duplicates), and broken files (quarantined).
``account`` then counts each dropped name's ledger rows: none is *lost*, more than one (or
a second document for the same bytes) is *doubled*.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import random
import re
import signal
import sqlite3
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy

from tests.factory import make_pdf, sample_invoice
from tests.live import INTAKE, read_lines, start_intake


@dataclass
class Drop:
    """What was dropped, by name, and what each should become."""

    expected: dict[str, str] = field(default_factory=dict)  # name -> filed/duplicate/quarantined
    same: dict[str, str] = field(default_factory=dict)  # name -> the name of the same bytes first

    def __len__(self) -> int:
        return len(self.expected)


def text_invoice(number: str, vendor: str) -> str:
    return (
        f"{vendor}\nInvoice\n\nInvoice number: {number}\nInvoice date: 2024-03-14\n"
        f"Due date: 2024-04-13\n\nDescription            Qty   Unit price   Amount\n"
        f"Cordless drill 18V       2       129.00   258.00\n\n"
        f"Subtotal: 258.00 EUR\nVAT 20%: 51.60 EUR\nTotal: 309.60 EUR\n"
    )


def make_drop(workdir: Path, count: int, *, seed: int = 7) -> tuple[Drop, list[tuple[Path, str]]]:
    """``count`` files as (source, name in the drop folder), generated into ``workdir``.
    About 1 in 8 is a copy of an earlier file, 1 in 12 is broken, a third are text."""
    rng = random.Random(seed)
    workdir.mkdir(parents=True, exist_ok=True)
    drop = Drop()
    files: list[tuple[Path, str]] = []
    originals: list[Path] = []
    for i in range(count):
        roll = rng.random()
        if originals and roll < 0.12:
            src = rng.choice(originals)
            name = f"copy-{i:04d}{src.suffix}"
            drop.expected[name] = "duplicate"
            drop.same[name] = src.name
        elif roll < 0.20:
            src = workdir / f"broken-{i:04d}.pdf"
            src.write_bytes(b"%PDF-1.7\n" + rng.randbytes(64) + b"\n%%EOF\n")
            name = src.name
            drop.expected[name] = "quarantined"
        elif roll < 0.55:
            src = workdir / f"note-{i:04d}.txt"
            src.write_text(text_invoice(f"T-{seed}-{i}", f"Vendor {i % 17} Ltd"))
            originals.append(src)
            name = src.name
            drop.expected[name] = "filed"
        else:
            src = make_pdf(
                workdir / f"inv-{i:04d}.pdf",
                sample_invoice(number=f"K-{seed}-{i}", vendor=f"Supplier {i % 13} GmbH"),
            )
            originals.append(src)
            name = src.name
            drop.expected[name] = "filed"
        files.append((src, name))
    return drop, files


def put(src: Path, dest: Path) -> None:
    """Drop a file as a person's copy does: written under an ignored name, then renamed."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    tmp.write_bytes(src.read_bytes())
    tmp.rename(dest)


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (workers, the forkserver, tesseract)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    out: list[int] = []
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


class Service:
    """One ``intake run`` in a subprocess, on the given folders."""

    def __init__(self, root: Path, **settings: str) -> None:
        self.root = root
        self.env = {
            "INTAKE_DATA_DIR": str(root / "data"),
            "INTAKE_WATCH_DIR": str(root / "watch"),
            "INTAKE_PORT": "0",
            "INTAKE_SETTLE_SECONDS": "0.3",
            "INTAKE_RESCAN_SECONDS": "2",
            "INTAKE_WORKERS": "2",
            "INTAKE_OCR_PROCESSES": "1",
            "INTAKE_LOG_LEVEL": "INFO",
            **{f"INTAKE_{k.upper()}": v for k, v in settings.items()},
        }
        self.lines: queue.Queue[str] = queue.Queue()
        self.log: list[str] = []
        self.proc = start_intake(self.env, root)
        self.reader = threading.Thread(target=read_lines, args=(self.proc, self.lines), daemon=True)
        self.reader.start()

    def wait_for(self, pattern: str, timeout: float = 60) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None and self.lines.empty():
                    return False
                continue
            self.log.append(line)
            if re.search(pattern, line):
                return True
        return False

    def drain(self) -> str:
        while True:
            try:
                self.log.append(self.lines.get_nowait())
            except queue.Empty:
                return "".join(self.log)

    def kill(self, *, tree: bool = True) -> None:
        """SIGKILL the service (and, with ``tree``, every process under it, stopped first so
        that none can react: a power cut); without ``tree`` its workers outlive it, as
        when only the service is killed for running out of memory."""
        if not tree:
            os.kill(self.proc.pid, signal.SIGKILL)
        else:
            os.kill(self.proc.pid, signal.SIGSTOP)
            stopped: set[int] = set()
            while new := set(descendants(self.proc.pid)) - stopped:
                for pid in new:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGSTOP)
                stopped |= new
            for pid in [self.proc.pid, *stopped]:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        self.proc.wait(timeout=30)
        self.close()

    def close(self) -> None:
        self.reader.join(timeout=30)
        self.drain()
        if self.proc.stdout is not None:
            self.proc.stdout.close()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.kill()
                return
        self.close()


def dropped(watch: Path, path: Path) -> bool:
    """Whether ``path`` under the drop folders ``watch`` still waits to be taken (a
    half-written ``.part`` is its writer's)."""
    return (path.is_file() or path.is_symlink()) and not path.name.endswith(".part")


def settled(root: Path, waiting: Callable[[Path, Path], bool] = dropped) -> bool:
    """Nothing ``waiting`` is left in a drop folder, nothing in processing/, and every
    ledger row is settled."""
    watch, data = root / "watch", root / "data"
    if any(waiting(watch, p) for p in watch.rglob("*")):
        return False
    processing = data / "processing"
    if processing.is_dir() and any(processing.iterdir()):
        return False
    db = data / "intake.db"
    if not db.exists():
        return False
    with sqlite3.connect(db, timeout=30) as con:
        (busy,) = con.execute(
            "select count(*) from intake_files where state = 'processing'"
        ).fetchone()
    return bool(busy == 0)


def run_verify(root: Path) -> dict[str, Any]:
    env = {
        **os.environ,
        "INTAKE_DATA_DIR": str(root / "data"),
        "INTAKE_WATCH_DIR": str(root / "watch"),
    }
    proc = subprocess.run(
        [INTAKE, "verify", "--json"], env=env, capture_output=True, text=True, timeout=300, cwd=root
    )
    report: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    report["exit_code"] = proc.returncode
    return report


@dataclass
class Account:
    dropped: int
    by_state: Counter[str]
    lost: list[str]
    doubled: list[str]
    wrong: list[str]  # ended in another state than expected

    def figures(self) -> str:
        states = ", ".join(f"{n} {s}" for s, n in sorted(self.by_state.items()))
        return (
            f"dropped {self.dropped}: {states}; lost {len(self.lost)}, "
            f"doubled {len(self.doubled)}, unexpected {len(self.wrong)}"
        )


ROWS = "select original_name, state from intake_files"
SAME_SHAS = "select sha256, count(*) from documents group by sha256 having count(*) > 1"


def account(root: Path, drop: Drop, url: str = "") -> Account:
    """Each dropped name against the ledger and the documents (in the SQLite file under
    ``root``, or the database at the SQLAlchemy ``url``)."""
    if url:
        engine = sqlalchemy.create_engine(url)
        try:
            with engine.connect() as con:
                rows = [tuple(r) for r in con.execute(sqlalchemy.text(ROWS))]
                shas = [tuple(r) for r in con.execute(sqlalchemy.text(SAME_SHAS))]
        finally:
            engine.dispose()
    else:
        with sqlite3.connect(root / "data" / "intake.db", timeout=30) as con:
            rows = con.execute(ROWS).fetchall()
            shas = con.execute(SAME_SHAS).fetchall()
    states: dict[str, list[str]] = {}
    for name, state in rows:
        states.setdefault(name, []).append(state)
    lost = [n for n in drop.expected if n not in states]
    doubled = [n for n, s in states.items() if len(s) > 1] + [f"sha {sha}" for sha, _ in shas]
    doubled += [f"stranger {n}" for n in states if n not in drop.expected]
    final = {n: s[0] for n, s in states.items() if len(s) == 1}
    firsts = set(drop.same.values())  # filed, or a duplicate of a copy that came first
    wrong = [
        f"{n}: {final[n]} (expected {want})"
        for n, want in drop.expected.items()
        if n in final and final[n] != want and n not in drop.same and n not in firsts
    ]
    # Of the same bytes under several names, exactly one is filed (whichever came first).
    groups: dict[str, list[str]] = {}
    for name, first in drop.same.items():
        groups.setdefault(first, [first]).append(name)
    for members in groups.values():
        got = sorted(final.get(m, "?") for m in members)
        if got != sorted(["filed"] + ["duplicate"] * (len(members) - 1)):
            wrong.append(f"{members}: {got}")
    by_state = Counter(s[0] for n, s in states.items() if n in drop.expected)
    return Account(len(drop), by_state, lost, doubled, wrong)


def finish(root: Path, drop: Drop, timeout: float = 600) -> tuple[Account, dict[str, Any], str]:
    """Start the service one last time, let it settle everything, stop it, and account."""
    service = Service(root)
    try:
        assert service.wait_for(r"Intake is running"), service.drain()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not settled(root):
            time.sleep(0.5)
            service.drain()
        # one more rescan and recovery period, for anything that came back late
        time.sleep(2.5)
        while time.monotonic() < deadline and not settled(root):
            time.sleep(0.5)
    finally:
        service.stop()
    log = service.drain()
    return account(root, drop), run_verify(root), log
