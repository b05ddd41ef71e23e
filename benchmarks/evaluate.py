"""Extraction accuracy on the shared labelled documents, scored by their own ``score.py``,
on two fixed halves of every source: ``tune`` (study its misses) and ``check`` (report it).

    python -m benchmarks.evaluate ../shared/eval [--source NAME] [--split dev] [--no-cache]
    python -m benchmarks.evaluate ../shared/eval --source einvoice --misses [--field F]

Runs the same code as ``intake extract --json`` over every labelled file of the split
(in worker processes, like the CLI), writes the predictions to ``benchmarks/out/``,
and prints KEY accuracy / precision per source and per group, for each half.

**The halves.** A document belongs to ``tune`` when the first byte of the SHA-256 of its
path relative to its source folder (the ``file`` of its label, e.g. ``files/a.pdf``) is
even, else to ``check``: fixed, independent of the order or number of documents, and the
same on every machine. Misses are read on ``tune`` only (``--misses`` prints nothing else);
``check`` is what a change is judged by.

**The layout reading.** Every PDF that carries an embedded e-invoice (the ``zugferd``,
``orderx`` and ``einvoice`` sources) is read a second time with its attachments removed
after reading, so the fields come from the visible page alone while the labels stay
those of the XML; these are scored as ``SOURCE/no-xml`` and grouped as "e-invoices
without XML".

The OCR of image files is cached under ``benchmarks/out/ocr-cache/``, keyed by the file's
SHA-256, the OCR settings and the code (comments and docstrings left out) of the modules
that read images, so that a change
to the extractors is measured in seconds and a change to the OCR re-reads every image.
The second read of an image (the pipeline's ``second_read`` stage) is cached beside it,
keyed the same way plus the code of :mod:`intake.extractors.reading.reread`; whether
an image is read a second time is decided each run (it is extraction).
The full score.py tables of each half are written next to the predictions
(``benchmarks/out/intake-dev-{tune,check}[-no-xml].txt``).
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import hashlib
import importlib.util
import io
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import Any

import intake.extractors.reading.deskew
import intake.extractors.reading.image
import intake.extractors.reading.lighting
import intake.extractors.reading.ocr
import intake.extractors.reading.reread
import intake.extractors.reading.tesseract
import intake.extractors.reading.uncovered
import intake.record
from benchmarks.split_noise import Counts, document_counts, split_noise
from intake.errors import IntakeError
from intake.extractors.base import Registry
from intake.ingest.stages import (
    STAGES,
    Context,
    extraction_result,
    language_stage,
    read,
    read_again_stage,
    read_in_language,
    record_for,
    run_stages,
    second_read_stage,
)
from intake.ingest.workers import map_in_workers
from intake.record import Page, Record, page_from_json, page_to_json
from intake.settings import Settings

OUT = Path(__file__).parent / "out"
OCR_CACHE = OUT / "ocr-cache"
#: The modules whose source decides what an image reads as.
OCR_MODULES = (
    intake.extractors.reading.deskew,
    intake.extractors.reading.image,
    intake.extractors.reading.lighting,
    intake.extractors.reading.ocr,
    intake.extractors.reading.rules,
    intake.extractors.reading.uncovered,
    intake.extractors.reading.tesseract,
    intake.record,
)
HALVES = ("tune", "check")
#: Sources whose PDFs embed an e-invoice XML: read a second time without it.
XML_SOURCES = ("zugferd", "orderx", "einvoice")
NO_XML = "/no-xml"


def half_of(relative: str) -> str:
    """``tune`` or ``check`` for a document, by its path relative to its source folder."""
    first = hashlib.sha256(Path(relative).as_posix().encode()).digest()[0]
    return "tune" if first % 2 == 0 else "check"


def _code_of(source: str) -> str:
    """A module's code without its comments and docstrings: what it does, not what it
    says about it (a reworded comment does not re-read every image)."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            body[0] = ast.Pass()
    return ast.dump(tree)


def ocr_key(settings: Settings, modules: tuple[ModuleType, ...] = OCR_MODULES) -> str:
    digest = hashlib.sha256(f"{settings.ocr_lang}|{settings.ocr_dpi}".encode())
    for module in modules:
        assert module.__file__
        digest.update(_code_of(Path(module.__file__).read_text()).encode())
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


