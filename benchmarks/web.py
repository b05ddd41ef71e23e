"""Search latency at 10k and 100k generated documents, and page render times.

    python -m benchmarks web [--sizes 10000,100000] [--queries 40] [--keep DIR]

Documents are generated straight into SQLite (vendors, numbers, dates, amounts, two lines
and ~300 words of Zipf-distributed text each), then the search index is built from the
database with ``SearchIndex.rebuild`` at each size (the largest build takes minutes; it
runs once per benchmark run). Each query class is timed through ``run_search`` (parse,
matching, conditions, facet counts, one page of rows, snippets) over two passes on a fresh
``SearchIndex`` (the first pass reads each segment's columns and each word's postings
for the first time; both passes are kept), as p50/p95 in ms, with the machine's load
average before and after (the box is shared: compare figures taken under similar load).
Page render times are Flask test-client requests for the search page and for the page of
a real filed PDF (with its page image drawn cold, then cached).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import os
import random
import resource
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, update

from intake.db.changes import next_change
from intake.db.engine import open_database
from intake.db.models import Document, LineItem, Vendor
from intake.errors import IntakeError
from intake.filing.wiring import Wiring
from intake.index.store import SearchIndex
from intake.search.engine import SearchRequest, run_search
from intake.settings import Settings

TODAY = dt.date(2026, 11, 20)
TYPES = [("invoice", 0.5), ("purchase_order", 0.25), ("estimate", 0.15), ("contract", 0.1)]
SYLLABLES = "ka ri to mu se na lo pe di vo ga ne ru si ta me ko bu zi fa".split()
SUFFIXES = ["GmbH", "Ltd", "Inc", "SARL", "BV", "Supplies", "Trading", "Tools", "Industries"]


def words(n: int, rng: random.Random) -> list[str]:
    out: set[str] = set()
    while len(out) < n:
        out.add("".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))))
    return sorted(out)


class Corpus:
    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.vocab = words(40_000, self.rng)
        self.weights = list(_cumulative([1 / (i + 1) ** 1.05 for i in range(len(self.vocab))]))
        names = words(800, self.rng)
        self.vendors = [f"{n.capitalize()} {self.rng.choice(SUFFIXES)}" for n in names]

    def text(self, n: int) -> list[str]:
        return self.rng.choices(self.vocab, cum_weights=self.weights, k=n)

    def document(
        self, i: int, vendor_ids: list[int]
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        rng = self.rng
        doc_type = rng.choices([t for t, _ in TYPES], weights=[w for _, w in TYPES])[0]
        vendor = rng.randrange(len(self.vendors))
        issued = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(0, 2150))
        total = round(rng.lognormvariate(6.5, 1.2), 2)
        number = f"{doc_type[:3].upper()}-{issued.year}/{i:06d}"
        lines = [
            {
                "position": p,
                "description": " ".join(self.text(4)),
                "code": f"SKU-{rng.randrange(5000):04d}",
                "quantity": Decimal(rng.randint(1, 20)),
                "unit_price": Decimal(f"{total / 2:.2f}"),
                "amount": Decimal(f"{total / 2:.2f}"),
            }
            for p in range(2)
        ]
        body = " ".join(self.text(rng.randint(260, 340)))
        head = f"{self.vendors[vendor]}\n{doc_type.replace('_', ' ').upper()} {number}\n"
        fields = {
            "vendor": {
                "value": self.vendors[vendor],
                "confidence": 0.95,
                "source": "layout",
                "box": {"page": 1, "x0": 50, "top": 40, "x1": 200, "bottom": 58},
            },
            "total": {
                "value": f"{total:.2f}",
                "confidence": rng.choice([0.97, 0.9, 0.55]),
                "source": "layout",
                "box": {"page": 1, "x0": 480, "top": 560, "x1": 545, "bottom": 572},
            },
        }
        row = {
            "sha256": hashlib.sha256(f"doc-{i}".encode()).hexdigest(),
            "original_name": f"scan_{i:06d}.pdf",
            "source_path": f"inbox/scan_{i:06d}.pdf",
            "kind": "pdf",
            "ext": "pdf",
            "size": 40_000,
            "page_count": 1,
            "doc_type": doc_type,
            "doc_type_confidence": 0.9,
            "number": number,
            "vendor_id": vendor_ids[vendor],
            "issue_date": issued,
            "due_date": issued + dt.timedelta(days=30),
            "currency": "EUR",
            "total": Decimal(f"{total:.2f}"),
            "confidence": min(f["confidence"] for f in fields.values()),
            "fields": fields,
            "content": head + body,
            "needs_index": True,
            "created_at": dt.datetime(2026, 1, 1),
            "updated_at": dt.datetime(2026, 1, 1),
        }
        return row, lines


def _cumulative(values: list[float]) -> list[float]:
    total, out = 0.0, []
    for v in values:
        total += v
        out.append(total)
    return out


def generate(db: Any, corpus: Corpus, start: int, stop: int) -> None:
    """Insert documents start..stop-1 with Core inserts (lines need the new ids)."""
    with db.engine.begin() as conn:
        if conn.scalar(select(func.count(Vendor.id))) == 0:
            conn.execute(
                insert(Vendor),
                [
                    {"name": n, "key": n.lower(), "created_at": dt.datetime(2026, 1, 1)}
                    for n in corpus.vendors
                ],
            )
        vendor_ids = list(conn.scalars(select(Vendor.id).order_by(Vendor.id)))
        for chunk in range(start, stop, 5_000):
            docs, lines = [], []
            for i in range(chunk, min(chunk + 5_000, stop)):
                row, doc_lines = corpus.document(i, vendor_ids)
                docs.append(row)
                lines.append(doc_lines)
            first = (conn.scalar(select(func.max(Document.id))) or 0) + 1
            conn.execute(insert(Document.__table__), docs)
            conn.execute(
                insert(LineItem.__table__),
                [
                    {**ln, "document_id": first + k}
                    for k, doc_lines in enumerate(lines)
                    for ln in doc_lines
                ],
            )
            # Core inserts pass the ORM's change stamping by: stamp them as one change
            conn.execute(
                update(Document.__table__)
                .where(Document.id >= first)
                .values(change_seq=next_change(conn))
            )


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def query_classes(corpus: Corpus, n: int) -> dict[str, list[SearchRequest]]:
    rng = random.Random(11)
    mid = corpus.vocab[200:4000]  # words that are neither everywhere nor nowhere

    def some(make: Callable[[], SearchRequest]) -> list[SearchRequest]:
        return [make() for _ in range(n)]

    return {
        "1 word": some(lambda: SearchRequest(q=rng.choice(mid))),
        "2 words": some(lambda: SearchRequest(q=f"{rng.choice(mid)} {rng.choice(mid)}")),
        "number": some(lambda: SearchRequest(q=f"number:{rng.randrange(100_000):06d}")),
        "vendor:": some(lambda: SearchRequest(q=f"vendor:{rng.choice(corpus.vendors).split()[0]}")),
        "type+date words (SQL only)": some(
            lambda: SearchRequest(
                q=f'type:invoice date:"{rng.choice(["last month", "this year", "last quarter"])}"'
            )
        ),
        "word+type+date range": some(
            lambda: SearchRequest(
                q=f"{rng.choice(mid)} type:invoice "
                f"date:[{rng.randint(2021, 2025)}-01 to {rng.randint(2025, 2026)}-06]"
            )
        ),
        "word+amount": some(
            lambda: SearchRequest(q=f"{rng.choice(mid)} amount:>{rng.randint(500, 5000)}")
        ),
        "facets, no words": some(
            lambda: SearchRequest(
                facets={"type": "invoice", "year": str(rng.randint(2021, 2026))}, sort="amount"
            )
        ),
        "word, sorted by date": some(lambda: SearchRequest(q=rng.choice(mid), sort="date")),
        "phrase": some(
            lambda: SearchRequest(q=f'"{rng.choice(mid[:300])} {rng.choice(mid[:300])}"')
        ),
        "common word, page 5": some(lambda: SearchRequest(q=rng.choice(corpus.vocab[:20]), page=5)),
    }


def time_queries(
    db: Any, index: SearchIndex, classes: dict[str, list[SearchRequest]]
) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {name: [] for name in classes}
    for _ in range(2):  # the first pass warms caches; both are kept, as a user would see them
        for name, requests in classes.items():
            for req in requests:
                with db.session() as s:
                    start = time.perf_counter()
                    page = run_search(s, index, req, today=TODAY)
                    timings[name].append(time.perf_counter() - start)
                assert page.error is None, (req, page.error)
    return timings


def load() -> str:
    """The machine's load average (1, 5, 15 minutes): the box is shared, so figures taken
    under load are slower than on an idle machine."""
    return " / ".join(f"{v:.2f}" for v in os.getloadavg())


def index_size(path: Path) -> str:
    files = [p for p in path.iterdir() if p.is_file()]
    segments = sum(1 for p in files if p.suffix == ".seg")
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    return f"{megabytes:.0f} MB in {segments} segment{'s' if segments != 1 else ''}"


def report_search(size: int, timings: dict[str, list[float]], before: str) -> None:
    everything: list[float] = []
    first = next(iter(timings.values()))[0]
    print(f"\nsearch latency at {size:,} documents (run_search, ms; load {before} -> {load()})")
    print(f"  the first search on a fresh SearchIndex (reads the columns): {first * 1000:.0f}")
    print(f"  {'query class':32} {'p50':>8} {'p95':>8} {'max':>8} {'n':>5}")
    for name, samples in timings.items():
        p50, p95 = percentiles(samples)
        everything += samples
        print(f"  {name:32} {p50:8.1f} {p95:8.1f} {max(samples) * 1000:8.1f} {len(samples):5d}")
    p50, p95 = percentiles(everything)
    print(
        f"  {'ALL':32} {p50:8.1f} {p95:8.1f} {max(everything) * 1000:8.1f} {len(everything):5d}",
        flush=True,
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory of this process so far: {peak:.0f} MB", flush=True)


def render_times(settings: Settings, db: Any, corpus: Corpus) -> None:
    """Search and document pages through the Flask test client, as a signed-in viewer."""
    from intake.ingest.ledger import claim_copy
    from intake.ingest.pipeline import process_claim
    from intake.users import add_user, issue_token
    from tests.factory import make_pdf, sample_invoice
    from web import create_app

    pdf = make_pdf(
        settings.data_dir / f"real-{time.time_ns()}.pdf", sample_invoice(number="BENCH-1")
    )
    outcome = process_claim(Wiring.default().context(settings, db), claim_copy(settings, db, pdf))
    doc_id = outcome.document_id
    SearchIndex(settings.index_dir).sync(db)
    with contextlib.suppress(IntakeError):  # there already when a kept run is reused
        add_user(db, "bench", "viewer", "a long benchmark password")
    auth = {"Authorization": f"Bearer {issue_token(db, 'bench')}"}
    app = create_app({"TESTING": True}, settings=settings)
    client = app.test_client()
    rng = random.Random(5)

    def timed(url: str) -> float:
        start = time.perf_counter()
        with client.get(url, headers=auth) as r:
            assert r.status_code == 200, (url, r.status_code)
        return time.perf_counter() - start

    cold = timed(f"/documents/{doc_id}/pages/1-1000.png")
    warm = [timed(f"/documents/{doc_id}/pages/1-1000.png") for _ in range(20)]
    pages = {
        "search page, 1 word": [
            timed(f"/search?q={rng.choice(corpus.vocab[200:4000])}") for _ in range(40)
        ],
        "search page, browse + facets": [
            timed(f"/search?type=invoice&year={rng.randint(2021, 2026)}") for _ in range(40)
        ],
        "document page (real PDF)": [timed(f"/documents/{doc_id}") for _ in range(40)],
        "document page (generated)": [
            timed(f"/documents/{rng.randint(1, 5000)}") for _ in range(40)
        ],
    }
    print("\npage render times (Flask test client, ms)")
    for name, samples in pages.items():
        p50, p95 = percentiles(samples)
        print(f"  {name:32} p50 {p50:7.1f}  p95 {p95:7.1f}")
    print(f"  {'page image, first (pypdfium2)':32} {cold * 1000:7.1f}")
    p50, p95 = percentiles(warm)
    print(f"  {'page image, cached':32} p50 {p50:7.1f}  p95 {p95:7.1f}", flush=True)
    app.extensions["intake"]["db"].dispose()


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks web")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--queries", type=int, default=40, help="distinct queries per class")
    parser.add_argument("--keep", type=Path, help="build in DIR and leave it there")
    parser.add_argument(
        "--reuse", action="store_true", help="measure the documents and index kept in DIR"
    )
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    root = args.keep or Path(tempfile.mkdtemp(prefix="intake-bench-"))
    try:
        settings = Settings(data_dir=root / "data", watch_dir=root / "watch", memory_limit_mb=0)
        settings.ensure_dirs()
        db = open_database(settings.db_url)
        corpus = Corpus()
        classes = query_classes(corpus, args.queries)
        done = 0
        if args.reuse:
            with db.session() as s:
                done = int(s.scalar(select(func.count(Document.id))) or 0)
            print(f"\nreusing {done:,} documents and their index in {root}", flush=True)
            print(f"index: {index_size(settings.index_dir)}", flush=True)
            before = load()
            report_search(done, time_queries(db, SearchIndex(settings.index_dir), classes), before)
            sizes = []
        for size in sizes:
            start = time.perf_counter()
            generate(db, corpus, done, size)
            made = time.perf_counter() - start
            done = size
            start = time.perf_counter()
            index = SearchIndex(settings.index_dir)
            index.rebuild(db)
            built = time.perf_counter() - start
            print(
                f"\n{size:,} documents: generated in {made:.0f} s, index built in {built:.0f} s"
                f" ({index_size(settings.index_dir)}; load {load()})",
                flush=True,
            )
            before = load()
            report_search(size, time_queries(db, SearchIndex(settings.index_dir), classes), before)
        render_times(settings, db, corpus)
        print("\ntarget: p95 search latency at 100k documents under 100 ms")
        db.dispose()
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
