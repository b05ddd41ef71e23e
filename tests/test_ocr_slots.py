"""Tesseract slots: never more runs at once than slots, across threads and processes, and
a slot held by a process that is killed is free again at once."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from concurrent.futures import TimeoutError
from pathlib import Path

import pytest

from intake.extractors.reading.slots import FileSlots, LocalSlots, Slots
from intake.ingest.workers import map_in_workers
from intake.settings import Settings

HOLDER = """
import sys, time
from pathlib import Path
from intake.extractors.reading.slots import FileSlots
with FileSlots(Path(sys.argv[1]), 1).hold():
    print("held", flush=True)
    time.sleep(600)
"""


def busiest(slots: Slots, threads: int, rounds: int = 5) -> int:
    """The most runs seen at once when ``threads`` threads each take a slot ``rounds`` times."""
    running = most = 0
    lock = threading.Lock()

    def work() -> None:
        nonlocal running, most
        for _ in range(rounds):
            with slots.hold():
                with lock:
                    running += 1
                    most = max(most, running)
                time.sleep(0.002)
                with lock:
                    running -= 1

    pool = [threading.Thread(target=work) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return most


@pytest.mark.parametrize("count", [1, 2])
def test_no_more_runs_at_once_than_slots(tmp_path: Path, count: int) -> None:
    assert busiest(FileSlots(tmp_path / "slots", count), threads=4) == count
    assert busiest(LocalSlots(count), threads=4) == count


def test_two_sets_of_slots_on_one_folder_share_it(tmp_path: Path) -> None:
    a, b = FileSlots(tmp_path, 1), FileSlots(tmp_path, 1)
    with a.hold():
        taken = threading.Event()

        def take() -> None:
            with b.hold():
                taken.set()

        t = threading.Thread(target=take)
        t.start()
        assert not taken.wait(0.2)  # b waits while a holds the only slot
    t.join(timeout=10)
    assert taken.is_set()


def test_a_killed_holder_frees_its_slot(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        slots = FileSlots(tmp_path, 1)
        got = threading.Event()

        def take() -> None:
            with slots.hold():
                got.set()

        t = threading.Thread(target=take, daemon=True)
        t.start()
        assert not got.wait(0.2)
        holder.kill()  # as the pool kills a worker that overran its timeout
        holder.wait(timeout=10)
        assert got.wait(10)
    finally:
        holder.kill()
        holder.wait(timeout=10)
        if holder.stdout is not None:
            holder.stdout.close()


def start_child_and_wait(pid_file: str) -> None:
    """Stands for a worker running tesseract: a child process that outlives its caller's
    timeout."""
    child = subprocess.Popen(["sleep", "600"])
    Path(pid_file).write_text(str(child.pid))
    child.wait()


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_a_worker_killed_for_its_timeout_takes_its_children_along(
    settings: Settings, tmp_path: Path
) -> None:
    pid_file = tmp_path / "child.pid"
    results = list(map_in_workers(settings, start_child_and_wait, [str(pid_file)], timeout=2.0))
    assert isinstance(results[0][1], TimeoutError)
    pid = int(pid_file.read_text())
    for _ in range(100):
        if not alive(pid):
            break
        time.sleep(0.1)
    assert not alive(pid)
