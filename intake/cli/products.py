"""``intake products``: import the catalog, show a product's dossier, match filed lines."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import sys
from pathlib import Path

import click

from intake.cli.app import cli, open_db, settings_of
from intake.errors import NotFound
from intake.filing.catalog import list_products
from intake.filing.catalog_import import import_catalog
from intake.filing.dossier import dossier_json, find_product, product_dossier
from intake.filing.matching.steps import rematch
from intake.filing.wiring import Wiring


def _user() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


@cli.group()
def products() -> None:
    """The product catalog, and what was filed against it."""


@products.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--no-match", is_flag=True, help="Do not link filed lines to the new catalog.")
@click.pass_context
def products_import(ctx: click.Context, file: Path, no_match: bool) -> None:
    """Create or update products from a CSV file (sku,name[,unit,category,aliases]).

    Products are updated by SKU; nothing is deleted and no filed link is dropped. Then
    filed lines without a product are matched against the catalog again. Exits 1 when a
    row was refused (the others are imported).
    """
    settings = settings_of(ctx)
    db = open_db(settings)
    with db.session() as s:
        report = import_catalog(s, file.read_bytes(), user=_user())
    for error in report.errors:
        click.echo(f"refused: {error}", err=True)
    click.echo(
        f"{report.created} products added, {report.updated} updated, {report.unchanged} "
        f"unchanged, {report.aliases_added} aliases added"
    )
    if not no_match and report.rows:
        with db.session() as s:
            count = rematch(s, settings, Wiring.default().filing_steps)
        click.echo(f"matched the lines of {count} documents again")
    if report.errors:
        sys.exit(1)


@products.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option("-q", "query", default="", help="Only products whose SKU, name or alias has this.")
@click.pass_context
def products_list(ctx: click.Context, as_json: bool, query: str) -> None:
    """The catalog, with how many filed lines each product has."""
    db = open_db(settings_of(ctx))
    with db.session() as s:
        total, rows = list_products(s, q=query, limit=100_000)
    for r in rows:
        if as_json:
            click.echo(json.dumps(r.__dict__, ensure_ascii=False))
        else:
            click.echo(f"{r.sku:<20} {r.name[:50]:<50} {r.category or '-':<16} {r.lines:>6} lines")
    if not as_json:
        click.echo(f"{total} products", err=True)


@products.command("show")
@click.argument("sku")
@click.option("--json", "as_json", is_flag=True, help="The whole dossier as one JSON object.")
@click.pass_context
def products_show(ctx: click.Context, sku: str, as_json: bool) -> None:
    """A product's dossier: documents, price history, open orders, contracts in force."""
    db = open_db(settings_of(ctx))
    with db.session() as s:
        try:
            product = find_product(s, sku)
        except NotFound as exc:
            click.echo(str(exc), err=True)
            sys.exit(1)
        data = dossier_json(product_dossier(s, product.id, dt.date.today()))
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"{data['sku']}  {data['name']}  ({data['category'] or 'no category'})")
    if data["aliases"]:
        click.echo(f"  also known as: {'; '.join(data['aliases'])}")
    click.echo("\nDocuments")
    for d in data["documents"]:
        kind = (d["doc_type"] or "?").replace("_", " ")
        click.echo(
            f"  {d['issue_date'] or '-':<10} {kind:<15} {d['number'] or d['id']!s:<18} "
            f"{(d['vendor'] or '-')[:28]:<28} {d['quantity'] or '':>8} x "
            f"{d['unit_price'] or '':>10} {d['currency'] or ''}"
            + (f"  duplicate of {d['duplicate_of']}" if d["duplicate_of"] else "")
        )
    click.echo("\nPrice history")
    for series in data["price_history"]:
        prices = ", ".join(f"{p['date']} {p['unit_price']}" for p in series["points"])
        click.echo(f"  {series['vendor']} ({series['currency'] or '?'}): {prices}")
    click.echo("\nOpen purchase orders")
    for o in data["open_orders"]:
        click.echo(
            f"  {o['number'] or o['id']} {o['vendor'] or '-'}: ordered {o['ordered']}, "
            f"invoiced {o['invoiced']}, {o['open']} open"
        )
    click.echo("\nContracts in force")
    for c in data["contracts"]:
        click.echo(
            f"  {c['title']} ({c['relation']}): ends {c['end_date'] or '?'}, "
            f"notice by {c['notice_by'] or '?'}"
        )


@products.command("match")
@click.option("--all", "everything", is_flag=True, help="Every document, not only unlinked.")
@click.pass_context
def products_match(ctx: click.Context, everything: bool) -> None:
    """Match filed documents against the catalog again (links people made are kept),
    flag duplicates and check invoices against their orders."""
    settings = settings_of(ctx)
    db = open_db(settings)
    with db.session() as s:
        count = rematch(s, settings, Wiring.default().filing_steps, everything=everything)
    click.echo(f"matched {count} documents")
