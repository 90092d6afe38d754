"""issue 12: full-text search for the queue: stemmed terms per document, FTS5 on SQLite, GIN on PostgreSQL

doc_search's case-folded text (searched with LIKE '%word%', a scan of every document's text)
becomes its Snowball stems (`translate_pub.stems`), indexed: on SQLite by an external-content
FTS5 table kept in step by triggers, on PostgreSQL by a GIN index over a generated tsvector column.
The terms are stems already, so the FTS5 tokenizer only splits on spaces (unicode61,
remove_diacritics 0: folding happened in Python, the same for both backends), and detail=none:
search needs no positions.

Revision ID: 0012_fulltext
Revises: 0019_memory_words
Create Date: 2026-11-29 21:50:00
"""

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

from translate_pub.placeholders import PLACEHOLDER
from translate_pub.stems import terms

revision = "0012_fulltext"
down_revision = "0019_memory_words"
branch_labels = None
depends_on = None

SQLITE_INDEX = (
    "CREATE VIRTUAL TABLE doc_search_fts USING fts5(terms, content='doc_search', content_rowid='document_id', "
    "tokenize='unicode61 remove_diacritics 0', detail=none)",
    "CREATE TRIGGER doc_search_ai AFTER INSERT ON doc_search BEGIN "
    "INSERT INTO doc_search_fts(rowid, terms) VALUES (new.document_id, new.terms); END",
    "CREATE TRIGGER doc_search_ad AFTER DELETE ON doc_search BEGIN "
    "INSERT INTO doc_search_fts(doc_search_fts, rowid, terms) VALUES ('delete', old.document_id, old.terms); END",
    "CREATE TRIGGER doc_search_au AFTER UPDATE ON doc_search BEGIN "
    "INSERT INTO doc_search_fts(doc_search_fts, rowid, terms) VALUES ('delete', old.document_id, old.terms); "
    "INSERT INTO doc_search_fts(rowid, terms) VALUES (new.document_id, new.terms); END",
)
# A stored tsvector, not an expression index: where the planner scans instead of using the
# index (a short prefix found in most documents), it then reads vectors instead of building
# 10,000 of them (150 ms at 10,000 documents, against 25 ms).
PG_INDEX = (
    "ALTER TABLE doc_search ADD COLUMN doc_search_fts_vector tsvector "
    "GENERATED ALWAYS AS (array_to_tsvector(string_to_array(terms, ' '))) STORED",
    "CREATE INDEX doc_search_fts ON doc_search USING gin (doc_search_fts_vector)",
)


def upgrade() -> None:
    op.drop_table("doc_search")
    op.create_table(
        "doc_search",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_doc_search_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_doc_search")),
    )
    conn = op.get_bind()
    for statement in SQLITE_INDEX if conn.dialect.name == "sqlite" else PG_INDEX:
        op.execute(statement)
    _backfill(conn)


def _texts(conn: sa.Connection) -> dict[int, list[str]]:
    """Each document's title and current source sentences."""
    parts: dict[int, list[str]] = defaultdict(list)
    for doc_id, title in conn.execute(sa.text("SELECT id, title FROM documents")):
        parts[doc_id].append(title)
    for doc_id, source in conn.execute(
        sa.text(
            "SELECT s.document_id, s.source FROM segments s JOIN documents d "
            "ON d.id = s.document_id AND d.revision = s.revision ORDER BY s.position"
        )
    ):
        parts[doc_id].append(source)
    return parts


def _backfill(conn: sa.Connection) -> None:
    """Terms of every document: its title, its current source sentences, its title's translations."""
    parts = _texts(conn)
    for doc_id, title in conn.execute(
        sa.text(
            "SELECT s.document_id, t.text FROM translations t JOIN segments s ON s.id = t.segment_id "
            "JOIN documents d ON d.id = s.document_id AND d.revision = s.revision "
            "WHERE s.block = 'title' AND t.text != '' ORDER BY t.lang"
        )
    ):
        parts[doc_id].append(title)
    rows = [
        {
            "doc": doc_id,
            "terms": " ".join(terms(PLACEHOLDER.sub(" ", "\n".join(texts)))),
        }
        for doc_id, texts in parts.items()
    ]
    if rows:
        conn.execute(
            sa.text(
                "INSERT INTO doc_search (document_id, terms) VALUES (:doc, :terms)"
            ),
            rows,
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE doc_search_fts")  # its triggers go with doc_search
    op.drop_table("doc_search")
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
    rows = [
        {"doc": doc_id, "text": "\n".join(texts).casefold()}
        for doc_id, texts in _texts(op.get_bind()).items()
    ]
    if rows:
        op.get_bind().execute(
            sa.text("INSERT INTO doc_search (document_id, text) VALUES (:doc, :text)"),
            rows,
        )
