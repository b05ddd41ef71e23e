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
from dataclasses import replace
from functools import partial
from threading import current_thread as current
from typing import TypeVar

from pebble import ProcessExpired, ProcessPool

from intake.db.engine import open_database
from intake.ingest.faults import environmental
from intake.ingest.ledger import Claim
from intake.ingest.owners import Owner
from intake.ingest.pipeline import RETRY, Outcome, process_claim, quarantine
from intake.ingest.stages import Context
from intake.logs import configure_logging
from intake.settings import Settings

__all__ = ["Workers", "limited_pool", "map_in_workers", "with_database"]

logger = logging.getLogger(__name__)

_ctx: Context | None = None
_owner: Owner | None = None

T = TypeVar("T")
R = TypeVar("R")

#: Longest wait, in seconds, before a claim whose run failed is tried again.
MAX_BACKOFF = 60.0


def with_database(ctx: Context) -> Context:
    """``ctx`` on this process's own connection to the database."""
    s = ctx.settings
    return replace(
        ctx, database=open_database(s.db_url, migrate=False, busy_timeout=s.db_busy_timeout)
    )


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


def _init(settings: Settings, base: Context | None, owner_id: str | None = None) -> None:
    global _ctx, _owner
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    os.setpgrp()  # the worker and the tesseract processes it starts form one group
    signal.signal(signal.SIGTERM, _stop_group)
    configure_logging(settings.log_level)
    if owner_id is not None:
        # Hold the service's claims with it: they are not adopted while this worker lives,
        # even if the service itself was killed. OwnerGone (they were adopted already)
        # fails the initializer, and the worker never takes a task.
        _owner = Owner.join(settings.locks_dir, owner_id)
    limit_process(settings)
    if base is not None:
        _ctx = with_database(base)


def _process(claim: Claim) -> Outcome:
    assert _ctx is not None
    return process_claim(_ctx, claim)


def _pool(
    settings: Settings, *, base: Context | None = None, owner_id: str | None = None
) -> ProcessPool:
    """Worker processes; with ``base`` (a context without its database) each opens its own
    connection and files claims on it."""
    # forkserver: the service has threads (watcher, web) that must not be forked.
    return ProcessPool(
        max_workers=settings.worker_count,
        initializer=_init,
        initargs=(settings, base, owner_id),
        context=multiprocessing.get_context("forkserver"),
    )


