"""Translations of segments, the per-language document status, and revision history."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    Connection,
    Row,
    and_,
    bindparam,
    delete,
    exists,
    func,
    insert,
    select,
    update,
)

from translate_pub import msgids as ids
from translate_pub.errors import ConflictError
from translate_pub.model import DocStatus, Origin, Status
from translate_pub.store import dismissals, imported, progress, search
from translate_pub.store import schema as t
from translate_pub.store.db import any_of, ids_in, upsert


def now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Pending:
    """A segment of a document's current revision that has no translation yet."""

    segment_id: int
    document_id: int
    source: str


def pending_segments(
    conn: Connection,
    lang: str,
    document_ids: list[int] | None = None,
    *,
    source_lang: str | None = None,
) -> list[Pending]:
    """Segments with no translation into `lang`, of documents written in another language
    (`source_lang`: only those written in it, so one engine run has one direction)."""
    d, s, tr = t.documents, t.segments, t.translations
    # A machine row with empty text is an engine miss: shown as untranslated, and retried.
    has_translation = exists().where(
        tr.c.segment_id == s.c.id,
        tr.c.lang == lang,
        (tr.c.text != "") | (tr.c.origin != Origin.MACHINE.value),
    )
    query = (
        select(s.c.id, s.c.document_id, s.c.source)
        .join(d, and_(d.c.id == s.c.document_id, d.c.revision == s.c.revision))
        .where(~has_translation, d.c.source_lang != lang)
        .order_by(s.c.document_id, s.c.position)
    )
    if source_lang is not None:
        query = query.where(d.c.source_lang == source_lang)
    if document_ids is not None:
        query = query.where(ids_in(s.c.document_id, document_ids))
    return [Pending(r.id, r.document_id, r.source) for r in conn.execute(query)]


def save_machine(
    conn: Connection,
    segment_id: int,
    lang: str,
    text: str,
    *,
    origin: Origin,
    engine: str,
    glossary_version: str,
) -> bool:
    """Store one machine or memory draft (`text=""` records an engine miss); see `save_machines`."""
    draft = MachineDraft(segment_id, text, origin, engine, glossary_version)
    return segment_id in save_machines(conn, lang, [draft])


def _all_drafted(conn: Connection, doc_id: int, lang: str) -> bool:
    """Every current segment has a translation row (text, or a recorded engine miss)."""
    d, s, tr = t.documents, t.segments, t.translations
    missing = conn.execute(
        select(func.count())
        .select_from(s)
        .join(d, and_(d.c.id == s.c.document_id, d.c.revision == s.c.revision))
        .where(
            s.c.document_id == doc_id,
            ~exists().where(tr.c.segment_id == s.c.id, tr.c.lang == lang),
        )
    ).scalar_one()
    return missing == 0


def fully_drafted(conn: Connection, document_ids: set[int], lang: str) -> list[int]:
    """Those of these documents whose every segment has been through MT (the workflow then queues them)."""
    return [d for d in sorted(document_ids) if _all_drafted(conn, d, lang)]


def get_status(
    conn: Connection, doc_id: int, lang: str, *, share: bool = False
) -> DocStatus | None:
    """The document's status in `lang`; with `share`, the row is held (FOR SHARE, PostgreSQL)
    until the transaction ends: a text save holds it so that an approval, which locks it,
    never freezes text a save changes under it (the save waits, then finds it approved)."""
    query = select(t.doc_status).where(
        t.doc_status.c.document_id == doc_id, t.doc_status.c.lang == lang
    )
    r = conn.execute(query.with_for_update(read=True) if share else query).first()
    if r is None:
        return None
    return DocStatus(
        r.document_id,
        r.lang,
        Status(r.status),
        r.version,
        r.assignee,
        r.updated_at,
        r.translated,
        r.segments,
        r.words_left,
    )


def assign(
    conn: Connection, doc_id: int, lang: str, assignee: str, *, expected_version: int
) -> int:
    """Give the document to `assignee` ("" for nobody) if nobody changed it since `expected_version`;
    returns the new version. Its status is the workflow's (store/workflow.py)."""
    changed = conn.execute(
        update(t.doc_status)
        .where(
            t.doc_status.c.document_id == doc_id,
            t.doc_status.c.lang == lang,
            t.doc_status.c.version == expected_version,
        )
        .values(assignee=assignee, version=expected_version + 1, updated_at=now())
    ).rowcount
    if not changed:
        raise ConflictError(ids.DOC_CHANGED(doc=doc_id, lang=lang))
    return expected_version + 1


