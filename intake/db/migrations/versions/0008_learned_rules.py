"""learning from corrections: rules learned per vendor and drop folder, signs that
recognise a vendor

Revision ID: 0008learning
Revises: 0007desk
Create Date: 2026-12-04 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008learning"
down_revision = "0007desk"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "learned_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vendor_id", sa.Integer(), nullable=True),
        sa.Column("folder", sa.String(length=1024), nullable=True),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.Column("misses", sa.Integer(), nullable=False),
        sa.Column("audit_id", sa.Integer(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["audit_id"],
            ["audit_log.id"],
            name=op.f("fk_learned_rules_audit_id_audit_log"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["vendors.id"],
            name=op.f("fk_learned_rules_vendor_id_vendors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learned_rules")),
    )
    with op.batch_alter_table("learned_rules", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_learned_rules_vendor_id"), ["vendor_id"])

    op.create_table(
        "vendor_signs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vendor_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("audit_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["audit_id"],
            ["audit_log.id"],
            name=op.f("fk_vendor_signs_audit_id_audit_log"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["vendors.id"],
            name=op.f("fk_vendor_signs_vendor_id_vendors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vendor_signs")),
        sa.UniqueConstraint("kind", "key", name="uq_vendor_signs_kind_key"),
    )
    with op.batch_alter_table("vendor_signs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vendor_signs_vendor_id"), ["vendor_id"])


def downgrade() -> None:
    with op.batch_alter_table("vendor_signs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vendor_signs_vendor_id"))
    op.drop_table("vendor_signs")
    with op.batch_alter_table("learned_rules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_learned_rules_vendor_id"))
    op.drop_table("learned_rules")
