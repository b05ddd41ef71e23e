"""Crash the real service (``intake run`` in a subprocess) at every pipeline step and at
random moments while files are being dropped, restart it, and check that nothing was lost
or filed twice: each dropped name has exactly one ledger row in the state its content
calls for, and ``intake verify`` finds nothing wrong.

The default run drops 40 files; ``make test-long`` (and CI) runs the long loop: 300 files
and a kill every few seconds until they are all settled.
"""

from __future__ import annotations

import ctypes
import random
import threading
import time
from pathlib import Path

import pytest

from intake.ingest.faults import CRASH_POINTS, stop_in_foreign_call
from tests.faults import Drop, Service, account, finish, make_drop, put, run_verify, settled

pytestmark = pytest.mark.slow


def dropper(root: Path, files: list[tuple[Path, str]], spread: float) -> threading.Thread:
    """Put the files into the drop folders over ``spread`` seconds, service up or down."""
    folders = ["inbox", "invoices", "invoices/ACME/2024", "estimates", "contracts"]

    def run() -> None:
        for i, (src, name) in enumerate(files):
            put(src, root / "watch" / folders[i % len(folders)] / name)
            time.sleep(spread / max(1, len(files)))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def kill_loop(
    root: Path,
    drop: Drop,
    files: list[tuple[Path, str]],
    *,
    random_kills: int,
    spread: float,
    seed: int,
) -> tuple[int, list[str]]:
    """Kill the service at each crash point, then ``random_kills`` times at random moments
    (alternately the whole process tree, and the service alone, its workers outliving it).
    Returns the number of kills and the steps at which an injected crash was seen."""
    rng = random.Random(seed)
    (root / "watch").mkdir(parents=True, exist_ok=True)
    feeding = dropper(root, files, spread)
    kills = 0
    seen: list[str] = []
    # A run killed by the test is not the file's fault: allow many before quarantining.
    common = {"max_attempts": "1000", "polling": "contracts", "poll_interval": "0.3"}
    for step in CRASH_POINTS:
        service = Service(root, crash_at=step, **common)
        try:
            if service.wait_for(rf"crash injected at {step}", timeout=60):
                seen.append(step)
        finally:
            service.kill(tree=True)
        kills += 1
    for i in range(random_kills):
        service = Service(root, **common)
        try:
            assert service.wait_for(r"Intake is running"), service.drain()
            time.sleep(rng.uniform(0.3, 4.0))
        finally:
            service.kill(tree=i % 2 == 0)
        kills += 1
    feeding.join()
    return kills, seen


def check(root: Path, drop: Drop, kills: int) -> str:
    tally, report, log = finish(root, drop)
    figures = f"{kills} kills survived; {tally.figures()}"
    assert tally.lost == [], (figures, tally.lost, log[-5000:])
    assert tally.doubled == [], (figures, tally.doubled, log[-5000:])
    assert tally.wrong == [], (figures, tally.wrong)
    assert report["exit_code"] == 0 and report["problems"] == [], (figures, report)
    assert sum(tally.by_state.values()) == len(drop)
    return figures


def report(request: pytest.FixtureRequest, figures: str) -> None:
    """Show the figures in the test run's output."""
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"\n{request.node.name}: {figures}")


def test_kills_at_every_step_and_at_random_moments_lose_nothing(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    drop, files = make_drop(tmp_path / "src", 40, seed=11)
    kills, seen = kill_loop(tmp_path, drop, files, random_kills=4, spread=6.0, seed=11)
    assert set(seen) >= {"claimed", "read", "archived", "committed", "released"}, seen
    report(request, check(tmp_path, drop, kills))


@pytest.mark.long
def test_the_long_kill_loop_over_a_300_file_drop(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    drop, files = make_drop(tmp_path / "src", 300, seed=23)
    kills, seen = kill_loop(tmp_path, drop, files, random_kills=24, spread=40.0, seed=23)
    assert set(seen) == set(CRASH_POINTS), seen
    report(request, check(tmp_path, drop, kills))


def test_two_services_on_the_same_folders_file_each_file_once(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    drop, files = make_drop(tmp_path / "src", 30, seed=5)
    (tmp_path / "watch").mkdir(parents=True)
    services = [Service(tmp_path, polling="contracts", poll_interval="0.3")]
    try:
        assert services[0].wait_for(r"Intake is running"), services[0].drain()
        services.append(Service(tmp_path, polling="contracts", poll_interval="0.3"))
        assert services[1].wait_for(r"Intake is running"), services[1].drain()
        dropper(tmp_path, files, spread=3.0).join()
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and not settled(tmp_path):
            time.sleep(0.5)
            for service in services:
                service.drain()
    finally:
        for service in services:
            service.stop()
    claimed = [service.drain().count(" claimed ") for service in services]
    tally = account(tmp_path, drop)
    figures = f"two services (claims {claimed[0]} and {claimed[1]}); {tally.figures()}"
    assert tally.lost == [] and tally.doubled == [] and tally.wrong == [], (figures, tally)
    assert sum(tally.by_state.values()) == len(drop)
    report_ = run_verify(tmp_path)
    assert report_["exit_code"] == 0 and report_["problems"] == [], report_
    report(request, figures)


@pytest.mark.parametrize(
    ("message", "stop", "code"),
    [
        ("argument 1: SystemExit: -241", SystemExit, -241),
        ("argument 3: SystemExit", SystemExit, None),
        ("argument 2: KeyboardInterrupt", KeyboardInterrupt, None),
    ],
)
def test_a_stop_raised_inside_a_foreign_calls_argument_is_a_stop(
    message: str, stop: type[BaseException], code: int | None
) -> None:
    # a worker's time limit or shutdown whose signal handler ran while ctypes converted a
    # PDFium call's argument comes out as ctypes.ArgumentError, its message all that is
    # left of it: it is the stop again, not a reader's error that would quarantine the file
    # as unreadable and keep the process running (seen once in the queue's time-limit test)
    got = stop_in_foreign_call(ctypes.ArgumentError(message))
    assert type(got) is stop
    assert getattr(got, "code", None) == code


def test_a_foreign_calls_own_argument_error_is_no_stop() -> None:
    assert stop_in_foreign_call(ctypes.ArgumentError("argument 1: TypeError: wrong type")) is None
    assert stop_in_foreign_call(ValueError("argument 1: SystemExit: -241")) is None
