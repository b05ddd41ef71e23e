"""``intake users``: accounts for the web UI and API."""

from __future__ import annotations

import click

from intake.cli.app import cli, open_db, settings_of
from intake.errors import IntakeError
from intake.users import ROLES, add_user, issue_token


@cli.group()
def users() -> None:
    """Manage the people (and scripts) that may use the web UI and API."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), default="viewer", show_default=True)
@click.option("--password", default=None, help="Asked for when not given.")
@click.pass_context
def users_add(ctx: click.Context, name: str, role: str, password: str | None) -> None:
    """Add a user. Viewers read and search; editors also correct, review and export."""
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    db = open_db(settings_of(ctx))
    try:
        add_user(db, name, role, password)
    except IntakeError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"added {role} {name}")


@users.command("token")
@click.argument("name")
@click.pass_context
def users_token(ctx: click.Context, name: str) -> None:
    """Issue an API token for NAME (replaces the previous one); printed once."""
    db = open_db(settings_of(ctx))
    try:
        click.echo(issue_token(db, name))
    except IntakeError as exc:
        raise click.ClickException(str(exc)) from exc
