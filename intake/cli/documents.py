"""``intake documents`` and ``intake contracts``: filed documents for scripts, and what
contracts need doing soon."""

from __future__ import annotations

import datetime as dt
import json
import sys

import click

from intake.cli.app import cli, open_db, settings_of
from intake.documents.listing import DocumentFilter, list_documents, show_document
from intake.errors import NotFound
from intake.filing.contract_dates import ContractDates, list_contracts, upcoming
from intake.filing.matching.orders import STATUSES
from intake.record import DOC_TYPES


@cli.group()
def documents() -> None:
    """Filed documents, with their lines, product links and match status."""


def _line(d: dict[str, object]) -> str:
    kind = str(d["doc_type"] or "?").replace("_", " ")
    flags = []
    if d["match_status"]:
        flags.append(str(d["match_status"]))
    if d["duplicate_of"]:
        flags.append(f"duplicate of {d['duplicate_of']}")
    return (
        f"{d['id']:>6}  {kind:<15} {str(d['number'] or '-'):<18} "
        f"{str(d['vendor'] or '-')[:28]:<28} {str(d['issue_date'] or '-'):<10} "
        f"{str(d['total'] or '-'):>12} {d['currency'] or ''}  {', '.join(flags)}"
    )


@documents.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per document and line.")
@click.option("--type", "doc_type", type=click.Choice(DOC_TYPES), help="Only this type.")
@click.option("--vendor", help="Only vendors whose name contains this.")
@click.option("--match-status", type=click.Choice(STATUSES), help="Only invoices with it.")
@click.option("--duplicates", is_flag=True, help="Only documents flagged as duplicates.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Issued on or after.")
@click.option("--limit", default=1000, show_default=True)
@click.pass_context
def documents_list(
    ctx: click.Context,
    as_json: bool,
    doc_type: str | None,
    vendor: str | None,
    match_status: str | None,
    duplicates: bool,
    since: dt.datetime | None,
    limit: int,
) -> None:
    """Filed documents in filing order."""
    db = open_db(settings_of(ctx))
    f = DocumentFilter(
        doc_type=doc_type,
        vendor=vendor,
        match_status=match_status,
        duplicates=duplicates,
        since=since.date() if since else None,
        limit=limit,
    )
    with db.session() as s:
        rows = list_documents(s, f)
    for row in rows:
        click.echo(json.dumps(row, ensure_ascii=False) if as_json else _line(row))


@documents.command("show")
@click.argument("doc_id", type=int, metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="The document as one JSON object.")
@click.pass_context
def documents_show(ctx: click.Context, doc_id: int, as_json: bool) -> None:
    """One filed document with its lines."""
    db = open_db(settings_of(ctx))
    with db.session() as s:
        try:
            row = show_document(s, doc_id)
        except NotFound as exc:
            click.echo(str(exc), err=True)
            sys.exit(1)
    if as_json:
        click.echo(json.dumps(row, ensure_ascii=False, indent=2))
        return
    click.echo(_line(row))
    refs = row["references"]
    if refs["quote_number"] or refs["po_number"]:
        click.echo(
            f"  quote {refs['quote_number'] or '-'}, purchase order {refs['po_number'] or '-'}"
        )
    for i, ln in enumerate(row["lines"], 1):
        link = ln["product_sku"] or "no product"
        how = f" ({ln['match_method']} {ln['match_score']})" if ln["match_method"] else ""
        click.echo(
            f"  {i:>3}. {ln['code'] or '':<12} {ln['description'][:40]:<40} "
            f"{ln['quantity'] or '':>8} x {ln['unit_price'] or '':>10}  -> {link}{how}"
        )


@cli.group()
def contracts() -> None:
    """Contract dates: ends and the last days to give notice."""


def _contract_row(c: ContractDates) -> dict[str, object]:
    return {
        "id": c.document_id,
        "title": c.title,
        "parties": list(c.parties),
        "effective_date": c.effective_date.isoformat() if c.effective_date else None,
        "term": c.term,
        "renewal_term": c.renewal_term,
        "notice_period": c.notice_period,
        "end_date": c.end_date.isoformat() if c.end_date else None,
        "notice_by": c.notice_by.isoformat() if c.notice_by else None,
        "renews": c.renews,
        "renewal_option": c.renewal_option,
        "in_force": c.in_force,
    }


@contracts.command("upcoming")
@click.option("--days", default=90, show_default=True, help="How far ahead to look.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def contracts_upcoming(ctx: click.Context, days: int, as_json: bool) -> None:
    """What needs action within DAYS: notice to give, contracts ending."""
    db = open_db(settings_of(ctx))
    today = dt.date.today()
    with db.session() as s:
        deadlines = upcoming(s, today, days)
    for d in deadlines:
        if as_json:
            row = {"date": d.date.isoformat(), "action": d.action, **_contract_row(d.contract)}
            click.echo(json.dumps(row, ensure_ascii=False))
        else:
            who = " / ".join(d.contract.parties) or "-"
            click.echo(
                f"{d.date}  {d.action:<12} {d.contract.title[:30]:<30} {who[:50]}  "
                f"(in {(d.date - today).days} days; ends {d.contract.end_date or '?'})"
            )
    if not as_json:
        click.echo(f"{len(deadlines)} deadlines in the next {days} days", err=True)


@contracts.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def contracts_list(ctx: click.Context, as_json: bool) -> None:
    """Every filed contract with its end and notice dates."""
    db = open_db(settings_of(ctx))
    with db.session() as s:
        rows = list_contracts(s, dt.date.today())
    for c in rows:
        row = _contract_row(c)
        if as_json:
            click.echo(json.dumps(row, ensure_ascii=False))
        else:
            state = "in force" if c.in_force else "ended"
            click.echo(
                f"{c.document_id:>6}  {c.title[:30]:<30} {state:<9} "
                f"ends {row['end_date'] or '?':<10} notice by {row['notice_by'] or '?'}"
            )
