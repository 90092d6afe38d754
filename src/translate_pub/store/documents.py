"""Documents, their source revisions and segments: save with dedupe and change detection."""

from __future__ import annotations

import gzip
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Row, and_, bindparam, func, insert, select, update

from translate_pub import msgids as ids
from translate_pub.errors import ParseError
from translate_pub.model import Document, Segment, Status
from translate_pub.store import omissions, progress, search
from translate_pub.store import schema as t
from translate_pub.store.db import inserted_id
from translate_pub.store.rows import StoredDocument, StoredSegment
from translate_pub.store.slugs import unique_slug


@dataclass(frozen=True)
class Saved:
    """What saving a document did: created, updated (new revision) or unchanged."""

    document_id: int
    outcome: str  # "created" | "updated" | "unchanged"
    revision: int


def now() -> datetime:
    return datetime.now(UTC)


def save_document(conn: Connection, doc: Document, targets: tuple[str, ...]) -> Saved:
    """Insert a new document, or a new revision of a changed one; unchanged is a no-op.

    Dedupe is by canonical URL, change detection by content hash; a revision in another
    language than the document's is refused (ParseError). On a new revision,
    segments whose source text is unchanged keep their translations. Statuses are the workflow's:
    call `workflow.save_document`, which also turns an approved translation STALE.
    """
    row = conn.execute(_BY_URL, {"url": doc.canonical_url}).first()
    if row is None:
        return _create(conn, doc, targets)
    if row.source_lang != doc.source_lang:
        # Its segments, translations and editions are all in the first language's terms.
        raise ParseError(
            doc.canonical_url,
            ids.LANG_CHANGED(
                doc=row.title or doc.canonical_url,
                was=row.source_lang,
                now=doc.source_lang,
            ),
        )
    if row.content_hash == doc.content_hash:
        return Saved(row.id, "unchanged", row.revision)
    return _revise(conn, row, doc, targets)


# Built once (building a statement costs more than SQLite running it): every new document
# or revision writes and reads these.
_NEW_DOCUMENT = insert(t.documents)
_NEW_STATUS = insert(t.doc_status)
_ARCHIVE = insert(t.source_revisions)
# (no RETURNING: SQLite runs an executemany's rows as one-row statements, where a multi-row
# INSERT … RETURNING needs a statement journal, twice the bytes written an article)
_NEW_SEGMENTS = insert(t.segments)
_SEGMENT_IDS = (
    select(t.segments.c.id)
    .where(
        t.segments.c.document_id == bindparam("doc"),
        t.segments.c.revision == bindparam("rev"),
    )
    .order_by(t.segments.c.position)
)
_BY_URL = select(t.documents).where(t.documents.c.canonical_url == bindparam("url"))
_SEGMENTS = (  # a StoredSegment's fields, in order, of the document's current revision
    select(*(t.segments.c[f.name] for f in fields(StoredSegment)))
    .join(
        t.documents,
        and_(
            t.documents.c.id == t.segments.c.document_id,
            t.documents.c.revision == t.segments.c.revision,
        ),
    )
    .where(t.segments.c.document_id == bindparam("doc"))
    .order_by(t.segments.c.position)
)


def _create(conn: Connection, doc: Document, targets: tuple[str, ...]) -> Saved:
    slug = unique_slug(conn, doc.title or doc.canonical_url)
    doc_id = inserted_id(
        conn.execute(
            _NEW_DOCUMENT,
            {
                "source_lang": doc.source_lang,
                "outlet": doc.outlet,
                "title": doc.title,
                "url": doc.url,
                "canonical_url": doc.canonical_url,
                "slug": slug,
                "content_hash": doc.content_hash,
                "revision": 1,
                "published_at": doc.published_at,
                "fetched_at": doc.fetched_at or now(),
                "tags": list(doc.tags),
                "kind": doc.kind,
            },
        )
    )
    _archive(conn, doc_id, 1, doc)
    _insert_segments(conn, doc_id, 1, doc.segments)  # their ids are not needed here
    # Its progress and search terms from what is written here (progress.refresh would read
    # them back): nothing is translated nor left out yet.
    sources = [s.source for s in sorted(doc.segments, key=lambda s: s.position)]
    fresh = progress.untouched(sources)
    if targets:
        stamp = now()
        conn.execute(
            _NEW_STATUS,
            [
                {
                    "document_id": doc_id,
                    "lang": lang,
                    "status": int(Status.NEW),
                    "version": 1,
                    "updated_at": stamp,
                    "translated": fresh.translated,
                    "segments": fresh.segments,
                    "words_left": fresh.words_left,
                }
                for lang in targets
            ],
        )
    search.index_new(conn, doc_id, doc.title, sources)
    return Saved(doc_id, "created", 1)


