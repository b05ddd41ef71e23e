"""the coordinator's desk: delivery dates (documents and lines), an index on quotes'
validity, exchange rates, and a calendar feed token per user

Revision ID: 0007desk
Revises: 0006changeseq
Create Date: 2026-12-04 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007desk"
down_revision = "0006changeseq"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("delivery_date", sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f("ix_documents_delivery_date"), ["delivery_date"])
        batch_op.create_index(batch_op.f("ix_documents_valid_until"), ["valid_until"])
    with op.batch_alter_table("line_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("delivery_date", sa.Date(), nullable=True))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("feed_token_hash", sa.String(length=128), nullable=True))
        batch_op.create_index(batch_op.f("ix_users_feed_token_hash"), ["feed_token_hash"])
    op.create_table(
        "exchange_rates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("base", sa.String(length=3), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("rate", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_rates")),
        sa.UniqueConstraint("base", "currency", "date", name=op.f("uq_exchange_rates_base")),
    )


def downgrade() -> None:
    op.drop_table("exchange_rates")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_feed_token_hash"))
        batch_op.drop_column("feed_token_hash")
    with op.batch_alter_table("line_items", schema=None) as batch_op:
        batch_op.drop_column("delivery_date")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_valid_until"))
        batch_op.drop_index(batch_op.f("ix_documents_delivery_date"))
        batch_op.drop_column("delivery_date")
