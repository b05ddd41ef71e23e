"""KEY accuracy of scans against their text-layer twins: the same documents read by OCR
and from their text layer, extracted by the same code, scored by the eval's score.py.

    python -m benchmarks.ocr_twins ../shared/eval [--split dev]

A twin is a labelled image whose folder also holds a labelled PDF of the same name (the
invoice2data PNG renders). Target: the images' KEY accuracy within 0.10 of the PDFs'.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks.ocr_recall import Scorer
from intake.ingest.stages import extract_path
from intake.ingest.workers import map_in_workers
from intake.settings import Settings

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}


def twins(root: Path) -> list[tuple[Path, Path, dict[str, Any], dict[str, Any]]]:
    """(image, pdf, image labels, pdf labels) for every labelled image with a PDF twin."""
    out = []
    for labels in sorted(root.glob("*/labels.json")):
        entries = {e["file"]: e for e in json.loads(labels.read_text())}
        for name, entry in entries.items():
            if Path(name).suffix.lower() in IMAGE_SUFFIXES:
                twin = str(Path(name).with_suffix(".pdf"))
                if twin in entries:
                    folder = labels.parent
                    out.append((folder / name, folder / twin, entry, entries[twin]))
    return out


def key_score(scorer: Scorer, labels: dict[str, Any], predicted: dict[str, Any]) -> list[int]:
    """[correct, labelled] over the key fields of one document."""
    module = scorer.module
    correct = labelled = 0
    for name, label in labels["fields"].items():
        if name not in module.KEY_FIELDS or label in (None, []):
            continue
        n, ok, _ = module.score_value(name, label, predicted.get(name))
        correct, labelled = correct + ok, labelled + n
    return [correct, labelled]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("eval_root", type=Path)
    ap.add_argument("--split", default="dev")
    args = ap.parse_args(argv)
    root = args.eval_root / args.split
    pairs = twins(root)
    if not pairs:
        print(f"no image with a PDF twin under {root}", file=sys.stderr)
        return 2
    scorer = Scorer.load(args.eval_root)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp) / "data", watch_dir=Path(tmp))
        files = [str(p) for pair in pairs for p in pair[:2]]
        results = dict(map_in_workers(settings, partial(extract_path, settings), files))
    totals = {"image": [0, 0], "pdf": [0, 0]}
    for image, pdf, image_labels, pdf_labels in pairs:
        row = []
        for kind, path, labels in (("image", image, image_labels), ("pdf", pdf, pdf_labels)):
            result = results[str(path)]
            fields = result.get("fields", {}) if isinstance(result, dict) else {}
            ok, n = key_score(scorer, labels, fields)
            totals[kind][0] += ok
            totals[kind][1] += n
            row.append(f"{kind} {ok}/{n}")
        print(f"  {image.name:34s} " + "  ".join(row))
    accuracy = {k: ok / n if n else 0.0 for k, (ok, n) in totals.items()}
    print(
        f"KEY accuracy: images {accuracy['image']:.3f}, their PDFs {accuracy['pdf']:.3f},"
        f" gap {accuracy['pdf'] - accuracy['image']:+.3f} (target <= 0.10)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
