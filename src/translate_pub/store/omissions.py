"""Sentences a reviewer left out of a translation, with who, when and why: the only way a
sentence reaches readers without its text (as a marker saying so). Only the workflow
(`store/workflow.py`) decides one; this module keeps them and writes their History row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, and_, bindparam, delete, insert, select

from translate_pub.model import NAME_BLOCK
from translate_pub.store import decisions, progress
from translate_pub.store import schema as t


@dataclass(frozen=True)
class Omission:
    reason: str
    user: str
    at: datetime


def omit(conn: Connection, segment_id: int, lang: str, reason: str, user: str) -> None:
    o = t.omissions
    conn.execute(delete(o).where(o.c.segment_id == segment_id, o.c.lang == lang))
    conn.execute(
        insert(o).values(
            segment_id=segment_id,
            lang=lang,
            reason=reason,
            user=user,
            at=datetime.now(UTC),
        )
    )
    decisions.record(
        conn, segment_id, lang, user=user, action=decisions.OMIT, reason=reason
    )
    progress.refresh_segments(conn, [segment_id])


def unomit(conn: Connection, segment_id: int, lang: str, user: str) -> bool:
    """Undo an omission; False if the sentence was not omitted."""
    o = t.omissions
    gone = conn.execute(
        delete(o).where(o.c.segment_id == segment_id, o.c.lang == lang)
    ).rowcount
    if gone:
        decisions.record(conn, segment_id, lang, user=user, action=decisions.UNOMIT)
        progress.refresh_segments(conn, [segment_id])
    return bool(gone)


def left_out(
    conn: Connection, lang: str, *, segment_id: int = 0, translation_id: int = 0
) -> bool:
    """Whether a reviewer left this sentence (by its id, or a translation's) out of `lang`."""
    o, tr = t.omissions, t.translations
    query = select(o.c.segment_id).where(o.c.lang == lang)
    if translation_id:
        query = query.join(
            tr, and_(tr.c.segment_id == o.c.segment_id, tr.c.lang == o.c.lang)
        ).where(tr.c.id == translation_id)
    else:
        query = query.where(o.c.segment_id == segment_id)
    return conn.execute(query.limit(1)).first() is not None


_OMITTED = (  # built once: every editor page and approval reads it
    select(t.omissions)
    .join(t.segments, t.segments.c.id == t.omissions.c.segment_id)
    .join(
        t.documents,
        and_(
            t.documents.c.id == t.segments.c.document_id,
            t.documents.c.revision == t.segments.c.revision,
        ),
    )
    .where(
        t.segments.c.document_id == bindparam("doc"),
        t.omissions.c.lang == bindparam("lang"),
    )
)


def omitted_in(conn: Connection, doc_id: int, lang: str) -> dict[int, Omission]:
    """The omissions of a document's current revision, by segment id."""
    rows = conn.execute(_OMITTED, {"doc": doc_id, "lang": lang})
    return {r.segment_id: Omission(r.reason, r.user, r.at) for r in rows}


def carry(
    conn: Connection, doc_id: int, old_rev: int, new: Iterable[tuple[str, str, int]]
) -> None:
    """A new revision keeps the omissions of sentences whose source text did not change, as it
    keeps their translations: the decision stands on the same words. A sentence is the same
    when its text is and it is that text's same occurrence (the 2nd "Подробнее." stays the
    2nd), so a repeated sentence left out once is not left out everywhere; never onto a title
    or a name. Each carried omission gets its History row. `new`: (source, block, segment
    id) of the new revision's sentences, in order."""
    old = _old_omissions(conn, doc_id, old_rev)
    seen: Counter[str] = Counter()
    for source, block, new_id in new:
        seen[source] += 1
        if block in ("title", NAME_BLOCK):
            continue
        for lang, m in old.get((source, seen[source]), {}).items():
            conn.execute(
                insert(t.omissions).values(
                    segment_id=new_id, lang=lang, reason=m.reason, user=m.user, at=m.at
                )
            )
            decisions.record(
                conn,
                new_id,
                lang,
                user="ingest",
                action=decisions.OMIT,
                subject=f"revision {old_rev}",
                reason=m.reason,
            )


def _old_omissions(
    conn: Connection, doc_id: int, rev: int
) -> dict[tuple[str, int], dict[str, Omission]]:
    """A revision's omissions by (source text, its occurrence: 1 for the first) and language."""
    o, s = t.omissions, t.segments
    rows = conn.execute(
        select(s.c.id, s.c.source, o.c.lang, o.c.reason, o.c.user, o.c.at)
        .outerjoin(o, o.c.segment_id == s.c.id)
        .where(s.c.document_id == doc_id, s.c.revision == rev)
        .order_by(s.c.position)
    )
    seen: Counter[str] = Counter()
    last = None
    found: dict[tuple[str, int], dict[str, Omission]] = {}
    for r in rows:
        if r.id != last:
            seen[r.source] += 1
            last = r.id
        if r.lang is not None:
            found.setdefault((r.source, seen[r.source]), {})[r.lang] = Omission(
                r.reason, r.user, r.at
            )
    return found
