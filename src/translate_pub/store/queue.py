"""The review queue: documents per target language, filtered, counted and paginated."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, and_, func, select

from translate_pub.model import Status
from translate_pub.store import schema as t
from translate_pub.store.db import ids_in
from translate_pub.store.progress import Progress

SORTS = ("newest", "oldest", "progress", "-progress")


@dataclass(frozen=True)
class QueueFilter:
    lang: str
    status: Status | None = None
    outlet: str | None = None
    assignee: str | None = None
    stale: bool = False
    sort: str = "newest"  # one of SORTS
    search: str = ""  # words that must all occur in the title or the source text
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
    progress: Progress
    title_target: str  # the title's translation, "" until there is one


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    total: int
    page: int
    pages: int


def _order(sort: str) -> tuple:  # type: ignore[type-arg]
    """ORDER BY for a SORTS name: age, or the share of segments translated (least done first)."""
    d, st = t.documents, t.doc_status
    share = (st.c.translated * 1.0) / func.coalesce(func.nullif(st.c.segments, 0), 1)
    return {"oldest": (d.c.fetched_at.asc(), d.c.id.asc()),
            "progress": (share.asc(), st.c.words_left.desc(), d.c.id.asc()),
            "-progress": (share.desc(), st.c.words_left.asc(), d.c.id.asc())}.get(
        sort, (d.c.fetched_at.desc(), d.c.id.desc()))


def _search(text: str):  # type: ignore[no-untyped-def]
    """Every word of `text` in the document's case-folded title and source text."""
    ds = t.doc_search
    words = [w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for w in text.casefold().split()]
    return t.doc_status.c.document_id.in_(
        select(ds.c.document_id).where(*(ds.c.text.like(f"%{w}%", escape="\\") for w in words)))


def _where(f: QueueFilter):  # type: ignore[no-untyped-def]
    d, st = t.documents, t.doc_status
    clauses = [st.c.lang == f.lang]
    if f.search.strip():
        clauses.append(_search(f.search))
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
    """One page of the queue in `f.sort` order."""
    d, st = t.documents, t.doc_status
    where = _where(f)
    # Only the outlet filter needs documents: counting doc_status alone stays on its index.
    counted = st.join(d, d.c.id == st.c.document_id) if f.outlet else st
    total = conn.execute(select(func.count()).select_from(counted).where(*where)).scalar_one()
    pages = max(1, -(-total // f.per_page))
    page = min(max(1, f.page), pages)
    rows = conn.execute(
        select(d.c.id, d.c.title, d.c.outlet, d.c.fetched_at, d.c.published_at, st.c.status, st.c.assignee,
               st.c.translated, st.c.segments, st.c.words_left)
        .join(st, st.c.document_id == d.c.id).where(*where).order_by(*_order(f.sort))
        .limit(f.per_page).offset((page - 1) * f.per_page)).all()
    titles = _title_targets(conn, [r.id for r in rows], f.lang)
    return QueuePage([QueueRow(r.id, r.title, r.outlet, Status(r.status), r.assignee, r.fetched_at, r.published_at,
                               Progress(r.translated, r.segments, r.words_left), titles.get(r.id, ""))
                      for r in rows], total, page, pages)


def filtered_ids(conn: Connection, f: QueueFilter, limit: int) -> list[int]:
    """Every document the filter finds, in its sort order (not paged), up to `limit` + 1 so a
    caller can tell that there were more."""
    d, st = t.documents, t.doc_status
    return list(conn.execute(select(d.c.id).join(st, st.c.document_id == d.c.id).where(*_where(f))
                             .order_by(*_order(f.sort)).limit(limit + 1)).scalars())


def _title_targets(conn: Connection, doc_ids: list[int], lang: str) -> dict[int, str]:
    """The translation of each document's current title, for one page only (a column
    subquery would run for every row of the filter before sorting)."""
    d, s, tr = t.documents, t.segments, t.translations
    return {r.document_id: r.text for r in conn.execute(
        select(s.c.document_id, tr.c.text).join(s, s.c.id == tr.c.segment_id)
        .join(d, and_(d.c.id == s.c.document_id, d.c.revision == s.c.revision))
        .where(ids_in(s.c.document_id, doc_ids), s.c.block == "title", tr.c.lang == lang, tr.c.text != ""))}


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
