"""Faults: which failures are the environment's rather than the file's, and the named
points where the tests' fault injection (``INTAKE_CRASH_AT``) kills a worker."""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import re
import signal
from typing import TYPE_CHECKING

from sqlalchemy.exc import OperationalError

from intake.errors import TransientError

if TYPE_CHECKING:
    from intake.ingest.stages import Context

__all__ = [
    "CRASH_POINTS",
    "ENVIRONMENT_ERRNOS",
    "checkpoint",
    "environmental",
    "stop_in_foreign_call",
]

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


#: how ctypes reports an exception raised while it converted a foreign call's argument
_CONVERTING = re.compile(r"argument \d+: (SystemExit|KeyboardInterrupt)(?:: (-?\d+))?")


def stop_in_foreign_call(exc: BaseException) -> BaseException | None:
    """The stop a signal handler raised (SystemExit: the worker's time limit, a shutdown;
    KeyboardInterrupt) where ctypes turned it into ``ctypes.ArgumentError``: it ran while
    a PDFium call's argument was converted, and ctypes reports it by its message alone.
    Caught as a reader's error, it would quarantine the file as unreadable and leave the
    process running; re-raised, the process stops as it was told to. None for any other
    exception."""
    if not isinstance(exc, ctypes.ArgumentError):
        return None
    m = _CONVERTING.match(str(exc))
    if m is None:
        return None
    if m.group(1) == "KeyboardInterrupt":
        return KeyboardInterrupt()
    return SystemExit(int(m.group(2)) if m.group(2) else None)


#: Named points of ``process_claim`` where INTAKE_CRASH_AT can kill the process.
CRASH_POINTS = ("claimed", "read", "archived", "committed", "released", "settled")


def checkpoint(ctx: Context, step: str) -> None:
    """Kill this process here when the crash_at setting names ``step``: ``settled`` is
    after a quarantine's or duplicate's commit, before its file is moved."""
    if ctx.settings.crash_at == step:
        logger.warning("crash injected at %s", step)
        os.kill(os.getpid(), signal.SIGKILL)
