"""Who is working on a claim, so that two processes never work on one file.

Every process that claims files (``intake run``, ``intake ingest``) is an *owner*: it
creates ``data/locks/<id>.owner`` and holds a shared ``flock`` on it for as long as it
lives; its worker processes join it, holding their own shared lock on the same file. A
claim's ``claim.json`` names its owner. An owner is dead once nobody holds a lock on its
file: then, and only then, :func:`dead_owners` lets another process take an exclusive
lock on it and adopt its claims. Recovery runs under one exclusive ``recover.lock``, so
two recovering processes never adopt the same claim.

Why not recover every claim left in ``processing/`` on start-up, as before: a second
service on the same folders, an ``intake ingest`` running beside the service, or worker
processes outliving a killed service would then read and file the same file twice.

flock locks belong to the open file, are released by the kernel when a process dies
(SIGKILL, out of memory), and are not inherited by the tesseract processes a worker starts.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

__all__ = ["Owner", "OwnerGone", "dead_owners", "recovery_lock"]

logger = logging.getLogger(__name__)

SUFFIX = ".owner"


class OwnerGone(Exception):
    """The owner to join has been declared dead and its claims adopted by another."""


class Owner:
    """This process's hold on the claims it makes (or, joined, its parent's)."""

    def __init__(self, locks_dir: Path, owner_id: str, fd: int) -> None:
        self.locks_dir = locks_dir
        self.id = owner_id
        self._fd: int | None = fd

    @property
    def path(self) -> Path:
        return self.locks_dir / f"{self.id}{SUFFIX}"

    @classmethod
    def create(cls, locks_dir: Path) -> Owner:
        locks_dir.mkdir(parents=True, exist_ok=True)
        owner_id = uuid.uuid4().hex
        fd = os.open(locks_dir / f"{owner_id}{SUFFIX}", os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        fcntl.flock(fd, fcntl.LOCK_SH)
        return cls(locks_dir, owner_id, fd)

    @classmethod
    def join(cls, locks_dir: Path, owner_id: str) -> Owner:
        """Hold the lock of an existing owner (a worker joining its service). OwnerGone when
        that owner was declared dead meanwhile: the worker must not touch its claims."""
        path = locks_dir / f"{owner_id}{SUFFIX}"
        try:
            fd = os.open(path, os.O_RDWR)
        except FileNotFoundError:
            raise OwnerGone(owner_id) from None
        fcntl.flock(fd, fcntl.LOCK_SH)
        try:
            alive = os.fstat(fd).st_ino == path.stat().st_ino
        except FileNotFoundError:
            alive = False
        if not alive:  # adopted and removed between our open and our lock
            os.close(fd)
            raise OwnerGone(owner_id)
        return cls(locks_dir, owner_id, fd)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


@contextlib.contextmanager
def recovery_lock(locks_dir: Path) -> Iterator[None]:
    """One recovering process at a time."""
    locks_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(locks_dir / "recover.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


@contextlib.contextmanager
def dead_owners(locks_dir: Path, *, alive: str) -> Iterator[tuple[set[str], set[str]]]:
    """Within :func:`recovery_lock`: ``(dead, living)`` owner ids. The dead stay locked
    (nobody can join them) until the block ends, and their files are then removed: adopt
    their claims inside the block. ``alive`` (the caller) counts as living."""
    dead: dict[str, int] = {}
    living = {alive}
    try:
        for path in sorted(locks_dir.glob(f"*{SUFFIX}")) if locks_dir.is_dir() else []:
            owner_id = path.name.removesuffix(SUFFIX)
            if owner_id == alive:
                continue
            try:
                fd = os.open(path, os.O_RDWR)
            except FileNotFoundError:
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                living.add(owner_id)
                continue
            dead[owner_id] = fd
        yield set(dead), living
        for owner_id in dead:
            (locks_dir / f"{owner_id}{SUFFIX}").unlink(missing_ok=True)
    finally:
        for fd in dead.values():
            os.close(fd)