def edit_translation(
    conn: Connection,
    translation_id: int,
    text: str,
    *,
    user: str,
    expected_version: int,
    action: str = "edit",
    page: str = "",
    raised: Collection[str] | None = None,
) -> int:
    """Save a human edit with optimistic locking, recording a revision; returns the new version.

    Saving the text it already has writes nothing (autosave after a pause with no change). `raised`:
    the issue keys QA finds in the new text; dismissals of those problems stay (see dismissals.keep_only).
    """
    row = conn.execute(
        select(t.translations).where(t.translations.c.id == translation_id)
    ).first()
    if row is None:
        raise ConflictError(ids.TRANSLATION_GONE(id=translation_id))
    if row.version != expected_version:
        raise EditConflict(row.text, row.version, row.updated_by)
    if row.text == text:
        return row.version
    changed = conn.execute(
        update(t.translations)
        .where(
            t.translations.c.id == translation_id,
            t.translations.c.version == expected_version,
        )
        .values(
            text=text,
            origin=Origin.HUMAN.value,
            version=expected_version + 1,
            updated_at=now(),
            updated_by=user,
        )
    ).rowcount
    if not changed:
        raise ConflictError(ids.SAVED_MEANWHILE())
    _revision(conn, translation_id, user, action, row.text, text, page)
    if bool(row.text) != bool(text):
        progress.refresh_segments(
            conn, [row.segment_id]
        )  # reindexes the search terms too
    else:
        search.reindex_titles(conn, [row.segment_id])
    if row.text != text:
        dismissals.keep_only(conn, translation_id, raised, user)
    return expected_version + 1


class EditConflict(ConflictError):
    """Someone saved the segment since the version the editor started from; carries their text."""

    def __init__(self, theirs: str, version: int, user: str) -> None:
        self.theirs, self.version, self.user = theirs, version, user
        super().__init__(
            ids.EDIT_CONFLICT_BY(user=user) if user else ids.EDIT_CONFLICT()
        )


# Autosave saves after every pause in typing; consecutive edits of one segment from one editor page
# (one tab's load, `page`) within this span are one revision in History (its "before" is the text they
# started from). Saves from another tab or session, or by anyone else, always start a row of their own,
# so no saved text is hidden from History.
COALESCE = timedelta(minutes=2)


def _revision(
    conn: Connection,
    translation_id: int,
    user: str,
    action: str,
    before: str,
    after: str,
    page: str = "",
) -> None:
    rv, stamp = t.revisions, now()
    last = conn.execute(
        select(rv.c.id, rv.c.user, rv.c.action, rv.c.at, rv.c.before, rv.c.page)
        .where(rv.c.translation_id == translation_id)
        .order_by(rv.c.id.desc())
        .limit(1)
    ).first()
    if (
        last is not None
        and page
        and last.page == page
        and last.user == user
        and last.action == action == "edit"
        and stamp - last.at < COALESCE
    ):
        if last.before == after:  # typed and undone: nothing happened
            conn.execute(delete(rv).where(rv.c.id == last.id))
        else:
            conn.execute(
                update(rv).where(rv.c.id == last.id).values(after=after, at=stamp)
            )
        return
    conn.execute(
        insert(rv).values(
            translation_id=translation_id,
            user=user,
            at=stamp,
            action=action,
            before=before,
            after=after,
            page=page,
        )
    )


@dataclass(frozen=True)
class MachineDraft:
    """One segment's draft for `save_machines`."""

    segment_id: int
    text: str
    origin: Origin
    engine: str
    glossary_version: str


def save_machines(conn: Connection, lang: str, drafts: list[MachineDraft]) -> set[int]:
    """Store machine or memory drafts in a few statements; returns the segment ids saved.

    Idempotent: existing text is never overwritten, a recorded miss (empty text) is
    filled in by a later engine that has output, and when two runs draft the same
    segment at once, the row inserted first wins.
    """
    saved: set[int] = set()
    for i in range(
        0, len(drafts), 500
    ):  # keep the IN list within every backend's parameter limit
        saved |= _save_chunk(conn, lang, drafts[i : i + 500])
    progress.refresh_segments(conn, saved)
    return saved


