"""``intake search``, ``intake reindex`` and ``intake verify``."""

from __future__ import annotations

import json
import sys

import click
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from tqdm import tqdm

from intake.cli.app import cli, open_db, settings_of
from intake.db import Document


@cli.command()
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON lines.")
@click.option("--limit", default=20, show_default=True, help="How many hits to show.")
@click.pass_context
def search(ctx: click.Context, query: str, as_json: bool, limit: int) -> None:
    """Search filed documents: words, vendor:, type:, number:, date:, amount:."""
    from intake.index import SearchIndex

    settings = settings_of(ctx)
    db = open_db(settings)
    index = SearchIndex(settings.index_dir)
    index.sync(db)
    results = index.search(query, pagelen=limit)
    if results.error:
        click.echo(results.error, err=True)
        sys.exit(2)
    ids = [h.id for h in results.hits]
    with db.session() as s:
        docs = {
            d.id: d
            for d in s.scalars(
                select(Document).where(Document.id.in_(ids)).options(selectinload(Document.vendor))
            )
        }
    for hit in results.hits:
        d = docs.get(hit.id)
        if d is None:
            continue
        row = {
            "id": d.id,
            "doc_type": d.doc_type,
            "number": d.number,
            "vendor": d.vendor.name if d.vendor else None,
            "issue_date": d.issue_date.isoformat() if d.issue_date else None,
            "total": str(d.total) if d.total is not None else None,
            "currency": d.currency,
            "file": d.original_name,
            "score": round(hit.score, 3),
        }
        if as_json:
            click.echo(json.dumps(row, ensure_ascii=False))
        else:
            click.echo(
                f"{d.id:>6}  {d.doc_type or '?':<15} {d.number or '-':<20} "
                f"{row['vendor'] or '-':<30} {row['issue_date'] or '-':<10} "
                f"{row['total'] or '-':>12} {d.currency or ''}"
            )
    if not as_json:
        click.echo(f"{results.total} documents match", err=True)


@cli.command()
@click.pass_context
def reindex(ctx: click.Context) -> None:
    """Rebuild the search index from the database."""
    from intake.index import SearchIndex

    settings = settings_of(ctx)
    db = open_db(settings)
    with db.session() as s:
        total = s.scalar(select(func.count(Document.id))) or 0
    with tqdm(total=total, unit="doc", disable=not sys.stderr.isatty()) as bar:
        count = SearchIndex(settings.index_dir).rebuild(db, progress=bar.update)
    click.echo(f"indexed {count} documents")


@cli.command()
@click.pass_context
def verify(ctx: click.Context) -> None:
    """Check that every file is accounted for and every original is unchanged."""
    from intake.index import SearchIndex
    from intake.verify import verify as run_verify

    settings = settings_of(ctx)
    db = open_db(settings)
    with db.session() as s:
        total = s.scalar(select(func.count(Document.id))) or 0
    with tqdm(total=total, unit="doc", disable=not sys.stderr.isatty()) as bar:
        report = run_verify(
            settings, db, index=SearchIndex(settings.index_dir), progress=bar.update
        )
    states = ", ".join(f"{n} {state}" for state, n in sorted(report.by_state.items()))
    click.echo(
        f"{report.documents} documents, {report.ledger_rows} files seen ({states or 'none'})"
    )
    for problem in report.problems:
        click.echo(f"PROBLEM {problem}")
    if not report.ok:
        click.echo(f"{len(report.problems)} problems found", err=True)
        sys.exit(1)
    click.echo("all good")
