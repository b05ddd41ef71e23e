"""``intake users``: accounts for the web UI and API, and the first admin."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import click
from sqlalchemy.exc import IntegrityError

from intake.cli.app import cli, open_db, settings_of
from intake.db.engine import Database
from intake.errors import IntakeError
from intake.users import (
    ROLES,
    add_user,
    count_users,
    issue_token,
    list_users,
    remove_user,
    revoke_token,
    set_password,
    set_role,
)

#: Where the first admin's password is left when the service's output is not a terminal
#: (a log file, the journal): readable by the service's account only.
FIRST_PASSWORD_FILE = "admin-password"


@cli.group()
def users() -> None:
    """Manage the people (and scripts) that may use the web UI and API."""


def _run(action: Callable[[], object]) -> object:
    try:
        return action()
    except IntakeError as exc:
        raise click.ClickException(str(exc)) from exc


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
    _run(lambda: add_user(db, name, role, password))
    click.echo(f"added {role} {name}")


@users.command("list")
@click.pass_context
def users_list(ctx: click.Context) -> None:
    """Every user with their role and whether they hold an API token."""
    for u in list_users(open_db(settings_of(ctx))):
        click.echo(f"{u.name}\t{u.role}\t{'token' if u.has_token else '-'}")


@users.command("passwd")
@click.argument("name")
@click.option("--password", default=None, help="Asked for when not given.")
@click.pass_context
def users_passwd(ctx: click.Context, name: str, password: str | None) -> None:
    """Set NAME's password; NAME is signed out everywhere."""
    if password is None:
        password = click.prompt("New password", hide_input=True, confirmation_prompt=True)
    db = open_db(settings_of(ctx))
    _run(lambda: set_password(db, name, password))
    click.echo(f"password of {name} changed")


@users.command("role")
@click.argument("name")
@click.argument("role", type=click.Choice(ROLES))
@click.pass_context
def users_role(ctx: click.Context, name: str, role: str) -> None:
    """Give NAME another role (the only admin keeps theirs)."""
    db = open_db(settings_of(ctx))
    _run(lambda: set_role(db, name, role))
    click.echo(f"{name} is now {role}")


@users.command("remove")
@click.argument("name")
@click.pass_context
def users_remove(ctx: click.Context, name: str) -> None:
    """Remove NAME: their sessions and API token stop working (never the only admin)."""
    db = open_db(settings_of(ctx))
    _run(lambda: remove_user(db, name))
    click.echo(f"removed {name}")


@users.command("token")
@click.argument("name")
@click.option("--revoke", is_flag=True, help="Withdraw NAME's token instead.")
@click.pass_context
def users_token(ctx: click.Context, name: str, revoke: bool) -> None:
    """Issue an API token for NAME (replaces the previous one); printed once."""
    db = open_db(settings_of(ctx))
    if revoke:
        had = _run(lambda: revoke_token(db, name))
        click.echo(f"token of {name} revoked" if had else f"{name} had no token")
        return
    click.echo(_run(lambda: issue_token(db, name)))


def make_first_admin(db: Database, data_dir: Path) -> None:
    """With no user yet, create ``admin``. Its password goes to the terminal, and only
    there: when standard output is no terminal (a log file, the journal), it is written to
    ``<data_dir>/admin-password`` (mode 0600) and only that file's name is printed. It
    never passes through logging."""
    if count_users(db):
        return
    try:
        password = add_user(db, "admin", "admin")
    except (IntegrityError, IntakeError):
        return  # a service starting beside this one on the same database made it
    click.echo("No user existed, so one was created.")
    if sys.stdout.isatty():
        click.echo("Write this down; it is shown once:")
        click.echo(f"  user: admin   password: {password}")
        return
    path = data_dir / FIRST_PASSWORD_FILE
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(password + "\n")
    click.echo(f"  user: admin   password: in {path} (read it, then delete the file)")
