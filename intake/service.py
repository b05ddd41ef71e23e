"""``intake run``: the watcher, the worker pool and the indexer, side by side.

The main process claims files (a rename: cheap) and commits nothing but ledger rows and
quarantines after a worker timeout; the workers read, extract and file; the indexer thread
keeps the search index in step with the database. At start and every ``rescan_seconds``
the claims of dead owners (a service or ``intake ingest`` that was killed) are adopted
and resumed (:mod:`intake.owners`).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from intake.db import open_database
from intake.extractors import Registry
from intake.index import SearchIndex
from intake.ledger import claim_file, recover_claims
from intake.pipeline import Context, Outcome
from intake.settings import Settings
from intake.watcher import Watcher
from intake.workers import Workers

__all__ = ["Service"]

logger = logging.getLogger(__name__)

INDEX_INTERVAL = 1.0
#: The longest wait between attempts while the index or the database keeps failing.
MAX_INDEX_PAUSE = 60.0


class Service:
    def __init__(self, settings: Settings) -> None:
        settings.ensure_dirs()
        self.settings = settings
        self.db = open_database(settings.db_url, busy_timeout=settings.db_busy_timeout)
        self.ctx = Context(settings, Registry.default(), self.db)
        self.index = SearchIndex(settings.index_dir)
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
            "intake is watching %s with %d workers",
            self.settings.watch_dir,
            self.settings.worker_count,
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
