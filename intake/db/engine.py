"""Engine and sessions: SQLite tuned for a service by default, any SQLAlchemy URL otherwise."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
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
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                # Services starting together on a new database: one migrates, the others
                # wait for its commit (DDL is transactional there) and find nothing to do.
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def has_schema(self) -> bool:
        return inspect(self.engine).has_table("documents")

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(
    url: str, *, migrate: bool = True, busy_timeout: float = BUSY_TIMEOUT_MS / 1000
) -> Database:
    """The database at ``url``; ``busy_timeout``: seconds a SQLite statement waits for
    another connection's lock before it fails with "database is locked"."""
    db = Database(url, busy_timeout=busy_timeout)
    if migrate:
        db.upgrade()
    return db