# Built once (building costs more than SQLite running it): a store load reads it per article.
_DRAFTS = select(
    t.translations.c.id,
    t.translations.c.segment_id,
    t.translations.c.text,
    t.translations.c.origin,
).where(
    any_of(t.translations.c.segment_id, "ids"),
    t.translations.c.lang == bindparam("lang"),
)


_NEW_DRAFTS: dict[str, Any] = {}  # per dialect, built once as _DRAFTS


def _new_drafts(conn: Connection) -> Any:
    """INSERT … ON CONFLICT DO NOTHING RETURNING segment_id: the row inserted first wins."""
    name, tr = conn.dialect.name, t.translations
    if name not in _NEW_DRAFTS:
        insert = upsert(conn, tr).on_conflict_do_nothing()
        _NEW_DRAFTS[name] = insert.returning(tr.c.segment_id)
    return _NEW_DRAFTS[name]


def _save_chunk(conn: Connection, lang: str, drafts: list[MachineDraft]) -> set[int]:
    tr = t.translations
    existing = _draft_rows(conn, [d.segment_id for d in drafts], lang)
    fresh = [d for d in drafts if d.segment_id not in existing]
    saved: set[int] = set()
    if fresh:
        stamp = now()
        rows = [
            {
                "segment_id": d.segment_id,
                "lang": lang,
                "version": 1,
                **_draft_values(d, stamp),
            }
            for d in fresh
        ]
        saved = set(conn.execute(_new_drafts(conn), rows).scalars())
        raced = [d.segment_id for d in fresh if d.segment_id not in saved]
        if raced:  # inserted meanwhile by a concurrent run: treat like any existing row
            existing.update(_draft_rows(conn, raced, lang))
    for d in drafts:
        row = existing.get(d.segment_id)
        if (
            row is None
            or d.segment_id in saved
            or row.text
            or row.origin != Origin.MACHINE.value
            or not d.text
        ):
            continue
        if conn.execute(
            update(tr)
            .where(tr.c.id == row.id, tr.c.text == "")
            .values(version=tr.c.version + 1, **_draft_values(d, now()))
        ).rowcount:
            saved.add(d.segment_id)
    return saved


def _draft_values(d: MachineDraft, stamp: datetime) -> dict[str, Any]:
    return {
        "text": d.text,
        "origin": d.origin.value,
        "engine": d.engine,
        "glossary_version": d.glossary_version,
        "mt_text": d.text,
        "updated_at": stamp,
        "updated_by": d.engine,
    }


def _draft_rows(
    conn: Connection, segment_ids: list[int], lang: str
) -> dict[int, Row[Any, Any, Any, Any]]:
    rows = conn.execute(_DRAFTS, {"ids": [int(i) for i in segment_ids], "lang": lang})
    return {r.segment_id: r for r in rows}


def memory_lookups(
    conn: Connection, sources: Iterable[str], lang: str, exclude_doc: int | None = None
) -> dict[str, str]:
    """The exact memory: for each of these source texts, the newest approved translation, human
    or machine approved as drafted (newest segment first; in documents other than
    `exclude_doc`), else the newest imported one
    (store/imported.py); texts without a match are absent. The MT pipeline's memory fill and
    the editor's exact matches both read it.

    One small query per distinct source: walking the source index newest-first stops at the
    first hit, so boilerplate repeated in thousands of articles costs no more than a rare line.
    The statement is built once with the source as a parameter: building 30 of them cost more
    than running them.
    """
    s, tr, st = t.segments, t.translations, t.doc_status
    newest = (
        select(tr.c.text)
        .select_from(s)
        .join(tr, and_(tr.c.segment_id == s.c.id, tr.c.lang == lang))
        .join(st, and_(st.c.document_id == s.c.document_id, st.c.lang == lang))
        .where(
            s.c.source == bindparam("source"),
            st.c.status >= int(Status.APPROVED),
            tr.c.text != "",
            ~exists().where(
                t.omissions.c.segment_id == s.c.id, t.omissions.c.lang == lang
            ),  # left out by a reviewer: not approved text
        )
        .order_by(s.c.id.desc())
        .limit(1)
    )
    if exclude_doc is not None:
        newest = newest.where(s.c.document_id != exclude_doc)
    texts = list(dict.fromkeys(sources))
    found = {}
    for source in texts:
        text = conn.execute(newest, {"source": source}).scalar()
        if text is not None:
            found[source] = text
    return (
        imported.exact(conn, [src for src in texts if src not in found], lang) | found
    )
