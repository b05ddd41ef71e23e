"""How many tesseract processes run at once, across all the worker processes of a service.

Each tesseract run holds one *slot*: an exclusive ``flock`` on one of N small files in a
folder shared by the workers. The kernel drops a lock when its holder dies, so a worker
killed for overrunning its timeout never leaks a slot. With N equal to the core count the
machine is never oversubscribed (tesseract processes competing for cores are much slower
than one per core), yet a single worker reading a many-page scan may use every core while
the other workers are idle.

Without a folder (a reader called directly, as in tests), :class:`LocalSlots` limits the
runs of this process only.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

__all__ = ["FileSlots", "LocalSlots", "Slots"]

logger = logging.getLogger(__name__)

#: How long a thread sleeps between tries when every slot is taken.
POLL_SECONDS = 0.005


class Slots(Protocol):
    """Something that admits at most ``count`` tesseract runs at a time."""

    count: int

    def hold(self) -> contextlib.AbstractContextManager[None]: ...


class LocalSlots:
    """At most ``count`` runs at once within this process."""

    def __init__(self, count: int) -> None:
        self.count = max(1, count)
        self._sem = threading.BoundedSemaphore(self.count)

    @contextlib.contextmanager
    def hold(self) -> Iterator[None]:
        with self._sem:
            yield


class FileSlots:
    """At most ``count`` runs at once among every process that uses ``folder``."""

    def __init__(self, folder: Path, count: int) -> None:
        self.count = max(1, count)
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self._paths = [folder / f"slot-{i}.lock" for i in range(self.count)]
        self._next = 0
        self._lock = threading.Lock()

    def _try(self, path: Path) -> int | None:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        except BaseException:
            os.close(fd)
            raise
        return fd

    def _acquire(self) -> int:
        with self._lock:  # start at a different slot each time, to spread the tries
            start = self._next
            self._next = (self._next + 1) % self.count
        while True:
            for k in range(self.count):
                fd = self._try(self._paths[(start + k) % self.count])
                if fd is not None:
                    return fd
            time.sleep(POLL_SECONDS)

    @contextlib.contextmanager
    def hold(self) -> Iterator[None]:
        fd = self._acquire()
        try:
            yield
        finally:
            os.close(fd)  # closing the only descriptor releases the lock
