"""Reader-level measure: how often each labelled value is present in what Intake READ.

    python -m benchmarks.ocr_recall ../shared/eval [--split dev] [--dpi 300]
    python -m benchmarks.ocr_recall ../shared/eval --rasterize    # text PDFs, OCRed

Field extraction cannot find a value that the reader did not read, so the share of
labelled values present in the read text (normalised) is the ceiling the extractors can
reach. The default run covers the files that are OCRed: images (sroie receipts, the
invoice2data PNG renders) and PDF pages without a usable text layer. ``--rasterize``
OCRs the text PDFs of the invoice sources too and prints, next to each OCR figure, the
same figure for their text layer: how much reading by OCR loses against the text layer,
on real documents. It is the measure behind the choice of resolution and preprocessing.

A value is present when: a date, if some date written in the text (numeric in any order,
or with a month name) is that day; an amount, if some number in the text (either decimal
separator) equals it; an identifier, if it appears with spaces removed; a name or
address, if it appears after the scorer's normalisation, or nearly (partial similarity
>= 85); a line item, if its amount is present. Nothing here keys on a file; the files
only supply labels to count against.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import Any

from rapidfuzz import fuzz

from intake.extractors.dispatch import read_file
from intake.extractors.reading.detect import detect_kind
from intake.extractors.reading.ocr import ocr_options
from intake.ingest.workers import map_in_workers
from intake.settings import Settings

OCR_SOURCES = ("sroie", "invoice2data", "deepform")
RASTER_SOURCES = ("invoice2data", "zugferd", "orderx", "deepform")
FIELDS = (
    "vendor",
    "address",
    "buyer",
    "invoice_number",
    "po_number",
    "issue_date",
    "due_date",
    "service_period_start",
    "service_period_end",
    "total",
    "subtotal",
    "tax",
    "line_items",
)
DATE_FIELDS = {"issue_date", "due_date", "service_period_start", "service_period_end"}
MONEY_FIELDS = {"total", "subtotal", "tax"}
ID_FIELDS = {"invoice_number", "po_number"}

MONTHS = {
    1: "january jan janvier janv januar jän",
    2: "february feb février fév fevrier fev februar",
    3: "march mar mars märz maerz",
    4: "april apr avril avr",
    5: "may mai",
    6: "june jun juin juni",
    7: "july jul juillet juil juli",
    8: "august aug août aout",
    9: "september sep sept septembre",
    10: "october oct octobre oktober okt",
    11: "november nov novembre",
    12: "december dec décembre déc dezember dez",
}
MONTH = {name: m for m, names in MONTHS.items() for name in names.split()}
_MONTH_RE = "|".join(sorted(MONTH, key=len, reverse=True))
#: Overlapping (a lookahead): in "#19- 10/03/2018" the date starts inside another match.
NUMERIC_DATE = re.compile(r"(?<!\d)(?=(\d{1,4})\s?[./\-]\s?(\d{1,2})\s?[./\-]\s?(\d{2,4})(?!\d))")
NAMED_DATE = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th|er)?[\s.\-/]*({_MONTH_RE})\.?[\s.\-/,]*(\d{{2,4}})"
    rf"|({_MONTH_RE})\.?[\s.\-/]*(\d{{1,2}})(?:st|nd|rd|th)?[\s,.\-/]*(\d{{2,4}})",
    re.IGNORECASE,
)
NUMBER = re.compile(r"\d[\d.,' ]*\d|\d")


def _year(text: str) -> int:
    y = int(text)
    return y + 2000 if y < 100 else y


def dates_in(text: str) -> set[str]:
    """Every ISO date that some date written in ``text`` could mean."""
    out: set[str] = set()

    def add(y: int, m: int, d: int) -> None:
        if 1 <= m <= 12 and 1 <= d <= 31 and 1900 <= y <= 2100:
            out.add(f"{y:04d}-{m:02d}-{d:02d}")

    for a, b, c in NUMERIC_DATE.findall(text):
        if len(a) == 4:
            add(int(a), int(b), int(c))
        else:
            add(_year(c), int(b), int(a))
            add(_year(c), int(a), int(b))
    for m in NAMED_DATE.finditer(text):
        if m.group(1):
            add(_year(m.group(3)), MONTH[m.group(2).lower()], int(m.group(1)))
        else:
            add(_year(m.group(6)), MONTH[m.group(4).lower()], int(m.group(5)))
    return out


def amounts_in(text: str) -> set[Decimal]:
    """Every amount that some number written in ``text`` could be."""
    out: set[Decimal] = set()
    for raw in NUMBER.findall(text):
        compact = raw.replace(" ", "").replace("'", "")
        for decimal_mark in (".", ","):
            thousands = "," if decimal_mark == "." else "."
            candidate = compact.replace(thousands, "").replace(decimal_mark, ".")
            try:
                out.add(Decimal(candidate))
            except InvalidOperation:
                continue
    return out


@dataclass
class Scorer:
    """The scorer's own normalisers (``score.py`` of the eval folder), for consistency."""

    module: ModuleType

    @classmethod
    def load(cls, eval_root: Path) -> Scorer:
        spec = importlib.util.spec_from_file_location("eval_score", eval_root / "score.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return cls(module)

    def present(self, name: str, value: Any, text: str, facts: dict[str, Any]) -> bool:
        if value in (None, "", []):
            return False
        if name in DATE_FIELDS:
            return str(value) in facts["dates"]
        if name in MONEY_FIELDS:
            amount = self.module.to_decimal(value)
            return amount is not None and amount in facts["amounts"]
        if name in ID_FIELDS:
            return bool(self.module.norm_id(value)) and self.module.norm_id(value) in facts["ids"]
        wanted = self.module.norm_name(value)
        if not wanted:
            return False
        return wanted in facts["names"] or fuzz.partial_ratio(wanted, facts["names"]) >= 85


def facts_of(text: str, scorer: Scorer) -> dict[str, Any]:
    return {
        "dates": dates_in(text),
        "amounts": amounts_in(text),
        "ids": re.sub(r"\s+", "", text).casefold(),
        "names": scorer.module.norm_name(text),
    }


def read_text(settings: Settings, force_ocr: bool, file: str) -> dict[str, Any]:
    """Read one file like the pipeline does; its text, page sources and seconds."""
    path = Path(file)
    start = time.perf_counter()
    pages, _ = read_file(
        path,
        detect_kind(path),
        max_pages=settings.max_pages,
        max_pixels=settings.max_pixels,
        ocr=ocr_options(settings),
        force_ocr=force_ocr,
    )
    return {
        "text": "\n\n".join(p.text for p in pages),
        "ocr_pages": sum(p.source == "ocr" for p in pages),
        "pages": len(pages),
        "seconds": time.perf_counter() - start,
    }


def labelled(root: Path, sources: tuple[str, ...]) -> list[tuple[str, Path, dict[str, Any]]]:
    out = []
    for source in sources:
        labels = root / source / "labels.json"
        if labels.exists():
            for entry in json.loads(labels.read_text()):
                path = root / source / entry["file"]
                if path.suffix.lower() != ".txt":
                    out.append((source, path, entry["fields"]))
    return out


def read_all(
    settings: Settings, files: list[Path], force_ocr: bool
) -> dict[Path, dict[str, Any] | BaseException]:
    fn = partial(read_text, settings, force_ocr)
    results = map_in_workers(settings, fn, [str(p) for p in files], timeout=settings.file_timeout)
    return {Path(file): result for file, result in results}


def tally(
    docs: list[tuple[str, Path, dict[str, Any]]],
    reads: dict[Path, dict[str, Any] | BaseException],
    scorer: Scorer,
) -> dict[str, dict[str, list[int]]]:
    """source -> field -> [present, labelled]"""
    table: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for source, path, fields in docs:
        read = reads[path]
        text = read["text"] if isinstance(read, dict) else ""
        facts = facts_of(text, scorer)
        for name in FIELDS:
            if name == "line_items":  # each item's amount, counted item by item
                for item in fields.get(name) or []:
                    if isinstance(item, dict) and item.get("amount") not in (None, ""):
                        cell = table[source][name]
                        cell[1] += 1
                        cell[0] += scorer.present("total", item["amount"], text, facts)
            elif name in fields and fields[name] not in (None, ""):
                cell = table[source][name]
                cell[1] += 1
                cell[0] += scorer.present(name, fields[name], text, facts)
    return table


def print_table(title: str, table: dict[str, dict[str, list[int]]], other: Any = None) -> None:
    print(f"\n{title}")
    for source in sorted(table):
        row = []
        for name in FIELDS:
            if name in table[source]:
                present, total = table[source][name]
                cell = f"{name} {present}/{total} {present / total:.2f}"
                if other is not None and name in other.get(source, {}):
                    o_present, o_total = other[source][name]
                    cell += f" (text layer {o_present / o_total:.2f})"
                row.append(cell)
        print(f"  {source:13s} " + "; ".join(row))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("eval_root", type=Path)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--dpi", type=int, default=None, help="OCR resolution (else the setting)")
    ap.add_argument("--rasterize", action="store_true", help="OCR the text PDFs as well")
    ap.add_argument("--source", action="append", help="only these sources")
    args = ap.parse_args(argv)
    root = args.eval_root / args.split
    if not root.is_dir():
        print(f"no labelled documents at {root}", file=sys.stderr)
        return 2
    scorer = Scorer.load(args.eval_root)
    with tempfile.TemporaryDirectory() as tmp:
        overrides: dict[str, Any] = {"data_dir": Path(tmp) / "data", "watch_dir": Path(tmp)}
        if args.dpi:
            overrides["ocr_dpi"] = args.dpi
        settings = Settings(**overrides)
        sources = tuple(args.source or (RASTER_SOURCES if args.rasterize else OCR_SOURCES))
        docs = labelled(root, sources)
        if args.rasterize:
            docs = [d for d in docs if d[1].suffix.lower() == ".pdf"]
        start = time.perf_counter()
        reads = read_all(settings, [d[1] for d in docs], force_ocr=args.rasterize)
        wall = time.perf_counter() - start
        if not args.rasterize:  # only the files that were OCRed, at least in part
            docs = [d for d in docs if isinstance(r := reads[d[1]], dict) and r["ocr_pages"]]
        failed = [(d[1], r) for d in docs if isinstance(r := reads[d[1]], BaseException)]
        for path, exc in failed:
            print(f"  failed: {path}: {exc}", file=sys.stderr)
        ocr_pages = sum(r["ocr_pages"] for r in reads.values() if isinstance(r, dict))
        layer = None
        if args.rasterize:
            layer = tally(docs, read_all(settings, [d[1] for d in docs], False), scorer)
        mode = "text PDFs OCRed" if args.rasterize else "OCRed files"
        print_table(
            f"Labelled values present in the read text ({mode}, {settings.ocr_dpi} dpi,"
            f" {len(docs)} files, {ocr_pages} OCR pages, {wall:.1f} s wall,"
            f" {wall / max(ocr_pages, 1):.2f} s per OCR page with {settings.worker_count}"
            " workers):",
            tally(docs, reads, scorer),
            layer,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
