"""revisions.page: the editor page (one browser tab's load) a save came from; only its own consecutive
saves of one segment merge into one History row

Revision ID: 0023_wf_revision_page
Revises: 0022_memory_name_counts
Create Date: 2026-12-06 06:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0023_wf_revision_page"
down_revision = "0022_memory_name_counts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "revisions",
        sa.Column("page", sa.String(length=64), nullable=False, server_default=""),
    )


def downgrade() -> None:
    with op.batch_alter_table("revisions") as batch:
        batch.drop_column("page")
