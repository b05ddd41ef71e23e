"""Extraction accuracy on the shared labelled documents, scored by their own ``score.py``.

    python -m benchmarks.evaluate ../shared/eval [--source NAME] [--split dev] [--no-cache]

Runs the same code as ``intake extract --json`` over every labelled file of the split
(in worker processes, like the CLI), writes the predictions to ``benchmarks/out/``,
and prints score.py's table followed by KEY accuracy per source.

The OCR of image files is cached under ``benchmarks/out/ocr-cache/``, keyed by the file's
SHA-256, the OCR settings and the source of the modules that read images, so that a change
to the extractors is measured in seconds and a change to the OCR re-reads every image.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

import intake.extractors.reading.deskew
import intake.extractors.reading.image
import intake.extractors.reading.ocr
import intake.extractors.reading.tesseract
import intake.record
from intake.errors import IntakeError
from intake.extractors.base import Registry
from intake.ingest.stages import (
    STAGES,
    Context,
    extract_path,
    extraction_result,
    read,
    record_for,
    run_stages,
)
from intake.ingest.workers import map_in_workers
from intake.record import Record, page_from_json, page_to_json
from intake.settings import Settings

OUT = Path(__file__).parent / "out"
OCR_CACHE = OUT / "ocr-cache"
#: The modules whose source decides what an image reads as.
OCR_MODULES = (
    intake.extractors.reading.deskew,
    intake.extractors.reading.image,
    intake.extractors.reading.ocr,
    intake.extractors.reading.tesseract,
    intake.record,
)


def ocr_key(settings: Settings) -> str:
    digest = hashlib.sha256(f"{settings.ocr_lang}|{settings.ocr_dpi}".encode())
    for module in OCR_MODULES:
        assert module.__file__
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:16]


_contexts: list[Context] = []


def cached_read(record: Record, ctx: Context) -> Record:
    """The read stage, with the pages of an image file kept in the OCR cache."""
    if record.kind in ("pdf", "text"):
        return read(record, ctx)
    cached = OCR_CACHE / ocr_key(ctx.settings) / f"{record.sha256}.json"
    if cached.is_file():
        pages = tuple(page_from_json(p) for p in json.loads(cached.read_text()))
        return record.evolve(pages=pages, attachments=())
    record = read(record, ctx)
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps([page_to_json(p) for p in record.pages]))
    return record


def extract_cached(settings: Settings, file: str) -> dict[str, object]:
    """:func:`intake.ingest.pipeline.extract_path` with :func:`cached_read` as its read stage."""
    if not _contexts:
        _contexts.append(Context(settings, Registry.default()))
    stages = tuple(cached_read if stage is read else stage for stage in STAGES)
    record = run_stages(record_for(Path(file)), _contexts[0], stages)
    return extraction_result(record, file)


def labelled_files(root: Path, only: str | None) -> list[Path]:
    files = []
    for labels in sorted(root.glob("*/labels.json")):
        if only and labels.parent.name != only:
            continue
        for entry in json.loads(labels.read_text()):
            files.append(labels.parent / entry["file"])
    return files


def predict(files: list[Path], out: Path, *, cache: bool = True) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp) / "data", watch_dir=Path(tmp) / "watch")
        start = time.perf_counter()
        with out.open("w") as f:
            results = map_in_workers(
                settings,
                partial(extract_cached if cache else extract_path, settings),
                [str(p) for p in files],
                timeout=settings.file_timeout,
            )
            for file, result in results:
                if isinstance(result, BaseException):
                    reason = str(result) if isinstance(result, IntakeError) else repr(result)
                    print(f"  failed: {file}: {reason}", file=sys.stderr)
                    result = {"file": file, "doc_type": None, "fields": {}, "error": reason}
                f.write(json.dumps(result, ensure_ascii=False) + "\n")
        return time.perf_counter() - start


def score(
    eval_root: Path, split: str, predictions: Path, summary: Path, source: str | None = None
) -> dict[str, object]:
    subprocess.run(
        [
            sys.executable,
            str(eval_root / "score.py"),
            str(eval_root / split),
            str(predictions),
            "--json",
            str(summary),
            *(["--source", source] if source else []),
        ],
        check=True,
    )
    result: dict[str, object] = json.loads(summary.read_text())
    return result


GROUPS = {
    "invoices and orders": ("invoice2data", "zugferd", "orderx", "deepform"),
    "contracts": ("kleister_nda", "cuad"),
    "receipts (OCR)": ("sroie",),
}
KEY_FIELDS = {
    "vendor",
    "invoice_number",
    "po_number",
    "quote_number",
    "issue_date",
    "due_date",
    "total",
    "subtotal",
    "tax",
    "currency",
    "parties",
    "effective_date",
    "expiration_date",
    "governing_law",
    "term",
}


def group_scores(summary: dict[str, object]) -> dict[str, tuple[float, float]]:
    """KEY accuracy and precision over each group of sources, as the targets are set."""
    sources = summary["sources"]
    assert isinstance(sources, dict)
    out = {}
    for name, members in GROUPS.items():
        labelled = correct = predicted = 0
        for source in members:
            for field, cell in sources.get(source, {}).items():
                if field in KEY_FIELDS:
                    labelled += cell["labelled"]
                    correct += cell["correct"]
                    predicted += cell["predicted"]
        if labelled:
            out[name] = (correct / labelled, correct / predicted if predicted else 0.0)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("eval_root", type=Path, help="the shared eval folder (holds score.py)")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--source", help="only this source folder")
    ap.add_argument("--no-cache", action="store_true", help="OCR every image again")
    args = ap.parse_args(argv)
    root = args.eval_root / args.split
    if not root.is_dir():
        print(f"no labelled documents at {root}", file=sys.stderr)
        return 2
    OUT.mkdir(exist_ok=True)
    files = labelled_files(root, args.source)
    stem = f"intake-{args.split}" + (f"-{args.source}" if args.source else "")
    predictions = OUT / f"{stem}.jsonl"
    seconds = predict(files, predictions, cache=not args.no_cache)
    summary = score(
        args.eval_root,
        args.split,
        predictions,
        OUT / f"{stem}.json",
        args.source,
    )
    print(f"\n{len(files)} files in {seconds:.1f} s ({seconds / max(len(files), 1):.2f} s/file)")
    print("KEY accuracy per source:")
    sources = summary["sources"]
    assert isinstance(sources, dict)
    for source, fields in sorted(sources.items()):
        key = fields.get("_key_accuracy")
        doc_type = fields.get("doc_type", {})
        dt_acc = doc_type["correct"] / doc_type["labelled"] if doc_type.get("labelled") else None
        print(
            f"  {source:14s} key {key if key is None else f'{key:.3f}'}"
            f"  doc_type {dt_acc if dt_acc is None else f'{dt_acc:.3f}'}"
        )
    print("KEY accuracy / precision per group:")
    for name, (acc, prec) in group_scores(summary).items():
        print(f"  {name:22s} {acc:.3f} / {prec:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
