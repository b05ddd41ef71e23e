"""What a worker does with one queued claim.

The task carries the claim's id only; the worker finds the claim in the shared
``processing/`` folder (its note says where it came from) and runs the pipeline on it
(:func:`intake.ingest.pipeline.process_claim`), exactly as the in-process workers do. The ledger's
compare-and-set decides the file's fate, so a task delivered again after its claim was
settled does nothing: the claim's folder is gone, or its row is terminal already.

The task returns (and its message is acknowledged) only when the claim is settled. Anything
else puts the message back on the queue after a pause that grows with each failure of the
same claim in this process (:data:`MAX_BACKOFF` at most, and always well inside the
visibility timeout): a database or disk that is unavailable, a run that failed and will be
retried, an error while settling. A run that crashed or was killed left its ``.started``
mark, and the next run counts it as an attempt in the database, so a file that keeps
killing workers is quarantined after ``max_attempts`` whichever worker took it.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from celery import Celery
from celery.exceptions import Reject

from intake.ingest.pipeline import RETRY, Outcome, process_claim
from intake.ingest.stages import Context
from intake.ingest.workers import with_database
from intake.queue.claims import open_claim
from intake.settings import Settings

__all__ = ["Filer", "register"]

logger = logging.getLogger(__name__)

#: Longest pause, in seconds, before a claim whose run failed goes back on the queue.
MAX_BACKOFF = 30.0


class Filer:
    """One worker child's state: its settings, its database (opened on first use, after
    the fork) and how often each claim failed here (for the pause only)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._ctx: Context | None = None
        self._failures: dict[str, int] = {}

    @property
    def ctx(self) -> Context:
        if self._ctx is None:
            # the composition of a worker child (as `intake run` and `intake ingest` build it)
            from intake.filing.wiring import Wiring

            self._ctx = with_database(Wiring.default().context(self.settings))
        return self._ctx

    def close(self) -> None:
        if self._ctx is not None:
            self._ctx.db.dispose()
            self._ctx = None

    def pause(self, claim_id: str) -> float:
        failures = self._failures.get(claim_id, 0) + 1
        self._failures[claim_id] = failures
        cap = min(MAX_BACKOFF, self.settings.queue_visibility_timeout / 4)
        return float(min(cap, 0.5 * 2 ** min(failures, 8)))

    def file_claim(self, claim_id: str) -> Outcome | None:
        """Settle the claim; None when it was settled already. Raises Reject (back on the
        queue) when it is not settled yet."""
        short = claim_id[:8]
        try:
            claim = open_claim(self.settings, claim_id)
            if claim is None:
                logger.info("[%s] settled already; nothing to do", short)
                return None
            logger.info("[%s] reading %s", short, claim.original_name)
            outcome = process_claim(self.ctx, claim)
        except Exception as exc:  # settling failed (the database went away meanwhile ...)
            delay = self.pause(claim_id)
            logger.warning(
                "[%s] not settled (%s: %s); back on the queue in %.1f s",
                short,
                type(exc).__name__,
                exc,
                delay,
            )
            time.sleep(delay)
            raise Reject(str(exc), requeue=True) from exc
        if outcome.state == RETRY:
            delay = self.pause(claim_id)
            logger.warning("[%s] will retry in %.1f s: %s", short, delay, outcome.reason)
            time.sleep(delay)
            raise Reject(outcome.reason or "retry", requeue=True)
        self._failures.pop(claim_id, None)
        logger.info(
            "[%s] settled %s: %s%s",
            short,
            outcome.name,
            outcome.state,
            f" (document {outcome.document_id})" if outcome.document_id else "",
        )
        return outcome


def register(app: Celery, settings: Settings) -> None:
    """Register the task on a worker's app (each worker child gets its own Filer)."""
    filer = Filer(settings)

    def file_claim(claim_id: str) -> dict[str, Any] | None:
        outcome = filer.file_claim(claim_id)
        return None if outcome is None else {"state": outcome.state, "id": outcome.document_id}

    from intake.queue.app import FILE_CLAIM

    app.task(name=FILE_CLAIM, acks_late=True, reject_on_worker_lost=True)(file_claim)
