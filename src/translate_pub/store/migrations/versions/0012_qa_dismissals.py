"""issue 12: QA issues dismissed per segment; every status change recorded for History

Revision ID: 0012_qa
Revises: 0015_sessions
Create Date: 2026-11-29 19:30:00
"""

import sqlalchemy as sa
from alembic import op


revision = "0012_qa"
down_revision = "0015_sessions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "qa_dismissals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("translation_id", sa.Integer(), nullable=False),
        sa.Column("issue", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("user", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["translation_id"],
            ["translations.id"],
            name=op.f("fk_qa_dismissals_translation_id_translations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qa_dismissals")),
    )
    with op.batch_alter_table("qa_dismissals", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_qa_dismissals_translation_id"),
            ["translation_id"],
            unique=False,
        )
    op.create_table(
        "status_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("user", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_status_changes_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_changes")),
    )
    with op.batch_alter_table("status_changes", schema=None) as batch_op:
        batch_op.create_index(
            "ix_status_changes_doc_lang", ["document_id", "lang", "id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("status_changes")
    op.drop_table("qa_dismissals")
