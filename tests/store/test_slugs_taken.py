"""A new document's slug is its title's, numbered when taken (`-2`, `-3` …), whichever
backend finds the taken ones (SQLite by GLOB over the slug index, PostgreSQL by LIKE): on
SQLite and PostgreSQL (`store`)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from translate_pub.ingest.files import read_file
from translate_pub.store import Store, schema, workflow


def _save(store: Store, tmp_path: Path, title: str, n: int) -> str:
    path = tmp_path / f"{n}.md"
    path.write_text(f"---\ntitle: {title}\n---\nТекст номер {n}.\n")
    with store.begin() as conn:
        doc_id = workflow.save_document(
            conn, read_file(path, outlet="x"), ("en",)
        ).document_id
        d = schema.documents
        return str(conn.execute(select(d.c.slug).where(d.c.id == doc_id)).scalar_one())


def test_a_taken_slug_is_numbered(store: Store, tmp_path: Path) -> None:
    titles = ["Суд в Казани", "Суд в Казани 2", "Суд в Казани", "Суд", "Суд в Казани"]
    slugs = [_save(store, tmp_path, title, n) for n, title in enumerate(titles)]
    assert slugs == [
        "sud-v-kazani",
        "sud-v-kazani-2",
        "sud-v-kazani-3",
        "sud",
        "sud-v-kazani-4",
    ]
