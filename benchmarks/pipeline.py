"""The intake pipeline end to end on 200 generated text PDFs, against a bare pdfplumber pass.

Prints documents per second, milliseconds per document per stage, the ratio of the whole
pipeline to a bare ``pdfplumber`` pass (open + extract_words on every page: the reading
the foundation issue measures against), and how busy the worker pool keeps the machine's
cores. Target: the pipeline costs at most 1.5x the bare pass, and the pool uses every
core. The text layer is read by PDFium (``INTAKE_TEXT_READER``), so the pipeline is
also set against a bare pypdfium2 pass (open + text of every page), the floor of any
reading; and the reading path alone (what ``intake extract`` runs: fingerprint, read,
classify, extract) is given per page, against the extraction issue's 50 ms.
"""

from __future__ import annotations

import logging
import os
import random
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from intake.db.engine import open_database
from intake.filing.wiring import Wiring
from intake.index.store import SearchIndex
from intake.ingest.ledger import claim_copy
from intake.ingest.pipeline import Outcome, process_claim
from intake.ingest.workers import Workers
from intake.settings import Settings
from tests.factory import make_pdf, sample_invoice

N_DOCS = 200
LANGS = ["en", "de", "fr", "es", "nl"]


def generate(folder: Path, n: int = N_DOCS) -> list[Path]:
    rng = random.Random(7)
    files = []
    for i in range(n):
        lines = []
        for j in range(rng.choice([3, 8, 25, 45, 70])):
            qty = rng.randint(1, 20)
            price = rng.randint(100, 99999) / 100
            lines.append(
                {
                    "code": f"SKU-{i}-{j}",
                    "description": f"Article number {j} of order {i}",
                    "quantity": qty,
                    "unit_price": f"{price:.2f}",
                    "amount": f"{qty * price:.2f}",
                }
            )
        subtotal = sum(float(x["amount"]) for x in lines)
        tax = round(subtotal * 0.2, 2)
        doc = sample_invoice(
            number=f"INV-{2024}-{i:05d}",
            line_items=lines,
            subtotal=f"{subtotal:.2f}",
            tax=f"{tax:.2f}",
            total=f"{subtotal + tax:.2f}",
            vendor=rng.choice(["Acme Tools GmbH", "Globex Supplies Ltd", "Initech SARL"]),
        )
        lang = LANGS[i % len(LANGS)]
        files.append(
            make_pdf(
                folder / f"doc{i:03d}.pdf",
                doc,
                lang=lang,
                layout="classic" if i % 2 else "stacked",
                letter=i % 3 == 0,
            )
        )
    return files


def bare_pdfplumber(files: list[Path]) -> tuple[float, int]:
    start = time.perf_counter()
    pages = 0
    for f in files:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                page.extract_words()
                pages += 1
    return time.perf_counter() - start, pages


def bare_pypdfium2(files: list[Path]) -> float:
    start = time.perf_counter()
    for f in files:
        pdf = pdfium.PdfDocument(f)
        for page in pdf:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        pdf.close()
    return time.perf_counter() - start


def serial_pipeline(files: list[Path], root: Path) -> tuple[float, dict[str, list[float]]]:
    settings = Settings(data_dir=root / "serial", watch_dir=root / "watch", log_level="WARNING")
    settings.ensure_dirs()
    db = open_database(settings.db_url)
    ctx = Wiring.default().context(settings, db)
    stages: dict[str, list[float]] = defaultdict(list)
    claims = [claim_copy(settings, db, f) for f in files]  # as the watcher's claims: not timed
    start = time.perf_counter()
    for claim in claims:
        outcome = process_claim(ctx, claim)
        assert outcome.state == "filed", outcome
        for stage, seconds in outcome.timings:
            stages[stage].append(seconds)
    elapsed = time.perf_counter() - start
    t0 = time.perf_counter()
    SearchIndex(settings.index_dir).sync(db)
    stages["index"] = [(time.perf_counter() - t0) / len(files)] * len(files)
    db.dispose()
    return elapsed, stages


def pooled_pipeline(files: list[Path], root: Path, workers: int) -> float:
    settings = Settings(
        data_dir=root / f"pool{workers}",
        watch_dir=root / "watch",
        workers=workers,
        log_level="WARNING",
    )
    settings.ensure_dirs()
    db = open_database(settings.db_url)
    outcomes: list[Outcome] = []
    pool = Workers(Wiring.default().context(settings, db), on_done=outcomes.append)
    claims = [claim_copy(settings, db, f) for f in files]
    start = time.perf_counter()
    for c in claims:
        pool.submit(c)
    pool.wait()
    elapsed = time.perf_counter() - start
    pool.close()
    assert sum(o.state == "filed" for o in outcomes) == len(files)
    db.dispose()
    return elapsed


def main(argv: list[str] | None = None) -> None:
    logging.getLogger("intake").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "pdfs").mkdir()
        files = generate(root / "pdfs")
        bare, pages = bare_pdfplumber(files)
        bare2, _ = bare_pdfplumber(files)
        bare = min(bare, bare2)
        pdfium_bare = min(bare_pypdfium2(files), bare_pypdfium2(files))
        serial, stages = serial_pipeline(files, root)
        print(f"{len(files)} generated text PDFs, {pages} pages ({os.cpu_count()} cores)")
        print(
            f"bare pdfplumber (open + extract_words): {bare:.2f} s, "
            f"{1000 * bare / len(files):.1f} ms/doc, {1000 * bare / pages:.1f} ms/page"
        )
        print(
            f"pipeline, one process: {serial:.2f} s, {len(files) / serial:.1f} docs/s, "
            f"{1000 * serial / pages:.1f} ms/page"
        )
        print(f"ratio pipeline / bare pdfplumber: {serial / bare:.2f}  (target <= 1.5)")
        print(
            f"bare pypdfium2 (open + text of every page): {1000 * pdfium_bare / len(files):.1f}"
            f" ms/doc; ratio pipeline / bare pypdfium2: {serial / pdfium_bare:.1f}"
        )
        reading = sum(
            sum(stages[s]) for s in ("fingerprint", "read", "classify", "extract") if s in stages
        )
        print(
            f"reading path (intake extract: fingerprint, read, classify, extract): "
            f"{1000 * reading / pages:.1f} ms/page  (target < 50)"
        )
        print("ms per document per stage (median, mean):")
        for stage, values in stages.items():
            print(
                f"  {stage:12s} {1000 * statistics.median(values):7.2f} "
                f"{1000 * statistics.fmean(values):7.2f}"
            )
        walls = {}
        for n in (1, 2):
            walls[n] = pooled_pipeline(files, root, n)
            print(
                f"pool of {n} worker(s) (as in intake run): {walls[n]:.2f} s, "
                f"{len(files) / walls[n]:.1f} docs/s"
            )
        print(f"speed-up from 1 to 2 workers: {walls[1] / walls[2]:.2f}x")


if __name__ == "__main__":
    main()
