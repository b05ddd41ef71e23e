"""``intake documents correct`` and ``intake vendors``: corrections from scripts, and what
Intake learned from them per vendor."""

from __future__ import annotations

import json
import sys

import click

from intake.cli.app import cli, open_db, settings_of
from intake.cli.documents import documents
from intake.errors import Conflict, IntakeError, NotFound
from intake.learning.fields import CORRECTABLE


def _pairs(assignments: tuple[str, ...]) -> dict[str, str]:
    values: dict[str, str] = {}
    for item in assignments:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep:
            raise click.UsageError(f"{item!r}: write FIELD=VALUE")
        if name not in CORRECTABLE:
            raise click.UsageError(f"{name!r} is not a field; one of {', '.join(CORRECTABLE)}")
        values[name] = value
    return values


@documents.command("correct")
@click.argument("doc_id", type=int, metavar="ID")
@click.argument("assignments", nargs=-1, required=True, metavar="FIELD=VALUE...")
@click.option("--user", default="cli", show_default=True, help="Who corrects (for the history).")
@click.option("--json", "as_json", is_flag=True, help="Print the corrected document as JSON.")
@click.pass_context
def documents_correct(
    ctx: click.Context, doc_id: int, assignments: tuple[str, ...], user: str, as_json: bool
) -> None:
    """Correct fields of document ID as the web form does (audited, filed again against
    products, orders and duplicates, re-indexed), and learn from it. An empty VALUE
    clears the field. Exit 2, nothing changed, for an unknown field or a bad value."""
    from intake.documents.corrections.common import InvalidCorrection
    from intake.documents.listing import show_document
    from intake.filing.wiring import Wiring
    from intake.index.store import SearchIndex
    from intake.learning.feedback import correct_document

    values = _pairs(assignments)
    settings = settings_of(ctx)
    db = open_db(settings)
    try:
        with db.session() as s:  # committed on success, rolled back on any error
            changed = correct_document(
                s, doc_id, values, user=user, settings=settings, steps=Wiring.default().filing_steps
            )
    except InvalidCorrection as exc:
        click.echo(f"not corrected: {exc}", err=True)
        sys.exit(2)
    except (NotFound, Conflict) as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    with db.session() as s:
        row = show_document(s, doc_id)
    SearchIndex(settings.index_dir).sync(db)
    if as_json:
        click.echo(json.dumps({"changed": changed, "document": row}, ensure_ascii=False))
    elif changed:
        click.echo(f"document {doc_id}: corrected {', '.join(changed)}")
    else:
        click.echo(f"document {doc_id}: nothing changed")


@cli.group()
def vendors() -> None:
    """Vendors: what Intake learned from corrections of their documents."""


def _rule_line(row: dict[str, object]) -> str:
    how = (
        f"{row['side']} of {row['label']!r}"
        if row["kind"] == "label"
        else ("at its place on the page" if row["kind"] == "page" else f"= {row['value']!r}")
    )
    correction = row["correction"]
    what = "let stand in correction" if row["let_stand"] else "from correction"
    taught = (
        f"{what} {correction['id']} by {correction['user']} on document {row['document_id']}"
        if isinstance(correction, dict)
        else f"from document {row['document_id']}"
    )
    state = "" if row["active"] else "  (weakened)"
    owner = row["vendor"] or f"folder {row['folder']}"
    return (
        f"{row['id']:>5}  {str(owner)[:28]:<28} {row['field']:<15} {how}"
        f"  [{row['hits']}+/{row['misses']}-] {taught}{state}"
    )


@vendors.command("learned")
@click.argument("vendor", required=False)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per rule.")
@click.pass_context
def vendors_learned(ctx: click.Context, vendor: str | None, as_json: bool) -> None:
    """The rules learned (for VENDOR: an id, a name or an alias), with the corrections
    that taught them."""
    from intake.learning.vendors import find_vendor, learned_rows

    db = open_db(settings_of(ctx))
    with db.session() as s:
        try:
            owner = find_vendor(s, vendor) if vendor else None
        except NotFound as exc:
            click.echo(str(exc), err=True)
            sys.exit(1)
        rows = learned_rows(s, owner)
    for row in rows:
        click.echo(json.dumps(row, ensure_ascii=False) if as_json else _rule_line(row))


@vendors.command("template")
@click.argument("vendor")
@click.pass_context
def vendors_template(ctx: click.Context, vendor: str) -> None:
    """VENDOR's learned rules as an invoice2data YAML template."""
    from intake.learning.template import vendor_template
    from intake.learning.vendors import find_vendor

    db = open_db(settings_of(ctx))
    with db.session() as s:
        try:
            click.echo(vendor_template(s, find_vendor(s, vendor)), nl=False)
        except NotFound as exc:
            click.echo(str(exc), err=True)
            sys.exit(1)


@vendors.command("forget")
@click.argument("rule_id", type=int)
@click.option("--user", default="cli", show_default=True)
@click.pass_context
def vendors_forget(ctx: click.Context, rule_id: int, user: str) -> None:
    """Forget the learned rule RULE_ID."""
    from intake.learning.vendors import forget_rule

    db = open_db(settings_of(ctx))
    with db.session() as s:
        try:
            forget_rule(s, rule_id, user=user)
        except NotFound as exc:
            click.echo(str(exc), err=True)
            sys.exit(1)


@vendors.command("merge")
@click.argument("source")
@click.argument("target")
@click.option("--user", default="cli", show_default=True)
@click.pass_context
def vendors_merge(ctx: click.Context, source: str, target: str, user: str) -> None:
    """Merge vendor SOURCE into TARGET (SOURCE's name becomes an alias of TARGET)."""
    from intake.learning.vendors import find_vendor, merge_vendors

    db = open_db(settings_of(ctx))
    try:
        with db.session() as s:
            merged = merge_vendors(
                s, find_vendor(s, source).id, find_vendor(s, target).id, user=user
            ).name
    except IntakeError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    click.echo(f"merged into {merged}")
