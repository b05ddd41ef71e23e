"""``intake run``: the watcher, the worker pool and the indexer, side by side.

The main process claims files (a rename: cheap) and commits nothing but ledger rows and
quarantines after a worker timeout; the workers read, extract and file; the indexer thread
keeps the search index in step with the database.
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


class Service:
    def __init__(self, settings: Settings) -> None:
        settings.ensure_dirs()
        self.settings = settings
        self.db = open_database(settings.db_url)
        self.ctx = Context(settings, Registry.default(), self.db)
        self.index = SearchIndex(settings.index_dir)
        self.workers = Workers(self.ctx, on_done=self._done)
        self.watcher = Watcher(settings, self._take)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._indexer = threading.Thread(
            target=self._index_loop, name="intake-indexer", daemon=True
        )

    def start(self) -> None:
        for claim in recover_claims(self.settings, self.db):
            self.workers.submit(claim)
        self.watcher.start()
        self._indexer.start()
        logger.info(
            "intake is watching %s with %d workers",
            self.settings.watch_dir,
            self.settings.worker_count,
        )

    def _take(self, path: Path) -> None:
        claim = claim_file(self.settings, self.db, path)
        if claim is not None:
            self.workers.submit(claim)

    def _done(self, outcome: Outcome) -> None:
        if outcome.state == "filed":
            self._wake.set()

    def _index_loop(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(INDEX_INTERVAL)
            self._wake.clear()
            try:
                self.index.sync(self.db)
            except Exception:
                logger.exception("indexing failed; the index will be rebuilt from the database")
                try:
                    self.index.reset(self.db)
                except Exception:
                    logger.exception("could not mark documents for reindexing")
                self._stop.wait(5.0)

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self.watcher.stop()
        self.workers.close()
        self._indexer.join(timeout=10)
        self.db.dispose()
