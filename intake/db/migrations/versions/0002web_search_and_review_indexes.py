"""search and review indexes: facet columns, amount, due date, confidence

Revision ID: 0002web
Revises: 0001
Create Date: 2026-11-26 01:08:38.682379
"""

from __future__ import annotations

from alembic import op

revision = "0002web"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index(
            "ix_documents_facets",
            ["doc_type", "issue_date", "vendor_id", "total", "due_date"],
            unique=False,
        )
        batch_op.create_index("ix_documents_confidence", ["confidence"], unique=False)
        batch_op.create_index("ix_documents_duplicate_of_id", ["duplicate_of_id"], unique=False)
        batch_op.create_index("ix_documents_due_date", ["due_date"], unique=False)
        batch_op.create_index("ix_documents_total", ["total"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index("ix_documents_duplicate_of_id")
        batch_op.drop_index("ix_documents_total")
        batch_op.drop_index("ix_documents_due_date")
        batch_op.drop_index("ix_documents_confidence")
        batch_op.drop_index("ix_documents_facets")
