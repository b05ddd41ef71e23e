"""The coordinator's commands: ``intake orders open``, ``intake quotes expiring``,
``intake deadlines``, ``intake products costs``, ``intake rates import``, ``intake spend``
and ``intake users feed-token``."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import click

from intake.cli.app import cli, open_db, settings_of
from intake.cli.products import products
from intake.cli.users import users
from intake.errors import IntakeError, NotFound


def _emit(row: dict[str, Any]) -> None:
    click.echo(json.dumps(row, ensure_ascii=False))


def _as_of(value: dt.date | None) -> dt.date:
    return value or dt.date.today()


TODAY = click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Look from this day (YYYY-MM-DD) instead of today.",
)


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


@cli.group()
def orders() -> None:
    """Purchase orders: what is still to come."""


@orders.command("open")
@click.option("--overdue", is_flag=True, help="Only orders whose delivery date has passed.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@TODAY
@click.pass_context
def orders_open(
    ctx: click.Context, overdue: bool, as_json: bool, today: dt.datetime | None
) -> None:
    """Purchase orders not invoiced in full, soonest delivery first; overdue when the
    delivery date has passed with a quantity still open."""
    from intake.filing.desk import open_orders, order_json

    db = open_db(settings_of(ctx))
    with db.session() as s:
        rows = open_orders(s, _as_of(_day(today)), overdue_only=overdue)
    for o in rows:
        if as_json:
            _emit(order_json(o))
            continue
        flag = "OVERDUE" if o.overdue else ""
        open_lines = sum(1 for ln in o.lines if ln.open > 0)
        click.echo(
            f"{o.delivery_date or '-':<10} {flag:<7} {o.number or o.id!s:<16} "
            f"{(o.vendor or '-')[:30]:<30} {open_lines} of {len(o.lines)} lines open"
        )
    if not as_json:
        click.echo(f"{len(rows)} open orders", err=True)


@cli.group()
def quotes() -> None:
    """Quotes (estimates): which run out soon."""


@quotes.command("expiring")
@click.option("--days", default=30, show_default=True, type=click.IntRange(0, 3660))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@TODAY
@click.pass_context
def quotes_expiring(
    ctx: click.Context, days: int, as_json: bool, today: dt.datetime | None
) -> None:
    """Quotes valid until a day within DAYS (not those expired) that no order refers to."""
    from intake.filing.desk import expiring_quotes, quote_json

    db = open_db(settings_of(ctx))
    with db.session() as s:
        rows = expiring_quotes(s, _as_of(_day(today)), days)
    for q in rows:
        if as_json:
            _emit(quote_json(q))
        else:
            click.echo(
                f"{q.valid_until}  {q.number or q.id!s:<16} {(q.vendor or '-')[:30]:<30} "
                f"{q.days_left} days left"
            )
    if not as_json:
        click.echo(f"{len(rows)} quotes expiring in the next {days} days", err=True)


@cli.command("deadlines")
@click.option("--days", default=30, show_default=True, type=click.IntRange(0, 3660))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@TODAY
@click.pass_context
def deadlines_cmd(ctx: click.Context, days: int, as_json: bool, today: dt.datetime | None) -> None:
    """Every dated duty within DAYS: contract notice and ends, quote expiry, deliveries
    due, payments due (the same as the web's /calendar.ics feed)."""
    from intake.extractors.extraction.roles import company_of
    from intake.filing.desk import deadline_json, deadlines

    settings = settings_of(ctx)
    db = open_db(settings)
    with db.session() as s:
        rows = deadlines(s, _as_of(_day(today)), days, ours=company_of(settings).is_us)
    for d in rows:
        if as_json:
            _emit(deadline_json(d))
        else:
            click.echo(
                f"{d.date}  {d.kind:<15} {d.number or d.document_id!s:<16} "
                f"{(d.vendor or '-')[:28]:<28} {d.what}"
            )
    if not as_json:
        click.echo(f"{len(rows)} deadlines in the next {days} days", err=True)


@products.command("costs")
@click.argument("sku")
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@click.pass_context
def products_costs(ctx: click.Context, sku: str, as_json: bool) -> None:
    """Cost against plan: per vendor and chain, the estimate's, the order's and the
    invoice's unit price, and the invoice's difference to the estimate."""
    from intake.filing.costs import costs_json, product_costs
    from intake.filing.dossier import find_product

    db = open_db(settings_of(ctx))
    with db.session() as s:
        try:
            product = find_product(s, sku)
        except NotFound as exc:
            click.echo(str(exc), err=True)
            sys.exit(1)
        data = costs_json(product.sku, product_costs(s, product.id))
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    click.echo(f"{data['sku']}: unit prices per vendor and chain")
    for r in data["rows"]:
        cells = []
        for part in ("estimate", "order", "invoice"):
            p = r[part]
            cells.append(f"{p['number'] or p['id']} {p['unit_price']}" if p else "-")
        pct = r["invoice_vs_estimate_pct"]
        diff = f"{pct:+.2f} %" if pct is not None else ""
        click.echo(
            f"  {(r['vendor'] or '-')[:26]:<26} {r['currency'] or '':<3}  "
            + "  ->  ".join(f"{c:<22}" for c in cells)
            + f"  {diff}"
        )


@cli.group()
def rates() -> None:
    """Exchange rates for spend reports and amount searches in a currency."""


@rates.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def rates_import(ctx: click.Context, file: Path) -> None:
    """Import rates from FILE: ``date,currency,rate`` (units of the currency per one unit
    of INTAKE_BASE_CURRENCY), or the ECB's reference-rate CSV (against EUR). Exits 1 when
    a row was refused (the others are imported)."""
    from intake.filing.rates import import_rates

    settings = settings_of(ctx)
    db = open_db(settings)
    try:
        with db.session() as s:
            report = import_rates(s, file.read_bytes(), base=settings.base_currency)
    except IntakeError as exc:
        raise click.ClickException(str(exc)) from exc
    for error in report.errors[:50]:
        click.echo(f"refused: {error}", err=True)
    click.echo(
        f"{report.added} rates added, {report.updated} updated, {report.unchanged} unchanged"
        f" ({report.layout} layout)"
    )
    if report.errors:
        sys.exit(1)


@cli.command("spend")
@click.option("--by", type=click.Choice(["vendor", "product", "month"]), default="vendor")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), default=None)
@click.option("--currency", default=None, help="Convert every amount into this currency.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def spend_cmd(
    ctx: click.Context, by: str, since: dt.datetime | None, currency: str | None, as_json: bool
) -> None:
    """Invoiced totals per vendor, product (line amounts) or month; with --currency
    converted at the rates of `intake rates import` (what no rate converts is listed in
    its own currency and reported)."""
    from intake.filing.rates import load_rates
    from intake.filing.spend import spend, spend_json

    if currency is not None and not (len(currency) == 3 and currency.isalpha()):
        raise click.BadParameter("a three-letter code such as EUR", param_hint="--currency")
    db = open_db(settings_of(ctx))
    with db.session() as s:
        result = spend(
            s,
            by=by,
            since=_day(since),
            currency=currency,
            rates=load_rates(s) if currency else None,
        )
    for row in result.rows:
        if as_json:
            _emit(spend_json(row))
        else:
            click.echo(
                f"{row.key[:40]:<40} {row.currency or '?':<3} {row.total:>14,.2f} "
                f"{row.documents:>5} documents"
            )
    if result.unconverted:
        click.echo(
            f"{len(result.unconverted)} documents could not be converted to"
            f" {(currency or '').upper()} (no rate): listed in their own currency",
            err=True,
        )


@users.command("feed-token")
@click.argument("name")
@click.option(
    "--revoke", is_flag=True, help="Revoke NAME's feed token: the feed URL stops working."
)
@click.pass_context
def users_feed_token(ctx: click.Context, name: str, revoke: bool) -> None:
    """Issue a calendar feed token for NAME (replaces the previous one), for
    /calendar.ics?token=...; printed once, alone on the last line."""
    from intake.users import issue_feed_token, revoke_feed_token

    db = open_db(settings_of(ctx))
    try:
        if revoke:
            revoke_feed_token(db, name)
            click.echo(f"feed token of {name} revoked")
            return
        token = issue_feed_token(db, name)
    except IntakeError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"calendar feed for {name}: /calendar.ics?token=<the token below>")
    click.echo(token)
