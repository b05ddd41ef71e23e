"""``intake export``: filed documents to accounting, the export batches, the coding rules."""

from __future__ import annotations

import getpass
import os
import sys
import tempfile
from pathlib import Path

import click

from intake.cli.app import cli, open_db, settings_of
from intake.errors import IntakeError
from intake.export.batches import ExportRequest, ExportResult, batch_file, list_batches, run_export
from intake.export.formats import FORMATS
from intake.export.rules import delete_rule, list_rules, set_rule

DOC_TYPES = ("invoice", "purchase_order", "estimate")


def _user(given: str | None) -> str:
    if given:
        return given
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _write(content: bytes, output: Path | None) -> None:
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    else:
        output.write_bytes(content)


class _FileDelivery:
    """Writes an export's file before its batch is recorded: into a temporary file beside
    ``output`` (so a folder that does not exist fails before anything is recorded), moved
    into place once the batch is committed (:meth:`finish`)."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.temp: Path | None = None

    def __call__(self, result: ExportResult) -> None:
        fd, name = tempfile.mkstemp(prefix=".intake-export-", dir=self.output.parent)
        self.temp = Path(name)
        with os.fdopen(fd, "wb") as fh:
            fh.write(result.content)

    def finish(self) -> None:
        if self.temp is not None:
            self.temp.replace(self.output)
            self.temp = None

    def discard(self) -> None:
        if self.temp is not None:
            self.temp.unlink(missing_ok=True)
            self.temp = None


def _report(result: ExportResult) -> None:
    """What was left out and why, on stderr (stdout carries the file when no -o is given)."""
    for item in result.blocked:
        click.echo(f"NOT EXPORTED document {item.document_id} {item.label}: "
                   f"{'; '.join(item.reasons)}", err=True)  # fmt: skip
    for item in result.held:
        click.echo(f"HELD document {item.document_id} {item.label}: {'; '.join(item.reasons)}",
                   err=True)  # fmt: skip
    for item in result.warned:
        click.echo(f"WARNING document {item.document_id} {item.label}: "
                   f"{'; '.join(item.reasons)}", err=True)  # fmt: skip
    for changed in result.changed:
        click.echo(
            f"CHANGED document {changed.document_id} {changed.label} since export batch "
            f"{changed.batch_id}: send it again with --again {changed.batch_id}",
            err=True,
        )


@cli.group(invoke_without_command=True)
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), help="The target format.")
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Only documents issued on or after this date (YYYY-MM-DD).",
)
@click.option(
    "--type", "doc_type", type=click.Choice(DOC_TYPES), default="invoice", show_default=True
)
@click.option(
    "--lines/--no-lines",
    default=None,
    help="CSV: one row per line item, not per document (with --again: as BATCH was).",
)
@click.option("--again", type=int, metavar="BATCH", help="Export the documents of BATCH again.")
@click.option(
    "--document",
    "document_ids",
    type=int,
    multiple=True,
    metavar="ID",
    help="With --again: only this document of the batch (repeatable).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the file here (default: standard output).",
)
@click.option("--user", default=None, help="Recorded as the exporter (default: cli:<login>).")
@click.pass_context
def export(
    ctx: click.Context,
    fmt: str | None,
    since: object,
    doc_type: str,
    lines: bool | None,
    again: int | None,
    document_ids: tuple[int, ...],
    output: Path | None,
    user: str | None,
) -> None:
    """Export filed invoices that were not exported before, and record the batch.

    Flagged documents (duplicates) are held back; documents lacking an account or tax code
    (or a value the format needs) are listed and not exported, and the exit code is 1.
    See also: export batches, export get, export accounts.
    """
    if ctx.invoked_subcommand is not None:
        return
    if fmt is None and again is None:
        raise click.UsageError("give --format FORMAT (or --again BATCH)")
    if document_ids and again is None:
        raise click.UsageError("--document ID goes with --again BATCH")
    settings = settings_of(ctx)
    db = open_db(settings)
    request = ExportRequest(
        format=fmt or "",
        since=since.date() if since is not None else None,  # type: ignore[attr-defined]
        doc_type=doc_type,
        lines=lines,
        again=again,
        document_ids=document_ids,
    )
    delivery = _FileDelivery(output) if output is not None else None
    try:
        result = run_export(db, settings, request, _user(user), delivery)
    except BaseException as exc:
        if delivery is not None:
            delivery.discard()
        if isinstance(exc, IntakeError):
            raise click.ClickException(str(exc)) from exc
        if isinstance(exc, OSError):
            raise click.ClickException(
                f"cannot write {output}: {exc.strerror or exc}; nothing was exported"
            ) from exc
        raise
    if delivery is not None:
        try:
            delivery.finish()
        except OSError as exc:
            delivery.discard()
            raise click.ClickException(
                f"cannot write {output}: {exc.strerror or exc}; export batch"
                f" {result.batch_id} is recorded: write it with"
                f" intake export get {result.batch_id} -o FILE"
            ) from exc
    _report(result)
    if result.empty:
        click.echo(f"nothing to export as {result.format}", err=True)
    else:
        if output is None:
            _write(result.content, None)
        where = f" to {output}" if output else ""
        click.echo(
            f"export batch {result.batch_id}: {len(result.document_ids)} documents "
            f"as {result.format}{where}",
            err=True,
        )
    if result.blocked:
        sys.exit(1)


@export.command("batches")
@click.option("--limit", default=20, show_default=True, help="How many batches to list.")
@click.pass_context
def export_batches(ctx: click.Context, limit: int) -> None:
    """List the latest export batches."""
    db = open_db(settings_of(ctx))
    for b in list_batches(db, limit):
        again = f" (again of {b.again_of_id})" if b.again_of_id else ""
        click.echo(
            f"{b.id:>5}  {b.created_at:%Y-%m-%d %H:%M}  {b.format:<5} "
            f"{b.document_count:>5} documents  {b.user}{again}"
        )


@export.command("get")
@click.argument("batch", type=int)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def export_get(ctx: click.Context, batch: int, output: Path | None) -> None:
    """Write the file of export batch BATCH again, byte for byte as it was handed out."""
    db = open_db(settings_of(ctx))
    try:
        _name, _type, content = batch_file(db, batch)
    except IntakeError as exc:
        raise click.ClickException(str(exc)) from exc
    _write(content, output)


@export.group("accounts")
def accounts() -> None:
    """The default account and tax code per vendor and per product category."""


def _check_target(vendor: str | None, category: str | None) -> None:
    if (vendor is None) == (category is None):
        raise click.UsageError("give exactly one of --vendor NAME or --category NAME")


@accounts.command("list")
@click.pass_context
def accounts_list(ctx: click.Context) -> None:
    """List the rules."""
    db = open_db(settings_of(ctx))
    for r in list_rules(db):
        extra = " ".join(
            f"{k}={v}" for k, v in (("country", r.country), ("vat", r.vat_id),
                                    ("endpoint", r.endpoint)) if v
        )  # fmt: skip
        click.echo(
            f"{r.scope:<40} account={r.account or '-':<12} tax={r.tax_code or '-'}"
            + (f"  {extra}" if extra else "")
        )


@accounts.command("set")
@click.option("--vendor", help="The vendor's name, as filed.")
@click.option("--category", help="A product category.")
@click.option("--account", help="Account code (or name, for QuickBooks).")
@click.option("--tax-code", help="Tax code or tax rate name as the target knows it.")
@click.option("--country", help="Vendor only, for UBL: ISO country code.")
@click.option("--vat-id", help="Vendor only, for UBL: its VAT number.")
@click.option("--endpoint", help="Vendor only, for UBL: its Peppol endpoint, scheme:id.")
@click.option("--user", default=None, help="Recorded in the audit log (default: cli:<login>).")
@click.pass_context
def accounts_set(
    ctx: click.Context,
    vendor: str | None,
    category: str | None,
    account: str | None,
    tax_code: str | None,
    country: str | None,
    vat_id: str | None,
    endpoint: str | None,
    user: str | None,
) -> None:
    """Set (or change) the rule of a vendor or a category; an empty value clears one."""
    _check_target(vendor, category)
    db = open_db(settings_of(ctx))
    values = {"account": account, "tax_code": tax_code, "country": country}
    values |= {"vat_id": vat_id, "endpoint": endpoint}
    if not any(v is not None for v in values.values()):
        raise click.UsageError("give at least one of --account, --tax-code, ... to set")
    try:
        rule = set_rule(db, vendor=vendor, category=category, user=_user(user), **values)
    except IntakeError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{rule.scope}: account={rule.account or '-'} tax={rule.tax_code or '-'}")


@accounts.command("unset")
@click.option("--vendor", help="The vendor's name, as filed.")
@click.option("--category", help="A product category.")
@click.option("--user", default=None)
@click.pass_context
def accounts_unset(
    ctx: click.Context, vendor: str | None, category: str | None, user: str | None
) -> None:
    """Remove the rule of a vendor or a category."""
    _check_target(vendor, category)
    db = open_db(settings_of(ctx))
    try:
        delete_rule(db, vendor=vendor, category=category, user=_user(user))
    except IntakeError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo("removed")
