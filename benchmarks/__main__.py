"""``make bench``: run the benchmark modules listed in MODULES, each printing its figures.

    python -m benchmarks            # all of them
    python -m benchmarks web        # only benchmarks/web.py (extra arguments go to it)

A benchmark module has ``main(argv: list[str]) -> None``; add yours to MODULES.
"""

from __future__ import annotations

import importlib
import sys
import time

MODULES = [
    "benchmarks.pipeline",
    "benchmarks.ingest",
    "benchmarks.ocr_speed",
    "benchmarks.ocr_language",
    "benchmarks.matching",
    "benchmarks.export",
    "benchmarks.web",
    "benchmarks.scale",
    "benchmarks.desk",
]


def main(argv: list[str]) -> None:
    names = MODULES
    if argv and not argv[0].startswith("-"):
        names = [f"benchmarks.{argv[0]}"]
        argv = argv[1:]
    for name in names:
        print(f"== {name}", flush=True)
        start = time.perf_counter()
        importlib.import_module(name).main(argv)
        print(f"== {name} done in {time.perf_counter() - start:.0f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
