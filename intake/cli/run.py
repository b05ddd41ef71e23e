"""``intake run``: the service."""

from __future__ import annotations

import signal
import threading
from types import FrameType

import click

from intake.cli.app import cli, open_db, settings_of
from intake.cli.users import make_first_admin
from intake.logs import configure_logging


@cli.command()
@click.option("--host", default=None, help="Address to listen on (default: the host setting).")
@click.option("--port", type=int, default=None, help="Port to listen on (default: 8000).")
@click.pass_context
def run(ctx: click.Context, host: str | None, port: int | None) -> None:
    """Watch the drop folders, file what arrives, and serve the web UI."""
    from waitress.server import create_server

    from intake.filing.wiring import Wiring
    from intake.ingest.service import Service
    from web import create_app

    settings = settings_of(ctx)
    if not ctx.meta.get("intake.verbose"):
        configure_logging(settings.log_level)  # a service logs at its setting's level
    settings = settings.model_copy(
        update={"host": host or settings.host, "port": settings.port if port is None else port}
    )
    db = open_db(settings)
    make_first_admin(db, settings.data_dir)
    db.dispose()

    wiring = Wiring.default()
    service = Service(wiring.context(settings))
    service.start()
    app = create_app(
        settings=settings, wiring=wiring, submit=service.workers.submit, owner=service.owner
    )
    server = create_server(app, host=settings.host, port=settings.port, threads=8)
    bound_port = server.effective_port
    click.echo(f"Intake is running: http://{settings.host}:{bound_port}/  (Ctrl+C stops it)")
    click.echo(f"Drop files into {settings.watch_dir}/inbox (or invoices/, purchase_orders/, ...)")

    stopping = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        if not stopping.is_set():
            stopping.set()
            server.close()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    try:
        server.run()
    except OSError:
        if not stopping.is_set():
            raise
    finally:
        service.stop()
        click.echo("Intake stopped.")