def cached_read_again(record: Record, ctx: Context) -> tuple[Page, ...]:
    """The second read of an image file (:func:`read_again_stage`), kept in the OCR cache."""
    key = ocr_key(ctx.settings, (*OCR_MODULES, intake.extractors.reading.reread))
    cached = OCR_CACHE / f"{key}-again" / f"{record.sha256}.json"
    if cached.is_file():
        return tuple(page_from_json(p) for p in json.loads(cached.read_text()))
    pages = read_again_stage(record, ctx)
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps([page_to_json(p) for p in pages]))
    return pages


def cached_second_read(record: Record, ctx: Context) -> Record:
    """The second-read stage with its OCR kept in the cache (:func:`cached_read_again`)."""
    return second_read_stage(record, ctx, cached_read_again)


def cached_read_in_language(record: Record, ctx: Context, lang: str) -> tuple[Page, ...]:
    """A scan read again with its language's model (:func:`language_stage`), kept in the
    OCR cache."""
    cached = OCR_CACHE / f"{ocr_key(ctx.settings)}-{lang}" / f"{record.sha256}.json"
    if cached.is_file():
        return tuple(page_from_json(p) for p in json.loads(cached.read_text()))
    pages = read_in_language(record, ctx, lang)
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps([page_to_json(p) for p in pages]))
    return pages


def cached_language_stage(record: Record, ctx: Context) -> Record:
    """The language stage with its OCR kept in the cache (:func:`cached_read_in_language`)."""
    return language_stage(record, ctx, cached_read_in_language)


def read_without_xml(record: Record, ctx: Context) -> Record:
    """The read stage with the embedded files dropped: the visible layout alone."""
    return cached_read(record, ctx).evolve(attachments=())


def read_fresh_without_xml(record: Record, ctx: Context) -> Record:
    """The read stage (no cache) with the embedded files dropped."""
    return read(record, ctx).evolve(attachments=())


def extract_cached(
    settings: Settings, file: str, *, xml: bool = True, cache: bool = True
) -> dict[str, object]:
    """:func:`intake.ingest.stages.extract_path` with :func:`cached_read` as its read stage
    (or :func:`read_without_xml` when ``xml`` is false); with ``cache`` false every image
    is read afresh."""
    if not _contexts:
        _contexts.append(Context(settings, Registry.default()))
    swap: dict[Callable[[Record, Context], Record], Callable[[Record, Context], Record]]
    if cache:
        swap = {
            read: cached_read if xml else read_without_xml,
            second_read_stage: cached_second_read,
            language_stage: cached_language_stage,
        }
    else:
        swap = {} if xml else {read: read_fresh_without_xml}
    stages = tuple(swap.get(stage, stage) for stage in STAGES)
    record = run_stages(record_for(Path(file)), _contexts[0], stages)
    return extraction_result(record, file)


def labelled(root: Path, only: str | None) -> list[tuple[str, dict[str, Any]]]:
    """(source, label entry) for every labelled file of ``root``."""
    out = []
    for labels in sorted(root.glob("*/labels.json")):
        if only and labels.parent.name != only:
            continue
        out += [(labels.parent.name, entry) for entry in json.loads(labels.read_text())]
    return out


def labelled_files(root: Path, only: str | None) -> list[Path]:
    return [root / source / entry["file"] for source, entry in labelled(root, only)]


