"""The approved memory's word index (store/memory_index.py, migration 0029_memory_fts): a row per
segment under FTS5 or a B-tree token table (PostgreSQL). Approving into one language keeps the
words of another; a sentence that leaves the memory leaves the index; the migration carries the
rows of memory_words over both ways. Run on SQLite and PostgreSQL (`store`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from sqlalchemy import Column, Integer, MetaData, Table, Text, event, select, text

from tests import steps
from translate_pub.config import Settings
from translate_pub.model import Role, User
from translate_pub.store import Store, memory, memory_index, schema, workflow
from translate_pub.store.db import ROWS_PER_INSERT, alembic_config, insert_rows, pieces

SOURCES = ("Суд оштрафовал журналиста Петрова.", "Полиция задержала активистов.")
EN = ("The court fined journalist Petrov.", "Police detained activists.")
RITA = User("rita", Role.REVIEWER)
DE = (
    "Das Gericht bestrafte den Journalisten Petrow.",
    "Die Polizei nahm Aktivisten fest.",
)


def _document(store: Store, tmp_path: Path) -> int:
    with store.begin() as conn:
        doc_id = steps.save_article(conn, tmp_path, SOURCES, ("en", "de"))
        for lang, texts in (("en", ("Court", *EN)), ("de", ("Gericht", *DE))):
            steps.draft(conn, doc_id, texts, lang)
            steps.approve(conn, doc_id, lang)
    return doc_id


def test_approving_one_language_again_keeps_the_others_words(
    store: Store, tmp_path: Path
) -> None:
    doc_id = _document(store, tmp_path)
    assert steps.concordance(store, "оштрафовал", "de") == [DE[0]]
    with store.begin() as conn:
        steps.edit(conn, doc_id, 2, "Officers held activists.")
        steps.approve(conn, doc_id, "en")
    assert steps.concordance(store, "оштрафовал", "de") == [DE[0]]
    assert steps.concordance(store, "Polizei", "de") == [DE[1]]
    assert steps.concordance(store, "officers", "en") == ["Officers held activists."]
    assert steps.concordance(store, "police", "en") == []
    with store.begin() as conn:
        similar = memory.similar(
            conn, ["Полиция задержала активистов в Казани"], "de", 0
        )
    assert [e.target for e in next(iter(similar.values()))] == [DE[1]]


def test_a_sentence_left_out_leaves_the_index(store: Store, tmp_path: Path) -> None:
    doc_id = _document(store, tmp_path)
    for lang in ("en", "de"):
        with store.begin() as conn:
            workflow.act(
                conn,
                doc_id,
                lang,
                "reopen",
                user=RITA,
                expected_version=workflow.current_version(conn, doc_id, lang),
            )
            workflow.omit(
                conn,
                doc_id,
                lang,
                3,
                user=RITA,
                reason="dup",
                expected_version=workflow.current_version(conn, doc_id, lang),
            )
            steps.approve(conn, doc_id, lang)
    assert steps.concordance(store, "полиция", "en") == []
    with store.begin() as conn:
        rows = conn.execute(select(schema.memory_texts.c.words)).scalars().all()
    # its row went, not only its words: the title's and the first sentence's are left
    assert len(rows) == 2 and not any("полиц" in words for words in rows)


def test_the_migration_carries_the_index_over_both_ways(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    _document(store, tmp_path)
    with store.begin() as conn:
        before = dict(conn.execute(select(schema.memory_texts)).all())
    cfg = alembic_config(settings.db_url)
    command.downgrade(cfg, "0028_digest_edition_names")
    with store.begin() as conn:
        rows = conn.execute(
            text("SELECT count(*), count(DISTINCT lang) FROM memory_words")
        ).one()
    assert rows == (sum(len(w.split()) for w in before.values()), 2)
    command.upgrade(cfg, "head")
    with store.begin() as conn:
        assert dict(conn.execute(select(schema.memory_texts)).all()) == before
    assert steps.concordance(store, "оштрафовал", "en") == [EN[0]]
    assert steps.concordance(store, "Polizei", "de") == [DE[1]]


def test_a_language_with_a_hyphen_is_found(store: Store, tmp_path: Path) -> None:
    """`pt-br:s:stem` is one token to FTS5 (it was two, and every lookup in pt-br failed)."""
    pt = ("O tribunal multou o jornalista Petrov.", "A polícia deteve ativistas.")
    with store.begin() as conn:
        doc_id = steps.save_article(conn, tmp_path, SOURCES, ("pt-br",))
        steps.draft(conn, doc_id, ("Tribunal", *pt), "pt-br")
        steps.approve(conn, doc_id, "pt-br")
    assert steps.concordance(store, "оштрафовал", "pt-br") == [pt[0]]
    assert steps.concordance(store, "polícia", "pt-br") == [pt[1]]
    with store.begin() as conn:
        similar = memory.similar(
            conn, ["Полиция задержала активистов в Казани"], "pt-br", 0
        )
    assert [e.target for e in next(iter(similar.values()))] == [pt[1]]


@contextmanager
def _executed(store: Store) -> Iterator[list[tuple[str, Any, bool]]]:
    """Each statement the store's connections run in the block: (SQL, parameters, whether an
    executemany)."""
    seen: list[tuple[str, Any, bool]] = []

    def record(_c, _cur, statement, params, _ctx, many) -> None:  # type: ignore[no-untyped-def]
        seen.append((statement, params, many))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", record)


def _index_writes(executed: list[tuple[str, Any, bool]]) -> list[tuple[str, bool, int]]:
    """The statements that wrote memory_texts: (what, as an executemany, rows of an INSERT)."""
    return [
        (
            statement.split("(")[0].strip(),
            many,
            len(params) // 2 if statement.startswith("INSERT") else 0,
        )
        for statement, params, many in executed
        if "memory_texts" in statement.split("WHERE")[0]
        and not statement.startswith("SELECT")
    ]


def test_an_approval_writes_the_index_in_a_few_statements_not_one_a_sentence(
    store: Store, tmp_path: Path
) -> None:
    """FTS5 writes what it holds to the index at every statement of a transaction: a statement
    per sentence wrote (and later merged) an index segment per sentence. An approval of a
    title and 40 sentences inserts its 41 rows in three statements (32 + 8 + 1: `pieces`);
    approving again after three edits deletes the changed rows in one statement and writes
    them in two, and the index holds each token of the new texts and none of the old."""
    sources = [f"Суд оштрафовал журналиста номер {n}." for n in range(40)]
    texts = [f"The court fined journalist number {n}." for n in range(40)]

    def holders(word: str) -> int:
        with store.begin() as conn:
            tokens = memory._tokens(memory_index.token("en", "t", ""), word)  # noqa: SLF001
            return memory_index.counts(conn, tokens, 100)[tokens[0]]

    with _executed(store) as first, store.begin() as conn:
        doc_id = steps.save_article(conn, tmp_path, sources, ("en",))
        steps.draft(conn, doc_id, ("Court", *texts))
        steps.approve(conn, doc_id)
    assert holders("fined") == 40
    with _executed(store) as again, store.begin() as conn:
        for position in (3, 17, 30):
            steps.edit(conn, doc_id, position, f"Officers held activist {position}.")
        steps.approve(conn, doc_id)
    assert _index_writes(first) == [
        ("INSERT INTO memory_texts", False, 32),
        ("INSERT INTO memory_texts", False, 8),
        ("INSERT INTO memory_texts", False, 1),
    ]
    assert [w[:2] for w in _index_writes(again)] == [
        ("DELETE FROM memory_texts WHERE memory_texts.segment_id IN", False),
        ("INSERT INTO memory_texts", False),
        ("INSERT INTO memory_texts", False),
    ]
    assert holders("fined") == 37 and holders("officers") == 3
    assert sorted(steps.concordance(store, "officers", "en")) == [
        f"Officers held activist {p}." for p in (17, 3, 30)
    ]


def test_many_rows_go_in_statements_of_at_most_rows_per_insert(store: Store) -> None:
    """Past `ROWS_PER_INSERT` rows the insert is split (SQLite takes 32,766 parameters in a
    statement, PostgreSQL 65,535), the rest in powers of two, and every row arrives as given,
    quotes, question marks and percent signs included."""
    scratch = Table(
        "scratch_rows",
        MetaData(),
        Column("id", Integer, primary_key=True, autoincrement=False),
        Column("words", Text, nullable=False),
    )
    rows = [(n, f"слово {n} ' \" ? %s %") for n in range(2 * ROWS_PER_INSERT + 7)]
    scratch.create(store.engine)
    try:
        with _executed(store) as executed, store.begin() as conn:
            insert_rows(conn, scratch, ("id", "words"), rows)
            assert conn.execute(select(scratch).order_by(scratch.c.id)).all() == rows
    finally:
        scratch.drop(store.engine)
    inserts = [
        len(params) // 2
        for statement, params, _many in executed
        if statement.startswith("INSERT INTO scratch_rows")
    ]
    assert inserts == [ROWS_PER_INSERT, ROWS_PER_INSERT, 4, 2, 1]
    assert pieces(30) == [16, 8, 4, 2] and pieces(0) == [] and pieces(512) == [512]
