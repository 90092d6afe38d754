"""The review queue: documents per target language, filtered, counted and paginated."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Connection, Select, and_, exists, func, select

from translate_pub.model import Status
from translate_pub.store import schema as t
from translate_pub.store import search
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
    search: str = (
        ""  # words that must all occur in a title or the source text (see store.search)
    )
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


def _status_where(f: QueueFilter, dialect: str) -> list[ColumnElement[bool]]:
    """The filter's conditions on `doc_status` (the outlet is the one condition on documents)."""
    st = t.doc_status
    clauses = [st.c.lang == f.lang]
    if f.search.strip():
        clauses.append(search.matching(dialect, f.search))
    if f.stale:
        clauses.append(st.c.status == int(Status.STALE))
    elif f.status is not None:
        clauses.append(st.c.status == int(f.status))
    if f.assignee:
        clauses.append(st.c.assignee == f.assignee)
    if f.outlet:
        clauses.append(
            st.c.document_id.in_(
                select(t.documents.c.id).where(t.documents.c.outlet == f.outlet)
            )
        )
    return clauses


def _ordered_ids(f: QueueFilter, where: list[ColumnElement[bool]]) -> Select[int]:
    """The ids the filter finds, in its sort order, without sorting documents and doc_status joined
    (10,000 rows sorted per page): by age, documents walk their fetched_at index, each checked
    against the filter (EXISTS, so a page stops early); by progress, doc_status rows alone are
    sorted on the share of segments translated (least done first)."""
    d, st = t.documents, t.doc_status
    if f.sort in ("progress", "-progress"):
        share = (st.c.translated * 1.0) / func.coalesce(
            func.nullif(st.c.segments, 0), 1
        )
        order = (
            (share.asc(), st.c.words_left.desc())
            if f.sort == "progress"
            else (share.desc(), st.c.words_left.asc())
        )
        return (
            select(st.c.document_id)
            .where(*where)
            .order_by(*order, st.c.document_id.asc())
        )
    age = (
        (d.c.fetched_at.asc(), d.c.id.asc())
        if f.sort == "oldest"
        else (d.c.fetched_at.desc(), d.c.id.desc())
    )
    return (
        select(d.c.id)
        .where(exists().where(st.c.document_id == d.c.id, *where))
        .order_by(*age)
    )


def queue_page(conn: Connection, f: QueueFilter) -> QueuePage:
    """One page of the queue in `f.sort` order."""
    d, st = t.documents, t.doc_status
    where = _status_where(f, conn.dialect.name)
    total = conn.execute(
        select(func.count()).select_from(st).where(*where)
    ).scalar_one()
    pages = max(1, -(-total // f.per_page))
    page = min(max(1, f.page), pages)
    ids = list(
        conn.execute(
            _ordered_ids(f, where).limit(f.per_page).offset((page - 1) * f.per_page)
        ).scalars()
    )
    found = {
        r.id: r
        for r in conn.execute(
            select(
                d.c.id,
                d.c.title,
                d.c.outlet,
                d.c.fetched_at,
                d.c.published_at,
                st.c.status,
                st.c.assignee,
                st.c.translated,
                st.c.segments,
                st.c.words_left,
            )
            .join(st, st.c.document_id == d.c.id)
            .where(ids_in(d.c.id, ids), st.c.lang == f.lang)
        )
    }
    rows = [found[i] for i in ids]
    titles = _title_targets(conn, ids, f.lang)
    return QueuePage(
        [
            QueueRow(
                r.id,
                r.title,
                r.outlet,
                Status(r.status),
                r.assignee,
                r.fetched_at,
                r.published_at,
                Progress(r.translated, r.segments, r.words_left),
                titles.get(r.id, ""),
            )
            for r in rows
        ],
        total,
        page,
        pages,
    )


def filtered_ids(conn: Connection, f: QueueFilter, limit: int) -> list[int]:
    """Every document the filter finds, in its sort order (not paged), up to `limit` + 1 so a
    caller can tell that there were more."""
    return list(
        conn.execute(
            _ordered_ids(f, _status_where(f, conn.dialect.name)).limit(limit + 1)
        ).scalars()
    )


def _title_targets(conn: Connection, doc_ids: list[int], lang: str) -> dict[int, str]:
    """The translation of each document's current title, for one page only (a column
    subquery would run for every row of the filter before sorting)."""
    d, s, tr = t.documents, t.segments, t.translations
    return {
        r.document_id: r.text
        for r in conn.execute(
            select(s.c.document_id, tr.c.text)
            .join(s, s.c.id == tr.c.segment_id)
            .join(d, and_(d.c.id == s.c.document_id, d.c.revision == s.c.revision))
            .where(
                ids_in(s.c.document_id, doc_ids),
                s.c.block == "title",
                tr.c.lang == lang,
                tr.c.text != "",
            )
        )
    }


def outlets(conn: Connection) -> list[str]:
    return list(
        conn.execute(
            select(t.documents.c.outlet).distinct().order_by(t.documents.c.outlet)
        ).scalars()
    )


def document_ids(
    conn: Connection, lang: str, statuses: tuple[Status, ...]
) -> list[int]:
    """Documents standing at one of `statuses` in `lang`, oldest id first (for bulk export)."""
    return list(
        conn.execute(
            select(t.doc_status.c.document_id)
            .where(
                t.doc_status.c.lang == lang,
                t.doc_status.c.status.in_([int(s) for s in statuses]),
            )
            .order_by(t.doc_status.c.document_id)
        ).scalars()
    )
