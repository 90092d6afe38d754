"""An approval racing a text save or another language's approval, on PostgreSQL (SQLite has
one writer at a time, and an approval takes it first: tests/store/test_approval_revision_race.py).
Real connections; the second party is seen waiting on
the first's locks (tests/pg.until_one_waits), never synchronised by sleeps.

- Two languages of one document approved at once both keep their words in the memory index.
- A save that starts while an approval is under way waits for it, then is refused (the
  document is approved): the edition never freezes text a save changed under the gate.
- Another transaction's lock on the documents row (an edition being inserted for another
  language; an ingest's new revision) does not hold up the memory index (it once locked that
  row: a deadlock)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from tests import steps
from tests.pg import while_held
from translate_pub.errors import StateError
from translate_pub.model import Role, User
from translate_pub.review.routes.documents import may_edit
from translate_pub.store import Store

SOURCES = ("Суд оштрафовал журналиста Петрова.", "Полиция задержала активистов.")
EN = ("Court", "The court fined journalist Petrov.", "Police detained activists.")
DE = ("Gericht", "Das Gericht bestrafte Petrow.", "Die Polizei nahm Aktivisten fest.")
TINA = User("tina", Role.TRANSLATOR)


@pytest.fixture
def doc_id(store: Store, tmp_path: Path) -> int:
    if store.engine.dialect.name != "postgresql":
        pytest.skip("SQLite writes one transaction at a time: there is no race")
    with store.begin() as conn:
        doc_id = steps.save_article(conn, tmp_path, SOURCES, ("en", "de"))
        for lang, texts in (("en", EN), ("de", DE)):
            steps.draft(conn, doc_id, texts, lang)
    return doc_id


def test_a_save_during_an_approval_waits_and_is_refused(
    store: Store, doc_id: int
) -> None:
    def save() -> None:
        with store.begin() as conn:
            may_edit(conn, doc_id, "en", TINA)

    refused = while_held(store.engine, lambda c: steps.approve(c, doc_id, "en"), save)
    assert [type(e) for e in refused] == [StateError]


def test_two_languages_approved_at_once_both_stay_in_the_index(
    store: Store, doc_id: int
) -> None:
    """One row of the memory index holds a segment's words in every language: an approval
    into German that starts while one into English is uncommitted waits for it, then keeps
    its words (before: the unique key's error on a first approval, English words lost on a
    second)."""

    def german() -> None:
        with store.begin() as conn:
            steps.approve(conn, doc_id, "de")

    assert (
        while_held(store.engine, lambda c: steps.approve(c, doc_id, "en"), german) == []
    )
    assert steps.concordance(store, "оштрафовал", "en") == [EN[1]]
    assert steps.concordance(store, "оштрафовал", "de") == [DE[1]]


def test_an_edition_key_lock_does_not_hold_up_the_memory_index(
    store: Store, doc_id: int
) -> None:
    # what inserting the German edition holds on the document's row: its foreign key's
    # KEY SHARE lock, until that approval commits (FOR UPDATE here waited: lock timeout)
    _approve_while(
        store, doc_id, "SELECT id FROM documents WHERE id = :doc FOR KEY SHARE"
    )


def _approve_while(store: Store, doc_id: int, holding: str) -> None:
    """Approve into English while another transaction, left open, has run `holding` on the
    document; a wait of 5 s for its locks fails the approval (lock timeout)."""
    with store.engine.connect() as other, other.begin():
        other.execute(text(holding), {"doc": doc_id})
        with store.begin() as conn:
            conn.execute(text("SET LOCAL lock_timeout = '5s'"))
            steps.approve(conn, doc_id, "en")


def test_a_revision_holding_the_document_row_does_not_hold_up_an_approval(
    store: Store, doc_id: int
) -> None:
    """An ingest's new revision updates the documents row, then the status rows an approval
    holds: the approval must not wait for the documents row (a deadlock), so the memory
    index takes no lock on it."""
    _approve_while(
        store, doc_id, "UPDATE documents SET revision = revision WHERE id = :doc"
    )
