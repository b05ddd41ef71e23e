"""The ``intake`` command line. Settings are read once here and passed down."""

from __future__ import annotations

import click

from intake import __version__
from intake.cli.app import cli

__all__ = ["cli", "main"]


def main() -> None:
    cli(prog_name="intake")


# Command modules register themselves on ``cli`` when imported.
from intake.cli import (  # noqa: E402,F401
    desk,
    documents,
    export,
    files,
    learning,
    maintenance,
    products,
    run,
    users,
    worker,
)

assert isinstance(cli, click.Group) and __version__
