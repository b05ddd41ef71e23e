"""When is a dropped file finished? A pure, separately tested unit.

A file is ready once its size and modification time have held still for ``settle``
seconds and its content looks complete (for a PDF: the ``%%EOF`` trailer is present).
A file that stays incomplete is handed over anyway after ``give_up`` seconds of no change,
so that a truncated file ends in quarantine instead of waiting forever. The clock and the
two file probes are injected, so tests drive time by hand.
"""

from __future__ import annotations

import os
import stat
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Signature", "StabilityTracker", "looks_complete", "signature"]

Signature = tuple[int, int]  # (size, mtime in ns)


def signature(path: Path) -> Signature | None:
    """Size and mtime of ``path`` itself (a symlink is not followed); None if it is gone."""
    try:
        st = path.lstat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def looks_complete(path: Path) -> bool:
    """A PDF is complete when its last kilobyte holds ``%%EOF``; other files at once
    (emptiness is decided later, by the pipeline). Anything but a regular file (a link, a
    named pipe, a device) is handed over unopened: opening a named pipe would block the
    watcher until something writes to it, and the pipeline quarantines it unread."""
    try:
        st = path.lstat()
    except OSError:
        return False
    if not stat.S_ISREG(st.st_mode) or path.suffix.lower() != ".pdf":
        return True
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        os.lseek(fd, max(0, st.st_size - 1024), os.SEEK_SET)
        return b"%%EOF" in os.read(fd, 1024)
    except OSError:
        return False
    finally:
        os.close(fd)


@dataclass
class _Seen:
    sig: Signature
    since: float  # clock time at which sig was first seen


class StabilityTracker:
    """Tracks candidate files and says which ones are ready. Thread-safe."""

    def __init__(
        self,
        settle: float,
        *,
        give_up: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        probe: Callable[[Path], Signature | None] = signature,
        complete: Callable[[Path], bool] = looks_complete,
    ) -> None:
        self.settle = settle
        self.give_up = give_up if give_up is not None else max(30.0, 30 * settle)
        self.clock = clock
        self.probe = probe
        self.complete = complete
        self._seen: dict[Path, _Seen | None] = {}
        self._lock = threading.Lock()

    def touch(self, path: Path) -> None:
        """Something happened to ``path``: (re)start watching it."""
        with self._lock:
            self._seen[path] = None

    def forget(self, path: Path) -> None:
        with self._lock:
            self._seen.pop(path, None)

    def __contains__(self, path: Path) -> bool:
        with self._lock:
            return path in self._seen

    def __len__(self) -> int:
        with self._lock:
            return len(self._seen)

    def ready(self) -> list[Path]:
        """Files that are ready now; they stop being tracked."""
        now = self.clock()
        out = []
        with self._lock:
            for path, seen in list(self._seen.items()):
                sig = self.probe(path)
                if sig is None:
                    del self._seen[path]
                    continue
                if seen is None or seen.sig != sig:
                    self._seen[path] = _Seen(sig, now)
                    continue
                still = now - seen.since
                if still < self.settle:
                    continue
                if self.complete(path) or still >= self.give_up:
                    del self._seen[path]
                    out.append(path)
        return out
