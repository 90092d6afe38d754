"""An approval racing a text save or another language's approval, on PostgreSQL (SQLite has
one writer at a time: nothing to race). Real connections; the second party is seen waiting on
the first's locks (tests/pg.until_one_waits), never synchronised by sleeps.

- A save that starts while an approval is under way waits for it, then is refused (the
  document is approved): the edition never freezes text a save changed under the gate.
- Another transaction's foreign-key lock on the documents row (an edition being inserted for
  another language) does not hold up the memory index (it once took FOR UPDATE: a deadlock)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from tests import steps
from tests.pg import until_one_waits
from translate_pub.errors import StateError
from translate_pub.ingest.files import read_file
from translate_pub.model import Role, User
from translate_pub.review.routes.documents import may_edit
from translate_pub.store import Store, workflow

SOURCES = ("Суд оштрафовал журналиста Петрова.", "Полиция задержала активистов.")
EN = ("Court", "The court fined journalist Petrov.", "Police detained activists.")
DE = ("Gericht", "Das Gericht bestrafte Petrow.", "Die Polizei nahm Aktivisten fest.")
TINA = User("tina", Role.TRANSLATOR)


@pytest.fixture
def doc_id(store: Store, tmp_path: Path) -> int:
    if store.engine.dialect.name != "postgresql":
        pytest.skip("SQLite writes one transaction at a time: there is no race")
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Суд\n---\n" + "\n\n".join(SOURCES) + "\n")
    with store.begin() as conn:
        doc = workflow.save_document(conn, read_file(path, outlet="x"), ("en", "de"))
        for lang, texts in (("en", EN), ("de", DE)):
            steps.draft(conn, doc.document_id, texts, lang)
    return doc.document_id


def test_a_save_during_an_approval_waits_and_is_refused(
    store: Store, doc_id: int
) -> None:
    refused: list[BaseException] = []

    def save() -> None:
        try:
            with store.begin() as conn:
                may_edit(conn, doc_id, "en", TINA)
        except Exception as error:  # noqa: BLE001 - the test reads what it was
            refused.append(error)

    with store.engine.connect() as first, first.begin():
        steps.approve(first, doc_id, "en")
        thread = threading.Thread(target=save)
        thread.start()
        until_one_waits(store.engine, first)
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert [type(e) for e in refused] == [StateError]


def test_an_edition_key_lock_does_not_hold_up_the_memory_index(
    store: Store, doc_id: int
) -> None:
    with store.engine.connect() as other, other.begin():
        # what inserting the German edition holds on the document's row: its foreign key's
        # KEY SHARE lock, until that approval commits
        other.execute(
            text("SELECT id FROM documents WHERE id = :doc FOR KEY SHARE"),
            {"doc": doc_id},
        )
        with store.begin() as conn:
            _no_waiting(conn)
            steps.approve(conn, doc_id, "en")  # FOR UPDATE here waited: lock timeout


def _no_waiting(conn: Connection) -> None:
    conn.execute(text("SET LOCAL lock_timeout = '5s'"))
