"""indexing failures kept per document; files set aside recorded relative to the data folder

Revision ID: 0009indexerrors
Revises: 0008learning
Create Date: 2026-12-04 19:10:00

``documents.index_error``: why the indexer could not index a document (shown on /intake;
the document is tried again when it changes). ``intake_files.stored_path`` held absolute
paths, which a data folder moved elsewhere no longer matches: they become relative to the
data folder (``quarantine/<name>``, ``duplicates/<name>``), the two folders always being
directly in it.
"""

from __future__ import annotations

from pathlib import PurePath

import sqlalchemy as sa
from alembic import op

revision = "0009indexerrors"
down_revision = "0008learning"
branch_labels = None
depends_on = None

SET_ASIDE = ("quarantine", "duplicates")

files = sa.table(
    "intake_files",
    sa.column("id", sa.Integer()),
    sa.column("stored_path", sa.String()),
)


def _relative(stored: str) -> str | None:
    path = PurePath(stored)
    if path.is_absolute() and path.parent.name in SET_ASIDE:
        return f"{path.parent.name}/{path.name}"
    return None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("index_error", sa.Text(), nullable=True))
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(files.c.id, files.c.stored_path).where(files.c.stored_path.is_not(None))
    ).all()
    for row_id, stored in rows:
        relative = _relative(stored)
        if relative is not None:
            conn.execute(files.update().where(files.c.id == row_id).values(stored_path=relative))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("index_error")
