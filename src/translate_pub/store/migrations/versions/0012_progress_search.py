"""issue 12: per-language progress on doc_status; doc_search for the queue's search

Revision ID: 0012_progress
Revises: 0016_page_slugs
Create Date: 2026-11-29 19:05:00
"""

import re

import sqlalchemy as sa
from alembic import op

revision = "0012_progress"
down_revision = "0016_page_slugs"
branch_labels = None
depends_on = None

WORD, PLACEHOLDER = re.compile(r"\S*\w\S*"), re.compile(r"<(/?)(\d+)(/?)>")


def upgrade() -> None:
    with op.batch_alter_table("doc_status", schema=None) as batch_op:
        for name in ("translated", "segments", "words_left"):
            batch_op.add_column(
                sa.Column(name, sa.Integer(), server_default="0", nullable=False)
            )
    op.create_table(
        "doc_search",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_doc_search_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_doc_search")),
    )
    _backfill(op.get_bind())


def _backfill(conn: sa.Connection) -> None:
    """Count what existing stores already hold (one pass over the current segments)."""
    segs: dict[int, list[tuple[int, str]]] = {}
    for doc_id, seg_id, source in conn.execute(
        sa.text(
            "SELECT s.document_id, s.id, s.source FROM segments s JOIN documents d "
            "ON d.id = s.document_id AND d.revision = s.revision ORDER BY s.document_id, s.position"
        )
    ):
        segs.setdefault(doc_id, []).append((seg_id, source))
    done = set(
        conn.execute(
            sa.text("SELECT segment_id, lang FROM translations WHERE text != ''")
        ).all()
    )
    rows = []
    for sid, doc_id, lang in conn.execute(
        sa.text("SELECT id, document_id, lang FROM doc_status")
    ).all():
        mine = segs.get(doc_id, [])
        left = [
            len(WORD.findall(PLACEHOLDER.sub(" ", src)))
            for seg, src in mine
            if (seg, lang) not in done
        ]
        rows.append(
            {
                "sid": sid,
                "n_done": len(mine) - len(left),
                "n_all": len(mine),
                "n_words": sum(left),
            }
        )
    if rows:
        conn.execute(
            sa.text(
                "UPDATE doc_status SET translated = :n_done, segments = :n_all, "
                "words_left = :n_words WHERE id = :sid"
            ),
            rows,
        )
    texts = [
        {
            "doc": doc_id,
            "text": "\n".join(
                [title, *(src for _seg, src in segs.get(doc_id, []))]
            ).casefold(),
        }
        for doc_id, title in conn.execute(
            sa.text("SELECT id, title FROM documents")
        ).all()
    ]
    if texts:
        conn.execute(
            sa.text("INSERT INTO doc_search (document_id, text) VALUES (:doc, :text)"),
            texts,
        )


def downgrade() -> None:
    op.drop_table("doc_search")
    with op.batch_alter_table("doc_status", schema=None) as batch_op:
        for name in ("words_left", "segments", "translated"):
            batch_op.drop_column(name)
