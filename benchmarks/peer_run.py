"""invoice2data over the labelled files, written as score.py's predictions.

    .venv-peer/bin/python benchmarks/peer_run.py ../shared/eval/dev OUT.jsonl

Runs in its own virtual environment (``make eval-peer`` makes it), with only the standard
library and invoice2data: Intake is not importable there, and invoice2data is not a
dependency of Intake. Every labelled file is read by the reader invoice2data has for it
(pdftotext ``-layout`` for PDFs, tesseract for images when ImageMagick is there too, the
text reader for ``.txt``) and matched against invoice2data's bundled templates (its
``dateparser`` extra installed, which it needs for month names in other languages than
English). Its result is mapped to our field names and value forms; ``doc_type`` is
"invoice" when a template matched, else null.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
import time
from decimal import Decimal, InvalidOperation
from importlib.metadata import version
from pathlib import Path
from typing import Any

from invoice2data import extract_data
from invoice2data.extract.loader import read_templates
from invoice2data.input import pdftotext, tesseract, text

#: invoice2data's names -> ours. Its ``vat`` is the issuer's VAT *number* (a static value
#: in most bundled templates), not the tax amount, so it is left out.
NAMES = {
    "invoice_number": "invoice_number",
    "date": "issue_date",
    "date_due": "due_date",
    "due_date": "due_date",
    "amount": "total",
    "amount_untaxed": "subtotal",
    "amount_tax": "tax",
    "currency": "currency",
    "issuer": "vendor",
}
#: our line-item keys from invoice2data's (after its own alias normalisation).
LINE_KEYS = {
    "description": ("name", "description"),
    "code": ("code",),
    "quantity": ("qty", "quantity"),
    "unit": ("uom", "unit"),
    "unit_price": ("price_unit", "unit_price"),
    "amount": ("price_subtotal", "amount", "price_total"),
}
IMAGES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}


def labelled_files(root: Path) -> list[Path]:
    files = []
    for labels in sorted(root.glob("*/labels.json")):
        for entry in json.loads(labels.read_text()):
            files.append(labels.parent / entry["file"])
    return files


def value_of(value: Any) -> Any:
    """Dates as ISO strings, numbers as decimal strings, text as it is."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    if isinstance(value, bool):
        return value
    if isinstance(value, float | int):
        try:
            return format(Decimal(str(value)).quantize(Decimal("0.01")), "f")
        except InvalidOperation:
            return str(value)
    if isinstance(value, list):  # several different matches: invoice2data gives a list
        return value_of(value[0]) if value else None
    return value


def item_of(line: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for ours, names in LINE_KEYS.items():
        raw = next((line[n] for n in names if line.get(n) not in (None, "")), None)
        if isinstance(raw, float | int) and not isinstance(raw, bool):
            out[ours] = str(Decimal(str(raw)).normalize())
        else:
            out[ours] = raw
    return out


def to_fields(result: dict[str, Any]) -> dict[str, Any]:
    fields = {ours: value_of(result[name]) for name, ours in NAMES.items() if name in result}
    lines = result.get("lines")
    if isinstance(lines, list) and lines:
        fields["line_items"] = [item_of(x) for x in lines if isinstance(x, dict)]
    return {k: v for k, v in fields.items() if v not in (None, "")}


def reader_for(path: Path) -> Any:
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return text
    if suffix in IMAGES:
        return tesseract if tesseract.is_available() else None
    return pdftotext


def main(argv: list[str]) -> int:
    root, out = Path(argv[0]), Path(argv[1])
    logging.basicConfig(level=logging.CRITICAL)  # invoice2data logs every miss as an error
    files = labelled_files(root)
    if not files:
        print(f"no labelled documents at {root}", file=sys.stderr)
        return 2
    templates = read_templates()
    if not tesseract.is_available():
        print("  tesseract or ImageMagick missing: images get no prediction", file=sys.stderr)
    start = time.perf_counter()
    matched = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w") as f:
        for path in files:
            reader = reader_for(path)
            result: dict[str, Any] = {}
            if reader is not None:
                try:
                    result = extract_data(str(path), templates, reader)
                except Exception as exc:  # the peer failing on a file is a miss, not a stop
                    print(f"  failed: {path}: {exc!r}", file=sys.stderr)
            matched += bool(result)
            row = {
                "file": str(path),
                "doc_type": "invoice" if result else None,
                "fields": to_fields(result) if result else {},
                "template": result.get("template_name"),
            }
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    seconds = time.perf_counter() - start
    print(
        f"invoice2data {version('invoice2data')}: {len(templates)} templates, "
        f"{matched} of {len(files)} files matched one, {seconds:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
