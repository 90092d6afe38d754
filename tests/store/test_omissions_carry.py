"""A reviewer's omission in the store (review of #22): a new revision keeps it only on the
same sentence (same text at the same occurrence, never a title, each carried one in
History); two omissions at once do not collide. Run on SQLite and PostgreSQL (`store`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Connection

from tests.pg import while_held
from translate_pub.errors import ConflictError
from translate_pub.ingest.files import read_file
from translate_pub.model import Role, User
from translate_pub.store import Store, decisions, omissions, workflow
from translate_pub.store.documents import current_segments

RITA = User("rita", Role.REVIEWER)
MORE = "Подробнее."


def _save(store: Store, path: Path, title: str, *sentences: str) -> int:
    path.write_text(f"---\ntitle: {title}\n---\n" + "\n\n".join(sentences) + "\n")
    with store.begin() as conn:
        saved = workflow.save_document(conn, read_file(path, outlet="x"), ("en",))
    return saved.document_id


def _omit(store: Store, doc_id: int, number: int) -> None:
    with store.begin() as conn:
        version = workflow.current_version(conn, doc_id, "en")
        workflow.omit(
            conn,
            doc_id,
            "en",
            number,
            user=RITA,
            reason="dup",
            expected_version=version,
        )


def _left_out(store: Store, doc_id: int) -> list[int]:
    """The numbers (1-based) of the current revision's sentences left out of English."""
    with store.begin() as conn:
        ids = omissions.omitted_in(conn, doc_id, "en")
        return [s.position + 1 for s in current_segments(conn, doc_id) if s.id in ids]


def test_a_repeated_sentence_left_out_once_stays_left_out_once(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "a.md"
    doc_id = _save(store, path, "Суд", MORE, "Суд оштрафовал активиста.", MORE)
    _omit(store, doc_id, 4)
    assert _left_out(store, doc_id) == [4]
    _save(store, path, "Суд", MORE, "Суд оштрафовал двоих.", MORE, MORE)
    assert _left_out(store, doc_id) == [
        4
    ]  # the 2nd "Подробнее.", not the 1st nor a new 3rd
    with store.begin() as conn:
        rows = [
            (d.user, d.action, d.position, d.subject, d.reason)
            for d in decisions.decisions(conn, doc_id, "en")
        ]
    assert ("ingest", decisions.OMIT, 3, "revision 1", "dup") in rows


def test_an_omission_never_lands_on_a_title(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    doc_id = _save(store, path, "Суд", MORE, "Суд оштрафовал активиста.")
    _omit(store, doc_id, 2)
    _save(store, path, MORE, "Суд оштрафовал активиста.")
    assert _left_out(store, doc_id) == []


def test_two_omissions_of_one_sentence_at_once_refuse_the_second(
    store: Store, tmp_path: Path
) -> None:
    """The second waits for the first's hold on the document, then finds it changed: a clear
    refusal, not the unique constraint's error. PostgreSQL only: SQLite has one writer."""
    if store.engine.dialect.name != "postgresql":
        pytest.skip("SQLite writes one transaction at a time: there is no race")
    doc_id = _save(store, tmp_path / "a.md", "Суд", MORE, "Суд оштрафовал активиста.")
    with store.begin() as conn:
        version = workflow.current_version(conn, doc_id, "en")

    def omit(conn: Connection) -> None:
        workflow.omit(
            conn, doc_id, "en", 2, user=RITA, reason="dup", expected_version=version
        )

    def second() -> None:
        with store.begin() as conn:
            omit(conn)

    refused = while_held(store.engine, omit, second)
    assert [type(e) for e in refused] == [ConflictError]
    assert _left_out(store, doc_id) == [2]
