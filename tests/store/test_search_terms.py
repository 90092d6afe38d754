"""The queue's search terms (store/search.py) as a document's text and its titles' drafts change:
its title, current sentences in order, then its title's translations by language, each stem
once; found by the full-text index. Run on SQLite and PostgreSQL (`store`)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from tests import steps
from translate_pub.stems import terms_of
from translate_pub.store import Store, schema
from translate_pub.store.search import matching

SOURCES = ("Суд оштрафовал журналиста Петрова.", "Полиция задержала активистов.")


def _terms(store: Store, doc_id: int) -> str:
    with store.begin() as conn:
        ds = schema.doc_search
        return str(
            conn.execute(
                select(ds.c.terms).where(ds.c.document_id == doc_id)
            ).scalar_one()
        )


def _found(store: Store, query: str) -> set[int]:
    st = schema.doc_status
    with store.begin() as conn:
        where = matching(conn.dialect.name, query)
        return set(conn.execute(select(st.c.document_id).where(where)).scalars())


def test_title_drafts_join_the_terms_in_language_order(
    store: Store, tmp_path: Path
) -> None:
    with store.begin() as conn:
        doc_id = steps.save_article(
            conn, tmp_path, SOURCES, ("en", "de"), title="Суд в Казани"
        )
    untranslated = terms_of(["Суд в Казани", *SOURCES])
    assert _terms(store, doc_id) == " ".join(untranslated)
    with store.begin() as conn:  # English first: the terms still list German first
        steps.draft(conn, doc_id, ["Court in Kazan fines"], "en")
    with store.begin() as conn:
        steps.draft(conn, doc_id, ["Gericht in Kasan"], "de")
    both = terms_of(
        ["Суд в Казани", *SOURCES, "Gericht in Kasan", "Court in Kazan fines"]
    )
    assert _terms(store, doc_id) == " ".join(both)
    assert _found(store, "kasan") == {doc_id}
    assert _found(store, "court оштрафовал") == {doc_id}
    assert _found(store, "zürich") == set()
