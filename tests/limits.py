"""Code run in a fresh interpreter under a worker's limits (:func:`limit_process`), the way
the ingest workers read untrusted files: what it needs must fit in their address space."""

from __future__ import annotations

import os
import subprocess
import sys

PRELUDE = """
from intake.ingest.workers import limit_process
from intake.settings import Settings

limit_process(Settings())
"""


def run_under_worker_limits(code: str) -> str:
    """Run ``code`` after :data:`PRELUDE` in a new Python; its standard output. Fails the
    test with the end of its standard error when it does not exit cleanly."""
    # numpy's BLAS reserves address space per thread when it loads; a worker reads with one
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    done = subprocess.run(
        [sys.executable, "-c", PRELUDE + code],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()
