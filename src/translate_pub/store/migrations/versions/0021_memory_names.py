"""name_renderings: how approved translations rendered each name, for the names-consistency warning

Revision ID: 0021_memory_names
Revises: 0021_digest_names
Create Date: 2026-12-06 06:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0021_memory_names"
down_revision = "0021_digest_names"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "name_renderings",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("rendering", sa.String(length=64), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["segment_id"],
            ["segments.id"],
            name=op.f("fk_name_renderings_segment_id_segments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "name", "lang", "rendering", "segment_id", name=op.f("pk_name_renderings")
        ),
    )
    op.create_index(
        op.f("ix_name_renderings_segment_id"),
        "name_renderings",
        ["segment_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_name_renderings_segment_id"), table_name="name_renderings")
    op.drop_table("name_renderings")