def predict(files: list[Path], out: Path, *, cache: bool = True, xml: bool = True) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp) / "data", watch_dir=Path(tmp) / "watch")
        start = time.perf_counter()
        fn = partial(extract_cached, settings, xml=xml, cache=cache)
        with out.open("w") as f:
            results = map_in_workers(
                settings, fn, [str(p) for p in files], timeout=settings.file_timeout
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
    """score.py over a whole split, in its own process (its table on stdout)."""
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


def scorer(eval_root: Path) -> ModuleType:
    """The eval folder's ``score.py``, imported (it needs the standard library only)."""
    spec = importlib.util.spec_from_file_location("eval_score", eval_root / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def relative_predictions(predictions: Path, root: Path) -> dict[str, dict[str, Any]]:
    """Predictions keyed by their path relative to ``root`` (``source/files/a.pdf``)."""
    out = {}
    for line in predictions.read_text().splitlines():
        if line.strip():
            rec = json.loads(line)
            key = Path(rec["file"]).resolve().relative_to(root.resolve()).as_posix()
            out[key] = rec
    return out


def score_half(
    module: ModuleType,
    entries: list[tuple[str, dict[str, Any]]],
    preds: dict[str, dict[str, Any]],
    half: str,
    table: Path,
) -> dict[str, Any]:
    """score.py's summary over one half: its labels and predictions copied to a scratch
    folder, its table written to ``table``."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "labels"
        chosen: dict[str, list[dict[str, Any]]] = {}
        for source, entry in entries:
            if half_of(entry["file"]) == half:
                chosen.setdefault(source, []).append(entry)
        for source, items in chosen.items():
            (root / source).mkdir(parents=True)
            (root / source / "labels.json").write_text(json.dumps(items))
        root.mkdir(exist_ok=True)
        lines = [
            json.dumps({**preds[f"{s}/{e['file']}"], "file": f"{s}/{e['file']}"})
            for s, items in chosen.items()
            for e in items
            if f"{s}/{e['file']}" in preds
        ]
        (Path(tmp) / "p.jsonl").write_text("\n".join(lines) + "\n")
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            module.main([str(root), str(Path(tmp) / "p.jsonl"), "--json", f"{tmp}/s.json"])
        table.write_text(buffer.getvalue())
        summary: dict[str, Any] = json.loads(Path(f"{tmp}/s.json").read_text())
        return summary


GROUPS = {
    "invoices and orders": ("invoice2data", "zugferd", "orderx", "einvoice", "deepform"),
    "e-invoices without XML": tuple(s + NO_XML for s in XML_SOURCES),
    "contracts": ("kleister_nda", "cuad"),
    "receipts (OCR)": ("sroie",),
}
#: Fields shown on their own for a group, next to its KEY figures (the targets name them).
GROUP_FIELDS = {
    "e-invoices without XML": ("line_items", "invoice_number", "buyer", "tax", "subtotal"),
    "receipts (OCR)": ("total", "vendor", "issue_date"),
    "invoices and orders": ("line_items", "buyer"),
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

Cell = dict[str, int]


def key_of(cells: list[dict[str, Cell]]) -> tuple[int, int, int]:
    """(labelled, correct, predicted) over the key fields of some sources' cells."""
    n = c = p = 0
    for fields in cells:
        for field, cell in fields.items():
            if field in KEY_FIELDS:
                n, c, p = n + cell["labelled"], c + cell["correct"], p + cell["predicted"]
    return n, c, p


def field_of(cells: list[dict[str, Cell]], field: str) -> float | None:
    n = sum(f[field]["labelled"] for f in cells if field in f)
    return sum(f[field]["correct"] for f in cells if field in f) / n if n else None


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "  -  "


def group_scores(summary: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """KEY accuracy and precision over each group of sources of one summary."""
    sources = summary["sources"]
    out = {}
    for name, members in GROUPS.items():
        n, c, p = key_of([sources[s] for s in members if s in sources])
        if n:
            out[name] = (c / n, c / p if p else 0.0)
    return out


def report(halves: dict[str, dict[str, Any]]) -> None:
    """Both halves side by side, per source and per group."""
    docs = {h: halves[h]["_documents"] for h in HALVES}
    print(f"\n{'KEY accuracy / precision':32s} {'tune':>22s} {'check':>22s}")
    names = sorted({s for h in HALVES for s in halves[h]["sources"]})
    for source in names:
        row = []
        for h in HALVES:
            fields = halves[h]["sources"].get(source)
            if not fields:
                row.append(f"{'':22s}")
                continue
            n, c, p = key_of([fields])
            dt = fields.get("doc_type")
            dts = f" dt {ratio(dt['correct'], dt['labelled'])}" if dt else ""
            row.append(f"{ratio(c, n)} / {ratio(c, p)} ({docs[h].get(source, 0):3d}){dts}")
        print(f"  {source:30s} " + "   ".join(row))
    print("per group:")
    for name, members in GROUPS.items():
        row = []
        extra = []
        for h in HALVES:
            cells = [halves[h]["sources"][s] for s in members if s in halves[h]["sources"]]
            n, c, p = key_of(cells)
            row.append(f"{ratio(c, n)} / {ratio(c, p)} ({n:4d} values)")
            shown = []
            for field in GROUP_FIELDS.get(name, ()):
                value = field_of(cells, field)
                shown.append(f"{field} {'-' if value is None else f'{value:.2f}'}")
            extra.append(", ".join(shown))
        if any(s in halves[h]["sources"] for h in HALVES for s in members):
            print(f"  {name:30s} " + "   ".join(row))
            for h, text in zip(HALVES, extra, strict=True):
                if text:
                    print(f"  {'':30s} {h}: {text}")
            counts = [[d for s in members for d in halves[h]["_counts"].get(s, [])] for h in HALVES]
            if noise := split_noise(counts[0], counts[1]):
                print(
                    f"  {'':30s} gap {noise.gap:+.3f}; random splits of these documents:"
                    f" 95% within {noise.within95:.3f}, p = {noise.p:.2f}"
                )


def misses(
    module: ModuleType,
    entries: list[tuple[str, dict[str, Any]]],
    preds: dict[str, dict[str, Any]],
    only_field: str | None,
    suffix: str = "",
) -> None:
    """Every wrong or missing value on the ``tune`` half (never ``check``)."""
    for source, entry in entries:
        if half_of(entry["file"]) != "tune":
            continue
        rec = preds.get(f"{source}/{entry['file']}", {"fields": {}})
        fields = rec.get("fields") or {}
        for field, label in entry["fields"].items():
            if only_field and field != only_field:
                continue
            pred = fields.get(field)
            if label is None or label == []:
                wrong = pred not in (None, "", [])
            else:
                n, ok, _ = module.score_value(field, label, pred)
                wrong = ok < n
            if wrong:
                print(f"{source}{suffix}/{entry['file']}  {field}: label {label!r}  got {pred!r}")
        if not only_field or only_field == "doc_type":
            if rec.get("doc_type") != entry.get("doc_type"):
                print(
                    f"{source}{suffix}/{entry['file']}  doc_type: label "
                    f"{entry.get('doc_type')!r}  got {rec.get('doc_type')!r}"
                )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("eval_root", type=Path, help="the shared eval folder (holds score.py)")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--source", help="only this source folder")
    ap.add_argument("--no-cache", action="store_true", help="OCR every image again")
    ap.add_argument("--no-xml-pass", action="store_true", help="skip the layout-only pass")
    ap.add_argument("--misses", action="store_true", help="print the misses on `tune`")
    ap.add_argument("--field", help="with --misses: only this field")
    ap.add_argument("--reuse", action="store_true", help="score the last predictions again")
    args = ap.parse_args(argv)
    root = args.eval_root / args.split
    if not root.is_dir():
        print(f"no labelled documents at {root}", file=sys.stderr)
        return 2
    OUT.mkdir(exist_ok=True)
    entries = labelled(root, args.source)
    files = [root / source / entry["file"] for source, entry in entries]
    stem = f"intake-{args.split}" + (f"-{args.source}" if args.source else "")
    module = scorer(args.eval_root)
    passes = [("", files, True)]
    xml_files = [root / s / e["file"] for s, e in entries if s in XML_SOURCES]
    if xml_files and not args.no_xml_pass:
        passes.append((NO_XML, xml_files, False))
    halves: dict[str, dict[str, Any]] = {
        h: {"sources": {}, "_documents": {}, "_counts": {}} for h in HALVES
    }
    for suffix, chosen, xml in passes:
        predictions = OUT / f"{stem}{suffix.replace('/', '-')}.jsonl"
        if not (args.reuse and predictions.is_file()):
            seconds = predict(chosen, predictions, cache=not args.no_cache, xml=xml)
            what = "with XML" if xml else "without XML"
            print(f"{len(chosen)} files {what} in {seconds:.1f} s", file=sys.stderr)
        preds = relative_predictions(predictions, root)
        mine = [(s, e) for s, e in entries if not suffix or s in XML_SOURCES]
        if args.misses:
            misses(module, mine, preds, args.field, suffix)
            continue
        for h in HALVES:
            table = OUT / f"{stem}-{h}{suffix.replace('/', '-')}.txt"
            summary = score_half(module, mine, preds, h, table)
            for source, fields in summary["sources"].items():
                halves[h]["sources"][source + suffix] = fields
            for source, entry in mine:
                if half_of(entry["file"]) == h:
                    counts = halves[h]["_documents"]
                    counts[source + suffix] = counts.get(source + suffix, 0) + 1
                    rec = preds.get(f"{source}/{entry['file']}", {})
                    per_doc: list[Counts] = halves[h]["_counts"].setdefault(source + suffix, [])
                    per_doc.append(
                        document_counts(
                            module, rec.get("fields") or {}, entry["fields"], KEY_FIELDS
                        )
                    )
        if not suffix:
            whole = OUT / f"{stem}.json"
            with contextlib.redirect_stdout(io.StringIO()):
                module.main(
                    [str(root), str(predictions), "--json", str(whole)]
                    + (["--source", args.source] if args.source else [])
                )
    if not args.misses:
        report(halves)
    return 0


if __name__ == "__main__":
    sys.exit(main())
