"""Test helpers that move a document along the workflow the way people do: through `store.workflow`,
with the review app's own QA gate (no glossary), never by writing a status or an edition directly."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import iuliia
from sqlalchemy import Connection, func, select, update

from translate_pub.ingest.files import read_file
from translate_pub.model import Document, Origin, Role, Status, User
from translate_pub.review.gate import qa_gate
from translate_pub.store import Store, memory, review, schema, workflow
from translate_pub.store.documents import current_segments
from translate_pub.store.translations import (
    edit_translation,
    pending_segments,
    save_machine,
)

GATE = qa_gate({})
OVERRIDE = "approved as it stands by the test's reviewer"
FIXED = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)  # the golden sites' approval time


def article(folder: Path, sentences: Iterable[str], title: str = "Суд") -> Document:
    """A Markdown article of these paragraphs in `folder`, read as the ingest reads a file."""
    path = folder / "a.md"
    path.write_text(f"---\ntitle: {title}\n---\n" + "\n\n".join(sentences) + "\n")
    return read_file(path, outlet="x")


def save_article(
    conn: Connection,
    folder: Path,
    sentences: Iterable[str],
    targets: tuple[str, ...],
    title: str = "Суд",
) -> int:
    """`article`, stored through the workflow; the document's id."""
    doc = article(folder, sentences, title)
    return workflow.save_document(conn, doc, targets).document_id


def draft(
    conn: Connection,
    doc_id: int,
    texts: Iterable[str],
    lang: str = "en",
    engine: str = "recorded-google",
) -> None:
    """Machine drafts of the document's first current segments, one text each, as the engine
    saves them (a digest's quotes come after its own text, filled from their sources)."""
    for seg, text in zip(current_segments(conn, doc_id), texts, strict=False):
        save_machine(
            conn,
            seg.id,
            lang,
            text,
            origin=Origin.MACHINE,
            engine=engine,
            glossary_version="g-2026-11",
        )


def draft_pending(
    conn: Connection, doc_ids: list[int], lang: str = "en", engine: str = "test 1"
) -> None:
    """A machine draft of every pending segment: its source in Latin letters, as a translation is
    (a Cyrillic draft is refused at approval)."""
    for p in pending_segments(conn, lang, doc_ids):
        save_machine(
            conn,
            p.segment_id,
            lang,
            f"EN {iuliia.WIKIPEDIA.translate(p.source)}",
            origin=Origin.MACHINE,
            engine=engine,
            glossary_version="g",
        )


def edit(
    conn: Connection,
    doc_id: int,
    position: int,
    text: str,
    lang: str = "en",
    by: str = "tanya",
) -> None:
    """A person's edit of the segment at `position`, over its current version, as the editor saves it."""
    row = next(
        r for r in review.editor_rows(conn, doc_id, lang) if r.position == position
    )
    edit_translation(
        conn, row.translation_id, text, user=by, expected_version=row.version
    )


def approve(
    conn: Connection,
    doc_id: int,
    lang: str = "en",
    by: str = "rev",
    approved_at: datetime | None = None,
) -> int:
    """Submit (reopening first if needed) and approve the document as it stands; the new edition's id.

    QA errors are overridden with a reason, as a reviewer may; untranslated sentences still refuse.
    The store stamps an edition with the moment of approval; golden pages need `approved_at` fixed.
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
    edition = int(
        conn.execute(
            select(func.max(e.c.id)).where(e.c.document_id == doc_id, e.c.lang == lang)
        ).scalar_one()
    )
    if approved_at is not None:
        conn.execute(update(e).where(e.c.id == edition).values(approved_at=approved_at))
    return edition


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


def concordance(store: Store, phrase: str, lang: str) -> list[str]:
    """The approved memory's translations holding `phrase`, as the concordance search lists them."""
    with store.begin() as conn:
        return [e.target for e in memory.concordance(conn, phrase, lang)]
