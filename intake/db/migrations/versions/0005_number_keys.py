"""document numbers as compared (number_key), stored and indexed: duplicates, order
references and `number:` search look them up instead of loading every number in Python

Revision ID: 0005numberkeys
Revises: 0004products
Create Date: 2026-12-04 19:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from intake.keys import number_key

revision = "0005numberkeys"
down_revision = "0004products"
branch_labels = None
depends_on = None

COLUMNS = ("number", "po_number", "quote_number")


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch_op:
        for name in COLUMNS:
            batch_op.add_column(sa.Column(f"{name}_key", sa.String(length=200), nullable=True))
        batch_op.create_index("ix_documents_number_key", ["number_key", "vendor_id"])
        batch_op.create_index(batch_op.f("ix_documents_po_number_key"), ["po_number_key"])
        batch_op.create_index(batch_op.f("ix_documents_quote_number_key"), ["quote_number_key"])
    documents = sa.table(
        "documents",
        sa.column("id", sa.Integer),
        *(sa.column(name, sa.String) for name in COLUMNS),
        *(sa.column(f"{name}_key", sa.String) for name in COLUMNS),
    )
    conn = op.get_bind()
    rows = conn.execute(sa.select(documents.c.id, *(documents.c[name] for name in COLUMNS))).all()
    for row in rows:
        keys = {
            f"{name}_key": (number_key(value)[:200] or None) if value else None
            for name, value in zip(COLUMNS, row[1:], strict=True)
        }
        if any(keys.values()):
            conn.execute(documents.update().where(documents.c.id == row[0]).values(**keys))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_quote_number_key"))
        batch_op.drop_index(batch_op.f("ix_documents_po_number_key"))
        batch_op.drop_index("ix_documents_number_key")
        for name in reversed(COLUMNS):
            batch_op.drop_column(f"{name}_key")
