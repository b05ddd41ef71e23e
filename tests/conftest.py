"""Shared fixtures: real settings in a temp folder, a real SQLite file (or, with
INTAKE_TEST_POSTGRES=1, a database on a throwaway PostgreSQL cluster), real PDFs."""

from __future__ import annotations

import os
import queue
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from intake.db.engine import Database, open_database
from intake.filing.wiring import Wiring
from intake.ingest.stages import Context
from intake.settings import Settings
from intake.users import add_user
from tests.factory import make_pdf, sample_invoice
from tests.live import Running, read_lines, start_intake, stop_intake, wait_for
from tests.pg import Cluster, PostgresUnavailable
from tests.webtools import PASSWORD
from web import create_app

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract is not installed"
)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """A PostgreSQL server for the whole run. Its absence fails the tests that need it,
    unless INTAKE_SKIP_POSTGRES=1 says this machine has none (never set in CI)."""
    try:
        cluster = Cluster()
        cluster.start()
    except PostgresUnavailable as exc:
        if os.environ.get("INTAKE_SKIP_POSTGRES") == "1":
            pytest.skip(f"PostgreSQL unavailable and INTAKE_SKIP_POSTGRES=1: {exc}")
        pytest.fail(f"PostgreSQL could not be started: {exc}", pytrace=False)
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> Iterator[str]:
    """The SQLAlchemy URL of a new, empty PostgreSQL database for one test."""
    url = pg_cluster.new_database()
    yield url
    pg_cluster.drop_database(url)


@pytest.fixture
def database_url(request: pytest.FixtureRequest) -> str:
    """Empty (SQLite in the data folder) unless the run is on PostgreSQL."""
    if request.node.get_closest_marker("postgres") or (
        os.environ.get("INTAKE_TEST_POSTGRES") == "1"
    ):
        return str(request.getfixturevalue("pg_url"))
    return ""


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    s = Settings(
        database_url=database_url,
        data_dir=tmp_path / "data",
        watch_dir=tmp_path / "watch",
        settle_seconds=0.3,
        rescan_seconds=2.0,
        workers=2,
        file_timeout=60,
        memory_limit_mb=0,
    )
    s.ensure_dirs()
    return s


@pytest.fixture
def db(settings: Settings) -> Iterator[Database]:
    database = open_database(settings.db_url)
    yield database
    database.dispose()


@pytest.fixture
def ctx(settings: Settings, db: Database) -> Context:
    return Wiring.default().context(settings, db)


@pytest.fixture
def invoice_pdf(tmp_path: Path) -> Path:
    return make_pdf(tmp_path / "invoice.pdf", sample_invoice())


@pytest.fixture
def app(ctx: Context) -> Iterator[Flask]:
    """The web app on the test's database and index, with a viewer (vera), an editor (ed)
    and an admin (ada)."""
    add_user(ctx.db, "vera", "viewer", PASSWORD)
    add_user(ctx.db, "ed", "editor", PASSWORD)
    add_user(ctx.db, "ada", "admin", PASSWORD)
    app = create_app({"TESTING": True}, settings=ctx.settings)
    yield app
    app.extensions["intake"]["db"].dispose()


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Running]:
    env = {
        "INTAKE_DATA_DIR": str(tmp_path / "data"),
        "INTAKE_WATCH_DIR": str(tmp_path / "watch_folders"),
        "INTAKE_PORT": "0",
        "INTAKE_SETTLE_SECONDS": "0.5",
        "INTAKE_POLLING": "contracts",
        "INTAKE_POLL_INTERVAL": "0.3",
    }
    proc = start_intake(env, tmp_path)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=read_lines, args=(proc, lines), daemon=True).start()
    try:
        # Its output is no terminal: the first password is in a file, never in the output.
        said = wait_for(lines, r"user: admin\s+password: in (\S+) ")
        password = Path(said.group(1)).read_text().strip()
        assert password and password not in said.string
        url = wait_for(lines, r"Intake is running: (http://\S+/)").group(1)
        yield Running(proc, url, password, tmp_path / "watch_folders", tmp_path / "data", lines)
    finally:
        stop_intake(proc, timeout=30)