class Workers:
    """Processes claims in the pool and reports each final outcome to ``on_done``.

    A claim stays in hand until it is settled: a run that ends in a retry, a worker that
    died, or a failure of the database while settling it here, each brings it back after a
    growing delay (at most :data:`MAX_BACKOFF`). Crashes are counted by the next run on the
    claim (:func:`intake.ingest.ledger.count_crash`), so a file that keeps killing its worker is
    quarantined after ``max_attempts``; the only decision taken here is the quarantine of a
    file whose run overran the time limit (its worker has been killed by then).
    """

    def __init__(self, ctx: Context, on_done: Callable[[Outcome], None] | None = None) -> None:
        self.ctx = ctx
        self.on_done = on_done
        self.owner = Owner.create(ctx.settings.locks_dir)
        self._started: ProcessPool | None = None  # started by the first claim
        self._lock = threading.Condition()
        self._in_hand: dict[str, int] = {}  # claim id -> runs again so far (for the backoff)
        self._failed: dict[str, int] = {}  # claim id -> worker deaths and errors
        self._timers: set[threading.Timer] = set()
        self._closed = False

    def _pool(self) -> ProcessPool:
        with self._lock:
            if self._started is None:
                base = replace(self.ctx, database=None)
                self._started = _pool(self.ctx.settings, base=base, owner_id=self.owner.id)
            return self._started

    def submit(self, claim: Claim) -> None:
        with self._lock:
            self._in_hand.setdefault(claim.id, 0)
        self._schedule(claim)

    def _schedule(self, claim: Claim) -> None:
        future = self._pool().schedule(
            _process, args=(claim,), timeout=self.ctx.settings.file_timeout
        )
        future.add_done_callback(partial(self._done, claim))

    def _done(self, claim: Claim, future: Future[Outcome]) -> None:
        try:
            outcome = self._settle(claim, future)
        except Exception as exc:  # the database or the disk failed here: settle it later
            if not environmental(exc):
                logger.exception("[%s] could not settle the claim", claim.id[:8])
            else:
                logger.warning("[%s] could not settle the claim yet: %s", claim.id[:8], exc)
            self._later(claim, partial(self._done, claim, future))
            return
        if outcome is None or outcome.state == RETRY:
            self._later(claim, partial(self._schedule, claim))
            return
        with self._lock:
            self._in_hand.pop(claim.id, None)
            self._failed.pop(claim.id, None)
            self._lock.notify_all()
        if self.on_done is not None:
            self.on_done(outcome)

    def _settle(self, claim: Claim, future: Future[Outcome]) -> Outcome | None:
        """The claim's final outcome, or None (or a RETRY outcome) to run it again."""
        try:
            return future.result()
        except TimeoutError:
            limit = self.ctx.settings.file_timeout
            return quarantine(self.ctx, claim, f"reading took longer than the {limit:.0f} s limit")
        except ProcessExpired as exc:
            failures = self._failures(claim)
            logger.warning("[%s] worker died (%s); retrying", claim.id[:8], exc)
            if failures > 2 * self.ctx.settings.max_attempts:  # it dies before counting
                return quarantine(
                    self.ctx, claim, f"the worker crashed {failures} times on this file ({exc})"
                )
            return None
        except Exception as exc:
            failures = self._failures(claim)
            logger.error("[%s] worker failed (%s: %s)", claim.id[:8], type(exc).__name__, exc)
            if not environmental(exc) and failures > self.ctx.settings.max_attempts:
                return quarantine(self.ctx, claim, f"internal error: {exc}")
            return None

    def _failures(self, claim: Claim) -> int:
        with self._lock:
            self._failed[claim.id] = self._failed.get(claim.id, 0) + 1
            return self._failed[claim.id]

    def _later(self, claim: Claim, action: Callable[[], None]) -> None:
        with self._lock:
            if self._closed:
                return
            tries = self._in_hand.get(claim.id, 0) + 1
            self._in_hand[claim.id] = tries
            delay = min(MAX_BACKOFF, 0.5 * 2 ** min(tries, 8))
            timer = threading.Timer(delay, self._fire, args=(action,))
            timer.daemon = True
            self._timers.add(timer)
        timer.start()

    def _fire(self, action: Callable[[], None]) -> None:
        with self._lock:
            self._timers = {t for t in self._timers if t.is_alive() and t is not current()}
            if self._closed:
                return
        try:
            action()
        except Exception:
            logger.exception("could not run a retry")

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._in_hand)

    def in_hand(self, claim_id: str) -> bool:
        with self._lock:
            return claim_id in self._in_hand

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every submitted claim has an outcome; False on timeout."""
        with self._lock:
            return self._lock.wait_for(lambda: not self._in_hand, timeout)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            timers = list(self._timers)
        for timer in timers:
            timer.cancel()
        if self._started is not None:
            self._started.stop()
            self._started.join(timeout=10)
        self.owner.close()


def limited_pool(settings: Settings) -> ProcessPool:
    """A pool of limited worker processes without a database (the caller stops it)."""
    return _pool(settings)


def map_in_workers(
    settings: Settings, fn: Callable[[T], R], items: Iterable[T], *, timeout: float | None = None
) -> Iterator[tuple[T, R | BaseException]]:
    """Run ``fn`` over ``items`` in limited child processes (no database); yield each item
    with its result or the exception it ended in, in the order given."""
    pool = limited_pool(settings)
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
