"""invoice2data's golden files (``tests/invoice2data_golden``): figures, not a test.

    python -m benchmarks golden [--ocr]

Prints, per golden PDF, how close the template text is to ``pdftotext -layout`` (difflib
ratio; needs poppler-utils), then what Intake gets with the golden templates (expected
values matched, of 96) and without any template (the generic extraction: the vendor
right on how many of the 16 files, compared with the template's issuer ignoring case
and punctuation; and, looser, how many hold the issuer or are held by it). With
``--ocr`` also the golden PDFs read by OCR only (their text layer ignored): the expected
values the templates still get from the same layout of the OCR words.
"""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from intake.extractors.base import Registry
from intake.extractors.dispatch import classify, read_file
from intake.extractors.extraction.templates import template_fields
from intake.extractors.extraction.templates.layout_text import layout_text
from intake.extractors.reading.ocr import ocr_options
from intake.ingest.stages import READ_STAGES, Context, extract_path, record_for, run_stages
from intake.settings import Settings
from tests.golden import FIELD_NAMES, TEMPLATES, expected, names, path_of


def _files() -> list[Path]:
    """The golden files found (tests/invoice2data_golden, or INTAKE_GOLDEN_DIR)."""
    found = [(n, path_of(n)) for n in names()]
    for name, path in found:
        if path is None:
            print(f"  {name}: not found (set INTAKE_GOLDEN_DIR); left out")
    return [p for _, p in found if p is not None]


def _expected(path: Path) -> dict[str, Any]:
    return expected(path.name)


def _same(ours: Any, theirs: Any) -> bool:
    if isinstance(theirs, float | int) and not isinstance(theirs, bool):
        return ours is not None and Decimal(str(ours)) == Decimal(str(theirs))
    return bool(ours == theirs)


def _plain(text: Any) -> str:
    return re.sub(r"\W+", " ", str(text or "")).strip().casefold()


def similarity(ctx: Context) -> None:
    if shutil.which("pdftotext") is None:
        print("  pdftotext missing (poppler-utils): no similarity figures")
        return
    ratios = []
    for pdf in (p for p in _files() if p.suffix == ".pdf"):
        record = run_stages(record_for(pdf).evolve(kind="pdf"), ctx, READ_STAGES[:1])
        theirs = subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        ratio = difflib.SequenceMatcher(None, layout_text(record), theirs, autojunk=False)
        ratios.append(ratio.ratio())
        print(f"  {pdf.name:30s} similarity to pdftotext -layout {ratios[-1]:.3f}")
    print(f"  mean {sum(ratios) / len(ratios):.3f}, least {min(ratios):.3f}")


def through_ocr(settings: Settings, registry: Registry) -> None:
    matched = total = 0
    for pdf in (p for p in _files() if p.suffix == ".pdf"):
        pages, _ = read_file(
            pdf,
            "pdf",
            max_pages=settings.max_pages,
            max_pixels=settings.max_pixels,
            ocr=ocr_options(settings),
            force_ocr=True,
        )
        record = record_for(pdf).evolve(kind="pdf", pages=pages)
        record = record.evolve(doc_type=classify(record, registry)[0])
        fields = template_fields(record, TEMPLATES)
        golden = _expected(pdf)
        missed = []
        for name, ours in FIELD_NAMES.items():
            if name in golden:
                total += 1
                value = fields[ours].value if ours in fields else None
                if _same(value, golden[name]):
                    matched += 1
                else:
                    missed.append(ours)
        print(f"  OCR {pdf.name:26s} missed: {', '.join(missed) or 'none'}")
    print(f"  through OCR only, with the golden templates: {matched} of {total} scalar values")


def main(argv: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        plain = Settings(data_dir=root / "data", watch_dir=root / "watch")
        similarity(Context(plain, Registry.default()))
        templated = plain.model_copy(update={"templates_dir": TEMPLATES})
        matched = total = vendors = loose = 0
        for path in _files():
            golden = _expected(path)
            with_templates = extract_path(Context(templated, Registry.default()), str(path))[
                "fields"
            ]
            for name, ours in FIELD_NAMES.items():
                if name in golden:
                    total += 1
                    matched += _same(with_templates.get(ours), golden[name])
            generic = extract_path(Context(plain, Registry.default()), str(path))["fields"].get(
                "vendor"
            )
            right = _plain(generic) == _plain(golden["issuer"])
            vendors += right
            ours, theirs = _plain(generic), _plain(golden["issuer"])
            loose += bool(ours) and (ours in theirs or theirs in ours)
            print(f"  {path.name:30s} generic vendor {generic!r} ({'right' if right else 'wrong'})")
        print(f"  with the golden templates: {matched} of {total} scalar values")
        count = len(_files())
        print(f"  generic extraction (no templates): vendor right on {vendors} of {count}")
        print(f"  (one name inside the other, e.g. with 'Inc.' or 'SAS': {loose} of {count})")
        if "--ocr" in argv:
            through_ocr(plain, Registry.default())