def _revise(
    conn: Connection, row: Row[Any], doc: Document, targets: tuple[str, ...]
) -> Saved:
    revision = row.revision + 1
    conn.execute(
        update(t.documents)
        .where(t.documents.c.id == row.id)
        .values(
            title=doc.title,
            url=doc.url,
            content_hash=doc.content_hash,
            revision=revision,
            published_at=doc.published_at or row.published_at,
            fetched_at=doc.fetched_at or now(),
            tags=list(doc.tags) or row.tags,
        )
    )
    _archive(conn, row.id, revision, doc)
    _insert_segments(conn, row.id, revision, doc.segments)
    new_ids = list(
        conn.execute(_SEGMENT_IDS, {"doc": row.id, "rev": revision}).scalars()
    )
    _carry_translations(conn, row.id, row.revision, doc.segments, new_ids)
    omissions.carry(
        conn,
        row.id,
        row.revision,
        [(g.source, g.block, i) for g, i in zip(doc.segments, new_ids, strict=True)],
    )
    stamp = now()
    for lang in targets:
        st = conn.execute(
            select(t.doc_status).where(
                t.doc_status.c.document_id == row.id, t.doc_status.c.lang == lang
            )
        ).first()
        if st is None:
            conn.execute(
                insert(t.doc_status).values(
                    document_id=row.id,
                    lang=lang,
                    status=int(Status.NEW),
                    version=1,
                    updated_at=stamp,
                )
            )
    progress.refresh(conn, [row.id])
    return Saved(row.id, "updated", revision)


def _archive(conn: Connection, doc_id: int, revision: int, doc: Document) -> None:
    conn.execute(
        _ARCHIVE,
        {
            "document_id": doc_id,
            "revision": revision,
            "url": doc.url,
            "fetched_at": doc.fetched_at or now(),
            "content_hash": doc.content_hash,
            "content_type": doc.raw_content_type,
            "raw_gz": gzip.compress(doc.raw, mtime=0),
        },
    )


def _insert_segments(
    conn: Connection, doc_id: int, revision: int, segs: tuple[Segment, ...]
) -> None:
    """Insert in one batch (a row at a time was most of an ingest's cost)."""
    if not segs:
        return
    conn.execute(
        _NEW_SEGMENTS,
        [
            {
                "document_id": doc_id,
                "revision": revision,
                "position": s.position,
                "paragraph": s.paragraph,
                "sentence": s.sentence,
                "block": s.block,
                "source": s.source,
                "markup": s.markup,
            }
            for s in segs
        ],
    )


def _carry_translations(
    conn: Connection,
    doc_id: int,
    old_rev: int,
    segs: tuple[Segment, ...],
    new_ids: list[int],
) -> None:
    """Copy translations of segments whose source text did not change into the new revision."""
    old = (
        conn.execute(
            select(t.segments.c.source, t.translations)
            .join(t.translations, t.translations.c.segment_id == t.segments.c.id)
            .where(t.segments.c.document_id == doc_id, t.segments.c.revision == old_rev)
        )
        .mappings()
        .all()
    )
    by_source: dict[
        str, dict[str, dict]
    ] = {}  # source text → language → translation row
    for r in old:
        by_source.setdefault(r["source"], {}).setdefault(r["lang"], dict(r))
    for seg, new_id in zip(segs, new_ids, strict=True):
        for tr in by_source.get(seg.source, {}).values():
            values = {
                k: v for k, v in tr.items() if k not in ("id", "source", "segment_id")
            }
            conn.execute(insert(t.translations).values(segment_id=new_id, **values))


def current_segments(conn: Connection, doc_id: int) -> list[StoredSegment]:
    return [StoredSegment(*r) for r in conn.execute(_SEGMENTS, {"doc": doc_id})]


def find_by_url(conn: Connection, *urls: str) -> StoredDocument | None:
    """The document fetched from, or canonically at, any of `urls`; None if not stored yet."""
    d = t.documents
    row = conn.execute(
        select(d).where(d.c.url.in_(urls) | d.c.canonical_url.in_(urls)).limit(1)
    ).first()
    return StoredDocument.of(row) if row else None


def get_document(conn: Connection, doc_id: int) -> StoredDocument | None:
    row = conn.execute(select(t.documents).where(t.documents.c.id == doc_id)).first()
    return StoredDocument.of(row) if row else None


def archived_raw(conn: Connection, doc_id: int, revision: int) -> bytes:
    gz = conn.execute(
        select(t.source_revisions.c.raw_gz).where(
            t.source_revisions.c.document_id == doc_id,
            t.source_revisions.c.revision == revision,
        )
    ).scalar_one()
    return gzip.decompress(gz)


def status_counts(
    conn: Connection, lang: str | None = None
) -> dict[str, dict[Status, int]]:
    """Language → how many documents stand at each status (every status present, zeros included),
    for every language with documents, or for `lang` only (the queue's tabs, `translate-pub status`)."""
    query = (
        select(t.doc_status.c.lang, t.doc_status.c.status, func.count())
        .group_by(t.doc_status.c.lang, t.doc_status.c.status)
        .order_by(t.doc_status.c.lang)
    )
    if lang is not None:
        query = query.where(t.doc_status.c.lang == lang)
    counts: dict[str, dict[Status, int]] = (
        {lang: dict.fromkeys(Status, 0)} if lang is not None else {}
    )
    for row_lang, status, n in conn.execute(query):
        counts.setdefault(row_lang, dict.fromkeys(Status, 0))[Status(status)] = n
    return counts
