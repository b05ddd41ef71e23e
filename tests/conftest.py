"""Shared fixtures: real settings in a temp folder, a real SQLite file, real PDFs."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from intake.db import Database, open_database
from intake.extractors import Registry
from intake.pipeline import Context
from intake.settings import Settings
from tests.factory import make_pdf, sample_invoice

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract is not installed"
)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    s = Settings(
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
    return Context(settings, Registry.default(), db)


@pytest.fixture
def invoice_pdf(tmp_path: Path) -> Path:
    return make_pdf(tmp_path / "invoice.pdf", sample_invoice())
