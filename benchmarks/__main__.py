"""``make bench``: run every benchmark module listed here and print its figures."""

from __future__ import annotations

import importlib
import sys
import time

BENCHMARKS = [
    "benchmarks.pipeline",
    "benchmarks.export",
]


def main(argv: list[str]) -> int:
    wanted = [b for b in BENCHMARKS if not argv or any(a in b for a in argv)]
    for name in wanted:
        print(f"\n=== {name} ===", flush=True)
        start = time.perf_counter()
        importlib.import_module(name).main()
        print(f"--- {name}: {time.perf_counter() - start:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
