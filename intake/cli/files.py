"""``intake ingest`` and ``intake extract``: the pipeline on files named on the command line."""

from __future__ import annotations

import json
import sys
from collections import Counter
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import click
from tqdm import tqdm

from intake.cli.app import cli, open_db, settings_of
from intake.errors import IntakeError

if TYPE_CHECKING:
    from intake.ingest.pipeline import Outcome


def _expand(paths: tuple[Path, ...]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file()))
        else:
            out.append(p)
    return out


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per file.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...], as_json: bool) -> None:
    """File the given files (or folders) now, through the same pipeline as the watcher.

    The files given are copied in and left where they are.
    """
    # The readers, the pipeline and the index are imported here, not with the CLI: `intake
    # --help` and the listing commands start without numpy, PDFium or tesseract.
    from intake.filing.wiring import Wiring
    from intake.index.store import SearchIndex
    from intake.ingest.ledger import claim_copy
    from intake.ingest.workers import Workers

    settings = settings_of(ctx)
    db = open_db(settings)
    files = _expand(paths)
    outcomes: list[Outcome] = []
    bar = tqdm(total=len(files), unit="file", disable=as_json or not sys.stderr.isatty())

    def done(outcome: Outcome) -> None:
        outcomes.append(outcome)
        bar.update(1)

    workers = Workers(Wiring.default().context(settings, db), on_done=done)
    try:
        for f in files:
            workers.submit(claim_copy(settings, db, f, owner=workers.owner.id))
        workers.wait()
    finally:
        workers.close()
        bar.close()
    SearchIndex(settings.index_dir).sync(db)
    counts = Counter(o.state for o in outcomes)
    if as_json:
        for o in outcomes:
            click.echo(
                json.dumps(
                    {
                        "file": o.name,
                        "state": o.state,
                        "document_id": o.document_id,
                        "reason": o.reason,
                    }
                )
            )
        # The last line: what the whole run came to (a reader need not count lines).
        tally = {state: counts.get(state, 0) for state in ("filed", "duplicate", "quarantined")}
        click.echo(json.dumps({"summary": {"files": len(outcomes), **tally, **counts}}))
    else:
        for o in outcomes:
            if o.state == "quarantined":
                click.echo(f"quarantined {o.name}: {o.reason}", err=True)
        summary = ", ".join(f"{n} {state}" for state, n in sorted(counts.items()))
        click.echo(f"{len(outcomes)} files: {summary}")
    if counts.get("quarantined"):
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line (the default).")
@click.pass_context
def extract(ctx: click.Context, paths: tuple[Path, ...], as_json: bool) -> None:
    """Read, classify and extract fields without filing anything.

    Prints {"file", "doc_type", "fields", "confidence", ...} per file, one per line.
    """
    from intake.extractors.base import Registry
    from intake.ingest.stages import Context, extract_path
    from intake.ingest.workers import map_in_workers

    settings = settings_of(ctx)
    files = [str(f) for f in _expand(paths)]
    failed = 0
    bar = tqdm(total=len(files), unit="file", disable=not sys.stderr.isatty())
    results = map_in_workers(
        settings,
        partial(extract_path, Context(settings, Registry.default())),
        files,
        timeout=settings.file_timeout,
    )
    for file, result in results:
        bar.update(1)
        if isinstance(result, BaseException):
            failed += 1
            reason = str(result) if isinstance(result, IntakeError) else repr(result)
            click.echo(
                json.dumps(
                    {
                        "file": file,
                        "doc_type": None,
                        "fields": {},
                        "confidence": 0.0,
                        "error": reason,
                    }
                )
            )
        else:
            click.echo(json.dumps(result, ensure_ascii=False))
    bar.close()
    if failed:
        click.echo(f"{failed} of {len(files)} files could not be read", err=True)
