"""Intake and invoice2data side by side per source: KEY accuracy, documents with output, doc_type.

    python -m benchmarks.peer ../shared/eval [--split dev]

Scores invoice2data's predictions (``benchmarks/out/invoice2data-<split>.jsonl``, written
by ``benchmarks/peer_run.py`` in its own environment: ``make eval-peer`` does both) with
the eval folder's ``score.py``, reads Intake's summary of the last ``make eval``
(``benchmarks/out/intake-<split>.json``), and prints the README's markdown table.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from benchmarks.evaluate import OUT, score

#: The sources in the order the README shows them: invoices and orders, receipts, contracts.
ORDER = ("invoice2data", "zugferd", "orderx", "deepform", "sroie", "kleister_nda", "cuad")


def _fraction(correct: int, labelled: int) -> str:
    return f"{correct / labelled:.3f}" if labelled else "–"


def key_cells(summary: dict[str, Any], sources: list[str]) -> list[str]:
    cells = []
    for source in sources:
        acc = summary["sources"].get(source, {}).get("_key_accuracy")
        cells.append("–" if acc is None else f"{acc:.3f}")
    key = summary["key"]
    cells.append(_fraction(key["correct"], key["labelled"]))
    return cells


def doc_type_cells(summary: dict[str, Any], sources: list[str]) -> list[str]:
    cells, correct, labelled = [], 0, 0
    for source in sources:
        cell = summary["sources"].get(source, {}).get("doc_type", {})
        cells.append(_fraction(cell.get("correct", 0), cell.get("labelled", 0)))
        correct += cell.get("correct", 0)
        labelled += cell.get("labelled", 0)
    cells.append(_fraction(correct, labelled))
    return cells


def count_outputs(predictions: Path, root: Path) -> dict[str, tuple[int, int]]:
    """Per source folder under ``root``: (documents with any field predicted, documents)."""
    counts: dict[str, tuple[int, int]] = {}
    for line in predictions.read_text().splitlines():
        row = json.loads(line)
        path = Path(row["file"]).resolve()
        if not path.is_relative_to(root):
            continue
        source = path.relative_to(root).parts[0]
        some, total = counts.get(source, (0, 0))
        counts[source] = (some + bool(row.get("fields")), total + 1)
    return counts


def output_cells(counts: dict[str, tuple[int, int]], sources: list[str]) -> list[str]:
    cells = [f"{counts[s][0]}/{counts[s][1]}" if s in counts else "–" for s in sources]
    some = sum(c[0] for c in counts.values())
    total = sum(c[1] for c in counts.values())
    return [*cells, f"{some}/{total}"]


Row = tuple[str, dict[str, Any], dict[str, tuple[int, int]]]


def table(rows: list[Row]) -> str:
    """The markdown table, a column per source: per system its KEY accuracy, how many
    documents got any field, and its doc_type accuracy."""
    present = {s for _, summary, _ in rows for s in summary["sources"]}
    sources = [s for s in ORDER if s in present] + sorted(present - set(ORDER))
    lines = [
        "| | " + " | ".join(f"`{s}`" for s in sources) + " | all |",
        "|---|" + "---:|" * (len(sources) + 1),
    ]
    for name, summary, _ in rows:
        lines.append(f"| {name}: KEY accuracy | " + " | ".join(key_cells(summary, sources)) + " |")
    for name, _, counts in rows:
        cells = output_cells(counts, sources)
        lines.append(f"| {name}: documents with any output | " + " | ".join(cells) + " |")
    for name, summary, _ in rows:
        lines.append(f"| {name}: doc_type | " + " | ".join(doc_type_cells(summary, sources)) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("eval_root", type=Path, help="the shared eval folder (holds score.py)")
    ap.add_argument("--split", default="dev")
    args = ap.parse_args(argv)
    peer_predictions = OUT / f"invoice2data-{args.split}.jsonl"
    if not peer_predictions.exists():
        print(f"no {peer_predictions}: run `make eval-peer`", file=sys.stderr)
        return 2
    root = (args.eval_root / args.split).resolve()
    rows: list[Row] = []
    intake_summary = OUT / f"intake-{args.split}.json"
    if intake_summary.exists():
        counts = count_outputs(OUT / f"intake-{args.split}.jsonl", root)
        rows.append(("Intake", json.loads(intake_summary.read_text()), counts))
    else:
        print(f"no {intake_summary}: run `make eval` for the Intake row", file=sys.stderr)
    peer = score(
        args.eval_root, args.split, peer_predictions, OUT / f"invoice2data-{args.split}.json"
    )
    rows.append(("invoice2data", peer, count_outputs(peer_predictions, root)))
    print()
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
