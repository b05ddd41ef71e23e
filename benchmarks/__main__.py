"""``make bench``: run every benchmark module listed here, one after another, each printing
its own figures. A benchmark module has ``main(argv) -> int``."""

from __future__ import annotations

import importlib
import sys
import time

BENCHMARKS = ["benchmarks.ocr_speed"]


def main(argv: list[str]) -> int:
    wanted = argv or BENCHMARKS
    status = 0
    for name in wanted:
        module = importlib.import_module(name if "." in name else f"benchmarks.{name}")
        print(f"== {module.__name__}", flush=True)
        start = time.perf_counter()
        code = int(module.main([]))
        print(f"== {module.__name__}: exit {code}, {time.perf_counter() - start:.1f} s\n")
        status = status or code
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
