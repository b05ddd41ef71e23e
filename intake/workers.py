"""Worker processes: the pipeline runs in a pool of child processes, one per core.

A child reads untrusted files, so it runs with limits: ``OMP_THREAD_LIMIT=1`` (tesseract's
threads are slower than one process per core), an address-space cap, and a wall-clock
timeout per file enforced by the pool, which kills a child that overruns (and with it the
tesseract processes it started: they share its process group). A child may OCR several
pages at once; the OCR slots keep the tesseract processes of all children together to
``INTAKE_OCR_PROCESSES`` (one per core). A child that
dies (segfault, out of memory, kill) costs the file one attempt; after ``max_attempts``
the file is quarantined.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import resource
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, TimeoutError
from functools import partial
from typing import TypeVar

from pebble import ProcessExpired, ProcessPool

from intake.db import open_database
from intake.db.filing import ledger_row
from intake.extractors import Registry
from intake.ledger import Claim, hold, let_go, note_crash
from intake.logs import configure_logging
from intake.pipeline import Context, Outcome, process_claim, quarantine
from intake.settings import Settings

__all__ = ["Workers", "context_for", "map_in_workers"]

logger = logging.getLogger(__name__)

_ctx: Context | None = None

T = TypeVar("T")
R = TypeVar("R")


def context_for(settings: Settings) -> Context:
    return Context(settings, Registry.default(), open_database(settings.db_url, migrate=False))


def limit_process(settings: Settings) -> None:
    """Limits for a process that reads untrusted files."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    if settings.memory_limit_mb:
        cap = settings.memory_limit_mb << 20
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _stop_group(signum: int, frame: object) -> None:
    """Take the tesseract children down with the worker: the pool terminates a worker that
    overran its timeout, and an orphaned tesseract would go on using a core."""
    os.killpg(os.getpgrp(), signal.SIGKILL)


def _init(settings: Settings, with_db: bool) -> None:
    global _ctx
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    os.setpgrp()  # the worker and the tesseract processes it starts form one group
    signal.signal(signal.SIGTERM, _stop_group)
    configure_logging(settings.log_level)
    limit_process(settings)
    if with_db:
        _ctx = context_for(settings)


def _process(claim: Claim) -> Outcome:
    assert _ctx is not None
    return process_claim(_ctx, claim)


def _pool(settings: Settings, *, with_db: bool) -> ProcessPool:
    # forkserver: the service has threads (watcher, web) that must not be forked.
    return ProcessPool(
        max_workers=settings.worker_count,
        initializer=_init,
        initargs=(settings, with_db),
        context=multiprocessing.get_context("forkserver"),
    )


class Workers:
    """Processes claims in the pool and reports each outcome to ``on_done``."""

    def __init__(self, ctx: Context, on_done: Callable[[Outcome], None] | None = None) -> None:
        self.ctx = ctx
        self.on_done = on_done
        self._pool = _pool(ctx.settings, with_db=True)
        self._pending = 0
        self._lock = threading.Condition()
        self._timers: list[threading.Timer] = []
        self._closing = False

    def submit(self, claim: Claim) -> None:
        if not hold(claim):
            logger.info("[%s] another process is seeing this claim through", claim.id[:8])
            return
        with self._lock:
            self._pending += 1
        future = self._pool.schedule(
            _process, args=(claim,), timeout=self.ctx.settings.file_timeout
        )
        future.add_done_callback(partial(self._done, claim))

    def _attempts(self, claim: Claim) -> int:
        with self.ctx.db.session() as s:
            return ledger_row(s, claim.id).attempts

    def _done(self, claim: Claim, future: Future[Outcome]) -> None:
        if self._closing and (future.cancelled() or future.exception() is not None):
            # Stopped, not failed: the claim stays in processing/ and is resumed on the
            # next start (of this service or another), never quarantined for the stop.
            logger.info("[%s] left for the next start: the service is stopping", claim.id[:8])
            with self._lock:
                self._pending -= 1
                self._lock.notify_all()
            return
        outcome: Outcome | None = None
        try:
            outcome = future.result()
        except TimeoutError:
            outcome = quarantine(
                self.ctx,
                claim,
                f"reading took longer than the {self.ctx.settings.file_timeout:.0f} s limit",
            )
        except ProcessExpired as exc:
            attempts = note_crash(self.ctx.db, claim.id)
            if attempts >= self.ctx.settings.max_attempts:
                outcome = quarantine(
                    self.ctx, claim, f"the worker crashed {attempts} times on this file ({exc})"
                )
            else:
                logger.warning("[%s] worker died (%s); retrying", claim.id[:8], exc)
                self._retry(claim, 1.0)
        except Exception as exc:
            logger.exception("[%s] worker failed", claim.id[:8])
            outcome = quarantine(self.ctx, claim, f"internal error: {exc}")
        if outcome is not None and outcome.state == "retry":
            self._retry(claim, 5.0 * self._attempts(claim))
            outcome = None
        if outcome is not None:
            let_go(claim.id)
        if outcome is not None and self.on_done is not None:
            self.on_done(outcome)
        with self._lock:
            self._pending -= 1
            self._lock.notify_all()

    def _retry(self, claim: Claim, delay: float) -> None:
        with self._lock:
            self._pending += 1
        timer = threading.Timer(delay, self._resubmit, args=(claim,))
        timer.daemon = True
        self._timers.append(timer)
        timer.start()

    def _resubmit(self, claim: Claim) -> None:
        with self._lock:
            self._pending -= 1
        self.submit(claim)

    @property
    def pending(self) -> int:
        with self._lock:
            return self._pending

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every submitted claim has an outcome; False on timeout."""
        with self._lock:
            return self._lock.wait_for(lambda: self._pending == 0, timeout)

    def close(self) -> None:
        self._closing = True
        for timer in self._timers:
            timer.cancel()
        self._pool.stop()
        self._pool.join(timeout=10)


def map_in_workers(
    settings: Settings, fn: Callable[[T], R], items: Iterable[T], *, timeout: float | None = None
) -> Iterator[tuple[T, R | BaseException]]:
    """Run ``fn`` over ``items`` in limited child processes (no database); yield each item
    with its result or the exception it ended in, in the order given."""
    pool = _pool(settings, with_db=False)
    try:
        futures = [(item, pool.schedule(fn, args=(item,), timeout=timeout)) for item in items]
        for item, future in futures:
            try:
                yield item, future.result()
            except BaseException as exc:  # noqa: BLE001 - reported to the caller per item
                yield item, exc
    finally:
        pool.stop()
        pool.join(timeout=10)
