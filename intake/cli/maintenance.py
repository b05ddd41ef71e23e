"""``intake search``, ``intake reindex`` and ``intake verify``."""

from __future__ import annotations

import dataclasses
import json
import sys

import click
from sqlalchemy import func, select
from tqdm import tqdm

from intake.cli.app import cli, open_db, settings_of
from intake.db.models import Document


@cli.command()
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON lines.")
@click.option("--limit", default=20, show_default=True, help="How many hits to show.")
@click.pass_context
def search(ctx: click.Context, query: str, as_json: bool, limit: int) -> None:
    """Search filed documents: words, vendor:, type:, number:, date:, due:, amount:."""
    import datetime as dt

    from intake.index.store import SearchIndex
    from intake.search.engine import SearchRequest, run_search

    settings = settings_of(ctx)
    db = open_db(settings)
    index = SearchIndex(settings.index_dir)
    index.sync(db)
    with db.session() as s:
        page = run_search(s, index, SearchRequest(q=query, per_page=limit), today=dt.date.today())
    index.close()
    if page.error:
        click.echo(page.error, err=True)
        sys.exit(2)
    for r in page.rows:
        row = {
            "id": r.id,
            "doc_type": r.doc_type,
            "number": r.number,
            "vendor": r.vendor,
            "issue_date": r.issue_date.isoformat() if r.issue_date else None,
            "total": str(r.total) if r.total is not None else None,
            "currency": r.currency,
            "file": r.original_name,
            "score": round(r.score, 3) if r.score is not None else None,
        }
        if as_json:
            click.echo(json.dumps(row, ensure_ascii=False))
        else:
            click.echo(
                f"{r.id:>6}  {r.doc_type or '?':<15} {r.number or '-':<20} "
                f"{r.vendor or '-':<30} {row['issue_date'] or '-':<10} "
                f"{row['total'] or '-':>12} {r.currency or ''}"
            )
    if not as_json:
        click.echo(f"{page.total} documents match", err=True)


@cli.command()
@click.pass_context
def reindex(ctx: click.Context) -> None:
    """Rebuild the search index from the database."""
    from intake.index.store import SearchIndex

    settings = settings_of(ctx)
    db = open_db(settings)
    with db.session() as s:
        total = s.scalar(select(func.count(Document.id))) or 0
    with tqdm(total=total, unit="doc", disable=not sys.stderr.isatty()) as bar:
        count = SearchIndex(settings.index_dir).rebuild(db, progress=bar.update)
    click.echo(f"indexed {count} documents")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
@click.pass_context
def verify(ctx: click.Context, as_json: bool) -> None:
    """Check that every file is accounted for and every original is unchanged."""
    from intake.index.store import SearchIndex
    from intake.ingest.verify import verify as run_verify

    settings = settings_of(ctx)
    db = open_db(settings)
    with db.session() as s:
        total = s.scalar(select(func.count(Document.id))) or 0
    with tqdm(total=total, unit="doc", disable=not sys.stderr.isatty()) as bar:
        report = run_verify(
            settings, db, index=SearchIndex(settings.index_dir), progress=bar.update
        )
    if as_json:
        click.echo(json.dumps(dataclasses.asdict(report) | {"ok": report.ok}))
        sys.exit(0 if report.ok else 1)
    states = ", ".join(f"{n} {state}" for state, n in sorted(report.by_state.items()))
    click.echo(
        f"{report.documents} documents, {report.ledger_rows} files seen ({states or 'none'})"
    )
    for problem in report.problems:
        click.echo(f"PROBLEM {problem}")
    for litter in report.litter:
        click.echo(f"litter  {litter}")
    if not report.ok:
        click.echo(f"{len(report.problems)} problems found", err=True)
        sys.exit(1)
    click.echo("all good")
