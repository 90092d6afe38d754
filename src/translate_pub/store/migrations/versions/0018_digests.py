"""digests: a document kind, a digest's author and series, and its quote blocks

Revision ID: 0018_digests
Revises: 0002
Create Date: 2026-11-29 19:05:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0018_digests"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "kind", sa.String(length=16), server_default="article", nullable=False
            )
        )
    op.create_table(
        "digests",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("series", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_digests_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_digests")),
    )
    op.create_table(
        "digest_quotes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("digest_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("source_revision", sa.Integer(), nullable=False),
        sa.Column("first", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["digest_id"],
            ["documents.id"],
            name=op.f("fk_digest_quotes_digest_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["documents.id"],
            name=op.f("fk_digest_quotes_source_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digest_quotes")),
        sa.UniqueConstraint(
            "digest_id", "revision", "ordinal", name=op.f("uq_digest_quotes_digest_id")
        ),
    )
    with op.batch_alter_table("digest_quotes", schema=None) as batch_op:
        batch_op.create_index("ix_digest_quotes_source_id", ["source_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("digest_quotes", schema=None) as batch_op:
        batch_op.drop_index("ix_digest_quotes_source_id")
    op.drop_table("digest_quotes")
    op.drop_table("digests")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_column("kind")
