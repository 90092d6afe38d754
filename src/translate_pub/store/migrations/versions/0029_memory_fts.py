"""memory_words (a row per stem and segment) becomes memory_texts (a row per segment, its tokens
`lang:side:stem`) under an index: FTS5 on SQLite, a trigger-filled token table on PostgreSQL;
rows carried over

An approval wrote its thousand stem rows all over memory_words' B-tree, so each commit rewrote
a page per row, and that grew with the store (store/memory_index.py says more).

Revision ID: 0029_memory_fts
Revises: 0028_digest_edition_names
Create Date: 2026-12-06 12:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0029_memory_fts"
down_revision = "0028_digest_edition_names"
branch_labels = None
depends_on = None

BATCH = 5000
# The tokens are stems already (folded in Python, the same on both backends): the tokenizer only
# splits on spaces, keeps ':', '_' and '-' (a language such as pt-br) inside a token, and
# needs no positions (detail=none).
SQLITE_INDEX = (
    "CREATE VIRTUAL TABLE memory_fts USING fts5(words, content='memory_texts', "
    "content_rowid='segment_id', tokenize=\"unicode61 remove_diacritics 0 tokenchars ':_-'\", "
    "detail=none)",
    "CREATE TRIGGER memory_texts_ai AFTER INSERT ON memory_texts BEGIN "
    "INSERT INTO memory_fts(rowid, words) VALUES (new.segment_id, new.words); END",
    "CREATE TRIGGER memory_texts_ad AFTER DELETE ON memory_texts BEGIN "
    "INSERT INTO memory_fts(memory_fts, rowid, words) VALUES ('delete', old.segment_id, old.words); END",
    "CREATE TRIGGER memory_texts_au AFTER UPDATE ON memory_texts BEGIN "
    "INSERT INTO memory_fts(memory_fts, rowid, words) VALUES ('delete', old.segment_id, old.words); "
    "INSERT INTO memory_fts(rowid, words) VALUES (new.segment_id, new.words); END",
)
# On PostgreSQL a (token, segment) table the trigger fills: a GIN index answers "how many hold
# this token, up to 501" only after collecting every holder and visiting their rows; a B-tree
# reads 501 entries and stops, and lists the newest holders in its order.
PG_INDEX = (
    "CREATE TABLE memory_fts_words (token text NOT NULL, segment_id integer NOT NULL "
    "REFERENCES memory_texts (segment_id) ON DELETE CASCADE, PRIMARY KEY (token, segment_id))",
    "CREATE INDEX memory_fts_words_segment ON memory_fts_words (segment_id)",
    "CREATE FUNCTION memory_fts_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP = 'UPDATE' THEN DELETE FROM memory_fts_words WHERE segment_id = OLD.segment_id; "
    "END IF; INSERT INTO memory_fts_words (token, segment_id) SELECT DISTINCT w, NEW.segment_id "
    "FROM unnest(string_to_array(NEW.words, ' ')) AS w; RETURN NULL; END $$",
    "CREATE TRIGGER memory_fts_sync AFTER INSERT OR UPDATE ON memory_texts "
    "FOR EACH ROW EXECUTE FUNCTION memory_fts_sync()",
)


def upgrade() -> None:
    op.create_table(
        "memory_texts",
        sa.Column("segment_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("words", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["segment_id"],
            ["segments.id"],
            name=op.f("fk_memory_texts_segment_id_segments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("segment_id", name=op.f("pk_memory_texts")),
    )
    conn = op.get_bind()
    for statement in SQLITE_INDEX if conn.dialect.name == "sqlite" else PG_INDEX:
        conn.exec_driver_sql(statement)  # not text(): ":_" is no bound parameter
    # In the database, not Python: a large store's word index has millions of rows. Each
    # segment's tokens in code-point order ("C"), as store/memory_index.py writes them.
    token = "lang || ':' || side || ':' || word"
    conn.execute(
        sa.text(
            "INSERT INTO memory_texts (segment_id, words) SELECT segment_id, "
            f"group_concat(token, ' ') FROM (SELECT segment_id, {token} AS token "
            "FROM memory_words ORDER BY segment_id, token) AS w GROUP BY segment_id"
            if conn.dialect.name == "sqlite"
            else "INSERT INTO memory_texts (segment_id, words) SELECT segment_id, "
            f"string_agg({token}, ' ' ORDER BY {token} COLLATE \"C\") "
            "FROM memory_words GROUP BY segment_id"
        )
    )
    op.drop_index(op.f("ix_memory_words_segment_id"), table_name="memory_words")
    op.drop_table("memory_words")


def downgrade() -> None:
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
    conn = op.get_bind()
    rows = [
        {"word": word, "lang": lang, "side": side, "id": segment_id}
        for segment_id, words in conn.execute(
            sa.text("SELECT segment_id, words FROM memory_texts")
        )
        for lang, side, word in (w.split(":", 2) for w in words.split())
    ]
    insert = sa.text(
        "INSERT INTO memory_words (word, lang, side, segment_id) VALUES (:word, :lang, :side, :id)"
    )
    for i in range(0, len(rows), BATCH):
        conn.execute(insert, rows[i : i + BATCH])
    if conn.dialect.name == "sqlite":
        op.execute("DROP TABLE memory_fts")  # its triggers go with memory_texts
    else:
        op.execute("DROP TABLE memory_fts_words")
    op.drop_table("memory_texts")
    if conn.dialect.name != "sqlite":
        op.execute("DROP FUNCTION memory_fts_sync()")
