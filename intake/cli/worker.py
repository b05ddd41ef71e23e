"""``intake worker`` and ``intake requeue``: the Celery side of scale-out (:mod:`intake.queue`).

Celery is imported inside the commands, so ``intake --help`` stays light.
"""

from __future__ import annotations

import logging
import os
import socket
from functools import partial
from typing import TYPE_CHECKING, Any

import click

from intake.cli.app import cli, settings_of
from intake.settings import Settings

if TYPE_CHECKING:
    from intake.queue.watchdog import Watchdog

logger = logging.getLogger(__name__)


def _need_broker(settings: Settings) -> None:
    if not settings.broker_url:
        raise click.UsageError(
            "INTAKE_BROKER_URL is not set: the queue needs a broker, e.g."
            " INTAKE_BROKER_URL=redis://localhost:6379/0 (see the README, Scaling out)"
        )


def _received(settings: Settings, watchdog: Watchdog, sender: Any = None, **_: Any) -> None:
    """A task reached this worker. With the fault injection ``INTAKE_CRASH_AT=stall`` (tests),
    a fresh worker's consumer stops taking tasks after its first one: the failure the
    watchdog exists for (:mod:`intake.queue.watchdog`)."""
    from intake.queue.app import QUEUE_NAME
    from intake.queue.watchdog import restarts

    watchdog.received()
    if settings.crash_at == "stall" and not restarts() and sender is not None:
        logger.warning("stall injected: this worker takes no more tasks")
        sender.cancel_task_queue(QUEUE_NAME)


def _start_child(settings: Settings, **_: Any) -> None:
    """A worker child reads untrusted files: the same limits as the in-process workers."""
    from intake.ingest.workers import limit_process

    limit_process(settings)


@cli.command()
@click.option(
    "--concurrency",
    "-c",
    type=click.IntRange(min=1),
    default=None,
    help="Child processes reading files (default: the workers setting; 0 there = one per core).",
)
@click.option("--name", default=None, help="Worker name (default: intake-<pid>@<host>).")
@click.pass_context
def worker(ctx: click.Context, concurrency: int | None, name: str | None) -> None:
    """Read and file queued files: a Celery worker (needs INTAKE_BROKER_URL).

    Run it on any machine that reaches the database, the broker and the data folder.
    Each file it settles is logged (filed, duplicate or quarantined).
    """
    settings = settings_of(ctx)
    _need_broker(settings)
    from celery.signals import task_received, worker_process_init, worker_ready

    from intake.queue.app import QUEUE_NAME, make_app
    from intake.queue.watchdog import Watchdog, restarts

    for folder in (settings.archive_dir, settings.quarantine_dir, settings.duplicates_dir):
        folder.mkdir(parents=True, exist_ok=True)
    app = make_app(settings, tasks=True)
    worker_process_init.connect(partial(_start_child, settings), weak=False)
    watchdog = Watchdog(app, settings)
    worker_ready.connect(lambda **_: watchdog.start(), weak=False)
    task_received.connect(partial(_received, settings, watchdog), weak=False)
    if restarts():
        logger.warning("restarted itself %d times (it had stopped taking tasks)", restarts())
    count = concurrency or settings.worker_count
    argv = [
        "--quiet",  # no banner
        "worker",
        f"--concurrency={count}",
        "--pool=prefork",
        f"--queues={QUEUE_NAME}",
        f"--hostname={name or f'intake-{os.getpid()}@{socket.gethostname()}'}",
        f"--loglevel={settings.log_level}",
        "--without-mingle",
        "--without-gossip",
    ]
    click.echo(f"Intake worker: {count} processes on the queue {QUEUE_NAME!r}")
    app.start(argv)


@cli.command()
@click.pass_context
def requeue(ctx: click.Context) -> None:
    """Queue again each unsettled claim handed to the queue (after a broker lost its data).

    A claim queued twice is filed once: the second task finds it settled.
    """
    settings = settings_of(ctx)
    _need_broker(settings)
    from intake.queue.app import make_app
    from intake.queue.claims import queued_claims
    from intake.queue.dispatch import publish

    app = make_app(settings)
    claims = queued_claims(settings)
    for claim_id in claims:
        publish(app, claim_id)
    app.close()
    click.echo(f"queued {len(claims)} claims again")
