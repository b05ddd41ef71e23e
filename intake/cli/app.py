"""The command group and what every command shares."""

from __future__ import annotations

import click

from intake import __version__
from intake.db.engine import Database, open_database
from intake.logs import configure_logging
from intake.settings import Settings, load_settings

__all__ = ["cli", "open_db", "settings_of"]


#: Log levels by the number of ``-v``: warnings only by default.
VERBOSITY = ("WARNING", "INFO", "DEBUG")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="intake")
@click.option(
    "-v",
    "--verbose",
    count=True,
    help="Log more: -v what happens (INFO), -vv everything (DEBUG). Default: warnings only.",
)
@click.pass_context
def cli(ctx: click.Context, verbose: int) -> None:
    """Intake: file invoices, orders, quotes and contracts dropped into folders.

    Settings come from INTAKE_* environment variables or intake.toml (see the README).
    """
    if ctx.obj is None:
        ctx.obj = load_settings()
    ctx.meta["intake.verbose"] = verbose
    configure_logging(VERBOSITY[min(verbose, len(VERBOSITY) - 1)])


def settings_of(ctx: click.Context) -> Settings:
    settings = ctx.find_root().obj
    assert isinstance(settings, Settings)
    return settings


def open_db(settings: Settings) -> Database:
    """The database, closed (its pooled connections too) when the command ends: a server
    database must not be left with connections that only the garbage collector ends."""
    settings.ensure_dirs()
    db = open_database(settings.db_url, busy_timeout=settings.db_busy_timeout)
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.call_on_close(db.dispose)
    return db
