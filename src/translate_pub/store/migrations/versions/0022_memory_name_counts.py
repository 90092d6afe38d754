"""name_counts: name_renderings counted per name and rendering, for the editor's one small lookup

Revision ID: 0022_memory_name_counts
Revises: 0021_memory_names
Create Date: 2026-12-06 06:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0022_memory_name_counts"
down_revision = "0021_memory_names"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "name_counts",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("rendering", sa.String(length=64), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "name", "lang", "rendering", name=op.f("pk_name_counts")
        ),
    )
    op.execute(
        "INSERT INTO name_counts (name, lang, rendering, n) SELECT name, lang, rendering, count(*) "
        "FROM name_renderings GROUP BY name, lang, rendering"
    )


def downgrade() -> None:
    op.drop_table("name_counts")
