"""Ingest: from a dropped file to its settled fate.

The watcher sees a file (:mod:`~intake.ingest.watcher`, :mod:`~intake.ingest.stability`,
:mod:`~intake.ingest.filters`), the ledger claims it (:mod:`~intake.ingest.ledger`,
:mod:`~intake.ingest.owners`), the worker pool runs the stages over it
(:mod:`~intake.ingest.workers`, :mod:`~intake.ingest.stages`) and the pipeline decides its
fate and files it (:mod:`~intake.ingest.pipeline`, :mod:`~intake.ingest.storage`).
"""
