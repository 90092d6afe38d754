"""translations.qa dropped: the QA issues stored with a draft or a save were read nowhere; the review
app checks every text afresh (the editor, saves, live checks and the approval gate)

Revision ID: 0024_wf_drop_translation_qa
Revises: 0023_wf_revision_page
Create Date: 2026-12-06 06:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0024_wf_drop_translation_qa"
down_revision = "0023_wf_revision_page"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite (3.35+) and PostgreSQL both drop a plain column in place; a batch copy would rebuild the
    # table under the full-text triggers and foreign keys.
    op.execute("ALTER TABLE translations DROP COLUMN qa")


def downgrade() -> None:
    op.add_column(
        "translations", sa.Column("qa", sa.JSON(), nullable=False, server_default="[]")
    )
