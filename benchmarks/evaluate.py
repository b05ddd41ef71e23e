"""Extraction accuracy on the shared labelled documents, scored by their own ``score.py``.

    python -m benchmarks.evaluate ../shared/eval [--source NAME] [--split dev]

Runs the same code as ``intake extract --json`` over every labelled file of the split
(in worker processes, like the CLI), writes the predictions to ``benchmarks/out/``,
and prints score.py's table followed by KEY accuracy per source.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from intake.errors import IntakeError
from intake.pipeline import extract_path
from intake.settings import Settings
from intake.workers import map_in_workers

OUT = Path(__file__).parent / "out"


def labelled_files(root: Path, only: str | None) -> list[Path]:
    files = []
    for labels in sorted(root.glob("*/labels.json")):
        if only and labels.parent.name != only:
            continue
        for entry in json.loads(labels.read_text()):
            files.append(labels.parent / entry["file"])
    return files


def predict(files: list[Path], out: Path) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp) / "data", watch_dir=Path(tmp) / "watch")
        start = time.perf_counter()
        with out.open("w") as f:
            results = map_in_workers(
                settings,
                partial(extract_path, settings),
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


def score(eval_root: Path, split: str, predictions: Path, summary: Path) -> dict[str, object]:
    subprocess.run(
        [
            sys.executable,
            str(eval_root / "score.py"),
            str(eval_root / split),
            str(predictions),
            "--json",
            str(summary),
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
    args = ap.parse_args(argv)
    root = args.eval_root / args.split
    if not root.is_dir():
        print(f"no labelled documents at {root}", file=sys.stderr)
        return 2
    OUT.mkdir(exist_ok=True)
    files = labelled_files(root, args.source)
    predictions = OUT / f"intake-{args.split}.jsonl"
    seconds = predict(files, predictions)
    summary = score(args.eval_root, args.split, predictions, OUT / f"intake-{args.split}.json")
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
