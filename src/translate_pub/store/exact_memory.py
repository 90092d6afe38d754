"""The exact memory as the editor shows it: for each source, one 100% match with where it came
from. The newest approved unit of another document comes first (a human translation, or machine
translation approved as drafted, with who approved it and when), else the newest imported unit
(with its file), the order in which `translations.memory_lookups` fills drafts from memory.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, and_, bindparam, exists, select

from translate_pub.model import Status
from translate_pub.store import imported, memory
from translate_pub.store import schema as t
from translate_pub.store.memory import Entry


def exact_units(
    conn: Connection, sources: Iterable[str], lang: str, exclude_doc: int
) -> dict[str, Entry]:
    """One match per source that has any (absent: none), approved here before imported."""
    s, tr, st = t.segments, t.translations, t.doc_status
    newest = (
        select(s.c.id)
        .join(tr, and_(tr.c.segment_id == s.c.id, tr.c.lang == lang))
        .join(st, and_(st.c.document_id == s.c.document_id, st.c.lang == lang))
        .where(
            s.c.source == bindparam("source"),
            s.c.document_id != exclude_doc,
            st.c.status >= int(Status.APPROVED),
            tr.c.text != "",
            ~exists().where(
                t.omissions.c.segment_id == s.c.id, t.omissions.c.lang == lang
            ),  # left out by a reviewer: not approved text
        )
        .order_by(s.c.id.desc())
        .limit(1)
    )
    texts = list(dict.fromkeys(sources))
    ids = {
        src: found
        for src in texts
        if (found := conn.execute(newest, {"source": src}).scalar()) is not None
    }
    # memory's own reading of a segment as a unit: provenance, approver and day
    units = memory._entries(conn, set(ids.values()), lang)  # noqa: SLF001
    approved = {src: units[i] for src, i in ids.items() if i in units}
    rest = [src for src in texts if src not in approved]
    return imported.exact_units(conn, rest, lang) | approved
