"""Filing against products: accuracy on generated worlds, and matching speed on a large
catalog.

Run: ``python -m benchmarks.matching [SEEDS...]``. For each seed, a five-vendor world of
estimate -> purchase order -> invoice chains (tests/product_world.py) is drawn as PDFs
and filed through the real pipeline; printed: the share of lines linked to the right
product, lines left for review, wrong links (all, and at or above the link threshold),
lines of products the catalog lacks left unlinked, each mismatch kind found, re-sent
invoices flagged. Then the time to key a 10,000-product catalog and to match a line.
"""

from __future__ import annotations

import random
import tempfile
import time
from collections import Counter
from pathlib import Path

from intake.db.engine import open_database
from intake.documents.listing import DocumentFilter, list_documents
from intake.filing.catalog_import import import_catalog
from intake.filing.matching.catalog_index import CatalogIndex
from intake.filing.wiring import Wiring
from intake.settings import Settings
from tests.product_world import CATALOG, catalog_csv, file_world, make_world, measure, reword

SEEDS = (7, 11, 23, 31, 43)


def world_figures(seed: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        settings = Settings(data_dir=root / "data", watch_dir=root / "watch", memory_limit_mb=0)
        settings.ensure_dirs()
        db = open_database(settings.db_url)
        try:
            ctx = Wiring.default().context(settings, db)
            with db.session() as s:
                import_catalog(s, catalog_csv(), user="bench")
            world = make_world(seed=seed)
            start = time.perf_counter()
            ids = file_world(ctx, world, root / "pdfs")
            took = time.perf_counter() - start
            with db.session() as s:
                records = {r["id"]: r for r in list_documents(s, DocumentFilter(limit=100_000))}
            f = measure(records, world, ids)
        finally:
            db.dispose()
    methods = Counter(ln["match_method"] or "none" for r in records.values() for ln in r["lines"])
    return {
        "seed": seed,
        "documents": len(ids),
        "lines": f.lines,
        "right": f.linked_right,
        "unlinked": len(f.unlinked),
        "wrong": len(f.wrong),
        "wrong_above": f.wrong_above(settings.match_threshold),
        "off_catalog": f"{f.off_catalog_unlinked}/{f.off_catalog}",
        "kinds": {k: f"{found}/{total}" for k, (found, total) in f.kinds.items()},
        "duplicates": f"{f.duplicates[0]}/{f.duplicates[1]}",
        "false_duplicates": f.false_duplicates,
        "misread_docs": f.lines_misread,
        "seconds_per_doc": took / len(ids),
        "methods": dict(methods),
        "share": f.share_right,
    }


def speed(products: int = 10_000, lines: int = 300) -> None:
    rng = random.Random(1)
    words = sorted({w for _, name, *_ in CATALOG for w in name.split() if w.isalpha()})
    names = [
        f"{' '.join(rng.sample(words, 3))} {rng.randint(1, 500)} {rng.choice(['mm', 'cm', 'V'])}"
        for _ in range(products)
    ]
    start = time.perf_counter()
    index = CatalogIndex.build(
        ((i, f"P-{i:05d}", n) for i, n in enumerate(names)),
        ((i, f"V{i * 7 % 99991:05d}") for i in range(0, products, 3)),
    )
    built = time.perf_counter() - start
    queries = [reword(rng.choice(names), rng) for _ in range(lines)]
    start = time.perf_counter()
    for q in queries:
        index.match(None, q, 0.8)
    each = (time.perf_counter() - start) / lines
    print(f"catalog of {products} products keyed in {built:.2f} s; "
          f"fuzzy match {each * 1000:.1f} ms per line")  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    seeds = [int(a) for a in argv] if argv else list(SEEDS)
    total_lines = total_right = total_wrong = 0
    for seed in seeds:
        r = world_figures(seed)
        total_lines += int(str(r["lines"]))
        total_right += int(str(r["right"]))
        total_wrong += int(str(r["wrong"]))
        print(
            f"seed {r['seed']}: {r['documents']} documents ({r['seconds_per_doc']:.2f} s each), "
            f"{r['lines']} catalog lines: {r['share']:.1%} linked right, {r['unlinked']} left "
            f"for review, {r['wrong']} wrong ({r['wrong_above']} at or above the threshold); "
            f"off-catalog lines left unlinked {r['off_catalog']}; misread documents "
            f"{r['misread_docs']}"
        )
        dups = f"{r['duplicates']} (false {r['false_duplicates']})"
        print(f"  mismatch kinds found: {r['kinds']}; re-sent invoices flagged {dups}; "
              f"methods {r['methods']}")  # fmt: skip
    print(f"all seeds: {total_right}/{total_lines} = {total_right / total_lines:.1%} linked "
          f"right, {total_wrong} wrong")  # fmt: skip
    speed()


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
