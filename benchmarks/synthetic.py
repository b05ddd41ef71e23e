"""Layout stress generator: made-up business documents in layouts nobody tuned on, read by
the real extraction, scored per field, per document type and per language.

    python -m benchmarks.synthetic [--n 200] [--seed S] [--misses FIELD] [--keep DIR] [--scan]
                                   [--plain]

Generates invoices, purchase orders (issued by our company to a supplier, and received
from a customer), quotes, pro-formas and order confirmations as text PDFs in en, de, fr,
es, it, nl and pt (:mod:`benchmarks.synth_docs`, :mod:`benchmarks.synth_draw`), with their
labels, titles and column headers drawn from the generator's own word lists
(:mod:`benchmarks.synth_words`, never the extraction's packs), and varies the layout:
letterhead position, labelled or window-only addressee, ship-to beside it, number block,
column order, wrapped descriptions, section headings and notes, one or several tax
rates, totals right-aligned or inside the table, number, date and currency styles.
On these it layers generic supplier layouts (:mod:`benchmarks.synth_layouts`, from a random
generator of their own, so ``--plain`` gives the same documents without them): a logo
alone for a letterhead with the issuer named in the sender line and a footer of columns,
seller and buyer side by side under role labels, a tax summary table with a prepaid
amount deducted, the number and date in a boxed grid, article numbers under the items.
Our company (``INTAKE_COMPANY_NAME`` and aliases, set here as the product reads them) is
the buyer on most documents and the issuer of most purchase orders.

Scoring follows the eval set's rules: dates exact, money decimal-equal, numbers ignoring
case and spaces, names casefolded without punctuation and legal forms (equal or similarity
>= 0.85), a labelled line item matched when its quantity, unit price and amount equal some
predicted item's. Accuracy = correct / labelled, precision = correct / predicted.
A fixed seed gives the same documents on every machine; report a fresh seed too.

``--scan`` reads every document as a scan instead (:mod:`benchmarks.synth_scan`: 150-300
dpi, grey, turned 0.3-2 degrees, blurred, noisy, JPEG, sometimes unevenly lit), through the
real OCR path, against the same truth; groups ``dpi:N`` split the figures by resolution.
The OCR of each image is kept in the evaluation's OCR cache (``benchmarks/out/ocr-cache``,
keyed by the image's SHA-256 and the OCR code), so rerunning a seed after a change to the
extraction costs seconds; OCR takes 2-4 s a page, so ``--n 40`` is the useful size.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import unicodedata
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from benchmarks.synth_docs import OUR_ALIASES, OUR_NAME, OUR_VAT, make_spec
from benchmarks.synth_draw import draw
from benchmarks.synth_forms import choose as choose_forms
from benchmarks.synth_layouts import choose
from intake.extractors.base import Registry
from intake.ingest.stages import Context, extract_path
from intake.settings import Settings

FIELDS = (
    "doc_type",
    "vendor",
    "buyer",
    "invoice_number",
    "po_number",
    "quote_number",
    "order_number",
    "issue_date",
    "due_date",
    "valid_until",
    "delivery_date",
    "currency",
    "subtotal",
    "tax",
    "total",
    "line_items",
)
_LEGAL = re.compile(
    r"\b(inc|ltd|llc|gmbh|ag|kg|co|sa|sas|sarl|sl|srl|spa|bv|nv|lda)\b", re.IGNORECASE
)


def norm_name(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    text = re.sub(r"[^\w\s]", "", text.replace("&", " "))
    return " ".join(_LEGAL.sub(" ", text).split())


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        return None


def _norm_id(value: Any) -> str:
    text = re.sub(r"^(no\.?|nr\.?|#)\s*", "", str(value).strip().casefold())
    return re.sub(r"\s+", "", text).lstrip("#")


def judge(field: str, label: Any, pred: Any) -> tuple[int, int, int]:
    """(labelled, correct, predicted) units for one field."""
    if field == "line_items":
        items = pred if isinstance(pred, list) else []
        ok = 0
        for lab in label:
            want = {k: Decimal(v) for k, v in lab.items()}
            ok += any(
                isinstance(p, dict) and all(_decimal(p.get(k)) == v for k, v in want.items())
                for p in items
            )
        return len(label), ok, len(items)
    if pred in (None, "", []):
        return 1, 0, 0
    if field in ("subtotal", "tax", "total"):
        good = _decimal(pred) == Decimal(label)
    elif field.endswith("_number"):
        good = _norm_id(pred) == _norm_id(label)
    elif field in ("vendor", "buyer"):
        a, b = norm_name(label), norm_name(pred)
        good = bool(a and b) and (a == b or SequenceMatcher(None, a, b).ratio() >= 0.85)
    else:
        good = str(pred)[:10].upper() == str(label).upper()
    return 1, int(good), 1


def settings_for(tmp: Path, *, ours: bool = True) -> Settings:
    """Settings with our company named as the product reads it (INTAKE_COMPANY_*); with
    ``ours`` False, none (as the evaluation reads documents: no company of ours set)."""
    if not ours:
        return Settings(data_dir=tmp / "data", watch_dir=tmp / "watch")
    return Settings(
        data_dir=tmp / "data",
        watch_dir=tmp / "watch",
        company_name=OUR_NAME,
        company_aliases=list(OUR_ALIASES),
        company_vat_ids=[OUR_VAT],
    )


def run(
    n: int,
    seed: int,
    keep: Path | None,
    misses: str | None,
    scan: bool = False,
    plain: bool = False,
    ours: bool = True,
) -> dict[str, Any]:
    rng = random.Random(seed)
    layout_rng = random.Random(f"layouts-{seed}")
    forms_rng = random.Random(f"forms-{seed}")
    # the scans draw from their own generator: the documents of a seed stay the same
    scan_rng = random.Random(f"scan-{seed}")
    table: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        ctx = Context(settings_for(tmp, ours=ours), Registry.default())
        folder = keep or tmp / "docs"
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(n):
            spec = make_spec(rng)
            if not plain:
                choose(spec, layout_rng)
                choose_forms(spec, forms_rng)
            doc_type, truth = spec.truth()
            path = draw(folder / f"{i:04d}-{spec.kind}-{spec.lang}.pdf", spec)
            groups: tuple[str, ...] = ("all", f"type:{spec.kind}", f"lang:{spec.lang}")
            if scan:
                from benchmarks.evaluate import extract_cached
                from benchmarks.synth_scan import scan_pdf

                path, style = scan_pdf(path, path, scan_rng)
                result = extract_cached(ctx.settings, str(path))
                groups += (f"dpi:{style.dpi}",)
            else:
                result = extract_path(ctx, str(path))
            got = result.get("fields") or {}
            cells = {"doc_type": (1, int(result.get("doc_type") == doc_type), 1)}
            for field, label in truth.items():
                cells[field] = judge(field, label, got.get(field))
            for field, (a, b, c) in cells.items():
                for g in groups:
                    row = table[(g, field)]
                    row[0], row[1], row[2] = row[0] + a, row[1] + b, row[2] + c
                if misses in (field, "all") and b < a:
                    pred = result.get("doc_type") if field == "doc_type" else got.get(field)
                    label = doc_type if field == "doc_type" else truth[field]
                    print(f"{path.name} {field}: label {label!r} got {pred!r}")
    return dict(table)


def report(table: dict[tuple[str, str], list[int]]) -> None:
    groups = sorted({g for g, _ in table}, key=lambda g: (g != "all", g))
    short = {
        "invoice_number": "inv#",
        "po_number": "po#",
        "quote_number": "quote#",
        "order_number": "order#",
        "issue_date": "issued",
        "due_date": "due",
        "valid_until": "valid",
        "delivery_date": "deliv",
        "line_items": "lines",
        "doc_type": "type",
        "currency": "cur",
        "subtotal": "subtot",
    }
    print("accuracy / precision per field (labelled units in brackets for 'all')")
    header = f"{'':26s}" + "".join(f"{short.get(f, f):>11s}" for f in FIELDS)
    print(header)
    for g in groups:
        row = f"{g:26s}"
        for f in FIELDS:
            n, c, p = table.get((g, f), [0, 0, 0])
            row += f"{c / n:5.2f}/{c / p if p else 0:4.2f}" if n else f"{'-':>11s}"
        print(row)
    n, c, p = (
        sum(v[i] for (g, f), v in table.items() if g == "all" and f != "doc_type") for i in range(3)
    )
    print(f"all fields but doc_type: accuracy {c / n:.3f}, precision {c / p:.3f} ({n} units)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--n", type=int, default=200, help="documents to generate")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--misses", help="print the misses of this field (or 'all')")
    ap.add_argument("--keep", type=Path, help="write the PDFs to this folder")
    ap.add_argument("--scan", action="store_true", help="read each document as a scan (OCR)")
    ap.add_argument("--plain", action="store_true", help="without the generic supplier layouts")
    ap.add_argument(
        "--no-company", action="store_true", help="read with no company of ours set (as in eval)"
    )
    args = ap.parse_args(argv)
    report(
        run(args.n, args.seed, args.keep, args.misses, args.scan, args.plain, not args.no_company)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
