"""An approval racing an ingest's new revision of the same document, from another connection
(a flow runs in its own process): the revision either goes in before the approval reads the
document, which then refuses its new sentences as untranslated, or after the approval commits,
which then turns it STALE. Never between: an approval must not freeze an edition of the old text
and leave the document APPROVED beside a source that changed under its gate.

The other connection is told not to wait for locks (SQLite `busy_timeout` 0, PostgreSQL
`lock_timeout`), so a write the approval holds off fails at once instead of blocking this
single-threaded test."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, select
from sqlalchemy.exc import OperationalError

from tests import steps
from translate_pub.model import Role, Status, User
from translate_pub.store import Store, schema, workflow
from translate_pub.store.review import Reading

SOURCES = ("Суд оштрафовал журналиста Петрова.", "Полиция задержала активистов.")
EN = ("Court", "The court fined journalist Petrov.", "Police detained activists.")
REVISED = (*SOURCES, "Петров обжаловал решение.")


def test_a_new_revision_never_lands_between_an_approvals_reads_and_its_commit(
    store: Store, tmp_path: Path
) -> None:
    with store.begin() as conn:
        doc_id = steps.save_article(conn, tmp_path, SOURCES, ("en",))
        steps.draft(conn, doc_id, EN)
        steps.submit(conn, doc_id)
    revised = steps.article(tmp_path, REVISED)
    other = Store(store.url)  # the ingest flow's own connection
    during: list[str] = []

    def ingest_now() -> None:
        with other.engine.connect() as conn:
            if store.url.startswith("sqlite"):
                conn.exec_driver_sql("PRAGMA busy_timeout=0")
            else:
                conn.exec_driver_sql("SET lock_timeout = '50ms'")
            conn.commit()
            try:
                with conn.begin():
                    workflow.save_document(conn, revised, ("en",))
                during.append("revised")
            except OperationalError:
                during.append("held off")

    def racing_gate(conn: Connection, doc: int, lang: str, reading: Reading) -> int:
        ingest_now()  # while the gate reads the sentences it approves
        return steps.GATE(conn, doc, lang, reading)

    try:
        with store.begin() as conn:
            workflow.act(
                conn,
                doc_id,
                "en",
                "approve",
                user=User("rev", Role.REVIEWER),
                gate=racing_gate,
                expected_version=workflow.current_version(conn, doc_id, "en"),
                reason=steps.OVERRIDE,
            )
        assert during == ["held off"]
        ingest_now()  # the ingest's retry, after the approval
        assert during == ["held off", "revised"]
        with store.begin() as conn:
            status = workflow.current_status(conn, doc_id, "en")
            frozen = conn.execute(
                select(schema.editions.c.source_revision).where(
                    schema.editions.c.document_id == doc_id
                )
            ).scalar_one()
        assert (status, frozen) == (Status.STALE, 1)
    finally:
        other.dispose()
