"""editions.names: the tag and series names translated with the document, frozen at approval
(name → its text in the edition's language); earlier editions have none

Revision ID: 0028_digest_edition_names
Revises: 0027_wf_omissions
Create Date: 2026-12-06 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0028_digest_edition_names"
down_revision = "0027_wf_omissions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("editions", sa.Column("names", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("editions") as batch:
        batch.drop_column("names")
