"""The service's side of the queue: publish a claim's task, then hand the claim over.

``intake run`` with a broker claims files as it always does (the claim is its own,
through its owner lock, :mod:`intake.ingest.owners`), publishes one task per claim, and only then
writes the queue as the claim's owner (:func:`intake.queue.claims.hand_to_queue`). A service
killed before that leaves a claim of a dead owner, adopted and published again by the next
service (a second message for the same claim does nothing once the first settled it). While
the broker cannot be reached, claims wait here in order and publishing is retried with a
growing pause; a service stopped meanwhile leaves them to the next one.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading

from celery import Celery

from intake.ingest.ledger import Claim
from intake.ingest.owners import Owner
from intake.ingest.stages import Context
from intake.queue.app import FILE_CLAIM, make_app
from intake.queue.claims import hand_to_queue

__all__ = ["Dispatcher", "publish"]

logger = logging.getLogger(__name__)

#: Longest pause, in seconds, between two attempts to reach the broker.
MAX_BACKOFF = 30.0
RETRY_POLICY = {"max_retries": 2, "interval_start": 0.2, "interval_step": 0.5, "interval_max": 1}


def publish(app: Celery, claim_id: str) -> None:
    """Put the task of claim ``claim_id`` on the queue (raises when the broker is away)."""
    app.send_task(FILE_CLAIM, args=[claim_id], retry=True, retry_policy=RETRY_POLICY)


class Dispatcher:
    """Stands in for :class:`intake.ingest.workers.Workers` when a broker is set: ``submit`` a
    claim, and a thread publishes it. ``owner`` holds the claims until they are queued."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.owner = Owner.create(ctx.settings.locks_dir)
        self.app = make_app(ctx.settings)
        self._todo: queue.Queue[Claim | None] = queue.Queue()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="intake-dispatch", daemon=True)
        self._thread.start()

    def submit(self, claim: Claim) -> None:
        self._todo.put(claim)

    def _run(self) -> None:
        failures = 0
        while (claim := self._todo.get()) is not None:
            while not self._stop.is_set():
                try:
                    publish(self.app, claim.id)
                except Exception as exc:
                    failures += 1
                    delay = min(MAX_BACKOFF, 0.5 * 2 ** min(failures, 8))
                    logger.warning(
                        "[%s] the broker is unreachable (%s); trying again in %.0f s",
                        claim.id[:8],
                        exc,
                        delay,
                    )
                    self._stop.wait(delay)
                    continue
                failures = 0
                # A worker may have settled and released it already: nothing to hand over.
                with contextlib.suppress(FileNotFoundError):
                    hand_to_queue(claim)
                logger.debug("[%s] queued", claim.id[:8])
                break

    def close(self) -> None:
        self._stop.set()
        self._todo.put(None)
        self._thread.join(timeout=30)
        with contextlib.suppress(Exception):
            self.app.close()
        self.owner.close()
