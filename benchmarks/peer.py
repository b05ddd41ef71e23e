"""Intake and invoice2data side by side: KEY accuracy and doc_type accuracy per source.

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


def table(rows: list[tuple[str, dict[str, Any]]]) -> str:
    """The markdown table: a KEY row and a doc_type row per system, a column per source."""
    present = {s for _, summary in rows for s in summary["sources"]}
    sources = [s for s in ORDER if s in present] + sorted(present - set(ORDER))
    lines = [
        "| | " + " | ".join(f"`{s}`" for s in sources) + " | all |",
        "|---|" + "---:|" * (len(sources) + 1),
    ]
    for name, summary in rows:
        lines.append(f"| {name}: KEY accuracy | " + " | ".join(key_cells(summary, sources)) + " |")
    for name, summary in rows:
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
    rows = []
    intake_summary = OUT / f"intake-{args.split}.json"
    if intake_summary.exists():
        rows.append(("Intake", json.loads(intake_summary.read_text())))
    else:
        print(f"no {intake_summary}: run `make eval` for the Intake row", file=sys.stderr)
    peer = score(
        args.eval_root, args.split, peer_predictions, OUT / f"invoice2data-{args.split}.json"
    )
    rows.append(("invoice2data", peer))
    print()
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
