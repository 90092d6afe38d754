"""The queue's full-text search (FTS5 on SQLite, tsvector + GIN on PostgreSQL: every test runs on
both): Russian inflections, English titles, hostile query text, and an index that follows edits,
new revisions and migrations."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import select, text

from translate_pub.model import Document, Segment
from translate_pub.store import review as review_store
from translate_pub.store import search, workflow
from translate_pub.store import translations as tr_store
from translate_pub.store.db import alembic_config
from translate_pub.store.queue import QueueFilter, queue_page

from .conftest import login, make_document

KAZAN = [
    ("title", "Задержания в Казани"),
    ("p", "Полиция задержала ЛЮДЕЙ у здания суда."),
    ("p", "Их оштрафовали на 5000 рублей 5 марта."),
]
# What users type that means something to FTS5 or tsquery: all of it is read as words only.
NO_WORDS = [
    '"',
    '""',
    "'",
    "\\",
    ":*",
    "&|!",
    "(",
    ")",
    "*",
    "-",
    "^",
    "%",
    "_",
    "\x00",
]
FINDS_SUD = [
    '"суд',
    'суд"',
    "-суд",
    "суд*",
    "(суд)",
    "суд'",
    "^суд",
    "суд:*",
    "суд & !активист",
    "суд\\",
    "суд -активист",
]
EXTRA_WORD = [
    "NEAR(суд активист)",
    "{title}: суд",
    "title:суд",
    "суд AND",
    "суд NOT",
    "суд OR",
    "'суд' | 'полиция'",
]  # "title", "and"… must occur too


def found(conn, query: str) -> list[int]:  # type: ignore[no-untyped-def]
    return sorted(
        r.document_id
        for r in queue_page(conn, QueueFilter(lang="en", search=query)).rows
    )


def test_inflected_russian_words_find_each_other(store):
    with store.begin() as conn:
        fine = make_document(
            conn, 1
        )  # "Суд оштрафовал активиста", "… 12 человек 5 марта 2024 года."
        kazan = make_document(conn, 2, sources=KAZAN, targets=["", "", ""])
        assert found(conn, "Казань") == [kazan]  # «Казани» in the title
        assert found(conn, "задержали людям") == [kazan]  # «задержала», «ЛЮДЕЙ»
        assert found(conn, "суды") == [fine, kazan]  # «Суд», «суда»
        assert found(conn, "оштраф") == [fine, kazan]  # a word begun finds its endings
        assert found(conn, "активисты оштрафовали") == [fine]  # every word must occur
        assert found(conn, "ёлка") == found(conn, "елка") == []
        assert (
            found(conn, "5") == [fine, kazan] and found(conn, "500") == []
        )  # numbers whole: 5000 is not 500…
        assert found(conn, "5000") == [kazan]


def test_english_titles_are_found_once_translated(store):
    with store.begin() as conn:
        kazan = make_document(conn, 2, sources=KAZAN, targets=["", "", ""])
        assert found(conn, "detentions") == []
        title = review_store.editor_rows(conn, kazan, "en")[0]
        tr_store.edit_translation(
            conn,
            title.translation_id,
            "Detentions in Kazan",
            user="tanya",
            expected_version=title.version,
        )
        assert found(conn, "detention KAZAN") == [kazan]  # English stems, case folded
        tr_store.edit_translation(
            conn,
            title.translation_id,
            "Arrests in Kazan",
            user="tanya",
            expected_version=title.version + 1,
        )
        assert found(conn, "detentions") == [] and found(conn, "arrested") == [kazan]
        fine = make_document(conn, 1)
        assert found(conn, "court fines") == [fine]  # a machine-translated title


def test_a_new_revision_replaces_the_old_text_in_the_index(store):
    with store.begin() as conn:
        doc_id = make_document(conn, 1)
        revised = Document(
            source_lang="ru",
            outlet="ovd-info",
            title="Суд оштрафовал активиста",
            url="https://ovd.info/news/1",
            canonical_url="https://ovd.info/news/1",
            content_hash="changed",
            segments=(
                Segment(0, 0, 0, "Суд оштрафовал активиста", "title"),
                Segment(1, 1, 0, "Новое предложение о Твери."),
            ),
        )
        workflow.save_document(conn, revised, ("en",))
        assert found(conn, "тверь") == [doc_id] and found(conn, "человек") == []
        assert found(conn, "court fines") == [
            doc_id
        ]  # the title segment kept its translation
        if (
            conn.dialect.name == "sqlite"
        ):  # the FTS5 index agrees with its content table, row for row
            conn.execute(
                text(
                    f"INSERT INTO {search.t.SEARCH_INDEX}({search.t.SEARCH_INDEX}) "
                    "VALUES ('integrity-check')"
                )
            )


@pytest.mark.parametrize("query", NO_WORDS + FINDS_SUD + EXTRA_WORD)
def test_query_syntax_typed_by_a_user_is_only_words(store, query):
    with store.begin() as conn:
        doc_id = make_document(conn, 1)  # "Суд оштрафовал активиста"
        assert found(conn, query) == ([doc_id] if query in FINDS_SUD else [])


def test_the_search_uses_the_full_text_index(store):
    with store.begin() as conn:
        make_document(conn, 1)
        where = search.matching(conn.dialect.name, "суд")
        sql = str(
            select(search.t.doc_status.c.id)
            .where(where)
            .compile(conn, compile_kwargs={"literal_binds": True})
        )
        if conn.dialect.name == "sqlite":
            plan = " ".join(
                r[3] for r in conn.execute(text("EXPLAIN QUERY PLAN " + sql))
            )
            assert f"SCAN {search.t.SEARCH_INDEX} VIRTUAL TABLE" in plan
        else:
            conn.execute(
                text("SET LOCAL enable_seqscan = off")
            )  # a 1-row table would be scanned anyway
            plan = " ".join(r[0] for r in conn.execute(text("EXPLAIN " + sql)))
            assert f"Bitmap Index Scan on {search.t.SEARCH_INDEX}" in plan


def test_the_migration_indexes_existing_documents(store, settings):
    with store.begin() as conn:
        doc_id = make_document(conn, 1)
        kazan = make_document(
            conn, 2, sources=KAZAN, targets=["Detentions in Kazan", "", ""]
        )
    cfg = alembic_config(settings.db_url)
    command.downgrade(
        cfg,
        ScriptDirectory.from_config(cfg).get_revision("0012_fulltext").down_revision,
    )
    with store.begin() as conn:
        assert (
            conn.execute(
                text("SELECT count(*) FROM doc_search WHERE text LIKE '%казани%'")
            ).scalar_one()
            == 1
        )
    command.upgrade(cfg, "head")
    with store.begin() as conn:
        assert found(conn, "суд") == [doc_id, kazan] and found(conn, "detention") == [
            kazan
        ]


def test_queue_search_route_takes_any_text(client, world):
    login(client, "tanya")
    for query in [
        *NO_WORDS,
        *FINDS_SUD,
        *EXTRA_WORD,
        "x" * 5000,
        "🙂",
        "OR",
        "суд OR активист",
    ]:
        page = client.get("/queue", params={"q": query})
        assert page.status_code == 200, query
    page = client.get("/queue", params={"q": 'активистов "суд" -'}).text
    assert f'data-doc="{world.doc_id}"' in page and "1 documents" in page
    assert 'value="активистов &#34;суд&#34; -"' in page  # the query shown back, escaped
    assert (
        f'data-doc="{world.doc_id}"' in client.get("/queue", params={"q": "fined"}).text
    )  # "Court fines activist"
