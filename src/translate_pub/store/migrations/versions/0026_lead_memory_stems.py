"""memory_words and memory_unit_words hold stems, as the queue's search does (stems.py): rebuilt
for documents approved already, every approved translation counted (not only human ones)

Revision ID: 0026_lead_memory_stems
Revises: 0025_wf_edition_untranslated
Create Date: 2026-12-06 07:00:00
"""

import sqlalchemy as sa
from alembic import op

from translate_pub import stems

revision = "0026_lead_memory_stems"
down_revision = "0025_wf_edition_untranslated"
branch_labels = None
depends_on = None

APPROVED = 40
BATCH = 5000


def _words(text: str) -> set[str]:
    return {w for w in stems.terms(text) if len(w) <= 64}


def _fill(conn: sa.Connection, table: str, key: str, rows: list[sa.Row]) -> None:
    values = [
        {"word": w, "lang": lang, "side": side, key: rid}
        for rid, source, lang, text in rows
        for side, part in (("s", source), ("t", text))
        for w in _words(part)
    ]
    insert = sa.text(
        f"INSERT INTO {table} (word, lang, side, {key}) VALUES (:word, :lang, :side, :{key})"
    )
    for i in range(0, len(values), BATCH):
        conn.execute(insert, values[i : i + BATCH])


def upgrade() -> None:
    conn = op.get_bind()
    conn.execute(sa.text("DELETE FROM memory_words"))
    approved = conn.execute(
        sa.text(
            "SELECT s.id, s.source, t.lang, t.text FROM segments s "
            "JOIN documents d ON d.id = s.document_id AND d.revision = s.revision "
            "JOIN translations t ON t.segment_id = s.id AND t.text != '' "
            "JOIN doc_status st ON st.document_id = s.document_id AND st.lang = t.lang "
            "AND st.status >= :approved"
        ),
        {"approved": APPROVED},
    ).all()
    _fill(conn, "memory_words", "segment_id", list(approved))
    conn.execute(sa.text("DELETE FROM memory_unit_words"))
    units = conn.execute(
        sa.text("SELECT id, source, lang, target FROM memory_units")
    ).all()
    _fill(conn, "memory_unit_words", "unit_id", list(units))


def downgrade() -> None:
    """The word forms of before are not rebuilt: lookups find less until documents are approved again."""
