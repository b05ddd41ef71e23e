"""export batches, their items, and the coding rules (accounts and tax codes)

Revision ID: 0003export
Revises: 0001
Create Date: 2026-11-26 01:02:53.389568
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import intake.db.types

revision = "0003export"
down_revision = "0002web"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "export_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("user", sa.String(length=200), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("again_of_id", sa.Integer(), nullable=True),
        sa.Column("document_count", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["again_of_id"],
            ["export_batches.id"],
            name=op.f("fk_export_batches_again_of_id_export_batches"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_export_batches")),
    )
    with op.batch_alter_table("export_batches", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_export_batches_created_at"), ["created_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_export_batches_format"), ["format"], unique=False)

    op.create_table(
        "export_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vendor_id", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=200), nullable=True),
        sa.Column("account", sa.String(length=100), nullable=True),
        sa.Column("tax_code", sa.String(length=100), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("vat_id", sa.String(length=50), nullable=True),
        sa.Column("endpoint", sa.String(length=200), nullable=True),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(vendor_id IS NULL) <> (category IS NULL)", name=op.f("ck_export_rules_one_scope")
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["vendors.id"],
            name=op.f("fk_export_rules_vendor_id_vendors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_export_rules")),
        sa.UniqueConstraint("category", name=op.f("uq_export_rules_category")),
        sa.UniqueConstraint("vendor_id", name=op.f("uq_export_rules_vendor_id")),
    )
    op.create_table(
        "export_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("again", sa.Boolean(), nullable=False),
        sa.Column("document_updated_at", sa.DateTime(), nullable=False),
        sa.Column("total", intake.db.types.Money(), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["export_batches.id"],
            name=op.f("fk_export_items_batch_id_export_batches"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_export_items_document_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_export_items")),
        sa.UniqueConstraint("batch_id", "document_id", name=op.f("uq_export_items_batch_id")),
    )
    with op.batch_alter_table("export_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_export_items_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(
            "ux_export_items_once",
            ["format", "document_id"],
            unique=True,
            sqlite_where=sa.text("NOT again"),
            postgresql_where=sa.text("NOT again"),
        )


def downgrade() -> None:
    with op.batch_alter_table("export_items", schema=None) as batch_op:
        batch_op.drop_index("ux_export_items_once")
        batch_op.drop_index(batch_op.f("ix_export_items_document_id"))

    op.drop_table("export_items")
    op.drop_table("export_rules")
    with op.batch_alter_table("export_batches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_export_batches_format"))
        batch_op.drop_index(batch_op.f("ix_export_batches_created_at"))

    op.drop_table("export_batches")
