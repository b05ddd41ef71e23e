"""OCR speed: Intake end to end against bare tesseract, and from one worker to two.

    python -m benchmarks.ocr_speed [--docs 8] [--dpi 300]

A corpus of scanned invoices is made at run time (tests.factory PDFs, rendered at the OCR
resolution and put back into image-only PDFs, 1-3 pages each). Then:

* **bare**: the ``tesseract`` CLI on the same page images (PNG, same resolution,
  ``--psm 6``, TSV output, ``OMP_THREAD_LIMIT=1``), one page after another;
* **end to end**: the pipeline's read, classify and extract stages on the scans
  (``intake extract``), in worker processes, for 1 worker / 1 tesseract at a time (the
  same single core as bare), 2 workers / 2 at a time, and 1 worker / 2 at a time (the
  pages of one file in parallel).

Timing covers the files themselves: each task reports when it started and ended and the
CPU seconds it and its tesseracts used (worker start-up and a warm-up file are left out).
The box is shared with other work, so the one-core comparison alternates file by file
between Intake and bare tesseract and gives CPU seconds (insensitive to other load) next
to wall seconds, and the throughput setups alternate and keep their best round, with the
load average printed; a sampler counts the tesseract processes running at once (never
more than the slots; two most of the time with two slots, whatever the load). Targets:
end to end <= 1.15 x bare per page on one core; two workers >= 1.7 x one.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

from intake.extractors.base import Registry
from intake.ingest.stages import Context, extract_path
from intake.ingest.workers import map_in_workers
from intake.settings import Settings
from tests.factory import make_pdf, sample_invoice
from tests.scans import image_pdf, render

ITEMS = ["Cordless drill 18V", "Drill bit set, 25 pieces", "Safety goggles", "Work gloves L"]


def invoice(k: int, lines: int) -> dict[str, Any]:
    items = [
        {
            "code": f"AT-{100 + i}",
            "description": ITEMS[i % len(ITEMS)],
            "quantity": 1 + i % 7,
            "unit_price": f"{10 + (i * 7) % 90}.50",
            "amount": f"{(1 + i % 7) * (10 + (i * 7) % 90) + 0.5 * (1 + i % 7):.2f}",
        }
        for i in range(lines)
    ]
    return sample_invoice(number=f"INV-2024/{k:03d}", line_items=items)


def make_corpus(folder: Path, docs: int, dpi: int) -> tuple[list[Path], list[Path]]:
    """Scanned PDFs (1-3 pages each) and the PNG of every page, at ``dpi``."""
    scans, pngs = [], []
    for k in range(docs):
        pdf = make_pdf(folder / f"source{k}.pdf", invoice(k, [4, 45, 90][k % 3]))
        source = pdfium.PdfDocument(pdf)
        count = len(source)
        source.close()
        images = [render(pdf, dpi=dpi, page=i) for i in range(count)]
        scans.append(image_pdf(images, folder / f"scan{k}.pdf", dpi=dpi))
        for i, image in enumerate(images):
            png = folder / f"scan{k}-{i + 1}.png"
            image.save(png, dpi=(dpi, dpi))
            pngs.append(png)
    return scans, pngs


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bare_tesseract(pngs: list[Path], lang: str, at_once: int = 1) -> tuple[float, float]:
    """Wall and CPU seconds of the tesseract CLI over ``pngs``, ``at_once`` at a time."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def run(png: Path) -> None:
        subprocess.run(
            ["tesseract", str(png), "stdout", "-l", lang, "--psm", "6", "tsv"],
            check=True,
            capture_output=True,
            env=env,
        )

    cpu, start = _cpu_children(), time.perf_counter()
    with ThreadPoolExecutor(max_workers=at_once) as pool:
        list(pool.map(run, pngs))
    return time.perf_counter() - start, _cpu_children() - cpu


def timed_extract(settings: Settings, warmup: str, file: str) -> tuple[float, float, float, int]:
    """Run in a worker: extract ``warmup`` (untimed: first-use costs), then ``file``; its
    start and end (wall clock) and CPU seconds of the worker and its tesseracts."""
    if warmup:
        extract_path(Context(settings, Registry.default()), warmup)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    own = usage.ru_utime + usage.ru_stime
    cpu = own + _cpu_children()
    start = time.time()
    result = extract_path(Context(settings, Registry.default()), file)
    end = time.time()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime + _cpu_children() - cpu
    return start, end, cpu, int(result["pages"])


def _settings(folder: Path, workers: int, ocr: int) -> Settings:
    return Settings(
        data_dir=folder / f"data-{workers}-{ocr}",
        watch_dir=folder / "watch",
        workers=workers,
        ocr_processes=ocr,
    )


def one_file(folder: Path, scan: Path, warmup: Path) -> tuple[float, float]:
    """Wall and CPU seconds for one file end to end in a worker with one tesseract."""
    settings = _settings(folder, 1, 1)
    task = partial(timed_extract, settings, str(warmup))
    ((_, result),) = list(map_in_workers(settings, task, [str(scan)]))
    if isinstance(result, BaseException):
        raise RuntimeError(f"{scan}: {result!r}")
    start, end, cpu, _ = result
    return end - start, cpu


