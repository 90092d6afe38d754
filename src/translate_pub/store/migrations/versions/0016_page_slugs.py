"""page slugs: a translated page's slug from its own title, fixed at first publish

Revision ID: 0016_page_slugs
Revises: 0018_digests
Create Date: 2026-11-29 19:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0016_page_slugs"
down_revision = "0018_digests"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "page_slugs",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("slug", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_page_slugs_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "lang", name=op.f("pk_page_slugs")),
        sa.UniqueConstraint("lang", "slug", name=op.f("uq_page_slugs_lang")),
    )


def downgrade() -> None:
    op.drop_table("page_slugs")
