"""The stored texts as a corpus for terminology: every current source sentence, and the
translation pairs the newsroom stands behind (approved human translations and imported memory)."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Connection, and_, select

from translate_pub.model import Origin, Status
from translate_pub.store import schema as t


def source_sentences(conn: Connection) -> list[str]:
    """The sentences of every document's current revision, in document order."""
    d, s = t.documents, t.segments
    return list(
        conn.execute(
            select(s.c.source)
            .join(d, and_(d.c.id == s.c.document_id, d.c.revision == s.c.revision))
            .order_by(s.c.document_id, s.c.position)
        ).scalars()
    )


def translation_pairs(conn: Connection, lang: str) -> Iterator[tuple[str, str]]:
    """(source, translation) of approved human translations into `lang`, then of imported memory."""
    s, tr, st, mu = t.segments, t.translations, t.doc_status, t.memory_units
    approved = (
        select(s.c.source, tr.c.text)
        .join(tr, and_(tr.c.segment_id == s.c.id, tr.c.lang == lang))
        .join(st, and_(st.c.document_id == s.c.document_id, st.c.lang == lang))
        .where(
            st.c.status >= int(Status.APPROVED),
            tr.c.origin == Origin.HUMAN.value,
            tr.c.text != "",
        )
    )
    yield from ((r.source, r.text) for r in conn.execute(approved))
    yield from (
        (r.source, r.target)
        for r in conn.execute(select(mu.c.source, mu.c.target).where(mu.c.lang == lang))
    )
