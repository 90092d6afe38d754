"""memory_units: translation memory imported from TMX files, and its word index

Revision ID: 0020_memory_tmx
Revises: 0012_fulltext
Create Date: 2026-12-06 05:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0020_memory_tmx"
down_revision = "0012_fulltext"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "memory_units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("file", sa.String(length=500), nullable=False),
        sa.Column("creator", sa.String(length=200), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_memory_units")),
        sa.UniqueConstraint("lang", "key", name=op.f("uq_memory_units_lang")),
    )
    op.create_index(
        "ix_memory_units_source",
        "memory_units",
        ["source"],
        unique=False,
        postgresql_using="hash",
    )
    op.create_table(
        "memory_unit_words",
        sa.Column("word", sa.String(length=64), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("side", sa.String(length=1), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["memory_units.id"],
            name=op.f("fk_memory_unit_words_unit_id_memory_units"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "word", "lang", "side", "unit_id", name=op.f("pk_memory_unit_words")
        ),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("memory_unit_words")
    op.drop_index("ix_memory_units_source", table_name="memory_units")
    op.drop_table("memory_units")
