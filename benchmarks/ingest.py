"""``intake ingest`` of 114 generated text PDFs as a user runs it, start-up included,
against a bare pdfplumber pass over the same files in a fresh process.

Both sides are timed as whole commands (a new Python process each), so the figure includes
what a person waits for: interpreter and library start-up, opening (and on the first run
creating) the database, the worker pool, reading, filing and indexing. Target (the house
issue): the ingest costs at most 1.5x the bare pass. Each side runs ``--rounds`` times,
alternating, and the medians are compared (the machine is shared and noisy).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.pipeline import generate

N_FILES = 114

BARE = """
import sys
from pathlib import Path
import pdfplumber
words = 0
for path in sorted(Path(sys.argv[1]).glob("*.pdf")):
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            words += len(page.extract_words())
print(words)
"""


def _timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks ingest")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    intake = shutil.which("intake", path=str(Path(sys.executable).parent)) or "intake"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pdfs"
        folder.mkdir()
        files = generate(folder, N_FILES)
        bare, ingest = [], []
        for round_ in range(args.rounds):
            bare.append(_timed([sys.executable, "-c", BARE, str(folder)], dict(os.environ)))
            data = Path(tmp) / f"data-{round_}"
            env = {
                **os.environ,
                "INTAKE_DATA_DIR": str(data),
                "INTAKE_WATCH_DIR": str(Path(tmp) / "watch"),
            }
            ingest.append(_timed([intake, "ingest", str(folder)], env))
        b, i = statistics.median(bare), statistics.median(ingest)
        print(f"files: {len(files)} generated text PDFs")
        print(f"bare pdfplumber extract_words, fresh process: {b:.2f} s (median of {len(bare)})")
        print(f"intake ingest, fresh process and database:    {i:.2f} s (median of {len(ingest)})")
        print(f"ratio ingest / bare pass: {i / b:.2f}x  (target <= 1.5x)")
        print(
            f"per file: ingest {1000 * i / len(files):.0f} ms, bare {1000 * b / len(files):.0f} ms"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
