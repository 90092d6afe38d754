"""memory_words: the translation memory's word index, filled from documents already approved

Revision ID: 0019_memory_words
Revises: 0014_mt_leases
Create Date: 2026-11-29 21:50:00
"""

import re

import sqlalchemy as sa
from alembic import op

revision = "0019_memory_words"
down_revision = "0014_mt_leases"
branch_labels = None
depends_on = None

WORD, APPROVED = re.compile(r"\w+"), 40


def upgrade() -> None:
    op.create_table(
        "memory_words",
        sa.Column("word", sa.String(length=64), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("side", sa.String(length=1), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["segment_id"],
            ["segments.id"],
            name=op.f("fk_memory_words_segment_id_segments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "word", "lang", "side", "segment_id", name=op.f("pk_memory_words")
        ),
    )
    op.create_index(
        op.f("ix_memory_words_segment_id"), "memory_words", ["segment_id"], unique=False
    )
    _backfill(op.get_bind())


def _backfill(conn: sa.Connection) -> None:
    """Index the human translations of the current segments of documents approved already."""
    rows = conn.execute(
        sa.text(
            "SELECT s.id, s.source, t.lang, t.text FROM segments s "
            "JOIN documents d ON d.id = s.document_id AND d.revision = s.revision "
            "JOIN translations t ON t.segment_id = s.id AND t.origin = 'human' AND t.text != '' "
            "JOIN doc_status st ON st.document_id = s.document_id AND st.lang = t.lang AND st.status >= :approved"
        ),
        {"approved": APPROVED},
    ).all()
    values = [
        {"word": w, "lang": lang, "side": side, "segment_id": sid}
        for sid, source, lang, text in rows
        for side, part in (("s", source), ("t", text))
        for w in {w for w in WORD.findall(part.casefold()) if len(w) <= 64}
    ]
    for i in range(0, len(values), 5000):
        conn.execute(
            sa.text(
                "INSERT INTO memory_words (word, lang, side, segment_id) "
                "VALUES (:word, :lang, :side, :segment_id)"
            ),
            values[i : i + 5000],
        )


def downgrade() -> None:
    op.drop_index(op.f("ix_memory_words_segment_id"), table_name="memory_words")
    op.drop_table("memory_words")
