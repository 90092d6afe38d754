"""What the review app reads and writes besides status: editor rows, memory matches,
comments and the history of one document in one language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Row, Select, and_, bindparam, insert, select

from translate_pub import msgids as ids
from translate_pub.errors import ConflictError
from translate_pub.model import Origin, Status
from translate_pub.store import decisions, progress, status_log
from translate_pub.store import schema as t
from translate_pub.store.db import inserted_id
from translate_pub.store.omissions import Omission, omitted_in
from translate_pub.store.rows import StoredSegment


@dataclass(frozen=True)
class EditorRow:
    """One segment of a document's current revision with its translation (if any)."""

    segment_id: int
    position: int
    paragraph: int
    block: str
    source: str
    markup: dict[str, dict[str, str]]
    translation_id: int | None
    text: str
    mt_text: str
    version: int
    origin: str
    updated_by: str
    engine: str
    glossary_version: str = ""


def _editor_rows() -> Select[Any]:
    d, s, tr = t.documents, t.segments, t.translations
    return (
        select(
            s.c.id,
            s.c.position,
            s.c.paragraph,
            s.c.block,
            s.c.source,
            s.c.markup,
            tr.c.id.label("tid"),
            tr.c.text,
            tr.c.mt_text,
            tr.c.version,
            tr.c.origin,
            tr.c.updated_by,
            tr.c.engine,
            tr.c.glossary_version,
            d.c.title,  # the document's head, for an approval's Reading (same on every row)
            d.c.revision,
            d.c.kind,
        )
        .join(d, and_(d.c.id == s.c.document_id, d.c.revision == s.c.revision))
        .outerjoin(tr, and_(tr.c.segment_id == s.c.id, tr.c.lang == bindparam("lang")))
        .where(s.c.document_id == bindparam("doc"))
        .order_by(s.c.position)
    )


_EDITOR_ROWS = _editor_rows()  # built once: every editor page and approval reads it


def editor_rows(conn: Connection, doc_id: int, lang: str) -> list[EditorRow]:
    return _rows(conn.execute(_EDITOR_ROWS, {"doc": doc_id, "lang": lang}).all())


def _rows(rows: Sequence[Row[Any]]) -> list[EditorRow]:
    return [
        EditorRow(
            r.id,
            r.position,
            r.paragraph,
            r.block,
            r.source,
            r.markup or {},
            r.tid,
            r.text or "",
            r.mt_text or "",
            r.version or 0,
            r.origin or "",
            r.updated_by or "",
            r.engine or "",
            r.glossary_version or "",
        )
        for r in rows
    ]


_HEAD = select(t.documents.c.title, t.documents.c.revision, t.documents.c.kind).where(
    t.documents.c.id == bindparam("doc")
)


@dataclass(frozen=True)
class Reading:
    """A document's current sentences in one language with their translations and the ones a
    reviewer left out, and its title, revision and kind, read once per approval: the
    completeness check, the QA gate, the edition and the memory index share it."""

    rows: list[EditorRow]
    omitted: dict[int, Omission]
    title: str
    revision: int
    kind: str

    @classmethod
    def of(cls, conn: Connection, doc_id: int, lang: str) -> Reading:
        found = conn.execute(_EDITOR_ROWS, {"doc": doc_id, "lang": lang}).all()
        head = found[0] if found else conn.execute(_HEAD, {"doc": doc_id}).one()
        return cls(
            _rows(found),
            omitted_in(conn, doc_id, lang),
            head.title,
            head.revision,
            head.kind,
        )

    def untranslated(self) -> list[int]:
        """The numbers (1-based) of the sentences with no translation that no reviewer left out."""
        # A digest's quotes are frozen from their sources' editions at approval, not written here.
        return [
            r.position + 1
            for r in self.rows
            if r.block != "quote"
            and not r.text.strip()
            and r.segment_id not in self.omitted
        ]


@dataclass(frozen=True)
class SegmentRef:
    """Where a translation belongs: its document, language and source, and whether it is current."""

    translation_id: int
    document_id: int
    lang: str
    source: str
    markup: dict[str, dict[str, str]]
    current: bool
    mt_text: str


def segment_ref(conn: Connection, translation_id: int) -> SegmentRef | None:
    d, s, tr = t.documents, t.segments, t.translations
    r = conn.execute(
        select(
            tr.c.id,
            tr.c.lang,
            tr.c.mt_text,
            s.c.document_id,
            s.c.source,
            s.c.markup,
            s.c.revision,
            d.c.revision.label("doc_revision"),
        )
        .join(s, s.c.id == tr.c.segment_id)
        .join(d, d.c.id == s.c.document_id)
        .where(tr.c.id == translation_id)
    ).first()
    if r is None:
        return None
    return SegmentRef(
        r.id,
        r.document_id,
        r.lang,
        r.source,
        r.markup or {},
        r.revision == r.doc_revision,
        r.mt_text,
    )


def add_comment(
    conn: Connection,
    doc_id: int,
    lang: str,
    user: str,
    text: str,
    segment_id: int | None = None,
) -> None:
    conn.execute(
        insert(t.comments).values(
            document_id=doc_id,
            lang=lang,
            segment_id=segment_id,
            user=user,
            at=datetime.now(UTC),
            text=text,
        )
    )


