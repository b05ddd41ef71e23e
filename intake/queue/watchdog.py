"""A worker that stopped taking tasks restarts itself.

Celery's Redis transport has a known failure after the broker connection is lost and
re-established: the worker process stays up and connected, but no longer fetches messages
(celery/celery#8030, #10205, #10302, #10502, fixed and broken again across kombu releases).
Nothing is lost meanwhile (the messages wait on the broker, and those the worker held come
back after the visibility timeout), but nothing is filed either until someone restarts it.

The watchdog runs in the worker's main process and looks at the queue every few seconds
through a connection of its own. A worker whose pool is busy takes a new task at the latest
when its current tasks end, and no task outlives the task time limit
(:func:`intake.queue.app.task_time_limit`). So when messages have been waiting for longer
than that limit plus a margin, every time the watchdog looked, and this worker received none
of them, the worker is stalled: it logs why and restarts the way Celery restarts on SIGHUP,
a warm shutdown (the tasks it runs finish) and then the same command line again in the same
process. Its unacknowledged messages come back as for any stopped worker.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from celery import Celery
from kombu.connection import Connection

from intake.queue.app import QUEUE_NAME, task_time_limit
from intake.settings import Settings

__all__ = ["RESTARTS", "Stall", "Watchdog", "restarts"]

logger = logging.getLogger(__name__)

#: Environment variable counting the self-restarts of this worker (0 for a fresh start).
RESTARTS = "INTAKE_WORKER_RESTARTS"
#: Seconds added to the task time limit before a waiting queue means a stalled worker.
MARGIN = 15.0


def restarts() -> int:
    """How many times this worker has restarted itself (0 in a fresh worker)."""
    value = os.environ.get(RESTARTS, "0")
    return int(value) if value.isdigit() else 0


@dataclass
class Stall:
    """The decision, apart from clocks and brokers: ``look`` is told at each look whether
    messages were waiting and whether this worker received a task since the last look; it
    returns True once messages have waited, unreceived, for ``window`` seconds."""

    window: float
    since: float | None = field(default=None)

    def look(self, now: float, *, waiting: bool, received: bool) -> bool:
        if not waiting or received:
            self.since = None
            return False
        if self.since is None:
            self.since = now
        return now - self.since >= self.window


def _reexec() -> None:
    """Run this worker's command line again in this process (at exit, after Celery's warm
    shutdown), counting the restart."""
    os.environ[RESTARTS] = str(restarts() + 1)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])


class Watchdog:
    """Watches one worker (see the module's docstring); ``received`` is called by the
    worker for every task it receives, ``start`` once the worker is ready."""

    def __init__(self, app: Celery, settings: Settings) -> None:
        self.app = app
        self.window = task_time_limit(settings) + MARGIN
        self.every = max(1.0, self.window / 10)
        self._received = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="intake-watchdog", daemon=True)
        self._conn: Connection | None = None

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def received(self) -> None:
        self._received.set()

    def waiting(self) -> bool | None:
        """Whether messages wait on the queue; None when the broker cannot be asked. The
        watchdog keeps one connection of its own, made again after a failure."""
        try:
            if self._conn is None:
                self._conn = self.app.connection_for_read()
                self._conn.ensure_connection(max_retries=1, timeout=5)
            conn = self._conn
            try:
                ok = conn.default_channel.queue_declare(queue=QUEUE_NAME, passive=True)
            except conn.channel_errors:  # no such queue: nothing was ever left waiting
                return False
            return int(ok.message_count) > 0
        except Exception as exc:
            logger.debug("the watchdog could not ask the broker: %s", exc)
            self._drop()
            return None

    def _drop(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.release()  # type: ignore[no-untyped-call]
            self._conn = None

    def _run(self, clock: Callable[[], float] = time.monotonic) -> None:
        stall = Stall(self.window)
        while not self._stop.wait(self.every):
            waiting = self.waiting()
            received = self._received.is_set()
            self._received.clear()
            if waiting is None:  # the broker is away: Celery's own reconnection is at work
                stall.since = None
                continue
            if stall.look(clock(), waiting=waiting, received=received):
                self._drop()
                self.restart()
                return
        self._drop()

    def restart(self) -> None:
        from celery.worker import state

        logger.error(
            "this worker has taken no task for %.0f s while tasks wait on the queue (the"
            " broker connection was lost and re-established?): restarting it",
            self.window,
        )
        atexit.register(_reexec)
        state.should_stop = 0  # a warm shutdown, as Celery does on SIGHUP
        # A warm shutdown that does not end within a task's time limit becomes a cold one.
        if not self._stop.wait(self.window):
            logger.error("the warm shutdown did not end; stopping the tasks")
            state.should_terminate = 0
