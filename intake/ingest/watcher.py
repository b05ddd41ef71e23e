"""The drop-folder watcher. It only watches: it reports files that are ready to be claimed.

Each top-level drop folder gets its own observer: inotify by default, polling for folders
listed in the ``polling`` setting (network shares send no inotify events). Events only
start the stability clock (:mod:`intake.ingest.stability`); a startup scan and a periodic rescan
catch whatever an event missed. Symbolic links to folders are never followed.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler, FileSystemMovedEvent
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from intake.ingest.filters import ignore_reason
from intake.ingest.stability import StabilityTracker
from intake.settings import Settings

__all__ = ["Watcher", "scan"]

logger = logging.getLogger(__name__)

TICK = 0.2


def scan(root: Path) -> Iterator[Path]:
    """Every candidate file under ``root``, junk excluded, symlinked folders not entered."""
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        base = Path(dirpath)
        for name in filenames:
            path = base / name
            if ignore_reason(path.relative_to(root)) is None:
                yield path
        # os.walk lists symlinks to folders among dirnames; a symlink itself is a candidate
        # (the pipeline quarantines it unread), its target is never visited.
        for name in dirnames:
            path = base / name
            if path.is_symlink() and ignore_reason(path.relative_to(root)) is None:
                yield path


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: Watcher) -> None:
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("deleted", "opened", "closed_no_write"):
            return
        path = event.dest_path if isinstance(event, FileSystemMovedEvent) else event.src_path
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        if event.is_directory:
            # A folder moved in as a whole brings files that raise no events of their own.
            if event.event_type in ("created", "moved"):
                for file in scan(Path(path)):
                    self.watcher.notice(file)
            return
        self.watcher.notice(Path(path))


class Watcher:
    """Reports ready files to ``on_ready`` from its own thread."""

    def __init__(
        self,
        settings: Settings,
        on_ready: Callable[[Path], None],
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self.root = settings.watch_dir
        self.on_ready = on_ready
        self.tracker = StabilityTracker(settings.settle_seconds, clock=clock)
        self._observers: list[BaseObserver] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def notice(self, path: Path) -> None:
        try:
            rel = path.relative_to(self.root)
        except ValueError:
            return
        reason = ignore_reason(rel)
        if reason is not None:
            logger.debug("ignoring %s: %s", rel, reason)
            return
        if path.is_dir() and not path.is_symlink():
            return
        self.tracker.touch(path)

    def rescan(self) -> None:
        for path in scan(self.root):
            if path not in self.tracker:
                self.tracker.touch(path)

    def start(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        handler = _Handler(self)
        top = Observer()
        top.schedule(handler, str(self.root), recursive=False)
        self._observers.append(top)
        for folder in sorted(p for p in self.root.iterdir() if p.is_dir() and not p.is_symlink()):
            if ignore_reason(folder.relative_to(self.root) / "x") is not None:
                continue
            polled = self.settings.polled(folder.name)
            observer: BaseObserver = (
                PollingObserver(timeout=self.settings.poll_interval) if polled else Observer()
            )
            observer.schedule(handler, str(folder), recursive=True)
            self._observers.append(observer)
            logger.info("watching %s (%s)", folder, "polling" if polled else "inotify")
        for observer in self._observers:
            observer.daemon = True
            observer.start()
        self.rescan()  # the startup scan
        self._thread = threading.Thread(target=self._loop, name="intake-watcher", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        last_scan = time.monotonic()
        while not self._stop.wait(TICK):
            if time.monotonic() - last_scan >= self.settings.rescan_seconds:
                self.rescan()
                last_scan = time.monotonic()
            for path in self.tracker.ready():
                try:
                    self.on_ready(path)
                except Exception:
                    logger.exception("could not take %s; will try again at the next rescan", path)

    def stop(self) -> None:
        self._stop.set()
        for observer in self._observers:
            observer.stop()
        for observer in self._observers:
            observer.join(timeout=5)
        if self._thread is not None:
            self._thread.join(timeout=5)
