"""the documents' change sequence, so that every search index catches up by itself

Revision ID: 0006changeseq
Revises: 0005numberkeys
Create Date: 2026-12-04 19:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006changeseq"
down_revision = "0005numberkeys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    counters = op.create_table(
        "change_counters",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_change_counters")),
    )
    op.bulk_insert(counters, [{"name": "documents", "value": 0}])
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("change_seq", sa.BigInteger(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.alter_column("change_seq", server_default=None)
        batch_op.create_index(batch_op.f("ix_documents_change_seq"), ["change_seq"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_change_seq"))
        batch_op.drop_column("change_seq")
    op.drop_table("change_counters")
