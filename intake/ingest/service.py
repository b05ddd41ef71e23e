"""``intake run``: the watcher, the worker pool and the indexer, side by side.

The main process claims files (a rename: cheap) and commits nothing but ledger rows and
quarantines after a worker timeout; the workers read, extract and file; the indexer thread
keeps the search index in step with the database. At start and every ``rescan_seconds``
the claims of dead owners (a service or ``intake ingest`` that was killed) are adopted
and resumed (:mod:`intake.ingest.owners`). With a broker (``broker_url``) the worker pool
is replaced by the queue's dispatcher (:mod:`intake.queue.dispatch`): each claim becomes a
task for ``intake worker`` processes, and the indexer catches up with what they file.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import OperationalError

from intake.db.engine import open_database
from intake.index.store import SearchIndex
from intake.ingest.ledger import claim_file, recover_claims
from intake.ingest.pipeline import Outcome
from intake.ingest.stages import Context
from intake.ingest.watcher import Watcher
from intake.ingest.workers import Workers

if TYPE_CHECKING:
    from intake.queue.dispatch import Dispatcher

__all__ = ["Service"]

logger = logging.getLogger(__name__)

INDEX_INTERVAL = 1.0
#: The longest wait between attempts while the index or the database keeps failing.
MAX_INDEX_PAUSE = 60.0


class Service:
    """``ctx`` is the pipeline's context without its database (the composition's: see
    :meth:`intake.filing.wiring.Wiring.context`); the service opens the database."""

    def __init__(self, ctx: Context) -> None:
        settings = ctx.settings
        settings.ensure_dirs()
        self.settings = settings
        self.db = open_database(settings.db_url, busy_timeout=settings.db_busy_timeout)
        self.ctx = replace(ctx, database=self.db)
        self.index = SearchIndex(settings.index_dir)
        self.workers: Workers | Dispatcher
        if settings.broker_url:  # reading and filing are tasks for `intake worker`
            from intake.queue.dispatch import Dispatcher

            self.workers = Dispatcher(self.ctx)
        else:
            self.workers = Workers(self.ctx, on_done=self._done)
        self.watcher = Watcher(settings, self._take)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._indexer = threading.Thread(
            target=self._index_loop, name="intake-indexer", daemon=True
        )
        self._recoverer = threading.Thread(
            target=self._recover_loop, name="intake-recovery", daemon=True
        )

    @property
    def owner(self) -> str:
        return self.workers.owner.id

    def start(self) -> None:
        self.recover()
        self.watcher.start()
        self._indexer.start()
        self._recoverer.start()
        logger.info(
            "intake is watching %s with %s",
            self.settings.watch_dir,
            "`intake worker` processes on the queue"
            if self.settings.broker_url
            else f"{self.settings.worker_count} workers",
        )

    def recover(self) -> int:
        """Adopt and resume the claims of dead owners; returns how many."""
        claims = recover_claims(self.settings, self.db, owner=self.owner)
        for claim in claims:
            self.workers.submit(claim)
        return len(claims)

    def _recover_loop(self) -> None:
        while not self._stop.wait(self.settings.rescan_seconds):
            try:
                self.recover()
            except Exception:
                logger.exception("could not recover claims; will try again")

    def _take(self, path: Path) -> None:
        claim = claim_file(self.settings, self.db, path, owner=self.owner)
        if claim is not None:
            self.workers.submit(claim)

    def _done(self, outcome: Outcome) -> None:
        if outcome.state == "filed":
            self._wake.set()

    def _index_loop(self) -> None:
        """Keep the index in step. A document that cannot be indexed is recorded on the
        document by ``sync`` itself; what fails here is the store or the database, and
        that is waited out (longer each time, up to a minute) without marking anything:
        the documents still marked are indexed once it works again."""
        pause = INDEX_INTERVAL
        while not self._stop.is_set():
            self._wake.wait(INDEX_INTERVAL)
            self._wake.clear()
            try:
                self.index.sync(self.db)
            except OperationalError as exc:  # the database is away: the index is fine
                logger.warning("indexing waits for the database: %s", exc)
                self._stop.wait(5.0)
            except Exception:
                logger.exception("indexing failed; trying again in %.0f s", pause)
                self._stop.wait(pause)
                pause = min(pause * 2, MAX_INDEX_PAUSE)
            else:
                pause = INDEX_INTERVAL

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self.watcher.stop()
        self.workers.close()
        self._indexer.join(timeout=10)
        self._recoverer.join(timeout=10)
        self.db.dispose()
