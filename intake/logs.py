"""Logging set-up; only entry points (the CLI, worker initialisers) call it."""

from __future__ import annotations

import logging

__all__ = ["configure_logging"]


def configure_logging(level: str = "INFO") -> None:
    logging.basicConfig(
        level=getattr(logging, level, logging.INFO),
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
    )
    for noisy in ("pdfminer", "PIL", "watchdog", "whoosh", "celery", "kombu", "amqp"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
