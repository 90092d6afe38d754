"""omissions (sentences a reviewer left out, with why) and segment_decisions (History of omit,
dismiss and their undoing); the dismissals standing now are copied into the decisions

Revision ID: 0027_wf_omissions
Revises: 0026_lead_memory_stems
Create Date: 2026-12-06 08:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0027_wf_omissions"
down_revision = "0026_lead_memory_stems"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "omissions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("user", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        _fk("omissions", "segment_id", "segments"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_omissions")),
        sa.UniqueConstraint("segment_id", "lang", name=op.f("uq_omissions_segment_id")),
    )
    op.create_table(
        "segment_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("user", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        _fk("segment_decisions", "document_id", "documents"),
        _fk("segment_decisions", "segment_id", "segments"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_segment_decisions")),
    )
    op.create_index(
        "ix_segment_decisions_doc_lang",
        "segment_decisions",
        ["document_id", "lang", "id"],
    )
    op.execute(
        "INSERT INTO segment_decisions"
        ' (document_id, lang, segment_id, "user", at, action, subject, reason)'
        " SELECT s.document_id, tr.lang, s.id, d.\"user\", d.at, 'dismiss', d.issue,"
        " d.reason FROM qa_dismissals d"
        " JOIN translations tr ON tr.id = d.translation_id"
        " JOIN segments s ON s.id = tr.segment_id ORDER BY d.id"
    )


def downgrade() -> None:
    op.drop_index("ix_segment_decisions_doc_lang", table_name="segment_decisions")
    op.drop_table("segment_decisions")
    op.drop_table("omissions")
