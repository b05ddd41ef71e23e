"""filing against products: matching memory, invoice-versus-order matches, products named
in contracts, people's decisions on duplicates

Revision ID: 0004products
Revises: 0003export
Create Date: 2026-11-26 02:35:18.521014
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004products"
down_revision = "0003export"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "match_memory",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vendor_id", sa.Integer(), nullable=True),
        sa.Column("key", sa.String(length=520), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("user", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_match_memory_product_id_products"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["vendors.id"],
            name=op.f("fk_match_memory_vendor_id_vendors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match_memory")),
    )
    with op.batch_alter_table("match_memory", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_match_memory_product_id"), ["product_id"], unique=False
        )
        batch_op.create_index("ix_match_memory_vendor_key", ["vendor_id", "key"], unique=False)

    op.create_table(
        "contract_products",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("evidence", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_contract_products_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_contract_products_product_id_products"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract_products")),
        sa.UniqueConstraint(
            "document_id", "product_id", name=op.f("uq_contract_products_document_id")
        ),
    )
    with op.batch_alter_table("contract_products", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contract_products_product_id"), ["product_id"], unique=False
        )

    op.create_table(
        "duplicate_decisions",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("user", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_duplicate_decisions_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_duplicate_decisions")),
    )
    op.create_table(
        "order_matches",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("checked_at", sa.DateTime(), nullable=False),
        sa.Column("accepted_by", sa.String(length=200), nullable=True),
        sa.Column("accepted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_order_matches_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["documents.id"],
            name=op.f("fk_order_matches_order_id_documents"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_order_matches")),
    )
    with op.batch_alter_table("order_matches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_order_matches_order_id"), ["order_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_order_matches_status"), ["status"], unique=False)

    op.create_table(
        "order_line_matches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("line_id", sa.Integer(), nullable=False),
        sa.Column("order_line_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_order_line_matches_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["line_id"],
            ["line_items.id"],
            name=op.f("fk_order_line_matches_line_id_line_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["order_line_id"],
            ["line_items.id"],
            name=op.f("fk_order_line_matches_order_line_id_line_items"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_line_matches")),
        sa.UniqueConstraint("line_id", name=op.f("uq_order_line_matches_line_id")),
    )
    with op.batch_alter_table("order_line_matches", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_order_line_matches_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_order_line_matches_order_line_id"), ["order_line_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("order_line_matches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_order_line_matches_order_line_id"))
        batch_op.drop_index(batch_op.f("ix_order_line_matches_document_id"))

    op.drop_table("order_line_matches")
    with op.batch_alter_table("order_matches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_order_matches_status"))
        batch_op.drop_index(batch_op.f("ix_order_matches_order_id"))

    op.drop_table("order_matches")
    op.drop_table("duplicate_decisions")
    with op.batch_alter_table("contract_products", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contract_products_product_id"))

    op.drop_table("contract_products")
    with op.batch_alter_table("match_memory", schema=None) as batch_op:
        batch_op.drop_index("ix_match_memory_vendor_key")
        batch_op.drop_index(batch_op.f("ix_match_memory_product_id"))

    op.drop_table("match_memory")
