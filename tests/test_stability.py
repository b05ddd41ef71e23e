"""The settle logic on its own, with a hand-driven clock and fake file probes."""

from __future__ import annotations

from pathlib import Path

from intake.ingest.stability import Signature, StabilityTracker, looks_complete


class FakeFiles:
    def __init__(self) -> None:
        self.sigs: dict[Path, Signature] = {}
        self.complete: set[Path] = set()

    def probe(self, path: Path) -> Signature | None:
        return self.sigs.get(path)


def make(
    settle: float = 2.0, give_up: float = 60.0
) -> tuple[StabilityTracker, FakeFiles, list[float]]:
    files, now = FakeFiles(), [0.0]
    tracker = StabilityTracker(
        settle,
        give_up=give_up,
        clock=lambda: now[0],
        probe=files.probe,
        complete=lambda p: p in files.complete,
    )
    return tracker, files, now


def test_a_file_is_ready_only_after_holding_still_for_the_settle_time() -> None:
    tracker, files, now = make()
    p = Path("a.pdf")
    files.sigs[p] = (100, 1)
    files.complete.add(p)
    tracker.touch(p)
    assert tracker.ready() == []  # first sight starts the clock
    now[0] = 1.9
    assert tracker.ready() == []
    now[0] = 2.0
    assert tracker.ready() == [p]
    assert p not in tracker  # handed over once


def test_a_growing_file_restarts_the_clock() -> None:
    tracker, files, now = make()
    p = Path("b.pdf")
    files.complete.add(p)
    files.sigs[p] = (10, 1)
    tracker.touch(p)
    tracker.ready()
    now[0] = 1.5
    files.sigs[p] = (20, 2)  # still being written
    assert tracker.ready() == []
    now[0] = 3.0
    assert tracker.ready() == []  # only 1.5 s since the last change
    now[0] = 3.5
    assert tracker.ready() == [p]


def test_an_incomplete_pdf_waits_until_it_is_complete_or_the_give_up_time() -> None:
    tracker, files, now = make(settle=2.0, give_up=30.0)
    p = Path("c.pdf")
    files.sigs[p] = (10, 1)
    tracker.touch(p)
    tracker.ready()
    now[0] = 5.0
    assert tracker.ready() == []  # no %%EOF yet
    now[0] = 30.0
    assert tracker.ready() == [p]  # handed over so it can be quarantined, not forgotten


def test_a_vanished_file_is_forgotten() -> None:
    tracker, files, now = make()
    p = Path("d.pdf")
    files.sigs[p] = (1, 1)
    tracker.touch(p)
    tracker.ready()
    del files.sigs[p]
    now[0] = 10
    assert tracker.ready() == []
    assert len(tracker) == 0


def test_a_touch_during_settling_does_not_delay_an_unchanged_file() -> None:
    tracker, files, now = make()
    p = Path("e.png")
    files.sigs[p] = (5, 5)
    files.complete.add(p)
    tracker.touch(p)
    tracker.ready()
    now[0] = 1.0
    tracker.touch(p)  # a second event (e.g. IN_CLOSE_WRITE) with nothing changed
    tracker.ready()
    now[0] = 3.1
    assert tracker.ready() == [p]


def test_looks_complete_checks_the_pdf_trailer(tmp_path: Path) -> None:
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + b"0" * 5000)
    assert not looks_complete(pdf)
    pdf.write_bytes(b"%PDF-1.7\n" + b"0" * 5000 + b"\n%%EOF\n")
    assert looks_complete(pdf)
    img = tmp_path / "x.png"
    img.write_bytes(b"\x89PNG")
    assert looks_complete(img)
