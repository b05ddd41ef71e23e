"""Learning from corrections, measured: documents of several vendors in order, each
corrected after filing from its labels, through the same code path as ``intake documents
correct`` (:func:`intake.learning.feedback.correct_document`).

    python -m benchmarks.learning ../shared/eval [--source world|deepform|sroie] \
        [--per-vendor 5] [--vendors 12]

Sources: the generated multi-vendor world of the tests (four vendors with idiosyncratic
layouts, six invoices each), the broadcast orders of the dev set grouped by station (not
labelled: the call sign a document names most often), and the receipts of the dev set's
repeat shops (grouped by the labelled vendor; the OCR is cached as
``benchmarks.evaluate`` caches it). Each document is read, filed and given what was learned
(as the pipeline files it); its KEY fields are scored with the eval's own ``score.py``
against the labels, the wrong ones are corrected, and learning takes it from there.

Printed per source: KEY accuracy on each vendor's 2nd and later documents with learning,
and without it (the same documents' fields as the generic extraction read them, before any
learned rule changed them: the ``learn`` entries of their history keep the old values),
and corrections needed per 100 documents with and without learning.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from sqlalchemy import select

from benchmarks.evaluate import KEY_FIELDS, cached_read, cached_second_read
from intake.db.engine import Database, open_database
from intake.db.models import AuditEntry, Document
from intake.db.persist import file_record
from intake.filing.matching.steps import file_against_products
from intake.filing.wiring import Wiring
from intake.ingest.stages import STAGES, Context, read, record_for, run_stages, second_read_stage
from intake.learning.apply import learn_on_filing
from intake.learning.feedback import correct_document
from intake.learning.fields import CORRECTABLE
from intake.record import Record
from intake.settings import Settings

#: The KEY fields a correction can set (parties, terms: contracts are not replayed).
CORRECTED = sorted(KEY_FIELDS & set(CORRECTABLE))


@dataclass
class Item:
    vendor: str
    path: Path
    labels: dict[str, Any]


@dataclass
class Tally:
    documents: int = 0
    later_labelled: int = 0
    later_learned: int = 0
    later_generic: int = 0
    corrections: int = 0  # with learning
    corrections_without: int = 0
    per_vendor: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))


def load_scorer(eval_root: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_score", eval_root / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def world_items(tmp: Path) -> list[Item]:
    from tests.learning_world import VENDORS, draw, vendor_invoice

    items = []
    for vendor in VENDORS:
        for i in range(6):
            doc = vendor_invoice(vendor, i)
            path = draw(tmp / f"{vendor}-{i}.pdf", vendor, doc)
            items.append(Item(vendor, path, {k: v for k, v in doc.items() if k != "buyer"}))
    return items


def _labelled(root: Path, source: str) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = json.loads((root / source / "labels.json").read_text())
    return entries


def sroie_items(root: Path, vendors: int, per_vendor: int) -> list[Item]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in _labelled(root, "sroie"):
        groups[str(entry["fields"].get("vendor"))].append(entry)
    repeat = sorted((g for g in groups.values() if len(g) > 1), key=lambda g: -len(g))[:vendors]
    return [
        Item(str(e["fields"].get("vendor")), root / "sroie" / e["file"], e["fields"])
        for g in repeat
        for e in g[:per_vendor]
    ]


#: A US broadcast station's call sign (K or W and two or three letters, maybe -TV), and
#: words of that shape that are not stations (a rep firm, English words).
_CALL_SIGN = re.compile(r"\b([KW][A-Z]{2,3})(?:-(?:TV|DT|CD|LD|CA))?\b")
_NOT_STATIONS = frozenset({"WITH", "WTF", "KATZ", "WILL", "WHO", "WERE", "WHEN", "KEEP"})


def station_of(text: str) -> str | None:
    """The call sign a broadcast document names most often: its station (the vendor)."""
    signs = Counter(s for s in _CALL_SIGN.findall(text) if s not in _NOT_STATIONS)
    return signs.most_common(1)[0][0] if signs else None


def deepform_items(root: Path, ctx: Context, per_vendor: int) -> list[Item]:
    """The broadcast orders and invoices of stations with more than one, in label order
    (the station is not labelled: it is the call sign the document names most often)."""
    groups: dict[str, list[Item]] = defaultdict(list)
    for entry in _labelled(root, "deepform"):
        path = root / "deepform" / entry["file"]
        record = run_stages(record_for(path), ctx, STAGES[:2])
        station = station_of("\n".join(p.text for p in record.pages))
        if station:
            groups[station].append(Item(station, path, entry["fields"]))
    return [i for g in groups.values() if len(g) > 1 for i in g[:per_vendor]]


def _stages() -> tuple[Any, ...]:
    swap = {read: cached_read, second_read_stage: cached_second_read}
    return tuple(swap.get(stage, stage) for stage in STAGES)


def file_one(ctx: Context, db: Database, item: Item) -> int:
    """Read and file one document as the pipeline does: the record, what was learned, the
    filing steps (no ledger, no archive: nothing here is watched)."""
    record: Record = run_stages(record_for(item.path), ctx, _stages())
    with db.session() as s:
        doc = file_record(
            s,
            record,
            ext=item.path.suffix.lstrip(".").lower() or "pdf",
            source_path=str(item.path),
            folder_hint=None,
        )
        learn_on_filing(s, doc)
        file_against_products(s, doc, ctx.settings)
        return doc.id


def _value(fields: dict[str, Any], name: str) -> Any:
    f = fields.get(name)
    return f.get("value") if isinstance(f, dict) else None


def score_document(
    scorer: ModuleType, db: Database, doc_id: int, labels: dict[str, Any]
) -> tuple[dict[str, str], int, int, int]:
    """The wrong KEY fields (name -> labelled value), and how many are labelled, right
    with learning, right as the generic extraction read them."""
    with db.session() as s:
        doc = s.get(Document, doc_id)
        assert doc is not None
        fields = dict(doc.fields)
        before = {
            str(e.field): e.old
            for e in s.scalars(
                select(AuditEntry).where(
                    AuditEntry.entity_id == doc_id, AuditEntry.action == "learn"
                )
            )
        }
    wrong: dict[str, str] = {}
    labelled = learned = generic = 0
    for name in CORRECTED:
        label = labels.get(name)
        if label in (None, ""):
            continue
        labelled += 1
        ok = scorer.score_value(name, label, _value(fields, name))[1]
        learned += ok
        generic += scorer.score_value(name, label, before[name])[1] if name in before else ok
        if not ok:
            wrong[name] = str(label)
    return wrong, labelled, learned, generic


def replay(
    scorer: ModuleType, ctx: Context, db: Database, items: list[Item], verbose: bool = False
) -> Tally:
    tally = Tally()
    seen: dict[str, int] = defaultdict(int)
    for item in items:
        doc_id = file_one(ctx, db, item)
        wrong, labelled, learned, generic = score_document(scorer, db, doc_id, item.labels)
        tally.documents += 1
        tally.corrections += len(wrong)
        tally.corrections_without += labelled - generic
        if seen[item.vendor]:
            tally.later_labelled += labelled
            tally.later_learned += learned
            tally.later_generic += generic
            tally.per_vendor[item.vendor][0] += learned
            tally.per_vendor[item.vendor][1] += labelled
        seen[item.vendor] += 1
        if verbose and wrong:
            with db.session() as s:
                doc = s.get(Document, doc_id)
                assert doc is not None
                got = {
                    k: (_value(doc.fields, k), (doc.fields.get(k) or {}).get("source"))
                    for k in wrong
                }
            print(
                f"  {item.vendor[:30]:30s} #{seen[item.vendor]} {item.path.name}: "
                + "; ".join(f"{k} {got[k][0]!r} ({got[k][1]}), not {v!r}" for k, v in wrong.items())
            )
        if wrong:
            with db.session() as s:
                correct_document(
                    s, doc_id, wrong, user="eval", settings=ctx.settings, steps=ctx.steps
                )
    return tally


def _context(tmp: Path) -> tuple[Context, Database]:
    settings = Settings(data_dir=tmp / "data", watch_dir=tmp / "watch")
    settings.ensure_dirs()
    db = open_database(settings.db_url)
    return Wiring.default().context(settings, db), db


def report(name: str, tally: Tally, seconds: float) -> None:
    def share(a: int, b: int) -> str:
        return f"{a / b:.3f}" if b else "-"

    per100 = 100 * tally.corrections / max(tally.documents, 1)
    per100_without = 100 * tally.corrections_without / max(tally.documents, 1)
    print(
        f"{name:9s} {tally.documents:4d} docs {len(tally.per_vendor):3d} vendors  "
        f"KEY on 2nd+ docs: learning {share(tally.later_learned, tally.later_labelled)}"
        f"  without {share(tally.later_generic, tally.later_labelled)}   "
        f"corrections/100 docs: learning {per100:.0f}  without {per100_without:.0f}"
        f"   ({seconds:.0f} s)"
    )


def sources(
    args: argparse.Namespace, root: Path, tmp: Path, ctx: Context
) -> Iterator[tuple[str, list[Item]]]:
    if args.source in (None, "world"):
        yield "world", world_items(tmp)
    if args.source in (None, "deepform"):
        yield "deepform", deepform_items(root, ctx, args.per_vendor)
    if args.source in (None, "sroie"):
        yield "sroie", sroie_items(root, args.vendors, args.per_vendor)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("eval_root", type=Path, help="the shared eval folder (holds score.py)")
    ap.add_argument("--source", choices=("world", "deepform", "sroie"))
    ap.add_argument("--per-vendor", type=int, default=5, help="documents per vendor at most")
    ap.add_argument("--vendors", type=int, default=12, help="receipt shops at most")
    ap.add_argument("--verbose", action="store_true", help="print each correction made")
    args = ap.parse_args(argv)
    root = args.eval_root / "dev"
    if not root.is_dir():
        print(f"no labelled documents at {root}", file=sys.stderr)
        return 2
    scorer = load_scorer(args.eval_root)
    total = Tally()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        reader, _ = _context(tmp / "reader")
        for name, items in sources(args, root, tmp, reader):
            start = time.perf_counter()
            ctx, db = _context(tmp / name)
            try:
                tally = replay(scorer, ctx, db, items, args.verbose)
            finally:
                db.dispose()
            report(name, tally, time.perf_counter() - start)
            for attr in (
                "documents",
                "later_labelled",
                "later_learned",
                "later_generic",
                "corrections",
                "corrections_without",
            ):
                setattr(total, attr, getattr(total, attr) + getattr(tally, attr))
            total.per_vendor.update({f"{name}:{k}": v for k, v in tally.per_vendor.items()})
        report("all", total, 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
