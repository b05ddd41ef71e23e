"""Faults: which failures are the environment's rather than the file's, and the named
points where the tests' fault injection (``INTAKE_CRASH_AT``) kills a worker."""

from __future__ import annotations

import errno
import logging
import os
import signal
from typing import TYPE_CHECKING

from sqlalchemy.exc import OperationalError

from intake.errors import TransientError

if TYPE_CHECKING:
    from intake.ingest.stages import Context

__all__ = ["CRASH_POINTS", "ENVIRONMENT_ERRNOS", "checkpoint", "environmental"]

logger = logging.getLogger(__name__)

#: An error of the environment (not of the file): the claim is retried later, and the
#: attempt is not counted, however long it lasts.
ENVIRONMENT_ERRNOS = frozenset(
    {
        errno.ENOSPC,
        errno.EDQUOT,
        errno.EROFS,
        errno.EBUSY,
        errno.EAGAIN,
        errno.EMFILE,
        errno.ENFILE,
        errno.ENOMEM,
        errno.EIO,
    }
)


def environmental(exc: BaseException) -> bool:
    if isinstance(exc, TransientError | OperationalError):
        return True
    return isinstance(exc, OSError) and exc.errno in ENVIRONMENT_ERRNOS


#: Named points of ``process_claim`` where INTAKE_CRASH_AT can kill the process.
CRASH_POINTS = ("claimed", "read", "archived", "committed", "released", "settled")


def checkpoint(ctx: Context, step: str) -> None:
    """Kill this process here when the crash_at setting names ``step``: ``settled`` is
    after a quarantine's or duplicate's commit, before its file is moved."""
    if ctx.settings.crash_at == step:
        logger.warning("crash injected at %s", step)
        os.kill(os.getpid(), signal.SIGKILL)
