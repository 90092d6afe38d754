"""digest names: a digest's tag and series names per language (its English fields)

Revision ID: 0021_digest_names
Revises: 0020_digest_numbering
Create Date: 2026-12-06 05:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0021_digest_names"
down_revision = "0020_digest_numbering"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("digests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("names", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("digests", schema=None) as batch_op:
        batch_op.drop_column("names")
