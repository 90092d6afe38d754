"""How far along each document is in each target language, kept on its `doc_status` row.

`segments` is the number of sentences in the current revision, `translated` those whose
translation has text (a recorded engine miss does not count) or that a reviewer left out,
`words_left` the source words of the rest. Every write that can change these calls `refresh`, so the queue can show and
sort by progress without counting 300,000 segments per page. The same writes change what
the queue's search finds (a new revision, a title's translation), so `refresh` reindexes too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import Connection, and_, bindparam, select, update

from translate_pub.placeholders import PLACEHOLDER
from translate_pub.store import schema as t
from translate_pub.store import search
from translate_pub.store.db import ids_in

WORD = re.compile(r"\S*\w\S*")  # a URL or "12,5" is one word


def words(source: str) -> int:
    """Words of a source sentence, markup placeholders left out."""
    return len(WORD.findall(PLACEHOLDER.sub(" ", source)))


@dataclass(frozen=True)
class Progress:
    """Segments translated out of the total, and the source words still untranslated."""

    translated: int
    segments: int
    words_left: int

    @property
    def untranslated(self) -> bool:
        return self.translated == 0 and self.segments > 0


def refresh(conn: Connection, doc_ids: Collection[int]) -> None:
    """Recount the progress of these documents in every target language, and reindex their search terms."""
    _recount(conn, doc_ids)
    search.reindex(conn, doc_ids)


def refresh_segments(conn: Connection, segment_ids: Collection[int]) -> None:
    """Recount the documents these segments belong to after their translations changed. Of a
    translation only a title's is searchable, so only documents whose title is among them are
    reindexed (stemming a whole document per saved draft was most of a store load's time)."""
    if segment_ids:
        _recount(
            conn,
            set(
                conn.execute(
                    select(t.segments.c.document_id).where(
                        ids_in(t.segments.c.id, segment_ids)
                    )
                ).scalars()
            ),
        )
        search.reindex_titles(conn, segment_ids)


def _recount(conn: Connection, doc_ids: Collection[int]) -> None:
    if not doc_ids:
        return
    d, s, tr, st, o = (
        t.documents,
        t.segments,
        t.translations,
        t.doc_status,
        t.omissions,
    )
    current = and_(d.c.id == s.c.document_id, d.c.revision == s.c.revision)
    segs: dict[int, list[tuple[int, int]]] = defaultdict(
        list
    )  # document → (segment, words)
    for g in conn.execute(
        select(s.c.id, s.c.document_id, s.c.source)
        .join(d, current)
        .where(ids_in(s.c.document_id, doc_ids))
    ):
        segs[g.document_id].append((g.id, words(g.source)))
    done = {
        (r.segment_id, r.lang)
        for r in conn.execute(
            select(tr.c.segment_id, tr.c.lang)
            .join(s, s.c.id == tr.c.segment_id)
            .join(d, current)
            .where(ids_in(s.c.document_id, doc_ids), tr.c.text != "")
        )
    } | {  # a sentence a reviewer left out is done too: nothing is left to translate
        (r.segment_id, r.lang)
        for r in conn.execute(
            select(o.c.segment_id, o.c.lang)
            .join(s, s.c.id == o.c.segment_id)
            .join(d, current)
            .where(ids_in(s.c.document_id, doc_ids))
        )
    }
    rows = []
    for status in conn.execute(
        select(st.c.id, st.c.lang, st.c.document_id).where(
            ids_in(st.c.document_id, doc_ids)
        )
    ):
        mine = segs[status.document_id]
        left = [n for sid, n in mine if (sid, status.lang) not in done]
        rows.append(
            {
                "sid": status.id,
                "n_done": len(mine) - len(left),
                "n_all": len(mine),
                "n_words": sum(left),
            }
        )
    if rows:
        conn.execute(
            update(st)
            .where(st.c.id == bindparam("sid"))
            .values(
                translated=bindparam("n_done"),
                segments=bindparam("n_all"),
                words_left=bindparam("n_words"),
            ),
            rows,
        )
