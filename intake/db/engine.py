"""Engine and sessions: SQLite tuned for a service by default, any SQLAlchemy URL otherwise."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from intake.db.changes import track_changes

__all__ = ["Database", "open_database"]

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"
BUSY_TIMEOUT_MS = 30_000
#: The PostgreSQL advisory lock that services starting together take while migrating.
MIGRATION_LOCK = 0x1A7A_4E01


def _sqlite_pragmas(busy_timeout_ms: int) -> Any:
    def apply(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        # FULL, not NORMAL: an acknowledged commit must survive power loss, because the
        # input file is removed right after it.
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    return apply


class Database:
    """An engine and its session factory. Create one per process."""

    def __init__(self, url: str, *, busy_timeout: float = BUSY_TIMEOUT_MS / 1000) -> None:
        self.url = url
        parsed = make_url(url)
        kwargs: dict[str, Any] = {}
        if parsed.get_backend_name() == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            kwargs["connect_args"] = {"timeout": busy_timeout}
        else:
            kwargs["pool_pre_ping"] = True
        self.engine: Engine = create_engine(url, **kwargs)
        if parsed.get_backend_name() == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas(int(busy_timeout * 1000)))
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        track_changes(self.sessions)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in a transaction: committed on success, rolled back on error."""
        with self.sessions.begin() as session:
            yield session

    def upgrade(self) -> None:
        """Bring the schema to the newest migration (creating it on a new database)."""
        if self._at_head():
            return  # the usual case: no need to load Alembic (a command starts faster)
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                # Services starting together on a new database: one migrates, the others
                # wait for its commit (DDL is transactional there) and find nothing to do.
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def _at_head(self) -> bool:
        try:
            with self.engine.connect() as conn:
                current = conn.execute(text("SELECT version_num FROM alembic_version")).scalars()
                return set(current) == {_head_revision()}
        except SQLAlchemyError:
            return False  # a new database: no version table yet

    def has_schema(self) -> bool:
        return inspect(self.engine).has_table("documents")

    def dispose(self) -> None:
        self.engine.dispose()


@functools.cache
def _head_revision() -> str:
    """The newest migration: the one revision no other revises (read from the files, as
    Alembic would, without importing it)."""
    revisions, revised = set(), set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text()
        if m := re.search(r'^revision = "([^"]+)"', source, re.M):
            revisions.add(m.group(1))
        revised.update(re.findall(r'^down_revision = "([^"]+)"', source, re.M))
    heads = revisions - revised
    return heads.pop() if len(heads) == 1 else ""


def open_database(
    url: str, *, migrate: bool = True, busy_timeout: float = BUSY_TIMEOUT_MS / 1000
) -> Database:
    """The database at ``url``; ``busy_timeout``: seconds a SQLite statement waits for
    another connection's lock before it fails with "database is locked"."""
    db = Database(url, busy_timeout=busy_timeout)
    if migrate:
        db.upgrade()
    return db
