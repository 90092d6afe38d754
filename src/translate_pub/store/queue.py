"""The review queue: documents per target language, filtered, counted and paginated."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, func, select

from translate_pub.model import Status
from translate_pub.store import schema as t


@dataclass(frozen=True)
class QueueFilter:
    lang: str
    status: Status | None = None
    outlet: str | None = None
    assignee: str | None = None
    stale: bool = False
    oldest_first: bool = False
    page: int = 1
    per_page: int = 50


@dataclass(frozen=True)
class QueueRow:
    document_id: int
    title: str
    outlet: str
    status: Status
    assignee: str | None
    fetched_at: datetime
    published_at: datetime | None


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    total: int
    page: int
    pages: int


def _where(f: QueueFilter):  # type: ignore[no-untyped-def]
    d, st = t.documents, t.doc_status
    clauses = [st.c.lang == f.lang]
    if f.stale:
        clauses.append(st.c.status == int(Status.STALE))
    elif f.status is not None:
        clauses.append(st.c.status == int(f.status))
    if f.outlet:
        clauses.append(d.c.outlet == f.outlet)
    if f.assignee:
        clauses.append(st.c.assignee == f.assignee)
    return clauses


def queue_page(conn: Connection, f: QueueFilter) -> QueuePage:
    """One page of the queue, sorted by age (newest first unless `oldest_first`)."""
    d, st = t.documents, t.doc_status
    where = _where(f)
    # Only the outlet filter needs documents: counting doc_status alone stays on its index.
    counted = st.join(d, d.c.id == st.c.document_id) if f.outlet else st
    total = conn.execute(select(func.count()).select_from(counted).where(*where)).scalar_one()
    pages = max(1, -(-total // f.per_page))
    page = min(max(1, f.page), pages)
    order = (d.c.fetched_at.asc(), d.c.id.asc()) if f.oldest_first else (d.c.fetched_at.desc(), d.c.id.desc())
    rows = conn.execute(
        select(d.c.id, d.c.title, d.c.outlet, d.c.fetched_at, d.c.published_at, st.c.status, st.c.assignee)
        .join(st, st.c.document_id == d.c.id).where(*where).order_by(*order)
        .limit(f.per_page).offset((page - 1) * f.per_page)).all()
    return QueuePage([QueueRow(r.id, r.title, r.outlet, Status(r.status), r.assignee, r.fetched_at,
                               r.published_at) for r in rows], total, page, pages)


def status_counts(conn: Connection, lang: str) -> dict[Status, int]:
    """How many documents stand at each status in `lang` (every status present, zeros included)."""
    rows = conn.execute(select(t.doc_status.c.status, func.count()).where(t.doc_status.c.lang == lang)
                        .group_by(t.doc_status.c.status)).all()
    counts = {s: 0 for s in Status}
    counts.update({Status(r[0]): r[1] for r in rows})
    return counts


def outlets(conn: Connection) -> list[str]:
    return list(conn.execute(select(t.documents.c.outlet).distinct().order_by(t.documents.c.outlet)).scalars())


def document_ids(conn: Connection, lang: str, statuses: tuple[Status, ...]) -> list[int]:
    """Documents standing at one of `statuses` in `lang`, oldest id first (for bulk export)."""
    return list(conn.execute(select(t.doc_status.c.document_id).where(
        t.doc_status.c.lang == lang, t.doc_status.c.status.in_([int(s) for s in statuses]))
        .order_by(t.doc_status.c.document_id)).scalars())
