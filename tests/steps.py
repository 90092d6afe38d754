"""Test helpers that move a document along the workflow the way people do: through `store.workflow`,
with the review app's own QA gate (no glossary), never by writing a status or an edition directly."""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from translate_pub.model import Role, Status, User
from translate_pub.review.gate import qa_gate
from translate_pub.store import schema, workflow

GATE = qa_gate({})
OVERRIDE = "approved as it stands by the test's reviewer"


def approve(conn: Connection, doc_id: int, lang: str = "en", by: str = "rev") -> int:
    """Submit (reopening first if needed) and approve the document as it stands; the new edition's id.

    QA errors are overridden with a reason, as a reviewer may; untranslated sentences still refuse.
    """
    reviewer = User(by, Role.REVIEWER)
    status = workflow.current_status(conn, doc_id, lang)
    first = (
        []
        if status == Status.IN_REVIEW
        else ["reopen"]
        if status >= Status.APPROVED
        else ["submit"]
    )
    for name in [*first, "approve"]:
        workflow.act(
            conn,
            doc_id,
            lang,
            name,
            user=reviewer,
            gate=GATE,
            expected_version=workflow.current_version(conn, doc_id, lang),
            reason=OVERRIDE if name == "approve" else "",
        )
    e = schema.editions
    return int(
        conn.execute(
            select(func.max(e.c.id)).where(e.c.document_id == doc_id, e.c.lang == lang)
        ).scalar_one()
    )


def submit(conn: Connection, doc_id: int, lang: str = "en", by: str = "tanya") -> None:
    """Send a draft to review, as its translator."""
    workflow.act(
        conn,
        doc_id,
        lang,
        "submit",
        user=User(by, Role.TRANSLATOR),
        expected_version=workflow.current_version(conn, doc_id, lang),
    )