def our_tesseracts() -> int:
    """How many tesseract processes descending from this process run right now."""
    parent: dict[int, int] = {}
    tesseracts = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            name, rest = stat[stat.index("(") + 1 : stat.rindex(")")], stat[stat.rindex(")") + 2 :]
            parent[int(entry.name)] = int(rest.split()[1])
            if name == "tesseract":
                tesseracts.append(int(entry.name))
    me, count = os.getpid(), 0
    for pid in tesseracts:
        while pid in parent and pid > 1 and pid != me:
            pid = parent[pid]
        count += pid == me
    return count


def throughput(
    folder: Path, files: list[Path], warmup: Path, workers: int, ocr: int
) -> tuple[float, float, Counter[int]]:
    """Seconds from the first file's start to the last one's end, with ``workers`` worker
    processes and ``ocr`` tesseract processes at once (a warm-up file per worker first),
    the CPU seconds used meanwhile, and how many tesseracts ran at once (sampled)."""
    settings = _settings(folder, workers, ocr)
    items = [str(warmup)] * workers + [str(f) for f in files]
    spans = []
    at_once: Counter[int] = Counter()
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.02):
            at_once[our_tesseracts()] += 1

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        for item, result in map_in_workers(settings, partial(timed_extract, settings, ""), items):
            if isinstance(result, BaseException):
                raise RuntimeError(f"{item}: {result!r}")
            spans.append(result)
    finally:
        done.set()
        sampler.join()
    timed = spans[workers:]
    wall = max(end for _, end, _, _ in timed) - min(start for start, _, _, _ in timed)
    return wall, sum(cpu for _, _, cpu, _ in timed), at_once


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=8)
    ap.add_argument("--dpi", type=int, default=None)
    ap.add_argument("--rounds", type=int, default=2, help="throughput runs per setup")
    args = ap.parse_args(argv)
    defaults = Settings()
    dpi, lang = args.dpi or defaults.ocr_dpi, defaults.ocr_lang
    if shutil.which("tesseract") is None:
        print("tesseract is not installed: no OCR figures")
        return 1
    print(f"load average at start: {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        scans, pngs = make_corpus(folder, args.docs, dpi)
        # a small scan read first by every worker, untimed: first-use costs of the OCR path
        source = make_pdf(folder / "warmup-source.pdf", sample_invoice())
        warmup = image_pdf([render(source, dpi=100)], folder / "warmup.pdf", dpi=100)
        pages = len(pngs)
        print(f"corpus: {len(scans)} scanned invoices, {pages} pages at {dpi} dpi, lang {lang}")

        # one core: each file end to end, then bare tesseract on its pages, alternately
        bare_wall = bare_cpu = e2e_wall = e2e_cpu = 0.0
        for k, scan in enumerate(scans):
            wall, cpu = one_file(folder, scan, warmup)
            e2e_wall, e2e_cpu = e2e_wall + wall, e2e_cpu + cpu
            wall, cpu = bare_tesseract([p for p in pngs if p.name.startswith(f"scan{k}-")], lang)
            bare_wall, bare_cpu = bare_wall + wall, bare_cpu + cpu
        print(
            f"bare tesseract CLI (psm 6, tsv, 1 thread): {bare_wall / pages:.3f} s/page wall,"
            f" {bare_cpu / pages:.3f} CPU-s/page"
        )
        print(
            f"Intake end to end, 1 tesseract at a time:  {e2e_wall / pages:.3f} s/page wall,"
            f" {e2e_cpu / pages:.3f} CPU-s/page"
        )
        print(
            f"  overhead: {e2e_wall / bare_wall:.2f} x bare wall,"
            f" {e2e_cpu / bare_cpu:.2f} x bare CPU (target <= 1.15)"
        )

        setups = [(1, 1), (2, 2), (1, 2)]
        best: dict[tuple[int, int], tuple[float, float]] = {s: (float("inf"), 0.0) for s in setups}
        seen: dict[tuple[int, int], Counter[int]] = {s: Counter() for s in setups}
        bare_best = {1: (float("inf"), 0.0), 2: (float("inf"), 0.0)}
        for _ in range(args.rounds):  # alternated, best of the rounds: the box is shared
            for setup in setups:
                wall, cpu, at_once = throughput(folder, scans, warmup, *setup)
                best[setup] = min(best[setup], (wall, cpu))
                seen[setup].update(at_once)
            for at_once in bare_best:
                bare_best[at_once] = min(bare_best[at_once], bare_tesseract(pngs, lang, at_once))
        for at_once, (wall, cpu) in bare_best.items():
            print(
                f"throughput, bare tesseract CLI, {at_once} at once: {wall / pages:.3f} s/page,"
                f" {bare_best[1][0] / wall:.2f} x 1 at once, {cpu / wall:.2f} cores busy"
            )
        one = best[(1, 1)][0]
        for (workers, ocr), (wall, cpu) in best.items():
            samples = seen[(workers, ocr)]
            total = sum(samples.values()) or 1
            shares = ", ".join(f"{n}: {k / total:.0%}" for n, k in sorted(samples.items()))
            print(
                f"throughput, {workers} worker(s), {ocr} tesseract(s) at once:"
                f" {wall / pages:.3f} s/page, {one / wall:.2f} x 1 worker,"
                f" {cpu / wall:.2f} cores busy; tesseracts running (share of samples) {shares}"
            )
        print(
            "  target: 2 workers >= 1.7 x 1 worker; bare tesseract's own figure shows what"
            " the box gave two processes at the time"
        )
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
