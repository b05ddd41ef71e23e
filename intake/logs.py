"""Logging set-up; only entry points (the CLI, worker initialisers) call it."""

from __future__ import annotations

import logging

__all__ = ["configure_logging"]


def configure_logging(level: str = "INFO") -> None:
    """Log lines of ``level`` and above to standard error; called again, only the level
    changes (the CLI sets its quiet default first, then ``intake run`` the service's)."""
    logging.basicConfig(format="%(asctime)s %(levelname)-7s %(name)s: %(message)s")
    logging.getLogger().setLevel(getattr(logging, level, logging.INFO))
    for noisy in ("pdfminer", "PIL", "watchdog", "whoosh", "celery", "kombu", "amqp"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
