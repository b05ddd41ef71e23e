"""One process at a time opens (and if need be creates) a search index folder.

Services sharing a data folder start together, and each opens the index; two creating it
at once tear up each other's table of contents. Opening is therefore done under an
exclusive ``flock`` on a file beside the index folder (``<folder>.lock``). The kernel
releases the lock when its process dies, so a killed service never leaves it held.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def opening(index_dir: Path) -> Iterator[None]:
    """Hold the exclusive lock on opening ``index_dir`` for the block's time."""
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    with index_dir.with_name(f"{index_dir.name}.lock").open("a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)
