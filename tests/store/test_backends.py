"""Where SQLite and PostgreSQL differ, the store behaves the same (each test runs on both)."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import update
from sqlalchemy.exc import InternalError

from tests import steps
from translate_pub.config import sqlite_url
from translate_pub.errors import StoreError
from translate_pub.model import Document, Segment, Status
from translate_pub.store import Store, workflow
from translate_pub.store import schema as t
from translate_pub.store.documents import get_document
from translate_pub.store.editions import latest_editions
from translate_pub.store.review import audit_entries
from translate_pub.store.translations import get_status, pending_segments
from translate_pub.store.users import audit
from translate_pub.store.workflow import save_document


def _doc(n: int, published_at: datetime | None) -> Document:
    segs = (
        Segment(0, 0, 0, f"Заголовок {n}", block="title"),
        Segment(1, 1, 0, f"Текст номер {n}."),
    )
    return Document(
        "ru",
        "ovd",
        f"Заголовок {n}",
        f"https://ovd.info/{n}",
        f"https://ovd.info/{n}",
        f"hash{n}",
        segs,
        published_at=published_at,
        raw=b"raw",
    )


def _approve(conn, doc_id: int) -> None:  # type: ignore[no-untyped-def]
    steps.draft_pending(conn, [doc_id], engine="e")
    steps.approve(conn, doc_id, "en", "editor")


def test_undated_documents_are_listed_last_on_every_backend(store):
    with store.begin() as conn:
        undated = save_document(conn, _doc(1, None), ("en",)).document_id
        dated = save_document(
            conn, _doc(2, datetime(2024, 5, 1, tzinfo=UTC)), ("en",)
        ).document_id
        for doc_id in (undated, dated):
            _approve(conn, doc_id)
        assert [e.document_id for e in latest_editions(conn, "en")] == [dated, undated]


def test_id_lists_beyond_the_drivers_parameter_limit(store):
    many = list(range(1, 70_001))  # psycopg allows 65535 parameters, SQLite 32766
    with store.begin() as conn:
        doc_id = save_document(conn, _doc(1, None), ("en",)).document_id
        assert len(pending_segments(conn, "en", many)) == 2
        _approve(conn, doc_id)
        assert workflow.system(conn, many, "en", "publish", by="publish") == [doc_id]
        assert get_status(conn, doc_id, "en").status == Status.PUBLISHED


def test_reserved_column_name_user_round_trips(store):
    with store.begin() as conn:
        audit(conn, "alice", "login")
        assert [e.user for e in audit_entries(conn)] == ["alice"]


def test_documents_with_one_title_get_numbered_slugs(store):
    with store.begin() as conn:
        ids = [
            save_document(
                conn, replace(_doc(n, None), title="Задержания в Москве"), ("en",)
            ).document_id
            for n in (1, 2, 3)
        ]
        slugs = [get_document(conn, i).slug for i in ids]
    assert slugs == [
        "zaderzhaniya-v-moskve",
        "zaderzhaniya-v-moskve-2",
        "zaderzhaniya-v-moskve-3",
    ]


def test_sqlite_json_columns_read_what_the_standard_library_wrote(tmp_path):
    """SQLite's JSON columns are decoded with orjson, which refuses some of what `json.dumps` writes."""
    store = Store(sqlite_url(tmp_path / "home"))
    store.migrate()
    with store.begin() as conn:
        doc_id = save_document(
            conn, replace(_doc(1, None), tags=("ok", "\ud800")), ("en",)
        ).document_id
        _approve(conn, doc_id)
        conn.execute(update(t.editions).values(translated_by=[2**70, float("nan")]))
        assert list(get_document(conn, doc_id).tags) == ["ok", "\ud800"]
        [edition] = latest_editions(conn, "en")
        assert edition.translated_by[0] == 2**70 and math.isnan(
            edition.translated_by[1]
        )
    store.dispose()


def test_a_reading_transaction_refuses_writes_and_leaves_its_connection_as_it_was(
    store,
):
    with store.begin() as conn:
        doc_id = save_document(conn, _doc(1, None), ("en",)).document_id
    with store.reading() as conn:
        assert get_document(conn, doc_id).title == "Заголовок 1"
    # refused by the database: SQLite's error is a StoreError, PostgreSQL's an InternalError
    with pytest.raises((StoreError, InternalError)), store.reading() as conn:
        conn.execute(
            update(t.documents)
            .where(t.documents.c.id == doc_id)
            .values(title="written")
        )
    with store.begin() as conn:  # the pooled connection writes again
        assert get_document(conn, doc_id).title == "Заголовок 1"
        conn.execute(
            update(t.documents).where(t.documents.c.id == doc_id).values(title="later")
        )
    with store.begin() as conn:
        assert get_document(conn, doc_id).title == "later"
