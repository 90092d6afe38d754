"""mt_leases: translate runs claim the segments they send to the engine, with an expiry

Revision ID: 0014_mt_leases
Revises: 0012_qa
Create Date: 2026-11-29 19:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_mt_leases"
down_revision = "0012_qa"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mt_leases",
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("holder", sa.String(length=32), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["segment_id"],
            ["segments.id"],
            name=op.f("fk_mt_leases_segment_id_segments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("segment_id", "lang", name=op.f("pk_mt_leases")),
    )


def downgrade() -> None:
    op.drop_table("mt_leases")