@dataclass(frozen=True)
class Event:
    """One line of a document's history: a comment or a revision of a segment."""

    at: datetime
    user: str
    action: str
    position: int | None
    before: str
    after: str
    status: Status | None = None  # what a status change moved to


def history(conn: Connection, doc_id: int, lang: str, limit: int = 500) -> list[Event]:
    """Revisions, comments, status changes and decisions on sentences (an omission, a dismissal and
    their undoing: what, why) of this document in this language, newest first."""
    s, tr, rv, c = t.segments, t.translations, t.revisions, t.comments
    revs = conn.execute(
        select(rv.c.at, rv.c.user, rv.c.action, rv.c.before, rv.c.after, s.c.position)
        .join(tr, tr.c.id == rv.c.translation_id)
        .join(s, s.c.id == tr.c.segment_id)
        .where(s.c.document_id == doc_id, tr.c.lang == lang)
        .order_by(rv.c.id.desc())
        .limit(limit)
    ).all()
    notes = conn.execute(
        select(c.c.at, c.c.user, c.c.text, s.c.position)
        .outerjoin(s, s.c.id == c.c.segment_id)
        .where(c.c.document_id == doc_id, c.c.lang == lang)
        .order_by(c.c.id.desc())
        .limit(limit)
    ).all()
    moves = status_log.changes(conn, doc_id, lang, limit)
    events = [
        Event(r.at, r.user, r.action, r.position, r.before, r.after) for r in revs
    ]
    events += [Event(n.at, n.user, "comment", n.position, "", n.text) for n in notes]
    events += [
        Event(m.at, m.user, m.action, None, "", m.reason, m.status) for m in moves
    ]
    events += [
        Event(d.at, d.user, d.action, d.position, d.subject, d.reason)
        for d in decisions.decisions(conn, doc_id, lang, limit)
    ]
    return sorted(events, key=lambda e: e.at, reverse=True)[:limit]


def segment_comments(
    conn: Connection, doc_id: int, lang: str
) -> dict[int, list[tuple[str, datetime, str]]]:
    """Comments attached to segments, by segment id: (who, when, text), oldest first."""
    c = t.comments
    found: dict[int, list[tuple[str, datetime, str]]] = {}
    for r in conn.execute(
        select(c.c.segment_id, c.c.user, c.c.at, c.c.text)
        .where(c.c.document_id == doc_id, c.c.lang == lang, c.c.segment_id.is_not(None))
        .order_by(c.c.id)
    ):
        found.setdefault(r.segment_id, []).append((r.user, r.at, r.text))
    return found


def document_title(conn: Connection, doc_id: int) -> str:
    return conn.execute(
        select(t.documents.c.title).where(t.documents.c.id == doc_id)
    ).scalar_one()


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log: who did what, when."""

    at: datetime
    user: str
    action: str
    detail: str


def audit_entries(
    conn: Connection, action: str | None = None, limit: int = 100
) -> list[AuditEntry]:
    """The newest audit-log lines, optionally of one action."""
    query = select(t.audit_log).order_by(t.audit_log.c.id.desc()).limit(limit)
    if action:
        query = query.where(t.audit_log.c.action == action)
    return [AuditEntry(r.at, r.user, r.action, r.detail) for r in conn.execute(query)]


def add_human_translation(
    conn: Connection, segment_id: int, lang: str, text: str, *, user: str
) -> int:
    """A person's first translation of a segment that has no draft; ConflictError if one appeared meanwhile."""
    taken = conn.execute(
        select(t.translations.c.id).where(
            t.translations.c.segment_id == segment_id, t.translations.c.lang == lang
        )
    ).first()
    if taken:
        raise ConflictError(ids.TRANSLATED_MEANWHILE())
    stamp = datetime.now(UTC)
    tid = inserted_id(
        conn.execute(
            insert(t.translations).values(
                segment_id=segment_id,
                lang=lang,
                text=text,
                origin=Origin.HUMAN.value,
                engine="",
                glossary_version="",
                mt_text="",
                version=1,
                updated_at=stamp,
                updated_by=user,
            )
        )
    )
    conn.execute(
        insert(t.revisions).values(
            translation_id=tid,
            user=user,
            at=stamp,
            action="translate",
            before="",
            after=text,
        )
    )
    progress.refresh_segments(conn, [segment_id])
    return tid


def current_segment(
    conn: Connection, doc_id: int, segment_id: int
) -> StoredSegment | None:
    """The segment if it belongs to the document's current revision, else None."""
    d, s = t.documents, t.segments
    row = conn.execute(
        select(s)
        .join(d, and_(d.c.id == s.c.document_id, d.c.revision == s.c.revision))
        .where(s.c.id == segment_id, s.c.document_id == doc_id)
    ).first()
    return StoredSegment.of(row) if row else None


def translation_text(conn: Connection, translation_id: int) -> str:
    return conn.execute(
        select(t.translations.c.text).where(t.translations.c.id == translation_id)
    ).scalar_one()
