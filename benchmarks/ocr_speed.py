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

Timing covers the files themselves: each task reports when it started and ended (worker
start-up and a warm-up file per worker are left out). Targets: end to end <= 1.15 x bare
per page on one core; two workers >= 1.7 x one.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

from intake.pipeline import extract_path
from intake.settings import Settings
from intake.workers import map_in_workers
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


def bare_tesseract(pngs: list[Path], lang: str) -> float:
    """Seconds for the tesseract CLI over ``pngs``, one after another."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    start = time.perf_counter()
    for png in pngs:
        subprocess.run(
            ["tesseract", str(png), "stdout", "-l", lang, "--psm", "6", "tsv"],
            check=True,
            capture_output=True,
            env=env,
        )
    return time.perf_counter() - start


def timed_extract(settings: Settings, file: str) -> tuple[float, float, int]:
    start = time.time()
    result = extract_path(settings, file)
    return start, time.time(), int(result["pages"])


def end_to_end(folder: Path, files: list[Path], warmup: Path, workers: int, ocr: int) -> float:
    """Seconds from the first file's start to the last one's end, with ``workers`` worker
    processes and ``ocr`` tesseract processes at once."""
    data = folder / f"data-{workers}-{ocr}"
    settings = Settings(
        data_dir=data, watch_dir=folder / "watch", workers=workers, ocr_processes=ocr
    )
    items = [str(warmup)] * workers + [str(f) for f in files]
    spans = []
    for item, result in map_in_workers(settings, partial(timed_extract, settings), items):
        if isinstance(result, BaseException):
            raise RuntimeError(f"{item}: {result!r}")
        spans.append(result)
    timed = spans[workers:]
    shutil.rmtree(data, ignore_errors=True)
    return max(end for _, end, _ in timed) - min(start for start, _, _ in timed)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=8)
    ap.add_argument("--dpi", type=int, default=None)
    args = ap.parse_args(argv)
    defaults = Settings()
    dpi, lang = args.dpi or defaults.ocr_dpi, defaults.ocr_lang
    if shutil.which("tesseract") is None:
        print("tesseract is not installed: no OCR figures")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        scans, pngs = make_corpus(folder, args.docs, dpi)
        warmup = make_pdf(folder / "warmup.pdf", sample_invoice())  # text layer: quick
        pages = len(pngs)
        print(f"corpus: {len(scans)} scanned invoices, {pages} pages at {dpi} dpi, lang {lang}")
        bare = bare_tesseract(pngs, lang) / pages
        print(f"bare tesseract CLI (psm 6, tsv, 1 thread):  {bare:.3f} s/page")
        one = end_to_end(folder, scans, warmup, 1, 1) / pages
        print(
            f"Intake end to end, 1 worker, 1 tesseract:   {one:.3f} s/page"
            f"  = {one / bare:.2f} x bare (target <= 1.15)"
        )
        two = end_to_end(folder, scans, warmup, 2, 2) / pages
        print(
            f"Intake end to end, 2 workers, 2 tesseracts: {two:.3f} s/page"
            f"  = {one / two:.2f} x one worker (target >= 1.7)"
        )
        paged = end_to_end(folder, scans, warmup, 1, 2) / pages
        print(
            f"Intake end to end, 1 worker, 2 tesseracts:  {paged:.3f} s/page"
            f"  = {one / paged:.2f} x (pages of a file in parallel)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
